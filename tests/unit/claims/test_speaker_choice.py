"""The learned English speaker choice (``speaker_choice.py``), on sentences written for these
tests: candidates and their features, the model's override and its fallback to the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.models import Label
from workers.core.claims import CueClaimExtractor, speaker_choice
from workers.core.claims.draft import Span
from workers.core.claims.speaker_choice import (
    SpeakerChoiceModel,
    candidates_for,
    default_speaker_model,
)
from workers.core.claims.speakers import SpeakerResolver

PEOPLE = [
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
    ("Peter Quinn", Label.PERSON, "Q-quinn", "Peter Quinn"),
]

# Tom Harlow spoke last; Peter Quinn is the person the sentence before the pronoun is about.
BODY = (
    '"The roads will be fixed by June," Tom Harlow said.\n\n'
    "Last year the council hired Peter Quinn to inspect the bridge. "
    "He said the cables were worn."
)

PREFERS_THE_PREVIOUS_SENTENCE = SpeakerChoiceModel(
    {"g:previous_sentence": 2.0, "g:named_rank_0": 1.0, "g:hearer": -0.5}, margin=0.5
)


def _speakers(extractor: CueClaimExtractor, kit) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [c.speaker.name for c in kit.english_claims(extractor, BODY, PEOPLE)]


def test_the_rules_give_the_pronoun_to_the_last_speaker(kit) -> None:
    assert _speakers(CueClaimExtractor(speaker_model=None), kit) == ["Tom Harlow", "Tom Harlow"]


def test_a_model_that_prefers_the_previous_sentence_picks_its_person(kit) -> None:
    extractor = CueClaimExtractor(speaker_model=PREFERS_THE_PREVIOUS_SENTENCE)
    assert _speakers(extractor, kit) == ["Tom Harlow", "Peter Quinn"]


def test_a_model_unsure_by_less_than_its_margin_keeps_the_rules(kit) -> None:
    unsure = SpeakerChoiceModel(dict(PREFERS_THE_PREVIOUS_SENTENCE.weights), margin=10.0)
    assert _speakers(CueClaimExtractor(speaker_model=unsure), kit) == ["Tom Harlow", "Tom Harlow"]


def test_the_decision_log_lists_both_people_and_marks_the_rules_choice(kit) -> None:
    log: list = []
    extractor = CueClaimExtractor(speaker_model=None, speaker_log=log)
    kit.english_claims(extractor, BODY, PEOPLE)
    (decision,) = log
    by_name = {c.speaker.text: c for c in decision.candidates}
    assert by_name["Tom Harlow"].rule and not by_name["Peter Quinn"].rule
    assert by_name["Peter Quinn"].features["g:previous_sentence"] == 1.0
    assert by_name["Tom Harlow"].features.get("g:previous_sentence", 0.0) == 0.0


def test_a_person_told_something_is_marked_as_a_hearer(kit) -> None:
    text = "Ann Moss told Peter Quinn about the plan. She said it was ready."
    entities = kit.mentions(text, [("Peter Quinn", Label.PERSON, "Q-quinn", "Peter Quinn")])
    resolver = SpeakerResolver(text, entities)
    start = text.index("Peter Quinn")
    rule = resolver.speaker(Span(start, start + len("Peter Quinn")), None, None)
    (candidate,) = candidates_for(text, text.index("said"), "f", [], entities, 1, 0, rule)
    assert candidate.rule
    assert candidate.features["hearer"] == 1.0
    assert candidate.features["g:hearer"] == 1.0


def test_a_model_needs_a_rule_choice_and_another_candidate() -> None:
    assert PREFERS_THE_PREVIOUS_SENTENCE.choose([]) is None


def test_a_model_reads_back_from_json() -> None:
    data = json.loads(json.dumps({"weights": {"g:subject": 1.5}, "margin": 0.25}))
    model = SpeakerChoiceModel.from_json(data)
    assert model.weights == {"g:subject": 1.5} and model.margin == 0.25
    with pytest.raises(ValueError):
        SpeakerChoiceModel.from_json({"weights": [1, 2]})


def test_no_model_file_means_rules_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(speaker_choice, "MODEL_PATH", tmp_path / "absent.json")
    default_speaker_model.cache_clear()
    try:
        assert default_speaker_model() is None
    finally:
        default_speaker_model.cache_clear()


def test_the_shipped_model_loads_and_keeps_an_agreeing_last_speaker(kit) -> None:
    model = default_speaker_model()
    assert model is not None and model.weights and model.margin >= 0.0
    # Nobody else is in view: the learned choice has no other candidate to prefer.
    body = '"The roads will be fixed by June," Tom Harlow said. "And soon," he added.'
    claims = kit.english_claims(CueClaimExtractor(), body, PEOPLE)
    assert {c.speaker.name for c in claims} == {"Tom Harlow"}


def test_a_gender_disagreeing_candidate_never_replaces_an_agreeing_rule_choice() -> None:
    model = SpeakerChoiceModel({"named_rank_0": 5.0}, margin=0.0)
    rule = {"gender_agree": 1.0}
    other = {"named_rank_0": 1.0, "gender_disagree": 1.0}
    assert model.pick([rule, other], 0) == 0
    assert model.pick([rule, {"named_rank_0": 1.0}], 0) == 1


def test_an_organisation_is_a_candidate_for_they_but_not_for_she(kit) -> None:
    text = "The Harbour Trust sold the pier. They said the sale was final."
    table = [("The Harbour Trust", Label.ORG, "Q-trust", "The Harbour Trust")]
    entities = kit.mentions(text, table)
    cue = text.index("said")
    for_they = candidates_for(text, cue, "p", [], entities, 1, 0, None)
    assert [c.speaker.text for c in for_they] == ["The Harbour Trust"]
    assert for_they[0].features["p:named_org"] == 1.0
    assert candidates_for(text, cue, "f", [], entities, 1, 0, None) == []
