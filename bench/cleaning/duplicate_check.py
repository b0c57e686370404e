"""Cost of ``DuplicateIndex.check`` once many similar articles are indexed.

    python -m bench.cleaning.duplicate_check [--articles 3000] [--checks 200]

Builds synthetic near-duplicate English stories (one template, a few words changed per
article) so that the LSH returns most of the index as candidates — the worst case seen in
production when an agency story is republished widely — then times ``check`` for fresh
variants. Prints ms per check and the number of candidates.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta

from workers.core.cleaning.duplicates import DuplicateIndex

_TEMPLATE = (
    "The regional council met on {day} to discuss the new transport plan for the northern "
    "districts, and members agreed to fund {count} new bus routes linking the outer towns with "
    "the central station. The council leader said the plan would cut journey times for "
    "commuters and reduce traffic on the main roads during the morning peak. Opposition "
    "members asked for a review of fares and for more services in the evenings, and the "
    "transport committee will publish a detailed timetable before the end of {month}. Local "
    "businesses welcomed the decision, saying better links would bring more shoppers to the "
    "high street, while residents near the depot raised concerns about noise at night."
)
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_MONTHS = ["March", "April", "May", "June", "July"]


def _story(rng: random.Random) -> str:
    words = _TEMPLATE.format(
        day=rng.choice(_DAYS), count=rng.randint(2, 40), month=rng.choice(_MONTHS)
    ).split()
    for _ in range(3):  # a few edits keep the stories near (not exact) duplicates
        words[rng.randrange(len(words))] = rng.choice(["new", "local", "several", "major"])
    return " ".join(words)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--checks", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    index = DuplicateIndex()
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    for n in range(args.articles):
        obs = index.observe(f"a{n}", t0 + timedelta(seconds=n), 1, f"h{n}", _story(rng))
        index.apply(obs)
    queries = [
        index.observe(f"q{n}", t0 + timedelta(days=1, seconds=n), 1, f"q{n}", _story(rng))
        for n in range(args.checks)
    ]
    assert queries[0].signature is not None
    candidates = len(index._bands.query(queries[0].signature))
    start = time.perf_counter()
    duplicates = sum(index.check(q).duplicate_of is not None for q in queries)
    elapsed = time.perf_counter() - start
    print(
        f"{args.articles} indexed, {candidates} LSH candidates per query, "
        f"{duplicates}/{len(queries)} marked duplicate: "
        f"{elapsed / len(queries) * 1000:.2f} ms per check"
    )


if __name__ == "__main__":
    main()
