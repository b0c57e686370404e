"""The extract stage's time limit per article: Python work is interrupted at the deadline, the
article becomes RejectedInput(EXTRACTION_TIMEOUT) and the pipeline goes on with the next; a
single C-level regex match is only stopped when it returns (documented in deadline.py)."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime

import pytest

from schemas.models import CleanArticle, RejectReason
from workers.core.deadline import TimeLimitExceeded, time_limit
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.settings import ProcessingSettings


def article(body: str, ident: str = "a1") -> CleanArticle:
    return CleanArticle(
        id=ident,
        lang="en",
        title="A title",
        body=body,
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
        version=1,
        content_hash="h",
    )


def test_a_python_loop_is_interrupted_and_not_swallowed_by_except_exception() -> None:
    caught = []
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            try:
                sum(range(100))
            except Exception as exc:  # the limit must pass through broad handlers
                caught.append(exc)
    assert not caught


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(100))


def test_a_lost_limit_exception_is_raised_again() -> None:
    """The interpreter drops an exception that lands in a destructor or a weakref callback;
    the limit must still end the block instead of letting it run on."""
    lost = outlived = False
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        try:
            _spin(10)
        except TimeLimitExceeded:
            lost = True  # what a destructor would do with it
        _spin(3)
        outlived = True
    assert lost and not outlived


def test_finishing_in_time_leaves_nothing_pending() -> None:
    for _ in range(2000):
        with time_limit(0.5):
            sum(range(10))
    time.sleep(0.6)  # past every deadline: nothing may fire into this thread afterwards
    try:
        total = sum(sum(range(10)) for _ in range(10_000))
    except TimeLimitExceeded:
        pytest.fail("a limit that had already finished fired into the thread later")
    assert total == 450_000


def test_limits_in_several_threads_are_independent() -> None:
    outcomes: dict[str, str] = {}

    def slow(name: str) -> None:
        try:
            with time_limit(0.05):
                while True:
                    pass
        except TimeLimitExceeded:
            outcomes[name] = "interrupted"

    def quick(name: str) -> None:
        with time_limit(5):
            time.sleep(0.2)
        outcomes[name] = "done"

    threads = [
        threading.Thread(target=f, args=(f"{f.__name__}{i}",))
        for i in range(3)
        for f in (slow, quick)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["done"] * 3 + ["interrupted"] * 3


def test_a_c_level_regex_match_is_stopped_only_when_it_returns() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.01):
        re.match(r"(a+)+$", "a" * 19 + "b")  # catastrophic backtracking, all inside C
    # It ran to completion (no bytecode boundary in between) and was flagged afterwards.
    assert time.monotonic() - started > 0.01


def test_an_article_over_the_limit_is_rejected_and_the_next_one_goes_through() -> None:
    pipeline = build_pipeline(ProcessingSettings(extract_timeout_seconds=0.05))
    runaway = article("the minister said that " * 45_000)  # ~1 MB without punctuation
    with pytest.raises(RejectedInput) as caught:
        pipeline.enrich(runaway)
    assert caught.value.reason is RejectReason.EXTRACTION_TIMEOUT
    assert caught.value.article_id == "a1"
    assert "0.05s" in caught.value.message
    pipeline.extract_timeout = 10
    fine = pipeline.enrich(article('"We will win," the minister said on Tuesday.', "a2"))
    assert fine.id == "a2" and fine.claims
