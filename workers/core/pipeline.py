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

import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

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
    extract_timeout: float | None = None
    """Most seconds ``enrich`` may take for one article (None: no limit)."""

    def clean(self, raw: RawArticle) -> CleanArticle:
        return self.cleaner(raw)

    def enrich(
        self, article: CleanArticle, entities: list[Entity] | None = None, spent: float = 0.0
    ) -> EnrichedArticle:
        """Entities (unless given, found by a batch that took ``spent`` seconds for this
        article) and claims; over ``extract_timeout`` in all → RejectedInput(EXTRACTION_TIMEOUT)."""
        try:
            if self.extract_timeout is None:
                return self._enrich(article, entities)
            left = self.extract_timeout - spent
            if left <= 0:
                raise TimeLimitExceeded
            with time_limit(left):
                return self._enrich(article, entities)
        except TimeLimitExceeded:
            raise RejectedInput(
                RejectReason.EXTRACTION_TIMEOUT,
                f"entity and claim extraction took longer than {self.extract_timeout:g}s "
                f"({len(article.body)} body characters)",
                article.id,
            ) from None

    def _enrich(self, article: CleanArticle, entities: list[Entity] | None) -> EnrichedArticle:
        if entities is None:
            entities = self.entity_extractor(article)
        claims = self.claim_extractor(article, entities)
        if article.title_derived:
            # The title repeats the body's first line: what it mentions is counted there.
            entities = [e for e in entities if e.field is not TextField.TITLE]
            claims = [c for c in claims if c.field is not TextField.TITLE]
        return EnrichedArticle(**dict(article), entities=entities, claims=claims)

    def enrich_batch(self, articles: Sequence[CleanArticle]) -> list[EnrichedArticle | Exception]:
        """``enrich`` for each article, in order; an article that fails (or runs over its time
        limit) gets its exception in its place, so the caller can dead-letter it and pass the
        rest on.

        The batch entity call gets one article's time limit for the whole batch (a healthy
        batch needs a fraction of it); over it, or on an error, the articles are redone one by
        one, each with its own limit, so a runaway article is caught alone. After a batch call
        each article is charged its share of the batch time by characters (the models' cost
        is about linear in text length) and its claims get what is left of its limit."""
        found: list[list[Entity]] | None = None
        spent = [0.0] * len(articles)
        extractor = self.entity_extractor
        if isinstance(extractor, BatchEntityExtractor) and len(articles) > 1:
            started = time.perf_counter()
            try:
                with self._time_limit():
                    found = extractor.batch(articles)
            except (Exception, TimeLimitExceeded):
                found = None  # one by one, so only the faulty article fails
            else:
                seconds = time.perf_counter() - started
                sizes = [len(a.title) + len(a.body) for a in articles]
                total = max(1, sum(sizes))
                spent = [seconds * size / total for size in sizes]
        results: list[EnrichedArticle | Exception] = []
        for i, article in enumerate(articles):
            try:
                entities = None if found is None else found[i]
                results.append(self.enrich(article, entities, spent[i]))
            except Exception as exc:
                results.append(exc)
        return results

    def _time_limit(self) -> AbstractContextManager[None]:
        if self.extract_timeout is None:
            return nullcontext()
        return time_limit(self.extract_timeout)

    def process(self, raw: RawArticle) -> EnrichedArticle:
        return self.enrich(self.clean(raw))
