"""Dictionary matching of knowledge-base names with Aho-Corasick on the matching form.

- Arabic proclitics may stand before a name inside the same word: و ف ب ل ك and their
  combinations (وب، ول، فب، فل، وك…). Before a name with the article, ل fuses with it
  (ل + الأمم → للأمم); that form is matched as its own key and the mention keeps the ل, since
  removing it would not leave the name as written.
- Word boundaries: a name must start at a word start (after any proclitics) and end at a word
  end, in both scripts.
- Case: a Latin-script name written with capitals only matches capitalised text, and an
  acronym only matches upper-case text (``US`` is not ``us``; ``WHO`` is not ``Who``).
- Ambiguity: a name several entries share (``طرابلس``, ``Georgia``, ``عمان``) goes to the
  candidate whose country the document otherwise mentions, else to the most prominent one. A
  generated city of under a million people is only accepted with such evidence or after a
  place word (``مدينة``, ``city of``), which keeps small towns named like common words out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import ahocorasick

from schemas.models import CleanArticle, Entity, Label
from workers.core.entities.kb import KBEntry, KnowledgeBase, Surface
from workers.core.entities.lexicon import Lexicon
from workers.core.entities.spans import (
    FieldText,
    Mention,
    article_fields,
    has_arabic,
    is_word_char,
    longest_first,
)

ARTICLE_PROCLITICS = frozenset({"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"})
"""What may precede a name that has its own article (ل fuses instead: see above)."""
PROCLITICS = ARTICLE_PROCLITICS | {"ل", "ول", "فل"}
_NEXT_WORD = re.compile(r"[ ]+(\w+)")
_SENTENCE_BREAKS = frozenset({".", "!", "?", ":", "\n", '"', "—"})
FUSED_PROCLITICS = frozenset({"", "و", "ف"})
SMALL_CITY_PRIOR = 1.01
"""Priors of generated cities are 1 + population / 1e8: below this, under a million people."""


@dataclass(frozen=True)
class _Hit:
    norm_start: int
    norm_end: int
    key: str


@dataclass
class GazetteerMatcher:
    kb: KnowledgeBase
    lexicon: Lexicon = field(default_factory=Lexicon.default)

    def __post_init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, list[tuple[str, bool]]] = {}
        for key in self.kb:
            forms.setdefault(key, []).append((key, False))
            if key.startswith("ال") and len(key) > 3:
                forms.setdefault("ل" + key[1:], []).append((key, True))
        for form, values in forms.items():
            self._automaton.add_word(form, (len(form), tuple(values)))
        if forms:
            self._automaton.make_automaton()

    def find(self, fields: Sequence[FieldText]) -> list[Mention]:
        hits = [(ft, hit) for ft in fields for hit in self._hits(ft)]
        candidates = {
            (ft.field, hit.norm_start, hit.norm_end): self._compatible(ft, hit) for ft, hit in hits
        }
        evidence = self._evidence(candidates.values())
        mentions = []
        towns: list[tuple[FieldText, _Hit, list[Surface]]] = []
        for ft, hit in hits:
            surfaces = candidates[(ft.field, hit.norm_start, hit.norm_end)]
            chosen = self._choose(ft, hit, surfaces, evidence)
            if chosen is None:
                towns.append((ft, hit, surfaces))
                continue
            mentions.append(self._mention(ft, hit, *chosen))
        mentions.extend(self._coordinated_towns(towns, mentions))
        return longest_first(mentions)

    def _mention(self, ft: FieldText, hit: _Hit, surface: Surface, entry: KBEntry) -> Mention:
        start, end = ft.source_span(hit.norm_start, hit.norm_end)
        return Mention(
            field=ft.field,
            start=start,
            end=end,
            label=surface.label,
            entity_id=entry.entity_id,
            name=entry.canonical,
            names=dict(entry.names),
            source="kb",
        )

    def _coordinated_towns(
        self,
        rejected: list[tuple[FieldText, _Hit, list[Surface]]],
        accepted: list[Mention],
    ) -> list[Mention]:
        """A smaller city listed with an accepted place (``Antwerp and Hamburg``, ``أنتويرب
        وهامبورغ``) is a place too: the list is its evidence."""
        found: list[Mention] = []
        places = [m for m in accepted if m.label == Label.LOC]
        for ft, hit, surfaces in rejected:
            towns = [
                (s, self.kb.entries[s.entity_id])
                for s in surfaces
                if s.label == Label.LOC and self.kb.entries[s.entity_id].kind == "city"
            ]
            if not towns:
                continue
            start, end = ft.source_span(hit.norm_start, hit.norm_end)
            if any(_listed_together(ft.text, start, end, p) for p in places if p.field == ft.field):
                found.append(self._mention(ft, hit, *towns[0]))
        # Once listed as a place, the same town is one wherever else the article names it.
        listed = {m.entity_id for m in found}
        for ft, hit, surfaces in rejected:
            same = [s for s in surfaces if s.entity_id in listed]
            mention = (
                self._mention(ft, hit, same[0], self.kb.entries[same[0].entity_id])
                if same
                else None
            )
            if mention is not None and not any(m.overlaps(mention) for m in found):
                found.append(mention)
        return found

    def _hits(self, ft: FieldText) -> list[_Hit]:
        norm = ft.norm
        if not norm or not len(self._automaton):
            return []
        found = []
        for end_index, (form_len, values) in self._automaton.iter(norm):
            start, end = end_index - form_len + 1, end_index + 1
            if end < len(norm) and is_word_char(norm[end]):
                continue
            word_start = start
            while word_start > 0 and is_word_char(norm[word_start - 1]):
                word_start -= 1
            prefix = norm[word_start:start]
            for key, fused in values:
                if prefix and not has_arabic(key):
                    continue
                if fused:
                    allowed = FUSED_PROCLITICS
                elif key.startswith("ال"):
                    allowed = ARTICLE_PROCLITICS
                else:
                    allowed = PROCLITICS
                if prefix in allowed:
                    found.append(_Hit(start, end, key))
        # Overlapping hits: keep the longest, so "مجلس الأمن التابع للأمم المتحدة" is one name.
        found.sort(key=lambda h: (-(h.norm_end - h.norm_start), h.norm_start))
        kept: list[_Hit] = []
        taken = [False] * (len(norm) + 1)
        for hit in found:
            if any(taken[hit.norm_start : hit.norm_end]):
                continue
            for i in range(hit.norm_start, hit.norm_end):
                taken[i] = True
            kept.append(hit)
        return kept

    def _compatible(self, ft: FieldText, hit: _Hit) -> list[Surface]:
        start, end = ft.source_span(hit.norm_start, hit.norm_end)
        written = ft.text[start:end]
        return [s for s in self.kb.candidates(hit.key) if case_compatible(written, s)]

    def _evidence(self, candidate_lists: object) -> set[str]:
        """Countries (ISO codes) and entity ids the document mentions unambiguously."""
        evidence: set[str] = set()
        for surfaces in candidate_lists:  # type: ignore[attr-defined]
            ids = {s.entity_id for s in surfaces}
            if len(ids) != 1:
                continue
            entry = self.kb.entries[next(iter(ids))]
            if entry.prior < SMALL_CITY_PRIOR and entry.kind == "city" and entry.generated:
                continue  # a small town is no evidence for itself or its country
            evidence.add(entry.entity_id)
            if entry.country:
                evidence.add(entry.country)
        return evidence

    def _choose(
        self, ft: FieldText, hit: _Hit, surfaces: list[Surface], evidence: set[str]
    ) -> tuple[Surface, KBEntry] | None:
        after_place_word = self._after_place_word(ft, hit)
        inside_longer_name = self._between_capitals(ft, hit)
        acceptable = []
        for surface in surfaces:
            entry = self.kb.entries[surface.entity_id]
            if entry.generated and inside_longer_name and surface.label != Label.NORP:
                continue  # "Wells Fargo", "Alaska Airlines": a place inside another name
            small_town = entry.generated and entry.kind == "city" and entry.prior < SMALL_CITY_PRIOR
            if small_town and not after_place_word and entry.country not in evidence:
                continue
            acceptable.append((surface, entry))
        if not acceptable:
            return None
        for surface, entry in acceptable:
            if entry.entity_id in evidence or (entry.country and entry.country in evidence):
                return surface, entry
        return acceptable[0]

    def _between_capitals(self, ft: FieldText, hit: _Hit) -> bool:
        """A Latin-script name right after or before another capitalised word is probably
        part of a longer name (not in headline-cased titles, where every word is capitalised
        and not after a sentence's first word)."""
        start, end = ft.source_span(hit.norm_start, hit.norm_end)
        text = ft.text
        if has_arabic(text[start:end]) or ft.headline_case:
            return False
        after = _NEXT_WORD.match(text, end)
        if (
            after
            and after.group(1)[0].isupper()
            and after.group(1).lower() not in self.lexicon.en_stop
        ):
            return True
        before = _previous_word(text, start)
        if before is None or not text[before[0]].isupper():
            return False
        if text[before[0] : before[1]].lower() in self.lexicon.en_stop:
            return False
        preceding = before[0]  # what precedes it, spaces skipped (no copy of the text)
        while preceding > 0 and text[preceding - 1] == " ":
            preceding -= 1
        return preceding > 0 and text[preceding - 1] not in _SENTENCE_BREAKS

    def _after_place_word(self, ft: FieldText, hit: _Hit) -> bool:
        before = ft.norm[: hit.norm_start].rstrip().rsplit(" ", 1)[-1]
        return before in self.lexicon.place_words


def _previous_word(text: str, end: int) -> tuple[int, int] | None:
    r"""Span of the word before the spaces that end ``text[:end]`` (a final line break may
    follow them), as ``re.search(r"(\w+)[ ]+$", text[:end])`` finds it, without scanning
    the text from its start for every name."""
    stop = end - 1 if end > 0 and text[end - 1] == "\n" else end
    word_end = stop
    while word_end > 0 and text[word_end - 1] == " ":
        word_end -= 1
    if word_end == stop:
        return None
    word_start = word_end
    while word_start > 0 and is_word_char(text[word_start - 1]):
        word_start -= 1
    return (word_start, word_end) if word_start < word_end else None


_LIST_JOINT = re.compile(r"\s*(?:,|،|and|or|&|و|أو)?\s*(?:و|ف)?")


def _listed_together(text: str, start: int, end: int, place: Mention) -> bool:
    """Whether ``text[start:end]`` and ``place`` are neighbours in a list."""
    if place.start >= end:
        between = text[end : place.start]
    elif place.end <= start:
        between = text[place.end : start]
    else:
        return False
    return len(between) <= 6 and bool(between.strip()) and bool(_LIST_JOINT.fullmatch(between))


def case_compatible(written: str, surface: Surface) -> bool:
    """Whether text as written may be this Latin-script surface (Arabic has no case)."""
    if not any(ch.isupper() for ch in surface.text):
        return True
    if surface.acronym:
        letters = [ch for ch in written if ch.isalpha()]
        return all(ch.isupper() for ch in letters)
    for want, got in zip(surface.text.split(), written.split(), strict=False):
        if want[:1].isupper() and got[:1].islower():
            return False
    return True


@dataclass
class GazetteerExtractor:
    """Knowledge-base names only (no discovery or coreference): the cheapest extractor."""

    kb: KnowledgeBase
    name: str = "gazetteer"

    def __post_init__(self) -> None:
        self._matcher = GazetteerMatcher(self.kb)

    def __call__(self, article: CleanArticle) -> list[Entity]:
        fields = article_fields(article)
        texts = {ft.field: ft.text for ft in fields}
        return [m.to_entity(texts[m.field]) for m in self._matcher.find(fields)]
