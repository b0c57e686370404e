"""Generate Elasticsearch mappings and index templates from the document models.

Type mapping: ``x-elasticsearch`` metadata on a field wins; otherwise str → keyword,
int → long, float → float, bool → boolean, datetime → date, nested models → object.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.documents import (
    ArticleDocument,
    ClaimDocument,
    FeedPollDocument,
    language_fields,
    upgrade_article_source,
)

ARABIC_PROCLITICS = "^(?=[وفبكل])(?:[وف]?[بك]ال|و?لل|و?[بكل]|و){1,255}(?=\\p{L}{3})"
"""Prepositions بـ لـ كـ (with وَ before them) and leftovers of clitic chains that Lucene's light
stemmer does not take off (it removes one prefix of ال/وال/بال/كال/فال/لل/و): لترامب, باتفاق,
وبالسعودية, وللصين, and the و of الوزير that it leaves (while it cuts the و of وزير). Runs after
the stemmer, on its output, as often as it applies while 3+ letters remain, at index and query
time alike: a word that merely starts with these letters (لندن, بشار) is cut the same way on
both sides, with or without a real clitic in front (لبشار), and still finds itself.
A lone فـ is left alone: too many words start with it (فلسطين, فرنسا).
Two rewrites for speed that change no match: the leading lookahead (every alternative starts with
one of its letters) lets a token that cannot start a clitic chain, every Latin one and most
Arabic ones, fail on its first character instead of after the four alternatives; and ``{1,255}``
for ``+``: Java remembers every position where an unbounded top-level loop failed, in a set it
fills and clears for each token, a third of this filter's time, and a bounded loop skips that.
No token is longer than 255 characters (the standard tokenizer's ``max_token_length``) and each
pass takes at least one, so the bound is never reached."""

ARABIC_NISBA = "^ه?ي(?=\\p{L}{3})"
"""The nisba ending (ـي, ـية after normalization) off first: the light stemmer removes only one of
its suffixes per word, so الفلسطيني kept ين (فلسطين) while فلسطين lost it (فلسط), and the
adjective never met its noun. Taken off before the stemmer, both reach فلسط.
Matched on the reversed word (``reverse`` before and after, as in ARABIC_NISBA_FILTERS): there
the ending is at the start, ي then ه or nothing with three letters after it, and the ``^``
anchor lets Java's ``find`` (which ``pattern_replace`` runs) try one position per token instead
of every one; the same tokens as the forward form ``(?<=\\p{L}{3})(?:يه|ي)$`` at about 60 % of
its cost (bench/search/README.md, Per-language fields)."""
ARABIC_NISBA_FILTERS = ["reverse", "newsflow_arabic_nisba", "reverse"]

ARABIC_FILTERS = [
    "lowercase",
    "decimal_digit",
    "newsflow_arabic_stop",
    "arabic_normalization",
    *ARABIC_NISBA_FILTERS,
    "arabic_stem",
    "newsflow_arabic_proclitics",
]
"""The Arabic chain (tuned on the tuned query set of bench/search): normalization, nisba and
stemming touch Arabic letters only, so a Latin token passes through it lowercased."""
ENGLISH_FILTERS = [
    "newsflow_english_possessive",
    "lowercase",
    "decimal_digit",
    "newsflow_english_stop",
    "newsflow_english_stem",
]
"""The English chain: possessive 's, stop words, KStem (which leaves a word with any letter
outside a-z alone, so an Arabic token passes through it unchanged)."""
TEXT_FILTERS = [
    "newsflow_english_possessive",
    "lowercase",
    "decimal_digit",
    "newsflow_stop",
    "arabic_normalization",
    *ARABIC_NISBA_FILTERS,
    "arabic_stem",
    "newsflow_arabic_proclitics",
    "newsflow_english_stem",
]
"""Both chains in one pass, for text in any other language or in several: an Arabic token gets
exactly ARABIC_FILTERS' treatment and a Latin token exactly ENGLISH_FILTERS' (each filter of one
script is a no-op on the other)."""

TEXT_ANALYZER = "newsflow_text"
"""Both chains: fields whose text may be in any language (claims, and articles that are neither
wholly Arabic nor wholly English)."""
ARABIC_ANALYZER = "newsflow_arabic"
ENGLISH_ANALYZER = "newsflow_english"

ANALYSIS: dict[str, Any] = {
    "filter": {
        "newsflow_stop": {"type": "stop", "stopwords": ["_arabic_", "_english_"]},
        "newsflow_arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
        "newsflow_english_stop": {"type": "stop", "stopwords": "_english_"},
        "newsflow_arabic_proclitics": {
            "type": "pattern_replace",
            "pattern": ARABIC_PROCLITICS,
            "replacement": "",
            "all": False,
        },
        "newsflow_arabic_nisba": {
            "type": "pattern_replace",
            "pattern": ARABIC_NISBA,
            "replacement": "",
            "all": False,
        },
        "newsflow_english_possessive": {"type": "stemmer", "language": "possessive_english"},
        "newsflow_english_stem": {"type": "stemmer", "language": "light_english"},
    },
    "analyzer": {
        name: {"type": "custom", "tokenizer": "standard", "filter": filters}
        for name, filters in (
            (TEXT_ANALYZER, TEXT_FILTERS),
            (ARABIC_ANALYZER, ARABIC_FILTERS),
            (ENGLISH_ANALYZER, ENGLISH_FILTERS),
        )
    },
}
"""Index analysis built only from filter *types* that a full cluster's analysis-common module
provides and that the local stack gets from the ``newsflow-analysis`` plugin
(deploy/local/analysis-plugin) under the same names: one template serves both. ``stop`` and
``lowercase`` are in the Elasticsearch server itself. ``light_english`` is Lucene's KStem
(inflections, not Porter's derivational conflation of negotiate/negotiation)."""


def analysis_fingerprint() -> str:
    """Changes whenever the analysis or a field's analyzer changes: an index built with another
    fingerprint is rebuilt by ``newsflow es init`` (analyzers of an index cannot be changed)."""
    analysed = {kind: analysed_fields(properties_for(m)) for kind, m in INDEX_KINDS.items()}
    payload = json.dumps([ANALYSIS, analysed], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def analysed_fields(properties: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Field path → analyzer of every text field (sub-fields and object fields included)."""
    found: dict[str, str] = {}
    for name, spec in properties.items():
        path = f"{prefix}{name}"
        if spec.get("type") == "text":
            found[path] = spec.get("analyzer", "standard")
        found |= analysed_fields(spec.get("fields", {}), f"{path}.")
        found |= analysed_fields(spec.get("properties", {}), f"{path}.")
    return found


INDEX_KINDS: dict[str, type[BaseModel]] = {
    "articles": ArticleDocument,
    "claims": ClaimDocument,
    "feeds": FeedPollDocument,
}
SOURCE_UPGRADES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "articles": upgrade_article_source,
}
"""Per index kind, how a document of an earlier layout becomes one of this layout when ``es
init`` rebuilds the index (kinds without an entry are copied as they are)."""


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list to the element type."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin in (list, tuple, set, frozenset):
        return _unwrap(typing.get_args(annotation)[0])
    return annotation


def _field_mapping(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    declared = extra.get("x-elasticsearch")
    if isinstance(declared, dict):
        return dict(declared)
    python_type = _unwrap(info.annotation)
    if isinstance(python_type, type) and issubclass(python_type, BaseModel):
        return {"type": "object", "properties": properties_for(python_type)}
    simple: dict[Any, str] = {
        str: "keyword",
        int: "long",
        float: "float",
        bool: "boolean",
        datetime: "date",
    }
    if python_type in simple:
        return {"type": simple[python_type]}
    raise TypeError(f"no Elasticsearch mapping for {info.annotation!r}; add x-elasticsearch")


def properties_for(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): _field_mapping(info) for name, info in model.model_fields.items()}


def mapping_for(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "dynamic": "strict",
        "_meta": {
            "generated_from": f"{model.__module__}.{model.__qualname__}",
            "analysis": analysis_fingerprint(),
        },
        "properties": properties_for(model),
    }


def article_text_properties() -> dict[str, Any]:
    """The articles template's text fields: ``title`` by its words and each language's title
    and body (what the benchmarks index to measure the analysis)."""
    properties = properties_for(ArticleDocument)
    names = ("title", *language_fields("title"), *language_fields("body"))
    return {name: properties[name] for name in names}


REFRESH_INTERVAL = "500ms"
"""How often new documents become searchable. Half of Elasticsearch's 1 s: the refresh wait is
the largest part of produce→searchable latency (up to the whole interval), and at news rates
(tens of articles a second) a refresh every 0.5 s costs Elasticsearch little; a bulk load of a
large backlog may set ``es.refresh_interval`` longer (see docs/operations.md, Latency)."""


def index_template(
    kind: str,
    prefix: str = "newsflow",
    *,
    shards: int = 1,
    replicas: int = 0,
    refresh_interval: str = REFRESH_INTERVAL,
) -> dict[str, Any]:
    """A composable index template for ``<prefix>-<kind>-*`` indices behind alias
    ``<prefix>-<kind>``: the same for the local stack and a full cluster."""
    model = INDEX_KINDS[kind]
    return {
        "index_patterns": [f"{prefix}-{kind}-*"],
        "priority": 200,
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "refresh_interval": refresh_interval,
                "analysis": ANALYSIS,
            },
            "mappings": mapping_for(model),
        },
        "_meta": {"managed_by": "newsflow", "analysis": analysis_fingerprint()},
    }
