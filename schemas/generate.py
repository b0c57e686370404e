"""Write ``schemas/generated/``: JSON Schema per record and Elasticsearch index templates.

Run ``python -m schemas.generate`` after changing a model; ``--check`` exits 1 when a
checked-in file differs from what the models produce (used by the tests).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from schemas.documents import ArticleDocument, ClaimDocument, FeedPollDocument
from schemas.mappings import INDEX_KINDS, index_template
from schemas.models import ALL_RECORDS

GENERATED = Path(__file__).parent / "generated"


def render() -> dict[Path, str]:
    """Every generated file's path and content."""
    files: dict[Path, str] = {}
    records: dict[str, type[BaseModel]] = {
        **ALL_RECORDS,
        "ArticleDocument": ArticleDocument,
        "ClaimDocument": ClaimDocument,
        "FeedPollDocument": FeedPollDocument,
    }
    for name, model in records.items():
        schema = model.model_json_schema(by_alias=True)
        files[GENERATED / "jsonschema" / f"{name}.schema.json"] = _dump(schema)
    for kind in INDEX_KINDS:
        files[GENERATED / "elasticsearch" / f"{kind}.template.json"] = _dump(index_template(kind))
    return files


def _dump(obj: object) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale_files() -> list[Path]:
    return [
        path
        for path, content in render().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if generated files are stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"stale: {path} (run python -m schemas.generate)", file=sys.stderr)
        return 1 if stale else 0
    for path, content in render().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
