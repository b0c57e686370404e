"""The learned Arabic speaker choice (``speaker_choice.py`` with ``language="ar"``), on
sentences written for these tests: who an elided subject (وأضاف أن …) refers to, the features
that describe an Arabic mention, and that each language uses its own model."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import Label, Speaker
from workers.core.claims import CueClaimExtractor, speaker_choice
from workers.core.claims.speaker_choice import (
    SpeakerChoiceModel,
    candidates_for,
    default_speaker_model,
)
from workers.core.claims.speakers import SpeakerResolver

PEOPLE = [
    ("سامي حداد", Label.PERSON, "Q-haddad", "Sami Haddad"),
    ("رامي ناصر", Label.PERSON, "Q-nasser", "Rami Nasser"),
]

# سامي حداد spoke last; رامي ناصر is named in the sentence before the elided subject.
BODY = (
    "قال سامي حداد إن الطريق الجديد جاهز.\n\n"
    "وفي المساء استقبل الوفد رامي ناصر في مكتبه بالمدينة. وأضاف أن الجسر سيفتح الشهر المقبل."
)

PREFERS_THE_PERSON_NAMED_LAST = SpeakerChoiceModel({"g:named_rank_0": 3.0}, margin=0.5)


def _speakers(extractor: CueClaimExtractor, kit) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [c.speaker.name for c in kit.arabic_claims(extractor, BODY, PEOPLE)]


def test_the_rules_give_the_elided_subject_to_the_last_speaker(kit) -> None:
    extractor = CueClaimExtractor(arabic_speaker_model=None)
    assert _speakers(extractor, kit) == ["Sami Haddad", "Sami Haddad"]


def test_a_model_that_prefers_the_person_named_last_picks_him(kit) -> None:
    extractor = CueClaimExtractor(arabic_speaker_model=PREFERS_THE_PERSON_NAMED_LAST)
    assert _speakers(extractor, kit) == ["Sami Haddad", "Rami Nasser"]


def test_the_english_model_never_decides_an_arabic_subject(kit) -> None:
    extractor = CueClaimExtractor(
        speaker_model=PREFERS_THE_PERSON_NAMED_LAST, arabic_speaker_model=None
    )
    assert _speakers(extractor, kit) == ["Sami Haddad", "Sami Haddad"]


def test_the_decision_log_marks_the_language_and_the_mention_shape(kit) -> None:
    log: list = []
    kit.arabic_claims(CueClaimExtractor(arabic_speaker_model=None, speaker_log=log), BODY, PEOPLE)
    (decision,) = log
    assert decision.language == "ar"
    by_name = {c.speaker.text: c for c in decision.candidates}
    assert by_name["سامي حداد"].rule and not by_name["رامي ناصر"].rule
    named = by_name["رامي ناصر"].features
    # Arabic words count: the name is in the middle of its sentence, not at its start.
    assert named["g:previous_sentence"] == 1.0 and named["g:sentence_initial"] == 0.0
    assert named["g:ar_entity"] == 1.0 and named["g:ar_glued_preposition"] == 0.0


def _remembered(text: str, mention: str, gender: str | None) -> list:  # type: ignore[type-arg]
    resolver = SpeakerResolver(text, [])
    resolver.remember(Speaker(text=mention), gender, None)
    return resolver.seen


@pytest.mark.parametrize(
    ("mention", "cue_gender", "expected"),
    [
        # a preposition read into the span: not the name of anyone
        ("لمنتخب الشروق", "m", {"ar_glued_preposition": 1.0, "ar_definite": 0.0}),
        # a feminine head for a masculine verb
        ("الحكومة", "m", {"ar_feminine_head": 1.0, "ar_feminine_head_m": 1.0}),
        ("المتحدث باسم الوزارة في المدينة", "m", {"ar_role_head": 1.0, "ar_long": 1.0}),
        ("المسؤولون", "p", {"ar_plural_head": 1.0, "ar_feminine_head": 0.0}),
    ],
)
def test_an_arabic_mention_is_described_by_its_shape(
    mention: str, cue_gender: str, expected: dict[str, float]
) -> None:
    text = f"قال {mention} إن الطريق جاهز. وأضاف أن الجسر سيفتح."
    seen = _remembered(text, mention, cue_gender)
    (candidate,) = candidates_for(
        text, text.index("وأضاف"), cue_gender, seen, [], 1, 0, seen[0].speaker, language="ar"
    )
    for name, value in expected.items():
        assert candidate.features[name] == value, name


def test_english_candidates_carry_no_arabic_features() -> None:
    text = "Sam Cole said the road was ready. He added the bridge would open."
    seen = _remembered(text, "Sam Cole", "m")
    (candidate,) = candidates_for(text, text.index("added"), "m", seen, [], 1, 0, None)
    assert not any(name.startswith(("ar_", "g:ar_")) for name in candidate.features)


def test_the_shipped_arabic_model_loads_and_keeps_a_lone_speaker(kit) -> None:
    model = default_speaker_model("ar")
    assert model is not None and model.weights and model.margin >= 0.0
    assert model is not default_speaker_model("en")
    body = "قال سامي حداد إن الطريق الجديد جاهز. وأضاف أن الجسر سيفتح الشهر المقبل."
    claims = kit.arabic_claims(CueClaimExtractor(), body, PEOPLE)
    assert [c.speaker.name for c in claims] == ["Sami Haddad", "Sami Haddad"]


def test_no_arabic_model_file_means_rules_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(speaker_choice, "ARABIC_MODEL_PATH", tmp_path / "absent.json")
    default_speaker_model.cache_clear()
    try:
        assert default_speaker_model("ar") is None
        assert default_speaker_model("en") is not None
    finally:
        default_speaker_model.cache_clear()
