"""Claim stage speed on real feed text: ``python -m bench.claims.throughput [--articles N]``.

Reads the first N English articles of ``../shared/data/feeds/en-news.jsonl.gz`` (or
``--feed``), runs the entity stage once (not timed), then times the claim stage alone on one
core: characters per second by wall clock and by process CPU time, best of three rounds.
Figures, not assertions: the machine is shared. Target: 100k characters/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from schemas.models import CleanArticle
from workers.core.claims import CueClaimExtractor
from workers.core.factory import build_pipeline
from workers.core.ids import content_hash


def _shared() -> Path:
    """``../shared`` next to the repository (or next to the folder holding a worktree)."""
    repo = Path(__file__).resolve().parents[2]
    for parent in repo.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared"
    return repo.parent / "shared"


FEED = _shared() / "data" / "feeds" / "en-news.jsonl.gz"
TARGET_CHARS_PER_S = 100_000


def load_feed(path: Path, limit: int) -> list[CleanArticle]:
    articles: list[CleanArticle] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            body = row.get("text") or ""
            if not body.strip():
                continue
            title = row.get("title") or ""
            articles.append(
                CleanArticle(
                    id=row["id"],
                    lang="en",
                    title=title,
                    body=body,
                    fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
                    version=1,
                    content_hash=content_hash(title, body),
                )
            )
            if len(articles) >= limit:
                break
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feed", type=Path, default=FEED)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.feed.exists():
        print(f"feed not found: {args.feed} (needs ../shared/data/feeds)", file=sys.stderr)
        return 2
    articles = load_feed(args.feed, args.articles)
    entity_stage = build_pipeline().entity_extractor
    entities = [entity_stage(a) for a in articles]
    extractor = CueClaimExtractor()
    chars = sum(len(a.title) + len(a.body) for a in articles)
    claims = 0
    best_wall = best_cpu = float("inf")
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        claims = sum(len(extractor(a, e)) for a, e in zip(articles, entities, strict=True))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    report = {
        "articles": len(articles),
        "characters": chars,
        "claims": claims,
        "chars_per_s_wall": round(chars / best_wall),
        "chars_per_s_cpu": round(chars / best_cpu),
        "target_chars_per_s": TARGET_CHARS_PER_S,
        "ratio_to_target_cpu": round(chars / best_cpu / TARGET_CHARS_PER_S, 2),
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
