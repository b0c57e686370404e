"""Read article inputs from disk for ``newsflow process`` and ``newsflow produce``.

Accepted: ``.txt`` (first non-empty line is the title, the rest the body), ``.html``/``.htm``,
``.json`` (one RawArticle object or a list of them) and ``.jsonl`` (one per line), or a directory
of those (recursively, sorted). Each input becomes an ``InputRecord`` holding the exact bytes a
producer would publish, so the batch path and the stream path validate identically.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

SUFFIXES = {".txt", ".html", ".htm", ".json", ".jsonl"}


@dataclass(frozen=True)
class InputRecord:
    origin: str
    """Where it came from: ``path`` or ``path:line``."""
    payload: bytes
    """A RawArticle JSON document (or, for malformed JSON inputs, the bytes as found)."""


def _source_name(path: Path) -> str:
    return path.parent.name or "local"


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")


def read_inputs(paths: Iterable[Path]) -> Iterator[InputRecord]:
    for path in iter_files(paths):
        suffix = path.suffix.lower()
        data = path.read_bytes()
        if suffix == ".txt":
            record = {"text": data.decode("utf-8", "replace"), "source": _source_name(path)}
            yield InputRecord(str(path), orjson.dumps(record))
        elif suffix in (".html", ".htm"):
            record = {"html": data.decode("utf-8", "replace"), "source": _source_name(path)}
            yield InputRecord(str(path), orjson.dumps(record))
        elif suffix == ".jsonl":
            for number, line in enumerate(data.splitlines(), start=1):
                if line.strip():
                    yield InputRecord(f"{path}:{number}", line)
        elif suffix == ".json":
            try:
                parsed = orjson.loads(data)
            except orjson.JSONDecodeError:
                yield InputRecord(str(path), data)  # the validator reports it
                continue
            items = parsed if isinstance(parsed, list) else [parsed]
            for number, item in enumerate(items):
                yield InputRecord(f"{path}[{number}]", orjson.dumps(item))
        else:
            raise ValueError(f"unsupported input type: {path} (use {', '.join(sorted(SUFFIXES))})")
