"""Feed documents → items. RSS 2.0 and Atom go through feedparser; JSON Feed is JSON; news
sitemaps (and sitemap indexes) are parsed with lxml, entities and network access off.

``parse_feed`` never raises on a document it can read part of: a malformed XML feed whose
items feedparser's lenient parser recovers yields them with ``problem="malformed_xml"`` so the
caller counts it and polling goes on. A document with nothing usable raises ``FeedFormatError``
naming the kind of problem (``malformed_xml``, ``wrong_content_type``, ``not_a_feed``).
"""

from __future__ import annotations

import gzip
import hashlib
import warnings
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from time import struct_time
from typing import Any, Literal
from urllib.parse import urljoin

import feedparser
import orjson
from lxml import etree

FeedKind = Literal["auto", "rss", "atom", "jsonfeed", "sitemap"]

FEED_CONTENT_TYPES = (
    "xml",  # application/rss+xml, application/atom+xml, text/xml, application/xml
    "json",  # application/feed+json, application/json
    "text/plain",  # some servers send feeds as plain text; the parser decides
    "octet-stream",
    "gzip",  # sitemap.xml.gz
)
"""A feed answered with another media type (text/html, image/…) is the wrong resource unless its
body still parses as a feed."""

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedFormatError(ValueError):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    guid: str | None = None
    summary: str | None = None
    site: str | None = None
    """Publication name the feed gives for this item (news sitemaps), if any."""

    @property
    def fingerprint(self) -> str:
        """What the feed says about the item; a change means the item may have new content."""
        parts = [
            self.guid or "",
            self.title or "",
            self.summary or "",
            self.updated_at.isoformat() if self.updated_at else "",
            self.published_at.isoformat() if self.published_at else "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass
class ParsedFeed:
    format: str
    items: list[FeedItem] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    """Child sitemaps of a sitemap index, to fetch in the same poll."""
    problem: str | None = None
    """Kind of a recovered defect (the items are still usable), e.g. ``malformed_xml``."""
    detail: str | None = None


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _looks_like_feed_type(content_type: str | None) -> bool:
    media = _media_type(content_type)
    return not media or any(token in media for token in FEED_CONTENT_TYPES)


def _utc(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def parse_datetime(text: str | None) -> datetime | None:
    """ISO 8601 / W3C datetime (JSON Feed, sitemaps); ``None`` when absent or unreadable."""
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        if len(value) == 10:
            return _utc(date.fromisoformat(value))
        return _utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _from_struct(value: struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields: RFC 2822 / ISO dates already normalised to UTC."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def parse_feed(
    body: bytes, content_type: str | None, url: str, kind: FeedKind = "auto"
) -> ParsedFeed:
    if body[:2] == b"\x1f\x8b":  # a gzipped sitemap served as a file, not Content-Encoding
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError) as exc:
            raise FeedFormatError("malformed_gzip", f"gzip body cannot be read: {exc}") from exc
    head = body.lstrip()[:512]
    if kind == "jsonfeed" or (kind == "auto" and head.startswith(b"{")):
        return _parse_json_feed(body, url)
    if kind == "sitemap" or (kind == "auto" and (b"<urlset" in head or b"<sitemapindex" in head)):
        return _parse_sitemap(body, url)
    return _parse_xml_feed(body, content_type, url)


def _parse_xml_feed(body: bytes, content_type: str | None, url: str) -> ParsedFeed:
    with warnings.catch_warnings():
        # feedparser warns about its updated→published fallback on every entry without one.
        warnings.simplefilter("ignore", DeprecationWarning)
        parsed = feedparser.parse(
            body,
            response_headers={"content-type": content_type or "application/xml"},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        items = [item for entry in parsed.entries if (item := _entry_item(entry, url))]
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    malformed = isinstance(bozo, (xml.sax.SAXException, feedparser.UndeclaredNamespace))
    if not items and not _looks_like_feed_type(content_type):
        raise FeedFormatError(
            "wrong_content_type", f"answered {_media_type(content_type)!r}, which is not a feed"
        )
    if malformed and not items:
        raise FeedFormatError("malformed_xml", f"not well-formed XML, no item readable: {bozo}")
    if not parsed.version and not items:
        raise FeedFormatError("not_a_feed", "no RSS, Atom, JSON Feed or sitemap found")
    if malformed:
        return ParsedFeed(parsed.version or "xml", items, problem="malformed_xml", detail=str(bozo))
    return ParsedFeed(parsed.version or "xml", items)


def _entry_item(entry: Any, base: str) -> FeedItem | None:
    link = entry.get("link")
    if not link:
        # Atom entries may only give alternate links; RSS may put the URL in the guid.
        links = [ln.get("href") for ln in entry.get("links", []) if ln.get("href")]
        guid = entry.get("id")
        link = links[0] if links else guid if entry.get("guidislink") else None
    if not link or not isinstance(link, str):
        return None
    link = urljoin(base, link.strip())
    if not link.startswith(("http://", "https://")):
        return None
    author = _clean(entry.get("author"))
    if not author and entry.get("authors"):
        author = _clean(", ".join(a.get("name", "") for a in entry["authors"] if a.get("name")))
    return FeedItem(
        url=link,
        title=_clean(entry.get("title")),
        author=author,
        published_at=_from_struct(entry.get("published_parsed"))
        or _from_struct(entry.get("created_parsed")),
        updated_at=_from_struct(entry.get("updated_parsed")),
        guid=_clean(entry.get("id")),
        summary=entry.get("summary") or None,
    )


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise FeedFormatError("malformed_json", f"JSON Feed is not valid JSON: {exc}") from exc
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        raise FeedFormatError("not_a_feed", "JSON without a jsonfeed.org version")
    items = []
    for entry in data.get("items") or []:
        if not isinstance(entry, dict):
            continue
        link = entry.get("url") or entry.get("external_url")
        if not isinstance(link, str):
            continue
        link = urljoin(url, link.strip())
        if not link.startswith(("http://", "https://")):
            continue
        authors = entry.get("authors") or ([entry["author"]] if entry.get("author") else [])
        names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        items.append(
            FeedItem(
                url=link,
                title=_clean(entry.get("title")),
                author=_clean(", ".join(names)) if names else None,
                published_at=parse_datetime(entry.get("date_published")),
                updated_at=parse_datetime(entry.get("date_modified")),
                guid=_clean(str(entry["id"])) if entry.get("id") is not None else None,
                summary=entry.get("summary") or entry.get("content_text") or None,
            )
        )
    return ParsedFeed("jsonfeed", items)


_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


def _text(node: Any, path: str) -> str | None:
    found = node.find(path)
    return _clean(found.text) if found is not None and found.text else None


def _parse_sitemap(body: bytes, url: str) -> ParsedFeed:
    try:
        root = etree.fromstring(body, parser=_XML)
    except etree.XMLSyntaxError as exc:
        raise FeedFormatError("malformed_xml", f"sitemap is not well-formed XML: {exc}") from exc
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        children = [
            urljoin(url, loc)
            for node in root.iter(f"{SITEMAP_NS}sitemap", "sitemap")
            if (loc := _text(node, f"{SITEMAP_NS}loc") or _text(node, "loc"))
        ]
        return ParsedFeed("sitemapindex", children=children)
    if tag != "urlset":
        raise FeedFormatError("not_a_feed", f"XML root <{tag}> is not a sitemap")
    items = []
    for node in root.iter(f"{SITEMAP_NS}url", "url"):
        loc = _text(node, f"{SITEMAP_NS}loc") or _text(node, "loc")
        if not loc:
            continue
        news = node.find(f"{NEWS_NS}news")
        lastmod = parse_datetime(_text(node, f"{SITEMAP_NS}lastmod") or _text(node, "lastmod"))
        title = published = site = None
        if news is not None:
            title = _text(news, f"{NEWS_NS}title")
            published = parse_datetime(_text(news, f"{NEWS_NS}publication_date"))
            site = _text(news, f"{NEWS_NS}publication/{NEWS_NS}name")
        items.append(
            FeedItem(
                url=urljoin(url, loc),
                title=title,
                published_at=published,
                updated_at=lastmod,
                site=site,
            )
        )
    return ParsedFeed("sitemap", items)
