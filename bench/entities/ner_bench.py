"""Speed and memory of the default (CRF) entity stage on real feed text.

    python -m bench.entities.ner_bench [--data ../shared/data] [--articles 300]

Prints, per language, characters per second of the whole entity stage (CRF + knowledge-base
linking + values + coreference) on one core, wall and CPU, on the first N articles of
``../shared/data/feeds``; the model load time (both languages, knowledge base built before);
and the process's peak RSS with both languages loaded after the run. Targets (issue 10):
≥ 100k characters/s, load ≤ 5 s, RSS ≤ 1 GiB. The machine is shared: compare CPU figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from schemas.models import CleanArticle

FEEDS = {"en": "feeds/en-news.jsonl.gz", "ar": "feeds/ar-ant-news.jsonl.gz"}
TARGET_CHARS_PER_SECOND = 100_000
TARGET_LOAD_SECONDS = 5.0
TARGET_RSS_MIB = 1024


def feed_articles(path: Path, lang: str, count: int) -> list[CleanArticle]:
    articles: list[CleanArticle] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not record.get("text"):
                continue
            articles.append(
                CleanArticle(
                    id=str(record.get("id", len(articles))),
                    lang=lang,
                    title=record.get("title") or "",
                    body=record["text"],
                    fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
                    version=1,
                    content_hash=str(len(articles)),
                )
            )
            if len(articles) >= count:
                break
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--backend", default="crf", choices=["crf", "rules"])
    args = parser.parse_args(argv)
    if not (args.data / "feeds").is_dir():
        print(f"no feeds in {args.data}/feeds", file=sys.stderr)
        return 2
    from workers.core.entities.kb import KnowledgeBase
    from workers.core.entities.models import build_entity_extractor
    from workers.settings import ProcessingSettings

    started = time.perf_counter()
    kb = KnowledgeBase.default()
    kb_seconds = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    extractor = build_entity_extractor(ProcessingSettings(entity_backend=args.backend), kb)
    load_seconds = time.perf_counter() - started
    load_cpu = time.process_time() - cpu
    figures: dict[str, object] = {
        "backend": args.backend,
        "kb_build_seconds": round(kb_seconds, 2),
        "model_load_seconds": round(load_seconds, 2),
        "model_load_cpu_seconds": round(load_cpu, 2),
    }
    for lang, name in FEEDS.items():
        articles = feed_articles(args.data / name, lang, args.articles)
        characters = sum(len(a.title) + len(a.body) for a in articles)
        extractor(articles[0])  # warm-up
        started, cpu = time.perf_counter(), time.process_time()
        entities = sum(len(extractor(a)) for a in articles)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        figures[lang] = {
            "articles": len(articles),
            "characters": characters,
            "entities": entities,
            "chars_per_second_wall": round(characters / wall),
            "chars_per_second_cpu": round(characters / cpu),
            "ratio_to_target_cpu": round(characters / cpu / TARGET_CHARS_PER_SECOND, 2),
        }
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["peak_rss_mib_both_languages"] = round(rss_mib)
    figures["ratio_load_to_target"] = round(load_seconds / TARGET_LOAD_SECONDS, 2)
    figures["ratio_rss_to_target"] = round(rss_mib / TARGET_RSS_MIB, 2)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
