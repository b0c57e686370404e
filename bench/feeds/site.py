"""A news site on 127.0.0.1 for the feed tests and the feed benchmark: routes written by the
caller (feeds, pages, robots.txt, faults), every request counted per path, conditional GET
answered with 304 when the ETag or Last-Modified matches, and the most requests it ever had in
flight at once (to check per-host concurrency).

Runs in threads (``ThreadingHTTPServer``) so synchronous integration tests and asyncio tests
can both use it; faults that hold a request (``delay``) do not block the other routes.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: float | None = None
    """Unix time sent as Last-Modified (and compared with If-Modified-Since)."""
    delay: float = 0.0
    """Seconds to wait before answering (timeouts)."""
    send_length: bool = True
    """False: no Content-Length, the body ends when the connection closes."""


class FeedSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                # Headers and body go out in two writes: without this, Nagle's algorithm and
                # the client's delayed ACK add ~40 ms to every answer on loopback.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                # Like most web servers, a page ignores query strings it does not route
                # (utm_* tracking added by feeds); hits count the page, not the spelling.
                path = self.path
                if path not in site.routes:
                    path = path.split("?", 1)[0]
                with site.lock:
                    site.hits[path] += 1
                    site.in_flight += 1
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    site._answer(self, path)
                finally:
                    with site.lock:
                        site.in_flight -= 1

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, route: Route | None = None, **fields: Any) -> str:
        self.routes[path] = route or Route(**fields)
        return self.url(path)

    def page_hits(self, prefix: str = "/") -> int:
        return sum(n for path, n in self.hits.items() if path.startswith(prefix))

    def start(self) -> FeedSite:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> FeedSite:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def _answer(self, handler: BaseHTTPRequestHandler, path: str) -> None:
        route = self.routes.get(path)
        if route is None:
            route = Route(body=b"not here", status=404, content_type="text/plain")
        if route.delay:
            time.sleep(route.delay)
        fresh = (route.etag and handler.headers.get("If-None-Match") == route.etag) or (
            route.last_modified is not None
            and not route.etag
            and handler.headers.get("If-Modified-Since")
            == formatdate(route.last_modified, usegmt=True)
        )
        status = 304 if fresh and route.status == 200 else route.status
        body = b"" if status == 304 else route.body
        try:
            handler.send_response(status)
            if route.content_type and status != 304:
                handler.send_header("Content-Type", route.content_type)
            if route.etag:
                handler.send_header("ETag", route.etag)
            if route.last_modified is not None:
                handler.send_header("Last-Modified", formatdate(route.last_modified, usegmt=True))
            for name, value in route.headers.items():
                handler.send_header(name, value)
            if route.send_length or status == 304:
                handler.send_header("Content-Length", str(len(body)))
            else:
                handler.send_header("Connection", "close")
                handler.close_connection = True
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout): what the test wants


# --- documents ------------------------------------------------------------------------------


@dataclass
class Entry:
    """One item as a feed lists it."""

    url: str
    title: str
    author: str | None = None
    date: float = 1_718_000_000.0
    """Unix time; written in each format's own date syntax (RFC 2822 in RSS)."""
    summary: str = ""
    guid: str | None = None


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _iso(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at))


def rss(entries: list[Entry], title: str = "Test wire") -> bytes:
    items = "".join(
        "<item>"
        f"<title>{_xml(e.title)}</title><link>{_xml(e.url)}</link>"
        + (f"<author>{_xml(e.author)}</author>" if e.author else "")
        + f"<pubDate>{formatdate(e.date, usegmt=True)}</pubDate>"
        + (f"<guid>{_xml(e.guid)}</guid>" if e.guid else "")
        + (f"<description>{_xml(e.summary)}</description>" if e.summary else "")
        + "</item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{_xml(title)}</title><link>http://example.invalid/</link>"
        f"<description>feed</description>{items}</channel></rss>"
    ).encode()


def atom(entries: list[Entry], title: str = "Test wire") -> bytes:
    items = "".join(
        f"<entry><title>{_xml(e.title)}</title>"
        f'<link rel="alternate" href="{_xml(e.url)}"/>'
        f"<id>{_xml(e.guid or e.url)}</id>"
        f"<published>{_iso(e.date)}</published><updated>{_iso(e.date)}</updated>"
        + (f"<author><name>{_xml(e.author)}</name></author>" if e.author else "")
        + (f"<summary>{_xml(e.summary)}</summary>" if e.summary else "")
        + "</entry>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{_xml(title)}</title><id>urn:test</id><updated>{_iso(1_718_000_000)}</updated>"
        f"{items}</feed>"
    ).encode()


def json_feed(entries: list[Entry], title: str = "Test wire") -> bytes:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [
                {
                    "id": e.guid or e.url,
                    "url": e.url,
                    "title": e.title,
                    "date_published": _iso(e.date),
                    **({"authors": [{"name": e.author}]} if e.author else {}),
                    **({"summary": e.summary} if e.summary else {}),
                }
                for e in entries
            ],
        },
        ensure_ascii=False,
    ).encode()


def news_sitemap(entries: list[Entry], publication: str = "Test Wire") -> bytes:
    urls = "".join(
        f"<url><loc>{_xml(e.url)}</loc><news:news><news:publication>"
        f"<news:name>{_xml(publication)}</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{_iso(e.date)}</news:publication_date>"
        f"<news:title>{_xml(e.title)}</news:title></news:news></url>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    ).encode()


def sitemap_index(children: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{_xml(c)}</loc></sitemap>" for c in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}'
        "</sitemapindex>"
    ).encode()


def article_page(title: str, paragraphs: list[str], meta_charset: str | None = None) -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{_xml(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head>{meta}<title>{_xml(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a> · <a href='/world'>World</a></nav>"
        f"<article><h1>{_xml(title)}</h1>{body}</article>"
        "<footer>© Test Wire</footer></body></html>"
    )
