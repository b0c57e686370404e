"""HTML → article text and metadata with trafilatura, isolated from the caller.

``HtmlExtractorPool`` runs extraction in separate worker processes with a **hard per-page
time limit**: a page that takes longer gets its worker process killed and replaced, and the
caller gets ``RejectedInput(EXTRACTION_TIMEOUT)``. A worker that dies (crash, memory limit)
is replaced too (``HTML_TOO_COMPLEX``). Before a page is sent at all, cheap guards reject
oversize pages (``OVERSIZE``) and absurdly deep or large trees (``HTML_TOO_COMPLEX``).

``extract`` is synchronous and thread-safe, so it is used the same way from the batch command
(directly) and from an asyncio worker (through ``loop.run_in_executor``, which keeps the event
loop free while a page is being extracted). ``InlineHtmlExtractor`` has the same interface and
runs in the calling process without isolation (tests, benchmarks).

Extraction is precision-first: ``favor_precision=True`` with trafilatura's own fallbacks
(readability/jusText); if that yields less than ``min_chars``, the default settings, then
``favor_recall=True``, then trafilatura's ``baseline`` are tried. Paragraph structure is kept:
one paragraph, heading or list item per line.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any, Protocol

from schemas.models import RejectReason
from workers.core.errors import RejectedInput

VOID_ELEMENTS = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("param", "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen"),
        "command",
    }
)
# End tags HTML lets authors omit: counting them would inflate the depth of sloppy pages.
OPTIONAL_END = frozenset(
    {
        *("p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody", "thead"),
        *("tfoot", "colgroup"),
    }
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>|<!--")
_RAW_TEXT = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}


@dataclass
class HtmlLimits:
    max_chars: int = 5_000_000
    max_depth: int = 400
    max_elements: int = 200_000


def check_html(html: str, limits: HtmlLimits) -> None:
    """Reject pages too big or too deeply nested to extract safely (cheap, no parsing)."""
    if len(html) > limits.max_chars:
        raise RejectedInput(
            RejectReason.OVERSIZE,
            f"html is {len(html)} characters; the limit is {limits.max_chars}",
        )
    depth = max_depth = elements = 0
    pos = 0
    while True:
        m = _TAG.search(html, pos)
        if m is None:
            break
        pos = m.end()
        name = m.group(2)
        if name is None:  # a comment: skip to its end
            end = html.find("-->", pos)
            pos = len(html) if end < 0 else end + 3
            continue
        closer = _RAW_TEXT.get(name.lower())
        if closer is not None and not m.group(1):  # script/style body is not markup
            close = closer.search(html, pos)
            pos = len(html) if close is None else close.start()
            continue
        name = name.lower()
        if name in VOID_ELEMENTS or m.group(0).endswith("/>"):
            elements += 1
            continue
        closing = m.group(1)
        if name in OPTIONAL_END:
            if not closing:
                elements += 1
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            elements += 1
            depth += 1
            if depth > max_depth:
                max_depth = depth
                if max_depth > limits.max_depth:
                    raise RejectedInput(
                        RejectReason.HTML_TOO_COMPLEX,
                        f"html nests deeper than {limits.max_depth} elements",
                    )
    if elements > limits.max_elements:
        raise RejectedInput(
            RejectReason.HTML_TOO_COMPLEX,
            f"html has {elements} elements; the limit is {limits.max_elements}",
        )


@dataclass
class HtmlExtraction:
    text: str
    """Main text, one paragraph per line ('' if nothing was found)."""
    title: str | None = None
    author: str | None = None
    date_candidates: list[str] = field(default_factory=list)
    """Publication dates found in metadata, best first (ISO strings or as written)."""
    sitename: str | None = None
    lang_hint: str | None = None
    method: str = "none"


class HtmlExtractor(Protocol):
    def extract(self, html: str, url: str | None = None) -> HtmlExtraction: ...

    def close(self) -> None: ...


# --- extraction proper (runs in the worker process) -------------------------------------

_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_DATE_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publish_date",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "article:modified_time",
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']{6,40})[\"']", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)


_DATE_ELEMENT = re.compile(
    r"<(span|div|p|time|li|small)\b[^>]*(?:class|itemprop|id)\s*=\s*[\"'][^\"']*"
    r"(?:date|time|posted|published|meta|byline)[^\"']*[\"'][^>]*>(.{1,400}?)</\1>",
    re.I | re.S,
)
_STRIP_TAGS = re.compile(r"<[^>]+>")


def html_visible_dates(html: str, limit: int = 3) -> list[str]:
    """Text of date-like elements (class/itemprop naming a date, time or byline), for pages
    whose only date is written out for readers ("نشر في ٢٢ أيار ٢٠٢٥")."""
    out = []
    for m in _DATE_ELEMENT.finditer(html[:300_000]):
        text = " ".join(_STRIP_TAGS.sub(" ", m.group(2)).split())
        if text and any(ch.isdigit() for ch in text):
            out.append(text)
            if len(out) >= limit:
                break
    return out


def html_date_candidates(html: str) -> list[str]:
    """Publication timestamps from meta tags, JSON-LD and <time>, best first."""
    head = html[:200_000]
    found: dict[str, str] = {}
    for tag in _META_TAG.finditer(head):
        attrs = {
            m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(tag.group(0))
        }
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name in _DATE_META_NAMES and attrs.get("content") and name not in found:
            found[name] = attrs["content"].strip()
    ordered = [found[n] for n in _DATE_META_NAMES if n in found]
    ordered += _JSONLD_DATE.findall(head)[:1]
    ordered += _TIME_TAG.findall(html)[:1]
    return ordered


def extract_html(html: str, url: str | None = None, min_chars: int = 200) -> HtmlExtraction:
    import trafilatura

    common: dict[str, Any] = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_links": False,
        "with_metadata": True,
        "deduplicate": False,
        # No guessing from links and body text: a "read also" URL is not the article's date.
        # (max_date must be given: without it htmldate costs ~40 % more.)
        "date_extraction_params": {
            "extensive_search": False,
            "original_date": True,
            "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
        },
    }
    best: Any = None
    method = "none"
    attempts: tuple[tuple[str, dict[str, Any]], ...] = (
        ("precision", {"favor_precision": True}),
        ("default", {}),
        ("recall", {"favor_recall": True}),
    )
    for name, extra in attempts:
        doc: Any = trafilatura.bare_extraction(html, **common, **extra)
        if doc is None:
            continue
        text = (doc.text or "").strip()
        if best is None or len(text) > len((best.text or "").strip()):
            best, method = doc, name
        if len(text) >= min_chars:
            break
    text = (best.text or "").strip() if best is not None else ""
    if len(text) < min_chars:
        try:
            _, base_text, _ = trafilatura.baseline(html)
        except Exception:  # baseline is a last resort; its failure is not the page's
            base_text = ""
        if len(base_text.strip()) > len(text):
            text, method = base_text.strip(), "baseline"
    # Machine-readable dates first, then dates written for readers, then htmldate's guess.
    candidates = html_date_candidates(html) + html_visible_dates(html)
    if best is not None and best.date:
        candidates.append(best.date)
    lang = _HTML_LANG.search(html[:5000])
    return HtmlExtraction(
        text=text,
        title=(best.title or None) if best is not None else None,
        author=(best.author or None) if best is not None else None,
        date_candidates=candidates,
        sitename=(best.sitename or None) if best is not None else None,
        lang_hint=lang.group(1).lower() if lang else None,
        method=method,
    )


def _resolve(spec: str) -> Any:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _child_main(conn: Connection, memory_limit_mb: int | None, extract_fn: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_mb:
        with contextlib.suppress(Exception):
            import resource

            limit = memory_limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import trafilatura  # noqa: F401  (warm the import before reporting ready)

    extract = _resolve(extract_fn)
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        html, url, min_chars = msg
        try:
            conn.send(("ok", extract(html, url, min_chars)))
        except MemoryError:
            conn.send(("too_complex", "extraction ran out of memory"))
        except RecursionError:
            conn.send(("too_complex", "html nests too deeply for the parser"))
        except Exception as exc:  # reported to the caller with its type
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


# --- the pool ------------------------------------------------------------------------------


class _Worker:
    def __init__(
        self, ctx: Any, memory_limit_mb: int | None, startup_timeout: float, extract_fn: str
    ) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = ctx.Process(
            target=_child_main,
            args=(child, memory_limit_mb, extract_fn),
            daemon=True,
            name="html-extract",
        )
        self.process.start()
        child.close()
        self.tasks = 0
        if not self.conn.poll(startup_timeout):
            self.kill()
            raise RuntimeError("html extraction worker did not start in time")
        self.conn.recv()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


class HtmlExtractorPool:
    """Worker processes for HTML extraction with a hard per-page time limit."""

    def __init__(
        self,
        *,
        workers: int = 1,
        timeout: float = 10.0,
        limits: HtmlLimits | None = None,
        min_chars: int = 200,
        max_tasks_per_child: int = 500,
        memory_limit_mb: int | None = 3072,
        startup_timeout: float = 60.0,
        start_method: str = "spawn",
        extract_fn: str = "workers.core.cleaning.html:extract_html",
    ) -> None:
        """``extract_fn`` ("module:function", called as ``fn(html, url, min_chars)`` in the
        worker) exists for tests and alternative extractors."""
        self.timeout = timeout
        self.limits = limits or HtmlLimits()
        self.min_chars = min_chars
        self.max_tasks_per_child = max_tasks_per_child
        self.memory_limit_mb = memory_limit_mb
        self.startup_timeout = startup_timeout
        self.extract_fn = extract_fn
        self._ctx = multiprocessing.get_context(start_method)
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.timeouts = 0
        self.restarts = 0

    def _acquire(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("extractor pool is closed")
            if self._idle:
                return self._idle.pop()
        worker = _Worker(self._ctx, self.memory_limit_mb, self.startup_timeout, self.extract_fn)
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        self.restarts += 1

    def _release(self, worker: _Worker) -> None:
        worker.tasks += 1
        if worker.tasks >= self.max_tasks_per_child:
            worker.stop()
            with self._lock:
                self._all.discard(worker)
            return
        with self._lock:
            if self._closed:
                worker.stop()
            else:
                self._idle.append(worker)

    def warm_up(self) -> None:
        """Start the worker processes now rather than on the first page."""
        self._release_all([self._acquire()])

    def _release_all(self, workers: list[_Worker]) -> None:
        for w in workers:
            with self._lock:
                self._idle.append(w)

    def extract(self, html: str, url: str | None = None) -> HtmlExtraction:
        check_html(html, self.limits)
        with self._slots:
            worker = self._acquire()
            started = time.monotonic()
            try:
                worker.conn.send((html, url, self.min_chars))
                if not worker.conn.poll(self.timeout):
                    self.timeouts += 1
                    self._discard(worker)
                    raise RejectedInput(
                        RejectReason.EXTRACTION_TIMEOUT,
                        f"html extraction took longer than {self.timeout:g}s; worker replaced",
                    )
                status, payload = worker.conn.recv()
            except (EOFError, OSError, BrokenPipeError) as exc:
                self._discard(worker)
                raise RejectedInput(
                    RejectReason.HTML_TOO_COMPLEX,
                    f"html extraction worker died after {time.monotonic() - started:.1f}s "
                    f"({type(exc).__name__}); worker replaced",
                ) from exc
            except RejectedInput:
                raise
            except BaseException:
                self._discard(worker)
                raise
            self._release(worker)
        if status == "ok":
            return payload  # type: ignore[no-any-return,unused-ignore]
        if status == "too_complex":
            raise RejectedInput(RejectReason.HTML_TOO_COMPLEX, payload)
        raise RejectedInput(RejectReason.PROCESSING_ERROR, f"html extraction failed: {payload}")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
        for w in workers:
            w.stop()

    def __enter__(self) -> HtmlExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


class InlineHtmlExtractor:
    """Same interface, in the calling process, no time limit (tests and benchmarks)."""

    def __init__(self, *, limits: HtmlLimits | None = None, min_chars: int = 200) -> None:
        self.limits = limits or HtmlLimits()
        self.min_chars = min_chars

    def extract(self, html: str, url: str | None = None) -> HtmlExtraction:
        check_html(html, self.limits)
        try:
            return extract_html(html, url, self.min_chars)
        except (MemoryError, RecursionError) as exc:
            raise RejectedInput(RejectReason.HTML_TOO_COMPLEX, type(exc).__name__) from exc

    def close(self) -> None:
        pass
