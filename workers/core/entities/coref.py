"""In-document coreference of short forms: once an article names ``فلاديمير بوتين`` or
``Pieter Jansen``, a later ``بوتين``, ``وكيم`` or ``Mr. Jansen`` is the same person.

Every word of a multi-word person name (as written in the article, and the knowledge-base names
in the same script) becomes a short form of that person, unless it is a particle, a stop word or
shared by two people in the article (then it is ambiguous and left alone). Arabic short forms may
carry proclitics; English ones must be capitalised.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from schemas.models import Label
from workers.core.entities.discovery import NAME_PARTICLES, arabic_variants
from workers.core.entities.discovery import skip_letters as _skip_letters
from workers.core.entities.lexicon import Lexicon
from workers.core.entities.spans import (
    TOKEN,
    FieldText,
    Mention,
    has_arabic,
    is_word_char,
    token_form,
)
from workers.core.text import match_form

EN_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "la", "le"})


@dataclass
class ShortFormResolver:
    lexicon: Lexicon = field(default_factory=Lexicon.default)

    def find(self, fields: Sequence[FieldText], mentions: Sequence[Mention]) -> list[Mention]:
        short_forms = self._short_forms(fields, mentions)
        if not short_forms:
            return []
        found: list[Mention] = []
        for ft in fields:
            taken = sorted((m.start, m.end) for m in mentions if m.field == ft.field)
            starts = [s for s, _ in taken]
            # The regex scan instead of ft.tokens: only capitalised and Arabic words can be
            # short forms, so the other tokens are never built or normalised.
            for word in TOKEN.finditer(ft.text):
                text = word.group()
                if not is_word_char(text[0]):
                    continue
                arabic = has_arabic(text)
                if not (arabic or text[0].isupper()):
                    continue  # an English short form is capitalised
                norm = token_form(text)
                target = self._resolve(norm, arabic, short_forms)
                if target is None:
                    continue
                start, end = word.span()
                k = bisect.bisect_right(starts, start) - 1
                if k >= 0 and taken[k][1] > start:
                    continue  # inside a mention already
                if arabic:
                    # The proclitics are the letters the matched short form does not cover.
                    start += _skip_letters(text, max(0, len(norm) - len(target[1])))
                elif text.endswith(("'s", "’s")):
                    end -= 2
                person = target[0]
                found.append(
                    Mention(
                        field=ft.field,
                        start=start,
                        end=end,
                        label=Label.PERSON,
                        entity_id=person.entity_id,
                        name=person.name,
                        names=dict(person.names),
                        source="coref",
                        confidence=min(person.confidence, 0.9),
                    )
                )
        return _join_adjacent(fields, found)

    def relink(self, fields: Sequence[FieldText], mentions: list[Mention]) -> list[Mention]:
        """A one-word person found on its own (``Mr. Berg``) that is a short form of a longer
        name in the article takes that person's id."""
        forms = self._short_forms(fields, mentions)
        texts = {ft.field: ft.text for ft in fields}
        for mention in mentions:
            if mention.label != Label.PERSON or mention.source == "kb":
                continue
            words = match_form(texts[mention.field][mention.start : mention.end]).split()
            if len(words) != 1:
                continue
            target = forms.get(words[0].removesuffix("'s"))
            if target is not None and target.entity_id != mention.entity_id:
                mention.entity_id = target.entity_id
                mention.name = target.name
                mention.names = dict(target.names)
                mention.source = "coref"
        return mentions

    def _short_forms(
        self, fields: Sequence[FieldText], mentions: Sequence[Mention]
    ) -> dict[str, Mention | None]:
        texts = {ft.field: ft.text for ft in fields}
        forms: dict[str, Mention | None] = {}
        lex = self.lexicon
        for mention in mentions:
            if mention.label != Label.PERSON:
                continue
            written = texts[mention.field][mention.start : mention.end]
            script_arabic = has_arabic(written)
            same_script = [n for n in mention.names.values() if has_arabic(n) == script_arabic]
            sources = [written, *same_script]
            for source in sources:
                words = match_form(source).split()
                if len(words) < 2:
                    continue
                for word in words:
                    word = word.removesuffix("'s")
                    if (
                        len(word) < (3 if script_arabic else 2)
                        or word in NAME_PARTICLES
                        or word in EN_PARTICLES
                        or word in lex.ar_stop
                        or word in lex.en_stop
                        or word in lex.ar_common
                    ):
                        continue
                    previous = forms.get(word, mention)
                    if previous is not None and previous.entity_id != mention.entity_id:
                        forms[word] = None  # two people share it: ambiguous
                    else:
                        forms[word] = mention
        return forms

    def _resolve(
        self, norm: str, arabic: bool, forms: dict[str, Mention | None]
    ) -> tuple[Mention, str] | None:
        if not arabic:
            candidate = norm.removesuffix("'s")
            mention = forms.get(candidate)
            return (mention, candidate) if mention is not None else None
        for candidate in _longest_variants_first(norm):
            mention = forms.get(candidate)
            if mention is not None:
                return mention, candidate
        return None


@lru_cache(maxsize=50_000)
def _longest_variants_first(norm: str) -> tuple[str, ...]:
    """``arabic_variants`` of a token, longest first (computed once per word form)."""
    return tuple(sorted(arabic_variants(norm), key=len, reverse=True))


def _join_adjacent(fields: Sequence[FieldText], found: list[Mention]) -> list[Mention]:
    """``Pieter`` + ``Jansen`` resolved separately but written together are one mention."""
    texts = {ft.field: ft.text for ft in fields}
    joined: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.field, m.start)):
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.field == mention.field
            and previous.entity_id == mention.entity_id
            and not texts[mention.field][previous.end : mention.start].strip()
        ):
            previous.end = mention.end
            continue
        joined.append(mention)
    return joined
