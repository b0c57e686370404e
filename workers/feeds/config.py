"""``FEEDS.toml``: which feeds to poll and how politely. Validated at start; an invalid file stops
the process with a message naming the key.

    [defaults]
    poll_seconds = 60

    [[feed]]
    url = "https://example-news.com/rss.xml"
    source = "example-news.com"
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class FeedsConfigError(ValueError):
    """FEEDS.toml is missing, not TOML, or does not validate."""


class FeedDefaults(BaseModel):
    """Defaults for every feed, and the limits of the feed process (the ``[defaults]`` table)."""

    model_config = ConfigDict(extra="forbid")

    poll_seconds: float = Field(
        default=60.0, gt=0, description="Seconds between two polls of a feed that answered."
    )
    backoff_max_seconds: float = Field(
        default=1800.0,
        gt=0,
        description="Longest wait after repeated errors (the wait doubles per failed poll).",
    )
    user_agent: str = Field(
        default="newsflow-feeds/0.1 (+https://github.com/newsflow)",
        description="User-Agent header; also the agent name matched in robots.txt.",
    )
    timeout_seconds: float = Field(
        default=20.0, gt=0, description="Total time for one request, body included."
    )
    max_redirects: int = Field(default=5, ge=0, description="More redirects are an error.")
    max_feed_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1, description="Larger feed documents are an error."
    )
    max_page_bytes: int = Field(
        default=2_000_000,
        ge=1,
        description="Larger article pages are skipped (keep at most processing.max_input_bytes).",
    )
    host_concurrency: int = Field(
        default=2, ge=1, description="Requests in flight to one host at a time."
    )
    host_delay_seconds: float = Field(
        default=1.0,
        ge=0,
        description="Pause between two requests to one host (a larger robots.txt Crawl-delay "
        "wins).",
    )
    concurrency: int = Field(
        default=16, ge=1, description="Page fetches in flight across all hosts."
    )
    respect_robots: bool = Field(
        default=True, description="Fetch robots.txt per host and skip disallowed pages."
    )
    robots_ttl_seconds: float = Field(
        default=3600.0, gt=0, description="How long a host's robots.txt is trusted."
    )
    max_items_per_poll: int = Field(
        default=500, ge=1, description="New items taken from one poll (the newest first)."
    )


class FeedSpec(BaseModel):
    """One ``[[feed]]`` entry."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(description="Feed URL (http or https).")
    name: str | None = Field(
        default=None, description="Name in metrics, logs and the status index; default: the URL."
    )
    source: str | None = Field(
        default=None,
        description="RawArticle.source of its articles; default: the site host of the feed.",
    )
    kind: Literal["auto", "rss", "atom", "jsonfeed", "sitemap"] = Field(
        default="auto", description="Format; auto detects RSS, Atom, JSON Feed and sitemaps."
    )
    lang: str | None = Field(default=None, description="Language hint for its articles.")
    poll_seconds: float | None = Field(
        default=None, gt=0, description="Overrides defaults.poll_seconds for this feed."
    )

    @model_validator(mode="after")
    def _http_url(self) -> FeedSpec:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"feed url must be http(s)://host/…, got {self.url!r}")
        return self

    @property
    def label(self) -> str:
        return self.name or self.url

    @property
    def site(self) -> str:
        if self.source:
            return self.source
        host = (urlsplit(self.url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host


class FeedsConfig(BaseModel):
    """The whole FEEDS.toml file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    defaults: FeedDefaults = Field(default_factory=FeedDefaults)
    feeds: list[FeedSpec] = Field(
        alias="feed", min_length=1, description="One [[feed]] table per feed."
    )
    web_port: int = Field(
        default=6070, ge=0, le=65535, description="Port of /healthz and /metrics (0: off)."
    )
    web_bind: str = Field(
        default="127.0.0.1", description="Address of /healthz and /metrics (0.0.0.0 in a pod)."
    )
    status_index: bool = Field(
        default=True,
        description="Write one status document per poll to the <prefix>-feeds index (Kibana "
        "panel 'Feed health').",
    )

    @model_validator(mode="after")
    def _unique_labels(self) -> FeedsConfig:
        labels = [f.label for f in self.feeds]
        doubled = sorted({label for label in labels if labels.count(label) > 1})
        if doubled:
            raise ValueError(f"feeds listed twice (give them distinct names): {doubled}")
        return self

    def poll_seconds(self, feed: FeedSpec) -> float:
        return feed.poll_seconds or self.defaults.poll_seconds


def load_config(path: Path) -> FeedsConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FeedsConfigError(f"{path}: no such file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FeedsConfigError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return FeedsConfig.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors()
        )
        raise FeedsConfigError(f"{path}: {problems}") from exc
