"""The batch command reads every input kind, keeps going past bad records, and rejects them
with their reason and original payload."""

import json
from pathlib import Path

from typer.testing import CliRunner

from schemas.models import DeadLetter
from workers.cli.commands import cli
from workers.core.inputs import read_inputs

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


SITE_MENU = "Tide tables · Ferry times · Letters to the keeper"
SITE_FOOTER = "The Harbour Gazette has told the coast its own news since 1911."
STORIES = [
    (
        "Lighthouse keeper retires after forty years",
        "Ana Sousa climbed the 212 steps of the north lighthouse for the last time on Friday.",
        "Her successor, a former navy signaller, starts in March.",
    ),
    (
        "Fish market moves to the old customs shed",
        "Traders will open their stalls in the renovated customs shed from next month.",
        "The council expects the move to double Saturday footfall.",
    ),
    (
        "Storm damages the western breakwater",
        "Engineers said repairs to the breakwater would take at least six weeks.",
        "Small boats have been told to use the inner basin until then.",
    ),
    (
        "Ferry fares frozen for another year",
        "The island ferry company said ticket prices would stay at this year's level.",
        "Season tickets for islanders will also keep their current discount.",
    ),
]


def test_batch_learns_site_chrome_no_lexicon_knows(tmp_path: Path) -> None:
    site = tmp_path / "harbour-gazette"
    site.mkdir()
    for title, lead, unique in STORIES:
        (site / f"{title[:12]}.txt").write_text(
            f"{title}\n\n{SITE_MENU}\n\n{lead} It was a long day on the quay.\n\n{unique}\n\n"
            f"{SITE_FOOTER}\n",
            encoding="utf-8",
        )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["process", str(site), "-o", str(out)])
    assert result.exit_code == 0, result.output
    bodies = [json.loads(line)["body"] for line in out.read_text().splitlines()]
    assert len(bodies) == len(STORIES)
    for body in bodies:
        assert SITE_MENU not in body and SITE_FOOTER not in body
        story = next(s for s in STORIES if s[1] in body)
        assert story[2] in body  # a line in one article only is never chrome
