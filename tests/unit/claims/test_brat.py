"""The brat (PolNeAR-style) scorer, on a tiny annotated article written for this test."""

from __future__ import annotations

from pathlib import Path

from schemas.models import Claim, ClaimKind, Speaker, Stance, TextField
from workers.core.claims.brat import is_speech_cue, load_brat, score_brat_article

TEXT = (
    "Mayor wins vote\n\n"
    "The mayor said the budget was balanced. Critics think it is not. "
    "He added that taxes would stay flat."
)


def _span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _ann() -> str:
    rows = []
    n = 0
    relations = [
        ("The mayor", "said", "the budget was balanced"),
        ("Critics", "think", "it is not"),
        ("He", "added", "that taxes would stay flat"),
    ]
    for e, (source, cue, content) in enumerate(relations, 1):
        ids = []
        for role, part in (("Source", source), ("Cue", cue), ("Content", content)):
            n += 1
            a, b = _span(part)
            rows.append(f"T{n}\t{role} {a} {b}\t{part}")
            ids.append(f"{role}:T{n}")
        rows.append(f"E{e}\tAttribution:T{n} " + " ".join(ids))
    return "\n".join(rows) + "\n"


def _write(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a1_x1.ann").write_text(_ann(), encoding="utf-8")
    (tmp_path / "attributions" / "a1_z9.ann").write_text("", encoding="utf-8")
    return tmp_path


def _claim(item, part: str, speaker: str) -> Claim:  # type: ignore[no-untyped-def]
    a, b = _span(part)
    return Claim(
        text=part,
        speaker=Speaker(text=speaker),
        cue="said",
        kind=ClaimKind.INDIRECT,
        stance=Stance.ASSERT,
        field=TextField.BODY,
        start=a - item.body_offset,
        end=b - item.body_offset,
    )


def test_speech_cues_are_told_apart_from_cognition() -> None:
    assert is_speech_cue("said") and is_speech_cue("according to")
    assert is_speech_cue("has repeatedly denied") and is_speech_cue("told")
    assert not is_speech_cue("think") and not is_speech_cue("wants")


def test_first_annotator_file_is_used_and_offsets_map_to_body(tmp_path: Path) -> None:
    (item,) = load_brat(_write(tmp_path))
    assert item.article.title == "Mayor wins vote"
    assert len(item.relations) == 3
    assert sum(r.speech for r in item.relations) == 2
    a, _ = _span("The mayor")
    assert item.article.body[a - item.body_offset :].startswith("The mayor")


def test_scores_content_overlap_speaker_and_neutral_relations(tmp_path: Path) -> None:
    (item,) = load_brat(_write(tmp_path))
    claims = [
        _claim(item, "the budget was balanced", "The mayor"),
        _claim(item, "it is not", "Critics"),  # matches a cognition relation: neutral
        _claim(item, "taxes would stay flat", "The mayor"),  # pronoun gold resolves back
    ]
    scores = score_brat_article(item, claims).scores
    assert (scores.gold, scores.found, scores.neutral) == (2, 2, 1)
    assert scores.precision == 1.0 and scores.recall == 1.0
    assert scores.speaker_accuracy == 1.0
    wrong = [_claim(item, "the budget was balanced", "Critics"), _claim(item, "Critics", "x")]
    scores = score_brat_article(item, wrong).scores
    assert (scores.found, scores.speaker_ok, scores.predicted) == (1, 0, 2)
    assert scores.precision == 0.5 and scores.recall == 0.5


def test_a_relative_pronoun_source_resolves_to_the_words_before_it(tmp_path: Path) -> None:
    text = "Poll\n\nThe mayor spoke first. Most farmers who said the canal helps voted yes."
    who = text.index("who")
    said = text.index("said")
    content = text.index("the canal helps")
    ann = (
        f"T1\tSource {who} {who + 3}\twho\n"
        f"T2\tCue {said} {said + 4}\tsaid\n"
        f"T3\tContent {content} {content + 15}\tthe canal helps\n"
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    )
    (tmp_path / "a2.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a2_x1.ann").write_text(ann, encoding="utf-8")
    (item,) = load_brat(tmp_path)
    claim = Claim(
        text="the canal helps",
        speaker=Speaker(text="farmers"),
        cue="said",
        kind=ClaimKind.INDIRECT,
        stance=Stance.ASSERT,
        field=TextField.BODY,
        start=content - item.body_offset,
        end=content + 15 - item.body_offset,
    )
    scores = score_brat_article(item, [claim]).scores
    assert (scores.found, scores.speaker_ok, scores.speaker_ok_previous_rule) == (1, 1, 0)
    # The antecedent stops at the sentence end: "The mayor" is not "who".
    claim = claim.model_copy(update={"speaker": Speaker(text="The mayor")})
    assert score_brat_article(item, [claim]).scores.speaker_ok == 0


def test_a_she_source_resolves_only_to_previous_sources_of_her_gender(tmp_path: Path) -> None:
    text = (
        "Budget\n\nMs. Reyes said the plan was late. Mr. Okafor said it was fine. "
        "Later she said the money had run out."
    )
    relations = [
        ("Ms. Reyes", "said", "the plan was late"),
        ("Mr. Okafor", "said", "it was fine"),
        ("she", "said", "the money had run out"),
    ]
    rows = []
    for e, (source, cue, content) in enumerate(relations, 1):
        ids = []
        for k, (role, part) in enumerate((("Source", source), ("Cue", cue), ("Content", content))):
            n = 3 * (e - 1) + k + 1
            a = text.index(part) if part != "said" else text.index(content) - 5
            rows.append(f"T{n}\t{role} {a} {a + len(part)}\t{part}")
            ids.append(f"{role}:T{n}")
        rows.append(f"E{e}\tAttribution:T{n} " + " ".join(ids))
    (tmp_path / "b1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b1_x1.ann").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (item,) = load_brat(tmp_path)
    start = text.index("the money")
    claim = Claim(
        text="the money had run out",
        speaker=Speaker(text="Mr. Okafor"),
        cue="said",
        kind=ClaimKind.INDIRECT,
        stance=Stance.ASSERT,
        field=TextField.BODY,
        start=start - item.body_offset,
        end=start + 21 - item.body_offset,
    )
    scores = score_brat_article(item, [claim]).scores
    # A man is no referent of "she"; the rule of rounds 3-5 accepted him.
    assert (scores.found, scores.speaker_ok, scores.speaker_ok_no_gender_check) == (1, 0, 1)
    claim = claim.model_copy(update={"speaker": Speaker(text="Ms. Reyes")})
    assert score_brat_article(item, [claim]).scores.speaker_ok == 1
