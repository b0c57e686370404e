"""The gender an English speaker mention gives away, for resolving ``he`` and ``she``.

Three signs, strongest first: an honorific (Mr. / Mrs. / Ms.), a gendered noun in the
mention (spokeswoman, congressman, wife), and the first name (``Hillary Clinton`` → f),
looked up in ``workers/data/claims/first_names_en.json`` — the pronoun the unlabelled news
feed uses after each first name (``bench/claims/first_name_genders.py``). Unknown stays
``None``: a resolver only skips a speaker whose gender is known and disagrees.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from schemas.models import Speaker
from workers.core.claims.lexicon import english_lexicon

_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*\.?")
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}
GENDERED_NOUNS = {
    **dict.fromkeys(
        (
            "spokeswoman",
            "congresswoman",
            "chairwoman",
            "businesswoman",
            "councilwoman",
            "woman",
            "wife",
            "mother",
            "daughter",
            "sister",
            "grandmother",
            "widow",
            "actress",
            "girl",
            "lady",
            "queen",
        ),
        "f",
    ),
    **dict.fromkeys(
        (
            "spokesman",
            "congressman",
            "businessman",
            "councilman",
            "man",
            "husband",
            "father",
            "son",
            "brother",
            "grandfather",
            "widower",
            "actor",
            "boy",
            "king",
        ),
        "m",
    ),
}
"""Nouns that name a woman or a man (``chairman`` is left out: it is used for women too)."""


@cache
def first_names() -> dict[str, str]:
    path = resources.files("workers.data").joinpath("claims/first_names_en.json")
    names: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["names"]
    return names


def speaker_gender(speaker: Speaker) -> str | None:
    """``m``, ``f`` or ``None`` for an English speaker (its mention, role and resolved name)."""
    mention = " ".join(filter(None, (speaker.text, speaker.role)))
    words = [w.casefold().rstrip("’'") for w in _WORD.findall(mention)]
    for word in words:
        if word in HONORIFICS:
            return HONORIFICS[word]
    for word in words:
        if word in GENDERED_NOUNS:
            return GENDERED_NOUNS[word]
    return _first_name_gender(speaker.name or "") or _first_name_gender(speaker.text)


def _first_name_gender(name: str) -> str | None:
    """The gender of the first capitalised word after any titles (``Sen. Marco Rubio``)."""
    titles = english_lexicon().title_words
    for word in _WORD.findall(name):
        low = word.casefold()
        if low in titles or low.rstrip(".") in titles:
            continue
        if not word[:1].isupper():
            return None  # a description (the senator), not a name
        return first_names().get(low.rstrip("."))
    return None
