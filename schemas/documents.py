"""Elasticsearch documents: one per article (``<prefix>-articles``), one per claim
(``<prefix>-claims``) and one per feed poll (``<prefix>-feeds``). Their index templates are
generated from these models.

An article's title and body are analysed once, in their language: an Arabic article's go to
``title_ar``/``body_ar`` (the Arabic chain alone), an English one's to ``title_en``/``body_en``,
and an article in any other language, or in several, to ``title_other``/``body_other``
(``newsflow_text``: each token through its own script's chain). One chain instead of both is
what keeps indexing with the analysis at ≥ 0.8 × without it (bench/search/README.md,
Per-language fields). ``title`` also stays as written, for display and exact-word queries.
Claims keep one ``text`` field with ``newsflow_text``: a claim is short, and its quotation may
be in another language than its article. Copies of text analysed elsewhere (a claim's headline,
an article's claims) are indexed by their words only. The analyzers
(``schemas.mappings.ANALYSIS``) are analysis-common filters on a full cluster and the
newsflow-analysis plugin's on the local stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.models import (
    ARABIC_TEXT,
    ENGLISH_TEXT,
    KEYWORD,
    NAME,
    NOT_INDEXED,
    TEXT,
    WORDS,
    es,
)

OWN_FIELD_LANGUAGES = ("ar", "en")
"""Languages whose articles have text fields of their own, analysed by that language alone."""
OTHER = "other"
"""The text fields' suffix for every other language, and for articles in several."""
TEXT_LANGUAGES = (*OWN_FIELD_LANGUAGES, OTHER)
"""Every suffix of an article's language text fields."""


def language_fields(part: str) -> tuple[str, ...]:
    """``part``'s field in every language: ``body`` → ``body_ar``, ``body_en``, ``body_other``."""
    return tuple(f"{part}_{language}" for language in TEXT_LANGUAGES)


def text_language(lang: str, paragraph_langs: Iterable[str] = ()) -> str:
    """The suffix of the fields an article's title and body are indexed in: its language when
    that language has fields of its own and no paragraph is in another such language; else
    ``other`` (both chains). An Arabic article quoting an English paragraph is ``other``, so the
    quotation's words are stemmed as English ones; a paragraph in a third language does not
    count (in an English article a French paragraph is Latin script, which the English chain
    treats as ``newsflow_text`` would, and short English lines are often taken for one)."""
    if lang not in OWN_FIELD_LANGUAGES:
        return OTHER
    others = set(OWN_FIELD_LANGUAGES) - {lang}
    return OTHER if others.intersection(paragraph_langs) else lang


def text_fields(language: str, title: str, body: str) -> dict[str, str]:
    """``title_<language>`` and ``body_<language>`` (``language`` from ``text_language``)."""
    return {f"title_{language}": title, f"body_{language}": body}


def article_body(source: Mapping[str, Any]) -> str:
    """The body of an article document's ``_source``, whichever language field holds it."""
    for name in language_fields("body"):
        if body := source.get(name):
            return str(body)
    return str(source.get("body") or "")  # an index not yet migrated by ``es init``


def upgrade_article_source(source: dict[str, Any]) -> dict[str, Any]:
    """An article document of the former layout (one ``body``, and ``title`` analysed with
    ``newsflow_text``) in this one: what ``es init`` copies when it rebuilds the index."""
    if "body" not in source:
        return source
    upgraded = {k: v for k, v in source.items() if k != "body"}
    language = text_language(str(source.get("lang") or "und"), source.get("paragraph_langs", []))
    return upgraded | text_fields(language, str(source.get("title") or ""), str(source["body"]))


def _is_none(value: object) -> bool:
    return value is None


def _language_text(part: str, language: str, mapping: dict[str, Any]) -> Any:
    who = {"ar": "an Arabic article", "en": "an English article"}.get(
        language, "an article in another language or in several"
    )
    return Field(
        default=None,
        exclude_if=_is_none,  # absent from _source, not null, in the other languages' documents
        description=f"The {part} of {who}, analysed in its language.",
        json_schema_extra=mapping,
    )


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityRef(Document):
    entity_id: str = Field(json_schema_extra=KEYWORD)
    name: str = Field(json_schema_extra=NAME)
    label: str = Field(json_schema_extra=KEYWORD)
    text: str = Field(json_schema_extra=KEYWORD)
    field: str = Field(json_schema_extra=KEYWORD)
    count: int = Field(default=1, description="Mentions in this article.")


class ClaimRef(Document):
    speaker: str = Field(json_schema_extra=NAME)
    speaker_id: str | None = Field(default=None, json_schema_extra=KEYWORD)
    speaker_name: str | None = Field(default=None, json_schema_extra=NAME)
    outlet: str | None = Field(default=None, json_schema_extra=NAME)
    cue: str = Field(json_schema_extra=KEYWORD)
    kind: str = Field(json_schema_extra=KEYWORD)
    stance: str = Field(json_schema_extra=KEYWORD)
    text: str = Field(
        description="The claim's words, a span of the article's title or body (which its "
        "language's fields analyse already; the claims index analyses each claim's text): "
        "searchable here by its exact words.",
        json_schema_extra=WORDS,
    )


class ArticleDocument(Document):
    """One enriched article, as searched in Kibana and by ``newsflow search``."""

    id: str = Field(json_schema_extra=KEYWORD)
    source: str | None = Field(default=None, json_schema_extra=KEYWORD)
    url: str | None = Field(default=None, json_schema_extra=KEYWORD)
    lang: str = Field(json_schema_extra=KEYWORD)
    paragraph_langs: list[str] = Field(default_factory=list, json_schema_extra=KEYWORD)
    title: str = Field(
        description="The headline as written, searchable by its exact words; its words in any "
        "form are in title_ar, title_en or title_other.",
        json_schema_extra=WORDS,
    )
    title_ar: str | None = _language_text("title", "ar", ARABIC_TEXT)
    title_en: str | None = _language_text("title", "en", ENGLISH_TEXT)
    title_other: str | None = _language_text("title", OTHER, TEXT)
    body_ar: str | None = _language_text("body", "ar", ARABIC_TEXT)
    body_en: str | None = _language_text("body", "en", ENGLISH_TEXT)
    body_other: str | None = _language_text("body", OTHER, TEXT)
    author: str | None = Field(default=None, json_schema_extra=KEYWORD)
    metadata: dict[str, Any] = Field(
        default_factory=dict,
        description="The producer's metadata as it came. One flattened field: every leaf is a "
        "keyword Kibana can filter on (metadata.category: sport) without a mapping per key; "
        "values over 1024 characters are kept in _source but not indexed.",
        json_schema_extra=es(type="flattened", ignore_above=1024),
    )
    title_derived: bool = Field(
        default=False, description="The record had no title; it was shortened from the body."
    )
    published_at: datetime | None = None
    fetched_at: datetime
    indexed_at: datetime
    timestamp: datetime = Field(
        alias="@timestamp",
        description="published_at, else fetched_at: the data view's time field.",
    )
    version: int
    content_hash: str = Field(json_schema_extra=KEYWORD)
    duplicate_of: str | None = Field(default=None, json_schema_extra=KEYWORD)
    duplicate_similarity: float | None = None
    is_duplicate: bool = False
    entities: list[EntityRef] = Field(default_factory=list)
    entity_ids: list[str] = Field(default_factory=list, json_schema_extra=KEYWORD)
    entity_names: list[str] = Field(
        default_factory=list,
        description="Canonical names in every known language, so a filter on 'Putin' also "
        "finds articles that only say بوتين.",
        json_schema_extra=NAME,
    )
    entity_labels: list[str] = Field(default_factory=list, json_schema_extra=KEYWORD)
    persons: list[str] = Field(default_factory=list, json_schema_extra=NAME)
    organisations: list[str] = Field(default_factory=list, json_schema_extra=NAME)
    places: list[str] = Field(default_factory=list, json_schema_extra=NAME)
    dates: list[str] = Field(
        default_factory=list,
        description="Dates the text mentions, canonical (ISO 8601: 2024-06-19, 2024-06, --06-19, "
        "2024) or a weekday name, whatever the language they were written in.",
        json_schema_extra=KEYWORD,
    )
    amounts: list[str] = Field(
        default_factory=list,
        description="Money, percentages and quantities the text mentions, canonical "
        "('USD 5,000,000,000', '3.5%', '1,200 km'). Values are kept out of the entity fields "
        "so weekdays and figures do not crowd the names there.",
        json_schema_extra=KEYWORD,
    )
    claims: list[ClaimRef] = Field(default_factory=list)
    speakers: list[str] = Field(default_factory=list, json_schema_extra=NAME)
    speaker_ids: list[str] = Field(default_factory=list, json_schema_extra=KEYWORD)
    claim_count: int = 0
    enriched: dict[str, object] = Field(
        default_factory=dict,
        description="The full EnrichedArticle record (stored, not indexed).",
        json_schema_extra=es(type="object", enabled=False),
    )

    model_config = ConfigDict(populate_by_name=True)


class ClaimDocument(Document):
    """One attributed statement, for 'what did X say' and 'denials by Y' in Kibana."""

    claim_id: str = Field(json_schema_extra=KEYWORD)
    article_id: str = Field(json_schema_extra=KEYWORD)
    url: str | None = Field(default=None, json_schema_extra=KEYWORD)
    title: str = Field(
        description="The article's headline, repeated on each of its claims for display: "
        "searchable by its exact words, as the article's own title (the claim's text is what "
        "claim search analyses).",
        json_schema_extra=WORDS,
    )
    source_site: str | None = Field(default=None, json_schema_extra=KEYWORD)
    published_at: datetime | None = None
    timestamp: datetime = Field(alias="@timestamp")
    lang: str = Field(json_schema_extra=KEYWORD)
    version: int
    speaker_text: str = Field(json_schema_extra=NAME)
    speaker_id: str | None = Field(default=None, json_schema_extra=KEYWORD)
    speaker_name: str | None = Field(default=None, json_schema_extra=NAME)
    speaker_names: list[str] = Field(
        default_factory=list,
        description="Speaker's canonical names in every known language.",
        json_schema_extra=NAME,
    )
    speaker_role: str | None = Field(default=None, json_schema_extra=NAME)
    outlet: str | None = Field(default=None, json_schema_extra=NAME)
    outlet_id: str | None = Field(default=None, json_schema_extra=KEYWORD)
    cue: str = Field(json_schema_extra=KEYWORD)
    kind: str = Field(json_schema_extra=KEYWORD)
    stance: str = Field(json_schema_extra=KEYWORD)
    text: str = Field(json_schema_extra=TEXT)
    confidence: float
    field: str = Field(json_schema_extra=KEYWORD)
    start: int
    end: int
    snippet: str = Field(
        default="", description="Sentence around the claim.", json_schema_extra=NOT_INDEXED
    )

    model_config = ConfigDict(populate_by_name=True)


class FeedPollDocument(Document):
    """One poll of one feed (``<prefix>-feeds``): what the Kibana feed-health panels show."""

    feed: str = Field(
        description="Feed name (FEEDS.toml name, else its URL).", json_schema_extra=KEYWORD
    )
    url: str = Field(json_schema_extra=KEYWORD)
    timestamp: datetime = Field(alias="@timestamp", description="When the poll started.")
    outcome: str = Field(description="ok, not_modified (304) or error.", json_schema_extra=KEYWORD)
    error_kind: str | None = Field(
        default=None,
        description="timeout, http_404, malformed_xml, wrong_content_type, … (errors only).",
        json_schema_extra=KEYWORD,
    )
    error: str | None = Field(default=None, json_schema_extra=NOT_INDEXED)
    format: str | None = Field(
        default=None, description="rss20, atom10, jsonfeed, sitemap …", json_schema_extra=KEYWORD
    )
    items: int = Field(default=0, description="Items the feed listed (up to the per-poll cap).")
    new: int = Field(default=0, description="Items published for the first time.")
    updated: int = Field(default=0, description="Items whose page changed: published again.")
    seen: int = Field(default=0, description="Items already published, not fetched.")
    unchanged: int = Field(default=0, description="Feed entry changed, page did not.")
    duplicate: int = Field(default=0, description="Items another feed already published.")
    failed: int = Field(default=0, description="Items whose page could not be fetched.")
    retry_later: int = Field(default=0, description="Transient failures, retried next poll.")
    duration_seconds: float = 0.0
    seconds_since_last_new: float | None = Field(
        default=None, description="Seconds since the feed last gave a new item."
    )
    next_poll_seconds: float = Field(default=0.0, description="Wait before the next poll.")
    process: str = Field(description="Host name of the feed process.", json_schema_extra=KEYWORD)

    model_config = ConfigDict(populate_by_name=True)
