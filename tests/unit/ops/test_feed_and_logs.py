"""The chaos feed's bad inputs get exactly the reasons the chaos run expects (checked in
process, so a wrong expectation fails here in seconds, not after a 10-minute run), and the JSON
log lines carry the record context."""

from __future__ import annotations

import logging

import orjson
import pytest

from bench.e2e.feed import BAD_KINDS, HEAVY_KINDS, build_feed
from schemas.models import RejectReason
from workers.core.claims import CueClaimExtractor
from workers.core.cleaning import build_cleaner
from workers.core.entities.models import build_entity_extractor
from workers.core.errors import RejectedInput
from workers.core.ingest import parse_raw
from workers.core.pipeline import Pipeline
from workers.logs import JsonFormatter, TextFormatter
from workers.settings import ProcessingSettings


@pytest.fixture(scope="module")
def cleaner():  # type: ignore[no-untyped-def]
    instance = build_cleaner()
    yield instance
    instance.close()


@pytest.mark.parametrize("kind", sorted(BAD_KINDS))
def test_every_bad_kind_is_rejected_with_its_expected_reason(cleaner, kind: str) -> None:  # type: ignore[no-untyped-def]
    make, expected = BAD_KINDS[kind]
    with pytest.raises(RejectedInput) as caught:
        article = cleaner(parse_raw(make(1), 2_000_000))
        if expected is RejectReason.EXTRACTION_TIMEOUT:  # clean passes it on to extract
            extractor = build_entity_extractor(ProcessingSettings())
            Pipeline(cleaner, extractor, CueClaimExtractor(), 0.05).enrich(article)
    assert caught.value.reason is expected, caught.value.message


def test_feed_mixes_languages_updates_and_unique_bad_payloads() -> None:
    feed = build_feed(400, bad_per_kind=2, oversize=1)
    assert len(feed.kinds) >= 10
    heavy = len(HEAVY_KINDS)
    assert len(feed.bad) == 2 * (len(BAD_KINDS) - heavy) + heavy  # every payload distinct
    langs = {orjson.loads(v).get("lang") for k, v in feed.records if k is not None}
    assert {"ar", "en"} <= langs
    assert feed.updated_titles and all(feed.good[i] == 3 for i in feed.updated_titles)
    good_records = [v for k, v in feed.records if k is not None]
    assert len(good_records) > len(feed.good)  # updates and stale versions are extra records


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "newsflow.worker", logging.WARNING, __file__, 1, "dead-lettered", None, None
    )
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_json_log_lines_carry_the_context() -> None:
    line = JsonFormatter().format(_record(article_id="a-1", reason="oversize", stage="ingest"))
    entry = orjson.loads(line)
    assert entry["message"] == "dead-lettered" and entry["level"] == "warning"
    assert (entry["article_id"], entry["reason"], entry["stage"]) == ("a-1", "oversize", "ingest")
    assert entry["ts"].endswith("+00:00")


def test_text_log_lines_append_the_context() -> None:
    line = TextFormatter().format(_record(article_id="a-2"))
    assert line.endswith("article_id=a-2") and "dead-lettered" in line
