"""The rule-based claim extractor: reporting cues, speakers, outlets and continuations.

For each field (title, then body) the text is cut into paragraphs and quote-aware
sentences; each sentence goes to the Arabic or the English parser by its script; the drafts
they return get their speakers resolved against the entity mentions and the speakers seen so
far (continuations such as وأضاف / he added take the last speaker).

Two kinds of quotation are attributed without a cue of their own:

* a paragraph (or sentence) that is only a quotation continues the previous speaker;
* a headline or a short quoted cross-head (the seed's title ``بوتين يلجأ لـ "زواج مصلحة"``
  and its sub-heading ``“زواج مصلحة”``) is *handled*, not skipped: the quoted phrase is
  traced to the body claim whose content contains it and gets that claim's speaker, with a
  lower confidence. A quoted phrase that no body claim contains is left alone (scare quotes).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from schemas.models import (
    Claim,
    ClaimKind,
    ClaimSource,
    CleanArticle,
    Entity,
    Label,
    Speaker,
    Stance,
    TextField,
)
from workers.core.claims.arabic import ArabicParser
from workers.core.claims.draft import Draft, Span, SpeakerFrom
from workers.core.claims.english import EnglishParser
from workers.core.claims.lexicon import arabic_lexicon, english_lexicon
from workers.core.claims.segment import (
    Paragraph,
    Quote,
    Sentence,
    find_quotes,
    split_paragraphs,
)
from workers.core.claims.speakers import Known, SpeakerResolver, words_of
from workers.core.text import match_form, script_share

CROSSHEAD_MAX_WORDS = 6
FRAMING_CONFIDENCE = 0.6
QUOTE_CONTINUATION_CONFIDENCE = 0.7


@dataclass
class _Found:
    claim: Claim
    words: frozenset[str] = field(default_factory=frozenset)


@dataclass
class CueClaimExtractor:
    """Claims from reporting cues (قال، أكد، نفى، وفق … / said, told, denied, according to …)."""

    name: str = "cues"
    arabic: ArabicParser = field(default_factory=ArabicParser)
    english: EnglishParser = field(default_factory=EnglishParser)

    def __call__(self, article: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        by_field: dict[TextField, list[Entity]] = {TextField.TITLE: [], TextField.BODY: []}
        for entity in entities:
            by_field[entity.field].append(entity)
        body = self._field(TextField.BODY, article.body, by_field[TextField.BODY])
        title = self._field(TextField.TITLE, article.title, by_field[TextField.TITLE])
        if not title:
            headline = _headline_colon(article.title, by_field[TextField.TITLE])
            title = [headline] if headline else []
        framed = self._framings(TextField.TITLE, article.title, title, body)
        framed += self._framings(TextField.BODY, article.body, body, body)
        claims = [f.claim for f in title] + [f.claim for f in framed] + [f.claim for f in body]
        return sorted(claims, key=lambda c: (c.field != TextField.TITLE, c.start))

    # ---- one field --------------------------------------------------------------------------
    def _field(self, field_name: TextField, text: str, entities: list[Entity]) -> list[_Found]:
        if not text.strip():
            return []
        entities = sorted(entities, key=lambda e: e.start)
        starts = [e.start for e in entities]
        resolver = SpeakerResolver(text, entities)
        found: list[_Found] = []
        unattributed: Paragraph | None = None  # the previous paragraph, if it had no claim
        for paragraph in split_paragraphs(text):
            if _is_crosshead(paragraph):
                continue
            paragraph_found: list[_Found] = []
            for sentence in paragraph.sentences:
                local = _entities_between(entities, starts, sentence.start, sentence.end)
                drafts = self._parse(sentence, local)
                if not drafts and _is_arabic(sentence):
                    agent = self.arabic.plural_agent(sentence, local)
                    if agent is not None:
                        resolver.remember_agent(agent)
                if not drafts:
                    quote = _whole_quote(sentence)
                    if quote is not None and (
                        paragraph_found or sentence is paragraph.sentences[0]
                    ):
                        previous = resolver.last()
                        if previous is not None:
                            paragraph_found.append(
                                self._quote_continuation(field_name, text, quote, previous)
                            )
                    continue
                sentence_speakers: list[Known] = []
                for draft in drafts:
                    if draft.cataphoric:
                        orphan = (
                            _unmarked_quote(unattributed)
                            if sentence is paragraph.sentences[0]
                            else None
                        )
                        if orphan is not None:
                            found.append(self._quote_continuation(field_name, text, orphan, None))
                        self._name_previous_quote(
                            text, draft, resolver, found + paragraph_found, sentence_speakers
                        )
                        continue
                    claim = self._claim(field_name, text, draft, resolver, sentence_speakers)
                    if claim is not None:
                        paragraph_found.append(_Found(claim, frozenset(words_of(claim.text))))
            found.extend(paragraph_found)
            unattributed = None if paragraph_found else paragraph
        return _dedupe(found)

    def _parse(self, sentence: Sentence, entities: list[Entity]) -> list[Draft]:
        if _is_arabic(sentence):
            return self.arabic.parse(sentence, entities)
        if script_share(_unquoted(sentence))[1] > 0:
            return self.english.parse(sentence, entities)
        return []

    def _claim(
        self,
        field_name: TextField,
        text: str,
        draft: Draft,
        resolver: SpeakerResolver,
        sentence_speakers: list[Known],
    ) -> Claim | None:
        source = resolver.source(draft.source) if draft.source else None
        speaker: Speaker
        if draft.speaker_from is SpeakerFrom.MENTION and draft.speaker:
            speaker = resolver.speaker(draft.speaker, draft.role, draft.gender)
        else:
            previous: Known | None = None
            if draft.speaker_from is SpeakerFrom.SENTENCE and sentence_speakers:
                previous = sentence_speakers[-1]
                source = source or previous.source
            else:
                previous = resolver.last(draft.gender)
            if previous is None:
                return None
            speaker = previous.speaker
        if source is not None and _same_party(speaker, source):
            source = None
        content = text[draft.content.start : draft.content.end]
        if not content.strip():
            return None
        channel = text[draft.channel.start : draft.channel.end] if draft.channel else ""
        known_gender = draft.gender if draft.speaker_from is SpeakerFrom.MENTION else None
        resolver.remember(speaker, known_gender, source, channel)
        sentence_speakers.append(resolver.seen[-2 if source else -1])
        return Claim(
            text=content,
            speaker=speaker,
            source=source,
            cue=text[draft.cue.start : draft.cue.end] if draft.cue else "",
            kind=draft.kind,
            stance=draft.stance,
            field=field_name,
            start=draft.content.start,
            end=draft.content.end,
            confidence=draft.confidence,
        )

    def _name_previous_quote(
        self,
        text: str,
        draft: Draft,
        resolver: SpeakerResolver,
        found: list[_Found],
        sentence_speakers: list[Known],
    ) -> None:
        """هكذا علق X after a quotation paragraph: X, not the previous speaker, said it."""
        if draft.speaker is None:
            return
        speaker = resolver.speaker(draft.speaker, draft.role, draft.gender)
        source = resolver.source(draft.source) if draft.source else None
        resolver.remember(speaker, draft.gender, source)
        sentence_speakers.append(resolver.seen[-2 if source else -1])
        if found and found[-1].claim.cue == "" and found[-1].claim.kind is ClaimKind.DIRECT:
            found[-1].claim = found[-1].claim.model_copy(
                update={
                    "speaker": speaker,
                    "source": source,
                    "cue": text[draft.cue.start : draft.cue.end] if draft.cue else "",
                    "confidence": 0.75,
                }
            )

    def _quote_continuation(
        self, field_name: TextField, text: str, quote: Span, previous: Known | None
    ) -> _Found:
        """A quotation attributed by its context; with no ``previous`` speaker yet, a
        placeholder that a following هذا ما قاله X names."""
        claim = Claim(
            text=text[quote.start : quote.end],
            speaker=previous.speaker if previous else Speaker(text="?"),
            source=previous.source if previous else None,
            cue="",
            kind=ClaimKind.DIRECT,
            stance=Stance.ASSERT,
            field=field_name,
            start=quote.start,
            end=quote.end,
            confidence=QUOTE_CONTINUATION_CONFIDENCE,
        )
        return _Found(claim, frozenset(words_of(claim.text)))

    # ---- headlines and cross-heads ------------------------------------------------------------
    def _framings(
        self,
        field_name: TextField,
        text: str,
        already: list[_Found],
        body: list[_Found],
    ) -> list[_Found]:
        """Quoted phrases in the title or in a short quoted cross-head, attributed to the body
        claim whose content contains them."""
        framed: list[_Found] = []
        for paragraph in split_paragraphs(text):
            if field_name is TextField.BODY and not _is_crosshead(paragraph):
                continue
            for quote in paragraph.quotes:
                inner = _trimmed(text, quote.inner_start, min(quote.inner_end, len(text)))
                if not inner or any(
                    f.claim.start <= inner.start < f.claim.end
                    for f in already
                    if f.claim.field == field_name
                ):
                    continue
                phrase = frozenset(words_of(text[inner.start : inner.end]))
                if not phrase or len(phrase) > 8:
                    continue
                origin = next((f for f in body if phrase <= f.words), None)
                if origin is None:
                    continue
                framed.append(
                    _Found(
                        origin.claim.model_copy(
                            update={
                                "text": text[inner.start : inner.end],
                                "cue": "",
                                "kind": ClaimKind.DIRECT,
                                "field": field_name,
                                "start": inner.start,
                                "end": inner.end,
                                "confidence": FRAMING_CONFIDENCE,
                            }
                        ),
                        phrase,
                    )
                )
        return framed


# ---- "Speaker: what they said" headlines --------------------------------------------------------
HEADLINE_CONFIDENCE = 0.7
HEADLINE_SPEAKER_MAX_WORDS = 5
NOT_SPEAKERS = frozenset(
    match_form(w)
    for w in (
        "live", "update", "updates", "analysis", "explainer", "watch", "video", "opinion",
        "breaking", "exclusive", "factbox", "timeline", "photos", "interview", "editorial",
        "review", "comment", "podcast", "fact check", "in pictures", "q&a",
        "عاجل", "فيديو", "بالفيديو", "صور", "بالصور", "تحليل", "رأي", "مقال", "تقرير",
        "مباشر", "حوار", "مقابلة", "إنفوغراف", "انفوجرافيك", "خاص", "بالأرقام",
    )
)  # fmt: skip
"""Rubrics written like speakers before a headline's colon."""


def _headline_colon(title: str, entities: Sequence[Entity]) -> _Found | None:
    """``غوتيريش: الوضع في غزة كارثي`` / ``Lagarde: inflation fight not over`` — the words
    before a headline's colon name who said what follows.

    The speaker must be a person or organisation the entity stage found there, or a role or
    group (``وزير الخارجية``, ``Fed officials``); never a place alone (``Gaza:`` is a
    dateline as often as a government) nor a rubric (``Live:``, ``عاجل:``). The claim is
    *direct* when what follows the colon is one quotation (its words, without the marks),
    otherwise *indirect*: headline writers paraphrase. Its cue is the colon itself.
    """
    quotes = find_quotes(title, 0, len(title))
    colon = next(
        (i for i, ch in enumerate(title) if ch == ":" and not _inside_quote(quotes, i)), -1
    )
    if colon <= 0:
        return None
    left = _trimmed(title, 0, colon)
    right = _trimmed(title, colon + 1, len(title))
    if left is None or right is None or len(title[right.start : right.end].split()) < 2:
        return None
    written = title[left.start : left.end]
    if not 1 <= len(written.split()) <= HEADLINE_SPEAKER_MAX_WORDS:
        return None
    if match_form(written).casefold() in NOT_SPEAKERS:
        return None
    inside = [e for e in entities if e.start >= left.start and e.end <= left.end]
    person = next((e for e in reversed(inside) if e.label is Label.PERSON), None)
    named = next((e for e in inside if e.label in (Label.PERSON, Label.ORG)), None)
    if named is None and not _speaker_like(written):
        return None
    if any(e.label is Label.LOC for e in inside) and named is None:
        return None
    speaker_start = person.start if person is not None else left.start
    role = _trimmed(title, left.start, speaker_start) if speaker_start > left.start else None
    speaker = SpeakerResolver(title, entities).speaker(Span(speaker_start, left.end), role, None)
    content, kind = right, ClaimKind.INDIRECT
    quotes = find_quotes(title, right.start, right.end)
    if len(quotes) == 1 and quotes[0].start == right.start and quotes[0].end >= right.end:
        inner = _trimmed(title, quotes[0].inner_start, min(quotes[0].inner_end, len(title)))
        if inner is not None:
            content, kind = inner, ClaimKind.DIRECT
    claim = Claim(
        text=title[content.start : content.end],
        speaker=speaker,
        source=None,
        cue=":",
        kind=kind,
        stance=Stance.ASSERT,
        field=TextField.TITLE,
        start=content.start,
        end=content.end,
        confidence=HEADLINE_CONFIDENCE,
    )
    return _Found(claim, frozenset(words_of(claim.text)))


def _speaker_like(written: str) -> bool:
    """A role or group: وزير الخارجية، مسؤولون أميركيون، Fed officials."""
    words = written.split()
    if match_form(words[0]) in arabic_lexicon().role_nouns:
        return True
    lex = english_lexicon()
    return any(w.casefold() in lex.role_nouns or w.casefold() in lex.group_nouns for w in words)


def _inside_quote(quotes: list[Quote], i: int) -> bool:
    return any(q.start < i < q.end for q in quotes)


# ---- helpers ------------------------------------------------------------------------------------
def _entities_between(
    entities: list[Entity], starts: list[int], start: int, end: int
) -> list[Entity]:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return entities[lo:hi]


def _is_arabic(sentence: Sentence) -> bool:
    arabic, latin = script_share(_unquoted(sentence))
    return arabic >= latin and arabic > 0


def _unquoted(sentence: Sentence) -> str:
    text = sentence.value
    if not sentence.quotes:
        return text
    chars = list(text)
    for quote in sentence.quotes:
        for i in range(max(quote.start, sentence.start), min(quote.end, sentence.end)):
            chars[i - sentence.start] = " "
    unquoted = "".join(chars)
    return unquoted if unquoted.strip() else text


def _is_crosshead(paragraph: Paragraph) -> bool:
    """A short quoted line standing alone between paragraphs: a sub-heading, not speech."""
    value = paragraph.value.strip()
    if len(paragraph.quotes) != 1:
        return False
    quote = paragraph.quotes[0]
    inner = paragraph.text[quote.inner_start : min(quote.inner_end, paragraph.end)].strip()
    # A sub-heading has nothing around its quotation, not even a full stop.
    outside = value.replace(paragraph.text[quote.start : quote.end], "").strip()
    return not outside and len(inner.split()) <= CROSSHEAD_MAX_WORDS and inner[-1:] not in ".!?؟…"


UNMARKED_QUOTE_MAX_WORDS = 60


def _unmarked_quote(paragraph: Paragraph | None) -> Span | None:
    """A short paragraph with no claim, just before ``هذا ما قالته X``: words quoted without
    quotation marks."""
    if paragraph is None:
        return None
    span = _trimmed(paragraph.text, paragraph.start, paragraph.end)
    if span is None:
        return None
    words = paragraph.text[span.start : span.end].split()
    return span if 3 <= len(words) <= UNMARKED_QUOTE_MAX_WORDS else None


def _whole_quote(sentence: Sentence) -> Span | None:
    """The quotation's inner span when the sentence is nothing but one quotation."""
    if len(sentence.quotes) != 1:
        return None
    quote = sentence.quotes[0]
    outside = sentence.text[sentence.start : quote.start] + sentence.text[quote.end : sentence.end]
    if outside.strip(" .،,:;؛!?؟…-—"):
        return None
    inner = _trimmed(sentence.text, quote.inner_start, min(quote.inner_end, sentence.end))
    if inner is None or len(sentence.text[inner.start : inner.end].split()) < 3:
        return None
    return inner


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start].isspace() or text[start] in "،,:;؛"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,:;؛."):
        end -= 1
    return Span(start, end) if end > start else None


def _same_party(speaker: Speaker, source: ClaimSource) -> bool:
    if speaker.entity_id and speaker.entity_id == source.entity_id:
        return True
    return words_of(speaker.text) == words_of(source.text)


def _dedupe(found: Iterable[_Found]) -> list[_Found]:
    seen: set[tuple[int, int]] = set()
    out: list[_Found] = []
    for item in found:
        key = (item.claim.start, item.claim.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out
