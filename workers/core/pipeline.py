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

from schemas.models import (
    Claim,
    CleanArticle,
    EnrichedArticle,
    Entity,
    RawArticle,
    RejectReason,
    TextField,
)
from workers.core.deadline import TimeLimitExceeded, time_limit
from workers.core.errors import RejectedInput


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
    extract_timeout: float | None = None
    """Most seconds ``enrich`` may take for one article (None: no limit)."""

    def clean(self, raw: RawArticle) -> CleanArticle:
        return self.cleaner(raw)

    def enrich(self, article: CleanArticle) -> EnrichedArticle:
        """Entities and claims; over ``extract_timeout`` → RejectedInput(EXTRACTION_TIMEOUT)."""
        if self.extract_timeout is None:
            return self._enrich(article)
        try:
            with time_limit(self.extract_timeout):
                return self._enrich(article)
        except TimeLimitExceeded:
            raise RejectedInput(
                RejectReason.EXTRACTION_TIMEOUT,
                f"entity and claim extraction took longer than {self.extract_timeout:g}s "
                f"({len(article.body)} body characters)",
                article.id,
            ) from None

    def _enrich(self, article: CleanArticle) -> EnrichedArticle:
        entities = self.entity_extractor(article)
        claims = self.claim_extractor(article, entities)
        if article.title_derived:
            # The title repeats the body's first line: what it mentions is counted there.
            entities = [e for e in entities if e.field is not TextField.TITLE]
            claims = [c for c in claims if c.field is not TextField.TITLE]
        return EnrichedArticle(**dict(article), entities=entities, claims=claims)

    def process(self, raw: RawArticle) -> EnrichedArticle:
        return self.enrich(self.clean(raw))
