"""Arabic attributions in one sentence.

Verb-first: ``[و]CUE SPEAKER[، APPOSITION][، TIME][، PP] (إن|أن|إلى أن|:) CONTENT``;
subject-first: ``SPEAKER CUE (إن|أن|:) CONTENT``; relayed: ``نقلت OUTLET … عن SPEAKER (قولهم) أن``;
bare noun content for denials and accusations (تنفي موسكو تبادل الأسلحة);
``CONTENT، وفق|بحسب|نقلا عن SOURCE`` and ``بحسب SOURCE، (فإن) CONTENT``.
Plural verbs (قالوا، اتهموا) and participles (مضيفا) never name their subject: they continue
the last speaker, as do singular verbs followed directly by the complementizer (وأضاف أن).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from schemas.models import ClaimKind, Entity, Stance
from workers.core.claims.draft import Draft, Span, SpeakerFrom
from workers.core.claims.lexicon import (
    ArabicCue,
    ArabicLexicon,
    Words,
    arabic_lexicon,
    plural_head,
)
from workers.core.claims.segment import OPENING_QUOTES, Quote, Sentence, Token
from workers.core.text import match_form

COMMAS = frozenset("،,")
MAX_ZONE_TOKENS = 30
MAX_SUBJECT_TOKENS = 12
# اتهم/وصف SPEAKER[، TIME،] OBJECT بـ…: speaker, time and a long object (ما تعرضه الشركة
# والوزارة في العقد من تنازلات) come before the charge.
CHARGE_WINDOW = 22
SOURCE_HEADS = frozenset(
    {
        "بيان",
        "بيانات",
        "ارقام",
        "احصاءات",
        "تقديرات",
        "دراسه",
        "استطلاع",
        "وسائل",
        "مصادر",
        "مسؤولين",
        "مسؤولون",
        "تقرير",
        "تقارير",
    }
)
FA_INNA = frozenset({"فان", "فانه", "فانها", "فانهم"})
ROLE_PREPOSITIONS = frozenset(match_form(w) for w in ("في", "من", "لدى", "عن", "مع", "و", "ب"))
CLOSING_MARKS = frozenset('”»"')
RELAY_HEADS = frozenset({"نقلا", "ونقلا"})
RELAY_PRONOUNS = frozenset(match_form(w) for w in ("عنه", "عنها", "عنهم", "عنهما"))
# Not على: its matching form is the name علي.
LEADING_PREPOSITIONS = frozenset(match_form(w) for w in ("من", "عن", "إلى", "مع"))
MIN_QUOTE_WORDS = 3
MAX_QUOTED_NAME_WORDS = 4
DEMONSTRATIVES = frozenset(match_form(w) for w in ("هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"))
ALA_WRITTEN = frozenset({"على", "وعلى"})
# Written forms that open where a statement was posted (على تويتر، عبر حسابه، في صفحتها).
IN_WRITTEN = frozenset({"في", "وفي"})
POSTING_PREPOSITIONS = ALA_WRITTEN | IN_WRITTEN | frozenset({"عبر", "وعبر"})
# لكن and its forms with the subject's pronoun (لكنها أصرت: the pronoun is the subject)
BUT_WORDS = frozenset(
    match_form(w)
    for w in ("لكن", "ولكن", "لكنه", "لكنها", "لكنهم", "لكنهما", "ولكنه", "ولكنها", "ولكنهم")
)
BUT_PRONOUNS = BUT_WORDS - frozenset({"لكن", "ولكن"})  # لكنه، ولكنها: a subject glued on
EXCEPT_WORDS = frozenset(match_form(w) for w in ("إلا", "غير"))
PRONOUN_QUANTIFIERS = frozenset(
    match_form(w) for w in ("أحدهم", "أحدهما", "أحدها", "إحداها", "بعضهم", "بعضها", "كلهم")
)
RELATIVES = frozenset(match_form(w) for w in ("الذي", "التي", "الذين"))
AN = match_form("عن")
JOURNALIST_APPOSITIONS = frozenset(match_form(w) for w in ("وهو", "وهي", "وذلك"))
PARENTHESIS_HEAD_WORDS = 6  # verb, subject and an adverb before ، بحسب X، (أفشل القصف، …)
FEELING_JOINS = frozenset(match_form(w) for w in ("في", "من", "ب"))  # أمله في أن، قلقه من أن
VERB_OPENERS = (
    RELATIVES
    | frozenset(
        match_form(w)
        for w in ("حيث", "قد", "وقد", "فقد", "ثم", "كما", "عندما", "حين", "بعدما", "لكنه", "لكنها")
    )
    | frozenset(match_form(w) for w in ("ما", "بما", "لما", "مما"))
)  # بما وصفته X بأنه …
PRONOUN_PREPOSITIONS = frozenset(
    match_form(p + suffix)
    for p in ("في", "عن", "من", "ل", "علي", "ب")
    for suffix in ("ه", "ها", "هم")
)
ISSUE_VERBS = frozenset(
    match_form(w)
    for w in ("نشر", "نشرت", "أصدر", "أصدرت", "وجه", "وجهت", "ألقى", "ألقت", "بث", "بثت")
)  # … a document in which the speaker said something
TIME_NOUNS = frozenset(match_form(w) for w in ("وقت", "الوقت", "حين", "الحين", "لحظة", "اللحظة"))
FEMININE_PAST_AFTER_WA = re.compile(r"و[^و\s]{2,5}(?<!ا)ت")  # وأثارت، وقالت (not وتحولات)
RESUMPTIVE_FI = frozenset(match_form(w) for w in ("فيه", "فيها"))
NOMINAL_ANNOUNCE = match_form("إعلان")
NOMINAL_REFERENCE = match_form("إشارة")
NOMINAL_CUES = {
    match_form(w): stance
    for w, stance in (
        ("إعلان", Stance.ANNOUNCE),
        ("تأكيد", Stance.CONFIRM),
        ("تأكيدات", Stance.CONFIRM),
        ("تحذير", Stance.WARN),
        ("تحذيرات", Stance.WARN),
        ("تصريحات", Stance.ASSERT),
        ("إشارة", Stance.ASSERT),
        ("نفي", Stance.DENY),
    )
}
NOMINAL_SPEAKER_MAX = 8
DOCUMENT_VERBS = frozenset(match_form(w) for w in ("جاء", "وجاء", "ورد", "وورد"))
"""وجاء في البيان أن … / وورد في الرسالة: "…": the document is the speaker."""
DOCUMENT_NAME_MAX = 5
KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"})
NEGATIONS = frozenset({"لم", "ولم", "لن", "ولن", "لا", "ولا", "فلم"})
UNSAID = frozenset({"لم", "ولم", "فلم", "لن", "ولن"})
GENERIC_WHO = frozenset({"من", "لمن", "ممن", "ومن"})
APPOSITION_OPENERS = frozenset({"بينهم", "بينهن", "بينها", "منهم", "ومنهم", "بينهما"})
PRONOUN_SUBJECTS = frozenset({"هو", "هي", "وهو", "وهي", "هم", "وهم"}) | frozenset(
    match_form(but + pronoun) for but in ("لكن", "ولكن") for pronoun in ("ه", "ها", "هم")
)  # لكنها قالت …: the pronoun glued to لكن stands for the last speaker too
PRONOUN_COMPLEMENTIZERS = frozenset(match_form(w) for w in ("أنه", "أنها", "أنهم", "أنهما"))
# Verbal nouns that name who speaks (أفاد تقرير، أظهر استطلاع), not what was said.
SPEAKING_NOUNS = frozenset(
    match_form(w) for w in ("تقرير", "تحقيق", "استطلاع", "استبيان", "تسجيل", "تصريح", "تحليل")
)
# Documents that speak in a relative clause (مشروع قرار يدعو، وثيقة تكشف، دراسة تؤكد).
DOCUMENT_NOUNS = frozenset(
    match_form(w) for w in ("مشروع", "قرار", "وثيقة", "دراسة", "مذكرة", "عريضة", "اقتراح")
)
OWNED_STANCES = frozenset(
    match_form(w)
    for w in (
        "مسؤولية", "رغبة", "عزم", "رفض", "دعم", "تأييد", "قلق", "أسف", "ترحيب", "التزام",
        "موقف", "استعداد", "نية", "تصميم",
    )
)  # fmt: skip
# Nouns that open what a participle confirmed (مؤكدا عدم …، ضرورة …) besides verbal nouns.
CONTENT_NOUNS = frozenset(match_form(w) for w in ("عدم", "استمرار", "ضرورة", "أهمية"))
# قبل أيام، في 11 يوليو، منذ الاثنين: a preposition of a time phrase between speaker and content
TIME_PREPOSITIONS = frozenset(match_form(w) for w in ("قبل", "بعد", "في", "منذ", "خلال"))
TIME_UNITS = frozenset(
    match_form(w)
    for w in ("أيام", "ساعات", "أسابيع", "أشهر", "شهور", "سنوات", "أعوام", "شهر", "أسبوع")
)  # قبل أيام: the time words are definite or named (الأيام، الاثنين)
DESCRIBE = match_form("وصف")
# The matter a reporting verb explains or comments on (يوضح الأمر، شرح الموضوع): its object.
MATTER_NOUNS = frozenset(match_form(w) for w in ("الأمر", "الموضوع", "المسألة", "القضية"))
OBJECT_LINKS = frozenset(match_form(w) for w in ("مع", "بين"))
SECOND_COMPLEMENT = frozenset(match_form(w) for w in ("وأن", "وإن", "وبأن", "وأنه", "وأنها"))
NOUN_GOVERNORS = frozenset(
    match_form(w) for w in ("على", "في", "من", "عن", "إلى", "بعد", "قبل", "عقب", "حول", "بشأن")
)
CHANNEL_STOPS = frozenset(
    match_form(w)
    for w in ("خلال", "في", "على", "أمام", "عبر", "عقب", "بعد", "مع", "إلى", "من", "عن", "لدى")
)


class ArabicParser:
    def __init__(self, lexicon: ArabicLexicon | None = None) -> None:
        self.lex = lexicon or arabic_lexicon()

    def parse(self, sentence: Sentence, entities: Sequence[Entity]) -> list[Draft]:
        """Attributions in one sentence; ``entities`` are the mentions of its field."""
        return _SentenceParser(self.lex, entities).run(sentence)

    def sentence_agent(
        self, sentence: Sentence, entities: Sequence[Entity]
    ) -> tuple[Span, str] | None:
        """The subject of a sentence without attribution and what a later elided cue must be
        to continue it: ``p`` for a plural group (وانتقد نواب المعارضة القرار. → ورأوا، وقالوا),
        the verb's gender for a named or titled person (زارت الوزيرة X المدينة. → وأكدت أن …)."""
        return _SentenceParser(self.lex, entities).sentence_agent(sentence.tokens)


class _SentenceParser:
    def __init__(self, lex: ArabicLexicon, entities: Sequence[Entity]) -> None:
        self.lex = lex
        self._entities = entities
        self._text = ""
        self._quotes: list[Quote] = []
        self._relay_split: tuple[int, int] | None = None
        self._tokens_ref: list[Token] = []

    def run(self, sentence: Sentence) -> list[Draft]:
        tokens = sentence.tokens
        self._text = sentence.text
        self._quotes = sentence.quotes
        self._tokens_ref = tokens
        inside_entity = _entity_token_mask(tokens, self._entities)
        according = self._according_to_positions(tokens)
        # بحسب ما أعلنت السلطات: the verb belongs to the according-to phrase.
        in_phrase = {k for a, source in according for k in range(a, source)}
        cues: list[tuple[int, ArabicCue, int]] = []
        for i, tok in enumerate(tokens):
            if not tok.is_word or tok.in_quote or i in in_phrase:
                continue
            if inside_entity[i] and not _swallowed_verb(tok, self._entities):
                continue
            found = self.lex.cue(tok.norm)
            if not found:
                # ألقى/أنحى باللائمة على …, but not ألقى كلمة: a cue only with its marker
                marked = self.lex.marker_cue(tok.norm)
                if (
                    marked
                    and self._marker_at(tokens, i, marked[0]) is not None
                    and self._subject_head_fits(tokens, i, marked[0])
                ):
                    found = marked
            if not found and self._cataphoric(tokens, i):
                # هذا ما قالته X (but not وهو ما تؤكده X: that confirms what came before)
                found = self._cue_with_object(tokens, i)
            if (
                found
                and found[0].tag == "part"
                and i > 0
                and tokens[i - 1].text not in COMMAS
                and tokens[i - 1].text not in CLOSING_MARKS
                and not self._speech_follows(tokens, i + 1)
                and not (i + 1 < len(tokens) and tokens[i + 1].norm in OBJECT_PRONOUNS)
            ):
                continue  # مشددة in "عقوبات دولية مشددة" is an adjective, not "stressing"
            if found and found[0].lemma == "قدر" and _next_word_has_ba(tokens, i):
                continue  # تعويضات تقدر بحوالي …: valued at, not estimated by anyone
            if (
                found
                and not found[1]
                and found[0].tag in ("m", "f")
                and not found[0].present
                and i > 0
                and tokens[i - 1].norm in NOUN_GOVERNORS
            ):
                continue  # ويترتب على كشف أسمائهم: a verbal noun after a preposition
            if (
                found
                and found[0].object_pronoun
                and not found[1]
                and i > 0
                and tokens[i - 1].is_word
                and tokens[i - 1].norm not in VERB_OPENERS
            ):
                continue  # وذهب إلى حد وصفها بـ…: "its description", a noun, not a verb
            if found and i > 0 and tokens[i - 1].norm in UNSAID and found[0].lemma != "استبعد":
                continue  # لم يعلن بعد موعد اللقاء: nothing was said
            if (
                found
                and found[0].max_zone is not None
                and not self._complementizer_within(tokens, i, found[0].max_zone)
            ):
                continue  # لتظهر بعدها مدن …، يظهر اسم المهاجم: "appears", no one said anything
            if found and found[0].lemma == CONTAINED and self._relay_after(tokens, i):
                continue  # وتضمن بيان نقلا عن X قوله إن: the relay names the speaker
            if found and found[0].lemma == LEARNED and not self._outlet_after(tokens, i):
                continue  # وعلمت الأمر كله: "I learned", a narrator, not وعلمت الصحيفة أن
            if found and found[0].present and i > 0 and tokens[i - 1].norm in GENERIC_WHO:
                continue  # لمن تعتقد أنهم …، من يقول إن …: whoever, no one in particular
            if (
                found
                and found[0].lemma in DENIABLE_BELIEFS
                and i > 0
                and tokens[i - 1].norm in NEGATIONS
            ):
                continue  # ولا يعتقد أن …، لا تخشى …: a belief or fear denied is no claim
            if found:
                cues.append((i, found[0], found[1]))
        drafts: list[Draft] = []
        boundaries = [i for i, cue, clitic in cues if self._opens_clause(tokens, i, cue, clitic)]
        for i, cue, clitic in cues:
            if i not in boundaries and drafts:
                continue  # a bare verb inside reported content: part of that content
            next_boundary = next((b for b in boundaries if b > i), len(tokens))
            inner = [(a, src) for a, src in according if i < a < next_boundary]
            # وذكرت وكالة بلومبرغ نقلا عن مصادر مطلعة أن …: نقلا عن inside the speaker zone
            # names who the outlet relays; it does not end the clause.
            self._relay_split = next(
                (
                    (a, src)
                    for a, src in inner
                    if tokens[a].norm in RELAY_HEADS and not self._marker_between(tokens, i, a)
                ),
                None,
            )
            limit = min([next_boundary] + [a for a, src in inner if (a, src) != self._relay_split])
            limit = self._before_opener(tokens, i, limit)
            # لكنه دعا X إلى …: the subject is the pronoun glued before the verb, so the noun
            # phrase after it is the object, as after a verb with an elided subject.
            elided = clitic or int(self._pronoun_before(tokens, i))
            draft = self._cue_draft(sentence, tokens, i, cue, elided, limit, inside_entity)
            if draft is None:
                continue
            if clitic and tokens[i].norm[0] == "ل":
                self._lam_subject(tokens, draft)
            if draft.speaker is None and not clitic:
                self._relative_antecedent(tokens, i, draft)
            if draft.speaker_from is SpeakerFrom.SENTENCE and not drafts:
                self._sentence_subject(sentence, tokens, i, draft)
            elif (
                draft.speaker_from is SpeakerFrom.CONTEXT
                and not drafts
                and (clitic or i > 0)
                and cue.tag in ("m", "f", "p")
            ):
                # وانتقد نواب المعارضة القرار، ورأوا أنه …; توعدت القيادة بالرد، واتهمت …:
                # the subject of the clause before, not the last speaker.
                agent = self.agent(tokens, i, plural=cue.tag == "p", gender=cue.tag)
                if agent is None and clitic and cue.tag in ("m", "f"):
                    agent = self._opening_subject(tokens, i, cue.tag)
                if agent is not None:
                    draft.speaker = agent
                    draft.speaker_from = SpeakerFrom.MENTION
            self._attach_trailing_source(sentence, tokens, draft, limit, according)
            nested = self._nested(sentence, tokens, draft, limit, inside_entity)
            if nested is not None:
                reported, rest = nested
                drafts.append(reported)
                if rest is None:
                    continue
                draft.content = rest
            drafts.append(draft)
        drafts.extend(self._according_to_drafts(sentence, tokens, according, drafts))
        cue_positions = [i for i, _c, _k in cues]
        drafts.extend(self._nominal_drafts(sentence, tokens, cue_positions, drafts))
        drafts.extend(self._document_drafts(sentence, tokens, cue_positions, drafts))
        for draft in drafts:
            draft.speaker = self._without_conjunction(sentence.text, draft.speaker)
            if draft.speaker is not None:
                draft.speaker = self._issuer(sentence.text, draft.speaker)
                if draft.speaker is None:
                    draft.role, draft.speaker_from = None, SpeakerFrom.CONTEXT
            written = (
                sentence.text[draft.speaker.start : draft.speaker.end].split()
                if draft.speaker is not None
                else []
            )
            # وفقا للصحيفة، بيان للجيش: the لـ of a source or an issuer is no hearer's
            issuer_lam = draft.kind is ClaimKind.ACCORDING_TO or draft.source is not None
            if written and _not_a_speaker(written[0], issuer_lam):
                # مما يعني، فإن …، بشدة، قبل، وهي …: a particle or an adverb read where the
                # subject was expected; the speaker is someone named before
                draft.speaker, draft.role = None, None
                draft.speaker_from = SpeakerFrom.CONTEXT
                written = []
            if written and match_form(written[0]) in PRONOUN_QUANTIFIERS:
                draft.aside = True  # ووصف أحدهم …: one of a group, whom no later verb continues
            if (
                draft.speaker is not None
                and match_form(sentence.text[draft.speaker.start : draft.speaker.end])
                in PRONOUN_SUBJECTS
            ):
                # وهو أعلن …: the pronoun stands for the last speaker
                draft.speaker, draft.role = None, None
                draft.speaker_from = SpeakerFrom.CONTEXT
        # وعادة ما يطلب من …، الذي يطالب كثيرا بـ …: what is habitually said is nobody's
        # statement
        return [d for d in drafts if not self._habitual(tokens, d)]

    def _participle_noun_content(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        limit: int,
        cue_span: Span,
    ) -> Draft | None:
        """``…، مؤكدا عدم نية الحكومة الاستقالة``: what a participle of confirming or
        announcing says, as a verbal noun right after it; the sentence's subject said it."""
        start = ci + 1
        if (
            start + 1 >= limit
            or not (tokens[start].is_word and tokens[start + 1].is_word)
            or tokens[start].in_quote
            or not _noun_content_opener(tokens[start].norm)
        ):
            return None
        content, kind = _content(sentence, tokens, start, limit)
        if not content:
            return None
        return Draft(
            content=content,
            cue=cue_span,
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.SENTENCE,
        )

    def _document_before(self, tokens: list[Token], ci: int) -> tuple[int, int] | None:
        """An indefinite document right before a present verb (… مشروع قرار يدعو إلى …،
        تقريرا يؤكد أن …): the verb opens a relative clause whose subject is the document."""
        start = ci
        while (
            start > 0
            and ci - start < 3
            and tokens[start - 1].is_word
            and not tokens[start - 1].in_quote
            and not tokens[start - 1].norm.startswith(("ال", "وال"))
        ):
            start -= 1
        while start < ci:
            head = tokens[start].norm
            head = head[:-1] if head.endswith("ا") and len(head) > 4 else head
            if head in DOCUMENT_NOUNS or self._channel_noun(head):
                return (start, ci)
            start += 1
        return None

    def _one_object(self, tokens: list[Token], chunk_end: int, charge: int) -> bool:
        """What follows the first noun phrase up to the charge still belongs to it: nouns
        joined by و (واتهم الحكومة والبرلمان والنقابات بـ…; not هددت فرنسا والولايات المتحدة
        … الحكومة بـ…, two subjects and then the object), or a phrase with مع/بين (وصف
        العلاقات مع الجيران بأنها …)."""
        rest = tokens[chunk_end:charge]
        if all(self._joined_noun(tok) for tok in rest if tok.is_word):
            return True
        return tokens[chunk_end].norm in OBJECT_LINKS and not any(
            self._channel_noun(t.norm) for t in rest
        )

    def _joined_noun(self, tok: Token) -> bool:
        """والإمارات، وإيران: a noun joined by و to the one before it (not واشنطن)."""
        if not tok.is_word or tok.in_quote or not tok.norm.startswith("و"):
            return False
        return tok.norm.startswith("وال") or any(e.start == tok.start + 1 for e in self._entities)

    def _pronoun_before(self, tokens: list[Token], ci: int) -> bool:
        """The verb at ``ci`` follows a pronoun that is its subject (لكنه، ولكنها،
        إلا أنه [قد])."""
        k = ci - 1
        if k >= 0 and tokens[k].norm == "قد":
            k -= 1
        if k < 0 or not tokens[k].is_word:
            return False
        if tokens[k].norm in BUT_PRONOUNS:
            return True
        return (
            tokens[k].norm in PRONOUN_COMPLEMENTIZERS
            and k > 0
            and tokens[k - 1].norm in EXCEPT_WORDS
        )

    def _habitual(self, tokens: list[Token], draft: Draft) -> bool:
        if draft.cue is None:
            return False
        ci = next((k for k, t in enumerate(tokens) if t.start == draft.cue.start), None)
        if ci is None:
            return False
        near = [t.norm for t in tokens[max(0, ci - 2) : ci + 2] if t.is_word]
        return any(_bare(norm) in HABITUAL_ADVERBS for norm in near)

    def _noun_content_after_comma(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        marker: tuple[int, int] | None,
        limit: int,
    ) -> Draft | None:
        """``أعلن رئيس الوزراء سامر حداد، قبول استقالة …``، ``تقترح الوثيقة، الاطلاع
        على …``: the speaker, a comma, then a bare noun content (past appositions and times);
        a preposition further on (… الشائعات عن إمكانية …) is not the cue's marker."""
        if marker is None:
            end = limit
        elif tokens[marker[0]].is_word and tokens[marker[0]].norm not in self.lex.complementizers:
            end = marker[0]
        else:
            return None
        segments = self._segments(tokens, ci + 1, end)
        if len(segments) < 2:
            return None
        for a, b in segments[1:]:
            ta, tb = self._trim_time(tokens, a, b)
            if ta >= tb or self._entity_at(tokens, ta):
                continue  # a time, or a recognised name in apposition
            if len([t for t in tokens[ta:tb] if t.is_word]) <= 3 and self._is_name(tokens, ta, tb):
                continue  # a name in apposition (جواد ظريف)
            first = tokens[ta]
            bare = first.norm[1:] if first.norm[:1] == "و" and len(first.norm) > 3 else first.norm
            if first.norm in APPOSITION_OPENERS or bare in self.lex.role_nouns:
                continue  # بينهم نائب رئيس الوزراء، …، ووزير الخارجية، …
            words = [t for t in tokens[ta:tb] if t.is_word]
            if (
                len(words) < 2
                or first.in_quote
                or _preposition(first.norm)
                or first.norm in self.lex.role_nouns
                or first.norm in JOURNALIST_APPOSITIONS
                or self.lex.cue(first.norm)
            ):
                return None  # …، وهو عدد أقل من …: the journalist on the content before
            return self._named_speaker_claim(
                sentence, tokens, ci, (ta, limit), a - 1, cue.stance, cue.tag
            )
        return None

    def _named_speaker_claim(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        content_zone: tuple[int, int],
        speaker_end: int,
        stance: Stance,
        gender: str | None,
    ) -> Draft | None:
        """A claim whose content starts at ``content_zone[0]`` and whose speaker is the noun
        phrase between the cue and ``speaker_end``; none without content or speaker."""
        content, kind = _content(sentence, tokens, content_zone[0], content_zone[1])
        if not content:
            return None
        draft = Draft(
            content=content,
            cue=Span(tokens[ci].start, tokens[ci].end),
            kind=kind,
            stance=stance,
            speaker_from=SpeakerFrom.MENTION,
            gender=gender,
            confidence=0.7,
        )
        self._read_zone(sentence, tokens, (ci + 1, speaker_end), draft, nominal_allowed=True)
        return draft if draft.speaker is not None else None

    def _verbal_noun_content(
        self, sentence: Sentence, tokens: list[Token], ci: int, cue: ArabicCue, limit: int
    ) -> Draft | None:
        """``أعلنت منظمة النزاهة الرياضية إطلاق مبادرة …``: an announcement whose content is
        a verbal noun right after the speaker. The speaker ends where an indefinite verbal
        noun (تفعيل، إفعال، افتعال، انفعال، استفعال) follows a definite word or a recognised
        name — a construct like هيئة تنظيم الاتصالات does not end there."""
        if ci > 0 and tokens[ci - 1].norm in SINCE_WORDS:
            return None  # منذ أعلنت منطقة خفض التوتر: when something was declared
        found = self._speaker_then_verbal_noun(tokens, ci, limit)
        if found is None:
            return None
        speaker_end, start = found
        gender = cue.tag if cue.tag in ("m", "f", "p") else None
        return self._named_speaker_claim(
            sentence, tokens, ci, (start, limit), speaker_end, cue.stance, gender
        )

    def _speaker_then_verbal_noun(
        self, tokens: list[Token], ci: int, limit: int
    ) -> tuple[int, int] | None:
        """(speaker end, content start) for ``CUE SPEAKER [channel] [time] VERBAL-NOUN …``:
        the speaker ends at a definite word or a recognised name that a verbal noun (or
        عدم، ضرورة …) follows, past a channel (في بيان) and time words (قبل أيام، الاثنين)."""
        stop = min(limit - 1, ci + 1 + MAX_SUBJECT_TOKENS)
        for k in range(ci + 2, stop):
            tok, prev = tokens[k], tokens[k - 1]
            if not (tok.is_word and prev.is_word) or tok.in_quote or prev.in_quote:
                return None  # a comma, a quotation: not a bare speaker phrase
            if self.lex.cue(tok.norm) or tok.norm in self.lex.complementizers:
                return None
            closes = prev.norm.startswith("ال") or any(e.end == prev.end for e in self._entities)
            if not closes:
                continue
            # أكد العقيد X في بيان اعتراض …: the channel between speaker and content
            start = k + 2 if self._channel_at(tokens, k) and k + 3 < limit else k
            start = self._past_time(tokens, start, limit)
            if start + 1 >= limit or not tokens[start + 1].is_word:
                continue
            if _noun_content_opener(tokens[start].norm):
                return k, start
        return None

    def _past_time(self, tokens: list[Token], k: int, limit: int) -> int:
        """The first token after the time or aside words at ``k`` (أعلن ترامب قبل أيام سحب …،
        أكد الهلال الأحمر من جهته إصابة …، أعلن الوزير الاثنين بدء …): where a content
        after the speaker may open."""
        j = k
        while j < limit:
            tok = tokens[j]
            if tok.text == "/" and j > k:
                j += 1  # مايو/ أيار: one month in two calendars
                continue
            if not tok.is_word or tok.in_quote:
                return j
            phrase = self._time_phrase_at(tokens, j)
            if phrase:
                j += phrase
            elif (
                self._is_time(tokens, j)
                or (j > k and tok.norm in TIME_UNITS)
                or (
                    tok.norm in TIME_PREPOSITIONS  # قبل أيام، في مايو: the time word comes next
                    and j + 1 < limit
                    and tokens[j + 1].is_word
                    and (tokens[j + 1].norm in TIME_UNITS or self._is_time(tokens, j + 1))
                )
            ):
                j += 1
            else:
                return j
        return j

    def _time_phrase_at(self, tokens: list[Token], j: int) -> int:
        """The length of the time or aside phrase (من جهته، بدوره …) starting at token ``j``,
        or 0 (the lexicon's phrases are no prefixes of one another)."""
        return next(
            (len(words) for words in self.lex.time_phrases if _match_words(tokens, j, words)), 0
        )

    def _relay_after(self, tokens: list[Token], i: int) -> bool:
        """نقلا عن before the next complementizer: the relay reading names the speaker."""
        for tok in tokens[i + 1 :]:
            if tok.norm in self.lex.complementizers:
                return False
            if tok.norm in RELAY_HEADS:
                return True
        return False

    def _channel_at(self, tokens: list[Token], k: int) -> bool:
        """``في بيان``، ``في تغريدة``: في and a channel noun."""
        return (
            tokens[k].norm == "في"
            and k + 1 < len(tokens)
            and self._channel_noun(tokens[k + 1].norm)
        )

    def _channel_noun(self, norm: str) -> bool:
        """بيان، البيان، تغريدة …: a channel noun, with or without its article."""
        return _strip_al(norm) in _without_article(self.lex.channel_nouns)

    def _posted_at(self, tokens: list[Token], k: int) -> bool:
        """``على تويتر``، ``عبر حسابه``، ``في صفحتها``، ``على موقع الوزارة``: where a
        statement was posted (على as written: its matching form is the name علي)."""
        if tokens[k].text not in POSTING_PREPOSITIONS or k + 1 >= len(tokens):
            return False
        after = tokens[k + 1]
        if not after.is_word or after.in_quote:
            return False
        if tokens[k].text in IN_WRITTEN:
            # في حسابه، في صفحتها: an account; but مدير السياسات في فيسبوك is where one
            # works and في موقع الحادث where one stood
            return _possessed_noun(after.norm) is not None and self._account_noun(after.norm)
        return self._platform_name_at(tokens, k + 1) is not None or self._account_noun(after.norm)

    def _account_noun(self, norm: str) -> bool:
        """حسابه، صفحتها، الموقع، منصة: an account or site, bare, definite or possessed."""
        nouns = self.lex.account_nouns
        return _strip_al(norm) in nouns or _possessed_noun(norm) in nouns

    def _platform_name_at(self, tokens: list[Token], k: int) -> tuple[int, int] | None:
        """A platform's name (تويتر، فيس بوك) starting at token ``k``: the letters of a ب
        glued to it (بتويتر) and the token after it; None if there is none."""
        for words in self.lex.platform_names:
            if _match_words(tokens, k, words):
                return 0, k + len(words)
        tok = tokens[k]
        if tok.is_word and not tok.in_quote and tok.norm.startswith("ب"):
            for words in self.lex.platform_names:
                if tok.norm[1:] == words[0] and _match_words(tokens, k + 1, words[1:]):
                    return 1, k + len(words)
        return None

    def _platform_in(self, tokens: list[Token], a: int, b: int) -> Span | None:
        """The platform a posting phrase names (عبر حسابه على تويتر → تويتر), as the source."""
        for k in range(a, b):
            found = self._platform_name_at(tokens, k)
            if found is not None and found[1] <= b:
                return _span(tokens, k, found[1], skip_clitic=found[0])
        return None

    def _relative_antecedent(self, tokens: list[Token], ci: int, draft: Draft) -> None:
        """``… انتقادات سلفه سالم حمد الذي اعتبر أن …، رفض الرئيس …``: a cue in a
        relative clause speaks for the name just before الذي/التي, not for the last speaker;
        the clause ends at its comma, where the sentence's own verb comes back."""
        if ci < 2 or tokens[ci - 1].norm not in RELATIVES:
            return
        before = tokens[ci - 2]
        if not before.is_word and before.text in COMMAS and ci >= 3:
            before = tokens[ci - 3]  # … سيرغي لافروف، الذي أضاف: the apposition's comma
        named = next((e for e in self._entities if e.end == before.end), None)
        if named is None or named.label.value not in ("PERSON", "ORG"):
            return
        draft.speaker = Span(named.start, named.end)
        draft.speaker_from = SpeakerFrom.MENTION
        draft.aside = True
        comma = next(
            (
                t
                for t in tokens
                if draft.content.start < t.start < draft.content.end
                and t.text in COMMAS
                and not t.in_quote
            ),
            None,
        )
        if comma is not None:
            draft.content = _trim(self._text, Span(draft.content.start, comma.start))

    def _opening_subject(self, tokens: list[Token], ci: int, gender: str) -> Span | None:
        """``قطر تقاضي السعودية … وتتهمها بـ…`` / ``فرنسا تعتبر … وتدعوها …``: a sentence
        (mostly a headline) that opens with its subject and a present verb; a coordinated
        cue of the same gender goes on with that subject."""
        k = next((j for j in range(ci) if tokens[j].is_word), None)
        if k is None or tokens[k].in_quote:
            return None
        if not (tokens[k].norm.startswith("ال") or self._entity_at(tokens, k)):
            return None
        end = self._chunk_end(tokens, k, ci)
        if end >= ci - 1:
            return None
        verb = tokens[end]
        if not verb.is_word or verb.norm[:1] not in "يت" or len(verb.norm) < 4:
            return None
        if (gender == "f") != (verb.norm[0] == "ت") or self.lex.cue(verb.norm):
            return None  # a cue of its own is parsed as one; genders must agree
        return _span(tokens, k, end)

    def _lam_subject(self, tokens: list[Token], draft: Draft) -> None:
        """``ليقول الرئيس: …`` names its subject (a definite noun or a name); ``… وصل إلى
        تونس ليقول: …`` goes on with the subject of the clause before."""
        if draft.speaker is None:
            return
        first = next((k for k, t in enumerate(tokens) if t.start >= draft.speaker.start), None)
        if first is None:
            return
        if tokens[first].norm.startswith("ال") or self._entity_at(tokens, first):
            return
        draft.speaker, draft.role = None, None
        draft.speaker_from = SpeakerFrom.CONTEXT

    def _nested(
        self,
        sentence: Sentence,
        tokens: list[Token],
        outer: Draft,
        limit: int,
        inside_entity: list[bool],
    ) -> tuple[Draft, Span | None] | None:
        """``ذكرت وسائل إعلام أن بيونغيانغ نفت تقارير …``، ``كشفت صحيفة X أن ميسي اعترف
        للمقربين منه بأنه …، وأن …``: the report opens with someone else's statement. That
        statement is the claim, its speaker the one named inside, the reporter its source;
        a second complement (``، وأن …``) stays the reporter's own."""
        if (
            outer.kind is not ClaimKind.INDIRECT
            or outer.speaker is None
            or outer.stance not in (Stance.ASSERT, Stance.ANNOUNCE, Stance.CONFIRM)
        ):
            return None
        c0 = next((k for k in range(len(tokens)) if tokens[k].start >= outer.content.start), None)
        if c0 is None or c0 >= limit:
            return None
        found = None
        for k in range(c0 + 1, min(c0 + 6, limit)):
            tok = tokens[k]
            if not tok.is_word or tok.in_quote:
                return None
            found = self.lex.cue(tok.norm)
            if found is not None:
                break
            if tok.norm in self.lex.complementizers or tok.norm in self.lex.speaker_stops:
                return None
        if found is None:
            return None
        cue, clitic = found
        if clitic or cue.tag not in ("m", "f", "p") or cue.colon_only:
            return None
        if cue.present and cue.impersonal_present:
            return None  # أن الخلاف يتوقع أن يستمر: "is expected", nobody's statement
        if cue.present and tokens[k - 1].norm == "قد":
            return None  # إن مصر قد تدعو الشركات إلى …: what may happen, not a statement
        named = tokens[c0].norm.startswith("ال") or self._entity_at(tokens, c0)
        # …أن مسؤولين أمريكيين قالوا إن …: a plural group speaks too, named or not
        group = cue.tag == "p" and not cue.present and plural_head(tokens[c0].norm)
        if not (named or group):
            return None  # a name, a definite noun or a group speaks, not any phrase
        second = next(
            (
                j
                for j in range(k + 1, limit - 1)
                if tokens[j].text in COMMAS
                and not tokens[j].in_quote
                and tokens[j + 1].norm in SECOND_COMPLEMENT
            ),
            None,
        )
        inner_limit = second if second is not None else limit
        marker = self._find_marker(tokens, k, cue, inner_limit, inside_entity)
        if cue.tag == "p" and (marker is None or marker[0] - k > 2):
            return None  # أن التجار نقلوا الأبجدية …: a plural verb speaks only before its أن
        if marker is None:
            if not cue.noun_content:
                return None
            content_start = k + 1
        else:
            content_start = marker[1]
        content, kind = _content(sentence, tokens, content_start, inner_limit)
        if not content:
            return None
        inner = Draft(
            content=content,
            cue=Span(tokens[k].start, tokens[k].end),
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            source=outer.speaker,
            gender=cue.tag,
            confidence=0.75,
        )
        self._read_zone(sentence, tokens, (c0, k), inner, nominal_allowed=True)
        if inner.speaker is None:
            return None
        rest = None
        if second is not None:
            rest_span, _kind = _content(sentence, tokens, second + 2, limit)
            rest = rest_span or None
        return inner, rest

    def _before_opener(self, tokens: list[Token], ci: int, limit: int) -> int:
        """``…، إلا أنه قال …``: the connector that opens the next attribution is not part
        of this one's content."""
        if limit >= len(tokens):
            return limit
        for words in self.lex.clause_openers:
            start = limit - len(words)
            if start > ci + 1 and _match_words(tokens, start, words):
                return start
        return limit

    def _outlet_after(self, tokens: list[Token], ci: int) -> bool:
        """A news outlet right after the cue, or right before it (الصحيفة علمت): a name, or
        an outlet noun (صحيفة، وكالة …)."""
        after = next(
            (j for j in range(ci + 1, min(len(tokens), ci + 3)) if tokens[j].is_word), None
        )
        before = ci - 1 if ci > 0 and tokens[ci - 1].is_word else None
        return any(
            k is not None
            and (self._entity_at(tokens, k) or tokens[k].norm in self.lex.outlet_nouns)
            for k in (after, before)
        )

    def _subject_head_fits(self, tokens: list[Token], ci: int, cue: ArabicCue) -> bool:
        if not cue.subject_heads:
            return True
        after = next((t for t in tokens[ci + 1 : ci + 3] if t.is_word), None)
        return after is not None and not after.in_quote and after.norm in cue.subject_heads

    def _marker_at(self, tokens: list[Token], ci: int, cue: ArabicCue) -> tuple[int, int] | None:
        """(zone end, content start) of the first of the cue's markers after it, outside
        quotes, before the next cue or the end of the clause."""
        for j in range(ci + 1, min(len(tokens), ci + 1 + MAX_ZONE_TOKENS)):
            tok = tokens[j]
            if not tok.is_word:
                if tok.text in ".:؛;" and not tok.in_quote:
                    return None
                continue
            if tok.in_quote:
                continue
            for words in cue.markers:
                if _match_words(tokens, j, words):
                    return j, j + len(words)
            if cue.feeling_nouns and tok.norm == AN:
                opened = self._stated_feeling(tokens, j + 1, cue.feeling_nouns)
                if opened is not None:
                    return j, opened
            if self.lex.cue(tok.norm) or self.lex.marker_cue(tok.norm):
                return None  # عبر حسابها تغريدة عبرت فيها عن …: the later verb's marker
        return None

    def _stated_feeling(self, tokens: list[Token], k: int, nouns: frozenset[str]) -> int | None:
        """After أعرب … عن: ``ثقته (الكبيرة) بأن``، ``أملها في أن``: the content's first
        token, when the feeling has a complementizer clause; None for a feeling alone."""
        while k < len(tokens) and not tokens[k].is_word and tokens[k].text in OPENING_QUOTES:
            k += 1
        if k >= len(tokens) or tokens[k].norm not in nouns:
            return None
        k += 1
        if k < len(tokens) and tokens[k].norm.startswith("ال") and tokens[k].is_word:
            k += 1  # عن قلقه الشديد من أن
        if k < len(tokens) and tokens[k].norm in self.lex.complementizers:
            return k + 1
        if (
            k + 1 < len(tokens)
            and tokens[k].norm in FEELING_JOINS
            and tokens[k + 1].norm in self.lex.complementizers
        ):
            return k + 2
        return None

    def _complementizer_within(self, tokens: list[Token], ci: int, span: int) -> bool:
        """A complementizer of this verb's own within ``span`` tokens: not one after another
        cue (… مدن تعود إلى عصر يعتقد أنه …) nor one of بعد أن, ما يبدو أنه."""
        for j in range(ci + 1, min(len(tokens), ci + 1 + span)):
            tok = tokens[j]
            if not tok.is_word or tok.in_quote:
                continue
            if self.lex.cue(tok.norm):
                return False
            if tok.norm in self.lex.complementizers:
                return tokens[j - 1].norm not in FOREIGN_ANNA_HEADS
        return False

    def _speech_follows(self, tokens: list[Token], j: int) -> bool:
        """A colon, a quotation or إن/أن right after a participle: عبر عن حزنه قائلا "…"
        speaks, whatever precedes it."""
        if j >= len(tokens):
            return False
        tok = tokens[j]
        if not tok.is_word:
            return tok.text == ":" or self._opens_quotation(tok)
        return tok.norm in self.lex.complementizers

    def _cue_with_object(self, tokens: list[Token], i: int) -> tuple[ArabicCue, int] | None:
        """``هذا ما قالته X``: after ما a cue carries the pronoun of what was said."""
        norm = tokens[i].norm
        if i == 0 or tokens[i - 1].norm != "ما" or not norm.endswith("ه"):
            return None
        stem = norm[:-2] if norm.endswith("وه") else norm[:-1]  # قالوه → قالوا
        return self.lex.cue(stem) or self.lex.cue(stem + "ا")

    def _without_conjunction(self, text: str, span: Span | None) -> Span | None:
        """``والجيش نفى …``: the conjunction glued to a subject is not part of it."""
        if span is None or match_form(text[span.start : span.start + 3]) != "وال":
            return span
        if any(e.start == span.start for e in self._entities):
            return span
        return Span(span.start + 1, span.end)

    def _issuer(self, text: str, span: Span | None) -> Span | None:
        """``ونشر X تغريدة قال فيها …`` / ``وأصدرت الوزارة بيانا أكدت فيه …``: the speaker is
        who issued the document, not the clause that issued it (None when the clause names
        no one: ونشر تغريدة قال فيها, the last speaker)."""
        if span is None:
            return None
        words = list(re.finditer(r"\S+", text[span.start : span.end]))
        document = match_form(words[-1].group()) if len(words) >= 2 else ""
        accusative = document.endswith("ا")
        document = document[:-1] if accusative else document
        if document not in self.lex.channel_nouns:
            return span
        verb = match_form(words[0].group())
        issued = (verb[1:] if verb[:1] in "وف" and len(verb) > 3 else verb) in ISSUE_VERBS
        if not (issued or accusative or document.endswith("ه")):
            return span  # تقرير حديث: a recent report, not a talk
        words.pop()
        if issued:
            words.pop(0)
        if not words:
            return None
        return Span(span.start + words[0].start(), span.start + words[-1].end())

    # ---- cue-led clauses ---------------------------------------------------------------
    def _opens_clause(self, tokens: list[Token], i: int, cue: ArabicCue, clitic: int) -> bool:
        if i == 0 or clitic or cue.tag == "part":
            return True
        prev = tokens[i - 1]
        if not prev.is_word and prev.text in COMMAS:
            return True
        return any(_match_words(tokens, i - len(p), p) for p in self.lex.clause_openers)

    def _cue_draft(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        clitic: int,
        limit: int,
        inside_entity: list[bool],
    ) -> Draft | None:
        cue_tok = tokens[ci]
        cue_span = Span(cue_tok.start, cue_tok.end)
        if self._cataphoric(tokens, ci):
            return self._cataphora_draft(sentence, tokens, ci, cue, limit, cue_span)
        if cue.object_ba:
            accusation = self._accusation(sentence, tokens, ci, cue, clitic, limit, inside_entity)
            if accusation is not None or cue.charge_nouns:
                return accusation  # حمل without its charge word carries, it does not blame
        marker = self._find_marker(tokens, ci, cue, limit, inside_entity)
        kana = None if clitic or cue.tag == "part" else self._kana_subject(tokens, ci)
        if kana is None and not clitic and not cue.present and cue.tag in ("m", "f"):
            kana = self._fronted_subject(tokens, ci)
        if kana is None and cue.present and not clitic and cue.tag in ("m", "f"):
            kana = self._subject_before(tokens, ci)  # ترامب يحذر روحاني من …
            if kana is not None and not (
                tokens[kana[0]].norm.startswith("ال") or self._entity_at(tokens, kana[0])
            ):
                kana = None  # بحادثة يرى كثيرون: a name or a definite noun, or no subject
        if kana is None and cue.present and not clitic and cue.tag in ("m", "f"):
            kana = self._document_before(tokens, ci)  # قدمت الدول مشروع قرار يدعو إلى …
        if (
            cue.impersonal_present
            # وتتوقع أن … opening a sentence: a feminine verb goes on with its subject
            and not (cue.tag == "f" and clitic)
            and marker is not None
            and kana is None
            and self._empty_zone(tokens, ci + 1, marker[0])
            and (clitic or self._subject_before(tokens, ci) is None)
        ):
            return None  # ويتوقع أن …، يذكر أن …: "it is expected / worth noting that"
        # الحوثيون يعلنون مقتل …: a plural present verb after its subject.
        plural_present = cue.present and cue.tag == "p"
        subject = (
            None
            if clitic or (cue.pronoun_subject and not plural_present)
            else self._subject_before(tokens, ci)
        )
        if kana is not None:
            subject = kana
        if marker is not None and subject is not None and self._far_preposition(tokens, ci, marker):
            marker = None  # كييف تعلن إسقاط … وموسكو تتحدث عن …: عن is not أعلن's
        if (
            (cue.noun_content or cue.stance is Stance.ANNOUNCE)
            and subject is None
            and kana is None
            and not cue.pronoun_subject
        ):
            after_comma = self._noun_content_after_comma(sentence, tokens, ci, cue, marker, limit)
            if after_comma is not None:
                return after_comma
        if marker is None:
            if subject is not None and (cue.noun_content or cue.stance is Stance.ANNOUNCE):
                return self._subject_noun_content(sentence, tokens, ci, cue, limit, subject)
            if (
                (cue.stance in (Stance.ANNOUNCE, Stance.CONFIRM) or cue.noun_content)
                and not cue.pronoun_subject
                and kana is None
            ):
                # أعلنت الشرطة مقتل …، أكد المنتج X استمرار …، اقترح الرئيس تغيير …
                announced = self._verbal_noun_content(sentence, tokens, ci, cue, limit)
                if announced is not None:
                    return announced
            if cue.tag == "part" and cue.stance in (Stance.CONFIRM, Stance.ANNOUNCE):
                # …، مؤكدا عدم نية الحكومة الاستقالة: the participle's content is a verbal noun
                return self._participle_noun_content(sentence, tokens, ci, cue, limit, cue_span)
            if not cue.noun_content:
                return None
            return self._noun_content_draft(sentence, tokens, ci, cue, limit, cue_span)
        zone_end, content_start = marker
        if content_start >= limit:
            return None
        channel_pp = None
        noun_marker = (
            zone_end < content_start
            and tokens[content_start - 1].is_word
            and tokens[content_start - 1].norm not in self.lex.complementizers
        )
        if zone_end == content_start or noun_marker:
            # كشف عن فكرة … في مقال نشره: a noun content (bare, or after عن/إلى/على) ends
            # before the channel, as a clause after أن does not.
            # A bare noun content (نفت الحركة ذلك في بيان مقتضب) ends before the channel.
            channel_pp = self._channel_tail(tokens, content_start, limit)
        content_end = channel_pp if channel_pp is not None else limit
        if noun_marker:
            # يشكو المزارعون من ارتفاع الأسعار، وأعلنت الحكومة …: a noun content ends where a
            # feminine past verb joins a new clause after a comma (not a second noun:
            # …، وإصابة آخرين; …، وإعادة الإعمار)
            content_end = next(
                (
                    k
                    for k in range(content_start + 1, content_end - 1)
                    if tokens[k].text in COMMAS
                    and not tokens[k].in_quote
                    and tokens[k + 1].is_word
                    and FEMININE_PAST_AFTER_WA.fullmatch(tokens[k + 1].norm) is not None
                ),
                content_end,
            )
        if cue.lemma == "طلب":
            # طلبت من دول العالم التوقف عن …، وتجري محادثات …: the request ends where the
            # requester's next act begins.
            content_end = next(
                (
                    k
                    for k in range(content_start, content_end - 1)
                    if tokens[k].text in COMMAS
                    and not tokens[k].in_quote
                    and tokens[k + 1].norm[:2] in ("وت", "وي")
                    and len(tokens[k + 1].norm) >= 5
                ),
                content_end,
            )
        content, kind = _content(sentence, tokens, content_start, content_end)
        if not content:
            return None
        colon_open = (
            content_start > 0
            and tokens[content_start - 1].text == ":"
            and kind is ClaimKind.INDIRECT
            and content_end == len(tokens)
        )
        draft = Draft(
            content=content,
            cue=cue_span,
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.CONTEXT,
            gender=cue.tag if cue.tag in ("m", "f", "p") else None,
            colon_open=colon_open,
        )
        if channel_pp is not None:
            self._read_pp(tokens, channel_pp, limit, draft)
        zone = (ci + 1, zone_end)
        if cue.relay and self._relay(sentence, tokens, zone, draft):
            return draft
        split = self._relay_split
        if split is not None and ci < split[0] < zone_end:
            return self._relayed(sentence, tokens, (ci + 1, split[0]), (split[1], zone_end), draft)
        if kana is not None:
            # وكان الرئيس الأمريكي حذر إيران من …: the subject came first.
            draft.speaker_from = SpeakerFrom.MENTION
            self._read_zone(sentence, tokens, kana, draft, nominal_allowed=True)
            if (
                cue.stance is Stance.WARN
                and zone[0] < zone_end
                and tokens[zone_end].norm == "من"
                and draft.speaker is not None
            ):
                # … حذر إيران من مغبة …: whom he warned belongs to the warning
                draft.content = _trim(sentence.text, Span(tokens[zone[0]].start, draft.content.end))
                return draft
            if (
                cue.lemma in ADDRESSEE_CALLS
                and zone[0] < zone_end
                and draft.speaker is not None
                and not self._empty_zone(tokens, zone[0], zone_end)
            ):
                # الشيخ X … دعا القبائل إلى …: whom he called on belongs to the call
                draft.content = _trim(sentence.text, Span(tokens[zone[0]].start, draft.content.end))
                return draft
            self._read_zone(sentence, tokens, zone, draft, nominal_allowed=False)
            return draft if draft.speaker is not None else None
        # وطالب الطبيب بشرب الماء: a call for something (بـ) names no addressee.
        ba_call = zone_end == content_start and tokens[content_start].norm.startswith("ب")
        if (
            cue.stance is Stance.CALL
            and cue.lemma != "طلب"
            and not ba_call
            and self._addressee(sentence, tokens, zone, clitic, draft)
        ):
            return draft
        if zone_end == content_start and CALL_REQUEST.fullmatch(tokens[content_start].norm):
            return None  # يدعو إيران للتحقيق with no speaker told apart from the addressee
        if cue.pronoun_subject:
            subject = None if clitic or cue.tag == "part" else self._subject_before(tokens, ci)
            if subject is not None:
                draft.speaker_from = SpeakerFrom.MENTION
                self._read_zone(sentence, tokens, subject, draft, nominal_allowed=True)
                self._read_zone(sentence, tokens, zone, draft, nominal_allowed=False)
                return draft
            draft.speaker_from = SpeakerFrom.SENTENCE if cue.tag == "part" else SpeakerFrom.CONTEXT
            self._read_zone(sentence, tokens, zone, draft, nominal_allowed=False)
            draft.confidence = 0.75
            return draft
        if (
            zone[0] < zone_end == content_start  # no complementizer: قال اتحاد العمال إن …
            and tokens[zone[0]].is_word
            and _verbal_noun(tokens[zone[0]].norm)
            # أنباء، أعضاء، أستاذ: a plural or a noun of the same letters, not إرسال or إطلاق
            and not tokens[zone[0]].text.startswith("أ")
            and not self._entity_at(tokens, zone[0])
            and not self._channel_noun(tokens[zone[0]].norm)
            and _strip_al(tokens[zone[0]].norm) not in SPEAKING_NOUNS
        ):
            # اللاعب X نفى حصول أي خلاف …، ونفى وجود …: a verbal noun opens what was said;
            # the subject came first or is elided
            draft.content = _trim(sentence.text, Span(tokens[zone[0]].start, draft.content.end))
            draft.kind = ClaimKind.INDIRECT
        else:
            self._read_zone(sentence, tokens, zone, draft, nominal_allowed=True)
        if draft.speaker is None:
            subject = None if clitic else self._subject_before(tokens, ci)
            if subject is not None:
                self._read_zone(sentence, tokens, subject, draft, nominal_allowed=True)
            if draft.speaker is None:
                draft.speaker_from = SpeakerFrom.CONTEXT
                draft.confidence = 0.75
        return draft

    def _sentence_subject(
        self, sentence: Sentence, tokens: list[Token], ci: int, draft: Draft
    ) -> None:
        """``وتبنى المتحدث …، يحيى سريع، الهجوم …، زاعما أن``: a participle with no cue
        before it speaks for the subject of the sentence's verb."""
        if ci < 2 or not tokens[0].is_word:
            return
        if tokens[0].norm in KANA and (
            tokens[1].norm.startswith("ال") or self._entity_at(tokens, 1)
        ):
            # وكانت الصحف قد قابلت …، مرجحة …: the subject right after كان
            end = self._chunk_end(tokens, 1, ci)
            if 1 < end < ci:
                draft.speaker = _span(tokens, 1, end)
                draft.speaker_from = SpeakerFrom.MENTION
                return
        probe = Draft(draft.content, None, draft.kind, draft.stance, SpeakerFrom.CONTEXT)
        self._read_zone(sentence, tokens, (1, ci), probe, nominal_allowed=True)
        if probe.speaker is not None and probe.role is not None:
            draft.speaker, draft.role = probe.speaker, probe.role
            draft.speaker_from = SpeakerFrom.MENTION
            return
        # وعلق الوزير على القرار قائلا: …: also the subject of a reporting verb that reported
        # nothing itself
        agent = self.agent(tokens, ci, plural=False) or self.agent(
            tokens, ci, plural=False, cue_verb=True
        )
        if agent is not None:
            draft.speaker = agent
            draft.speaker_from = SpeakerFrom.MENTION

    def _kana_subject(self, tokens: list[Token], ci: int) -> tuple[int, int] | None:
        """``وكان الرئيس الأمريكي حذر …`` / ``وكانت وزارة العمل أعلنت …``: a subject between
        كان and the cue is the speaker; what follows the cue is not."""
        end = ci - 1 if ci > 0 and tokens[ci - 1].norm == "قد" else ci
        k = end - 1
        while k >= 0 and (tokens[k].is_word or tokens[k].text in COMMAS):
            if tokens[k].norm in KANA:
                break
            k -= 1
        if k < 0 or tokens[k].norm not in KANA:
            return None
        if k == end - 1:
            # إلا أن بكين كانت تعهدت …: the subject stands before كان
            subject = self._subject_before(tokens, k)
            return subject if subject is not None and subject[1] > subject[0] else None
        if not _only_particles_before(tokens, k) and not (k > 0 and tokens[k - 1].text in COMMAS):
            return None
        words = [t for t in tokens[k + 1 : end] if t.is_word]
        if not words or len(words) > MAX_SUBJECT_TOKENS:
            return None
        if any(self.lex.cue(t.norm) or t.norm in self.lex.complementizers for t in words):
            return None
        return k + 1, end

    def _fronted_subject(self, tokens: list[Token], ci: int) -> tuple[int, int] | None:
        """``الشيخ X، عضو المجلس، من جهته، دعا القبائل إلى …``: a sentence that opens with a
        named or titled subject (its appositions and a من جهته aside between commas) and then a
        past cue with no و — what follows the verb is its object or addressee, not a speaker."""
        first = next((j for j in range(ci) if tokens[j].is_word), None)
        if first is None or first >= ci - 1 or tokens[first].in_quote:
            return None
        aside: set[int] = set()
        for j in range(first, ci):
            aside.update(range(j, j + self._time_phrase_at(tokens, j)))  # من جهته، بدوره
        words = [t for j, t in enumerate(tokens[first:ci], first) if t.is_word and j not in aside]
        if len(words) > MAX_SUBJECT_TOKENS or any(
            t.in_quote
            or self.lex.cue(t.norm)
            or t.norm in self.lex.complementizers
            or t.norm in self.lex.speaker_stops
            or _preposition(t.norm)
            for t in words
            if t.norm not in self.lex.time_words
        ):
            return None
        if any(not t.is_word and t.text not in COMMAS for t in tokens[first:ci]):
            return None
        opener = tokens[first].norm
        if opener.startswith("و") or opener in self.lex.time_words:
            return None  # وبشأن الأزمة، قال …; ويدعم X …، و قال …: no fronted subject
        named = (
            self._role_like(tokens, (first, ci))
            or self._entity_at(tokens, first)
            or (opener.startswith("ال") and self._entity_at(tokens, first + 1))
        )
        return (first, ci) if named else None

    def _empty_zone(self, tokens: list[Token], a: int, b: int) -> bool:
        return all(not t.is_word or t.norm in self.lex.time_words for t in tokens[a:b])

    def _marker_between(self, tokens: list[Token], a: int, b: int) -> bool:
        return any(
            not t.in_quote and (t.text == ":" or (t.is_word and t.norm in self.lex.complementizers))
            for t in tokens[a + 1 : b]
        )

    def _relayed(
        self,
        sentence: Sentence,
        tokens: list[Token],
        outlet_zone: tuple[int, int],
        speaker_zone: tuple[int, int],
        draft: Draft,
    ) -> Draft | None:
        """``ذكرت وكالة X نقلا عن مصادر مطلعة أن …``: the sources spoke, the outlet relays."""
        self._read_zone(sentence, tokens, speaker_zone, draft, nominal_allowed=True)
        if draft.speaker is None:
            return None
        outlet = Draft(draft.content, None, draft.kind, draft.stance, SpeakerFrom.CONTEXT)
        self._read_zone(sentence, tokens, outlet_zone, outlet, nominal_allowed=True)
        draft.source = outlet.speaker or draft.source
        draft.speaker_from = SpeakerFrom.MENTION
        return draft

    def agent(
        self,
        tokens: list[Token],
        end: int,
        plural: bool,
        gender: str | None = None,
        cue_verb: bool = False,
    ) -> Span | None:
        """The subject of a verb-first clause with no reporting cue, before token ``end``:
        ``[في المقابل،] انتقد نواب من كتل المعارضة عدم …`` → نواب من كتل المعارضة.

        A clause with a plural subject is what a later plural cue (ورأوا، وقالوا) refers to;
        ``plural`` keeps only subjects that look plural (مسؤولون، خبراء، نواب …); a singular
        ``gender`` must agree with the verb's (توعدت … واتهمت, not ارتفعت الأسعار … وقال).
        With ``cue_verb`` the clause's verb must be a finite reporting verb that reported
        nothing itself (وعلق الوزير على القرار قائلا)."""
        k = 0
        while k < end and not tokens[k].is_word:
            k += 1
        for particle in self.lex.clause_particles:
            if _match_words(tokens, k, particle):
                k += len(particle)
                break
        while k < end and not tokens[k].is_word:
            k += 1
        comma = next((j for j in range(k, min(end, k + 5)) if tokens[j].text in COMMAS), None)
        if comma is not None and tokens[k].norm in ("في", "من", "على", "وفي", "ومن"):
            k = comma + 1  # في المقابل، … / من جهتهم، …
        else:
            # وفي أعقاب فوز الفريق بالكأس، الأحد، عقب …، أثار المهاجم …: longer opening
            # phrases are no verb; the clause's verb comes after their commas (or there is none).
            while k < end and _preposition(tokens[k].norm):
                comma = next(
                    (
                        j
                        for j in range(k, end)
                        if tokens[j].text in COMMAS and not tokens[j].in_quote
                    ),
                    None,
                )
                if comma is None:
                    return None
                k = comma + 1
                while k < end and (not tokens[k].is_word or tokens[k].norm in self.lex.time_words):
                    k += 1  # …، الأحد، أثار: a time word between commas
        if k + 1 < end and tokens[k].norm in NEGATIONS:
            k += 1  # ولم يتردد غيتس …: the verb after the negation
        if k + 1 >= end:
            return None
        verb, head = tokens[k], tokens[k + 1]
        if not (verb.is_word and head.is_word) or verb.in_quote or head.in_quote:
            return None
        bare_verb = _bare(verb.norm)
        if (
            _bare(verb.text) in NON_VERB_OPENERS  # وعلى الرغم من أن …، فقد أكد: no verb, no subject
            or (self._finite_cue(verb.norm) is None if cue_verb else self.lex.cue(verb.norm))
            or verb.norm.startswith("ال")
            or bare_verb in self.lex.role_nouns
            or bare_verb in self.lex.complementizers
            or bare_verb in self.lex.time_words
            or len(bare_verb) < 3
            or self._entity_at(tokens, k)
        ):
            return None
        if head.norm in ROLE_PREPOSITIONS or _preposition(head.norm) or self.lex.cue(head.norm):
            return None  # سافر إلى تونس: no subject written
        if head.text in ALA_WRITTEN:
            return None  # وردا على سؤال …: على (match form علي, the name) is no subject
        if head.norm in DEMONSTRATIVES:
            return None  # جاء ذلك في تغريدة له، حيث قال: the event, not who spoke
        if plural and not plural_head(head.norm):
            return None
        if cue_verb and head.norm in MATTER_NOUNS:
            return None  # ويوضح الأمر قائلا: what a reporting verb explains is its object
        if not plural and gender in ("m", "f") and (gender == "f") != verb.norm.endswith("ت"):
            return None
        stop = min(end, k + 8)
        j = self._chunk_end(tokens, k + 1, stop)
        if not cue_verb and j < stop and tokens[j].norm in ("من", "في") and j + 1 < stop:
            # نواب من كتل المعارضة: the group they belong to
            j = self._chunk_end(tokens, j + 1, stop)
        return _span(tokens, k + 1, j)

    def _finite_cue(self, norm: str) -> ArabicCue | None:
        """A reporting verb in a finite singular form (علق، غردت), not a participle."""
        found = self.lex.cue(norm)
        return found[0] if found is not None and found[0].tag in ("m", "f") else None

    def sentence_agent(self, tokens: list[Token]) -> tuple[Span, str] | None:
        span = self.agent(tokens, len(tokens), plural=False)
        if span is None:
            return None
        head = next(k for k, tok in enumerate(tokens) if tok.start >= span.start)
        if plural_head(tokens[head].norm):
            return span, "p"
        verb = next((k for k in range(head - 1, -1, -1) if tokens[k].is_word), None)
        if verb is None:
            return None
        # Only a person or a role: ارتفعت الأسعار … وقالت is nobody's speech, and a team or a
        # company that won or lost (ولم يخسر تشيلسي …. وقال:) is not whom a later قال continues.
        end = next((k for k in range(head, len(tokens)) if tokens[k].start >= span.end), head)
        person = next(
            (
                e
                for e in self._entities
                if e.label.value == "PERSON"
                and (
                    span.start <= e.start < span.end
                    or (end < len(tokens) and e.start == tokens[end].start)
                )
            ),
            None,
        )
        if person is not None:
            span = Span(person.start, person.end)  # الرئيس كمال ناصر: the name speaks
        elif _strip_al(tokens[head].norm) not in self._bare_roles():
            return None
        return span, "f" if tokens[verb].norm.endswith("ت") else "m"

    def _bare_roles(self) -> frozenset[str]:
        return _without_article(self.lex.role_nouns)

    def _nationality_at(self, tok: Token) -> bool:
        """A definite nationality adjective standing alone (البلجيكي، المصري) starts here."""
        return tok.norm.startswith("ال") and any(
            e.start == tok.start and e.end == tok.end and e.label.value == "NORP"
            for e in self._entities
        )

    def _person_at(self, tok: Token) -> bool:
        """A recognised person's name starts here (أريانا بوديستا is no participle)."""
        return any(e.start == tok.start and e.label.value == "PERSON" for e in self._entities)

    def _entity_at(self, tokens: list[Token], k: int) -> bool:
        tok = tokens[k]
        return any(e.start < tok.end and tok.start < e.end for e in self._entities)

    def _cataphoric(self, tokens: list[Token], ci: int) -> bool:
        return any(
            _match_words(tokens, ci - len(p), p) and _only_particles_before(tokens, ci - len(p))
            for p in self.lex.cataphora
        )

    def _cataphora_draft(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        limit: int,
        cue_span: Span,
    ) -> Draft | None:
        """``هكذا علق X`` / ``بهذه العبارة وصف X``: X spoke the quotation just before."""
        end = ci + 1
        while end < limit and not (not tokens[end].is_word and tokens[end].text in COMMAS):
            end += 1
        draft = Draft(
            content=Span(0, 0),
            cue=cue_span,
            kind=ClaimKind.DIRECT,
            stance=cue.stance,
            speaker_from=SpeakerFrom.CONTEXT,
            gender=cue.tag if cue.tag in ("m", "f", "p") else None,
            cataphoric=True,
        )
        self._read_zone(sentence, tokens, (ci + 1, end), draft, nominal_allowed=True)
        return draft if draft.speaker is not None else None

    def _accusation(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        clitic: int,
        limit: int,
        inside_entity: list[bool],
    ) -> Draft | None:
        """``اتهم SPEAKER OBJECT بـ…``: the content is the object and its charge."""
        charge = self._charge_at(tokens, ci, cue, limit, inside_entity)
        if charge is None or (charge == ci + 1 and not cue.object_pronoun):
            return None
        cue_tok = tokens[ci]
        draft = Draft(
            content=Span(0, 0),
            cue=Span(cue_tok.start, cue_tok.end),
            kind=ClaimKind.INDIRECT,
            stance=cue.stance,
            speaker_from=SpeakerFrom.CONTEXT,
            gender=cue.tag if cue.tag in ("m", "f", "p") else None,
            confidence=0.75,
        )
        object_start = ci + 1
        kana = None if clitic or cue.tag == "part" else self._kana_subject(tokens, ci)
        if tokens[ci + 1].norm in PRONOUN_PREPOSITIONS:
            # نشر الرئيس تغريدة وصف فيها X بأنه …: فيها points back to the text; its author
            # (the clause's subject, or the last speaker) spoke
            object_start = ci + 2
        elif kana is not None:
            draft.speaker_from = SpeakerFrom.MENTION
            self._read_zone(sentence, tokens, kana, draft, nominal_allowed=True)
        elif cue.object_pronoun and charge > ci + 1:
            # الذي وصفه المدرب بيب غوارديولا بأنه …: all before the charge is the speaker
            draft.speaker_from = SpeakerFrom.MENTION
            self._name_and_role(tokens, (ci + 1, charge), draft)
            object_start = charge
        elif not cue.pronoun_subject:
            chunk_end = self._chunk_end(tokens, ci + 1, charge)
            if tokens[ci + 1].norm in PRONOUN_QUANTIFIERS:
                chunk_end = ci + 2  # ووصف أحدهم المشروع بـ…: "one of them" takes no genitive
            person_end = _entity_end_at(tokens, chunk_end, self._entities)
            if (
                person_end is not None
                and person_end < charge
                and self._person_at(tokens[chunk_end])
            ):
                chunk_end = person_end  # اتهم وزير الخارجية أنتوني بلينكن روسيا بـ…
            chunk_end = self._after_quoted_name(tokens, ci + 1, chunk_end, charge)
            if chunk_end < charge and self._one_object(tokens, chunk_end, charge):
                chunk_end = charge  # the subject is elided
            if chunk_end < charge:
                draft.speaker_from = SpeakerFrom.MENTION
                self._name_and_role(tokens, (ci + 1, chunk_end), draft)
                object_start = chunk_end
            elif cue.charge_nouns and not self._charged_party(tokens, charge, limit):
                return None  # يحمل الفريق مسؤولية كبيرة: carries it, blames nobody
            elif (
                (cue.stance is not Stance.ACCUSE or cue.charge_nouns)
                and cue.lemma != DESCRIBE  # وصف العلاقات بأنها …: who is described, always
                and chunk_end > ci + 1
            ):
                # حمّلت واشنطن مسؤوليته لدمشق: no object before the charge word either
                # هدد الرئيس باستخدام حق الفيتو: no object, the threat starts at بـ
                draft.speaker_from = SpeakerFrom.MENTION
                self._name_and_role(tokens, (ci + 1, chunk_end), draft)
                object_start = charge
            elif not clitic:
                subject = self._subject_before(tokens, ci)
                if subject is not None:
                    draft.speaker_from = SpeakerFrom.MENTION
                    self._read_zone(sentence, tokens, subject, draft, nominal_allowed=True)
        elif cue.tag == "part":
            draft.speaker_from = SpeakerFrom.SENTENCE
        end = next(
            (
                k
                for k in range(charge, limit - 1)
                if tokens[k].text in COMMAS
                and not tokens[k].in_quote
                and tokens[k + 1].norm in AFTER_WORDS
            ),
            limit,
        )  # …، إثر انقطاع البث: when it happened is the journalist's
        # وصف الرئيس، الاثنين، الخطة بأنها …: the day is when it was said, not the object
        object_start = self._trim_time(tokens, object_start, charge)[0]
        draft.content, _kind = _content(sentence, tokens, object_start, end)
        return draft if draft.content else None

    def _charge_at(
        self, tokens: list[Token], ci: int, cue: ArabicCue, limit: int, inside_entity: list[bool]
    ) -> int | None:
        """Where the charge starts: a word glued to بـ (اتهمه بالتقصير), or for a cue with
        charge words one of them after an object (حمّل X Y مسؤولية …)."""
        for j in range(ci + 1, min(limit, ci + CHARGE_WINDOW)):
            tok = tokens[j]
            if not tok.is_word or tok.in_quote or inside_entity[j]:
                continue
            if cue.charge_nouns:
                if j > ci + 1 and tok.norm in cue.charge_nouns:
                    return j
                continue
            if not tok.norm.startswith("ب"):
                continue
            if tok.norm.startswith("بال") and j <= ci + 2 and not cue.object_pronoun:
                continue
            # وصفه بـ "البشع": a detached بـ before a quoted charge
            if len(tok.norm) >= 4 or (tok.norm == "ب" and (j > ci + 2 or cue.object_pronoun)):
                return j
        return None

    def _charged_party(self, tokens: list[Token], charge: int, limit: int) -> bool:
        """حمّلت واشنطن مسؤوليته لدمشق: with no object before the charge word, someone is
        blamed only through لـ right after it."""
        return any(
            tokens[k].is_word and tokens[k].norm.startswith("ل") and len(tokens[k].norm) > 3
            for k in range(charge + 1, min(limit, charge + 3))
        )

    def _after_quoted_name(self, tokens: list[Token], a: int, end: int, charge: int) -> int:
        """``اتهمت شركة … "دو" شبكة …``: a quoted name right after the speaker's noun
        phrase belongs to it and closes it; the word after it starts the object."""
        if end < charge and tokens[end].text in OPENING_QUOTES:
            close = next(
                (
                    k
                    for k in range(end + 1, min(end + 6, charge))
                    if tokens[k].text in CLOSING_MARKS
                ),
                None,
            )
            if close is not None and close + 1 < charge:
                return close + 1
        for k in range(a + 1, min(end, charge - 1)):
            tok = tokens[k]
            after = tokens[k + 1]
            if (
                not tok.is_word
                and tok.text in CLOSING_MARKS
                and after.is_word
                and not after.in_quote
            ):
                return k + 1
        return end

    def _chunk_end(self, tokens: list[Token], j: int, limit: int) -> int:
        """End of the noun phrase at ``j``: a recognised name, or a noun with its genitive
        (وزارة الصحة) and relational adjectives (الإسرائيلية، السوداني)."""
        ent_end = _entity_end_at(tokens, j, self._entities)
        if ent_end is not None and ent_end < limit and self._nationality_at(tokens[j]):
            # دعا الهولندي يان بيترز رفاقه …: the nationality describes the name after it
            ent_end = _entity_end_at(tokens, ent_end, self._entities, label="PERSON") or ent_end
        k = ent_end if ent_end is not None else j + 1
        indefinite_head = ent_end is None and not tokens[j].norm.startswith("ال")
        if indefinite_head and k < limit and tokens[k].norm.startswith("ال"):
            k += 1
        while (
            k < limit
            and tokens[k].is_word
            and tokens[k].norm.startswith("ال")
            and tokens[k].norm.endswith(("يه", "ي", "يون", "يين"))
        ):
            k += 1
        return min(k, limit)

    def _addressee(
        self,
        sentence: Sentence,
        tokens: list[Token],
        zone: tuple[int, int],
        clitic: int,
        draft: Draft,
    ) -> bool:
        """دعا/حث SPEAKER ADDRESSEE إلى/على …: the addressee belongs to the content."""
        a, b = zone
        words = [t for t in tokens[a:b] if t.is_word and not t.in_quote]
        if not words:
            return False
        if any(not t.is_word and t.text in COMMAS for t in tokens[a:b]):
            # دعا وزير الخارجية، سامر حداد، رئيس الوزراء، سالم حمد، إلى …: role and
            # name of the speaker, then the addressee.
            segments = self._segments(tokens, a, b)
            if len(segments) < 3:
                return False
            if self._is_name(tokens, *segments[0]) and self._role_like(tokens, segments[1]):
                # دعا الشيخ X، أحد مشايخ القبيلة، جميع …: the name, then its role.
                speaker, role = segments[0], segments[1]
            elif self._is_name(tokens, *segments[1]):
                role, speaker = segments[0], segments[1]
            else:
                return False
            draft.speaker_from = SpeakerFrom.MENTION
            draft.role = _span(tokens, *role)
            draft.speaker = _span(tokens, *speaker)
            draft.content = _trim(
                sentence.text, Span(tokens[segments[2][0]].start, draft.content.end)
            )
            draft.kind = ClaimKind.INDIRECT
            return True
        chunk_end = self._chunk_end(tokens, a, b)
        if chunk_end < b:
            draft.speaker_from = SpeakerFrom.MENTION
            self._name_and_role(tokens, (a, chunk_end), draft)
            addressee = chunk_end
        elif clitic:
            draft.speaker_from = SpeakerFrom.CONTEXT
            addressee = a
        else:
            return False
        content_end = draft.content.end
        draft.content = _trim(sentence.text, Span(tokens[addressee].start, content_end))
        draft.kind = ClaimKind.INDIRECT
        return True

    def _role_like(self, tokens: list[Token], segment: tuple[int, int]) -> bool:
        """A segment that opens with a role noun or أحد/إحدى (one of the …) describes."""
        first = next((t for t in tokens[segment[0] : segment[1]] if t.is_word), None)
        return first is not None and (
            first.norm in self.lex.role_nouns or first.norm in ONE_OF_WORDS
        )

    def _find_marker(
        self,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        limit: int,
        inside_entity: list[bool],
    ) -> tuple[int, int] | None:
        """(end of the speaker zone, start of the content) in token indexes."""
        stop = min(limit, ci + 1 + MAX_ZONE_TOKENS)
        fallback: int | None = None
        if cue.colon_only:
            spoken = next(
                (j for j in range(ci + 1, min(stop, ci + 3)) if tokens[j].norm == "بالقول"), None
            )
            if spoken is not None:  # ورد بالقول إن …: replied by saying that
                after = spoken + 1
                if after < limit and tokens[after].norm in self.lex.complementizers:
                    after += 1
                return spoken, after
            colon = next(
                (
                    j
                    for j in range(ci + 1, stop)
                    if tokens[j].text == ":" and not tokens[j].in_quote
                ),
                None,
            )
            # وزادت "دون بالون": …: a short subject, then the colon.
            if colon is not None and colon - ci <= 6:
                return colon, colon + 1
            # ورد ماكرون "يجب أن نكون واضحين": or a quotation that ends the clause
            quoted = next(
                (
                    j
                    for j in range(ci + 2, min(stop, ci + 6))
                    if not tokens[j].is_word
                    and self._opens_quotation(tokens[j])
                    and self._quote_ends_clause(j)
                ),
                None,
            )
            if (
                quoted is not None
                and all(t.is_word for t in tokens[ci + 1 : quoted])
                and not _preposition(tokens[ci + 1].norm)
                and tokens[ci + 1].text not in ALA_WRITTEN
            ):
                return quoted, quoted  # not وورد في أحدها "…": what a leaflet read
            return None
        if cue.marker_only:
            return self._marker_at(tokens, ci, cue)
        if cue.max_zone is not None:
            stop = min(stop, ci + 1 + cue.max_zone)
        for j in range(ci + 1, stop):
            tok = tokens[j]
            if tok.in_quote or inside_entity[j]:
                continue
            if not tok.is_word:
                if tok.text == ":":
                    return j, j + 1
                if fallback is None and self._opens_quotation(tok) and self._quote_ends_clause(j):
                    fallback = j  # قال ترامب في تغريدة "…": the quotation is the content
                continue
            if tok.norm == "بالقول":
                return j, j + 1
            if self._posted_at(tokens, j):
                continue  # أكد عبر حسابه على إنستغرام أن …: where, not what was stressed
            for words in cue.markers:
                if words[-1] == "ان" and _match_words(tokens, j, words[:-1]):
                    k = j + len(words) - 1
                    if k < len(tokens) and tokens[k].norm in self.lex.complementizers:
                        return j, k + 1
                elif _match_words(tokens, j, words):
                    return j, j + len(words)
            if tok.norm in self.lex.complementizers:
                return j, j + 1
            if cue.stance is Stance.DENY and tok.norm in self.lex.deny_content_openers:
                # نفت الشركة، ومقرها أثينا، أي صلة …; الجيش نفى هذه الرواية: the content
                # starts here (right after the cue when the subject came first).
                return j, j
            if cue.stance is Stance.CONFIRM and j > ci + 1 and tok.norm in DEMONSTRATIVES:
                return j, j  # وأكدت المنظمة، …، هذا القصف: a confirmed report, named
            if cue.lemma == "طالب" and tok.norm.startswith("ب") and len(tok.norm) >= 4:
                return j, j  # مطالبا بضمانات دولية
            if (
                cue.lemma in ADDRESSEE_CALLS
                and j > ci + 1
                and CALL_REQUEST.fullmatch(tok.norm) is not None
                and not self._entity_at(tokens, j)
            ):
                fallback = j if fallback is None else fallback
                continue  # دعا X المغرر بهم للتوقف عن …: the request, glued to لـ (unless إلى)
            if cue.lemma == "طلب" and (tok.norm == "من" or tok.norm in FROM_PRONOUNS):
                return j, j  # طلبت قطر من المحكمة أن …، طلبت منه الحفر: addressee and request
            if (
                cue.ba_content
                and fallback is None
                and tok.norm.startswith("ب")
                and len(tok.norm) >= 4
                and not self._entity_at(tokens, j)
            ):
                fallback = j  # أفادت تقارير بغرق …، متعهدا بعدم … (unless أن follows)
        return (fallback, fallback) if fallback is not None else None

    def _quote_ends_clause(self, j: int) -> bool:
        """A quotation that is what was said runs to a comma, a full stop or the end; a quoted
        name goes on with its sentence (أعلنت مجموعة "بي إن سبورتس" القطرية …)."""
        opening = self._tokens_ref[j]
        quote = next((q for q in self._quotes if q.start == opening.start), None)
        if quote is None:
            return True
        inner = self._text[quote.inner_start : min(quote.inner_end, len(self._text))]
        if len(inner.split()) > MAX_QUOTED_NAME_WORDS:
            return True
        after = next((t for t in self._tokens_ref[j + 1 :] if t.start >= quote.end), None)
        return after is None or not after.is_word

    def _opens_quotation(self, tok: Token) -> bool:
        """An opening mark of a quotation of a few words (not a quoted name)."""
        for quote in self._quotes:
            if quote.start == tok.start:
                inner = self._text[quote.inner_start : min(quote.inner_end, len(self._text))]
                return len(inner.split()) >= MIN_QUOTE_WORDS
        return False

    def _far_preposition(self, tokens: list[Token], ci: int, marker: tuple[int, int]) -> bool:
        """A prepositional marker (عن، إلى، من) after words that are not the time or place of
        a subject-first cue belongs to another clause."""
        zone_end, content_start = marker
        if zone_end == content_start or tokens[zone_end].norm in self.lex.complementizers:
            return False
        if not tokens[zone_end].is_word:
            return False  # a colon
        words = [
            t
            for t in tokens[ci + 1 : zone_end]
            if t.is_word and not t.in_quote and t.norm not in self.lex.time_words
        ]
        # The sign of another clause: a new subject joined by و (… وموسكو تتحدث عن).
        return len(words) >= 2 and any(
            t.norm.startswith("و") and any(e.start == t.start + 1 for e in self._entities)
            for t in tokens[ci + 1 : zone_end]
        )

    def _subject_noun_content(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        limit: int,
        subject: tuple[int, int],
    ) -> Draft | None:
        """``موسكو تنفي الاتهامات``، ``كييف تعلن إسقاط عشرات المسيرات وموسكو …``: subject
        first, then a bare noun content up to the next coordinated clause; a time after the
        verb is not what was said (أعلن في 11 يوليو، سيطرته على …)."""
        begin = self._past_time(tokens, ci + 1, limit)
        if ci + 1 < begin < limit and tokens[begin].text in COMMAS:
            begin += 1
        end = begin
        while end < limit:
            tok = tokens[end]
            if not tok.is_word and tok.text in COMMAS and not tok.in_quote:
                break
            if (
                end > begin
                and tok.norm.startswith("و")
                and any(e.start == tok.start + 1 for e in self._entities)
            ):
                break  # وموسكو تتحدث …: a new subject, a new clause
            end += 1
        content, kind = _content(sentence, tokens, begin, end)
        if not content or len(sentence.text[content.start : content.end].split()) < 2:
            return None
        draft = Draft(
            content=content,
            cue=Span(tokens[ci].start, tokens[ci].end),
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            gender=cue.tag,
            confidence=0.7,
        )
        self._read_zone(sentence, tokens, subject, draft, nominal_allowed=True)
        return draft if draft.speaker is not None else None

    def _noun_content_draft(
        self,
        sentence: Sentence,
        tokens: list[Token],
        ci: int,
        cue: ArabicCue,
        limit: int,
        cue_span: Span,
    ) -> Draft | None:
        """نفى/اتهم without a complementizer: ``CUE SPEAKER NOUN-PHRASE``. The speaker must
        be a run of recognised names (joined by و for a denial), or a pronoun subject."""
        if cue.pronoun_subject:
            content, kind = _content(sentence, tokens, ci + 1, limit)
            if not content:
                return None
            return Draft(
                content=content,
                cue=cue_span,
                kind=kind,
                stance=cue.stance,
                speaker_from=SpeakerFrom.SENTENCE if cue.tag == "part" else SpeakerFrom.CONTEXT,
                gender="p" if cue.tag == "p" else None,
                confidence=0.7,
            )
        run_end = self._name_run(tokens, ci + 1, limit, allow_coordination=cue.lemma != "اتهم")
        if run_end is None:
            return None
        content, kind = _content(sentence, tokens, run_end, limit)
        if not content or len(sentence.text[content.start : content.end].split()) < 2:
            return None
        speaker = Span(tokens[ci + 1].start, tokens[run_end - 1].end)
        return Draft(
            content=content,
            cue=cue_span,
            kind=kind,
            stance=cue.stance,
            speaker_from=SpeakerFrom.MENTION,
            speaker=speaker,
            gender=cue.tag,
            confidence=0.7,
        )

    def _name_run(
        self, tokens: list[Token], start: int, limit: int, allow_coordination: bool
    ) -> int | None:
        """End (token index) of a run of entity mentions starting at ``start``."""
        self_entities = self._entities
        j = start
        end: int | None = None
        while j < limit:
            ent_end = _entity_end_at(tokens, j, self_entities)
            if ent_end is None:
                break
            end = ent_end
            j = ent_end
            # و + name: the clitic is part of the next token ("وبيونغ").
            end_next = (
                _entity_end_at(tokens, j, self_entities, clitic=True)
                if allow_coordination and j < limit and tokens[j].norm.startswith("و")
                else None
            )
            if end_next is not None:
                end = end_next
                j = end_next
                continue
            break
        return end

    # ---- the zone between cue and marker -------------------------------------------------
    def _segments(self, tokens: list[Token], start: int, end: int) -> list[tuple[int, int]]:
        segments: list[tuple[int, int]] = []
        seg_start = start
        for j in range(start, end):
            tok = tokens[j]
            if not tok.is_word and tok.text in COMMAS and not tok.in_quote:
                segments.append((seg_start, j))
                seg_start = j + 1
        segments.append((seg_start, end))
        return [(a, b) for a, b in segments if b > a]

    def _read_zone(
        self,
        sentence: Sentence,
        tokens: list[Token],
        zone: tuple[int, int],
        draft: Draft,
        nominal_allowed: bool,
    ) -> None:
        nominals: list[tuple[int, int]] = []
        for a, b in self._segments(tokens, *zone):
            quantity = self._quantity_subject(tokens, a, b)
            if quantity is not None:
                nominals.append((a, quantity))  # قال 40 في المائة من الطلاب إنهم …
                continue
            a, b = self._trim_time(tokens, a, b)
            if (
                a == zone[0]
                and a + 1 < b
                and tokens[a].norm in RESUMPTIVE_FI
                and self._after_time_noun(tokens, zone[0] - 1)
            ):
                # في وقت أعلن فيه مسؤولون عن …: the time's pronoun, then the subject of a
                # clause aside, whom later elided subjects do not continue
                a += 1
                draft.aside = True
            if a >= b:
                continue
            if (
                tokens[a].norm.endswith("ا")
                and len(tokens[a].norm) >= 4
                and not self._person_at(tokens[a])
                and (a > zone[0] or _participle_form(tokens[a].norm))
            ):
                # a circumstantial clause (طالبا عدم كشف اسمه; قال معلقا على النتيجة، إن …),
                # not an apposition or a subject
                continue
            cut = self._pp_start(tokens, a, b)
            end = self._np_end(tokens, a, cut if cut is not None else b)
            if end > a:
                nominals.append((a, end))
            if cut is not None:
                self._read_pp(tokens, cut, b, draft)
        if not nominal_allowed or not nominals:
            return
        draft.speaker_from = SpeakerFrom.MENTION
        if (
            len(nominals) >= 2
            and self._is_name(tokens, *nominals[0])
            and self._role_like(tokens, nominals[1])
        ):
            # الشيخ X، أحد مشايخ القبيلة، …: the name, then what he is.
            draft.speaker = _span(tokens, *nominals[0])
            draft.role = _span(tokens, *nominals[1])
        elif len(nominals) >= 2 and self._is_name(tokens, *nominals[1]):
            # Both look like names (منسق الشؤون …، توم فليتشر): Arabic puts the role first.
            draft.role = _span(tokens, *nominals[0])
            draft.speaker = _span(tokens, *nominals[1])
        elif (
            len(nominals) >= 2
            and self._is_name(tokens, *nominals[0])
            and not self._is_name(tokens, *nominals[1])
        ):
            draft.speaker = _span(tokens, *nominals[0])
            draft.role = _span(tokens, *nominals[1])
        elif not self._issued_by(tokens, nominals[0], draft):
            self._name_and_role(tokens, nominals[0], draft)

    def _quantity_subject(self, tokens: list[Token], a: int, b: int) -> int | None:
        """``40 في المائة من الطلاب``, ``ثلث الناخبين``: a share of a group speaks (a poll's
        answer), as the whole phrase; its في/من are no prepositional clause."""
        share = _entity_end_at(tokens, a, self._entities, label="PERCENT")
        if share is None or share >= b or tokens[share].norm != "من":
            return None
        return self._chunk_end(tokens, share + 1, b)

    def _after_time_noun(self, tokens: list[Token], ci: int) -> bool:
        """The cue at ``ci`` follows في وقت / في الوقت الذي: its فيه is the time's (بيان أعلن
        فيه تعيين …: a document's فيه, whose verb's subject is the one who issued it)."""
        if ci >= 1 and tokens[ci - 1].norm in TIME_NOUNS:
            return True
        return ci >= 2 and tokens[ci - 1].norm in RELATIVES and tokens[ci - 2].norm in TIME_NOUNS

    def _np_end(self, tokens: list[Token], a: int, b: int) -> int:
        """Where a speaker noun phrase stops: before a temporal, causal or relative clause
        (الحكم … بعد عرقلة …، تامر حسني بعد انتهاء أغنيته والتي …، من قبل …, ردا على …).
        A segment opening with a preposition (من هناك، على …) is no speaker at all."""
        if (
            a < b
            and tokens[a].is_word
            and (tokens[a].norm in LEADING_PREPOSITIONS or tokens[a].norm in PRONOUN_PREPOSITIONS)
        ):
            return a  # من هناك …، أعلن فيها أن …
        if a < b and tokens[a].is_word and self._own_channel(tokens[a].norm):
            return a  # وتابعت حديثها في المؤتمر: her talk, not a speaker
        for j in range(a, b):
            tok = tokens[j]
            if not tok.is_word and tok.text == "(" and j > a:
                return j  # ليدي غاغا (31 عاما): an aside, not part of the name
            if not tok.is_word or tok.in_quote:
                continue
            if j > a and self._own_audience(tok):
                return j  # … لجمهورها، لأنصاره: whom the speaker addressed
            if j > a and _owned_stance(tok.norm):
                return j  # أعلنت الجماعة مسؤوليتها عن …: what it declared, not its name
            if tok.norm in self.lex.speaker_stops or self.lex.cue(tok.norm):
                return j  # … or another verb: وكتب يقول

            if tok.norm == "من" and j + 1 < b and tokens[j + 1].norm == "قبل":
                return j
        return b

    def _own_channel(self, norm: str) -> bool:
        """حديثها، كلمته، بيانهم: a channel noun with a possessive pronoun."""
        return _possessed_noun(norm) in self.lex.channel_nouns

    def _own_audience(self, tok: Token) -> bool:
        """لجمهورها، لأنصاره، لمتابعيه: ل + a noun with a possessive pronoun (written ه, not
        the ة of لوزارة, which the matching form also spells ه)."""
        norm, text = tok.norm, tok.text.rstrip("ًٌٍَُِّْ")
        if not norm.startswith("ل") or norm.startswith(("لل", "لجن", "لبنان")):
            return False  # للشركة: definite, so no possessive
        return any(
            text.endswith(suffix) and len(norm) - len(suffix) >= 4 for suffix in ("ها", "ه", "هم")
        )

    def _issued_by(self, tokens: list[Token], seg: tuple[int, int], draft: Draft) -> bool:
        """``بيان صادر عن الرئاسة``، ``تقرير لوزارة الصحة``: the document is the channel and
        whoever issued it the speaker."""
        a, b = seg
        if not self._channel_noun(tokens[a].norm):
            return False
        for j in range(a + 1, min(b, a + 4)):
            norm = tokens[j].norm
            if norm == "عن" and j + 1 < b:
                issuer = j + 1
            elif j == a + 1 and norm.startswith("ل") and len(norm) > 3 and j + 1 <= b:
                issuer = j  # تقرير لوزارة الصحة: the ل stays outside the speaker
            else:
                continue
            # لوزارة → وزارة; للجيش keeps its letters (the article's alef is elided).
            lam = tokens[issuer].norm.startswith("ل") and issuer == j
            skip = 1 if lam and not tokens[issuer].norm.startswith("لل") else 0
            draft.speaker = _span(tokens, issuer, b, skip_clitic=skip)
            draft.source = _span(tokens, a, a + 1)
            return True
        return False

    def _trim_time(self, tokens: list[Token], a: int, b: int) -> tuple[int, int]:
        while a < b and self._is_time(tokens, a):
            a += 1
        for phrase in self.lex.time_phrases:
            # وكالة الأنباء الرسمية من جهتها: an aside phrase closing the speaker
            if b - len(phrase) > a and _match_words(tokens, b - len(phrase), phrase):
                b -= len(phrase)
                break
        while b > a and self._is_time(tokens, b - 1):
            b -= 1
            if b > a and tokens[b - 1].norm in DEMONSTRATIVES:
                b -= 1  # … هذا الأسبوع
            # دمشق في الآونة الأخيرة: the preposition of a trimmed time phrase goes too
            if b > a and tokens[b - 1].is_word and _preposition(tokens[b - 1].norm):
                b -= 1
        return a, b

    def _is_time(self, tokens: list[Token], j: int) -> bool:
        tok = tokens[j]
        if not tok.is_word:
            return not tok.in_quote and tok.text not in OPENING_QUOTES and tok.text not in '”»"'
        if tok.norm in self.lex.time_words or tok.norm.isdigit():
            return True
        # عام2013: a time word glued to its year
        head = tok.norm.rstrip("0123456789")
        return head != tok.norm and head in self.lex.time_words

    def _pp_start(self, tokens: list[Token], a: int, b: int) -> int | None:
        """Where a segment turns into a prepositional phrase (في بيان، للصحيفة، خلال …)."""
        for j in range(a, b):
            tok = tokens[j]
            if not tok.is_word or tok.in_quote:
                continue
            if self._posted_at(tokens, j):
                return j  # وقال الوزير، على تويتر، إن …: where, not who
            if (
                tok.text in ALA_WRITTEN
                and j > a
                and j + 1 < b
                and tokens[j + 1].norm.startswith("ال")
                and not self._entity_at(tokens, j)
            ):
                return j  # وعلق الوزير على القرار: the preposition, not the name علي
            if j == a and any(_match_words(tokens, j, p) for p in self.lex.pp_openers):
                return j
            if j + 1 < b and self._channel_at(tokens, j):
                return j
            if tok.norm in PP_INSIDE_SEGMENT and j > a:
                return j  # سامي حداد عند وصوله …: a time or place phrase, not the speaker
            if tok.norm == "في" and j > a and j + 1 < b and _own_occasion(tokens[j + 1]):
                return j  # وقال وزير المالية في رده على …: the occasion, not the speaker
            if self._is_hearer(tokens, j) or self._is_audience(tokens, j):
                return j
            if j > a and self._is_time(tokens, j) and tok.norm in self.lex.time_words:
                return j
        return None

    def _channel_tail(self, tokens: list[Token], start: int, limit: int) -> int | None:
        """Where a noun content gives way to the channel it was said in (في بيان، خلال
        مؤتمر صحفي، عبر منصة …)."""
        for j in range(start + 1, limit):
            tok = tokens[j]
            if tok.in_quote or not tok.is_word or j + 1 >= limit:
                continue
            if tok.norm in ("في", "خلال", "عبر") and self._channel_noun(tokens[j + 1].norm):
                return j
        return None

    def _is_audience(self, tokens: list[Token], j: int) -> bool:
        """للصحفيين، لأنصاره: who heard it, not an outlet."""
        norm = tokens[j].norm
        if not norm.startswith("ل") or len(norm) < 4:
            return False
        bare = norm[1:]
        return bare in self.lex.audience_nouns or "ا" + bare in self.lex.audience_nouns

    def _is_hearer(self, tokens: list[Token], j: int) -> bool:
        """ل + outlet (للصحيفة، لشبكة، لوكالة) or ل + a quoted/recognised outlet name."""
        norm = tokens[j].norm
        if self._bare_lam_before_name(tokens, j):
            return True
        if not norm.startswith("ل") or len(norm) < 3:
            return False
        if self._outlet_name_after_lam(tokens, j):
            return True
        bare = norm[2:] if norm.startswith("لل") else norm[1:]
        candidates = {bare, "ال" + bare}
        if norm.startswith("لل"):
            candidates.add("ال" + norm[2:])
        return bool(candidates & self.lex.outlet_nouns)

    def _outlet_name_after_lam(self, tokens: list[Token], j: int) -> bool:
        """``لبي بي سي``، ``لرويترز``، ``لـCNN``: ل written onto a known outlet's name."""
        return any(
            all(
                j + k < len(tokens) and tokens[j + k].norm == word
                for k, word in enumerate(rest, start=1)
            )
            for rest in self.lex.outlet_names.get(tokens[j].norm[1:], ())
        )

    def _bare_lam_before_name(self, tokens: list[Token], j: int) -> bool:
        """``لـ“الجزيرة نت”`` / ``لـ«العربية»``: a ل written apart, before a quoted name or a
        recognised one — the outlet the speaker talked to."""
        if tokens[j].norm != "ل" or j + 1 >= len(tokens):
            return False
        following = tokens[j + 1]
        if not following.is_word:
            return following.text in OPENING_QUOTES
        return _entity_end_at(tokens, j + 1, self._entities) is not None

    def _read_pp(self, tokens: list[Token], a: int, b: int, draft: Draft) -> None:
        self._read_channel(tokens, a, b, draft)
        if self._posted_at(tokens, a):
            platform = self._platform_in(tokens, a + 1, b)
            if platform is not None:
                draft.source = platform  # عبر حسابه على تويتر، في تغريدة على فيسبوك

    def _read_channel(self, tokens: list[Token], a: int, b: int, draft: Draft) -> None:
        for j in range(a, b):
            tok = tokens[j]
            if self._is_audience(tokens, j):
                return
            if self._bare_lam_before_name(tokens, j):
                if tokens[j + 1].is_word:
                    end = _entity_end_at(tokens, j + 1, self._entities) or j + 2
                else:
                    end = next((k + 1 for k in range(j + 2, b) if tokens[k].text in '”»"'), b)
                draft.source = _span(tokens, j + 1, min(end, b))
                return
            if self._is_hearer(tokens, j):
                # لشبكة → شبكة; للصحيفة keeps its letters (the article's alef is elided).
                clitic = 0 if tok.norm.startswith("لل") else 1
                draft.source = _span(tokens, j, b, skip_clitic=clitic)
                return
            if tok.is_word and self._channel_noun(tok.norm):
                draft.channel = Span(tok.start, tok.end)
                if j + 2 < b + 1 and j + 1 < b and tokens[j + 1].norm == "مع":
                    draft.source = _span(tokens, j + 2, b)  # في مقابلة مع قناة الجزيرة
                elif _strip_al(tok.norm) in ("بيان", "تغريده", "مؤتمر", "خطاب", "كلمه"):
                    # في بيان رسمي → "بيان رسمي"; في كلمة خلال الحفل → "كلمة"
                    follows = j + 1 < b and tokens[j + 1].is_word
                    follows = follows and tokens[j + 1].norm not in CHANNEL_STOPS
                    draft.source = _span(tokens, j, j + 2 if follows else j + 1)
                return

    def _is_name(self, tokens: list[Token], a: int, b: int) -> bool:
        """A personal name: a recognised PERSON mention, or words with no article that do not
        start with a role word."""
        span = _span(tokens, a, b)
        for ent in self._entities:
            if ent.start >= span.start and ent.end <= span.end and ent.label.value == "PERSON":
                return True
        first = tokens[a]
        if first.norm in self.lex.role_nouns or first.norm.startswith("ال") or first.in_quote:
            return False
        words = [t for t in tokens[a:b] if t.is_word]
        # Surnames may carry the article (الأنصاري، السيسي); the first name does not.
        return 1 <= len(words) <= 4 and not any(
            t.norm in self.lex.role_nouns
            or self.lex.cue(t.norm)
            or t.norm in ("في", "من", "عن", "باسم", "لدى")
            for t in words
        )

    def _name_and_role(self, tokens: list[Token], seg: tuple[int, int], draft: Draft) -> None:
        """One segment: ``وزير الخارجية الأميركي أنتوني بلينكن`` → role + name."""
        a, b = seg
        span = _span(tokens, a, b)
        person = next(
            (
                e
                for e in self._entities
                if e.label.value == "PERSON" and e.start >= span.start and e.end <= span.end
            ),
            None,
        )
        if person is not None and person.start > span.start:
            draft.role = Span(span.start, _rstrip_space(tokens, person.start, span.start))
            draft.speaker = Span(person.start, span.end)
            return
        if tokens[a].norm in self.lex.role_nouns and not plural_head(tokens[a].norm):
            j = a + 1
            while j < b and (
                tokens[j].norm.startswith(("ال", "بال", "لل", "وال"))
                or tokens[j].norm in self.lex.role_continuations
                or not tokens[j].is_word
            ):
                j += 1
            # "خبير في مجال المياه": a role never ends on its preposition; what follows it is
            # the field, not a name.
            ends_open = tokens[j - 1].norm in ROLE_PREPOSITIONS
            # A definite one-word title (النائب فادي حداد) needs a name-like rest.
            bare_title = (
                j == a + 1 and tokens[a].norm.startswith("ال") and self._is_name(tokens, j, b)
            )
            if (a + 1 < j or bare_title) and j < b and b - j <= 4 and not ends_open:
                draft.role = _span(tokens, a, j)
                draft.speaker = _span(tokens, j, b)
                return
        draft.speaker = span

    def _subject_before(self, tokens: list[Token], ci: int) -> tuple[int, int] | None:
        """Subject-first order: the noun phrase from the clause start up to the cue, which may
        hold an apposition (رئيس الهيئة، فاروق بوعسكر، نفى …)."""
        start = ci
        commas = 0
        while start > 0:
            prev = tokens[start - 1]
            if not prev.is_word and prev.text in ".:؛;":
                break
            if not prev.is_word and prev.text in COMMAS and not prev.in_quote:
                commas += 1
                if commas > 2:
                    break
            start -= 1
        if commas > 2:
            return None
        for particle in self.lex.clause_particles:
            if _match_words(tokens, start, particle):
                start += len(particle)
                break
        # … ورغم ارتباطه بالانتقال إلا أن تقارير صحافية تكهنت …: the subject starts after
        # the concessive connector, not at the clause start.
        # … للتعليق، لكنها أصرت على أن …: the subject is لكن's pronoun, no noun phrase.
        for k in range(ci - 1, start - 1, -1):
            if tokens[k].norm in BUT_WORDS or (
                tokens[k].norm == "ان" and k > 0 and tokens[k - 1].norm in EXCEPT_WORDS
            ):
                start = k + 1
                break
        end = ci
        if end - 1 >= start and tokens[end - 1].norm == "قد":
            end -= 1
        while end > start and not tokens[end - 1].is_word:
            end -= 1
        # وفي وقت سابق، قال …: a leading time or place phrase is no subject.
        while start < end and tokens[start].is_word and _preposition(tokens[start].norm):
            comma = next((k for k in range(start, end) if tokens[k].text in COMMAS), None)
            if comma is None:
                return None
            start = comma + 1
        words = [t for t in tokens[start:end] if t.is_word]
        if not words or len(words) > MAX_SUBJECT_TOKENS:
            return None
        if any(
            self.lex.cue(t.norm)
            or (t.norm in self.lex.complementizers and not t.in_quote)
            or (t.norm in self.lex.speaker_stops and not t.in_quote)
            for t in words
        ):
            return None
        return start, end

    def _relay(
        self, sentence: Sentence, tokens: list[Token], zone: tuple[int, int], draft: Draft
    ) -> bool:
        """نقلت صحيفة X، في تقرير لها، عن مسؤولين … (قولهم) أن: speaker after عن."""
        a, b = zone
        an = next(
            (j for j in range(a, b) if tokens[j].norm == "عن" and not tokens[j].in_quote), None
        )
        if an is None:
            pronoun = next((j for j in range(a, b) if tokens[j].norm in RELAY_PRONOUNS), None)
            if pronoun is None or pronoun == a:
                return False
            # ونقلت الوكالة عنه قوله: the outlet relays the speaker named before.
            outlet = Draft(draft.content, None, draft.kind, draft.stance, SpeakerFrom.CONTEXT)
            self._read_zone(sentence, tokens, (a, pronoun), outlet, nominal_allowed=True)
            draft.source = outlet.speaker
            draft.speaker_from = SpeakerFrom.CONTEXT
            return True
        speaker_end = b
        while speaker_end > an + 1 and (
            tokens[speaker_end - 1].norm in self.lex.relay_speech_nouns
            or not tokens[speaker_end - 1].is_word
            or (
                # عن مسؤول تحذيره من أن …: the preposition of the speech noun
                tokens[speaker_end - 1].norm in LEADING_PREPOSITIONS
                and tokens[speaker_end - 2].norm in self.lex.relay_speech_nouns
            )
        ):
            if tokens[speaker_end - 1].norm in self.lex.relay_speech_nouns:
                # نقلت الوكالة عن مصادر تأكيدها / تحذيرها: the noun says how it was said
                draft.stance = _relay_stance(tokens[speaker_end - 1].norm, draft.stance)
            speaker_end -= 1
        if speaker_end <= an + 1:
            return False
        speaker_start, speaker_end = self._trim_time(tokens, an + 1, speaker_end)
        # عن مسؤولين طلبوا التكتم على هوياتهم: the speaker stops at the relative verb
        np_end = self._np_end(tokens, speaker_start, speaker_end)
        if np_end > speaker_start:
            speaker_end = np_end
        draft.speaker = _span(tokens, speaker_start, speaker_end)
        draft.speaker_from = SpeakerFrom.MENTION
        outlet = Draft(draft.content, None, draft.kind, draft.stance, SpeakerFrom.CONTEXT)
        self._read_zone(sentence, tokens, (a, an), outlet, nominal_allowed=True)
        draft.source = outlet.speaker
        draft.channel = outlet.channel
        return True

    # ---- nominal cues ---------------------------------------------------------------------
    def _nominal_drafts(
        self, sentence: Sentence, tokens: list[Token], cue_positions: list[int], drafts: list[Draft]
    ) -> list[Draft]:
        """``عقب إعلان وزارة الدفاع أنها نجحت …``، ``بعد تأكيد الوزير أن …``: a verbal noun,
        its speaker in the genitive, then the complementizer and what was said."""
        found: list[Draft] = []
        for i, tok in enumerate(tokens):
            norm = tok.norm[1:] if tok.norm[:1] == "و" and len(tok.norm) > 4 else tok.norm
            stance = NOMINAL_CUES.get(norm) if tok.is_word and not tok.in_quote else None
            if stance is None or i + 2 >= len(tokens):
                continue
            if norm == NOMINAL_REFERENCE and i > 0 and tokens[i - 1].norm in ("في", "وفي"):
                continue  # وفي إشارة (محتملة) إلى أن …: the journalist's gloss, not a claim
            if any(d.content.start <= tok.start < d.content.end for d in drafts + found):
                continue  # inside what someone else said
            marker = next(
                (
                    j
                    for j in range(i + 2, min(len(tokens), i + 2 + NOMINAL_SPEAKER_MAX))
                    if tokens[j].is_word
                    and not tokens[j].in_quote
                    and (
                        tokens[j].norm in self.lex.complementizers
                        or (norm == NOMINAL_ANNOUNCE and tokens[j].norm == "عن")
                    )
                ),
                None,
            )
            if marker is None:
                if norm == NOMINAL_ANNOUNCE:
                    # بعد إعلان الرياض اعتراض سبعة صواريخ: a verbal noun after the speaker
                    announced = self._nominal_verbal_noun(
                        sentence, tokens, i, stance, cue_positions
                    )
                    if announced is not None:
                        found.append(announced)
                continue
            words = [t for t in tokens[i + 1 : marker] if t.is_word]
            if any(self.lex.cue(t.norm) or t.norm in self.lex.complementizers for t in words):
                continue
            limit = next((c for c in cue_positions if c > marker), len(tokens))
            content, kind = _content(sentence, tokens, marker + 1, limit)
            if not content or len(sentence.text[content.start : content.end].split()) < 2:
                continue
            draft = Draft(
                content=content,
                cue=Span(tok.start, tok.end),
                kind=kind,
                stance=stance,
                speaker_from=SpeakerFrom.MENTION,
                confidence=0.7,
            )
            self._read_zone(sentence, tokens, (i + 1, marker), draft, nominal_allowed=True)
            if draft.speaker is not None:
                found.append(draft)
        return found

    def _nominal_verbal_noun(
        self,
        sentence: Sentence,
        tokens: list[Token],
        i: int,
        stance: Stance,
        cue_positions: list[int],
    ) -> Draft | None:
        """``بعد إعلان الرياض اعتراض سبعة صواريخ``: the noun إعلان, its speaker in the
        genitive, then a verbal noun that opens what was announced."""
        limit = next((c for c in cue_positions if c > i), len(tokens))
        found = self._speaker_then_verbal_noun(tokens, i, limit)
        if found is None:
            return None
        speaker_end, start = found
        return self._named_speaker_claim(
            sentence, tokens, i, (start, limit), speaker_end, stance, None
        )

    def _document_drafts(
        self, sentence: Sentence, tokens: list[Token], cue_positions: list[int], drafts: list[Draft]
    ) -> list[Draft]:
        """``وجاء في البيان أن …``، ``وورد في الرسالة: "…"``، ``أصدرت بيانا جاء فيه: …``:
        what a document says; the document (or, for فيه/فيها, the noun just before the verb)
        is the speaker."""
        found: list[Draft] = []
        for i, tok in enumerate(tokens[:-2]):
            if tok.norm not in DOCUMENT_VERBS or not tok.is_word or tok.in_quote:
                continue
            if any(d.content.start <= tok.start < d.content.end for d in drafts + found):
                continue
            after = tokens[i + 1]
            if after.norm in RESUMPTIVE_FI:
                if i == 0 or not tokens[i - 1].is_word:
                    continue
                name, marker = (i - 1, i), i + 2
                if not self._channel_noun(tokens[i - 1].norm.removesuffix("ا")):
                    continue
            elif self._channel_at(tokens, i + 1):
                # the document's name runs from its channel noun to the complementizer or mark
                marker = next(
                    (
                        j
                        for j in range(i + 3, min(len(tokens), i + 3 + DOCUMENT_NAME_MAX))
                        if not tokens[j].is_word or tokens[j].norm in self.lex.complementizers
                    ),
                    len(tokens),
                )
                name = (i + 2, marker)
            else:
                continue
            if marker >= len(tokens):
                continue
            opener = tokens[marker]
            if opener.norm in self.lex.complementizers or opener.text == ":":
                start = marker + 1
            elif self._opens_quotation(opener):
                start = marker
            else:
                continue
            limit = next((c for c in cue_positions if c > start), len(tokens))
            content, kind = _content(sentence, tokens, start, limit)
            if not content or len(sentence.text[content.start : content.end].split()) < 2:
                continue
            found.append(
                Draft(
                    content=content,
                    cue=Span(tok.start, tok.end),
                    kind=kind,
                    stance=Stance.ASSERT,
                    speaker_from=SpeakerFrom.MENTION,
                    speaker=_span(tokens, name[0], name[1]),
                    confidence=0.7,
                )
            )
        return found

    # ---- according to ------------------------------------------------------------------
    def _according_to_positions(self, tokens: list[Token]) -> list[tuple[int, int]]:
        """(phrase start, source start) token indexes of وفق/بحسب/نقلا عن … outside quotes."""
        found: list[tuple[int, int]] = []
        for j, tok in enumerate(tokens):
            if not tok.is_word or tok.in_quote:
                continue
            # وفقا keeps its own و; ووفقا / وبحسب lose the conjunction.
            norms = {tok.norm}
            if tok.norm[:1] == "و" and len(tok.norm) > 3:
                norms.add(tok.norm[1:])
            for phrase in self.lex.according_to:
                head = phrase[0]
                if head not in norms:
                    continue
                if len(phrase) == 1:
                    found.append((j, self._past_what_said(tokens, j + 1)))
                elif phrase[1] == "ل":
                    # وفقا لـ / طبقا لـ: the ل is a clitic on the source word.
                    if j + 1 < len(tokens) and tokens[j + 1].norm.startswith("ل"):
                        found.append((j, self._past_what_said(tokens, j + 1)))
                elif _match_words(tokens, j + 1, phrase[1:]):
                    found.append((j, self._past_what_said(tokens, j + len(phrase))))
                break
        return found

    def _past_what_said(self, tokens: list[Token], k: int) -> int:
        """``بحسب ما أعلنت السلطات``، ``وفقا لما ذكرته وسائل الإعلام``، ``حسب قول محاميه``:
        the source starts after the verb or speech noun."""
        if k >= len(tokens) or not tokens[k].is_word:
            return k
        norm = tokens[k].norm
        if k > 0 and tokens[k - 1].norm.endswith("ما") and self.lex.cue(norm):
            return k + 1  # حسبما أعلنت الشركة
        if norm in ("ما", "لما") and k + 1 < len(tokens) and tokens[k + 1].is_word:
            verb = tokens[k + 1].norm
            if self.lex.cue(verb) or (verb.endswith("ه") and self.lex.cue(verb[:-1])):
                return k + 2
        if _strip_al(norm) in SPEECH_NOUNS and k + 1 < len(tokens):
            return k + 1
        return k

    def _source_end(self, tokens: list[Token], start: int) -> int:
        j = start
        while j < len(tokens):
            tok = tokens[j]
            if not tok.is_word and not tok.in_quote and tok.text in COMMAS | set(".!?؟:؛;"):
                break
            if tok.is_word and tok.norm in FA_INNA:
                break
            if (
                tok.is_word
                and j > start
                and tok.norm in self.lex.speaker_stops
                and not tok.in_quote
            ):
                break  # بحسب ما أعلنت السلطات بعد فرز الأصوات (not a word of a quoted name)
            if (
                not tok.is_word
                and j > start
                and self._opens_quotation(tok)
                and not self._quoted_name_ends_sentence(tokens, j)
            ):
                break  # وفقا لمنظميه "أكبر حدث …": the quotation is what they said
            j += 1
        return j

    def _quoted_name_ends_sentence(self, tokens: list[Token], j: int) -> bool:
        """``…، بحسب أرقام لمركز "كي إل إم" الزراعي.``: a quotation of a few words with at
        most two words after it before the sentence ends names the source, says nothing."""
        quote = next((q for q in self._quotes if q.start == tokens[j].start), None)
        if quote is None:
            return False
        inner = self._text[quote.inner_start : min(quote.inner_end, len(self._text))]
        if len(inner.split()) > MAX_QUOTED_NAME_WORDS:
            return False
        after = [t for t in tokens if t.start >= quote.end]
        words = 0
        for tok in after:
            if not tok.is_word:
                if tok.text in COMMAS or tok.text in ".!?؟:؛;":
                    break
                return False  # another quotation or a bracket: not a plain name
            words += 1
        return words <= 2

    def _plausible_source(self, tokens: list[Token], a: int, b: int) -> bool:
        if a >= b:
            return False
        span = _span(tokens, a, b)
        if any(e.start >= span.start and e.end <= span.end for e in self._entities):
            return True
        first = tokens[a].norm
        if first in self.lex.not_sources or first[1:] in self.lex.not_sources:
            return False
        if first.startswith("لل") and "ال" + first[2:] in self.lex.not_sources:
            return False
        words = [t for t in tokens[a:b] if t.is_word]
        if len(words) <= 4 and not tokens[a].in_quote:
            return True  # short sentence-level attribution: بحسب هيئة القناة
        for candidate in (first, first[1:], first[2:], "ال" + first[2:]):
            stripped = _strip_al(candidate)
            if (
                candidate in self.lex.outlet_nouns
                or candidate in self.lex.role_nouns
                or stripped in SOURCE_HEADS
                or "ال" + stripped in self.lex.outlet_nouns
            ):
                return True
        return False

    def _attach_trailing_source(
        self,
        sentence: Sentence,
        tokens: list[Token],
        draft: Draft,
        limit: int,
        according: list[tuple[int, int]],
    ) -> None:
        """``…، وفق الصحيفة`` after an attributed clause names where it was read."""
        for phrase_start, source_start in according:
            if phrase_start != limit or draft.source is not None:
                continue
            end = self._source_end(tokens, source_start)
            if self._plausible_source(tokens, source_start, end):
                draft.source = _span(
                    tokens, source_start, end, skip_clitic=_clitic_l(tokens, source_start)
                )

    def _around_parenthesis(
        self, sentence: Sentence, tokens: list[Token], phrase_start: int, source_end: int
    ) -> tuple[Span, ClaimKind] | None:
        """``أفشل القصف، بحسب المصادر، محاولة …``: an attribution set between commas inside
        a clause is said of the whole clause, the words on both sides of it."""
        before, after = phrase_start - 1, source_end
        if before < 1 or after + 1 >= len(tokens):
            return None
        if any(
            t.in_quote or t.is_word or t.text not in COMMAS for t in (tokens[before], tokens[after])
        ):
            return None
        follow = tokens[after + 1]
        if (
            not follow.is_word
            or follow.norm[:1] in ("و", "ف")
            or follow.norm in RELATIVES
            or any(_match_words(tokens, after + 1, p) for p in self.lex.clause_openers)
        ):
            return None  # …، بحسب الوكالة، وأضاف …: a new clause, the attribution ends the last
        start = 0
        for k in range(before - 1, -1, -1):
            tok = tokens[k]
            if tok.norm in BUT_WORDS or (not tok.is_word and tok.text in ".!?؟:؛;"):
                start = k + 1  # …، ولكنه يسعى، وفق مراقبين، لـ…: the clause after لكن
                break
        words = sum(1 for t in tokens[start:before] if t.is_word)
        if not 2 <= words <= PARENTHESIS_HEAD_WORDS:
            return None  # a long clause before it is complete: the words after are the source's
        head, _kind = _content(sentence, tokens, start, before)
        tail, _kind = _content(sentence, tokens, after + 1, len(tokens))
        if not head or not tail:
            return None
        return Span(head.start, tail.end), ClaimKind.INDIRECT

    def _according_to_drafts(
        self,
        sentence: Sentence,
        tokens: list[Token],
        according: list[tuple[int, int]],
        drafts: list[Draft],
    ) -> list[Draft]:
        found: list[Draft] = []
        for phrase_start, source_start in according:
            phrase_span = Span(tokens[phrase_start].start, tokens[source_start - 1].end)
            if any(d.cue and d.cue.start <= phrase_span.start < d.content.end for d in drafts):
                continue
            if any(
                d.source
                and d.source.start >= phrase_span.end
                and d.source.start - phrase_span.end <= 2
                for d in drafts
            ):
                continue
            end = self._source_end(tokens, source_start)
            if not self._plausible_source(tokens, source_start, end):
                continue
            # وفق ما أعلن الحزب الأحد: the day is not part of the source
            _a, speaker_end = self._trim_time(tokens, source_start, end)
            if speaker_end <= source_start:
                speaker_end = end
            skip = _clitic_l(tokens, source_start)
            relayed_by = None
            an = next(
                (k for k in range(source_start + 1, speaker_end - 1) if tokens[k].norm == "عن"),
                None,
            )
            if an is not None and tokens[phrase_start + 1 : source_start]:
                # بحسب ما نقلت وكالة الأنباء عن مخرج الحدث: the outlet relays the speaker
                relayed_by = _span(tokens, source_start, an, skip_clitic=skip)
                source_start, skip = an + 1, 0
            speaker = _span(tokens, source_start, speaker_end, skip_clitic=skip)
            # حسب قوله: the speaker is the one named before.
            pronoun = end - source_start == 1 and tokens[source_start].norm in (
                self.lex.relay_speech_nouns
            )
            if end < len(tokens) and self._opens_quotation(tokens[end]):
                content, kind = _content(sentence, tokens, end, len(tokens))
            elif phrase_start == 0 or _only_particles_before(tokens, phrase_start):
                # بحسب X، (فإن) CONTENT
                content_start = end + 1 if end < len(tokens) and not tokens[end].is_word else end
                if content_start < len(tokens) and tokens[content_start].norm in FA_INNA:
                    content_start += 1
                content, kind = _content(sentence, tokens, content_start, len(tokens))
            else:
                content, kind = self._around_parenthesis(
                    sentence, tokens, phrase_start, end
                ) or _content(sentence, tokens, 0, phrase_start)
            if not content or any(_overlaps(content, d.content) for d in drafts):
                continue
            found.append(
                Draft(
                    content=content,
                    cue=phrase_span,
                    kind=ClaimKind.ACCORDING_TO if kind != ClaimKind.DIRECT else kind,
                    stance=Stance.ASSERT,
                    speaker_from=SpeakerFrom.CONTEXT if pronoun else SpeakerFrom.MENTION,
                    speaker=None if pronoun else speaker,
                    source=relayed_by,
                    confidence=0.8,
                )
            )
        return found


# ---- token helpers -------------------------------------------------------------------------
VERBAL_NOUN = re.compile(
    r"(?:ت..ي.|ا..ا.|ا.ت.ا.|ان..ا.|است..ا.)(?:ه|ها|هم)?"
)  # تغيير، إطلاق، افتتاح، انسحاب، استئناف (match forms: إ → ا), with a pronoun (توقفه)


# Plain (non-derived) verbal nouns that open what an announcement says happened.
ANNOUNCED_EVENTS = frozenset(
    match_form(w)
    for w in (
        "مقتل", "مصرع", "وفاة", "خفض", "رفع", "وقف", "منع", "بدء", "فوز", "سقوط", "فرض",
        "عودة", "رحيل", "وصول", "دخول", "خروج", "حصول", "تعيين", "قبول", "رفض", "فتح",
        "سحب", "ضرب", "إصابة",
    )
)  # fmt: skip
CALL_REQUEST = re.compile(
    r"(?:لل(?:ت...|ت.ا..|ت..ي.|ا..ا.|ا.ت.ا.|ان..ا.|است..ا.)|لعدم|لوقف)(?:ه|ها|هم)?"
)  # للتوقف، للترحيب، للانخراط، لعدم، لوقف: لـ and a verbal noun, what a call asks for
ADDRESSEE_CALLS = ("دعا", "حث")  # lemmas as the lexicon writes them
ONE_OF_WORDS = frozenset(match_form(w) for w in ("أحد", "إحدى"))
ILGHA = match_form("إلغاء")
# أن that is no complementizer of a verb before it: بعد أن (after), ما يبدو أنه (what seems)
FOREIGN_ANNA_HEADS = frozenset(
    match_form(w) for w in ("بعد", "قبل", "منذ", "وبعد", "وقبل", "يبدو", "بدا")
)
CONTAINED = "تضمن"  # وتضمن بيان لـX أن …, as the lexicon writes it
LEARNED = "علم"  # وعلمت الصحيفة أن …: an outlet that learned, as the lexicon writes it
DENIABLE_BELIEFS = frozenset({"اعتقد", "خشي", "شكا"})  # lemmas as the lexicon writes them
SINCE_WORDS = frozenset(match_form(w) for w in ("منذ", "حين", "عندما", "بعدما", "حينما"))


def _relay_stance(norm: str, stance: Stance) -> Stance:
    """تأكيده → confirm, تحذيرها → warn, نفيهم → deny; قوله keeps the verb's stance."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if norm.endswith(suffix):
            return NOMINAL_CUES.get(norm[: -len(suffix)], stance)
    return stance


def _verbal_noun(norm: str) -> bool:
    """An indefinite verbal noun of a derived verb (الغاء is إلغاء; العام is no verbal noun),
    or one of the plain verbal nouns news announces (مقتل، خفض، وفاة)."""
    if norm.startswith("ال") and norm != ILGHA:
        return False
    return VERBAL_NOUN.fullmatch(norm) is not None or norm in ANNOUNCED_EVENTS


def _noun_content_opener(norm: str) -> bool:
    """A word that opens a noun content: a verbal noun, or عدم، ضرورة، استمرار، أهمية."""
    return _verbal_noun(norm) or norm in CONTENT_NOUNS


def _possessed_noun(norm: str) -> str | None:
    """The noun before a possessive pronoun, in matching form (حديثها → حديث; مسؤوليته →
    مسؤوليه: the ta marbuta written ت before the pronoun is ه again), or None."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if norm.endswith(suffix) and len(norm) > len(suffix) + 2:
            stem = norm[: -len(suffix)]
            return stem[:-1] + "ه" if stem.endswith("ت") else stem
    return None


def _owned_stance(norm: str) -> bool:
    """مسؤوليته، رفضها، عزمهم: a stance or resolve with its owner's pronoun, the object of
    أعلن/أكد/جدد."""
    return _possessed_noun(norm) in OWNED_STANCES


def _match_words(tokens: list[Token], j: int, words: Words) -> bool:
    if j < 0 or j + len(words) > len(tokens):
        return False
    return all(
        tokens[j + k].is_word and not tokens[j + k].in_quote and tokens[j + k].norm == w
        for k, w in enumerate(words)
    )


def _own_occasion(tok: Token) -> bool:
    """A noun with a possessive suffix (رده، حديثها، كلمته) or معرض: after في it is the
    speaker's own occasion (في رده على …، في معرض حديثه)."""
    text = tok.text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    if tok.norm == "معرض":
        return True
    return len(text) >= 3 and text.endswith(("ه", "ها", "هم", "هما")) and not text.endswith("ة")


FROM_PRONOUNS = frozenset(match_form(w) for w in ("منه", "منها", "منهم", "منهما", "منا", "مني"))
# متهما إياها بـ، واصفا إياه بـ: a participle with its object pronoun is a verb, comma or not.
OBJECT_PRONOUNS = frozenset(match_form(w) for w in ("إياه", "إياها", "إياهم", "إياهما"))
HABITUAL_ADVERBS = frozenset(match_form(w) for w in ("عادة", "كثيرا", "غالبا", "أحيانا", "دائما"))
# Words that never open a speaker noun phrase: particles, adverbs, pronouns, conjunctions.
NOT_A_SPEAKER = frozenset(
    match_form(w)
    for w in (
        "مما", "أن", "إن", "فإن", "بأن", "قبل", "بعد", "فقد", "وقد", "قد", "بعدها", "قبلها",
        "بشدة", "علما", "في", "كيف", "وهي", "وهو", "هي", "هو", "ثم", "حيث", "إذ", "كما",
        "منذ", "عند", "خلال", "عبر", "حول", "لذلك", "أيضا", "مباشرة", "مضت", "مضى",
        "آنذاك", "بشكل", "رغم", "فيه", "فيها", "عنه", "عنها", "به", "بها", "منه", "منها",
        "عليه", "عليها", "إليه", "إليها", "فوقه", "فوقها", "أنه", "أنها", "إنه", "إنها",
        "كذلك", "حتى", "بيد", "داخل", "أمس", "بالأمس", "اليوم", "مجددا", "بدوره", "بدورها",
    )
)  # fmt: skip


@cache
def _without_article(words: frozenset[str]) -> frozenset[str]:
    return frozenset(_strip_al(word) for word in words)


def _bare(word: str) -> str:
    """Without a leading و/ف conjunction (a word of more than three letters: وعد is a word)."""
    return word[1:] if word[:1] in "وف" and len(word) > 3 else word


def _not_a_speaker(word: str, issuer_lam: bool = False) -> bool:
    bare = _bare(word)
    # على is written out: its matching form is the name علي; لل + noun (للمحققين، للصحفيين)
    # is whom the speaker told
    return (
        match_form(word) in NOT_A_SPEAKER
        or match_form(bare) in NOT_A_SPEAKER
        or bare == "على"
        or (word.startswith("لل") and len(word) >= 5 and not issuer_lam)
        or (word.startswith("بال") and len(word) >= 6)  # وتابعت بالحديث: how, not who
    )


# Written forms (على's matching form is the name علي) that open a clause with no verb.
NON_VERB_OPENERS = frozenset(
    (
        "على", "رغم", "برغم", "بالرغم", "إثر", "اثر", "بعد", "قبل", "عند", "لدى", "أمام", "بين",
        "حول", "نحو", "ضد", "بسبب", "وسط", "لأن", "بينما", "حيث", "إذ", "بعدما", "عندما",
    )
)  # fmt: skip
SUBJECT_PREPOSITIONS = frozenset(
    match_form(w) for w in ("في", "من", "عن", "إلى", "مع", "خلال", "عقب", "منذ")
)


SPEECH_NOUNS = frozenset(match_form(w) for w in ("قول", "رواية", "تصريحات", "تصريح", "تعبير"))


def _participle_form(norm: str) -> bool:
    """معلقا، مشيرا، مستغربا: an accusative active participle (م… ending in the alif of its
    tanween), which after a verb says how, not who."""
    bare = _bare(norm)
    # مراسلنا، مصادرنا، مندوبها: a noun with a possessive, not a participle
    return bare.startswith("م") and len(bare) >= 5 and not bare.endswith(("نا", "ها", "هما"))


def _preposition(norm: str) -> bool:
    bare = norm[1:] if norm[:1] in "وف" and len(norm) > 2 else norm
    return norm in SUBJECT_PREPOSITIONS or bare in SUBJECT_PREPOSITIONS


def _next_word_has_ba(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].is_word and tokens[i + 1].norm.startswith("ب")


def _strip_al(norm: str) -> str:
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm


def _span(tokens: list[Token], a: int, b: int, skip_clitic: int = 0) -> Span:
    return Span(tokens[a].start + skip_clitic, tokens[b - 1].end)


def _rstrip_space(tokens: list[Token], end: int, floor: int) -> int:
    for tok in reversed(tokens):
        if tok.end <= end and tok.start >= floor and tok.is_word:
            return tok.end
    return end


def _clitic_l(tokens: list[Token], j: int) -> int:
    """Length of a ل/لل clitic glued to a source word after وفقا/طبقا (لمصادر → مصادر)."""
    if j == 0:
        return 0
    prev = tokens[j - 1].norm
    # للاتحاد keeps its letters (the article's alef is elided after ل).
    lam = tokens[j].norm.startswith("ل") and not tokens[j].norm.startswith("لل")
    if prev in ("وفقا", "طبقا", "ووفقا", "وطبقا") and lam:
        return 1
    return 0


def _only_particles_before(tokens: list[Token], j: int) -> bool:
    return all(not t.is_word or t.norm in ("و", "ف") for t in tokens[:j])


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _entity_token_mask(tokens: list[Token], entities: Sequence[Entity]) -> list[bool]:
    return [any(e.start < tok.end and tok.start < e.end for e in entities) for tok in tokens]


def _swallowed_verb(tok: Token, entities: Sequence[Entity]) -> bool:
    """A discovered name that ran on into the verb after it (``نبيه بري اعتبر``): the last
    word of a mention of three or more words may still be a cue."""
    return any(
        e.end == tok.end and e.start < tok.start and len(e.text.split()) >= 3 for e in entities
    )


def _entity_end_at(
    tokens: list[Token],
    j: int,
    entities: Sequence[Entity],
    clitic: bool = False,
    label: str | None = None,
) -> int | None:
    """Token index after an entity mention (of ``label``, if given) that starts at token ``j``
    (or one letter in, for a clitic و/ل)."""
    tok = tokens[j]
    for ent in entities:
        if label is not None and ent.label.value != label:
            continue
        if ent.start == tok.start or (clitic and ent.start == tok.start + 1):
            k = j
            while k < len(tokens) and tokens[k].start < ent.end:
                k += 1
            return k
    return None


def _content(
    sentence: Sentence, tokens: list[Token], start: int, limit: int
) -> tuple[Span, ClaimKind]:
    """The content between two token indexes, trimmed; a content that is exactly one quote
    is direct speech and loses its marks."""
    text = sentence.text
    end_tok = _tail_start(tokens, start, limit)
    while (
        end_tok > start
        and not tokens[end_tok - 1].is_word
        and tokens[end_tok - 1].text in (COMMAS | set(".!?؟:؛;-–—"))
        and not tokens[end_tok - 1].in_quote
    ):
        end_tok -= 1
    if end_tok <= start:
        return Span(0, 0), ClaimKind.INDIRECT
    span = Span(tokens[start].start, tokens[end_tok - 1].end)
    quote = _single_quote(sentence.quotes, span)
    if quote is not None:
        inner = Span(quote.inner_start, min(quote.inner_end, len(text)))
        inner = _trim(text, inner)
        return inner, ClaimKind.DIRECT
    return _trim(text, span), ClaimKind.INDIRECT


PP_INSIDE_SEGMENT = frozenset(
    match_form(w)
    for w in ("خلال", "أمام", "عبر", "عقب", "أثناء", "قبيل", "بعيد", "عند", "إبان", "طوال", "طيلة")
)
ALA = match_form("على")
CONCESSIVE = frozenset(match_form(w) for w in ("رغم", "برغم", "ورغم"))
AQAB = match_form("أعقاب")
AFTER_WORDS = frozenset(match_form(w) for w in ("بعد", "عقب", "إثر", "أعقاب"))
RIVAL_SPEECH = frozenset(
    match_form(w)
    for w in (
        "إصرار", "تأكيد", "تأكيدات", "تحذير", "تحذيرات", "نفي", "مطالبات", "دعوات", "قول",
        "تصريح", "تصريحات", "تعليقات", "انتقادات", "اتهامات",
    )
)  # fmt: skip
QUESTION_NOUNS = frozenset(
    match_form(w) for w in ("سؤال", "أسئلة", "سؤالا", "تساؤل", "تساؤلات", "استفسار", "أسئلتهم")
)
FI_WAQT = (match_form("في"), match_form("وقت"))
FI_ALWAQT_ALLATHI = (match_form("في"), match_form("الوقت"), match_form("الذي"))
ANNA = frozenset(match_form(w) for w in ("أن", "أنه", "أنها"))
AFTER_QUOTE_TAILS = frozenset(match_form(w) for w in ("رغم", "فيما", "بينما", "وسط", "حيث"))


# معلقا، متوجها، مستندا: an indefinite active participle (not a مفعول noun: مرسوما، مشروعا)
PARTICIPLE_TAIL = re.compile(r"م(?![^ا]\wو\wا$)[^ا]\w{2,}ا")
OCCASION_TAILS = tuple(
    tuple(match_form(w) for w in phrase.split())
    for phrase in (
        "في خطوة",
        "في أول تعليق",
        "في أول رد",
        "في أول تصريح",
        "في أول ظهور",
        "في إشارة",
    )
)
HADD = match_form("حد")
AS_HE_PUT = frozenset({HADD, match_form("بحسب"), match_form("حسب")})  # على حد تعبيره
PUT_WORDS = frozenset(
    match_form(w) for w in ("تعبيره", "تعبيرها", "تعبيرهم", "وصفه", "وصفها", "وصفهم")
)
APPOSITIVE_NOUNS = frozenset(
    match_form(w)
    for w in (
        "عدد",
        "رقم",
        "إجراء",
        "الأمر",
        "أمر",
        "خطوة",
        "تطور",
        "قرار",
        "مستوى",
        "أعلى",
        "أدنى",
    )
)  # …، وهو الأمر الذي …: the journalist describing what was said, not the speaker


def _tail_start(tokens: list[Token], start: int, limit: int) -> int:
    """Where the journalist's tail begins after what was said: ``، وذلك في تغريدة …``،
    ``ردا على …``, or ``، رغم …`` right after a closed quotation."""
    for j in range(start + 1, limit):
        tok = tokens[j]
        if not tok.is_word or tok.in_quote:
            continue
        prev = tokens[j - 1]
        after_comma = not prev.is_word and prev.text in COMMAS and not prev.in_quote
        if after_comma and tok.norm == "وذلك":
            return j
        if (
            after_comma
            and tok.norm in ("وهو", "وهي")
            and j + 2 < limit
            and tokens[j + 1].norm == "ما"
            and _speech_verb_with_object(tokens[j + 2].norm)
        ):
            # …، وهو ما تؤكده واشنطن: another party on what was said (not …، وهو ما لا
            # يريد رؤيته, which goes on with the same statement)
            return j
        if (
            tok.norm in ("ردا", "تعليقا")
            and j + 1 < limit
            and tokens[j + 1].norm == ALA
            and (
                after_comma
                or (not prev.is_word and prev.text in CLOSING_MARKS)
                or (j + 2 < limit and tokens[j + 2].norm in QUESTION_NOUNS)
            )
        ):
            # …، ردا على سؤال: the occasion of speaking; not the reason inside what was said
            # (رفع الرسوم يأتي ردا على …، أغلق المعبر ردا على …)
            return j
        if after_comma and _match_words(tokens, j, FI_WAQT):
            return j  # …، في وقت تحذر الأمم المتحدة …: another party's clause
        if (
            after_comma
            and PARTICIPLE_TAIL.fullmatch(tok.norm)
            and tok.norm not in arabic_lexicon().time_words  # مجددا، مؤخرا: adverbs of time
        ):
            return j  # …، معلقا على تراجع الليرة: the speaker's circumstance, not what was said
        if after_comma and any(_match_words(tokens, j, words) for words in OCCASION_TAILS):
            return j  # …، في خطوة تأتي غداة …، في أول تعليق له: the journalist's framing
        if tok.norm in AS_HE_PUT and j + 1 < limit and tokens[j + 1].norm in PUT_WORDS:
            # … للسعوديين على حد تعبيره: how it was said ends what was said
            return j - 1 if tok.norm == HADD and tokens[j - 1].norm == ALA else j
        if tok.norm in ("وهو", "وهي") and j + 1 < limit and tokens[j + 1].norm in APPOSITIVE_NOUNS:
            return j  # …، وهو عدد أقل من التقديرات، وهو إجراء يتم كل خمس سنوات
        if _match_words(tokens, j, FI_ALWAQT_ALLATHI):
            return j  # … في الوقت الذي زادت فيه التكهنات …: the journalist's context
        if after_comma and tok.norm == "كما" and j + 1 < limit and tokens[j + 1].norm in ANNA:
            return j  # …، كما أنه في نفس اليوم …
        if (
            tok.norm in CONCESSIVE | AFTER_WORDS
            and j + 1 < limit
            and (tokens[j + 1].norm in RIVAL_SPEECH or tokens[j + 1].norm in NOMINAL_CUES)
        ):
            if tok.norm == AQAB and tokens[j - 1].norm == match_form("في"):
                return j - 1  # … في أعقاب إشارة الرئيس إلى أن …
            return j  # … رغم إصرار الجمهوريين على أن …: another party's statement
        if (
            after_comma
            and tokens[j - 2].text in CLOSING_MARKS
            and tok.norm not in SECOND_COMPLEMENT
            and _opens_with_quote(tokens, start, j - 2)
        ):
            return j  # "…"، في إشارة إلى …: a content that is one quotation ends with it
        if (
            after_comma
            and tok.norm in AFTER_QUOTE_TAILS
            and j >= 2
            and tokens[j - 2].text in CLOSING_MARKS
        ):
            return j
    return limit


def _opens_with_quote(tokens: list[Token], start: int, close: int) -> bool:
    """The tokens from ``start`` to ``close`` are one quotation of three words or more (a
    shorter one is a phrase the sentence goes on with: "استراتيجية جديدة"، تهدف إلى …)."""
    return (
        sum(t.is_word for t in tokens[start + 1 : close]) >= 3
        and tokens[start].text in OPENING_QUOTES
        and all(t.in_quote for t in tokens[start + 1 : close])
    )


def _speech_verb_with_object(norm: str) -> bool:
    """تؤكده، نفته، ينفيه: a cue carrying the pronoun of what was said."""
    if not norm.endswith("ه"):
        return False
    stem = norm[:-2] if norm.endswith("وه") else norm[:-1]
    lex = arabic_lexicon()
    return bool(lex.cue(stem) or lex.cue(stem + "ا") or lex.cue(stem + "ي"))


def _single_quote(quotes: list[Quote], span: Span) -> Quote | None:
    for quote in quotes:
        if quote.start == span.start and quote.end >= span.end:
            return quote
    return None


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in "،,:؛;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,:؛;.…"):
        end -= 1
    return Span(start, end)
