"""Site-chrome lexicons (data files under ``workers/data/cleaning/``) and line tests on them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from workers.core.text import match_form

MAX_PATTERN_LINE = 300
"""Regular-expression entries only judge lines up to this length: a body paragraph that
mentions "all rights reserved" is not chrome."""

_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
_COUNTER = re.compile(r"^\(?\d+\)?\s+|\s+\(?\d+\)?$")
_SEPARATORS = re.compile(r"[\s|/•·,;:>›»<‹«\-_*+()\[\]]+")

SECTIONS = ("exact", "pattern", "block_strong", "block_weak", "social", "metadata", "end")


LINE_KEY_CACHE = 8192
"""Lines whose keys are remembered: the recurring ones (chrome, boilerplate) and the lines of the
articles being cleaned, whose keys are asked for twice (line classes, chrome fingerprints)."""
LINE_KEY_CACHED_CHARS = 1000
"""Longer lines are not remembered. The cache holds its lines and their keys, so a bound in
lines alone is none in bytes: 32,768 lines were ~28 MB of a worker on the Arabic feed, and text
without line breaks (one 6,000-character line per article) would have made it 1–2 GB. With
these two bounds it holds at most ~33 MB (~70 MB for text outside the Basic Multilingual
Plane); the longer lines, rare, are keyed twice."""


def line_key(line: str) -> str:
    """Matching form without edge punctuation, bullets, icons and counters: the key of
    ``[exact]``-style entries ("Comments (3)", "• Share »" and "شارك:" all reduce)."""
    if len(line) > LINE_KEY_CACHED_CHARS:
        return _line_key(line)
    return _cached_line_key(line)


def _line_key(line: str) -> str:
    key = match_form(line)
    key = _EDGE_JUNK.sub("", key)
    key = _COUNTER.sub("", key)
    return _EDGE_JUNK.sub("", key)


_cached_line_key = lru_cache(maxsize=LINE_KEY_CACHE)(_line_key)


@dataclass
class Lexicon:
    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    block_strong: set[str] = field(default_factory=set)
    block_weak: set[str] = field(default_factory=set)
    social: set[str] = field(default_factory=set)
    metadata: list[re.Pattern[str]] = field(default_factory=list)
    end: list[re.Pattern[str]] = field(default_factory=list)
    drop_shortcodes: set[str] = field(default_factory=set)
    unwrap_shortcodes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._compile()

    def _compile(self) -> None:
        alts = sorted((re.escape(s) for s in self.social if s), key=len, reverse=True)
        self._social_re = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        self._pattern_re = _Union(self.patterns)
        self._end_re = _Union(self.end)

    # -- loading ---------------------------------------------------------------------------

    @classmethod
    def from_directory(cls, directory: Path | str) -> Lexicon:
        directory = Path(directory)
        lex = cls()
        for path in sorted(directory.glob("chrome.*.txt")):
            lex.add_chrome_file(path.read_text(encoding="utf-8"), str(path))
        codes = directory / "shortcodes.txt"
        if codes.exists():
            lex.add_shortcode_file(codes.read_text(encoding="utf-8"))
        lex._compile()
        return lex

    @classmethod
    def bundled(cls) -> Lexicon:
        return _bundled()

    def add_chrome_file(self, text: str, origin: str = "<string>") -> None:
        section = None
        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]") and line[1:-1] in SECTIONS:
                section = line[1:-1]
                continue
            if section is None:
                raise ValueError(f"{origin}:{lineno}: entry before any [section]")
            if section in ("pattern", "metadata", "end"):
                try:
                    compiled = re.compile(line)
                except re.error as exc:
                    raise ValueError(f"{origin}:{lineno}: bad pattern {line!r}: {exc}") from exc
                getattr(self, "patterns" if section == "pattern" else section).append(compiled)
            else:
                key = line_key(line) if section != "social" else match_form(line)
                if key:
                    getattr(self, section).add(key)
        self._compile()

    def add_shortcode_file(self, text: str) -> None:
        section = None
        for raw in text.splitlines():
            line = raw.strip().lower()
            if not line or line.startswith("#"):
                continue
            if line in ("[drop]", "[unwrap]"):
                section = line[1:-1]
                continue
            (self.drop_shortcodes if section == "drop" else self.unwrap_shortcodes).add(line)

    # -- tests -----------------------------------------------------------------------------

    def is_exact(self, key: str) -> bool:
        return key in self.exact

    def is_block_strong(self, key: str) -> bool:
        return key in self.block_strong

    def is_block_weak(self, key: str) -> bool:
        return key in self.block_weak

    def is_social_line(self, key: str) -> bool:
        """A line made only of share-button / social-network tokens and separators."""
        if not key or self._social_re is None or len(key) > 200:
            return False
        if not self._social_re.search(key):
            return False
        rest = self._social_re.sub(" ", key)
        return not _SEPARATORS.sub("", re.sub(r"\d+", "", rest))

    def matches_pattern(self, norm: str) -> bool:
        return len(norm) <= MAX_PATTERN_LINE and self._pattern_re.search(norm)

    def matches_end(self, norm: str) -> bool:
        return len(norm) <= MAX_PATTERN_LINE and self._end_re.search(norm)

    def matches_metadata(self, norm: str) -> bool:
        return len(norm) <= 160 and any(p.search(norm) for p in self.metadata)


class _Union:
    """Many patterns as two regexes: those anchored at the start (tried once, with
    ``match``) and the rest (one ``search``) — far cheaper than one big alternation."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        anchored = [p.pattern[1:] for p in patterns if p.pattern.startswith("^")]
        floating = [p.pattern for p in patterns if not p.pattern.startswith("^")]
        self._anchored = re.compile("|".join(f"(?:{p})" for p in anchored)) if anchored else None
        self._floating = re.compile("|".join(f"(?:{p})" for p in floating)) if floating else None

    def search(self, text: str) -> bool:
        return bool(
            (self._anchored is not None and self._anchored.match(text))
            or (self._floating is not None and self._floating.search(text))
        )


@lru_cache(maxsize=1)
def _bundled() -> Lexicon:
    root = resources.files("workers") / "data" / "cleaning"
    return Lexicon.from_directory(Path(str(root)))
