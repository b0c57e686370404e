"""The clean stage: raw text or HTML → clean article text with title, date, author, language,
paragraph languages, content hash and duplicate marks.

``ArticleCleaner`` is a synchronous ``Cleaner`` (``__call__(raw) -> CleanArticle``). It is
pure apart from two shared models that change **only through observations**:

* ``LearnedChrome`` — per-source line statistics (see ``chrome.py``);
* ``DuplicateIndex`` — content hashes and MinHash signatures (see ``duplicates.py``).

``clean(raw)`` returns a ``CleanResult``: the article plus the observations it produced,
without changing any state. ``__call__`` is ``clean`` followed by ``apply`` of its own
observations when ``learn_locally`` is on (the default), and by ``DuplicateArticle`` when the
article is a duplicate and ``duplicate_mode == "drop"``. Workers publish
``result.observation()`` to a topic every worker reads in full and feed what they read to
``apply_observation``; since ``apply`` is idempotent per article and the models are functions of
the *set* of observations, applying one's own early and again from the topic is harmless.

**Text and HTML in one record.** Text wins for the body (it is what the producer already
extracted, and it is two orders of magnitude cheaper), the HTML supplies the title, date and
author the record lacks (from meta tags, without a full extraction). If the text cleans to
less than ``min_body_chars``, the HTML is extracted for the body instead (feeds often carry
only a teaser in ``text``). Text that is itself an HTML page is treated as HTML.

**Threads.** Run the cleaner in an executor thread from asyncio (``loop.run_in_executor``);
HTML extraction inside it goes to a process pool with a hard time limit, and the shared models
are locked, so several executor threads may share one cleaner.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from schemas.models import CleanArticle, ParagraphLanguage, RawArticle, RejectReason
from workers.core.cleaning.chrome import ChromeObservation, LearnedChrome, fingerprint_lines
from workers.core.cleaning.duplicates import (
    DuplicateIndex,
    DuplicateObservation,
    DuplicateVerdict,
)
from workers.core.cleaning.html import (
    HtmlExtraction,
    HtmlExtractor,
    html_date_candidates,
    html_visible_dates,
)
from workers.core.cleaning.lexicon import Lexicon
from workers.core.cleaning.lines import LineJudgement, judge_lines
from workers.core.cleaning.markup import strip_markup
from workers.core.cleaning.residue import strip_residue
from workers.core.dates import choose_published_at, find_dates, parse_datetime
from workers.core.errors import RejectedInput
from workers.core.ids import content_hash
from workers.core.lang import LanguageDetector, get_detector
from workers.core.text import count_letters, has_invalid_unicode, match_form, normalize_display

_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!doctype html|<html\b|<head\b|<body\b)", re.I)
_TAGS = re.compile(r"<(?:p|div|span|a|br|li|h[1-6]|article|section|img)\b[^>]*>", re.I)
_LONG_TOKEN = re.compile(r"\S{40,}")
_WHITESPACE = re.compile(r"\s")
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|words by|author|posted by|بقلم|بواسطة|كتب|كتبت|كتبه|إعداد|اعداد|تحرير"
    r"|الكاتب|المحرر|المراسل|مراسل|أعدته|أعده)\s*[:\-–]?\s*",
    re.I,
)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_OG_TITLE = re.compile(
    r"<meta\b[^>]*(?:property|name)\s*=\s*[\"'](?:og:title|twitter:title)[\"'][^>]*>", re.I
)
_META_AUTHOR = re.compile(
    r"<meta\b[^>]*name\s*=\s*[\"'](?:author|article:author|byl|parsely-author)[\"'][^>]*>", re.I
)
_CONTENT_ATTR = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


class DuplicateArticle(Exception):
    """Not an error: the article duplicates an earlier one and ``duplicate_mode`` is "drop".
    Acknowledge the input and skip it (no DLQ). ``result`` still carries the observations,
    which should be published like any other."""

    def __init__(self, result: CleanResult):
        super().__init__(
            f"{result.article.id} duplicates {result.article.duplicate_of} "
            f"(similarity {result.article.duplicate_similarity})"
        )
        self.result = result


@dataclass
class CleanResult:
    article: CleanArticle
    chrome_observation: ChromeObservation | None = None
    duplicate_observation: DuplicateObservation | None = None
    removed: Counter[str] = field(default_factory=Counter)
    """Removed lines by reason (residue, lexicon, social, block, end, learned, tail …)."""
    path: Literal["text", "html", "text+html"] = "text"
    html_method: str | None = None

    def observation(self) -> dict[str, Any] | None:
        """What this article taught the clean stage, as one JSON-ready record to publish for
        the other workers (None when it taught nothing). One record per article, not one per
        model: each record costs every worker a produce and a consume."""
        parts: dict[str, Any] = {}
        if self.chrome_observation is not None:
            parts["chrome"] = self.chrome_observation.to_dict()
        if self.duplicate_observation is not None:
            parts["duplicate"] = self.duplicate_observation.to_dict()
        return {"type": "article", **parts} if parts else None


@dataclass
class _Prepared:
    raw: RawArticle
    lines: list[str]
    residue_removed: int
    path: Literal["text", "html", "text+html"]
    extraction: HtmlExtraction | None
    source_key: str | None
    chrome_observation: ChromeObservation | None


def source_key(raw: RawArticle) -> str | None:
    """Whose chrome this is: the record's source, else the URL's host."""
    if raw.source and raw.source.strip():
        return raw.source.strip().lower()
    if raw.url:
        host = (urlsplit(raw.url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else (host or None)
    return None


class ArticleCleaner:
    """The clean stage (see the module docstring)."""

    def __init__(
        self,
        *,
        lexicon: Lexicon | None = None,
        chrome: LearnedChrome | None = None,
        duplicates: DuplicateIndex | None = None,
        html_extractor: HtmlExtractor | None = None,
        language: LanguageDetector | None = None,
        min_body_chars: int = 40,
        max_text_chars: int = 2_000_000,
        duplicate_mode: Literal["mark", "drop"] = "mark",
        learn_locally: bool = True,
    ) -> None:
        self.lexicon = lexicon or Lexicon.bundled()
        self.chrome = chrome if chrome is not None else LearnedChrome()
        self.duplicates = duplicates if duplicates is not None else DuplicateIndex()
        self._html = html_extractor
        self.language = language or get_detector()
        self.min_body_chars = min_body_chars
        self.max_text_chars = max_text_chars
        self.duplicate_mode = duplicate_mode
        self.learn_locally = learn_locally

    # -- the Cleaner protocol ------------------------------------------------------------------

    def __call__(self, raw: RawArticle) -> CleanArticle:
        return self.clean_and_learn(raw).article

    def clean_and_learn(self, raw: RawArticle) -> CleanResult:
        """What a worker calls (in an executor thread): clean, fold in its own observations
        (when ``learn_locally``), raise ``DuplicateArticle`` in drop mode. Publish
        ``result.observation()`` (also ``exc.result.observation()`` for a dropped one)."""
        result = self.clean(raw)
        if self.learn_locally:
            self.apply(result)
        if self.duplicate_mode == "drop" and result.article.duplicate_of is not None:
            raise DuplicateArticle(result)
        return result

    def clean(self, raw: RawArticle) -> CleanResult:
        """Clean one article without changing any state."""
        return self._finish(self._prepare(raw))

    # -- observations --------------------------------------------------------------------------

    def apply(self, result: CleanResult) -> None:
        if result.chrome_observation is not None:
            self.chrome.apply(result.chrome_observation)
        if result.duplicate_observation is not None:
            self.duplicates.apply(result.duplicate_observation)

    def apply_observation(self, data: dict[str, Any]) -> bool:
        """Fold in one record read from the shared topic (JSON dict); returns whether the
        state changed. Idempotent. Reads an article's record and the one-model records that
        workers before it published (still in the topic after an upgrade)."""
        kind = data.get("type")
        if kind == "article":  # its models' records inside, each applied as one of its own
            parts = [data[model] for model in ("chrome", "duplicate") if model in data]
            return any([self.apply_observation(part) for part in parts])  # all, not the first
        if kind == "chrome":
            return self.chrome.apply(ChromeObservation.from_dict(data))
        if kind == "duplicate":
            return self.duplicates.apply(DuplicateObservation.from_dict(data))
        raise ValueError(f"unknown observation type {kind!r}")

    # -- batch ---------------------------------------------------------------------------------

    def clean_batch(
        self, raws: Iterable[RawArticle]
    ) -> Iterator[tuple[RawArticle, CleanResult | RejectedInput | DuplicateArticle]]:
        """Two passes: learn chrome over all inputs first, then clean each (in input order,
        marking duplicates as it goes). Yields (raw, result or the rejection)."""
        prepared: list[tuple[RawArticle, _Prepared | RejectedInput]] = []
        for raw in raws:
            try:
                p = self._prepare(raw)
            except RejectedInput as exc:
                prepared.append((raw, exc))
                continue
            if p.chrome_observation is not None:
                self.chrome.apply(p.chrome_observation)
            prepared.append((raw, p))
        for raw, entry in prepared:
            if isinstance(entry, RejectedInput):
                yield raw, entry
                continue
            try:
                result = self._finish(entry)
            except RejectedInput as exc:
                yield raw, exc
                continue
            self.apply(result)
            if self.duplicate_mode == "drop" and result.article.duplicate_of is not None:
                yield raw, DuplicateArticle(result)
            else:
                yield raw, result

    def close(self) -> None:
        if self._html is not None:
            self._html.close()

    # -- internals -----------------------------------------------------------------------------

    @property
    def html_extractor(self) -> HtmlExtractor:
        if self._html is None:
            from workers.core.cleaning.html import HtmlExtractorPool

            self._html = HtmlExtractorPool()
        return self._html

    def _check_input(self, raw: RawArticle, text: str | None, html: str | None) -> None:
        for name, value in (("text", text), ("html", html)):
            if not value:
                continue
            if has_invalid_unicode(value):
                raise RejectedInput(
                    RejectReason.INVALID_UTF8,
                    f"{name} contains undecodable bytes (lone surrogates)",
                    raw.id,
                )
            bad = value.count("\ufffd")
            if bad >= 5 and bad / len(value) > 0.005:
                raise RejectedInput(
                    RejectReason.INVALID_UTF8,
                    f"{name} has {bad} replacement characters: it was decoded lossily",
                    raw.id,
                )
        if text and len(text) > self.max_text_chars:
            raise RejectedInput(
                RejectReason.OVERSIZE,
                f"text is {len(text)} characters; the limit is {self.max_text_chars}",
                raw.id,
            )
        if text and not html:
            visible = len(text) - len(_WHITESPACE.findall(text))
            if visible:
                letters = count_letters(text)
                long_tokens = sum(len(m) for m in _LONG_TOKEN.findall(text))
                if letters / visible < 0.5 or long_tokens / visible > 0.5:
                    raise RejectedInput(
                        RejectReason.BINARY_PAYLOAD,
                        f"text does not look like natural language ({letters / visible:.0%} "
                        f"letters, {long_tokens / visible:.0%} in tokens of 40+ characters)",
                        raw.id,
                    )

    def _prepare(self, raw: RawArticle) -> _Prepared:
        assert raw.id and raw.fetched_at and raw.version is not None, "run with_defaults first"
        text, html = raw.text, raw.html
        if text and not html and _LOOKS_LIKE_HTML.match(text) and len(_TAGS.findall(text)) >= 3:
            text, html = None, text
        self._check_input(raw, text, html)
        extraction = None
        path: Literal["text", "html", "text+html"] = "text"
        lines: list[str] = []
        removed = 0
        if text and text.strip():
            lines, removed = self._text_lines(text)
            if html and _content_chars(lines) < max(self.min_body_chars, 1) * 2:
                lines = []
        if not lines and html and html.strip():
            extraction = self.html_extractor.extract(html, raw.url)
            lines, removed = self._text_lines(extraction.text)
            path = "html" if not text else "text+html"
        source = source_key(raw)
        observation = self.chrome.observe(source, raw.id, raw.fetched_at, raw.version, lines)
        return _Prepared(raw, lines, removed, path, extraction, source, observation)

    def _text_lines(self, text: str) -> tuple[list[str], int]:
        residue = strip_residue(_plain_text(text), self.lexicon)
        lines = [line for line in residue.text.split("\n") if line.strip()]
        return lines, residue.removed

    def _finish(self, p: _Prepared) -> CleanResult:
        raw = p.raw
        assert raw.fetched_at is not None and raw.version is not None and raw.id
        fps, _ = fingerprint_lines(p.lines, self.chrome.head_lines, self.chrome.tail_lines)
        learned = self.chrome.chrome_flags(p.source_key, raw.id, fps)
        judged = judge_lines(p.lines, self.lexicon, learned)
        kept = judged.kept

        title = _plain_line(raw.title)
        html_title = html_author = None
        html_dates: list[str] = []
        if p.extraction is not None:
            html_title, html_author = p.extraction.title, p.extraction.author
            html_dates = p.extraction.date_candidates
        elif raw.html and (not raw.title or not raw.published_at or not raw.author):
            html_title, html_author, html_dates = _html_metadata(raw.html)
        if not title and html_title:
            title = _plain_line(html_title)
        title_derived = False
        if title:
            if kept and _same_line(kept[0], title):
                kept = kept[1:]
        elif kept and p.path == "text" and raw.title_in_text:
            title, kept = kept[0], kept[1:]
        elif kept and p.path == "text":
            # A record's text is all body: the title is only a short copy of its first line.
            title, title_derived = derive_title(kept[0]), True
        elif kept and len(kept[0]) <= 200 and len(kept) > 1:
            title, kept = kept[0], kept[1:]

        body = "\n\n".join(kept)
        if len(body) < self.min_body_chars:
            raise RejectedInput(
                RejectReason.EMPTY_AFTER_CLEANING,
                f"body has {len(body)} characters after cleaning (minimum "
                f"{self.min_body_chars}); {judged.removed} lines removed as chrome/residue",
                raw.id,
            )

        lang = self.language.detect(f"{title}\n{body}")
        if lang == "und":
            lang = (raw.lang or (p.extraction.lang_hint if p.extraction else None) or "und")[:2]
        paragraph_langs = [
            ParagraphLanguage(index=i, lang=code)
            for i, code in enumerate(self.language.detect_paragraphs(kept, default=lang))
        ]

        published = choose_published_at(
            _date_candidates(raw, html_dates, judged, p.lines), raw.fetched_at
        )
        author = _plain_line(raw.author) or _clean_author(html_author) or _byline_author(judged)

        digest = content_hash(title, body)
        dup_obs = self.duplicates.observe(raw.id, raw.fetched_at, raw.version, digest, body)
        verdict: DuplicateVerdict = self.duplicates.check(dup_obs)
        article = CleanArticle(
            id=raw.id,
            source=raw.source,
            url=raw.url,
            lang=lang,
            title=title,
            body=body,
            author=author,
            published_at=published,
            fetched_at=raw.fetched_at,
            version=raw.version,
            title_derived=title_derived,
            metadata=raw.metadata,
            paragraph_langs=paragraph_langs,
            content_hash=digest,
            duplicate_of=verdict.duplicate_of,
            duplicate_similarity=verdict.similarity,
            removed_lines=judged.removed + p.residue_removed,
        )
        removed = Counter(r for r in judged.reasons if r is not None)
        if p.residue_removed:
            removed["shortcode"] += p.residue_removed
        return CleanResult(
            article=article,
            # A duplicate's lines would count its story twice in its source's statistics.
            chrome_observation=p.chrome_observation if verdict.duplicate_of is None else None,
            duplicate_observation=dup_obs,
            removed=removed,
            path=p.path,
            html_method=p.extraction.method if p.extraction else None,
        )


def _plain_text(text: str) -> str:
    """Display form without markup: HTML in a plain-text field must not reach the index."""
    normalized = normalize_display(text)
    plain = strip_markup(normalized)
    return normalized if plain is normalized else normalize_display(plain, fix_mojibake=False)


DERIVED_TITLE_CHARS = 120
_SENTENCE_END = re.compile(r"[.!?؟。](?=\s|$)")


def derive_title(line: str, limit: int = DERIVED_TITLE_CHARS) -> str:
    """A title for a record that has none: its first line's first sentence, shortened at a
    word boundary to ``limit`` characters (with an ellipsis when cut)."""
    line = line.strip()
    end = _SENTENCE_END.search(line)
    if end and end.end() >= 20:
        line = line[: end.end()]
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—،") + "…"


def _plain_line(text: str | None) -> str:
    return " ".join(line for line in _plain_text(text or "").split("\n") if line)


def _content_chars(lines: list[str]) -> int:
    return sum(len(line) for line in lines)


def _same_line(a: str, b: str) -> bool:
    ma, mb = match_form(a), match_form(b)
    return bool(ma) and (
        ma == mb or (len(mb) > 20 and ma.startswith(mb) and len(ma) < len(mb) + 40)
    )


def _date_candidates(
    raw: RawArticle, html_dates: list[str], judged: LineJudgement, lines: list[str]
) -> Iterator[datetime | None]:
    yield raw.published_at
    for value in html_dates:
        yield parse_datetime(value)
    reference = raw.fetched_at or datetime.now(UTC)
    for kind, line in judged.metadata:
        if kind == "date":
            for m in find_dates(line, reference=reference):
                yield m.value


def _clean_author(name: str | None) -> str | None:
    if not name:
        return None
    name = _BYLINE_PREFIX.sub("", _plain_line(name)).strip(" :-–|")
    return name if 2 <= len(name) <= 120 else None


def _byline_author(judged: LineJudgement) -> str | None:
    for kind, line in judged.metadata:
        if kind == "byline":
            name = _BYLINE_PREFIX.sub("", line).strip(" :-–|")
            if 2 <= len(name) <= 80:
                return name
    return None


def _html_metadata(html: str) -> tuple[str | None, str | None, list[str]]:
    """Title, author and date candidates from a page's head, without extraction."""
    head = html[:200_000]
    title = None
    og = _OG_TITLE.search(head)
    if og:
        c = _CONTENT_ATTR.search(og.group(0))
        title = (c.group(1) or c.group(2)) if c else None
    if not title:
        t = _TITLE_TAG.search(head)
        title = re.sub(r"\s+", " ", t.group(1)).strip() if t else None
    author = None
    a = _META_AUTHOR.search(head)
    if a:
        c = _CONTENT_ATTR.search(a.group(0))
        author = (c.group(1) or c.group(2)) if c else None
    # Still escaped: the title and author go through strip_markup, which unescapes once.
    return title, author, html_date_candidates(html) + html_visible_dates(html)


class TextCleaner(ArticleCleaner):
    """Kept name of the first version; same as ``ArticleCleaner``."""
