"""Generate Elasticsearch mappings and index templates from the document models.

Type mapping: ``x-elasticsearch`` metadata on a field wins; otherwise str → keyword,
int → long, float → float, bool → boolean, datetime → date, nested models → object.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.documents import ArticleDocument, ClaimDocument, FeedPollDocument

TEXT_ANALYZER = "newsflow_text"
"""The one analyzer of every full-text field (``schemas.models.TEXT``): each token goes through
its own script's chain, so a document is analysed once, in its own language(s), whatever
language it is in (Arabic quotes in English articles and Latin names in Arabic ones included)."""

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

ARABIC_NISBA = "ي(?<=\\p{L}{4})ه?$"
"""The nisba ending (ـي, ـية after normalization) off first: the light stemmer removes only one of
its suffixes per word, so الفلسطيني kept ين (فلسطين) while فلسطين lost it (فلسط), and the
adjective never met its noun. Taken off before the stemmer, both reach فلسط.
Written to match exactly where ``(?<=\\p{L}{3})(?:يه|ي)$`` does (ي with three letters before it,
then ه or nothing, then the end), but cheaply: ``pattern_replace`` runs Java's ``find``, which
tries the pattern at every position of every token, and this form fails at once on any
character but ي, where the former one first looked three letters back at each position (about
60 % of the two patterns' time before, bench/search/README.md, Indexing cost)."""

ARABIC_FILTERS = [
    "lowercase",
    "decimal_digit",
    "newsflow_arabic_stop",  # {"type": "stop", "stopwords": "_arabic_"}
    "arabic_normalization",
    "newsflow_arabic_nisba",
    "arabic_stem",
    "newsflow_arabic_proclitics",
]
"""The Arabic chain (tuned on the tuned query set of bench/search): normalization, nisba and
stemming touch Arabic letters only, so a Latin token passes through it unchanged. Not in the
template on its own: the search evaluation builds the former per-language sub-field analyzers
from these two lists to compare against."""
ENGLISH_FILTERS = [
    "newsflow_english_possessive",
    "lowercase",
    "newsflow_english_stop",  # {"type": "stop", "stopwords": "_english_"}
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
    "newsflow_arabic_nisba",
    "arabic_stem",
    "newsflow_arabic_proclitics",
    "newsflow_english_stem",
]
"""Both chains in one pass: an Arabic token gets exactly ARABIC_FILTERS' treatment and a Latin
token exactly ENGLISH_FILTERS' (each filter of one script is a no-op on the other), so one
analysis replaces the former standard + .ar + .en sub-fields (three analyses of every text)."""

ANALYSIS: dict[str, Any] = {
    "filter": {
        "newsflow_stop": {"type": "stop", "stopwords": ["_arabic_", "_english_"]},
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
        TEXT_ANALYZER: {"type": "custom", "tokenizer": "standard", "filter": TEXT_FILTERS},
    },
}
"""Index analysis built only from filter *types* that a full cluster's analysis-common module
provides and that the local stack gets from the ``newsflow-analysis`` plugin
(deploy/local/analysis-plugin) under the same names: one template serves both. ``stop`` and
``lowercase`` are in the Elasticsearch server itself. ``light_english`` is Lucene's KStem
(inflections, not Porter's derivational conflation of negotiate/negotiation)."""


def analysis_fingerprint() -> str:
    """Changes whenever the analysis or the text sub-fields change: an index built with another
    fingerprint is rebuilt by ``newsflow es init`` (analyzers of an index cannot be changed)."""
    payload = json.dumps([ANALYSIS, TEXT_ANALYZER], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


INDEX_KINDS: dict[str, type[BaseModel]] = {
    "articles": ArticleDocument,
    "claims": ClaimDocument,
    "feeds": FeedPollDocument,
}


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
