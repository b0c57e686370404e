"""Learned site chrome: lines that recur across many articles of one source.

No lexicon knows every site's menu, footer or promo line, but they give themselves away by
recurring: a line found in many of a source's recent articles is chrome. The model is

* **per source**, over a **window** of that source's newest articles (by ``fetched_at``, then
  article id): for every normalized line fingerprint, the number of *distinct* articles in the
  window that contain it. Counts are exact within the window; memory is bounded by
  ``window × (head_lines + tail_lines)`` fingerprints per source and ``max_sources`` sources:
  at most ~1.3 MB a source at the defaults (~0.7 MB measured on the Arabic feed), so the
  default 128 sources (``processing.chrome_sources``) are at most ~170 MB of every worker.
* **updated only from observations** — ``ChromeObservation(source, article_id, fetched_at,
  version, fingerprints)``, a small JSON-serialisable record the cleaner produces for every
  article it cleans. ``apply`` is idempotent per (source, article_id): a replay is a no-op, a
  newer version replaces the older one. The window keeps the newest articles by
  ``(fetched_at, article_id)``, not by arrival order, so the state is a function of the *set*
  of observations applied: workers that read the same observation topic converge to the same
  statistics whatever the interleaving, and applying one's own observations early (before
  they come back from the topic) changes nothing in the end.
* **applied with two thresholds** — a line is chrome when it occurs in at least
  ``min_articles`` distinct articles (never less than 2, counting the article being cleaned)
  *and* in at least ``min_share`` of the source's articles in the window. A line that occurs in
  only one article can therefore never be removed.

Only the first ``head_lines`` and last ``tail_lines`` distinct lines of an article are
fingerprinted: site chrome sits around the article, and in-body asides are the lexicons' job.
"""

from __future__ import annotations

import hashlib
import re
import threading
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workers.core.cleaning.lexicon import line_key
from workers.core.cleaning.window import ArticleWindow

_DIGITS = re.compile(r"\d+")


def line_fingerprint(line: str) -> int | None:
    """64-bit fingerprint of a line's normalized form (digits folded, so "© 2024" and
    "© 2025" agree), or None for lines too short to judge."""
    key = _DIGITS.sub("0", line_key(line))
    if len(key) < 2:
        return None
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprint_lines(
    lines: Sequence[str], head_lines: int = 32, tail_lines: int = 32
) -> tuple[list[int | None], list[int]]:
    """Fingerprint of every line (None where not judged) and the distinct fingerprints of
    the head and tail lines that an observation carries."""
    fps = [line_fingerprint(line) for line in lines]
    present = [fp for fp in fps if fp is not None]
    chosen = present[:head_lines] + present[max(head_lines, len(present) - tail_lines) :]
    seen: set[int] = set()
    distinct = [fp for fp in chosen if not (fp in seen or seen.add(fp))]  # type: ignore[func-returns-value]
    return fps, distinct


@dataclass(frozen=True)
class ChromeObservation:
    """What one cleaned article contributes to the chrome statistics of its source."""

    source: str
    article_id: str
    fetched_at: datetime
    version: int
    fingerprints: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "chrome",
            "source": self.source,
            "article_id": self.article_id,
            "fetched_at": self.fetched_at.isoformat(),
            "version": self.version,
            "fingerprints": [f"{fp:016x}" for fp in self.fingerprints],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChromeObservation:
        fetched = datetime.fromisoformat(data["fetched_at"])
        return cls(
            source=data["source"],
            article_id=data["article_id"],
            fetched_at=fetched if fetched.tzinfo else fetched.replace(tzinfo=UTC),
            version=int(data.get("version", 0)),
            fingerprints=tuple(int(h, 16) for h in data["fingerprints"]),
        )

    @property
    def order_key(self) -> tuple[float, str]:
        return (self.fetched_at.timestamp(), self.article_id)


@dataclass
class _Entry:
    key: tuple[float, str]
    version: int
    fetched_at: datetime
    fingerprints: array  # array('Q')


class _SourceStats:
    """One source's window of articles and, over it, how many contain each fingerprint."""

    __slots__ = ("articles", "counts", "newest")

    def __init__(self, window: int) -> None:
        self.counts: dict[int, int] = {}
        self.newest: float = float("-inf")
        self.articles: ArticleWindow[_Entry] = ArticleWindow(
            window, on_add=self._count, on_remove=self._uncount
        )

    def _count(self, article_id: str, entry: _Entry) -> None:
        for fp in entry.fingerprints:
            self.counts[fp] = self.counts.get(fp, 0) + 1
        self.newest = max(self.newest, entry.key[0])

    def _uncount(self, article_id: str, entry: _Entry) -> None:
        for fp in entry.fingerprints:
            n = self.counts.get(fp, 0) - 1
            if n > 0:
                self.counts[fp] = n
            else:
                self.counts.pop(fp, None)


class LearnedChrome:
    """Per-source line statistics learned from observations; thread-safe."""

    def __init__(
        self,
        *,
        window: int = 200,
        min_articles: int = 3,
        min_share: float = 0.3,
        max_sources: int = 128,
        head_lines: int = 32,
        tail_lines: int = 32,
    ) -> None:
        if window < 2:
            raise ValueError("window must hold at least 2 articles")
        if not 0 < min_share <= 1:
            raise ValueError("min_share must be in (0, 1]")
        self.window = window
        self.min_articles = max(2, min_articles)  # a line of a single article is never chrome
        self.min_share = min_share
        self.max_sources = max_sources
        self.head_lines = head_lines
        self.tail_lines = tail_lines
        self._sources: dict[str, _SourceStats] = {}
        self._lock = threading.Lock()

    # -- learning --------------------------------------------------------------------------

    def observe(
        self,
        source: str | None,
        article_id: str,
        fetched_at: datetime,
        version: int,
        lines: Sequence[str],
    ) -> ChromeObservation | None:
        """The observation for an article's lines (not applied), or None without a source."""
        if not source:
            return None
        _, distinct = fingerprint_lines(lines, self.head_lines, self.tail_lines)
        return ChromeObservation(source, article_id, fetched_at, version, tuple(distinct))

    def apply(self, obs: ChromeObservation) -> bool:
        """Fold one observation in. Idempotent per (source, article_id); returns whether the
        statistics changed."""
        key = obs.order_key
        fps = array("Q", sorted(set(obs.fingerprints)))
        with self._lock:
            stats = self._sources.get(obs.source)
            if stats is None:
                stats = self._sources[obs.source] = _SourceStats(self.window)
                self._bound_sources(keep=obs.source)
            entry = _Entry(key, obs.version, obs.fetched_at, fps)
            return stats.articles.offer(obs.article_id, entry)

    def apply_many(self, observations: Iterable[ChromeObservation]) -> int:
        return sum(self.apply(obs) for obs in observations)

    def _bound_sources(self, keep: str) -> None:
        while len(self._sources) > self.max_sources:
            victim = min(
                (s for s in self._sources if s != keep),
                key=lambda s: (self._sources[s].newest, s),
            )
            del self._sources[victim]

    # -- judging ---------------------------------------------------------------------------

    def chrome_flags(
        self, source: str | None, article_id: str, fingerprints: Sequence[int | None]
    ) -> list[bool]:
        """For each line fingerprint of an article: is it learned chrome for this source?
        The article itself counts as one of the articles containing its lines, whether or
        not its observation was applied yet."""
        if not source:
            return [False] * len(fingerprints)
        with self._lock:
            stats = self._sources.get(source)
            if stats is None:
                return [False] * len(fingerprints)
            applied = article_id in stats.articles
            total = len(stats.articles) + (0 if applied else 1)
            own = 0 if applied else 1
            flags = []
            for fp in fingerprints:
                if fp is None:
                    flags.append(False)
                    continue
                n = stats.counts.get(fp, 0) + own
                flags.append(n >= self.min_articles and n >= self.min_share * total)
            return flags

    # -- introspection ---------------------------------------------------------------------

    def sources(self) -> list[str]:
        with self._lock:
            return sorted(self._sources)

    def article_count(self, source: str) -> int:
        with self._lock:
            stats = self._sources.get(source)
            return len(stats.articles) if stats else 0

    def fingerprint_count(self, source: str) -> int:
        with self._lock:
            stats = self._sources.get(source)
            return len(stats.counts) if stats else 0

    def observations(self) -> Iterator[ChromeObservation]:
        """The observations the current state is made of (to seed a new worker or compact
        the observation topic)."""
        with self._lock:
            snapshot = [
                (source, article_id, entry)
                for source, stats in self._sources.items()
                for article_id, entry in stats.articles.items()
            ]
        for source, article_id, entry in snapshot:
            yield ChromeObservation(
                source, article_id, entry.fetched_at, entry.version, tuple(entry.fingerprints)
            )

    def state_digest(self) -> str:
        """Order-independent digest of the statistics (for convergence checks)."""
        h = hashlib.sha256()
        with self._lock:
            for source in sorted(self._sources):
                stats = self._sources[source]
                h.update(source.encode())
                for article_id in sorted(stats.articles):
                    h.update(article_id.encode())
                for fp, n in sorted(stats.counts.items()):
                    h.update(f"{fp}:{n};".encode())
        return h.hexdigest()
