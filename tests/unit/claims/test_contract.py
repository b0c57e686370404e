"""The claim stage's contract: offsets, ids, empty input, and its place in the pipeline."""

from __future__ import annotations

from schemas.models import Claim, ClaimKind, RawArticle, Speaker, TextField
from workers.core.claims import claim_id
from workers.core.factory import build_pipeline
from workers.core.ingest import with_defaults


def _claim(text: str = "الاقتصاد سينمو", start: int = 10) -> Claim:
    return Claim(
        text=text,
        speaker=Speaker(text="الوزير"),
        cue="قال",
        kind=ClaimKind.INDIRECT,
        field=TextField.BODY,
        start=start,
        end=start + len(text),
    )


def test_claim_id_is_stable_and_ignores_diacritics_but_not_position(kit) -> None:
    assert claim_id("a1", _claim()) == claim_id("a1", _claim())
    assert claim_id("a1", _claim("الاقتصادُ سينمو")) == claim_id("a1", _claim())
    assert claim_id("a1", _claim(start=11)) != claim_id("a1", _claim())
    assert claim_id("a2", _claim()) != claim_id("a1", _claim())
    assert claim_id("a1", _claim()).startswith("claim-")


def test_article_without_attribution_has_no_claims(kit, extractor) -> None:
    body = "ارتفعت أسعار النفط اليوم.\n\nOil prices rose on Monday as supply tightened."
    assert extractor(kit.make_article(body), []) == []


def test_other_scripts_pass_through(kit, extractor) -> None:
    body = "Премьер-министр заявил, что экономика растёт.\n\n首相表示经济正在增长。"
    assert extractor(kit.make_article(body, lang="und"), []) == []


def test_pipeline_attaches_claims_with_exact_offsets(kit) -> None:
    raw = with_defaults(
        RawArticle(
            title="Talks resume",
            text="The minister said on Monday that talks would resume next week.\n\n"
            '"We are close," she added.',
        )
    )
    enriched = build_pipeline().process(raw)
    assert [c.text for c in enriched.claims] == [
        "talks would resume next week",
        "We are close",
    ]
    for claim in enriched.claims:
        assert enriched.body[claim.start : claim.end] == claim.text
    assert enriched.claims[1].speaker.text == "The minister"
