"""The newest articles of a learned state, one version each: the window both learned models of
the clean stage (site chrome, near-duplicates) keep.

Order is an article's ``key`` — ``(fetched_at timestamp, article id)`` — not arrival order, and
an article is replaced only by a newer *version* of itself, so the window's content is a
function of the set of observations offered: workers that read the same observation topic in
different interleavings end with the same window. Callers keep their own indexes over the
entries (fingerprint counts, content hashes, an LSH) in step through ``on_add``/``on_remove``.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from typing import Generic, Protocol, TypeVar


class WindowEntry(Protocol):
    key: tuple[float, str]
    version: int


E = TypeVar("E", bound=WindowEntry)


def _ignore(article_id: str, entry: object) -> None:
    return None


class ArticleWindow(Generic[E]):
    """At most ``capacity`` articles, the newest by key; not thread-safe (callers lock)."""

    def __init__(
        self,
        capacity: int,
        *,
        on_add: Callable[[str, E], None] = _ignore,
        on_remove: Callable[[str, E], None] = _ignore,
    ) -> None:
        self.capacity = capacity
        self._on_add = on_add
        self._on_remove = on_remove
        self._entries: dict[str, E] = {}
        # Lazy deletion: replaced and removed articles stay in the heap until they reach its top.
        self._heap: list[tuple[tuple[float, str], str]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def __getitem__(self, article_id: str) -> E:
        return self._entries[article_id]

    def get(self, article_id: str) -> E | None:
        return self._entries.get(article_id)

    def items(self) -> Iterator[tuple[str, E]]:
        return iter(self._entries.items())

    def offer(self, article_id: str, entry: E) -> bool:
        """Keep ``entry`` unless the window holds this or a newer version of the article, or is
        full of articles newer than it (it would be evicted at once). Returns whether it was
        kept; the oldest articles beyond the capacity are evicted."""
        current = self._entries.get(article_id)
        if current is not None:
            if entry.version <= current.version:
                return False
            self._remove(article_id)
        elif len(self._entries) >= self.capacity:
            oldest = self._oldest_key()
            if oldest is not None and entry.key < oldest:
                return False
        self._entries[article_id] = entry
        heapq.heappush(self._heap, (entry.key, article_id))
        self._on_add(article_id, entry)
        while len(self._entries) > self.capacity:
            self._oldest_key()  # drops stale heap tops, so the next pop is a live entry
            _, victim = heapq.heappop(self._heap)
            self._remove(victim)
        return True

    def _oldest_key(self) -> tuple[float, str] | None:
        while self._heap:
            key, article_id = self._heap[0]
            entry = self._entries.get(article_id)
            if entry is not None and entry.key == key:
                return key
            heapq.heappop(self._heap)
        return None

    def _remove(self, article_id: str) -> None:
        self._on_remove(article_id, self._entries.pop(article_id))
