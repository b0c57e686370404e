"""Dictionary entity extractor: knowledge-base names matched on the matching form with
Aho-Corasick, Arabic proclitics (و ف ب ل ك ال) allowed before a name."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick

from schemas.models import CleanArticle, Entity, Label, TextField
from workers.core.text import match_form, match_form_with_offsets

ARABIC_PROCLITICS = (
    "",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "ال",
    "وال",
    "بال",
    "لل",
    "ول",
    "وب",
    "فال",
    "ولل",
)


@dataclass(frozen=True)
class KBEntry:
    entity_id: str
    label: Label
    names: dict[str, str]
    aliases: tuple[str, ...] = ()

    def all_names(self) -> Iterable[str]:
        yield from self.names.values()
        yield from self.aliases

    @property
    def canonical(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()))


@dataclass
class KnowledgeBase:
    entries: dict[str, KBEntry] = field(default_factory=dict)

    @classmethod
    def bundled(cls) -> KnowledgeBase:
        raw = resources.files("workers.data").joinpath("kb.json").read_text(encoding="utf-8")
        kb = cls()
        for item in json.loads(raw):
            kb.add(
                KBEntry(
                    entity_id=item["id"],
                    label=Label(item["label"]),
                    names=item["names"],
                    aliases=tuple(item.get("aliases", ())),
                )
            )
        return kb

    def add(self, entry: KBEntry) -> None:
        self.entries[entry.entity_id] = entry


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass
class GazetteerExtractor:
    kb: KnowledgeBase
    name: str = "gazetteer"

    def __post_init__(self) -> None:
        self._automaton = ahocorasick.Automaton()
        for entry in self.kb.entries.values():
            for surface in entry.all_names():
                key = match_form(surface)
                if not key:
                    continue
                for variant, clitic_len in _clitic_variants(key):
                    existing = self._automaton.get(variant, None)
                    if existing is None or existing[2] < len(key):
                        self._automaton.add_word(
                            variant, (entry.entity_id, len(variant), clitic_len)
                        )
        if len(self._automaton):
            self._automaton.make_automaton()

    def __call__(self, article: CleanArticle) -> list[Entity]:
        found: list[Entity] = []
        for field_name, text in ((TextField.TITLE, article.title), (TextField.BODY, article.body)):
            found.extend(self._scan(field_name, text))
        return found

    def _scan(self, field_name: TextField, text: str) -> list[Entity]:
        if not len(self._automaton):
            return []
        norm, offsets = match_form_with_offsets(text)
        spans: list[tuple[int, int, str]] = []
        for end_index, (entity_id, variant_len, clitic_len) in self._automaton.iter(norm):
            start_index = end_index - variant_len + 1
            if start_index > 0 and _is_word_char(norm[start_index - 1]):
                continue
            if end_index + 1 < len(norm) and _is_word_char(norm[end_index + 1]):
                continue
            spans.append((start_index + clitic_len, end_index + 1, entity_id))
        # Longest match wins where spans overlap.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        entities: list[Entity] = []
        last_end = -1
        for start, end, entity_id in spans:
            if start < last_end:
                continue
            last_end = end
            entry = self.kb.entries[entity_id]
            src_start, src_end = offsets[start], offsets[end - 1] + 1
            entities.append(
                Entity(
                    text=text[src_start:src_end],
                    label=entry.label,
                    field=field_name,
                    start=src_start,
                    end=src_end,
                    entity_id=entry.entity_id,
                    name=entry.canonical,
                    names=dict(entry.names),
                )
            )
        return entities


def _clitic_variants(key: str) -> list[tuple[str, int]]:
    """The key and its forms with Arabic proclitics attached (ل + ال → لل)."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in key):
        return [(key, 0)]
    variants = [(key, 0)]
    for clitic in ARABIC_PROCLITICS[1:]:
        if clitic.endswith("ال"):
            continue  # only names without their own article take a clitic article
        if clitic.endswith("ل") and key.startswith("ال"):
            variants.append((clitic + key[1:], len(clitic)))  # ل + الأمم → للأمم
        else:
            variants.append((clitic + key, len(clitic)))
    return variants
