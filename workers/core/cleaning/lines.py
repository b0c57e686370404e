"""Line-level boilerplate removal for scraped text (and for text extracted from HTML).

Each line (a paragraph, a heading, a list item or a piece of chrome) is first classified on
its own — residue, lexicon chrome, share bar, block heading, metadata, learned chrome,
content — and then judged in context:

* a *strong block heading* (related articles, comments …) in the second half of the article
  removes everything after it; earlier in the article it acts like a weak one;
* a *weak block heading* (read also …) removes itself and the short headline lines after it,
  up to the next prose paragraph;
* after the *end marker* (``[ad_2]``) only prose that comes before any chrome survives;
* an *end line* (a feed footer such as "The post … appeared first on …") in the second half
  removes itself and everything after it that is not prose;
* in the *tail* after the last prose paragraph, when it holds any chrome, every short line
  that is not a list item or sentence goes too (a site name standing alone, a sign-off menu);
* *metadata* lines (published/updated dates, bylines) count only in the head or tail, and a
  date line only when it holds a date; they are removed and handed back for date/author.

Learned chrome is applied with a guard: if it would remove more than half of the article's
characters, the source is probably republishing the same story (updates, duplicates), so only
short non-prose lines are taken as learned chrome for that article.

In-body subheadings, quotes, lists, numbers and dates are kept: nothing here removes a line
for being short unless it sits in a chrome block or a chrome-bearing tail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workers.core.cleaning.lexicon import Lexicon, line_key
from workers.core.cleaning.residue import END_SENTINEL, is_slug_line
from workers.core.dates import date_coverage
from workers.core.text import match_form

_SENTENCE_END = re.compile(r"[.!?؟…:;»”\"'’)\]]\s*$")
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪●◦]\s|\(?\d{1,3}[.)\-]\s|\(?[٠-٩]{1,3}[.)\-]\s)")
_QUOTE_START = re.compile(r"^[«“\"‘']")
_FULL_STOP = re.compile(r"[.!?؟…][\"'”»’]*\s*$")
_SENTENCE_STOP = re.compile(r"[.!?؟…][\"'”»’)]*\s*$")
_BREADCRUMB_SEP = re.compile(r"\s[>›»/|]\s|\s*[›»]\s*")
_HAS_DATE_WORDS = re.compile(r"\d")
_BYLINE_KINDS = re.compile(
    r"^(?:by|written by|words by|author|بقلم|كتب|كتبت|كتبه|اعداد|تحرير|الكاتب|المحرر|المراسل"
    r"|مراسل|اعدته|اعده)\b"
)

CHROME_REASONS = frozenset(
    {"lexicon", "social", "block", "end", "learned", "breadcrumb", "metadata", "residue"}
)


def is_prose(line: str) -> bool:
    words = line.count(" ") + 1
    return len(line) >= 120 or (words >= 8 and bool(_SENTENCE_END.search(line)))


def is_content_like(line: str) -> bool:
    """Lines the tail sweep never removes: prose, sentences, list items, quotations."""
    return (
        is_prose(line)
        or bool(_LIST_ITEM.match(line))
        or bool(_QUOTE_START.match(line))
        or (line.count(" ") >= 2 and bool(_SENTENCE_STOP.search(line)))
    )


@dataclass
class LineJudgement:
    lines: list[str]
    reasons: list[str | None]
    """None = kept; else why the line was removed."""
    metadata: list[tuple[str, str]] = field(default_factory=list)
    """(kind, line) for removed metadata lines: kind 'date' or 'byline'."""

    @property
    def kept(self) -> list[str]:
        return [line for line, r in zip(self.lines, self.reasons, strict=True) if r is None]

    @property
    def removed(self) -> int:
        return sum(1 for r in self.reasons if r is not None)


def _classify(line: str, lexicon: Lexicon) -> tuple[str, str]:
    """(class, matching form) of one line, without context."""
    if line == END_SENTINEL:
        return "end_marker", ""
    if is_slug_line(line):
        return "residue", ""
    key = line_key(line)
    norm = match_form(line)
    if not key:
        # Only punctuation, digits or symbols: separators, counters, icons.
        return (
            "residue" if not any(ch.isdigit() for ch in line) or len(line) < 4 else "content"
        ), norm
    if lexicon.is_block_strong(key):
        return "block_strong", norm
    if lexicon.is_block_weak(key):
        return "block_weak", norm
    if lexicon.is_exact(key):
        return "lexicon", norm
    if lexicon.is_social_line(key):
        return "social", norm
    if lexicon.matches_end(norm):
        return "end", norm
    if lexicon.matches_pattern(norm):
        return "lexicon", norm
    if lexicon.matches_metadata(norm):
        return "metadata", norm
    return "content", norm


def judge_lines(
    lines: Sequence[str],
    lexicon: Lexicon,
    learned: Sequence[bool] | None = None,
) -> LineJudgement:
    """Decide, for each non-empty line, whether it is article content."""
    lines = list(lines)
    n = len(lines)
    classes: list[str] = []
    norms: list[str] = []
    for line in lines:
        cls, norm = _classify(line, lexicon)
        classes.append(cls)
        norms.append(norm)
    reasons: list[str | None] = [None] * n
    prose = [classes[i] == "content" and is_prose(lines[i]) for i in range(n)]

    # Learned chrome, with the republishing guard.
    if learned is not None:
        flagged = [i for i in range(n) if learned[i] and classes[i] == "content"]
        total = sum(len(lines[i]) for i in range(n) if classes[i] == "content") or 1
        if sum(len(lines[i]) for i in flagged) > total / 2:
            flagged = [i for i in flagged if not prose[i]]
        for i in flagged:
            classes[i] = "learned"
            prose[i] = False

    prose_chars = [len(lines[i]) if prose[i] else 0 for i in range(n)]
    before = [0] * (n + 1)
    for i in range(n):
        before[i + 1] = before[i] + prose_chars[i]
    total_prose = before[n]

    def second_half(i: int) -> bool:
        after = total_prose - before[i + 1]
        return before[i] > 0 and before[i] >= after

    def is_chrome_class(i: int) -> bool:
        return classes[i] in (
            "lexicon",
            "social",
            "block_strong",
            "block_weak",
            "end",
            "learned",
            "residue",
        )

    # End marker: after it, only full sentences before the first chrome line survive.
    cut_from = n
    marker = next((i for i in range(n) if classes[i] == "end_marker"), None)
    if marker is not None:
        reasons[marker] = "residue"
        chrome_seen = False
        for i in range(marker + 1, n):
            if is_chrome_class(i):
                chrome_seen = True
            if chrome_seen or not (len(lines[i]) >= 80 and _FULL_STOP.search(lines[i])):
                reasons[i] = "end"

    # Strong blocks in the second half cut the rest; end lines ("continue reading", feed
    # footers) only when little prose follows them.
    for i in range(n):
        if classes[i] == "block_strong" and second_half(i):
            cut_from = i
            break
        if classes[i] == "end" and before[i] > 0 and total_prose - before[i + 1] <= before[i] / 2:
            cut_from = i
            break
    for i in range(cut_from, n):
        if reasons[i] is None:
            reasons[i] = "block" if classes[cut_from] == "block_strong" else "end"

    # Weak blocks (and strong ones earlier in the article): heading + short headlines.
    i = 0
    while i < cut_from:
        if classes[i] in ("block_weak", "block_strong") and reasons[i] is None:
            reasons[i] = "block"
            j = i + 1
            taken = 0
            while j < cut_from and taken < 3 and not prose[j] and not _LIST_ITEM.match(lines[j]):
                if _looks_like_subheading(lines, prose, j):
                    break
                if classes[j] == "content" and not is_content_like(lines[j]):
                    reasons[j] = "block"
                    taken += 1
                elif classes[j] != "content":
                    break
                j += 1
            i = j
            continue
        i += 1

    # Line-level chrome.
    for i in range(n):
        if reasons[i] is None and classes[i] in ("lexicon", "social", "residue", "learned", "end"):
            reasons[i] = classes[i] if classes[i] != "end" else "lexicon"

    kept_prose = [i for i in range(n) if prose[i] and reasons[i] is None]
    first_prose = kept_prose[0] if kept_prose else n
    last_prose = kept_prose[-1] if kept_prose else -1

    # Metadata: only in head or tail.
    metadata: list[tuple[str, str]] = []
    for i in range(n):
        if reasons[i] is not None:
            continue
        in_head = i < first_prose
        in_tail = i > last_prose
        if not (in_head or in_tail):
            continue
        kind = _metadata_kind(lines[i], norms[i], classes[i])
        if kind:
            reasons[i] = "metadata"
            metadata.append((kind, lines[i]))
        elif in_head and _is_breadcrumb(lines[i]):
            reasons[i] = "breadcrumb"

    # Tail sweep: a chrome-bearing tail loses its short non-content lines.
    if last_prose >= 0:
        tail = range(last_prose + 1, n)
        if any(reasons[i] is not None and reasons[i] != "residue" for i in tail):
            for i in tail:
                if reasons[i] is None and not is_content_like(lines[i]):
                    reasons[i] = "tail"
    return LineJudgement(lines, reasons, metadata)


def _looks_like_subheading(lines: list[str], prose: list[bool], j: int) -> bool:
    """A short line right before a prose paragraph: an in-body subheading, not a link."""
    return lines[j].count(" ") <= 3 and j + 1 < len(lines) and prose[j + 1]


def _metadata_kind(line: str, norm: str, cls: str) -> str | None:
    if len(line) > 160:
        return None
    coverage, _ = (
        date_coverage(line)
        if _HAS_DATE_WORDS.search(norm)
        or "منذ" in norm
        or "امس" in norm
        or "ago" in norm
        or "yesterday" in norm
        else (0.0, None)
    )
    if cls == "metadata":
        if coverage > 0:
            return "date"
        if _BYLINE_KINDS.match(norm) and len(norm.split()) <= 8 and not is_prose(line):
            return "byline"
        return None
    if coverage >= 0.6:
        return "date"
    return None


def _is_breadcrumb(line: str) -> bool:
    if len(line) > 150 or is_prose(line):
        return False
    parts = [p for p in _BREADCRUMB_SEP.split(line) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)
