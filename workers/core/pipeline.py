"""The processing pipeline: small components with one job each, composed in order.

    RawArticle ──clean──▶ CleanArticle ──entities──▶ ──claims──▶ EnrichedArticle

Each stage is a callable behind a Protocol, so a rule-based and a model-based implementation
are interchangeable (``build_pipeline`` picks them from settings). The pipeline holds no
transport: the Faust agents and the batch command both call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from schemas.models import Claim, CleanArticle, EnrichedArticle, Entity, RawArticle, TextField


class Cleaner(Protocol):
    def __call__(self, raw: RawArticle) -> CleanArticle:
        """Raw article (with id, fetched_at, version set) → clean article, or RejectedInput."""
        ...


class EntityExtractor(Protocol):
    name: str

    def __call__(self, article: CleanArticle) -> list[Entity]: ...


class ClaimExtractor(Protocol):
    name: str

    def __call__(self, article: CleanArticle, entities: Sequence[Entity]) -> list[Claim]: ...


@dataclass
class Pipeline:
    cleaner: Cleaner
    entity_extractor: EntityExtractor
    claim_extractor: ClaimExtractor

    def clean(self, raw: RawArticle) -> CleanArticle:
        return self.cleaner(raw)

    def enrich(self, article: CleanArticle) -> EnrichedArticle:
        entities = self.entity_extractor(article)
        claims = self.claim_extractor(article, entities)
        if article.title_derived:
            # The title repeats the body's first line: what it mentions is counted there.
            entities = [e for e in entities if e.field is not TextField.TITLE]
            claims = [c for c in claims if c.field is not TextField.TITLE]
        return EnrichedArticle(**dict(article), entities=entities, claims=claims)

    def process(self, raw: RawArticle) -> EnrichedArticle:
        return self.enrich(self.clean(raw))
