"""HTTP for feeds and pages: conditional GET, a total time limit, a byte limit read from the
stream (not trusted from Content-Length alone), redirects followed one by one so a loop is told
apart from a long chain, and page bytes decoded to text (charset from the header, a meta tag, or
detection — windows-1256 Arabic pages included)."""

from __future__ import annotations

import asyncio
import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx
from charset_normalizer import from_bytes

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
"""Media types of article pages; anything else (PDF, images, octet-stream …) is not an article."""
REDIRECTS = (301, 302, 303, 307, 308)
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


class FetchError(Exception):
    """A request that gave nothing usable; ``kind`` is the metric label (``timeout``,
    ``http_404``, ``redirect_loop``, ``too_large``, ``binary_content`` …)."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True)
class Fetched:
    url: str
    """Final URL after redirects."""
    status: int
    headers: Mapping[str, str]
    body: bytes
    elapsed: float

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class Fetcher:
    """One pooled async client; every request has the same limits."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float,
        max_redirects: int,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            transport=transport,
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def get(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
    ) -> Fetched:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            async with asyncio.timeout(self.timeout):
                return await self._follow(url, headers, max_bytes, started)
        except TimeoutError as exc:
            raise FetchError("timeout", f"no complete answer within {self.timeout:g}s") from exc
        except httpx.TimeoutException as exc:
            raise FetchError("timeout", f"timed out: {type(exc).__name__}") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError("bad_url", str(exc)) from exc
        except httpx.DecodingError as exc:
            raise FetchError("bad_encoding", f"content-encoding cannot be decoded: {exc}") from exc
        except httpx.TransportError as exc:
            raise FetchError("connection", f"{type(exc).__name__}: {exc}") from exc

    async def _follow(
        self, url: str, headers: dict[str, str], max_bytes: int, started: float
    ) -> Fetched:
        visited = [url]
        current = url
        for _ in range(self.max_redirects + 1):
            async with self.client.stream("GET", current, headers=headers) as response:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    if target in visited:
                        chain = " → ".join([*visited[visited.index(target) :], target])
                        raise FetchError("redirect_loop", f"redirect loop: {chain}")
                    visited.append(target)
                    current = target
                    continue
                if response.status_code >= 400:
                    raise FetchError(
                        f"http_{response.status_code}",
                        f"HTTP {response.status_code} {response.reason_phrase}",
                        response.status_code,
                    )
                body = await _read_limited(response, max_bytes)
                return Fetched(
                    url=current,
                    status=response.status_code,
                    headers={k.lower(): v for k, v in response.headers.items()},
                    body=body,
                    elapsed=asyncio.get_running_loop().time() - started,
                )
        raise FetchError(
            "too_many_redirects", f"more than {self.max_redirects} redirects from {url}"
        )


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(
            "too_large", f"Content-Length {declared} is over the limit of {max_bytes} bytes"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("too_large", f"body is over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def header_charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return _codec(value)
    return None


def meta_charset(body: bytes) -> str | None:
    match = META_CHARSET.search(body[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def decode_page(body: bytes, content_type: str | None) -> tuple[str, str]:
    """The page as text and the encoding used. Raises ``FetchError`` for a media type that is
    not a page (``wrong_content_type``) or bytes that are not text (``binary_content``)."""
    media = media_type(content_type)
    if media not in PAGE_TYPES:
        raise FetchError("wrong_content_type", f"answered {media!r}, not an HTML page")
    if b"\x00" in body[:8192]:
        raise FetchError("binary_content", "the body holds NUL bytes: binary, not HTML")
    # The header wins (as in browsers), then the document's own declaration, then detection;
    # a declaration the bytes contradict is skipped rather than trusted into mojibake.
    for encoding in (header_charset(content_type), meta_charset(body)):
        if encoding:
            try:
                return body.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body).best()
    if best is None or best.encoding is None:
        raise FetchError("binary_content", "no text encoding fits the bytes")
    return str(best), best.encoding
