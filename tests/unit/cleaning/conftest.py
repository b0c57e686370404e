from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from schemas.models import RawArticle
from workers.core.cleaning import ArticleCleaner, InlineHtmlExtractor
from workers.core.ingest import with_defaults

DATA = Path(__file__).parent / "data"
T0 = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def seed_text() -> str:
    return (DATA / "seed_000.txt").read_text(encoding="utf-8")


@pytest.fixture
def make_raw() -> Callable[..., RawArticle]:
    counter = iter(range(10**6))

    def make(text: str | None = None, html: str | None = None, **fields: Any) -> RawArticle:
        n = next(counter)
        fields.setdefault("id", f"a{n}")
        fields.setdefault("fetched_at", T0 + timedelta(minutes=n))
        # These texts are written like plain-text files: headline first. The JSON shape (no
        # title: every line is body) has its own tests, which pass title_in_text=False.
        fields.setdefault("title_in_text", True)
        return with_defaults(RawArticle(text=text, html=html, **fields))

    return make


@pytest.fixture
def cleaner() -> ArticleCleaner:
    return ArticleCleaner(html_extractor=InlineHtmlExtractor())
