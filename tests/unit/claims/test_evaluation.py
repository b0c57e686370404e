"""The evaluation's matching rules and the annotated corpus it runs on."""

from __future__ import annotations

from schemas.models import Claim, ClaimKind, Speaker, Stance, TextField
from workers.core.claims.evaluation import (
    CORPUS,
    GoldClaim,
    content_overlap,
    evaluate,
    load_corpus,
    score_article,
)
from workers.core.entities import GazetteerExtractor, KnowledgeBase


def _claim(text: str, speaker: str, stance: Stance = Stance.ASSERT) -> Claim:
    return Claim(
        text=text,
        speaker=Speaker(text=speaker),
        cue="said",
        kind=ClaimKind.INDIRECT,
        stance=stance,
        field=TextField.BODY,
        start=0,
        end=len(text),
    )


def test_content_overlap_ignores_arabic_article_and_case(kit) -> None:
    assert content_overlap("الاتفاق يشبه المعاهدة", "اتفاق يشبه معاهدة") == 1.0
    assert content_overlap("Prices Rose", "prices rose sharply") == 0.8
    assert content_overlap("a b", "c d") == 0.0


def test_pair_needs_both_speaker_and_content(kit) -> None:
    gold = [
        GoldClaim(
            speaker="Anna Berg", text="prices will rise next year", stance="warn", kind="indirect"
        )
    ]
    right = _claim("prices will rise next year", "Berg", Stance.WARN)
    wrong_speaker = _claim("prices will rise next year", "the bank")
    wrong_content = _claim("the strike is over", "Anna Berg")
    scores, _ = score_article([right], gold)
    assert (scores.correct, scores.stance_ok) == (1, 1)
    scores, notes = score_article([wrong_speaker], gold)
    assert (scores.correct, scores.content_only) == (0, 1)
    assert any("WRONG SPEAKER" in n for n in notes)
    scores, _ = score_article([wrong_content], gold)
    assert scores.correct == 0 and scores.precision == 0.0 and scores.recall == 0.0


def test_corpus_is_large_enough_and_its_gold_spans_exist(kit) -> None:
    corpus = load_corpus(CORPUS)  # raises if a gold text is not in its article
    langs = [item.article.lang for item in corpus]
    assert len(corpus) >= 20 and langs.count("ar") >= 10 and langs.count("en") >= 10
    assert sum(len(item.gold) for item in corpus) >= 100


def test_extractor_quality_does_not_regress_on_the_corpus(kit) -> None:
    # The bundled gazetteer, so another stage's work in progress cannot move these figures.
    report = evaluate(measure_speed=False, entity_stage=GazetteerExtractor(KnowledgeBase.bundled()))
    # Floors well under the measured figures (see bench/claims/README.md): a drop below
    # them is a regression, not noise.
    assert report.overall.precision >= 0.85
    assert report.overall.recall >= 0.85
    assert report.overall.stance_ok / report.overall.correct >= 0.9
