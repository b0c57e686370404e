"""Generate Elasticsearch mappings and index templates from the document models.

Type mapping: ``x-elasticsearch`` metadata on a field wins; otherwise str → keyword,
int → long, float → float, bool → boolean, datetime → date, nested models → object.
"""

from __future__ import annotations

import types
import typing
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.documents import ArticleDocument, ClaimDocument, FeedPollDocument

LANGUAGE_ANALYZERS = {"ar": "arabic", "en": "english"}
"""Sub-fields added to full-text fields when the cluster has these analyzers."""

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


def _field_mapping(info: FieldInfo, language_analyzers: bool) -> dict[str, Any]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    declared = extra.get("x-elasticsearch")
    if isinstance(declared, dict):
        mapping = {k: v for k, v in declared.items() if k != "language_subfields"}
        if declared.get("language_subfields"):
            mapping.setdefault("analyzer", "standard")
            if language_analyzers:
                mapping["fields"] = {
                    lang: {"type": "text", "analyzer": analyzer}
                    for lang, analyzer in LANGUAGE_ANALYZERS.items()
                }
        return mapping
    python_type = _unwrap(info.annotation)
    if isinstance(python_type, type) and issubclass(python_type, BaseModel):
        return {"type": "object", "properties": properties_for(python_type, language_analyzers)}
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


def properties_for(model: type[BaseModel], language_analyzers: bool) -> dict[str, Any]:
    return {
        (info.alias or name): _field_mapping(info, language_analyzers)
        for name, info in model.model_fields.items()
    }


def mapping_for(model: type[BaseModel], language_analyzers: bool = False) -> dict[str, Any]:
    return {
        "dynamic": "strict",
        "_meta": {"generated_from": f"{model.__module__}.{model.__qualname__}"},
        "properties": properties_for(model, language_analyzers),
    }


def index_template(
    kind: str,
    prefix: str = "newsflow",
    *,
    language_analyzers: bool = False,
    shards: int = 1,
    replicas: int = 0,
) -> dict[str, Any]:
    """A composable index template for ``<prefix>-<kind>-*`` indices behind alias
    ``<prefix>-<kind>``."""
    model = INDEX_KINDS[kind]
    return {
        "index_patterns": [f"{prefix}-{kind}-*"],
        "priority": 200,
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "refresh_interval": "1s",
            },
            "mappings": mapping_for(model, language_analyzers),
        },
        "_meta": {
            "managed_by": "newsflow",
            "language_analyzers": language_analyzers,
        },
    }
