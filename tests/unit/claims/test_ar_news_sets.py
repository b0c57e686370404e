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


def test_the_second_annotation_covers_only_annotated_articles() -> None:
    data = json.loads((SETS / "second_annotation.json").read_text(encoding="utf-8"))
    ids = [str(a["id"]) for a in data["articles"]]
    assert len(ids) == len(set(ids)) == sum(len(v) for v in data["sets"].values())
    for name, chosen in data["sets"].items():
        first = {str(a["id"]) for a in _articles(name)}
        assert set(chosen) <= first, f"{name}: ids the first annotation lacks"
    allowed = {"speaker", "role", "source", "cue", "stance", "kind", "field", "start", "end"}
    for article in data["articles"]:
        for claim in article["claims"]:
            assert set(claim) <= allowed  # offsets and short keys, never article text
            assert 0 <= claim["start"] < claim["end"]
            assert len(claim["speaker"].split()) <= 6


def test_an_annotation_scored_as_claims_keeps_what_the_matcher_reads() -> None:
    from bench.claims.ar_news import Located, _as_claim
    from workers.core.claims.evaluation import GoldClaim, correct_pairs

    body = "وقال المحافظ إن الجسر سيغلق يومين. وأكدت الوزارة أن الكلفة ستدفع كاملة."
    first = [
        GoldClaim(speaker="المحافظ", text="الجسر سيغلق يومين", stance="assert", kind="indirect"),
        GoldClaim(speaker="الوزارة", text="الكلفة ستدفع كاملة", stance="confirm", kind="indirect"),
    ]
    second = [
        GoldClaim(speaker="الوزارة", text="الكلفة ستدفع كاملة", stance="confirm", kind="indirect"),
        GoldClaim(speaker="رئيس البلدية", text="الجسر سيغلق", stance="assert", kind="indirect"),
    ]
    item = Located("x", "عنوان", body, first)
    claims = [_as_claim(item, g) for g in second]
    assert claims[0].start == body.index("الكلفة") and claims[0].stance.value == "confirm"
    # the content of the second record matches, its speaker does not: only one agreed pair
    assert correct_pairs(claims, first) == [(0, 1)]


def test_no_learned_component_trains_on_a_blind_set() -> None:
    from bench.claims.ar_news import NEVER_TUNED, TUNED_ON

    assert {"blind", "blind2", "blind3"} <= set(NEVER_TUNED)
    assert not set(TUNED_ON) & set(NEVER_TUNED)
    assert set(TUNED_ON) | set(NEVER_TUNED) == set(SETS_IN_ORDER)
