"""Banded LSH over MinHash signatures, at a few KB per article.

The duplicate index finds near-duplicate candidates the way datasketch's ``MinHashLSH`` does:
the signature is cut into ``bands`` bands of ``rows`` values, and two articles are candidates
when any band is equal. ``MinHashLSH`` keeps, per band and article, a bytes key and a ``set``
(about 350 bytes), plus a list of the keys per article: ~11 KB an article at 32 bands, which
made the duplicate index most of a worker's growth (about 17 KB an article in all, measured
with tracemalloc on the Arabic feed). ``BandIndex`` keeps the band as one ``int`` and, in the
usual case of one article per band value, the article id itself instead of a set (the id
string is shared by all bands): ~100 bytes per band. It takes the same band split from
``MinHashLSH`` (its optimal ``b × r`` for the threshold) and compares bands exactly, so it
returns the same candidates. Keys of an article are recomputed from its signature to remove
it: the index keeps no per-article list. Not thread-safe (the duplicate index locks).
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHashLSH


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` as ``MinHashLSH`` picks them for ``threshold`` and ``num_perm``."""
    reference = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return reference.b, reference.r


class BandIndex:
    """Article ids by the bands of their MinHash signatures (uint32 values)."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.bands, self.rows = lsh_bands(threshold, num_perm)
        self._tables: list[dict[int, str | set[str]]] = [{} for _ in range(self.bands)]

    def band_keys(self, signature: np.ndarray) -> list[int]:
        data = signature[: self.bands * self.rows].astype("<u4").tobytes()
        width = self.rows * 4
        return [
            int.from_bytes(data[start : start + width], "little")
            for start in range(0, len(data), width)
        ]

    def insert(self, article_id: str, signature: np.ndarray) -> None:
        for table, key in zip(self._tables, self.band_keys(signature), strict=True):
            present = table.get(key)
            if present is None:
                table[key] = article_id
            elif isinstance(present, set):
                present.add(article_id)
            elif present != article_id:
                table[key] = {present, article_id}

    def remove(self, article_id: str, signature: np.ndarray) -> None:
        """Remove an article inserted with this signature (a no-op for one that was not)."""
        for table, key in zip(self._tables, self.band_keys(signature), strict=True):
            present = table.get(key)
            if present is None:
                continue
            if isinstance(present, set):
                present.discard(article_id)
                if len(present) == 1:
                    table[key] = next(iter(present))  # back to the compact form
            elif present == article_id:
                del table[key]

    def query(self, signature: np.ndarray) -> set[str]:
        """Ids of the articles that share at least one band with ``signature``."""
        found: set[str] = set()
        for table, key in zip(self._tables, self.band_keys(signature), strict=True):
            present = table.get(key)
            if present is None:
                continue
            if isinstance(present, set):
                found.update(present)
            else:
                found.add(present)
        return found

    def __len__(self) -> int:
        """Band entries in all (for memory accounting)."""
        return sum(len(table) for table in self._tables)
