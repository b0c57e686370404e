"""Fixtures shared by every test directory."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def stack_root() -> Iterator[Callable[[str], Path]]:
    """Directories for extra Kafka/Elasticsearch stacks. Not under pytest's basetemp: pytest
    keeps that at mode 0700 (and re-applies it when another session starts), which locks out
    the dedicated Elasticsearch user."""
    made: list[Path] = []

    def make(name: str) -> Path:
        path = Path(tempfile.mkdtemp(prefix=f"newsflow-{name}-", dir="/var/tmp"))
        made.append(path)
        return path

    yield make
    for path in made:
        shutil.rmtree(path, ignore_errors=True)
