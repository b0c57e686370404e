"""A learned choice of who a pronoun or elided subject refers to, English or Arabic.

The rules (``SpeakerResolver.last`` and the person named just before) give one referent; this
module lists the few people it could also be (the last speakers and sentence subjects the
resolver remembers, the persons named in the text just before), describes each by cheap
features (how far back, speaker or subject, gender, quotation, ``told X``; in Arabic also the
shape of the remembered mention: a feminine head, a role, a glued preposition) and scores them
with a linear model per language: English trained on PolNeAR train, Arabic on the annotated
ANT feed articles that are not blind sets (``python -m bench.claims.train_speaker [--lang
ar]``). The model only overrides the rules when its best candidate beats the rule's by
``margin``; with no model file, or no rule choice, the rules stand. Pure Python: a dot product
per candidate.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from schemas.models import Entity, Label, Speaker
from workers.core.claims.english_gender import speaker_gender
from workers.core.claims.lexicon import arabic_lexicon, plural_head
from workers.core.claims.speakers import Known, genders_disagree, mention_head

MODEL_PATH = Path(__file__).resolve().parents[2] / "data" / "claims" / "speaker_choice_en.json"
ARABIC_MODEL_PATH = MODEL_PATH.with_name("speaker_choice_ar.json")
KNOWN_CANDIDATES = 5
"""The distinct people remembered last (speakers, subjects) that are candidates."""
NAMED_CANDIDATES = 3
ORGANISATION_CANDIDATES = 2
NAMED_WINDOW = 600
"""Persons named up to this many characters before the cue are candidates too."""

_SENTENCE_END = re.compile(r"[.!?؟]\s|\n")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_HEARER_BEFORE = re.compile(r"\b(?:told|to|asked|with|urged|thanked|met)\s+(?:\w+\s+)?$")


@dataclass
class Candidate:
    """One possible referent: a remembered speaker/subject or a person named just before."""

    speaker: Speaker
    known: Known | None = None
    entity: Entity | None = None
    rule: bool = False
    features: dict[str, float] = field(default_factory=dict)


def pronoun_kind(gender: str | None) -> str:
    """The feature block a decision belongs to: he/she, they (plural), or an elided subject
    (a quotation with no attribution of its own, ``q``, is named by the caller)."""
    if gender in ("m", "f"):
        return "g"
    return "p" if gender == "p" else "n"


def _identity(speaker: Speaker) -> str:
    return speaker.entity_id or " ".join(speaker.text.casefold().split())


def _surname(speaker: Speaker, language: str = "en") -> str:
    if language == "ar":  # no capitals: the mention's last word (the name may be the KB's Latin)
        words = [w for w in speaker.text.split() if len(w) > 2]
        return words[-1] if words else ""
    words = [w for w in _WORD.findall(speaker.name or speaker.text) if w[:1].isupper()]
    return words[-1].rstrip(".") if words else ""


def _last_mention(text: str, candidate: Candidate, before: int, language: str) -> int:
    """Where the candidate was last written before the cue (−1: not found as written)."""
    if candidate.entity is not None:
        return candidate.entity.start
    surname = _surname(candidate.speaker, language)
    for needle in (candidate.speaker.text, surname):
        if needle:
            at = text.rfind(needle, 0, before)
            if at != -1:
                return at
    return -1


def _sentence_start(text: str, pos: int) -> int:
    window = text[max(0, pos - 300) : pos]
    ends = list(_SENTENCE_END.finditer(window))
    return max(0, pos - 300) + ends[-1].end() if ends else max(0, pos - 300)


def _in_quotes(text: str, pos: int, until: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    opened = sum(text.count(m, line_start, pos) for m in "“«") - sum(
        text.count(m, line_start, pos) for m in "”»"
    )
    return opened > 0 or text.count('"', line_start, pos) % 2 == 1


def candidates_for(
    text: str,
    cue_start: int,
    gender: str | None,
    seen: Sequence[Known],
    entities: Sequence[Entity],
    paragraph: int,
    paragraph_start: int,
    rule: Speaker | None,
    rule_entity: Entity | None = None,
    kind: str | None = None,
    language: str = "en",
) -> list[Candidate]:
    """The referents a pronoun or elided subject before ``cue_start`` may have, with features;
    the rules' choice (``rule``, a person named just before when ``rule_entity``) among them.
    ``language``: ``en``, or ``ar`` (the verb's gender is ``gender``; an elided subject of a
    gendered verb is a g decision)."""
    out: list[Candidate] = []
    by_identity: dict[str, Candidate] = {}
    rank = 0
    for known in reversed(seen):
        if known.outlet:
            continue
        key = _identity(known.speaker)
        if key in by_identity:
            continue
        candidate = Candidate(known.speaker, known=known)
        candidate.features["known_rank"] = float(rank)
        by_identity[key] = candidate
        out.append(candidate)
        rank += 1
        if rank >= KNOWN_CANDIDATES:
            break
    kind = kind or pronoun_kind(gender)
    named = organisations = 0
    for entity in reversed(entities):
        if entity.end > cue_start:
            continue
        if entity.start < cue_start - NAMED_WINDOW or named >= NAMED_CANDIDATES:
            break
        if entity.label is Label.ORG and kind != "g" and organisations < ORGANISATION_CANDIDATES:
            # they / an elided subject may be an organisation named just before; he/she not
            org = Speaker(text=entity.text, entity_id=entity.entity_id, name=entity.name)
            if _identity(org) not in by_identity:
                candidate = Candidate(org, entity=entity)
                candidate.features["named_org"] = float(organisations)
                by_identity[_identity(org)] = candidate
                out.append(candidate)
            organisations += 1
            continue
        if entity.label is not Label.PERSON:
            continue
        speaker = Speaker(text=entity.text, entity_id=entity.entity_id, name=entity.name)
        key = _identity(speaker)
        if key in by_identity:
            by_identity[key].features.setdefault("named_rank", float(named))
            by_identity[key].entity = by_identity[key].entity or entity
        else:
            candidate = Candidate(speaker, entity=entity)
            candidate.features["named_rank"] = float(named)
            by_identity[key] = candidate
            out.append(candidate)
        named += 1
    if rule is not None:
        key = _identity(rule)
        if key not in by_identity:
            by_identity[key] = Candidate(rule, entity=rule_entity)
            out.append(by_identity[key])
        by_identity[key].rule = True
    positions = [_last_mention(text, c, cue_start, language) for c in out]
    nearest = max(positions, default=-1)
    sentence_start = _sentence_start(text, cue_start)
    previous_start = _sentence_start(text, max(0, sentence_start - 2))
    for candidate, at in zip(out, positions, strict=True):
        candidate.features = _features(
            text, candidate, at, cue_start, gender, kind, nearest, paragraph, paragraph_start,
            sentence_start, previous_start, language,
        )  # fmt: skip
    return out


def _features(
    text: str,
    candidate: Candidate,
    at: int,
    cue_start: int,
    gender: str | None,
    kind: str,
    nearest: int,
    paragraph: int,
    paragraph_start: int,
    sentence_start: int,
    previous_start: int,
    language: str = "en",
) -> dict[str, float]:
    raw = candidate.features
    known = candidate.known
    f: dict[str, float] = {}
    known_rank = raw.get("known_rank")
    if known_rank is None:
        f["named_only"] = 1.0
    else:
        f[f"known_rank_{min(int(known_rank), 3)}"] = 1.0
    if "named_org" in raw:
        f["named_org"] = 1.0
    named_rank = raw.get("named_rank")
    if named_rank is not None:
        f[f"named_rank_{min(int(named_rank), 2)}"] = 1.0
    if known is not None:
        f["subject"] = float(known.subject)
        f["agent"] = float(known.agent)
        f["speaker"] = float(not known.subject and not known.agent)
        f["has_outlet"] = float(known.source is not None)
        back = paragraph - known.paragraph
        f[f"paragraphs_back_{min(max(back, 0), 2)}"] = 1.0
    cand_gender = (known.gender if known is not None and known.gender else None) or speaker_gender(
        candidate.speaker
    )
    person = (known.person if known is not None else False) or (
        candidate.entity is not None and candidate.entity.label is Label.PERSON
    )
    f["person"] = float(person)
    f["organisation"] = float(bool(candidate.speaker.entity_id) and not person)
    plural = known.plural if known is not None else False
    f["plural"] = float(plural)
    if gender in ("m", "f"):
        f["gender_agree"] = float(cand_gender == gender)
        f["gender_disagree"] = float(genders_disagree(cand_gender, gender))
    if at >= 0:
        distance = cue_start - at
        f["log_distance"] = math.log1p(max(distance, 0)) / 7.0
        f["nearest"] = float(at == nearest)
        f["same_sentence"] = float(at >= sentence_start)
        f["previous_sentence"] = float(previous_start <= at < sentence_start)
        f["same_paragraph"] = float(at >= paragraph_start)
        before = text[max(sentence_start if at >= sentence_start else 0, at - 40) : at]
        head = _SENTENCE_END.split(before)[-1]
        words_before = head.split() if language == "ar" else _WORD.findall(head)
        f["sentence_initial"] = float(len(words_before) <= 1)
        f["hearer"] = float(bool(_HEARER_BEFORE.search(text[max(0, at - 30) : at])))
        f["quoted"] = float(_in_quotes(text, at, cue_start))
        surname = _surname(candidate.speaker, language)
        count = text.count(surname, 0, cue_start) if surname else 0
        f["log_mentions"] = math.log1p(count) / 3.0
    else:
        f["unwritten"] = 1.0
    f["rule"] = float(candidate.rule)
    # Conjunctions a linear score cannot build itself: the subject of the sentence before,
    # the last speaker when it spoke in this paragraph, an agreeing person named nearest.
    f["previous_subject"] = f.get("previous_sentence", 0.0) * f.get("sentence_initial", 0.0)
    f["same_sentence_subject"] = f.get("same_sentence", 0.0) * f.get("sentence_initial", 0.0)
    f["recent_speaker"] = f.get("known_rank_0", 0.0) * f.get("paragraphs_back_0", 0.0)
    f["nearest_agreeing"] = f.get("nearest", 0.0) * f.get("gender_agree", 0.0)
    f["rule_disagreeing"] = f["rule"] * f.get("gender_disagree", 0.0)
    if language == "ar":
        f.update(_arabic_shape(candidate, gender))
    # Every feature also in the block of its pronoun kind: what a he/she prefers is not what
    # an elided subject or a plural they prefers.
    return {**f, **{f"{kind}:{name}": value for name, value in f.items()}}


def _arabic_shape(candidate: Candidate, gender: str | None) -> dict[str, float]:
    """What an Arabic mention's first word says about it. The resolver remembers whatever
    span a cue's subject was read as, and the wrong ones have telling shapes: a preposition
    glued on (``لمنتخب``), a long clause, a feminine head (``الحكومة``, ``منظمة``) where the
    verb is masculine, a role where a name follows in the text."""
    words = candidate.speaker.text.split()
    if not words:
        return {}
    first = words[0].lstrip('#"“«')
    head = mention_head(first)
    f: dict[str, float] = {}
    feminine = first.endswith("ة")
    f["ar_feminine_head"] = float(feminine)
    if gender in ("m", "f"):
        f[f"ar_feminine_head_{gender}"] = float(feminine)
    f["ar_definite"] = float(head.startswith("ال"))
    f["ar_role_head"] = float(head in arabic_lexicon().role_nouns)
    f["ar_plural_head"] = float(plural_head(head))
    f["ar_glued_preposition"] = float(
        head.startswith("لل")
        or (head.startswith("ل") and not head.startswith("ال") and not candidate.speaker.entity_id)
    )
    f["ar_long"] = float(len(words) >= 4)
    f["ar_entity"] = float(bool(candidate.speaker.entity_id))
    return f


@dataclass(frozen=True)
class SpeakerChoiceModel:
    """A linear scorer of candidates; overrides the rule's choice only by ``margin``."""

    weights: Mapping[str, float]
    margin: float = 0.0

    def score(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, candidates: Sequence[Candidate]) -> Candidate | None:
        """The candidate to use instead of the rule's, or None to keep the rule's choice."""
        rule = next((i for i, c in enumerate(candidates) if c.rule), None)
        if rule is None or len(candidates) < 2:
            return None
        best = self.pick([c.features for c in candidates], rule)
        return None if best == rule else candidates[best]

    def pick(self, features: Sequence[Mapping[str, float]], rule: int) -> int:
        """The index of the candidate to take (``rule`` unless another beats it by the
        margin). A candidate whose gender disagrees with the he/she never replaces a rule
        choice that does not: the rules already skip such speakers on evidence."""
        scores = [self.score(f) for f in features]
        best = max(range(len(scores)), key=scores.__getitem__)
        if best == rule or scores[best] - scores[rule] <= self.margin:
            return rule
        if features[best].get("gender_disagree") and not features[rule].get("gender_disagree"):
            return rule
        return best

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SpeakerChoiceModel:
        weights = data["weights"]
        margin = data.get("margin", 0.0)
        if not isinstance(weights, dict) or not isinstance(margin, int | float):
            raise ValueError("speaker choice model: weights must be an object, margin a number")
        return cls({str(k): float(v) for k, v in weights.items()}, float(margin))


@lru_cache(maxsize=2)
def default_speaker_model(language: str = "en") -> SpeakerChoiceModel | None:
    """The shipped model of a language (``en``, ``ar``), or None (rules only) when its file
    is absent."""
    path = ARABIC_MODEL_PATH if language == "ar" else MODEL_PATH
    if not path.is_file():
        return None
    return SpeakerChoiceModel.from_json(json.loads(path.read_text(encoding="utf-8")))
