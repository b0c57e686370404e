"""Entity stage: people, organisations and places linked to canonical ids."""

from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.gazetteer import GazetteerExtractor, GazetteerMatcher
from workers.core.entities.kb import KBEntry, KnowledgeBase

__all__ = [
    "GazetteerExtractor",
    "GazetteerMatcher",
    "KBEntry",
    "KnowledgeBase",
    "RuleEntityExtractor",
]
