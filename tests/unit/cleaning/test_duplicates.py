"""Exact and near duplicates, first-seen by fetch time, shareable through observations."""

import random
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from workers.core.cleaning import (
    ArticleCleaner,
    DuplicateArticle,
    DuplicateIndex,
    DuplicateObservation,
    InlineHtmlExtractor,
)

T0 = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)

AGENCY = [
    "Chipmaker picks Riverside for $3.5 billion factory",
    "A semiconductor manufacturer has chosen Riverside as the site of a $3.5 billion factory "
    "that is expected to create about 1,800 jobs when it opens in 2027, officials said.",
    "The plant will produce chips used in cars and industrial equipment, a segment that "
    "suffered severe shortages during the pandemic.",
    "The state offered a package of tax credits and infrastructure spending worth about $420 "
    "million over 15 years, according to documents released by the governor's office.",
    "Critics questioned the size of the incentives, saying the state needs to show how it "
    "gets that money back. Construction is scheduled to start early next year.",
]
AUTOBLOG = [
    "Auto News Daily — all the news, all the time",
    "BREAKING: Chipmaker picks Riverside for $3.5 billion factory",
    *AGENCY[1:4],
    "Don't forget to like our page and share with your friends!!!",
    "Copyright 2024 Auto News Daily",
]


def test_autoblog_copy_is_marked_duplicate_of_the_agency_story(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    original = cleaner(make_raw(text="\n".join(AGENCY), source="agency.example", id="agency-1"))
    assert original.duplicate_of is None
    unrelated = cleaner(
        make_raw(
            text="Storm warning\nForecasters issued a storm warning for the whole coastline on "
            "Monday, with gusts of up to 110 km/h expected overnight and waves of six metres.",
            source="coast.example",
        )
    )
    assert unrelated.duplicate_of is None
    copy = cleaner(make_raw(text="\n".join(AUTOBLOG), source="autoblog.example", id="blog-9"))
    assert copy.duplicate_of == "agency-1"
    assert copy.duplicate_similarity is not None and 0.5 <= copy.duplicate_similarity < 1


def test_exact_copy_has_similarity_one_and_replay_is_not_its_own_duplicate(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    first = make_raw(text="\n".join(AGENCY), id="x1")
    assert cleaner(first).duplicate_of is None
    assert cleaner(first).duplicate_of is None  # at-least-once replay
    second = cleaner(make_raw(text="\n".join(AGENCY), id="x2"))
    assert (second.duplicate_of, second.duplicate_similarity) == ("x1", 1.0)


def test_first_seen_is_by_fetch_time_not_arrival(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    late = make_raw(text="\n".join(AGENCY), id="late", fetched_at=T0 + timedelta(hours=2))
    early = make_raw(text="\n".join(AGENCY), id="early", fetched_at=T0)
    assert cleaner(late).duplicate_of is None  # nothing earlier known yet
    assert cleaner(early).duplicate_of is None  # the earlier one is never a duplicate
    assert cleaner(late).duplicate_of == "early"  # replayed: now it knows


def test_drop_mode_raises_a_non_error_signal(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor(), duplicate_mode="drop")
    cleaner(make_raw(text="\n".join(AGENCY), id="d1"))
    with pytest.raises(DuplicateArticle) as caught:
        cleaner(make_raw(text="\n".join(AGENCY), id="d2"))
    assert caught.value.result.article.duplicate_of == "d1"
    assert caught.value.result.observation()  # still to be published


def test_index_converges_from_observations_in_any_order() -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(300)]
    index = DuplicateIndex()
    observations = []
    for i in range(40):
        body = " ".join(rng.choice(words) for _ in range(60))
        obs = index.observe(f"a{i}", T0 + timedelta(minutes=i), 1, f"h{i}", body)
        observations.append(DuplicateObservation.from_dict(obs.to_dict()))
    a, b = DuplicateIndex(max_entries=30), DuplicateIndex(max_entries=30)
    a.apply_many(observations)
    shuffled = observations * 2
    rng.shuffle(shuffled)
    b.apply_many(shuffled)
    assert a.state_digest() == b.state_digest()
    assert len(a) == 30


def _check_one_candidate_at_a_time(
    index: DuplicateIndex, obs: DuplicateObservation
) -> tuple[str | None, float | None]:
    """The verdict as the index gave it before the vectorised comparison: near duplicates
    only, one np.mean per LSH candidate."""
    best = None
    assert obs.signature is not None
    for other_id in index._bands.query(obs.signature):
        near = index._entries.get(other_id)
        if other_id == obs.article_id or near is None or near.signature is None:
            continue
        if not near.key < obs.order_key:
            continue
        sim = float(np.mean(near.signature == obs.signature))
        if sim >= index.threshold and (best is None or near.key < best[0]):
            best = (near.key, other_id, sim)
    return (None, None) if best is None else (best[1], round(best[2], 4))


def test_vectorised_near_duplicate_check_matches_per_candidate_comparison() -> None:
    rng = random.Random(11)
    base = [f"word{i}" for i in range(120)]
    index = DuplicateIndex()
    observations = []
    for i in range(200):
        words = list(base)
        for _ in range(rng.choice([0, 2, 8, 25, 60, 120])):  # from near copies to unrelated
            words[rng.randrange(len(words))] = f"other{rng.randrange(10_000)}"
        # fetch times out of arrival order, so some candidates are later than the query
        fetched = T0 + timedelta(minutes=rng.randrange(500))
        obs = index.observe(f"a{i}", fetched, 1, f"h{i}", " ".join(words))
        observations.append(obs)
        index.apply(obs)
    marked = 0
    for obs in observations:
        verdict = index.check(obs)
        assert (verdict.duplicate_of, verdict.similarity) == _check_one_candidate_at_a_time(
            index, obs
        )
        marked += verdict.duplicate_of is not None
    assert 0 < marked < len(observations)
