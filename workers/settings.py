"""All configuration, from environment variables (prefix ``NEWSFLOW_``) or a ``.env`` file.

Nested groups use a double underscore: ``NEWSFLOW_KAFKA__BOOTSTRAP_SERVERS``,
``NEWSFLOW_ES__URL``. Secrets are ``SecretStr`` so they never appear in logs or reprs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from schemas.mappings import REFRESH_INTERVAL
from workers.core.fieldmap import parse_field_map


class KafkaSettings(BaseModel):
    bootstrap_servers: str = Field(
        default="127.0.0.1:9092", description="Comma-separated host:port list."
    )
    topic_prefix: str = Field(default="newsflow", description="Topics are <prefix>.articles.*")
    partitions: int = Field(default=8, ge=1, description="Partitions of every newsflow topic.")
    replication_factor: int = Field(default=1, ge=1)
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="Transport security towards the brokers."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = Field(
        default=None, description="SASL mechanism for SASL_* protocols (PLAIN if unset)."
    )
    sasl_username: str | None = Field(default=None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(default=None, description="SASL password.")
    ssl_cafile: Path | None = Field(default=None, description="CA bundle for SSL/SASL_SSL.")

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}.articles.{name}"


class ElasticsearchSettings(BaseModel):
    url: str = Field(default="http://127.0.0.1:9200", description="Comma-separated node URLs.")
    index_prefix: str = Field(default="newsflow", description="Aliases <prefix>-articles/-claims")
    api_key: SecretStr | None = Field(
        default=None, description="Encoded API key; takes precedence over basic auth."
    )
    username: str | None = Field(default=None, description="Basic-auth user name.")
    password: SecretStr | None = Field(default=None, description="Basic-auth password.")
    ca_certs: Path | None = Field(default=None, description="CA bundle for https URLs.")
    request_timeout: float = Field(default=30.0, gt=0)
    shards: int = Field(default=1, ge=1)
    replicas: int = Field(default=0, ge=0)
    refresh_interval: str = Field(
        default=REFRESH_INTERVAL,
        pattern=r"^(-1|\d+(ms|s|m))$",
        description="How often new documents become searchable (index setting, applied to the "
        "write index at start-up). Shorter lowers produce→searchable latency and costs "
        "Elasticsearch CPU per article; -1 only refreshes on demand.",
    )

    def alias(self, kind: str) -> str:
        return f"{self.index_prefix}-{kind}"


class WorkerSettings(BaseModel):
    app_id: str = Field(default="newsflow", description="Kafka consumer group / Faust app id.")
    web_port: int = Field(default=6066, description="Health, readiness and metrics endpoint.")
    web_bind: str = Field(
        default="127.0.0.1", description="Address the web endpoint binds (0.0.0.0 in containers)."
    )
    web_enabled: bool = Field(
        default=True, description="Serve /healthz, /readyz and /metrics on web_port."
    )
    data_dir: Path = Field(default=Path(".stack/worker-data"), description="Faust data dir.")
    producer_linger: float = Field(
        default=0.01,
        ge=0,
        description="Seconds a record may wait for others to share its Kafka produce request. "
        "Each request costs the worker and the broker CPU, so a few milliseconds buy fewer, "
        "fuller requests; each stage hop may take this much longer.",
    )
    event_loop: Literal["uvloop", "asyncio"] = Field(
        default="uvloop",
        description="Event loop of the worker process. uvloop (libuv) spends less CPU per "
        "Kafka message and HTTP call than the standard library's loop (docs/operations.md); "
        "asyncio is the fallback where uvloop is not installed.",
    )
    bulk_size: int = Field(default=200, ge=1, description="Max documents per ES bulk request.")
    bulk_seconds: float = Field(
        default=0.1,
        gt=0,
        description="Longest an article waits for others to share its bulk request. A backlog "
        "still fills bulks up to bulk_size (what queues up during one bulk goes into the next); "
        "a quiet feed pays at most this before its articles are sent to Elasticsearch.",
    )
    bulk_max_retries: int = Field(default=8, ge=0, description="Before a batch is dead-lettered.")
    batch_size: int = Field(
        default=16,
        ge=1,
        description="Max articles the clean and extract stages take at once (one thread hop, "
        "and one model call for an entity backend that infers on batches).",
    )
    batch_seconds: float = Field(
        default=0.05,
        gt=0,
        description="Max wait to fill a clean/extract batch: the latency a quiet feed pays.",
    )
    shutdown_timeout: float = Field(
        default=20.0,
        gt=0,
        description="Seconds SIGTERM may spend finishing in-flight work; then the worker exits "
        "without committing what is unfinished (it is redone by the next owner), also when "
        "Kafka or Elasticsearch does not answer.",
    )
    backoff_initial: float = Field(default=0.5, gt=0)
    backoff_max: float = Field(default=30.0, gt=0)
    blocked_retry_seconds: float = Field(
        default=2.0,
        gt=0,
        description="While Elasticsearch refuses writes with a block (flood-stage watermark, "
        "index.blocks.*), retry this often: indexing resumes this soon after the block is lifted.",
    )
    session_timeout: float = Field(
        default=15.0,
        gt=0,
        description="Seconds before the group gives a silent (killed) worker's partitions to "
        "the others. Heartbeats run on their own thread, so busy workers are not evicted.",
    )


class ApiSettings(BaseModel):
    """The HTTP ingest endpoint (``newsflow api``)."""

    bind: str = Field(default="127.0.0.1", description="Address to listen on (0.0.0.0 in a pod).")
    port: int = Field(default=8080, ge=1, le=65535)
    tokens: list[SecretStr] = Field(
        default_factory=list,
        description="Accepted bearer tokens, e.g. NEWSFLOW_API__TOKENS='[\"s3cret\"]'.",
    )
    allow_anonymous: bool = Field(
        default=False, description="Serve without tokens (only on a trusted network)."
    )
    max_body_bytes: int = Field(
        default=16 * 1024 * 1024, ge=1, description="Larger request bodies get 413."
    )
    max_batch: int = Field(default=1000, ge=1, description="Most articles in one request.")
    send_attempts: int = Field(
        default=3, ge=1, description="Tries per record before answering 503."
    )


class ProcessingSettings(BaseModel):
    max_input_bytes: int = Field(
        default=2_000_000, ge=1, description="Larger raw payloads go to the DLQ as oversize."
    )
    min_body_chars: int = Field(
        default=40, ge=0, description="Shorter bodies after cleaning are rejected as empty."
    )
    duplicates: Literal["mark", "drop"] = Field(
        default="mark", description="Index near-duplicates marked duplicate_of, or drop them."
    )
    duplicate_window: int = Field(
        default=40_000,
        ge=1,
        description="Most articles the duplicate index keeps, the newest by fetch time (older "
        "ones are no longer found as originals); every worker holds all of them, ~4.4 KB each. "
        "The defaults keep a worker with both entity models under 1 GiB (docs/operations.md, "
        "'Worker memory').",
    )
    chrome_sources: int = Field(
        default=128,
        ge=1,
        description="Most sources whose recurring lines (site chrome) are learned, each over "
        "its 200 newest articles; the source whose newest article is oldest is forgotten "
        "first. Up to ~1.3 MB of every worker's memory each.",
    )
    html_timeout_seconds: float = Field(default=10.0, gt=0)
    extract_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="Most seconds entity and claim extraction may spend on one article; longer "
        "goes to the DLQ as extraction_timeout and the worker takes the next article.",
    )
    entity_backend: Literal["crf", "rules", "spacy", "transformers"] = Field(
        default="crf",
        description="Entity extractor: the shipped Arabic and English CRF models, the offline "
        "knowledge base and rules alone, or a spaCy or Hugging Face model (entity_model); "
        "every backend is linked to the knowledge base.",
    )
    entity_word_cache: int = Field(
        default=20_000,
        ge=1,
        description="Words whose CRF features each language's tagger remembers, ~3.8 KB each "
        "(~76 MB per language at the default); more saves little CPU (news repeats its "
        "frequent words) and costs memory (docs/operations.md, 'Worker memory').",
    )
    entity_model: str | None = Field(
        default=None,
        description="spaCy/HF model name or path; for crf, a directory holding en.crfsuite "
        "and ar.crfsuite to use instead of the shipped ones.",
    )


class IngestSettings(BaseModel):
    """How incoming records are read (clean stage, process, produce and the HTTP API)."""

    field_map: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=dict,
        description="Field names of foreign records: newsflow field = the record's field, e.g. "
        "'id=docno, source=src, published_at=time' (or the same as a JSON object; a dotted "
        "name such as 'author=byline.name' reads a nested value). Applied before validation, "
        "for topics written by others; `newsflow produce --field-map` applies one while "
        "publishing. Fields not named keep their own names; unknown fields go to metadata.",
    )

    @field_validator("field_map", mode="before")
    @classmethod
    def _parse_field_map(cls, value: Any) -> Any:
        return parse_field_map(value) if isinstance(value, str) else value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEWSFLOW_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    es: ElasticsearchSettings = Field(default_factory=ElasticsearchSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    processing: ProcessingSettings = Field(default_factory=ProcessingSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    stack_dir: Path = Field(
        default=Path(".stack"), description="Local stack cache, data, logs and pid files."
    )
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR.")
    log_format: Literal["json", "text"] = Field(
        default="json", description="Structured JSON lines (with article ids) or plain text."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
