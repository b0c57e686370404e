"""Records that cross a boundary: Kafka topics, files, the HTTP API and Elasticsearch.

These models are the single source of truth. JSON Schema files and Elasticsearch index
templates under ``schemas/generated/`` are produced from them by ``python -m schemas.generate``
(a test fails when a checked-in file is stale).

Fields that are indexed carry their Elasticsearch mapping in ``json_schema_extra`` under the
key ``x-elasticsearch``; fields without it are mapped from their Python type.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from schemas.lenient import (
    JsonObject,
    to_author,
    to_datetime,
    to_id,
    to_metadata,
    to_optional_text,
    to_text,
)

SCHEMA_VERSION: Literal[1] = 1
"""Current version of every record below. Readers reject versions they do not know."""

MAX_TITLE_CHARS = 1000
"""A producer-given title longer than this is not a headline (usually a body pasted into the
wrong field, or an attack on the index): the record is dead-lettered as ``title_too_long``."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def es(**mapping: Any) -> dict[str, Any]:
    """Attach an Elasticsearch mapping to a field (read by ``schemas.mappings``)."""
    return {"x-elasticsearch": mapping}


TEXT = es(type="text", analyzer="newsflow_text")
"""Full text in any language, analysed once by ``schemas.mappings.TEXT_ANALYZER``: Arabic tokens
by the Arabic chain, Latin tokens by the English one."""
ARABIC_TEXT = es(type="text", analyzer="newsflow_arabic")
"""Full text known to be Arabic: the Arabic chain alone (``schemas.mappings.ARABIC_FILTERS``)."""
ENGLISH_TEXT = es(type="text", analyzer="newsflow_english")
"""Full text known to be English: the English chain alone (``schemas.mappings.ENGLISH_FILTERS``)."""
WORDS = es(type="text", analyzer="standard")
"""Text searchable by its exact words only (no stemming, no normalization)."""
KEYWORD = es(type="keyword")
NAME = es(type="keyword", fields={"text": {"type": "text", "analyzer": "standard"}})
"""Names: exact keyword for Kibana filters and aggregations, plus ``.text`` for word matches
('Putin' matches 'Vladimir Putin')."""
NOT_INDEXED = es(type="keyword", index=False, doc_values=False)


class Record(BaseModel):
    """Base of every boundary record: strict about unknown versions, tolerant of extra keys
    from newer producers only where a model says so."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_version: Literal[1] = Field(
        default=SCHEMA_VERSION,
        description="Version of this record's schema; unknown versions are dead-lettered.",
        json_schema_extra=es(type="integer"),
    )


class Label(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    LOC = "LOC"
    NORP = "NORP"
    DATE = "DATE"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    QUANTITY = "QUANTITY"
    MISC = "MISC"


VALUE_LABELS = frozenset({Label.DATE, Label.MONEY, Label.PERCENT, Label.QUANTITY})
"""Labels of values (not names): indexed as dates and amounts, not as entities."""


class TextField(StrEnum):
    TITLE = "title"
    BODY = "body"


class ClaimKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    ACCORDING_TO = "according_to"


class Stance(StrEnum):
    ASSERT = "assert"
    DENY = "deny"
    ACCUSE = "accuse"
    WARN = "warn"
    CONFIRM = "confirm"
    ANNOUNCE = "announce"
    ESTIMATE = "estimate"
    QUESTION = "question"
    CALL = "call"
    """Calls for, urges, demands."""


class RawArticle(Record):
    """An article as it arrives from a crawler, feed or wire service (topic ``*.articles.raw``).

    At least one of ``text`` and ``html`` is required. When both are given, ``text`` wins for
    the body (it is what the producer already extracted) and ``html`` still supplies metadata
    (title, date, author) the record lacks; if ``text`` cleans to a teaser (under
    min_body_chars) the body is extracted from ``html`` instead.

    Harmless variations real feeds send are accepted and normalized on the way in (see
    ``schemas.lenient``): dates as RFC 2822, ISO 8601, epoch seconds or milliseconds or a
    written date; ``author`` as a list; ``id`` as a number; ``metadata`` as any JSON object;
    ``null`` for any optional field. Keys this model does not know are kept in ``metadata``.
    """

    model_config = ConfigDict(extra="allow")

    id: Annotated[
        str | None,
        BeforeValidator(to_id, json_schema_input_type=str | int | None),
    ] = Field(
        default=None,
        max_length=256,
        description="Stable article id (a string or a number). If absent: hash of the "
        "canonical URL, else of the normalized content.",
    )
    source: Annotated[str | None, BeforeValidator(to_optional_text)] = Field(
        default=None, max_length=256, description="Site or feed name, e.g. 'example-news.com'."
    )
    url: Annotated[str | None, BeforeValidator(to_optional_text)] = Field(
        default=None, max_length=4096
    )
    title: Annotated[str | None, BeforeValidator(to_optional_text)] = Field(
        default=None,
        max_length=MAX_TITLE_CHARS,
        description="Title, if the producer knows it.",
    )
    title_in_text: bool = Field(
        default=False,
        description="The first line of `text` is the title (as in a plain-text file). "
        "Otherwise a record without a title keeps all its text as body and gets a title "
        "derived from its first line.",
    )
    text: Annotated[
        str | None, BeforeValidator(to_text, json_schema_input_type=str | list[str] | None)
    ] = Field(
        default=None,
        description="Pre-extracted article text (or a list of paragraphs).",
    )
    html: str | None = Field(default=None, description="Raw HTML page.")
    lang: Annotated[str | None, BeforeValidator(to_optional_text)] = Field(
        default=None, description="Language hint (ISO 639-1)."
    )
    author: Annotated[
        str | None,
        BeforeValidator(to_author, json_schema_input_type=str | list[str] | None),
    ] = Field(default=None, description="Author, or a list of authors (joined, order kept).")
    published_at: Annotated[
        datetime | None,
        BeforeValidator(to_datetime, json_schema_input_type=str | int | float | None),
    ] = Field(
        default=None,
        description="ISO 8601 (with or without zone or time), RFC 2822, epoch seconds or "
        "milliseconds, or a date as news sites write it; no zone means UTC.",
    )
    fetched_at: Annotated[
        datetime | None,
        BeforeValidator(to_datetime, json_schema_input_type=str | int | float | None),
    ] = Field(
        default=None,
        description="When the producer fetched it (same forms as published_at); defaults to "
        "receipt time.",
    )
    version: int | None = Field(
        default=None,
        ge=0,
        description="Monotonic content version for this id (Elasticsearch external version). "
        "Defaults to fetched_at in microseconds, so a later fetch replaces an earlier one and a "
        "replay of the same fetch is a no-op.",
    )
    metadata: Annotated[
        JsonObject, BeforeValidator(to_metadata, json_schema_input_type=JsonObject | None)
    ] = Field(
        default_factory=dict,
        description="Any JSON object, kept as it came (values of any JSON type).",
    )

    @model_validator(mode="after")
    def _has_content(self) -> RawArticle:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("article has neither text nor html")
        return self

    @model_validator(mode="after")
    def _keep_unknown_keys(self) -> RawArticle:
        """Keys this schema does not know (a foreign producer's extra fields) are kept in
        ``metadata`` rather than dropped; a key metadata already has is left as it is."""
        extra = self.__pydantic_extra__
        if extra:
            for key, value in extra.items():
                self.metadata.setdefault(key, value)
            extra.clear()
        return self


class Entity(BaseModel):
    """A mention of a person, organisation, place (or other label) in the title or body."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The mention as written (with any clitics removed).")
    label: Label
    field: TextField = Field(description="Which text the offsets index into.")
    start: int = Field(ge=0, description="Start offset (characters) in `field`.")
    end: int = Field(ge=0, description="End offset (exclusive) in `field`.")
    entity_id: str = Field(
        description="Canonical id: a knowledge-base id (Wikidata QID where known) or, for a "
        "discovered name, a stable id from its normalized name and label."
    )
    name: str = Field(description="Canonical display name.")
    names: dict[str, str] = Field(
        default_factory=dict, description="Canonical names by language code, where known."
    )
    confidence: float = Field(default=1.0, ge=0, le=1)


class Speaker(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The speaker mention as written.")
    entity_id: str | None = Field(default=None, description="Entity id when it resolves.")
    name: str | None = Field(default=None, description="Canonical name when it resolves.")
    role: str | None = Field(default=None, description="Role or description as written.")


class ClaimSource(BaseModel):
    """The outlet or channel a claim reached us through, when it differs from the speaker."""

    model_config = ConfigDict(extra="forbid")

    text: str
    entity_id: str | None = None
    name: str | None = None


class Claim(BaseModel):
    """An attributed statement: who said, denied, accused or warned what."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="What was said, without cue and speaker.")
    speaker: Speaker
    source: ClaimSource | None = None
    cue: str = Field(description="The reporting word as written (said, قال, according to …).")
    kind: ClaimKind
    stance: Stance = Stance.ASSERT
    field: TextField
    start: int = Field(ge=0, description="Start of `text` in `field`.")
    end: int = Field(ge=0)
    confidence: float = Field(default=1.0, ge=0, le=1)


class ParagraphLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int = Field(ge=0, description="Paragraph number in `body`.")
    lang: str


class CleanArticle(Record):
    """Output of the clean stage (topic ``*.articles.clean``)."""

    id: str
    source: str | None = None
    url: str | None = None
    lang: str = Field(description="ISO 639-1 language of the article, 'und' if unknown.")
    title: str
    body: str = Field(description="Cleaned text; paragraphs separated by a blank line.")
    author: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime
    version: int = Field(ge=0)
    title_derived: bool = Field(
        default=False,
        description="The record had no title: `title` is shortened from the body's first line "
        "(which stays in the body).",
    )
    metadata: JsonObject = Field(
        default_factory=dict, description="The raw record's metadata, as it came."
    )
    paragraph_langs: list[ParagraphLanguage] = Field(default_factory=list)
    content_hash: str = Field(description="Hash of the normalized content (exact duplicates).")
    duplicate_of: str | None = Field(
        default=None, description="Id of the first-seen article this one (nearly) duplicates."
    )
    duplicate_similarity: float | None = Field(default=None, ge=0, le=1)
    removed_lines: int = Field(default=0, ge=0, description="Lines dropped as chrome/residue.")


class EnrichedArticle(CleanArticle):
    """Output of the extract stage (topic ``*.articles.enriched``): the public contract."""

    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class RejectReason(StrEnum):
    """Why a record went to the dead-letter topic."""

    INVALID_UTF8 = "invalid_utf8"
    BINARY_PAYLOAD = "binary_payload"
    INVALID_JSON = "invalid_json"
    SCHEMA_VALIDATION = "schema_validation"
    UNSUPPORTED_SCHEMA_VERSION = "unsupported_schema_version"
    MISSING_CONTENT = "missing_content"
    OVERSIZE = "oversize"
    TITLE_TOO_LONG = "title_too_long"
    EMPTY_AFTER_CLEANING = "empty_after_cleaning"
    HTML_TOO_COMPLEX = "html_too_complex"
    EXTRACTION_TIMEOUT = "extraction_timeout"
    PROCESSING_ERROR = "processing_error"
    INDEX_REJECTED = "index_rejected"


class DeadLetter(Record):
    """A record that could not be processed (topic ``*.articles.dlq``). Never lost: it keeps
    the original payload so it can be replayed after a fix (``newsflow dlq replay``)."""

    stage: Literal["ingest", "clean", "extract", "index"]
    reason: RejectReason
    error_type: str = Field(description="Exception class name.")
    message: str = Field(description="Human-readable, specific error.")
    article_id: str | None = None
    payload: str = Field(description="The original payload (UTF-8 text, or base64 if not).")
    payload_encoding: Literal["utf-8", "base64"] = "utf-8"
    origin_topic: str | None = None
    origin_partition: int | None = None
    origin_offset: int | None = None
    failed_at: datetime = Field(default_factory=utcnow)


ALL_RECORDS: dict[str, type[BaseModel]] = {
    "RawArticle": RawArticle,
    "CleanArticle": CleanArticle,
    "EnrichedArticle": EnrichedArticle,
    "Entity": Entity,
    "Claim": Claim,
    "DeadLetter": DeadLetter,
}
