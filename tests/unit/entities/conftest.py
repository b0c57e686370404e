"""Shared fixtures: one knowledge base per test session (building it takes about a second)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.models import CleanArticle
from workers.core.entities.kb import KnowledgeBase


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def make_article(title: str, body: str, lang: str = "ar") -> CleanArticle:
    return CleanArticle(
        id="test-article",
        lang=lang,
        title=title,
        body=body,
        fetched_at=datetime(2024, 6, 20, tzinfo=UTC),
        version=1,
        content_hash="test",
    )
