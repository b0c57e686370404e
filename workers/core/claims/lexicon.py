"""Reporting-cue lexicons (``workers/data/claims/cues_*.json``), loaded once.

Cues are single inflected words (plus a few fixed phrases such as وفقا لـ / according to), so
they are looked up per token in a dict keyed by the matching form; the multi-word lists
(markers, particles) are kept as tuples of matching-form words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from schemas.models import Stance
from workers.core.text import match_form

Words = tuple[str, ...]


def _words(phrase: str) -> Words:
    return tuple(match_form(phrase.replace("ـ", "")).split())


@dataclass(frozen=True)
class ArabicCue:
    lemma: str
    stance: Stance
    tag: str
    """m / f (singular: subject may follow), p (plural or dual: pronoun subject),
    part (participle: continues the subject of its sentence)."""
    markers: tuple[Words, ...]
    """Extra words that open the content (إلى أن, من, عن …), besides complementizers and ':'."""
    noun_content: bool
    """The content may be a bare noun phrase (نفى X تبادل الأسلحة, اتهم X Y بـ …)."""
    relay: bool
    """نقل … عن: the subject is the outlet, the speaker follows عن."""
    ba_content: bool = False
    """With no complementizer, the content may start at a word glued to ب (طالبوا بالإفراج،
    أفادت تقارير بغرق، متعهدا بعدم الموافقة)."""
    object_ba: bool = False
    """CUE SPEAKER OBJECT بـCHARGE: the content is the object and its charge (اتهم، هدد)."""
    present: bool = False
    """يقول، تحذر: a subject before it is the speaker (ترامب يحذر روحاني من …)."""
    impersonal_present: bool = False
    """Its present form with no subject before a complementizer is the impersonal passive
    (يذكر أن، ويتوقع أن): the journalist's voice, not a claim."""
    colon_only: bool = False
    """A cue only before a colon (وزادت الصحيفة: …), never before أن (زادت التكهنات بأن)."""
    object_pronoun: bool = False
    """Its object is a suffixed pronoun (واتهمتها بانتهاك …، وصفه المدرب بأنه …): the charge
    may come right after the verb."""
    marker_only: bool = False
    """A cue only before one of its markers (ألقى/أنحى باللائمة على …), never before أن, a
    colon or a quotation: the verb alone means something else (ألقى كلمة)."""
    subject_heads: frozenset[str] = frozenset()
    """When given, a cue only with one of these words right after it as its subject
    (تحدثت تقارير/وسائل إعلام/مصادر عن …: reports of an event, not تحدث الوزير عن أهمية …)."""
    max_zone: int | None = None
    """A cue only when its own complementizer comes within this many tokens: أظهرت دراسة
    أن … (showed that), not the intransitive يظهر اسم المهاجم …، بعد أن … (appears)."""
    feeling_nouns: frozenset[str] = frozenset()
    """Marker-only cues whose marker is عن + one of these (with its pronoun) + a
    complementizer: أعرب عن ثقته بأن … states a belief; أعرب عن حزنه only a feeling."""
    charge_nouns: frozenset[str] = frozenset()
    """For ``object_ba`` cues whose charge is a word, not a ب-word: حمّل X Y مسؤولية …."""

    @property
    def pronoun_subject(self) -> bool:
        return self.tag in ("p", "part")


OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")


@dataclass(frozen=True)
class ArabicLexicon:
    cues: dict[str, ArabicCue]
    complementizers: frozenset[str]
    according_to: tuple[Words, ...]
    relay_speech_nouns: frozenset[str]
    outlet_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    platform_names: tuple[Words, ...]
    """تويتر، فيس بوك …: where a statement was posted, as its source."""
    account_nouns: frozenset[str]
    """حساب، صفحة، موقع …: an account or site a statement was posted on."""
    role_nouns: frozenset[str]
    role_continuations: frozenset[str]
    time_words: frozenset[str]
    time_phrases: tuple[Words, ...]
    clause_particles: tuple[Words, ...]
    clause_openers: tuple[Words, ...]
    """Discourse connectors after which a bare verb starts a new attribution (كما، فيما …)."""
    pp_openers: tuple[Words, ...]
    audience_nouns: frozenset[str]
    deny_content_openers: frozenset[str]
    cataphora: tuple[Words, ...]
    """هكذا / بهذه العبارة + CUE: the speaker of the quotation just before."""
    not_sources: frozenset[str]
    outlet_names: dict[str, tuple[Words, ...]] = field(default_factory=dict)
    """BBC, Reuters, CNN …, by first word: the rest of each name (لبي بي سي، لرويترز)."""
    speaker_stops: frozenset[str] = frozenset()
    """Words that end a speaker noun phrase (بعد، عندما، ردا، الذي، والتي)."""
    marker_cues: dict[str, ArabicCue] = field(default_factory=dict)
    """Verbs that are cues only before a marker (ألقى/أنحى باللائمة): ordinary words to every
    rule that asks whether a word is a cue (ألقى كلمة …، قال فيها)."""

    def marker_cue(self, norm: str) -> tuple[ArabicCue, int] | None:
        """The marker-only cue a token spells, and its proclitic letters (و/ف)."""
        return _with_conjunction(self.marker_cues, norm)

    def cue(self, norm: str) -> tuple[ArabicCue, int] | None:
        """The cue a token spells, and how many proclitic letters (و/ف) precede it."""
        spelled = _with_conjunction(self.cues, norm)
        if spelled:
            return spelled
        if len(norm) > 4 and norm[0] == "ل" and norm[1] in "يت":
            # ليقول الرئيس: / ليضيف: a present cue after the lam of purpose or sequence.
            found = self.cues.get(norm[1:])
            if found and found.present:
                return found, 1
        return self._with_object_pronoun(norm)

    def _with_object_pronoun(self, norm: str) -> tuple[ArabicCue, int] | None:
        """واتهمتها، وصفه: an accusation or description verb with its object as a pronoun."""
        for suffix in OBJECT_PRONOUNS:
            stem = norm[: -len(suffix)]
            if not norm.endswith(suffix) or len(stem) < 3:
                continue
            found = self.cues.get(stem)
            clitic = 0
            if found is None and len(stem) > 3 and stem[0] in "وف":
                found, clitic = self.cues.get(stem[1:]), 1
            if found is not None and found.object_ba and found.tag in ("m", "f", "p"):
                return replace(found, object_pronoun=True), clitic
        return None


@dataclass(frozen=True)
class EnglishCue:
    lemma: str
    stance: Stance
    takes_object: bool
    noun_content: bool
    quote_only: bool = False
    """A cue only right after a quotation (“…,” the man shouted; “…,” she charged)."""


@dataclass(frozen=True)
class EnglishLexicon:
    cues: dict[str, EnglishCue]
    according_to: tuple[Words, ...]
    citing: frozenset[str]
    modal_blockers: frozenset[str]
    pronouns: dict[str, str]
    outlet_nouns: frozenset[str]
    channel_nouns: frozenset[str]
    role_nouns: frozenset[str]
    group_nouns: frozenset[str]
    title_words: frozenset[str]
    time_modifiers: tuple[Words, ...]
    noun_ambiguous: frozenset[str]
    """Forms that are often nouns (forecast, claims, calls) or acts (rejected the offer): cues
    only before that/:/a quotation."""
    infinitive_content: frozenset[str] = frozenset()
    """Lemmas whose content may be an infinitive (vowed to fight, pledged to cut taxes)."""


def _load(name: str) -> dict[str, Any]:
    raw = resources.files("workers.data").joinpath("claims", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _with_conjunction(table: dict[str, ArabicCue], norm: str) -> tuple[ArabicCue, int] | None:
    """The entry a token spells as it is or after a و/ف conjunction, with the letters cut."""
    found = table.get(norm)
    if found:
        return found, 0
    if (len(norm) > 3 or norm[1:] in CONJOINED_SHORT_CUES) and norm[0] in "وف":
        found = table.get(norm[1:])
        if found:
            return found, 1
    return None


# Two-letter cues a conjunction may precede (وحث). Not رد: ورد is "was mentioned".
CONJOINED_SHORT_CUES = frozenset({match_form("حث")})


def _by_first_word(phrases: list[str]) -> dict[str, tuple[Words, ...]]:
    rests: dict[str, list[Words]] = {}
    for phrase in phrases:
        first, *rest = _words(phrase)
        rests.setdefault(first, []).append(tuple(rest))
    return {first: tuple(found) for first, found in rests.items()}


def _norm_set(items: list[str]) -> frozenset[str]:
    return frozenset(match_form(item) for item in items)


def _complementizers(forms: list[str], suffixes: list[str]) -> frozenset[str]:
    """The listed forms and every bare إن/أن/بأن with each attached pronoun: the pronoun is
    the subject of the reported clause whoever it refers to (إنهن، أنك، بأنكم), so no form
    is left out by accident of which ones the tuning articles used."""
    bases = [form for form in forms if form in ("إن", "أن", "بأن")]
    return _norm_set(forms + [base + suffix for base in bases for suffix in suffixes])


def _with_pronouns(nouns: list[str]) -> frozenset[str]:
    """Each noun with each possessive pronoun (أمله، ثقتها، شكوكهم), in matching form."""
    forms: list[str] = []
    for noun in nouns:
        stem = noun[:-1] + "ت" if noun.endswith("ة") else noun
        forms.extend(stem + suffix for suffix in ("ه", "ها", "هم", "هما", "هن"))
    return _norm_set(forms)


@cache
def arabic_lexicon() -> ArabicLexicon:
    data = _load("cues_ar.json")
    cues: dict[str, ArabicCue] = {}
    marker_cues: dict[str, ArabicCue] = {}
    impersonal = set(data.get("impersonal_present", ()))
    for verb in data["verbs"]:
        markers = tuple(_words(m) for m in verb.get("markers", ()))
        for form, tag in verb["forms"].items():
            # يذكر، تتوقع، تقدر (not the past توقع، توقعت)
            prefixed = form[:1] == "ي" or (form[:1] == "ت" and form[:2] != verb["lemma"][:2])
            present = prefixed and verb["lemma"] in impersonal
            tense_present = prefixed and tag in ("m", "f", "p")
            table = marker_cues if verb.get("marker_only") else cues
            table[match_form(form)] = ArabicCue(
                lemma=verb["lemma"],
                stance=Stance(verb["stance"]),
                tag=tag,
                markers=markers,
                noun_content=bool(verb.get("noun_content")),
                relay=bool(verb.get("relay")),
                ba_content=bool(verb.get("ba_content")),
                object_ba=bool(verb.get("object_ba")),
                present=tense_present,
                impersonal_present=present,
                colon_only=bool(verb.get("colon_only")),
                max_zone=verb.get("max_zone"),
                marker_only=bool(verb.get("marker_only")),
                subject_heads=_norm_set(verb.get("subject_heads", [])),
                feeling_nouns=_with_pronouns(verb.get("feeling_nouns", [])),
                charge_nouns=_norm_set(verb.get("charge_nouns", [])),
            )
    time_words = data["time_words"]
    return ArabicLexicon(
        cues=cues,
        complementizers=_complementizers(data["complementizers"], data["complementizer_suffixes"]),
        according_to=tuple(_words(p) for p in data["according_to"]),
        relay_speech_nouns=_norm_set(data["relay_speech_nouns"]),
        outlet_nouns=_norm_set(data["outlet_nouns"]),
        outlet_names=_by_first_word(data["outlet_names"]),
        channel_nouns=_norm_set(data["channel_nouns"]),
        platform_names=tuple(_words(p) for p in data["platform_names"]),
        account_nouns=_norm_set(data["account_nouns"]),
        role_nouns=_norm_set(data["role_nouns"]),
        role_continuations=_norm_set(data["role_continuations"]),
        time_words=_norm_set([w for w in time_words if " " not in w]),
        time_phrases=tuple(_words(w) for w in time_words if " " in w),
        clause_particles=tuple(
            sorted((_words(p) for p in data["clause_particles"]), key=len, reverse=True)
        ),
        clause_openers=tuple(
            sorted((_words(p) for p in data["clause_openers"]), key=len, reverse=True)
        ),
        pp_openers=tuple(_words(p) for p in data["pp_openers"]),
        audience_nouns=_norm_set(data["audience_nouns"]),
        deny_content_openers=_norm_set(data["deny_content_openers"]),
        cataphora=tuple(_words(p) for p in data["cataphora"]),
        not_sources=_norm_set(data["not_sources"]),
        speaker_stops=_norm_set(data.get("speaker_stops", [])),
        marker_cues=marker_cues,
    )


@cache
def english_lexicon() -> EnglishLexicon:
    data = _load("cues_en.json")
    cues: dict[str, EnglishCue] = {}
    for verb in data["verbs"]:
        for form in verb["forms"]:
            cues[form] = EnglishCue(
                lemma=verb["lemma"],
                stance=Stance(verb["stance"]),
                takes_object=bool(verb.get("takes_object")),
                noun_content=bool(verb.get("noun_content")),
                quote_only=bool(verb.get("quote_only")),
            )
    return EnglishLexicon(
        cues=cues,
        according_to=tuple(tuple(p.split()) for p in data["according_to"]),
        citing=frozenset(data["citing"]),
        modal_blockers=frozenset(data["modal_blockers"]),
        pronouns=dict(data["pronouns"]),
        outlet_nouns=frozenset(data["outlet_nouns"]),
        channel_nouns=frozenset(data["channel_nouns"]),
        role_nouns=frozenset(data["role_nouns"]),
        group_nouns=frozenset(data["group_nouns"]),
        title_words=frozenset(data["title_words"]),
        time_modifiers=tuple(tuple(p.split()) for p in data["time_modifiers"]),
        noun_ambiguous=frozenset(data["noun_ambiguous"]),
        infinitive_content=frozenset(data.get("infinitive_content", ())),
    )


BROKEN_PLURAL_HEADS = frozenset(
    match_form(w)
    for w in ("خبراء", "نواب", "قادة", "سكان", "أعضاء", "مصادر", "نشطاء", "شهود", "أطباء", "عمال")
)


def plural_head(norm: str) -> bool:
    """A plural noun heading a group (مسؤولون، محللين، خبراء، النواب), in matching form."""
    bare = norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm
    return (bare.endswith(("ون", "ين")) and bare != "امين") or bare in BROKEN_PLURAL_HEADS
