"""The Arabic real-news claim sets (``bench/claims/ar_news``): ids only, disjoint, well-formed.
The article text is read from ``../shared`` by the benchmark, not here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.claims.ar_news import SETS as SETS_IN_ORDER

SETS = Path(__file__).resolve().parents[3] / "bench" / "claims" / "ar_news"
NAMES = SETS_IN_ORDER  # every set the benchmark can score
STANCES = {
    "assert",
    "confirm",
    "announce",
    "deny",
    "warn",
    "accuse",
    "call",
    "estimate",
    "question",
}


def _articles(name: str) -> list[dict[str, object]]:
    data = json.loads((SETS / f"{name}.json").read_text(encoding="utf-8"))
    articles: list[dict[str, object]] = data["articles"]
    return articles


def test_sets_share_no_article() -> None:
    seen: dict[str, str] = {}
    for name in NAMES:
        for article in _articles(name):
            article_id = str(article["id"])
            assert article_id not in seen, f"{article_id} in {seen.get(article_id)} and {name}"
            seen[article_id] = name
    assert sum(1 for name in seen.values() if name == "tuning3") == 25
    assert sum(1 for name in seen.values() if name == "blind2") == 25


@pytest.mark.parametrize("name", NAMES)
def test_annotations_hold_offsets_not_text(name: str) -> None:
    allowed = {"speaker", "role", "source", "cue", "stance", "kind", "field", "start", "end"}
    for article in _articles(name):
        for claim in article["claims"]:  # type: ignore[attr-defined]
            assert set(claim) <= allowed, f"{article['id']}: unexpected keys {set(claim) - allowed}"
            assert 0 <= claim["start"] < claim["end"]
            assert claim.get("stance", "assert") in STANCES
            assert claim.get("field", "body") in ("title", "body")
