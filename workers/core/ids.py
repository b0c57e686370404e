"""Stable article ids: the given id, else a hash of the canonical URL, else of the content."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from workers.core.text import match_form

TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "amp")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters,
    sorted query, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAMS)
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(
        (
            "https" if parts.scheme in ("http", "https") else parts.scheme,
            host,
            path,
            urlencode(query),
            "",
        )
    )


def _digest(kind: str, value: str) -> str:
    return f"{kind}-" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]


def content_hash(title: str, body: str) -> str:
    return hashlib.sha256(match_form(f"{title}\n{body}").encode("utf-8")).hexdigest()


def article_id(given: str | None, url: str | None, title: str | None, content: str) -> str:
    if given and given.strip():
        return given.strip()
    if url and url.strip():
        return _digest("url", canonical_url(url))
    return _digest("content", match_form(f"{title or ''}\n{content}"))
