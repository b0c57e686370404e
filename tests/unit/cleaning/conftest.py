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


# The shared seed article, ../shared beside the checkout or beside a worktree's folder; it is
# not copied into the repository (fixtures are texts we write: autoblog_ar.txt below).
SEEDS = [Path(__file__).resolve().parents[n] / "shared" / "seeds" for n in (4, 5)]


@pytest.fixture
def seed_text() -> str:
    for folder in SEEDS:
        seed = folder / "000_59b9f31f310c45ac.txt"
        if seed.exists():
            return seed.read_text(encoding="utf-8")
    pytest.skip("../shared/seeds is absent")


@pytest.fixture
def autoblog_text() -> str:
    """An Arabic story as a WordPress auto-blog republishes it (written for these tests): ad
    shortcodes, an image-slug line, related articles, the comment form, back-to-top."""
    return (DATA / "autoblog_ar.txt").read_text(encoding="utf-8")


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
