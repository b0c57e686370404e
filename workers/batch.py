"""Batch/backfill mode: the same processing core in-process, no Kafka (ES only with --index)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import Progress

from schemas.models import EnrichedArticle
from workers.core.deadletter import Stage, dead_letter
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.core.ingest import parse_raw
from workers.inputs import InputRecord, read_inputs
from workers.settings import Settings


@dataclass
class BatchSummary:
    ok: int = 0
    rejected: int = 0
    indexed: int = 0


def run_batch(
    paths: Iterable[Path],
    sink: IO[bytes],
    rejects_path: Path,
    settings: Settings,
    *,
    index: bool = False,
    progress: Progress | None = None,
    report: Console | None = None,
) -> BatchSummary:
    records = list(read_inputs(paths))
    return asyncio.run(_run(records, sink, rejects_path, settings, index, progress, report))


async def _run(
    records: list[InputRecord],
    sink: IO[bytes],
    rejects_path: Path,
    settings: Settings,
    index: bool,
    progress: Progress | None,
    report: Console | None,
) -> BatchSummary:
    pipeline = build_pipeline(settings.processing)
    summary = BatchSummary()
    indexer: Any = None
    client: Any = None
    if index:
        from workers.es import ArticleIndexer, install, make_client

        client = make_client(settings.es)
        await install(client, settings.es)
        indexer = ArticleIndexer(client, settings.es, settings.worker)
    pending: list[EnrichedArticle] = []
    rejects: IO[bytes] | None = None
    task = progress.add_task("processing", total=len(records)) if progress else None
    if progress:
        progress.start()
    try:
        for record in records:
            try:
                raw = parse_raw(record.payload, settings.processing.max_input_bytes)
                enriched = pipeline.process(raw)
            except Exception as exc:
                stage: Stage = "ingest" if isinstance(exc, RejectedInput) else "clean"
                letter = dead_letter(stage, record.payload, exc)
                if rejects is None:
                    rejects = rejects_path.open("ab")
                rejects.write(letter.model_dump_json().encode() + b"\n")
                summary.rejected += 1
                if report:
                    report.print(
                        f"[yellow]rejected[/] {record.origin}: {letter.reason.value}: "
                        f"{letter.message}",
                        highlight=False,
                    )
            else:
                sink.write(enriched.model_dump_json().encode() + b"\n")
                summary.ok += 1
                if indexer:
                    pending.append(enriched)
                    if len(pending) >= settings.worker.bulk_size:
                        summary.indexed += await _flush(indexer, pending, report)
            if progress and task is not None:
                progress.advance(task)
        if indexer and pending:
            summary.indexed += await _flush(indexer, pending, report)
            await client.indices.refresh(index=settings.es.alias("articles"))
    finally:
        if progress:
            progress.stop()
        if rejects:
            rejects.close()
        if client:
            await client.close()
    return summary


async def _flush(indexer: Any, pending: list[EnrichedArticle], report: Console | None) -> int:
    outcome = await indexer.index(pending)
    for rejection in outcome.rejected:
        if report:
            report.print(
                f"[red]not indexed[/] {rejection.article.id}: HTTP {rejection.status} "
                f"{rejection.error.get('reason')}"
            )
    pending.clear()
    return len(outcome.indexed)
