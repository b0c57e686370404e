"""Exact and near-duplicate detection across the stream, shareable between workers.

* **Exact**: the content hash of the matching form of title and body.
* **Near**: MinHash (``datasketch``, word 3-shingles of the body's matching form, 128
  permutations) with a banded LSH index (``bands.BandIndex``: ``MinHashLSH``'s bands in less
  memory); the similarity reported is the MinHash estimate of the Jaccard similarity of the two
  bodies' shingle sets.

``duplicate_of`` is the **first-seen** similar article: the one with the smallest
``(fetched_at, article_id)`` among those at or above the threshold, and only when it precedes
the article being judged. Ordering by fetch time instead of arrival makes the answer the same
on every worker and on replay.

Like ``LearnedChrome``, the index is changed only by ``DuplicateObservation`` records
(article id, fetched_at, content hash, MinHash signature — about 700 bytes of JSON) and
``apply`` is idempotent per article id (a replay is a no-op; a newer version of the same
article replaces the older one). Memory is bounded by ``max_entries`` (oldest by fetch time
evicted first, so the state again depends only on the set of observations applied): ~4.4 KB an
article (tracemalloc, Arabic feed: the bands 2.9 KB, signature, hashes and ids the rest), so the
default 40,000 (``processing.duplicate_window``) is ~175 MB of every worker.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
from datasketch import MinHash

from workers.core.cleaning.bands import BandIndex
from workers.core.cleaning.window import ArticleWindow
from workers.core.text import match_form

NUM_PERM = 128
SHINGLE = 3
MIN_SHINGLES = 8
"""Bodies with fewer shingles are compared by exact hash only."""


_WORD = re.compile(r"\w+")
_local = threading.local()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(match_form(text))
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


def _template(num_perm: int) -> MinHash:
    """One MinHash per thread and size: its permutations are drawn once, not per article."""
    cache = getattr(_local, "templates", None)
    if cache is None:
        cache = _local.templates = {}
    if num_perm not in cache:
        cache[num_perm] = MinHash(num_perm=num_perm, seed=1, hashfunc=_crc32)
    return cache[num_perm]


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray | None:
    """MinHash of the body's word 3-shingles (CRC-32 per shingle, then datasketch's
    permutations), as uint32 — identical on every worker."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    mh = _template(num_perm)
    mh.clear()
    mh.update_batch(list(grams))
    return mh.hashvalues.astype(np.uint32)


def _encode(sig: np.ndarray | None) -> str | None:
    if sig is None:
        return None
    return base64.b64encode(sig.astype("<u4").tobytes()).decode("ascii")


def _decode(raw: str | None) -> np.ndarray | None:
    if not raw:
        return None
    return np.frombuffer(base64.b64decode(raw), dtype="<u4").astype(np.uint32)


@dataclass(frozen=True)
class DuplicateObservation:
    article_id: str
    fetched_at: datetime
    version: int
    content_hash: str
    signature: np.ndarray | None  # uint32[NUM_PERM]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "duplicate",
            "article_id": self.article_id,
            "fetched_at": self.fetched_at.isoformat(),
            "version": self.version,
            "content_hash": self.content_hash,
            "minhash": _encode(self.signature),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DuplicateObservation:
        fetched = datetime.fromisoformat(data["fetched_at"])
        return cls(
            article_id=data["article_id"],
            fetched_at=fetched if fetched.tzinfo else fetched.replace(tzinfo=UTC),
            version=int(data.get("version", 0)),
            content_hash=data["content_hash"],
            signature=_decode(data.get("minhash")),
        )

    @property
    def order_key(self) -> tuple[float, str]:
        return (self.fetched_at.timestamp(), self.article_id)


@dataclass(frozen=True)
class DuplicateVerdict:
    duplicate_of: str | None
    similarity: float | None
    exact: bool = False


@dataclass
class _Stored:
    key: tuple[float, str]
    version: int
    content_hash: str
    signature: np.ndarray | None


class DuplicateIndex:
    """Content hashes and MinHash signatures of recent articles; thread-safe."""

    def __init__(
        self,
        *,
        threshold: float = 0.5,
        max_entries: int = 40_000,
        num_perm: int = NUM_PERM,
    ) -> None:
        self.threshold = threshold
        self.max_entries = max_entries
        self.num_perm = num_perm
        # LSH recall is tuned a little below the marking threshold so that borderline pairs
        # are still candidates; the verdict uses the estimated similarity.
        self._bands = BandIndex(threshold=max(0.1, threshold - 0.1), num_perm=num_perm)
        self._by_hash: dict[str, set[str]] = {}
        self._entries: ArticleWindow[_Stored] = ArticleWindow(
            max_entries, on_add=self._index, on_remove=self._unindex
        )
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def observe(
        self, article_id: str, fetched_at: datetime, version: int, content_hash: str, body: str
    ) -> DuplicateObservation:
        return DuplicateObservation(
            article_id, fetched_at, version, content_hash, minhash_signature(body, self.num_perm)
        )

    # -- judging ---------------------------------------------------------------------------

    def check(self, obs: DuplicateObservation) -> DuplicateVerdict:
        """First-seen earlier article that this one duplicates, if any."""
        key = obs.order_key
        with self._lock:
            best: tuple[tuple[float, str], str, float, bool] | None = None
            for other_id in self._by_hash.get(obs.content_hash, ()):
                other = self._entries[other_id]
                if (
                    other_id != obs.article_id
                    and other.key < key
                    and (best is None or other.key < best[0])
                ):
                    best = (other.key, other_id, 1.0, True)
            if obs.signature is not None:
                candidates: list[tuple[str, _Stored]] = []
                signatures: list[np.ndarray] = []
                for other_id in self._bands.query(obs.signature):
                    near = self._entries.get(other_id)
                    if (
                        other_id != obs.article_id
                        and near is not None
                        and near.signature is not None
                        and near.key < key
                    ):
                        candidates.append((other_id, near))
                        signatures.append(near.signature)
                if candidates:
                    # One comparison for all candidates: a widely republished story makes
                    # thousands of them, and a per-candidate np.mean dominated the CPU.
                    similarities = (np.stack(signatures) == obs.signature).mean(axis=1)
                    for (other_id, near), similarity in zip(
                        candidates, similarities.tolist(), strict=True
                    ):
                        if similarity >= self.threshold and (best is None or near.key < best[0]):
                            best = (near.key, other_id, similarity, False)
            if best is None:
                return DuplicateVerdict(None, None)
            return DuplicateVerdict(best[1], round(best[2], 4), best[3])

    # -- learning --------------------------------------------------------------------------

    def apply(self, obs: DuplicateObservation) -> bool:
        """Add one article. Idempotent per article id; a newer version replaces the older."""
        entry = _Stored(obs.order_key, obs.version, obs.content_hash, obs.signature)
        with self._lock:
            return self._entries.offer(obs.article_id, entry)

    def apply_many(self, observations: Iterable[DuplicateObservation]) -> int:
        return sum(self.apply(obs) for obs in observations)

    def _index(self, article_id: str, entry: _Stored) -> None:
        self._by_hash.setdefault(entry.content_hash, set()).add(article_id)
        if entry.signature is not None:
            self._bands.insert(article_id, entry.signature)

    def _unindex(self, article_id: str, entry: _Stored) -> None:
        ids = self._by_hash.get(entry.content_hash)
        if ids is not None:
            ids.discard(article_id)
            if not ids:
                del self._by_hash[entry.content_hash]
        if entry.signature is not None:
            self._bands.remove(article_id, entry.signature)

    def state_digest(self) -> str:
        h = hashlib.sha256()
        with self._lock:
            for article_id in sorted(self._entries):
                e = self._entries[article_id]
                h.update(f"{article_id}|{e.version}|{e.content_hash};".encode())
        return h.hexdigest()
