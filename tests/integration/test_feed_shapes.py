"""Records in the shapes real feeds send reach Elasticsearch with their dates, authors and
metadata intact: produced natively, as foreign records mapped by the clean stage's settings,
and through `newsflow produce --field-map --limit --rate` from a .jsonl.gz backfill."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from schemas.documents import article_body

ONE_PARAGRAPH = (
    "The harbour authority approved plans for a new ferry terminal on Monday, "
    "its chairman said today."
)
METADATA = {"tags": ["ports", "transport"], "score": 3, "nested": {"x": 1, "note": None}}
WORKER_FIELD_MAP = "id=docno, source=src, published_at=time"

NATIVE = [
    {
        "id": "shape-rfc",
        "title": "Ferry terminal approved",
        "text": ONE_PARAGRAPH + "\n\nConstruction is due to start next spring, officials said.",
        "published_at": "Sat, 31 Mar 2018 11:39:55 +0400",
        "author": ["Jane Doe", "John Roe"],
        "metadata": METADATA,
    },
    {
        "id": 4242,
        "title": "Cargo volumes rise",
        "text": "Cargo volumes at the port rose for the third month in a row, the harbour office "
        "reported on Friday.",
        "published_at": 1522481995000,
        "metadata": {"score": 7},
    },
    {"id": "shape-no-title", "title": None, "text": ONE_PARAGRAPH, "metadata": None},
    {
        "docno": "ant-shape-1",
        "src": "skynews",
        "cat": "sport",
        "url": None,
        "title": "Local club wins the cup",
        "time": "Wed, 28 Feb 2018 14:05:00 +0300",
        "author": "Staff",
        "text": "The local club won the cup final on Wednesday evening in front of a full "
        "stadium, its coach said.",
    },
]


@pytest.fixture(scope="module")
def running(pipeline):  # type: ignore[no-untyped-def]
    pipeline.env["NEWSFLOW_INGEST__FIELD_MAP"] = WORKER_FIELD_MAP
    pipeline.start_worker()
    pipeline.produce([(None, orjson.dumps(record)) for record in NATIVE])
    pipeline.wait_for_count(len(NATIVE), timeout=180)
    return pipeline


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_dates_authors_and_metadata_reach_the_index_intact(running) -> None:  # type: ignore[no-untyped-def]
    rfc = running.get_article("shape-rfc")
    assert rfc is not None
    assert _instant(rfc["published_at"]) == datetime(
        2018, 3, 31, 11, 39, 55, tzinfo=timezone(timedelta(hours=4))
    )
    assert rfc["author"] == "Jane Doe, John Roe"
    assert rfc["metadata"] == METADATA
    epoch = running.get_article("4242")
    assert epoch is not None
    assert _instant(epoch["published_at"]) == datetime(2018, 3, 31, 7, 39, 55, tzinfo=UTC)
    assert epoch["metadata"] == {"score": 7}


def test_metadata_is_filterable_without_a_mapping_per_key(running) -> None:  # type: ignore[no-untyped-def]
    alias = running.settings.es.alias("articles")
    for query in (
        {"term": {"metadata.tags": "transport"}},
        {"term": {"metadata.nested.x": "1"}},
        {"term": {"metadata": "ports"}},
    ):
        hits = running.es.search(index=alias, query=query)["hits"]["hits"]
        assert [h["_source"]["id"] for h in hits] == ["shape-rfc"], query
    properties = running.es.indices.get_mapping(index=alias)
    (mapping,) = properties.body.values()
    assert mapping["mappings"]["properties"]["metadata"]["type"] == "flattened"


def test_the_one_paragraph_record_without_title_is_indexed_whole(running) -> None:  # type: ignore[no-untyped-def]
    article = running.get_article("shape-no-title")
    assert article is not None
    assert article_body(article) == ONE_PARAGRAPH
    assert article["title"] == ONE_PARAGRAPH and article["title_derived"] is True


def test_the_clean_stage_maps_foreign_records_from_settings(running) -> None:  # type: ignore[no-untyped-def]
    article = running.get_article("ant-shape-1")
    assert article is not None
    assert article["source"] == "skynews"
    assert _instant(article["published_at"]) == datetime(2018, 2, 28, 11, 5, tzinfo=UTC)
    assert article["metadata"] == {"cat": "sport"}


def test_produce_backfills_a_gzip_with_a_field_map_limit_and_rate(running, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = running.count()
    records = [
        {
            "doc_no": f"cli-{n}",
            "pubtime": f"2018-03-0{n + 1}T08:00:00Z",
            "writers": ["A. Writer", "B. Writer"],
            "text": f"Backfilled story number {n} about the harbour has enough words for a body.",
        }
        for n in range(3)
    ]
    path = tmp_path / "backfill.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b"\n".join(orjson.dumps(r) for r in records) + b"\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "workers",
            "produce",
            str(path),
            "--field-map",
            "id=doc_no, published_at=pubtime, author=writers",
            "--limit",
            "2",
            "--rate",
            "20",
        ],
        env=running.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "produced 2 records" in result.stdout and "records/s" in result.stdout
    running.wait_for_count(before + 2, timeout=120)
    first = running.get_article("cli-0")
    assert first is not None and first["author"] == "A. Writer, B. Writer"
    assert _instant(first["published_at"]) == datetime(2018, 3, 1, 8, tzinfo=UTC)
    assert running.get_article("cli-1") is not None
    running.wait_for_lag_zero()
    assert running.get_article("cli-2") is None  # --limit 2
