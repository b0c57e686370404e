"""Produce → Kafka → worker → Elasticsearch → search, and bad input → dead-letter topic."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from schemas.documents import article_body
from schemas.models import RejectReason
from workers.core.inputs import read_inputs

FEED = Path(__file__).resolve().parents[2] / "samples" / "feed"


@pytest.fixture(scope="module")
def running(pipeline):  # type: ignore[no-untyped-def]
    pipeline.start_worker()
    return pipeline


def test_sample_feed_becomes_searchable_across_languages(running) -> None:  # type: ignore[no-untyped-def]
    records = list(read_inputs([FEED]))
    running.produce([(None, r.payload) for r in records])
    running.wait_for_count(len(records))

    # Entity search by an English name finds Arabic articles that only say بوتين.
    hits = running.es.search(
        index=running.settings.es.alias("articles"),
        query={"match": {"entity_names.text": {"query": "Putin", "operator": "and"}}},
        size=50,
    )["hits"]["hits"]
    langs = {h["_source"]["lang"] for h in hits}
    assert {"ar", "en"} <= langs
    # The seed's WordPress residue never reaches the index.
    bodies = [
        article_body(h["_source"])
        for h in running.es.search(index=running.settings.es.alias("articles"), size=50)["hits"][
            "hits"
        ]
    ]
    assert all("[ad_" not in b and "زر الذهاب إلى الأعلى" not in b for b in bodies)
    # Claims are indexed one document per claim.
    assert running.count("claims") > 0


def test_cli_search_prints_readable_results(running) -> None:  # type: ignore[no-untyped-def]
    running.wait_for_count(1)
    result = subprocess.run(
        [sys.executable, "-m", "workers", "search", "--entity", "Putin"],
        env=running.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "articles found" in result.stdout
    assert "Putin" in result.stdout and "بوتين" in result.stdout


BAD_INPUTS: list[tuple[bytes, RejectReason]] = [
    (b"{this is not json", RejectReason.INVALID_JSON),
    (b"\xc3\x28 invalid utf-8 \xa0\xa1", RejectReason.INVALID_UTF8),
    (b"\x00\x01\x02\x03\x04 binary blob", RejectReason.BINARY_PAYLOAD),
    (orjson.dumps({"title": "headline without any body"}), RejectReason.MISSING_CONTENT),
    (orjson.dumps({"text": {"not": "a string"}}), RejectReason.SCHEMA_VALIDATION),
    (
        orjson.dumps({"schema_version": 99, "text": "from the future"}),
        RejectReason.UNSUPPORTED_SCHEMA_VERSION,
    ),
    (orjson.dumps({"text": "x" * 3_000_000}), RejectReason.OVERSIZE),
    (
        orjson.dumps({"text": "Title only\n\n[ad_1]\n[ad_2]\nRelated articles"}),
        RejectReason.EMPTY_AFTER_CLEANING,
    ),
]


def test_bad_inputs_go_to_the_dlq_with_reason_and_payload(running) -> None:  # type: ignore[no-untyped-def]
    before = running.count()
    good = orjson.dumps(
        {
            "id": "after-the-bad-ones",
            "text": "Council approves budget\n\nThe city council approved next year's budget on "
            "Monday after a long debate, the mayor's office said in a statement.",
        }
    )
    running.produce(
        [(None, payload) for payload, _ in BAD_INPUTS] + [(b"after-the-bad-ones", good)]
    )
    running.wait_for_count(before + 1)  # the worker kept running past every bad input
    letters = running.dead_letters(len(BAD_INPUTS))
    assert len(letters) == len(BAD_INPUTS)
    by_reason = {letter.reason: letter for letter in letters}
    assert set(by_reason) == {reason for _, reason in BAD_INPUTS}
    for payload, reason in BAD_INPUTS:
        letter = by_reason[reason]
        original = (
            base64.b64decode(letter.payload)
            if letter.payload_encoding == "base64"
            else letter.payload.encode()
        )
        assert original == payload, reason
        assert letter.message and letter.error_type
        assert letter.origin_topic == running.settings.kafka.topic("raw")


def test_newer_version_wins_and_replay_of_older_is_ignored(running) -> None:  # type: ignore[no-untyped-def]
    def article(version: int, word: str) -> tuple[bytes, bytes]:
        return b"versioned", orjson.dumps(
            {
                "id": "versioned",
                "version": version,
                "title": f"Version {word}",
                "text": f"The {word} revision of this story has enough words to pass the minimum "
                "length check for an article body.",
            }
        )

    # Out of order: the newer version arrives first, then an older one.
    running.produce([article(2, "second"), article(1, "first")])
    running.wait_for_lag_zero()
    assert running.get_article("versioned")["title"] == "Version second"
    running.produce([article(3, "third")])
    running.wait_for_lag_zero()
    assert running.get_article("versioned")["title"] == "Version third"
    running.produce([article(1, "first")])  # a late replay of an old version
    running.wait_for_lag_zero()
    assert running.get_article("versioned")["title"] == "Version third"
    assert running.count(query={"term": {"id": "versioned"}}) == 1
