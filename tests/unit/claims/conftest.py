"""Fixtures for claim tests: articles and entity lists built by hand, so these tests depend
only on the Entity contract, not on the entity stage's current behaviour."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from schemas.models import Claim, CleanArticle, Entity, Label, TextField
from workers.core.claims import CueClaimExtractor
from workers.core.ids import content_hash


def make_article(body: str, title: str = "عنوان", lang: str = "ar") -> CleanArticle:
    return CleanArticle(
        id="test-article",
        lang=lang,
        title=title,
        body=body,
        fetched_at=datetime(2024, 6, 20, tzinfo=UTC),
        version=1,
        content_hash=content_hash(title, body),
    )


def mention(
    text: str,
    surface: str,
    label: Label,
    entity_id: str,
    name: str,
    field: TextField = TextField.BODY,
    nth: int = 0,
) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(
        text=surface,
        label=label,
        field=field,
        start=start,
        end=start + len(surface),
        entity_id=entity_id,
        name=name,
    )


def mentions(text: str, table: list[tuple[str, Label, str, str]]) -> list[Entity]:
    """Every occurrence of each surface form in ``table``."""
    found: list[Entity] = []
    for surface, label, entity_id, name in table:
        start = text.find(surface)
        while start != -1:
            found.append(
                Entity(
                    text=surface,
                    label=label,
                    field=TextField.BODY,
                    start=start,
                    end=start + len(surface),
                    entity_id=entity_id,
                    name=name,
                )
            )
            start = text.find(surface, start + 1)
    return found


def assert_offsets(article: CleanArticle, claims: list[Claim]) -> None:
    for claim in claims:
        where = article.title if claim.field is TextField.TITLE else article.body
        assert where[claim.start : claim.end] == claim.text


def by_content(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.text]
    assert found, f"no claim contains {fragment!r}; got {[c.text for c in claims]}"
    assert len(found) == 1, f"several claims contain {fragment!r}"
    return found[0]


CAST: list[tuple[str, Label, str, str]] = [
    ("Tom Harlow", Label.PERSON, "Q-harlow", "Tom Harlow"),
    ("Quorra Vell", Label.PERSON, "Q-vell", "Quorra Vell"),
    ("Peter Quinn", Label.PERSON, "Q-quinn", "Peter Quinn"),
    ("Maria Lopez", Label.PERSON, "Q-lopez", "Maria Lopez"),
]
"""Invented people the English PolNeAR-round tests name (linked wherever they appear)."""


def english_claims(
    extractor: CueClaimExtractor,
    body: str,
    people: list[tuple[str, Label, str, str]] = CAST,
    title: str = "Council vote",
) -> list[Claim]:
    """The claims of an English article with ``body`` and the people named in it (by default
    the invented CAST), offsets checked against the text."""
    article = make_article(body, title=title, lang="en")
    found = mentions(body, people)
    # a surname inside a full name is one mention (the longer one), as the entity stage gives it
    entities = [
        e
        for e in found
        if not any(
            o.start <= e.start and e.end <= o.end and o.end - o.start > e.end - e.start
            for o in found
        )
    ]
    claims = extractor(article, entities)
    assert_offsets(article, claims)
    return claims


def with_surnames(
    people: Sequence[tuple[str, Label, str, str]],
) -> list[tuple[str, Label, str, str]]:
    """Each person also by surname alone, linked to the same id (``Harlow`` after ``Tom
    Harlow``)."""
    return [
        (surface, label, entity_id, name)
        for full, label, entity_id, name in people
        for surface in (full, full.split()[-1])
    ]


def speaker_pairs(claims: list[Claim]) -> list[tuple[str, str]]:
    """(speaker as written, claim text) of each claim, in order."""
    return [(c.speaker.text, c.text) for c in claims]


def arabic_claims(
    extractor: CueClaimExtractor,
    body: str,
    table: Sequence[tuple[str, Label, str, str]] = (),
    title: str = "عنوان",
) -> list[Claim]:
    """The claims of an Arabic article with ``body`` and the names of ``table`` in it, offsets
    checked against the text."""
    article = make_article(body, title=title)
    claims = extractor(article, mentions(body, list(table)))
    assert_offsets(article, claims)
    return claims


@pytest.fixture(scope="session")
def extractor() -> CueClaimExtractor:
    return CueClaimExtractor()


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (importlib mode cannot import this file)."""
    return SimpleNamespace(
        make_article=make_article,
        mention=mention,
        mentions=mentions,
        assert_offsets=assert_offsets,
        by_content=by_content,
        english_claims=english_claims,
        cast=CAST,
        with_surnames=with_surnames,
        speaker_pairs=speaker_pairs,
        arabic_claims=arabic_claims,
    )
