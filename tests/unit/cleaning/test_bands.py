"""BandIndex: the candidates datasketch's MinHashLSH gives for the same bands, in less memory."""

from __future__ import annotations

import random

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from workers.core.cleaning.bands import BandIndex, lsh_bands

NUM_PERM = 128
THRESHOLD = 0.4


def _lean(signature: np.ndarray) -> LeanMinHash:
    scheme = getattr(MinHash(num_perm=1), "scheme", None)
    if scheme is None:  # datasketch < 2
        return LeanMinHash(seed=1, hashvalues=signature.astype(np.uint64))
    return LeanMinHash(seed=1, hashvalues=signature, scheme=scheme)


def _signatures(count: int, seed: int) -> dict[str, np.ndarray]:
    """Families of signatures: each a base with 0 to all of its values redrawn, so that pairs
    share from every band to none; values come from a small range, so unrelated signatures
    sometimes share a band too."""
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray] = {}
    for family in range(count // 10):
        base = rng.integers(0, 50, NUM_PERM, dtype=np.uint32)
        for member in range(10):
            signature = base.copy()
            changed = rng.choice(NUM_PERM, size=int(rng.integers(0, NUM_PERM)), replace=False)
            signature[changed] = rng.integers(0, 50, len(changed), dtype=np.uint32)
            out[f"f{family}m{member}"] = signature
    return out


def test_same_bands_as_minhash_lsh() -> None:
    index = BandIndex(THRESHOLD, NUM_PERM)
    reference = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    assert (index.bands, index.rows) == (reference.b, reference.r) == lsh_bands(THRESHOLD, 128)


def test_candidates_match_minhash_lsh_through_inserts_and_removals() -> None:
    signatures = _signatures(400, seed=3)
    index = BandIndex(THRESHOLD, NUM_PERM)
    reference = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    for article_id, signature in signatures.items():
        index.insert(article_id, signature)
        reference.insert(article_id, _lean(signature))
    removed = random.Random(5).sample(sorted(signatures), 150)
    for article_id in removed:
        index.remove(article_id, signatures[article_id])
        reference.remove(article_id)
    queries = list(signatures.values()) + list(_signatures(100, seed=4).values())
    shared = 0
    for signature in queries:
        expected = set(reference.query(_lean(signature)))
        assert index.query(signature) == expected
        shared += len(expected) > 1
    assert shared > 50  # the families made real candidate sets, not only self-matches


def test_removing_the_last_sharer_leaves_no_entry_behind() -> None:
    index = BandIndex(THRESHOLD, NUM_PERM)
    signature = np.arange(NUM_PERM, dtype=np.uint32)
    index.insert("a", signature)
    index.insert("b", signature)
    index.insert("c", signature)
    assert index.query(signature) == {"a", "b", "c"}
    index.remove("b", signature)
    index.remove("x", signature)  # never inserted: nothing happens
    assert index.query(signature) == {"a", "c"}
    index.remove("a", signature)
    index.remove("c", signature)
    assert index.query(signature) == set()
    assert len(index) == 0
