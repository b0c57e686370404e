"""Checked-in files that code generates (Kibana objects, the requirements lock, reference docs).

Each generator renders its files and either writes them or, with ``--check``, exits 1 naming
every file that differs from what the code would write now, so a test or CI step catches a
change to the source that was not followed by a regeneration.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path


def stale_files(files: Mapping[Path, str]) -> list[Path]:
    """The files that are missing or differ from their rendered content."""
    return [
        path
        for path, content in files.items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]


def write_or_check(files: Mapping[Path, str], *, check: bool, command: str) -> int:
    """Write ``files``; with ``check``, write nothing and return 1 if any is stale."""
    if check:
        stale = stale_files(files)
        for path in stale:
            print(f"stale: {path} (run {command})", file=sys.stderr)
        return 1 if stale else 0
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        print(f"wrote {path}")
    return 0


def generator_main(
    argv: list[str] | None,
    *,
    description: str | None,
    command: str,
    render: Callable[[], str],
    output: Path,
) -> int:
    """The command line of a one-file generator: ``[--check] [--output PATH]``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--output", type=Path, default=output, help=f"default: {output}")
    args = parser.parse_args(argv)
    return write_or_check({args.output: render()}, check=args.check, command=command)
