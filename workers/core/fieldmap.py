"""Field maps for foreign records: read ``docno``/``src``/``time`` as ``id``/``source``/
``published_at``.

Teams have topics and dumps whose records use their own field names. A field map names, for
each RawArticle field, the record's field that holds it (``id=docno, source=src``); a dotted
name reads a nested value (``author=byline.name``). Mapping happens on the decoded JSON object,
before validation, so the mapped values get the same lenient normalization as native ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from schemas.models import RawArticle

MAPPABLE_FIELDS = frozenset(RawArticle.model_fields) - {"schema_version"}


def parse_field_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """``"id=docno, source=src"`` (or a JSON object, or a mapping) → ``{"id": "docno", …}``.

    Raises ``ValueError`` naming the bad entry: an unknown newsflow field, an entry without
    ``=``, an empty name or a field mapped twice."""
    if spec is None:
        return {}
    if isinstance(spec, str):
        text = spec.strip()
        if not text:
            return {}
        if text.startswith("{"):
            try:
                loaded = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                raise ValueError(f"field map is not valid JSON: {exc}") from exc
            if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
                raise ValueError("a JSON field map must be an object of strings")
            pairs = list(loaded.items())
        else:
            pairs = []
            for entry in text.split(","):
                if not entry.strip():
                    continue
                target, sep, source = entry.partition("=")
                if not sep:
                    raise ValueError(
                        f"field map entry {entry.strip()!r} has no '=' "
                        "(write newsflow_field=record_field, e.g. id=docno)"
                    )
                pairs.append((target, source))
    else:
        pairs = list(spec.items())
    mapping: dict[str, str] = {}
    for raw_target, raw_source in pairs:
        target, source = str(raw_target).strip(), str(raw_source).strip()
        if not target or not source:
            raise ValueError(f"field map entry {raw_target!r}={raw_source!r} has an empty name")
        if target not in MAPPABLE_FIELDS:
            raise ValueError(
                f"field map names {target!r}, which is not a RawArticle field "
                f"(one of: {', '.join(sorted(MAPPABLE_FIELDS))})"
            )
        if target in mapping:
            raise ValueError(f"field map maps {target!r} twice")
        mapping[target] = source
    return mapping


def _lookup(data: Mapping[str, Any], path: str) -> tuple[bool, Any]:
    if path in data:
        return True, data[path]
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def apply_field_map(data: dict[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``data`` with each mapped field read from the record's own name. The source
    key is removed (a top-level one); a value the record already had under the newsflow name
    is not lost but kept in ``metadata`` under that name. Unmapped keys stay as they are."""
    if not mapping:
        return data
    found: dict[str, Any] = {}
    for target, source in mapping.items():
        present, value = _lookup(data, source)
        if present and target != source:
            found[target] = value
    result = {k: v for k, v in data.items() if k not in {mapping[t] for t in found}}
    displaced: dict[str, Any] = {}
    for target, value in found.items():
        previous = result.get(target)
        if previous is not None and previous != value:
            displaced[target] = previous
        result[target] = value
    if displaced:
        metadata = result.get("metadata")
        merged = dict(metadata) if isinstance(metadata, dict) else {}
        for key, value in displaced.items():
            merged.setdefault(key, value)
        result["metadata"] = merged
    return result
