"""Elasticsearch documents: one per article (``<prefix>-articles``), one per claim
(``<prefix>-claims``) and one per feed poll (``<prefix>-feeds``). Their index templates are
generated from these models.

Text fields are analysed once, with ``newsflow_text`` (``schemas.mappings.ANALYSIS``: Arabic
tokens normalized and stemmed, English ones stemmed; analysis-common filters on a full cluster,
the newsflow-analysis plugin's on the local stack). The analyzer covers the spelling variants the
former ``*_match`` copies (the Python matching form) were indexed for, so they are gone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from schemas.models import KEYWORD, NAME, NOT_INDEXED, TEXT, es


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
    text: str = Field(json_schema_extra=TEXT)


class ArticleDocument(Document):
    """One enriched article, as searched in Kibana and by ``newsflow search``."""

    id: str = Field(json_schema_extra=KEYWORD)
    source: str | None = Field(default=None, json_schema_extra=KEYWORD)
    url: str | None = Field(default=None, json_schema_extra=KEYWORD)
    lang: str = Field(json_schema_extra=KEYWORD)
    paragraph_langs: list[str] = Field(default_factory=list, json_schema_extra=KEYWORD)
    title: str = Field(json_schema_extra=TEXT)
    body: str = Field(json_schema_extra=TEXT)
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
    title: str = Field(json_schema_extra=TEXT)
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
