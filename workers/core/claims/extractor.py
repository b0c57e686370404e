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
import re
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
from workers.core.claims.english_gender import speaker_gender
from workers.core.claims.lexicon import arabic_lexicon, english_lexicon
from workers.core.claims.segment import (
    OPENING_QUOTES,
    Paragraph,
    Quote,
    Sentence,
    find_quotes,
    split_paragraphs,
)
from workers.core.claims.speaker_choice import (
    Candidate,
    SpeakerChoiceModel,
    candidates_for,
    default_speaker_model,
)
from workers.core.claims.speakers import Known, SpeakerResolver, genders_disagree, words_of
from workers.core.text import match_form, script_share

CROSSHEAD_MAX_WORDS = 6
FRAMING_CONFIDENCE = 0.6
QUOTE_CONTINUATION_CONFIDENCE = 0.7


@dataclass
class _Found:
    claim: Claim
    words: frozenset[str] = field(default_factory=frozenset)
    origin: int | None = None
    """For a framing: the start of the body claim it was traced to."""


@dataclass
class SpeakerDecision:
    """One choice of a pronoun's, elided subject's or (English) unattributed quotation's
    speaker among its candidate referents (logged for training)."""

    field: TextField
    claim_start: int
    candidates: list[Candidate]
    language: str = "en"


@dataclass
class CueClaimExtractor:
    """Claims from reporting cues (قال، أكد، نفى، وفق … / said, told, denied, according to …)."""

    name: str = "cues"
    arabic: ArabicParser = field(default_factory=ArabicParser)
    english: EnglishParser = field(default_factory=EnglishParser)
    speaker_model: SpeakerChoiceModel | None = field(default_factory=default_speaker_model)
    """The learned choice among an English pronoun's candidate referents (None: rules only)."""
    arabic_speaker_model: SpeakerChoiceModel | None = field(
        default_factory=lambda: default_speaker_model("ar")
    )
    """The same for an Arabic elided subject (None: rules only)."""
    speaker_log: list[SpeakerDecision] | None = None
    """When a list, every such choice is appended to it (training data; see
    ``bench.claims.train_speaker``)."""

    def __call__(self, article: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        by_field: dict[TextField, list[Entity]] = {TextField.TITLE: [], TextField.BODY: []}
        for entity in entities:
            by_field[entity.field].append(entity)
        title_text, body_text = _typewriter_quotes(article.title), _typewriter_quotes(article.body)
        # Split (and tokenised) once per field: the claims and the framings read the same
        # paragraphs, and splitting is most of this stage's time.
        title_paragraphs, body_paragraphs = (
            split_paragraphs(title_text),
            split_paragraphs(body_text),
        )
        body = self._field(TextField.BODY, body_text, by_field[TextField.BODY], body_paragraphs)
        title = self._field(
            TextField.TITLE, title_text, by_field[TextField.TITLE], title_paragraphs
        )
        if not title:
            headline = _headline_colon(
                title_text,
                by_field[TextField.TITLE],
                _speaker_words(body),
                _person_words(by_field[TextField.BODY]),
            )
            title = [headline] if headline else []
        framed = self._framings(
            TextField.TITLE,
            title_text,
            title_paragraphs,
            title,
            body,
            by_field[TextField.TITLE],
            # Only a title with a quotation can frame anything: skip the body pass otherwise.
            _body_terms(body_paragraphs, body_text, title_text) if _has_quote(title_text) else None,
        )
        # A cross-head quoting what the title already quotes from the same claim is the
        # same statement: it is emitted once, for the title.
        framed += [
            f
            for f in self._framings(TextField.BODY, body_text, body_paragraphs, body, body)
            if not any(f.words == t.words and f.origin == t.origin for t in framed)
        ]
        claims = [f.claim for f in title] + [f.claim for f in framed] + [f.claim for f in body]
        if title_text is not article.title or body_text is not article.body:
            claims = [_written_text(c, article) for c in claims]
        return sorted(claims, key=lambda c: (c.field != TextField.TITLE, c.start))

    # ---- one field --------------------------------------------------------------------------
    def _field(
        self,
        field_name: TextField,
        text: str,
        entities: list[Entity],
        paragraphs: list[Paragraph],
    ) -> list[_Found]:
        """The claims of one field, whose ``paragraphs`` are ``split_paragraphs(text)``."""
        if not text.strip():
            return []
        entities = sorted(entities, key=lambda e: e.start)
        starts = [e.start for e in entities]
        resolver = SpeakerResolver(text, entities)
        found: list[_Found] = []
        unattributed: Paragraph | None = None  # the previous paragraph, if it had no claim
        for paragraph in paragraphs:
            if _is_crosshead(paragraph):
                continue
            resolver.paragraph += 1
            resolver.paragraph_start = paragraph.start
            paragraph_found: list[_Found] = []
            open_colon: _Found | None = None
            joinable: _Found | None = None  # an English direct claim of the sentence before
            for sentence in paragraph.sentences:
                local = _entities_between(entities, starts, sentence.start, sentence.end)
                script = _sentence_script(sentence)
                drafts = self._parse(script, sentence, local)
                if drafts:
                    joinable = None
                if not drafts and open_colon is not None and not _narrative_opening(sentence):
                    _extend_to(text, open_colon, sentence.end)
                    continue
                open_colon = None
                if not drafts and script == "ar":
                    agent = self.arabic.sentence_agent(sentence, local)
                    if agent is not None:
                        span, who = agent
                        if who == "p":
                            resolver.remember_agent(span)
                        else:
                            resolver.remember_subject(resolver.speaker(span, None, who), who)
                elif not drafts and script == "en":
                    person = self.english.subject_person(sentence, local)
                    if person is not None:
                        resolver.remember_subject(
                            resolver.speaker(Span(person.start, person.end), None, None),
                            _entity_gender(person),
                        )
                if not drafts:
                    quote = _whole_quote(sentence)
                    if quote is not None and joinable is not None:
                        # “A,” he said. “B.” — one English statement split by its attribution
                        _extend_to(text, joinable, quote.end)
                        continue
                    joinable = None
                    if quote is not None and (
                        paragraph_found or sentence is paragraph.sentences[0]
                    ):
                        previous = resolver.last()
                        if previous is not None:
                            previous = self._learned_continuation(
                                field_name, text, quote, resolver, previous
                            )
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
                        if draft.colon_open:
                            open_colon = paragraph_found[-1]
                        english_direct = claim.kind is ClaimKind.DIRECT and claim.cue.isascii()
                        joinable = paragraph_found[-1] if english_direct and claim.cue else None
            if not paragraph_found and field_name is TextField.BODY:
                crosshead = _colon_crosshead(text, paragraph, entities, found)
                if crosshead is not None:
                    paragraph_found.append(crosshead)
            found.extend(paragraph_found)
            unattributed = None if paragraph_found else paragraph
        return _dedupe(found)

    def _parse(self, script: str | None, sentence: Sentence, entities: list[Entity]) -> list[Draft]:
        if script == "ar":
            return self.arabic.parse(sentence, entities)
        if script == "en":
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
        if draft.speaker_from is SpeakerFrom.UNNAMED:
            return _unnamed_claim(field_name, text, draft)
        source = resolver.source(draft.source) if draft.source else None
        if draft.speaker_from is SpeakerFrom.MENTION and draft.speaker:
            speaker = resolver.speaker(draft.speaker, draft.role, draft.gender)
            return self._finish(
                field_name, text, draft, resolver, sentence_speakers, speaker, source
            )
        if draft.speaker_from is SpeakerFrom.SENTENCE and sentence_speakers:
            previous = sentence_speakers[-1]
            return self._finish(
                field_name, text, draft, resolver, sentence_speakers, previous.speaker,
                source or previous.source,
            )  # fmt: skip
        last = resolver.last(draft.gender)
        # With no speaker yet, the person just named is the pronoun's referent (only then: on
        # PolNeAR train, preferring them to an earlier speaker lost 4 points of speaker
        # accuracy).
        recent = _recent_person(text, draft, resolver) if last is None else None
        if last is not None and genders_disagree(last.gender, draft.gender):
            # "she said" when none of the last speakers is a woman: a person named just before
            # who is not known to be a man (first names are often not in the list), else (as
            # before) the last speaker. Looking further back for an agreeing speaker did not
            # help on PolNeAR train.
            recent = _agreeing_person(text, draft, resolver)
        if recent is not None:
            speaker = resolver.speaker(Span(recent.start, recent.end), None, draft.gender)
        elif last is not None:
            speaker = last.speaker
        elif draft.speaker_from is SpeakerFrom.CONTEXT and _english_cue(text, draft):
            # "He said …" with nobody named before it (a column's "I wrote", a lead that names
            # its speaker later): kept with its speaker unknown, as quotations without one.
            return _unnamed_claim(field_name, text, draft)
        else:
            return None  # a participle with no subject found stays dropped
        return self._learned_choice(
            field_name, text, draft, resolver, sentence_speakers, speaker, source, recent
        )

    def _learned_choice(
        self,
        field_name: TextField,
        text: str,
        draft: Draft,
        resolver: SpeakerResolver,
        sentence_speakers: list[Known],
        rule_speaker: Speaker,
        source: ClaimSource | None,
        rule_entity: Entity | None,
    ) -> Claim | None:
        """A pronoun's or elided subject's referent: the rules' choice, unless the learned
        speaker choice of its language (``speaker_choice``) scores another candidate higher by
        more than its margin."""
        language = "en" if _english_cue(text, draft) else "ar"
        model = self.speaker_model if language == "en" else self.arabic_speaker_model
        log = self.speaker_log
        if (model is None and log is None) or draft.cue is None:
            return self._finish(
                field_name, text, draft, resolver, sentence_speakers, rule_speaker, source
            )
        candidates = candidates_for(
            text, draft.cue.start, draft.gender, resolver.seen, resolver.entities,
            resolver.paragraph, resolver.paragraph_start, rule_speaker, rule_entity,
            language=language,
        )  # fmt: skip
        picked = model.choose(candidates) if model is not None else None
        speaker = rule_speaker
        if picked is not None:
            if picked.known is None and picked.entity is not None:
                span = Span(picked.entity.start, picked.entity.end)
                speaker = resolver.speaker(span, None, draft.gender)
            else:
                speaker = picked.speaker
        claim = self._finish(field_name, text, draft, resolver, sentence_speakers, speaker, source)
        if log is not None and claim is not None:
            log.append(SpeakerDecision(field_name, claim.start, candidates, language))
        return claim

    def _learned_continuation(
        self,
        field_name: TextField,
        text: str,
        quote: Span,
        resolver: SpeakerResolver,
        rule: Known,
    ) -> Known:
        """Who an English quotation with no attribution of its own continues: the last
        speaker (rules) unless the learned choice scores another remembered person higher."""
        model, log = self.speaker_model, self.speaker_log
        if (model is None and log is None) or not _english_quote(text, quote):
            return rule
        candidates = candidates_for(
            text, quote.start, None, resolver.seen, resolver.entities,
            resolver.paragraph, resolver.paragraph_start, rule.speaker, kind="q",
        )  # fmt: skip
        if log is not None:
            log.append(SpeakerDecision(field_name, quote.start, candidates))
        picked = model.choose(candidates) if model is not None else None
        # A person only named (not remembered) has no Known entry: the rules' choice stays.
        return picked.known if picked is not None and picked.known is not None else rule

    def _finish(
        self,
        field_name: TextField,
        text: str,
        draft: Draft,
        resolver: SpeakerResolver,
        sentence_speakers: list[Known],
        speaker: Speaker,
        source: ClaimSource | None,
    ) -> Claim | None:
        if source is not None and _same_party(speaker, source):
            source = None
        claim = _draft_claim(field_name, text, draft, speaker, source)
        if claim is None:
            return None
        channel = text[draft.channel.start : draft.channel.end] if draft.channel else ""
        known_gender = draft.gender if draft.speaker_from is SpeakerFrom.MENTION else None
        if known_gender is None and _english_cue(text, draft):
            # English speakers carry the gender their mention or name gives away (Mr., she,
            # Hillary), so a later he/she can skip a speaker who cannot be its referent.
            known_gender = speaker_gender(speaker)
        known = resolver.remember(speaker, known_gender, source, channel, aside=draft.aside)
        sentence_speakers.append(known)
        return claim

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
            speaker=previous.speaker if previous else Speaker(text=UNNAMED_SPEAKER),
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
        paragraphs: list[Paragraph],
        already: list[_Found],
        body: list[_Found],
        names: Sequence[Entity] = (),
        body_terms: BodyTerms | None = None,
    ) -> list[_Found]:
        """Quoted phrases in the title or in a short quoted cross-head, attributed to the body
        claim whose content contains them; quoted names (an entity, the title's subject, or
        the name after a role noun: رئيس "المجلس السياسي") are not speech."""
        framed: list[_Found] = []
        for paragraph in paragraphs:
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
                if field_name is TextField.TITLE and _quoted_name(text, quote, inner, names):
                    continue
                # A quotation quotes words: they must be in the claim as written, in order
                # ("الحرب التجارية" does not quote "أكبر حرب تجارية").
                surface = " ".join(match_form(text[inner.start : inner.end]).split())
                origin = next(
                    (
                        f
                        for f in body
                        if phrase <= f.words
                        and surface in " ".join(match_form(f.claim.text).split())
                    ),
                    None,
                )
                if origin is None:
                    continue
                if body_terms and _journalists_term(body_terms, surface, origin.claim):
                    continue  # جدل حول صور "الشهداء": a term, though a speaker used it too
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
                        origin.claim.start,
                    )
                )
        return framed


BodyTerms = dict[str, list[int]]


UNNAMED_SPEAKER = "?"
"""The speaker of a statement whose text names nobody (``Asked whether …,``): the same mark
as a quotation still waiting for its speaker."""


def _unnamed_claim(field_name: TextField, text: str, draft: Draft) -> Claim | None:
    """A claim whose speaker the text leaves unnamed; it is not remembered, so later
    pronouns and continuations still go to the last named speaker."""
    return _draft_claim(field_name, text, draft, Speaker(text=UNNAMED_SPEAKER), None)


def _draft_claim(
    field_name: TextField,
    text: str,
    draft: Draft,
    speaker: Speaker,
    source: ClaimSource | None,
) -> Claim | None:
    """The claim a draft makes with this speaker and source (None when its content is
    blank)."""
    content = text[draft.content.start : draft.content.end]
    if not content.strip():
        return None
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


def _has_quote(text: str) -> bool:
    return any(mark in text for mark in OPENING_QUOTES)


def _body_terms(paragraphs: list[Paragraph], body: str, title: str) -> BodyTerms:
    """Where the body quotes at most four words, by their matching form: the terms and names
    the journalist marks (صور "الشهداء"). Cross-heads and a repeated title are left out:
    they frame a statement, they do not use a term."""
    terms: BodyTerms = {}
    for paragraph in paragraphs:
        if _is_crosshead(paragraph) or paragraph.value.strip() == title.strip():
            continue
        for quote in paragraph.quotes:
            inner = " ".join(match_form(body[quote.inner_start : quote.inner_end]).split())
            if inner and len(inner.split()) <= 4:
                terms.setdefault(inner, []).append(quote.start)
    return terms


def _journalists_term(terms: BodyTerms, surface: str, origin: Claim) -> bool:
    """The body quotes the same words outside the statement they were traced to: the
    journalist's own quotation marks around a term, not words the speaker is quoted for."""
    return any(not origin.start <= at < origin.end for at in terms.get(surface, ()))


NAMED_BY = frozenset(
    match_form(w)
    for w in (
        "رئيس", "مجلس", "جائزة", "مؤتمر", "قناة", "قنوات", "شبكة", "صحيفة", "حركة", "حزب",
        "شركة", "عملية", "مهرجان", "فيلم", "برنامج", "تطبيق", "منظمة", "جماعة", "تنظيم",
    )
)  # fmt: skip


def _quoted_name(text: str, quote: Quote, inner: Span, names: Sequence[Entity]) -> bool:
    """A quoted phrase of an Arabic title that names something rather than quoting speech:
    a name mention, or a quotation right after the noun it names (رئيس "المجلس السياسي",
    قنوات "…")."""
    arabic, latin = script_share(text[inner.start : inner.end])
    if latin >= arabic:
        return False  # English headlines open with the quotation they frame
    if any(e.start <= inner.start and inner.end <= e.end for e in names):
        return True
    if _construct_name(text[inner.start : inner.end]):
        return True
    words = text[: quote.start].split()
    return bool(words) and match_form(words[-1]) in NAMED_BY


def _construct_name(phrase: str) -> bool:
    """Two words, an indefinite noun and a definite genitive (لواء الشمال، جسر الأمل،
    بيت الحكمة): the form of a name; quoted speech is mostly a verb phrase or a verdict
    (لن نتراجع، زواج مصلحة)."""
    words = match_form(phrase).split()
    return (
        len(words) == 2
        and not words[0].startswith(("ال", "لل"))
        and words[1].startswith("ال")
        and len(words[1]) > 3
    )


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


def _name_words(names: Iterable[str]) -> frozenset[str]:
    """The words (matching form, three letters or more) of names as written."""
    return frozenset(word for name in names for word in match_form(name).split() if len(word) > 2)


def _speaker_words(found: Sequence[_Found]) -> frozenset[str]:
    """The words of the body's speakers: a headline name the entity stage missed
    (``غوارديولا: …``) is known when the body quotes the same person."""
    return _name_words(f.claim.speaker.text for f in found if f.claim.speaker is not None)


def _person_words(entities: Sequence[Entity]) -> frozenset[str]:
    """The words of the persons the body names: a headline's one-word name (``السبسي: …``)
    the entity stage missed in the title is a person the body names in full."""
    return _name_words(e.text for e in entities if e.label is Label.PERSON)


CROSSHEAD_COLON_MAX_WORDS = 14


def _colon_crosshead(
    text: str, paragraph: Paragraph, entities: Sequence[Entity], found: Sequence[_Found]
) -> _Found | None:
    """A sub-heading written like a headline (``سامي حداد للمعارضة: لن نقبل``), a short
    line with a colon and no full stop, read as a headline in its place in the body."""
    line = paragraph.value.strip()
    if ":" not in line or line[-1:] in ".!?؟…" or len(line.split()) > CROSSHEAD_COLON_MAX_WORDS:
        return None
    arabic, latin = script_share(line)
    if arabic <= latin:
        return None
    # The line alone, at its own offsets: the headline reader looks for the first colon.
    alone = " " * paragraph.start + text[paragraph.start : paragraph.end]
    inside = [e for e in entities if paragraph.start <= e.start and e.end <= paragraph.end]
    headline = _headline_colon(alone, inside, _speaker_words(found))
    if headline is None:
        return None
    return _Found(headline.claim.model_copy(update={"field": TextField.BODY}), headline.words)


def _headline_colon(
    title: str,
    entities: Sequence[Entity],
    body_speakers: frozenset[str] = frozenset(),
    body_persons: frozenset[str] = frozenset(),
) -> _Found | None:
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
    left, addressed = _headline_speaker_part(title, left)
    if left is None:
        return None
    written = title[left.start : left.end]
    if not 1 <= len(written.split()) <= HEADLINE_SPEAKER_MAX_WORDS:
        return None
    if match_form(written).casefold() in NOT_SPEAKERS:
        return None
    # An entity that runs on past the speaker part (``ميسي يفجر``) still names it.
    inside = [e for e in entities if left.start <= e.start < left.end]
    person = next((e for e in reversed(inside) if e.label is Label.PERSON), None)
    named = next((e for e in inside if e.label in (Label.PERSON, Label.ORG)), None)
    # ``واشنطن لأردوغان: …`` speaks to someone, so a capital is its government there.
    # So does a country that speaks in the first person (كوريا الشمالية: لا علاقة لنا …).
    first_person = bool(FIRST_PERSON & set(match_form(title[right.start : right.end]).split()))
    speaks = addressed or first_person
    place = next((e for e in inside if e.label is Label.LOC), None) if speaks else None
    named = named or place
    # A name only: every word is a body speaker's, and no definite noun opens it (a topic
    # like الانتخابات التركية: … shares words with the body's speakers too).
    spoken = match_form(written).split()
    quoted_in_body = len(spoken) <= 2 and (
        (not spoken[0].startswith("ال") and all(w in body_speakers for w in spoken))
        or all(w in body_persons for w in spoken)
    )
    role_or_group = _speaker_like(written)
    if named is None and not quoted_in_body and not role_or_group:
        return None
    if any(e.label is Label.LOC for e in inside) and named is None and not role_or_group:
        return None  # مصر: … is a topic; خارجية أمريكا: … an institution speaking
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


FIRST_PERSON = frozenset(
    match_form(w)
    for w in ("لنا", "نحن", "إننا", "أننا", "لدينا", "علينا", "بلادنا", "سنرد", "نرفض")
)
HEADLINE_TOPICS = frozenset(match_form(w) for w in ("عن", "حول", "بشأن"))
"""الوزير حول الأزمة: … — what was spoken about, not part of the speaker."""
HEADLINE_FROM = match_form("من")
HEADLINE_WHEN = frozenset(match_form(w) for w in ("بعد", "قبل", "عقب"))
"""الوزير بعد تعيينه: … — the occasion, not part of the speaker."""
HEADLINE_RUBRIC_MARKS = ("..", "|", "/")
"""A rubric or an earlier headline before the speaker: ``شاهد.. X:``, ``اقرأ أيضا/ X:``."""
HEADLINE_REPLY_VERBS = frozenset(match_form(w) for w in ("يرد", "ترد", "يخاطب", "تخاطب"))


def _headline_speaker_part(title: str, left: Span) -> tuple[Span | None, bool]:
    """The speaker part before a headline's colon, without a rubric (``شاهد.. بيل غيتس``),
    an addressee (``واشنطن لأردوغان``) or a reply verb (``الوزير يرد على ترامب``); and
    whether someone was addressed."""
    written = title[left.start : left.end]
    rubric, mark = max((written.rfind(m), m) for m in HEADLINE_RUBRIC_MARKS)
    if rubric >= 0:
        trimmed = _trimmed(title, left.start + rubric + len(mark), left.end)
        if trimmed is None:
            return None, False
        left, written = trimmed, title[trimmed.start : trimmed.end]
        # المجلس ينشر القرار.. ووزير الخارجية: the conjunction joins the two headlines
        if written[:1] == "و" and not _speaker_like(written) and _speaker_like(written[1:]):
            left, written = Span(left.start + 1, left.end), written[1:]
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", written)]
    for k, (offset, word) in enumerate(words[1:], start=1):
        norm = match_form(word)
        if norm in HEADLINE_TOPICS or (
            (norm == HEADLINE_FROM or norm in HEADLINE_WHEN) and len(words) - k <= 3
        ):
            # قرقاش عن اجتماع جنيف: … — what the speaker spoke about is no part of them, nor
            # where they spoke from (شيرين من الكويت: …) or when (الوزير بعد تعيينه: …)
            return _trimmed(title, left.start, left.start + offset), False
        # ماتيس يشكك برواية روسيا: a present-tense verb after the name ends the speaker
        reply = norm in HEADLINE_REPLY_VERBS or (norm[:1] == "ي" and len(norm) >= 4)
        addressee = k == len(words) - 1 and norm.startswith("ل") and len(norm) > 3
        if reply or addressee:
            end = _trimmed(title, left.start, left.start + offset)
            return end, True
    return left, False


HEADLINE_INSTITUTIONS = frozenset(
    match_form(w)
    for w in (
        "لجنة", "اللجنة", "وزارة", "الوزارة", "خارجية", "الخارجية", "الحكومة", "حكومة",
        "الجيش", "جيش", "الشرطة", "التحالف", "الرئاسة", "البرلمان", "الكرملين", "البنتاغون",
        "المفوضية", "منظمة", "المنظمة", "هيئة", "الهيئة", "مجلس", "المجلس", "حزب", "الحزب",
        "حركة", "الحركة", "الحرس", "النيابة", "المحكمة",
    )
)  # fmt: skip
"""Institutions that speak in headlines (التحالف: …، لجنة برلمانية: …)."""


def _speaker_like(written: str) -> bool:
    """A role or group: وزير الخارجية، مسؤولون أميركيون، Fed officials."""
    words = written.split()
    first = match_form(words[0])
    if first in arabic_lexicon().role_nouns or first in HEADLINE_INSTITUTIONS:
        return True
    lex = english_lexicon()
    return any(w.casefold() in lex.role_nouns or w.casefold() in lex.group_nouns for w in words)


def _inside_quote(quotes: list[Quote], i: int) -> bool:
    return any(q.start < i < q.end for q in quotes)


# ---- helpers ------------------------------------------------------------------------------------
TYPEWRITER_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—-]))''(?=\S)|``")
TYPEWRITER_CLOSE = re.compile(r"(?<=\S)''(?!')")
"""A closing pair; of three apostrophes (a quotation inside one, closing with it) the last
two close the outer quotation."""


def _typewriter_quotes(text: str) -> str:
    """Quotation marks typed as two apostrophes (``''Yes,'' he said`` — wire and archive
    text in the Penn Treebank style) become curly quotes, keeping every offset: the opening
    pair becomes a space and “, the closing pair ” and a space."""
    if "''" not in text and "``" not in text:
        return text
    text = TYPEWRITER_OPEN.sub(" “", text)
    return TYPEWRITER_CLOSE.sub("” ", text)


def _written_text(claim: Claim, article: CleanArticle) -> Claim:
    """The claim's text as the article writes it (its offsets are unchanged)."""
    field_text = article.title if claim.field is TextField.TITLE else article.body
    written = field_text[claim.start : claim.end]
    return claim if written == claim.text else claim.model_copy(update={"text": written})


def _entities_between(
    entities: list[Entity], starts: list[int], start: int, end: int
) -> list[Entity]:
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_left(starts, end)
    return entities[lo:hi]


def _sentence_script(sentence: Sentence) -> str | None:
    """Which parser reads a sentence, by the script of its words outside quotations: "ar"
    when Arabic letters are at least as many as Latin ones, "en" when it has Latin letters,
    else None (no parser)."""
    arabic, latin = script_share(_unquoted(sentence))
    if arabic >= latin and arabic > 0:
        return "ar"
    return "en" if latin > 0 else None


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


PRONOUN_WINDOW = 300


def _recent_person(text: str, draft: Draft, resolver: SpeakerResolver) -> Entity | None:
    """``Trump landed in Ohio. He said …``: an English he/she refers to the person named just
    before it (within ``PRONOUN_WINDOW`` characters, outside any quotation) rather than to
    an earlier speaker."""
    if draft.gender not in ("m", "f") or draft.cue is None:
        return None
    if not text[draft.cue.start : draft.cue.end].isascii():
        return None
    before = draft.cue.start
    nearest: Entity | None = None
    for entity in reversed(resolver.entities):
        if entity.end > before or entity.label is not Label.PERSON:
            continue
        if entity.start < before - PRONOUN_WINDOW:
            break
        if _in_quotes(text, entity.start, before):
            continue
        if not genders_disagree(_entity_gender(entity), draft.gender):
            return entity
        # "Garcia thanked Clinton. He said …": he is not Clinton; if nobody nearer agrees,
        # the nearest person is still a better guess than dropping the claim.
        nearest = nearest or entity
    return nearest


def _agreeing_person(text: str, draft: Draft, resolver: SpeakerResolver) -> Entity | None:
    """The person named just before an English he/she whose gender does not disagree."""
    person = _recent_person(text, draft, resolver)
    if person is None or genders_disagree(_entity_gender(person), draft.gender):
        return None
    return person


def _english_quote(text: str, quote: Span) -> bool:
    """A quotation in Latin script (Arabic quotations keep the rules alone)."""
    return text[quote.start : quote.end].isascii() and any(
        c.isalpha() for c in text[quote.start : quote.end]
    )


def _english_cue(text: str, draft: Draft) -> bool:
    return draft.cue is not None and text[draft.cue.start : draft.cue.end].isascii()


def _entity_gender(entity: Entity) -> str | None:
    return speaker_gender(Speaker(text=entity.text, name=entity.name))


def _in_quotes(text: str, pos: int, until: int) -> bool:
    """Whether ``pos`` lies inside a quotation that is still open or closes before ``until``."""
    line_start = text.rfind("\n", 0, pos) + 1
    opened = sum(text.count(m, line_start, pos) for m in "“«") - sum(
        text.count(m, line_start, pos) for m in "”»"
    )
    return opened > 0 or text.count('"', line_start, pos) % 2 == 1


def _same_party(speaker: Speaker, source: ClaimSource) -> bool:
    if speaker.entity_id and speaker.entity_id == source.entity_id:
        return True
    return words_of(speaker.text) == words_of(source.text)


NARRATIVE_WORDS = frozenset(match_form(w) for w in ("وكان", "وكانت", "وقد", "ومن", "وفي", "وعلى"))


def _narrative_opening(sentence: Sentence) -> bool:
    """A sentence that opens with و and a third-person present or form-V/VI past (ويجب،
    وتدرب), a definite noun (والفريق) or a narrative particle (وكان، وقد) is the journalist
    again, not more of the unquoted speech a colon opened: speakers go on in the first person
    (وسنقاتل، ونحن، وأتمنى) or without a connector."""
    first = next((t for t in sentence.tokens if t.is_word), None)
    if first is None or first.in_quote or not first.norm.startswith("و") or len(first.norm) < 4:
        return False
    rest = first.norm[1:]
    return first.norm in NARRATIVE_WORDS or rest.startswith(("ي", "ت", "ال"))


def _extend_to(text: str, found: _Found, end: int) -> None:
    """Unquoted speech after a colon goes on over the paragraph's next sentence."""
    span = _trimmed(text, found.claim.start, end)
    if span is None:
        return
    found.claim = found.claim.model_copy(
        update={"text": text[span.start : span.end], "end": span.end}
    )
    found.words = frozenset(words_of(found.claim.text))


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
