"""Titles come from a text's first line only for plain-text files (or when the record says so);
foreign records are read through a field map; backfill inputs (.jsonl.gz, arrays, folders)
stream with progress."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from schemas.models import DeadLetter
from workers.cli.commands import cli
from workers.core.cleaning import ArticleCleaner, InlineHtmlExtractor
from workers.core.cleaning.cleaner import derive_title
from workers.core.fieldmap import apply_field_map, parse_field_map
from workers.core.ingest import parse_raw
from workers.core.inputs import read_inputs, total_bytes
from workers.stream.producing import chunk_size, mapped_payload

LIMIT = 100_000
# One paragraph, 97 characters, no title: the shape that used to lose its body to the title.
ONE_PARAGRAPH = (
    "The harbour authority approved plans for a new ferry terminal on Monday, "
    "its chairman said today."
)
STORY = (
    "Harbour authority approves new ferry terminal\n\n"
    "The harbour authority approved plans for a new ferry terminal on Monday, "
    "its chairman said.\n\n"
    '"This terminal will double our passenger capacity," said Maria Lopez, the chairwoman.'
)


@pytest.fixture(scope="module")
def cleaner() -> ArticleCleaner:
    return ArticleCleaner(html_extractor=InlineHtmlExtractor())


def test_the_one_paragraph_record_without_title_keeps_its_body(cleaner: ArticleCleaner) -> None:
    assert len(ONE_PARAGRAPH) == 97
    raw = parse_raw(orjson.dumps({"title": None, "text": ONE_PARAGRAPH}), LIMIT)
    article = cleaner(raw)
    assert article.body == ONE_PARAGRAPH
    assert article.title == ONE_PARAGRAPH and article.title_derived


def test_a_json_record_without_title_keeps_every_line_as_body(cleaner: ArticleCleaner) -> None:
    article = cleaner(parse_raw(orjson.dumps({"text": STORY}), LIMIT))
    assert article.body.split("\n\n")[0] == "Harbour authority approves new ferry terminal"
    assert article.title == "Harbour authority approves new ferry terminal"
    assert article.title_derived


def test_the_first_line_is_the_title_when_the_record_says_so(cleaner: ArticleCleaner) -> None:
    article = cleaner(parse_raw(orjson.dumps({"text": STORY, "title_in_text": True}), LIMIT))
    assert article.title == "Harbour authority approves new ferry terminal"
    assert article.body.startswith("The harbour authority approved")
    assert not article.title_derived


def test_a_given_title_is_not_derived(cleaner: ArticleCleaner) -> None:
    raw = parse_raw(orjson.dumps({"title": "Ferry terminal", "text": ONE_PARAGRAPH}), LIMIT)
    article = cleaner(raw)
    assert (article.title, article.body, article.title_derived) == (
        "Ferry terminal",
        ONE_PARAGRAPH,
        False,
    )


def test_derived_titles_are_short_and_cut_at_words() -> None:
    long_line = "Word " * 60
    title = derive_title(long_line)
    assert len(title) <= 120 and title.endswith("…") and not title.endswith(" …")
    two = "The council met on Monday to vote on the budget. It passed by nine votes to four."
    assert derive_title(two) == "The council met on Monday to vote on the budget."
    assert derive_title("Dr. Smith said no.") == "Dr. Smith said no."  # too short to cut


def test_plain_text_files_take_their_title_from_the_first_line(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "record.json").write_text(json.dumps({"text": STORY}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["process", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    by_origin = [json.loads(line) for line in out.read_text().splitlines()]
    from_json, from_txt = by_origin  # sorted: record.json, story.txt
    assert from_txt["body"].startswith("The harbour authority approved")
    assert from_json["body"].startswith("Harbour authority approves new ferry terminal")


def test_process_keeps_dates_authors_and_metadata(tmp_path: Path) -> None:
    record = {
        "id": 12345,
        "title": None,
        "text": ONE_PARAGRAPH,
        "author": ["Jane Doe", "John Roe"],
        "published_at": "Sat, 31 Mar 2018 11:39:55 +0400",
        "metadata": {"tags": ["a", "b"], "score": 3, "nested": {"x": 1}},
    }
    (tmp_path / "in.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["process", str(tmp_path / "in.jsonl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "rejected 0" in result.output
    (article,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert article["id"] == "12345"
    assert article["published_at"] == "2018-03-31T11:39:55+04:00"
    assert article["author"] == "Jane Doe, John Roe"
    assert article["metadata"] == record["metadata"]
    assert article["body"] == ONE_PARAGRAPH


# ---------------------------------------------------------------------------------- field map

ANT_RECORD = {
    "docno": "ANT-SKY-0001",
    "url": "https://news.example/a/1",
    "src": "skynews",
    "cat": "sport",
    "title": "Local club wins the cup",
    "time": "Wed, 28 Feb 2018 14:05:00 +0300",
    "author": "Staff",
    "text": "The local club won the cup final on Wednesday evening in front of a full stadium.",
}


def test_field_map_parses_both_spellings_and_names_bad_entries() -> None:
    expected = {"id": "docno", "source": "src", "published_at": "time"}
    assert parse_field_map("id=docno, source=src, published_at=time") == expected
    assert parse_field_map(json.dumps(expected)) == expected
    assert parse_field_map("") == {}
    with pytest.raises(ValueError, match="'docid', which is not a RawArticle field"):
        parse_field_map("docid=docno")
    with pytest.raises(ValueError, match="has no '='"):
        parse_field_map("id:docno")
    with pytest.raises(ValueError, match="maps 'id' twice"):
        parse_field_map({"id": "a"} | {"id ": "b"})


def test_ant_corpus_records_get_their_date_and_source() -> None:
    mapping = parse_field_map("id=docno, source=src, published_at=time")
    raw = parse_raw(orjson.dumps(ANT_RECORD), LIMIT, field_map=mapping)
    assert raw.id == "ANT-SKY-0001" and raw.source == "skynews"
    assert raw.published_at is not None and raw.published_at.isoformat() == (
        "2018-02-28T14:05:00+03:00"
    )
    assert raw.metadata == {"cat": "sport"}  # the unmapped foreign field is kept
    unmapped = parse_raw(orjson.dumps(ANT_RECORD), LIMIT)
    assert unmapped.published_at is None and unmapped.metadata["time"] == ANT_RECORD["time"]


def test_field_map_reads_nested_values_and_keeps_a_displaced_value() -> None:
    record = {"id": "native", "docno": "foreign", "byline": {"name": "Jane Doe"}, "text": "t"}
    mapped = apply_field_map(record, {"id": "docno", "author": "byline.name"})
    assert mapped["id"] == "foreign" and mapped["author"] == "Jane Doe"
    assert mapped["metadata"] == {"id": "native"} and "docno" not in mapped
    swapped = apply_field_map(
        {"title": "body words", "text": "headline"}, {"title": "text", "text": "title"}
    )
    assert swapped == {"title": "headline", "text": "body words"}


def test_produce_publishes_the_mapped_record() -> None:
    mapping = parse_field_map("id=docno, source=src, published_at=time")
    published = orjson.loads(mapped_payload(orjson.dumps(ANT_RECORD), mapping))
    assert published["id"] == "ANT-SKY-0001" and published["published_at"] == ANT_RECORD["time"]
    assert mapped_payload(b"{broken", mapping) == b"{broken"  # the worker dead-letters it


def test_process_field_map_option(tmp_path: Path) -> None:
    (tmp_path / "ant.jsonl").write_text(json.dumps(ANT_RECORD) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["process", str(tmp_path / "ant.jsonl"), "-o", str(out)]
    result = CliRunner().invoke(
        cli, [*args, "--field-map", "id=docno,source=src,published_at=time"]
    )
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (article["id"], article["source"]) == ("ANT-SKY-0001", "skynews")
    assert article["published_at"] == "2018-02-28T14:05:00+03:00"
    bad = CliRunner().invoke(cli, [*args, "--field-map", "when=time"])
    assert bad.exit_code != 0 and "not a RawArticle field" in bad.output


# ---------------------------------------------------------------------------------- backfill


def test_backfill_inputs_gzip_arrays_and_folders(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    (feed / "sub").mkdir(parents=True)
    lines = [json.dumps({"id": f"g{n}", "text": f"story {n}"}) for n in range(3)]
    with gzip.open(feed / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n\n")
    (feed / "sub" / "b.json").write_text(json.dumps([{"id": "j0", "text": "x"}, {"id": "j1"}]))
    (feed / "ignored.csv").write_text("id,text\n")
    seen: list[int] = []
    records = list(read_inputs([feed], seen.append))
    assert [json.loads(r.payload)["id"] for r in records] == ["g0", "g1", "g2", "j0", "j1"]
    assert records[0].origin.endswith("a.jsonl.gz:1") and records[4].origin.endswith("b.json[1]")
    assert sum(seen) == total_bytes([feed])  # the progress bar reaches its end


def test_a_corrupt_gzip_says_where_it_stopped(tmp_path: Path) -> None:
    good = gzip.compress(b'{"text": "one"}\n' * 2000)
    (tmp_path / "cut.jsonl.gz").write_bytes(good[: len(good) // 2])
    with pytest.raises(ValueError, match=r"cannot read .*cut\.jsonl\.gz past line"):
        list(read_inputs([tmp_path / "cut.jsonl.gz"]))


def test_paced_produce_sends_small_chunks() -> None:
    assert chunk_size(None) == 1000
    assert chunk_size(50) == 5 and chunk_size(0.5) == 1 and chunk_size(10**6) == 1000


def test_batch_rejects_list_the_reason_for_garbage(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "bad-date", "text": ONE_PARAGRAPH, "published_at": "not a date"}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["process", str(tmp_path / "in.jsonl"), "-o", str(out)])
    (letter,) = [
        DeadLetter.model_validate_json(line)
        for line in out.with_suffix(".rejects.jsonl").read_text().splitlines()
    ]
    assert letter.reason.value == "schema_validation"
    assert "published_at: got string 'not a date'; expected a date" in letter.message
