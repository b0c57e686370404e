"""Read article inputs from disk for ``newsflow process`` and ``newsflow produce``.

Accepted: ``.txt`` (first non-empty line is the title, the rest the body), ``.html``/``.htm``,
``.json`` (one RawArticle object or an array of them), ``.jsonl``/``.ndjson`` (one per line),
the same JSON kinds gzipped (``.jsonl.gz``, ``.json.gz``), or a directory of those
(recursively, sorted). Each input becomes an ``InputRecord`` holding the exact bytes a producer
would publish, so the batch path and the stream path validate identically.

Reading streams: a multi-gigabyte ``.jsonl.gz`` is never held in memory, and ``on_bytes``
reports how much of the files (compressed bytes, for gzip) has been read, for a progress bar.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import orjson

SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".json",
    ".jsonl",
    ".ndjson",
    ".json.gz",
    ".jsonl.gz",
    ".ndjson.gz",
)


@dataclass(frozen=True)
class InputRecord:
    origin: str
    """Where it came from: ``path``, ``path:line`` or ``path[index]``."""
    payload: bytes
    """A RawArticle JSON document (or, for malformed JSON inputs, the bytes as found)."""


def input_kind(path: Path) -> str | None:
    """The accepted suffix a file name ends with (``.jsonl.gz`` before ``.gz``), or None."""
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def _source_name(path: Path) -> str:
    return path.parent.name or "local"


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p))
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")


def total_bytes(paths: Iterable[Path]) -> int:
    """Size on disk of every input file (what ``on_bytes`` counts up to)."""
    return sum(p.stat().st_size for p in iter_files(paths))


def read_inputs(
    paths: Iterable[Path], on_bytes: Callable[[int], None] | None = None
) -> Iterator[InputRecord]:
    report = on_bytes or (lambda n: None)
    for path in iter_files(paths):
        kind = input_kind(path)
        if kind is None:
            raise ValueError(f"unsupported input type: {path} (use {', '.join(SUFFIXES)})")
        if kind in (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"):
            yield from _read_lines(path, kind.endswith(".gz"), report)
            continue
        if kind == ".json.gz":
            with gzip.open(path, "rb") as compressed:
                data = compressed.read()
        else:
            data = path.read_bytes()
        report(path.stat().st_size)
        if kind == ".txt":
            record = {
                "text": data.decode("utf-8", "replace"),
                "source": _source_name(path),
                "title_in_text": True,
            }
            yield InputRecord(str(path), orjson.dumps(record))
        elif kind in (".html", ".htm"):
            record = {"html": data.decode("utf-8", "replace"), "source": _source_name(path)}
            yield InputRecord(str(path), orjson.dumps(record))
        else:
            yield from _json_items(path, data)


def _json_items(path: Path, data: bytes) -> Iterator[InputRecord]:
    try:
        parsed = orjson.loads(data)
    except orjson.JSONDecodeError:
        yield InputRecord(str(path), data)  # the validator reports it
        return
    if isinstance(parsed, list):
        for number, item in enumerate(parsed):
            yield InputRecord(f"{path}[{number}]", orjson.dumps(item))
    else:
        yield InputRecord(str(path), orjson.dumps(parsed))


def _read_lines(
    path: Path, compressed: bool, report: Callable[[int], None]
) -> Iterator[InputRecord]:
    with path.open("rb") as raw:
        stream: IO[bytes] = (
            gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw  # type: ignore[assignment]
        )
        position = number = 0
        try:
            for number, line in enumerate(stream, start=1):
                now = raw.tell()
                if now != position:
                    report(now - position)
                    position = now
                line = line.rstrip(b"\r\n")
                if line.strip():
                    yield InputRecord(f"{path}:{number}", line)
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip member
            raise ValueError(f"cannot read {path} past line {number}: {exc}") from exc
        finally:
            if compressed:
                stream.close()
        report(raw.tell() - position)
