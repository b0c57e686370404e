"""The processing pipeline: small components with one job each, composed in order.

    RawArticle ──clean──▶ CleanArticle ──entities──▶ ──claims──▶ EnrichedArticle

Each stage is a callable behind a Protocol, so a rule-based and a model-based implementation
are interchangeable (``build_pipeline`` picks them from settings). The pipeline holds no
transport: the Faust agents and the batch command both call it.

The extract stage also takes batches (``enrich_batch``): an entity extractor with a ``batch``
method (a model backend) infers on the whole batch at once; any other is called per article.
One article that fails is reported alone, never the batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from schemas.models import Claim, CleanArticle, EnrichedArticle, Entity, RawArticle


class Cleaner(Protocol):
    def __call__(self, raw: RawArticle) -> CleanArticle:
        """Raw article (with id, fetched_at, version set) → clean article, or RejectedInput."""
        ...


class EntityExtractor(Protocol):
    name: str

    def __call__(self, article: CleanArticle) -> list[Entity]: ...


@runtime_checkable
class BatchEntityExtractor(EntityExtractor, Protocol):
    """An extractor that is cheaper per article on a batch (one model call for all texts)."""

    def batch(self, articles: Sequence[CleanArticle]) -> list[list[Entity]]:
        """Entities of each article, in order. May raise for the whole batch: the pipeline
        then retries the articles one by one, so only the faulty one fails."""
        ...


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
        return EnrichedArticle(**dict(article), entities=entities, claims=claims)

    def enrich_batch(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle | Exception]:
        """``enrich`` for each article, in order; an article that fails gets its exception in
        its place, so the caller can dead-letter it and pass the rest on."""
        extractor = self.entity_extractor
        if isinstance(extractor, BatchEntityExtractor) and len(articles) > 1:
            try:
                found = extractor.batch(articles)
            except Exception:
                return [self._enrich_or_error(article) for article in articles]
            return [
                self._enrich_or_error(article, entities)
                for article, entities in zip(articles, found, strict=True)
            ]
        return [self._enrich_or_error(article) for article in articles]

    def _enrich_or_error(
        self, article: CleanArticle, entities: list[Entity] | None = None
    ) -> EnrichedArticle | Exception:
        try:
            if entities is None:
                entities = self.entity_extractor(article)
            claims = self.claim_extractor(article, entities)
            return EnrichedArticle(**dict(article), entities=entities, claims=claims)
        except Exception as exc:
            return exc

    def process(self, raw: RawArticle) -> EnrichedArticle:
        return self.enrich(self.clean(raw))
