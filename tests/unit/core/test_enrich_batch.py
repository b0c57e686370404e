"""Pipeline.enrich_batch: a batch-capable entity backend gets one call per batch; a batch call
that fails falls back to one call per article, so only the faulty article gets an error."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import UTC, datetime

from schemas.models import (
    Claim,
    CleanArticle,
    EnrichedArticle,
    Entity,
    Label,
    RejectReason,
    TextField,
)
from workers.core.errors import RejectedInput
from workers.core.pipeline import Pipeline


def article(n: int, title: str = "Mayor opens the new bridge") -> CleanArticle:
    return CleanArticle(
        id=f"a{n}",
        lang="en",
        title=title,
        body="The mayor opened the bridge on Sunday after two years of work.",
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        version=1,
        content_hash=f"h{n}",
    )


def mention(a: CleanArticle) -> Entity:
    return Entity(
        text=a.id,
        label=Label.MISC,
        field=TextField.TITLE,
        start=0,
        end=1,
        entity_id=f"id:{a.id}",
        name=a.id,
    )


class BatchBackend:
    name = "fake-model"

    def __init__(self) -> None:
        self.batch_calls: list[int] = []
        self.single_calls = 0

    def __call__(self, a: CleanArticle) -> list[Entity]:
        self.single_calls += 1
        if a.title == "poison":
            raise ValueError(f"cannot read {a.id}")
        return [mention(a)]

    def batch(self, articles: Sequence[CleanArticle]) -> list[list[Entity]]:
        self.batch_calls.append(len(articles))
        if any(a.title == "poison" for a in articles):
            raise ValueError("batch failed")
        return [[mention(a)] for a in articles]


class NoClaims:
    name = "none"

    def __call__(self, a: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        return []


def pipeline(backend: BatchBackend) -> Pipeline:
    return Pipeline(cleaner=None, entity_extractor=backend, claim_extractor=NoClaims())  # type: ignore[arg-type]


def test_a_batch_backend_infers_once_per_batch_and_keeps_the_order() -> None:
    backend = BatchBackend()
    results = pipeline(backend).enrich_batch([article(n) for n in range(5)])
    assert backend.batch_calls == [5] and backend.single_calls == 0
    assert all(isinstance(r, EnrichedArticle) for r in results)
    assert [r.entities[0].text for r in results if isinstance(r, EnrichedArticle)] == [
        f"a{n}" for n in range(5)
    ]


def test_a_failing_batch_is_retried_per_article_and_only_the_culprit_fails() -> None:
    backend = BatchBackend()
    batch = [article(0), article(1, title="poison"), article(2)]
    results = pipeline(backend).enrich_batch(batch)
    assert backend.batch_calls == [3] and backend.single_calls == 3
    assert isinstance(results[0], EnrichedArticle) and isinstance(results[2], EnrichedArticle)
    assert isinstance(results[1], ValueError) and "a1" in str(results[1])


class LoopsOn:
    """A claim extractor that never finishes on one title: the per-article limit must stop it."""

    name = "loops"

    def __init__(self, title: str) -> None:
        self.title = title

    def __call__(self, a: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        while a.title == self.title:
            sum(range(100))
        return []


class HangingBatch(BatchBackend):
    def batch(self, articles: Sequence[CleanArticle]) -> list[list[Entity]]:
        self.batch_calls.append(len(articles))
        while True:
            sum(range(100))


def test_the_time_limit_holds_per_article_inside_a_batch() -> None:
    backend = BatchBackend()
    limited = Pipeline(
        cleaner=None,  # type: ignore[arg-type]
        entity_extractor=backend,
        claim_extractor=LoopsOn("endless"),
        extract_timeout=0.2,
    )
    results = limited.enrich_batch([article(0), article(1, title="endless"), article(2)])
    assert isinstance(results[0], EnrichedArticle) and isinstance(results[2], EnrichedArticle)
    assert isinstance(results[1], RejectedInput)
    assert results[1].reason is RejectReason.EXTRACTION_TIMEOUT


def test_a_batch_call_over_its_limit_falls_back_to_one_call_per_article() -> None:
    backend = HangingBatch()
    limited = Pipeline(
        cleaner=None,  # type: ignore[arg-type]
        entity_extractor=backend,
        claim_extractor=NoClaims(),
        extract_timeout=0.1,
    )
    results = limited.enrich_batch([article(n) for n in range(3)])
    assert backend.batch_calls == [3] and backend.single_calls == 3
    assert all(isinstance(r, EnrichedArticle) for r in results)


def test_a_derived_title_adds_no_entities_of_its_own_in_a_batch() -> None:
    backend = BatchBackend()
    derived = article(0).model_copy(update={"title_derived": True})
    [result, plain] = pipeline(backend).enrich_batch([derived, article(1)])
    assert isinstance(result, EnrichedArticle) and result.entities == []
    assert isinstance(plain, EnrichedArticle) and len(plain.entities) == 1


def _busy(seconds: float) -> None:
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        sum(range(100))


class SlowBatch(BatchBackend):
    def batch(self, articles: Sequence[CleanArticle]) -> list[list[Entity]]:
        self.batch_calls.append(len(articles))
        _busy(0.3)
        return [[mention(a)] for a in articles]


class SlowClaims:
    name = "slow"

    def __call__(self, a: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        _busy(0.2)
        return []


def test_a_long_article_is_charged_its_share_of_the_batch_time() -> None:
    """The batch took 0.3 s of a 0.4 s limit, nearly all of it for the long article: its
    claims (0.2 s) no longer fit; the short article's still do."""
    backend = SlowBatch()
    limited = Pipeline(
        cleaner=None,  # type: ignore[arg-type]
        entity_extractor=backend,
        claim_extractor=SlowClaims(),
        extract_timeout=0.4,
    )
    long = article(0).model_copy(update={"body": "The mayor spoke again. " * 400})
    results = limited.enrich_batch([long, article(1)])
    assert backend.batch_calls == [2] and backend.single_calls == 0
    assert isinstance(results[0], RejectedInput)
    assert results[0].reason is RejectReason.EXTRACTION_TIMEOUT
    assert isinstance(results[1], EnrichedArticle)
