"""Batch/backfill mode: the same processing core in-process, no Kafka (ES only with --index)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import Progress

from schemas.models import CleanArticle, EnrichedArticle, RawArticle
from workers.core.cleaning import DuplicateArticle
from workers.core.deadletter import Stage, dead_letter
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.core.ingest import parse_raw
from workers.core.inputs import InputRecord, read_inputs
from workers.core.pipeline import Pipeline
from workers.settings import Settings


@dataclass
class BatchSummary:
    ok: int = 0
    rejected: int = 0
    dropped_duplicates: int = 0
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
        from workers.stream.es import ArticleIndexer, install, make_client

        client = make_client(settings.es)
        await install(client, settings.es)
        indexer = ArticleIndexer(client, settings.es, settings.worker)
    pending: list[EnrichedArticle] = []
    rejects: IO[bytes] | None = None
    task = progress.add_task("processing", total=len(records)) if progress else None
    if progress:
        progress.start()

    def reject(record: InputRecord, exc: BaseException, stage: Stage) -> None:
        nonlocal rejects
        letter = dead_letter(stage, record.payload, exc)
        if rejects is None:
            rejects = rejects_path.open("ab")
        rejects.write(letter.model_dump_json().encode() + b"\n")
        summary.rejected += 1
        if report:
            report.print(
                f"[yellow]rejected[/] {record.origin}: {letter.reason.value}: {letter.message}",
                highlight=False,
            )

    try:
        parsed: list[tuple[InputRecord, RawArticle]] = []
        for record in records:
            try:
                raw = parse_raw(
                    record.payload,
                    settings.processing.max_input_bytes,
                    field_map=settings.ingest.field_map,
                )
                parsed.append((record, raw))
            except RejectedInput as exc:
                reject(record, exc, "ingest")
                if progress and task is not None:
                    progress.advance(task)
        for record, outcome in _clean_all(pipeline, parsed):
            if progress and task is not None:
                progress.advance(task)
            if outcome is None:  # a duplicate dropped by configuration
                summary.dropped_duplicates += 1
                continue
            if isinstance(outcome, Exception):
                reject(record, outcome, "clean")
                continue
            try:
                enriched = pipeline.enrich(outcome)
            except Exception as exc:
                reject(record, exc, "extract")
                continue
            sink.write(enriched.model_dump_json().encode() + b"\n")
            summary.ok += 1
            if indexer:
                pending.append(enriched)
                if len(pending) >= settings.worker.bulk_size:
                    summary.indexed += await _flush(indexer, pending, report)
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


def _clean_all(
    pipeline: Pipeline, parsed: list[tuple[InputRecord, RawArticle]]
) -> Iterator[tuple[InputRecord, CleanArticle | Exception | None]]:
    """Clean every input. A cleaner that learns site chrome does it in two passes (learn over all
    inputs, then clean), so the batch command removes the same chrome the stream learns."""
    by_raw = {id(raw): record for record, raw in parsed}
    cleaner: Any = pipeline.cleaner
    if hasattr(cleaner, "clean_batch"):
        for raw, result in cleaner.clean_batch(raw for _, raw in parsed):
            record = by_raw[id(raw)]
            if isinstance(result, DuplicateArticle):
                yield record, None
            elif isinstance(result, Exception):
                yield record, result
            else:
                yield record, result.article
        return
    for record, raw in parsed:
        try:
            yield record, pipeline.clean(raw)
        except Exception as exc:
            yield record, exc


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
