"""Entity stage: people, organisations and places linked to canonical ids."""

from workers.core.entities.gazetteer import GazetteerExtractor, KBEntry, KnowledgeBase

__all__ = ["GazetteerExtractor", "KBEntry", "KnowledgeBase"]
