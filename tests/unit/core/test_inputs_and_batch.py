"""The batch command reads every input kind, keeps going past bad records, and rejects them
with their reason and original payload."""

import json
from pathlib import Path

from typer.testing import CliRunner

from schemas.models import DeadLetter
from workers.cli import cli
from workers.inputs import read_inputs

ENGLISH = """Harbour authority approves new ferry terminal

The harbour authority approved plans for a new ferry terminal on Monday, its chairman said.

"This terminal will double our passenger capacity," said Maria Lopez, the authority's chairwoman.
"""


def _write_inputs(tmp: Path) -> Path:
    feed = tmp / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (feed / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": ENGLISH.replace("ferry", "cargo"), "lang": "en"})
        + "\n"
        + "{broken json\n"
        + json.dumps({"id": "j3", "title": "no body at all"})
        + "\n",
        encoding="utf-8",
    )
    return feed


def test_read_inputs_turns_each_kind_into_raw_payloads(tmp_path: Path) -> None:
    records = list(read_inputs([_write_inputs(tmp_path)]))
    assert [r.origin.rsplit("/", 1)[-1] for r in records] == [
        "a.txt",
        "b.jsonl:1",
        "b.jsonl:2",
        "b.jsonl:3",
    ]
    assert json.loads(records[0].payload)["source"] == "feed"


def test_process_writes_enriched_articles_and_rejects(tmp_path: Path) -> None:
    feed = _write_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["process", str(feed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    articles = [json.loads(line) for line in out.read_text().splitlines()]
    assert [a["title"] for a in articles] == [
        "Harbour authority approves new ferry terminal",
        "Harbour authority approves new cargo terminal",
    ]
    assert articles[1]["id"] == "j1"
    assert set(articles[0]) >= {
        "id",
        "source",
        "url",
        "lang",
        "title",
        "body",
        "published_at",
        "entities",
        "claims",
    }
    letters = [
        DeadLetter.model_validate_json(line)
        for line in out.with_suffix(".rejects.jsonl").read_text().splitlines()
    ]
    assert [(d.reason.value, d.payload) for d in letters] == [
        ("invalid_json", "{broken json"),
        ("missing_content", json.dumps({"id": "j3", "title": "no body at all"})),
    ]
    assert "invalid_json" in result.output and "missing_content" in result.output
