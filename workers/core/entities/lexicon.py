"""Context words for discovery (``workers/data/entities/lexicon.json``), in matching form."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from workers.core.entities.kb import read_data_file
from workers.core.text import match_form


def _forms(words: list[str]) -> frozenset[str]:
    return frozenset(match_form(w) for w in words)


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    """Multi-word phrases as token tuples, longest first so the longest trigger wins."""
    return tuple(sorted({tuple(match_form(w).split()) for w in words}, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    ar_person_roles: tuple[tuple[str, ...], ...]
    ar_org_heads: frozenset[str]
    ar_media_heads: frozenset[str]
    ar_loc_heads: frozenset[str]
    ar_stop: frozenset[str]
    ar_common: frozenset[str]
    ar_role_complements: frozenset[str]
    en_honorifics: frozenset[str]
    en_person_titles: tuple[tuple[str, ...], ...]
    en_person_roles: frozenset[str]
    en_org_heads: frozenset[str]
    en_org_lead_words: frozenset[str]
    en_loc_heads: frozenset[str]
    en_reporting_verbs: frozenset[str]
    en_stop: frozenset[str]

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    @property
    def place_words(self) -> frozenset[str]:
        """Words after which a generated small town's name is accepted without evidence."""
        return self.ar_loc_heads | {"city", "town", "village", "province", "of"}


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    data = read_data_file("lexicon.json")
    return Lexicon(
        ar_person_roles=_phrases(data["ar_person_roles"]),
        ar_org_heads=_forms(data["ar_org_heads"]),
        ar_media_heads=_forms(data["ar_media_heads"]),
        ar_loc_heads=_forms(data["ar_loc_heads"]),
        ar_stop=_forms(data["ar_stop"]),
        ar_common=_forms(data["ar_common"]),
        ar_role_complements=_forms(data["ar_role_complements"]),
        en_honorifics=_forms([h.rstrip(".") for h in data["en_honorifics"]]),
        en_person_titles=_phrases([t.replace(".", "") for t in data["en_person_titles"]]),
        en_person_roles=_forms(data["en_person_roles"]),
        en_org_heads=_forms([h.rstrip(".") for h in data["en_org_heads"]]),
        en_org_lead_words=_forms(data["en_org_lead_words"]),
        en_loc_heads=_forms(data["en_loc_heads"]),
        en_reporting_verbs=_forms(data["en_reporting_verbs"]),
        en_stop=_forms(data["en_stop"]),
    )
