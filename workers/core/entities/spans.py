"""Shared pieces of the entity stage: a field's text with its matching form and tokens,
mentions found in it, overlap resolution and ids for names the knowledge base lacks."""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from schemas.models import CleanArticle, Entity, Label, TextField
from workers.core.text import match_form, match_form_with_offsets

_MARKS = "\u0640\u064b-\u065f\u0670"
TOKEN = re.compile(rf"[\w{_MARKS}]+(?:['’\-][\w{_MARKS}]+)*|[^\w\s{_MARKS}]")
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")

token_form = lru_cache(maxsize=100_000)(match_form)
"""``match_form`` of a token: news repeats its words, so most tokens are normalised once."""


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def has_arabic(text: str) -> bool:
    return _ARABIC_CHAR.search(text) is not None


@dataclass(frozen=True, init=False)
class Token:
    start: int
    end: int
    text: str
    norm: str
    newline_before: bool = False

    def __init__(
        self, start: int, end: int, text: str, norm: str, newline_before: bool = False
    ) -> None:
        # One dict update instead of the frozen dataclass's five object.__setattr__ calls:
        # every field's tokens are built, so this is a hot path.
        self.__dict__.update(
            start=start, end=end, text=text, norm=norm, newline_before=newline_before
        )

    @property
    def is_word(self) -> bool:
        return is_word_char(self.text[0])

    @property
    def arabic(self) -> bool:
        return has_arabic(self.text)

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper()


@dataclass
class FieldText:
    """One text field (title or body) with everything the stages share about it."""

    field: TextField
    text: str
    lang: str = "und"

    @cached_property
    def _norm(self) -> tuple[str, list[int]]:
        return match_form_with_offsets(self.text)

    @property
    def norm(self) -> str:
        return self._norm[0]

    @property
    def offsets(self) -> list[int]:
        return self._norm[1]

    def source_span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        offsets = self.offsets
        return offsets[norm_start], offsets[norm_end - 1] + 1

    @cached_property
    def tokens(self) -> list[Token]:
        tokens: list[Token] = []
        previous_end = 0
        for found in TOKEN.finditer(self.text):
            gap = self.text[previous_end : found.start()]
            tokens.append(
                Token(
                    found.start(),
                    found.end(),
                    found.group(),
                    token_form(found.group()),
                    newline_before="\n" in gap or not tokens,
                )
            )
            previous_end = found.end()
        return tokens

    @cached_property
    def headline_case(self) -> bool:
        """Most longer words capitalised, as in 'Putin Seeks New Arms Deal With Kim'."""
        if self.field != TextField.TITLE:
            return False
        words = [t for t in self.tokens if t.is_word and len(t.text) > 3 and not t.arabic]
        if len(words) < 3:
            return False
        return sum(t.capitalized for t in words) / len(words) > 0.6


def article_fields(article: CleanArticle) -> list[FieldText]:
    return [
        FieldText(TextField.TITLE, article.title, article.lang),
        FieldText(TextField.BODY, article.body, article.lang),
    ]


@dataclass
class Mention:
    field: TextField
    start: int
    end: int
    label: Label
    entity_id: str
    name: str
    names: dict[str, str] = dataclasses.field(default_factory=dict)
    source: str = "kb"
    """kb, discovered, coref or model: where the mention came from."""
    confidence: float = 1.0

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Mention) -> bool:
        return self.field == other.field and self.start < other.end and other.start < self.end

    def contains(self, other: Mention) -> bool:
        return self.field == other.field and self.start <= other.start and other.end <= self.end

    def to_entity(self, text: str) -> Entity:
        return Entity(
            text=text[self.start : self.end],
            label=self.label,
            field=self.field,
            start=self.start,
            end=self.end,
            entity_id=self.entity_id,
            name=self.name,
            names=dict(self.names),
            confidence=round(self.confidence, 3),
        )


def longest_first(mentions: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longer ones winning, in text order."""
    ordered = sorted(mentions, key=lambda m: (-m.length, m.field, m.start))
    if any(m.end < m.start for m in ordered):
        return _longest_first_scan(ordered)
    chosen: list[Mention] = []
    # Per field, the chosen spans sorted by (start, end). They never overlap, so their ends
    # are sorted too: the only one a new span can overlap is the first ending after its start.
    starts_of: dict[TextField, list[int]] = {}
    ends_of: dict[TextField, list[int]] = {}
    for mention in ordered:
        starts = starts_of.setdefault(mention.field, [])
        ends = ends_of.setdefault(mention.field, [])
        k = bisect.bisect_right(ends, mention.start)
        if k < len(ends) and starts[k] < mention.end:
            continue
        starts.insert(k, mention.start)
        ends.insert(k, mention.end)
        chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.field != TextField.TITLE, m.start))


def _longest_first_scan(ordered: list[Mention]) -> list[Mention]:
    """``longest_first`` by pairwise checks, for spans the index above cannot order."""
    chosen: list[Mention] = []
    for mention in ordered:
        if not any(mention.overlaps(c) for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: (m.field != TextField.TITLE, m.start))


def name_language(text: str, article_lang: str) -> str:
    if has_arabic(text):
        return "ar"
    return article_lang if article_lang not in ("und", "ar", "") else "en"


def discovered_id(label: Label, name: str) -> str:
    """Stable id of a name the knowledge base lacks, so one unknown person or organisation
    aggregates across articles: ``nf:<label>:<hash of the matching form>``."""
    digest = hashlib.sha1(match_form(name).encode("utf-8")).hexdigest()[:16]
    return f"nf:{label.value.lower()}:{digest}"


def discovered_mention(
    ft: FieldText, start: int, end: int, label: Label, confidence: float, source: str
) -> Mention:
    text = ft.text[start:end]
    return Mention(
        field=ft.field,
        start=start,
        end=end,
        label=label,
        entity_id=discovered_id(label, text),
        name=text,
        names={name_language(text, ft.lang): text},
        source=source,
        confidence=confidence,
    )
