"""Context words for discovery (``workers/data/entities/lexicon.json``), in matching form."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from workers.core.entities.kb import DATA_PACKAGE, read_data_file
from workers.core.text import match_form

CUE_FILES = {"ar": "cues_ar.json", "en": "cues_en.json"}
"""The claim stage's reporting-verb lexicons: a discovered name never runs on into a cue."""


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
    ar_org_adjectives: frozenset[str] = frozenset()
    ar_reporting_verbs: frozenset[str] = frozenset()
    """قال، أكدت، اعتبر … (matching form, without the proclitic و/ف)."""

    def is_ar_reporting_verb(self, norm: str) -> bool:
        if norm in self.ar_reporting_verbs:
            return True
        return len(norm) > 3 and norm[0] in "وف" and norm[1:] in self.ar_reporting_verbs

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    @property
    def place_words(self) -> frozenset[str]:
        """Words after which a generated small town's name is accepted without evidence."""
        return self.ar_loc_heads | {"city", "town", "village", "province", "of"}


def _cue_forms(lang: str) -> list[str]:
    """Every inflected cue form. English keeps only -ed and -s verb forms that are not often
    nouns (claims, reports, states): after a capitalised run they mark it as a person."""
    raw = resources.files(DATA_PACKAGE).joinpath("claims", CUE_FILES[lang]).read_text("utf-8")
    data = json.loads(raw)
    forms = [form for verb in data["verbs"] for form in verb["forms"]]
    if lang == "en":
        nouny = set(data["noun_ambiguous"])
        forms = [f for f in forms if f not in nouny and f.endswith(("ed", "s"))]
    return forms


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
        en_reporting_verbs=_forms(data["en_reporting_verbs"] + _cue_forms("en")),
        en_stop=_forms(data["en_stop"]),
        ar_org_adjectives=_forms(data["ar_org_adjectives"]),
        ar_reporting_verbs=_forms(_cue_forms("ar")),
    )
