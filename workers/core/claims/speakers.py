"""Who a speaker mention refers to: an entity from the entity stage, an earlier outlet named
by a definite noun (الوكالة، الصحيفة، the agency), or nobody (groups, roles, unknown names)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from schemas.models import ClaimSource, Entity, Label, Speaker
from workers.core.claims.draft import Span
from workers.core.claims.lexicon import arabic_lexicon, english_lexicon, plural_head
from workers.core.entities.values import WEEKDAYS
from workers.core.text import ARABIC_LETTER, match_form

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTE_MARKS = '“”«»"„'
ARTICLES_EN = frozenset({"the", "a", "an", "its", "his", "her", "their"})


def words_of(text: str) -> list[str]:
    """Matching-form words with the Arabic article (and a glued ب/ل/و before it) removed."""
    out = []
    for word in _WORD.findall(match_form(text)):
        for prefix in ("وال", "بال", "لل", "ال"):
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                word = word[len(prefix) :]
                break
        out.append(word)
    return out


@dataclass
class Known:
    """A speaker or outlet seen earlier in the article, for continuations and anaphora."""

    speaker: Speaker
    words: frozenset[str]
    gender: str | None
    source: ClaimSource | None = None
    outlet: bool = False
    """Seen only as a source: a referent for anaphora, never a continuation speaker."""
    person: bool = False
    """A named person: a description refers to them through their role only when it is a
    role itself (the minister → the Finance Minister; المنظمة is not her organisation's
    regional director)."""
    name_words: frozenset[str] = frozenset()
    agent: bool = False
    """The plural subject of a sentence without attribution: only plural cues continue it."""
    subject: bool = False
    """A person who is the subject of an English sentence without attribution (``Ann Cole
    agrees.``): a following he/she of an agreeing gender refers to them, nothing else does."""
    paragraph: int = 0
    """The paragraph it was seen in (counted by ``SpeakerResolver.paragraph``)."""

    @property
    def plural(self) -> bool:
        words = self.speaker.text.split()
        return self.gender == "p" or (bool(words) and plural_head(match_form(words[0])))


SUBJECT_PARAGRAPHS = 1
"""A sentence's subject is a he/she's referent in its own paragraph and this many after it
(PolNeAR train: own paragraph only .928, one more .929, no limit the same as one)."""


@dataclass
class SpeakerResolver:
    """Resolves mentions in one field of one article; remembers what it has seen."""

    text: str
    entities: Sequence[Entity]
    seen: list[Known] = field(default_factory=list)
    paragraph: int = 0
    """The paragraph being read (the caller counts them): a sentence's subject is a
    referent for he/she only in its own paragraph and the next."""
    paragraph_start: int = 0
    """Where that paragraph starts in the text (a feature of the learned speaker choice)."""

    def speaker(self, span: Span, role: Span | None, gender: str | None) -> Speaker:
        written = _clean(self.text[span.start : span.end])
        entity = self._entity_in(span) or self._antecedent(span) or self._introduced_as(span)
        return Speaker(
            text=written,
            entity_id=entity.entity_id if entity else None,
            name=entity.name if entity else None,
            role=_clean(self.text[role.start : role.end]) if role else None,
        )

    def source(self, span: Span) -> ClaimSource:
        written = _clean(self.text[span.start : span.end])
        entity = self._entity_in(span) or self._antecedent(span)
        return ClaimSource(
            text=written,
            entity_id=entity.entity_id if entity else None,
            name=entity.name if entity else None,
        )

    def remember(
        self,
        speaker: Speaker,
        gender: str | None,
        source: ClaimSource | None,
        extra_words: str = "",
        aside: bool = False,
    ) -> Known:
        """Keep a speaker (and its outlet) for later references; returns the speaker's entry.
        ``aside``: said in a relative clause — still known for definite descriptions, but the
        speaker before it stays the last one (elided subjects go on with that one)."""
        words = frozenset(words_of(f"{speaker.text} {speaker.role or ''} {extra_words}"))
        person = any(
            e.entity_id == speaker.entity_id and e.label == Label.PERSON for e in self.entities
        ) or bool(speaker.role and not plural_head(match_form(speaker.text.split()[0])))
        name_words = frozenset(words_of(f"{speaker.text} {speaker.name or ''}"))
        known = Known(
            speaker, words, gender, source, False, person, name_words, paragraph=self.paragraph
        )
        self.seen.append(known)
        if source is not None:
            outlet = Speaker(text=source.text, entity_id=source.entity_id, name=source.name)
            self.seen.append(Known(outlet, frozenset(words_of(source.text)), None, None, True))
        elif aside and len(self.seen) > 1:
            self.seen.insert(-1, self.seen.pop())
        return known

    def remember_agent(self, span: Span) -> None:
        speaker = self.speaker(span, None, None)
        words = frozenset(words_of(speaker.text))
        self.seen.append(Known(speaker, words, "p", agent=True, paragraph=self.paragraph))

    def remember_subject(self, speaker: Speaker, gender: str | None) -> None:
        words = frozenset(words_of(speaker.text))
        known = Known(speaker, words, gender, person=True, subject=True, paragraph=self.paragraph)
        self.seen.append(known)

    def last(self, gender: str | None = None) -> Known | None:
        """The last speaker; a verb's gender (قال / قالت, he / she) may skip one back. A
        plural verb (قالوا، رأوا) continues the last plural speaker or plural subject, never
        a named person. A he/she goes to a person who was the subject of a sentence since
        the last speaker when their gender does not disagree."""
        people = [k for k in self.seen if not k.outlet]
        if people and people[-1].subject and gender in ("m", "f"):
            recent = people[-1].paragraph >= self.paragraph - SUBJECT_PARAGRAPHS
            if recent and not genders_disagree(people[-1].gender, gender):
                return people[-1]
        people = [k for k in people if not k.subject]
        if gender == "p" and people:
            if people[-1].agent:
                return people[-1]  # وانتقد نواب المعارضة القرار. ورأوا …
            latest = next(k for k in reversed(people) if not k.agent)
            if latest.plural or not latest.person:
                return latest
            return next((k for k in reversed(people[-3:]) if k.plural), None)
        people = [k for k in people if not k.agent]
        if not people:
            return None
        latest = people[-1]
        if genders_disagree(latest.gender, gender):
            for known in reversed(people[-3:-1]):
                if known.gender == gender:
                    return known
        return latest

    # ---- resolution ---------------------------------------------------------------------
    def _entity_in(self, span: Span) -> Entity | None:
        inside = [e for e in self.entities if e.start >= span.start and e.end <= span.end]
        if len(inside) > 1 or (inside and inside[0].start > span.start):
            # القيادة المركزية الأميركية is not the United States: a nationality inside a
            # longer phrase describes it.
            inside = [e for e in inside if e.label != Label.NORP]
        if not inside:
            return None
        person = next((e for e in inside if e.label == Label.PERSON), None)
        if person is not None:
            return person
        if self._headed_by_role(span, inside):
            return None
        return min(inside, key=lambda e: e.start)

    def _introduced_as(self, span: Span) -> Entity | None:
        """``الرئيس التركي`` after ``الرئيس التركي رجب طيب أردوغان``: an Arabic definite
        description refers to the person it introduced earlier, the latest such introduction (a name
        right after it, past a comma or a few words of apposition: الممثل السوري القدير عابد
        فهد). Not the description itself: ودعا الرئيس فلانة إلى …, the name is the object."""
        written = self.text[span.start : span.end].strip()
        raw_words = written.split()
        if not raw_words or len(raw_words) > 3 or not ARABIC_LETTER.search(written):
            return None
        head = mention_head(raw_words[0])
        # a person's role (الرئيس، الوزير، المدرب), not a report, a party or a surname
        if (
            not head.startswith("ال")
            or head not in arabic_lexicon().role_nouns
            or head in UNNAMED_SOURCE_HEADS
            or plural_head(head)
        ) or any(e.start < span.end and e.end > span.start for e in self.entities):
            return None
        people = [e for e in self.entities if e.label == Label.PERSON]
        found: Entity | None = None
        at = self.text.find(written)
        while at >= 0 and at + len(written) <= span.start:
            end = at + len(written)
            after = min((e for e in people if e.start >= end), key=lambda e: e.start, default=None)
            if after is not None and _apposition_gap(self.text[end : after.start]):
                found = after
            at = self.text.find(written, end)
        return found

    def _headed_by_role(self, span: Span, inside: list[Entity]) -> bool:
        """'analysts at ING', 'مسؤولون في الناتو', 'Germany's finance ministry' are not ING,
        NATO or Germany."""
        text = self.text[span.start : span.end]
        if ARABIC_LETTER.search(text):
            first = match_form(text.split()[0]) if text.split() else ""
            return first in arabic_lexicon().role_nouns and not any(
                e.start == span.start for e in inside
            )
        masked = list(text)
        for e in inside:
            for i in range(e.start - span.start, e.end - span.start):
                masked[i] = " "
        rest = {w.casefold() for w in _WORD.findall("".join(masked))}
        return bool(rest & english_lexicon().role_nouns)

    def _antecedent(self, span: Span) -> Entity | None:
        """Definite descriptions (الوكالة، تقرير الصحيفة، the agency) refer back to the latest
        outlet or entity that shares a word with them."""
        text = self.text[span.start : span.end]
        raw_words = text.split()
        if not raw_words or len(raw_words) > 3:
            return None
        arabic = bool(ARABIC_LETTER.search(text))
        if arabic:
            if (
                not any(match_form(w).startswith(("ال", "لل")) for w in raw_words)
                and len(raw_words) > 1
            ):
                return None
        elif raw_words[0].casefold() not in ARTICLES_EN or any(
            w[:1].isupper() for w in raw_words[1:]
        ):
            return None
        wanted = {w for w in words_of(text) if w not in ARTICLES_EN}
        if not wanted:
            return None
        role = _person_role(raw_words, arabic)
        for known in reversed(self.seen):
            if role and not known.person and known.speaker.entity_id:
                continue  # وزير الإسكان after the ministry spoke: a person, not the ministry
            words = known.words if role or not known.person else known.name_words
            if known.speaker.entity_id and wanted & words:
                return _pseudo_entity(known.speaker.entity_id, known.speaker.name or "")
        if role:
            return None  # وزير الإسكان is not the ministry of housing
        for ent in sorted(self.entities, key=lambda e: -e.start):
            if ent.end > span.start or ent.label not in (Label.ORG,):
                continue
            if wanted & frozenset(words_of(f"{ent.text} {ent.name}")):
                return ent
        return None


ORGANISATION_ROLE_NOUNS = frozenset(
    {"union", "bank", "ministry", "government", "company", "agency", "police", "army", "military"}
)


def _person_role(raw_words: list[str], arabic: bool) -> bool:
    """Whether a description names a person by their role (وزير الإسكان، the minister)."""
    if arabic:
        return match_form(raw_words[0]) in arabic_lexicon().role_nouns
    roles = english_lexicon().role_nouns - ORGANISATION_ROLE_NOUNS
    return any(w.casefold().strip(".,'’s") in roles for w in raw_words)


UNNAMED_SOURCE_HEADS = frozenset(match_form(w) for w in ("المصدر", "المصادر"))
"""Roles that stand for an unnamed source more often than for the person named nearby."""
# The weekday names the entity stage reads dates with, and the two relative days.
DAYS = frozenset(
    match_form(day) for day in (*WEEKDAYS, "أمس", "اليوم") if ARABIC_LETTER.search(day)
)
INTRODUCTION_GAP_WORDS = 4
"""At most this many words between a description and the name it introduces."""


def _apposition_gap(gap: str) -> bool:
    """Only a comma and a few words (an adjective, لمانشستر يونايتد) between them."""
    if any(mark in gap for mark in '.:؛;!?؟\n"«»“”()'):
        return False
    words = _WORD.findall(gap)
    # عيّن الرئيس، الخميس، فلانة: past a day the name is the verb's object
    return len(words) <= INTRODUCTION_GAP_WORDS and not any(match_form(w) in DAYS for w in words)


def _pseudo_entity(entity_id: str, name: str) -> Entity:
    return Entity(
        text=name or entity_id,
        label=Label.ORG,
        field="body",
        start=0,
        end=0,
        entity_id=entity_id,
        name=name or entity_id,
    )


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = text.strip(" ،,:;؛.")
    # A name quoted as a whole (“وول ستريت جورنال”) loses its marks; quotes inside stay.
    if len(text) > 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        inner = text[1:-1]
        if not any(q in inner for q in _QUOTE_MARKS):
            text = inner
    return text


def mention_head(word: str) -> str:
    """An Arabic mention's first word in matching form, without a و/ف glued before its
    article (والرئيس → الرئيس)."""
    head = match_form(word)
    return head[1:] if head[:1] in ("و", "ف") and head[1:3] == "ال" else head


def genders_disagree(known: str | None, wanted: str | None) -> bool:
    """Both genders known (m / f) and different: he / قال is not the woman named last."""
    return known in ("m", "f") and wanted in ("m", "f") and known != wanted
