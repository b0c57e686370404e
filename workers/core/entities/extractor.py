"""The default entity extractor (no model, no network) and the factory that picks a backend.

    knowledge-base names ──▶ dates/money/percent/quantities ──▶ context discovery
        ──▶ short-form coreference ──▶ entities

Each step is its own component (``GazetteerMatcher``, ``ValueFinder``, ``ContextDiscoverer``,
``ShortFormResolver``) so it can be tested and swapped alone; the model backends reuse the
matcher, the value finder and the resolver around their own name finder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from schemas.models import CleanArticle, Entity, Label
from workers.core.entities.coref import ShortFormResolver
from workers.core.entities.discovery import ContextDiscoverer
from workers.core.entities.gazetteer import GazetteerMatcher
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.spans import FieldText, Mention, article_fields, longest_first
from workers.core.entities.values import ValueFinder

ABSORBABLE = (Label.LOC, Label.NORP)
"""Known mentions a longer discovered organisation may contain (``جامعة القاهرة``)."""


def merge(known: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """Known mentions win; an extra mention is kept where it overlaps none of them, or where it
    wholly contains only places and nationalities (which it then replaces)."""
    kept = list(known)
    for mention in longest_first(extra):
        # Mention.overlaps written out: this runs for every pair, a method call each was slow.
        field_, start, end = mention.field, mention.start, mention.end
        overlapping = [k for k in kept if k.start < end and start < k.end and k.field == field_]
        if not overlapping:
            kept.append(mention)
        elif mention.label == Label.ORG and all(
            mention.contains(k) and k.label in ABSORBABLE and k.length < mention.length
            for k in overlapping
        ):
            kept = [k for k in kept if k not in overlapping] + [mention]
    return longest_first(kept)


@dataclass
class RuleEntityExtractor:
    """Knowledge base + context rules + coreference: Arabic and English, offline."""

    kb: KnowledgeBase
    name: str = "rules"
    discover: bool = True
    matcher: GazetteerMatcher = field(init=False)
    discoverer: ContextDiscoverer = field(default_factory=ContextDiscoverer)
    resolver: ShortFormResolver = field(default_factory=ShortFormResolver)
    values: ValueFinder | None = field(default_factory=ValueFinder)

    def __post_init__(self) -> None:
        self.matcher = GazetteerMatcher(self.kb)

    def __call__(self, article: CleanArticle) -> list[Entity]:
        fields = article_fields(article)
        return to_entities(fields, self.mentions(fields))

    def mentions(self, fields: Sequence[FieldText]) -> list[Mention]:
        # Values go in before discovery so "June" or "Friday" is never taken for a name.
        mentions = merge(self.matcher.find(fields), find_values(self.values, fields))
        if self.discover:
            discovered = [m for ft in fields for m in self.discoverer.find(ft, mentions)]
            mentions = merge(mentions, discovered)
        mentions = merge(mentions, self.resolver.find(fields, mentions))
        return self.resolver.relink(fields, mentions)


def find_values(finder: ValueFinder | None, fields: Sequence[FieldText]) -> list[Mention]:
    return [m for ft in fields for m in finder.find(ft)] if finder is not None else []


def to_entities(fields: Sequence[FieldText], mentions: Sequence[Mention]) -> list[Entity]:
    texts = {ft.field: ft.text for ft in fields}
    return [m.to_entity(texts[m.field]) for m in mentions]
