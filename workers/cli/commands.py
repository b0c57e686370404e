"""``newsflow``: one command line for the stack, the workers, batch processing and search."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from workers.settings import Settings, get_settings

cli = typer.Typer(
    help="newsflow: news articles → clean text, entities, claims → Elasticsearch.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
stack_cli = typer.Typer(
    help="The local Kafka + Elasticsearch stack (no Docker).", no_args_is_help=True
)
es_cli = typer.Typer(help="Elasticsearch templates and indices.", no_args_is_help=True)
dlq_cli = typer.Typer(help="Inspect and replay dead letters.", no_args_is_help=True)
feeds_cli = typer.Typer(help="Poll RSS, Atom, JSON Feed and news sitemaps.", no_args_is_help=True)
cli.add_typer(stack_cli, name="stack")
cli.add_typer(es_cli, name="es")
cli.add_typer(dlq_cli, name="dlq")
cli.add_typer(feeds_cli, name="feeds")

out = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


# ---------------------------------------------------------------------------------- stack


def _stack_config(settings: Settings) -> Any:
    from workers.ops.stack import StackConfig

    return StackConfig.from_settings(settings)


@stack_cli.command("up")
def stack_up() -> None:
    """Download (first time), start Kafka and Elasticsearch on 127.0.0.1 and wait for health."""
    from workers.ops.stack import StackError, up

    cfg = _stack_config(get_settings())
    try:
        with err.status("starting Kafka and Elasticsearch…"):
            timings = up(cfg)
    except StackError as exc:
        _fail(str(exc))
    out.print(f"stack up in {timings['total_s']:.1f}s (downloads {timings['resolve_s']:.1f}s)")
    _print_status(cfg)


@stack_cli.command("down")
def stack_down() -> None:
    """Stop Elasticsearch and Kafka (data is kept)."""
    from workers.ops.demo import stop_background_worker
    from workers.ops.stack import down

    settings = get_settings()
    stopped = ["demo worker"] if stop_background_worker(settings) else []
    stopped += down(_stack_config(settings))
    out.print(f"stopped: {', '.join(stopped) or 'nothing was running'}")


@stack_cli.command("status")
def stack_status() -> None:
    """What runs where."""
    _print_status(_stack_config(get_settings()))


@stack_cli.command("wipe")
def stack_wipe() -> None:
    """Stop the stack and delete its data (the download cache stays)."""
    from workers.ops.stack import wipe

    wipe(_stack_config(get_settings()))
    out.print("stack data deleted")


def _print_status(cfg: Any) -> None:
    from workers.ops.stack import status

    table = Table("service", "pid", "address", "health", "logs")
    for row in status(cfg):
        table.add_row(*row.values())
    out.print(table)


# ---------------------------------------------------------------------------------- demo


@cli.command("demo")
def demo() -> None:
    """The main job: stack up, a background worker, the sample feed produced, indexed, searched."""
    from workers.ops.demo import run_demo
    from workers.ops.stack import StackError

    try:
        run_demo(get_settings(), out)
    except (StackError, RuntimeError) as exc:
        _fail(str(exc))


# ---------------------------------------------------------------------------------- es


@es_cli.command("init")
def es_init() -> None:
    """Install index templates and aliases (idempotent)."""
    from workers.stream.es import install, make_client

    settings = get_settings()

    async def run() -> dict[str, Any]:
        client = make_client(settings.es)
        try:
            return await install(client, settings.es)
        finally:
            await client.close()

    report = asyncio.run(run())
    for alias, copied in report["migrated"].items():
        moved = ", ".join(f"{n} from {index}" for index, n in copied.items())
        out.print(f"{alias}: analysis changed, documents copied into a new index ({moved})")
    out.print(f"templates installed (analysis {report['analysis']}): {report['indices']}")


# ---------------------------------------------------------------------------------- worker


@cli.command("worker")
def worker(
    web_port: Annotated[int | None, typer.Option(help="Web port (health/metrics).")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="Faust data directory.")] = None,
    loglevel: Annotated[str, typer.Option("--loglevel", "-l")] = "info",
) -> None:
    """Run a Faust worker with the clean, extract and index agents."""
    if web_port is not None:
        os.environ["NEWSFLOW_WORKER__WEB_PORT"] = str(web_port)
    if data_dir is not None:
        os.environ["NEWSFLOW_WORKER__DATA_DIR"] = str(data_dir)
    get_settings.cache_clear()
    settings = get_settings()
    use_event_loop(settings.worker.event_loop)
    asyncio.run(_ensure_topics(settings))
    from workers.stream.app import app

    sys.argv = [
        "newsflow",
        "worker",
        "--loglevel",
        loglevel,
        "--web-port",
        str(settings.worker.web_port),
        "--web-bind",
        settings.worker.web_bind,
    ]
    app.main()


def use_event_loop(name: str) -> None:
    """Install the event loop policy before any loop of the worker exists (Faust's consumer
    thread creates its own loop from the same policy)."""
    if name == "asyncio":
        return
    try:
        import mode.loop

        mode.loop.use(name)
    except ImportError as exc:
        raise typer.BadParameter(
            f"event loop {name!r} is not installed ({exc}); install it or set "
            "NEWSFLOW_WORKER__EVENT_LOOP=asyncio"
        ) from exc


async def _ensure_topics(settings: Settings) -> None:
    from workers.stream.kafka import ensure_topics

    await ensure_topics(settings.kafka)


# ---------------------------------------------------------------------------------- process


def _field_map_option(value: str | None) -> dict[str, str] | None:
    from workers.core.fieldmap import parse_field_map

    if value is None:
        return None
    try:
        return parse_field_map(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


FieldMapOption = Annotated[
    str | None,
    typer.Option(
        "--field-map",
        help="Foreign field names: 'id=docno, source=src, published_at=time' (default: "
        "ingest.field_map).",
    ),
]


@cli.command("process")
def process(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="JSONL output file (default stdout).")
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option(help="Where rejected inputs go (JSONL of DeadLetter).")
    ] = None,
    index: Annotated[
        bool, typer.Option("--index", help="Also bulk-index into Elasticsearch.")
    ] = False,
    field_map: FieldMapOption = None,
) -> None:
    """Process inputs in-process (no Kafka, no ES needed): one EnrichedArticle JSON per line."""
    from workers.cli.batch import run_batch

    settings = get_settings()
    mapping = _field_map_option(field_map)
    if mapping is not None:
        settings = settings.model_copy(
            update={"ingest": settings.ingest.model_copy(update={"field_map": mapping})}
        )
    sink = output.open("wb") if output else sys.stdout.buffer
    rejects_path = rejects or (
        output.with_suffix(".rejects.jsonl") if output else Path("rejects.jsonl")
    )
    try:
        summary = run_batch(
            paths,
            sink,
            rejects_path,
            settings,
            index=index,
            progress=_progress() if err.is_terminal else None,
            report=err,
        )
    except FileNotFoundError as exc:
        _fail(str(exc))
    finally:
        if output:
            sink.close()
    err.print(
        f"processed {summary.ok}, rejected {summary.rejected}"
        + (f" (see {rejects_path})" if summary.rejected else "")
        + (f", indexed {summary.indexed}" if index else "")
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


# ---------------------------------------------------------------------------------- produce


@cli.command("produce")
def produce(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories.")],
    field_map: FieldMapOption = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Publish at most this many records.")
    ] = None,
    rate: Annotated[
        float | None,
        typer.Option(
            min=0.001,
            help="Records per second (replay at a pace); default: as fast as Kafka takes them.",
        ),
    ] = None,
) -> None:
    """Publish inputs to the raw topic (key = article id when it can be computed): .jsonl,
    .jsonl.gz, .json (object or array), .txt, .html or folders of them."""
    from workers.core.inputs import total_bytes
    from workers.stream.producing import ProduceError, ProduceProgress, produce_inputs

    settings = get_settings()
    mapping = _field_map_option(field_map)
    started = time.monotonic()
    bar = _produce_progress(limit) if err.is_terminal else None
    watch = ProduceProgress()
    try:
        if bar is not None:
            total = limit if limit is not None else total_bytes(paths)
            task = bar.add_task("producing", total=total, records=0, rate=0.0)

            def on_records(count: int) -> None:
                done = bar.tasks[task].fields["records"] + count
                elapsed = max(time.monotonic() - started, 1e-6)
                bar.update(task, records=done, rate=done / elapsed)
                if limit is not None:
                    bar.advance(task, count)

            watch.on_records = on_records
            if limit is None:
                watch.on_bytes = lambda n: bar.advance(task, n)
            bar.start()
        try:
            sent = asyncio.run(
                produce_inputs(
                    paths, settings, field_map=mapping, limit=limit, rate=rate, progress=watch
                )
            )
        finally:
            if bar is not None:
                bar.stop()
    except (FileNotFoundError, ProduceError, ValueError) as exc:
        _fail(str(exc))
    elapsed = time.monotonic() - started
    out.print(
        f"produced {sent} records to {settings.kafka.topic('raw')} in {elapsed:.1f}s "
        f"({sent / max(elapsed, 1e-6):.0f} records/s)"
    )


def _produce_progress(limit: int | None) -> Progress:
    from rich.progress import DownloadColumn, TimeRemainingColumn

    amount = MofNCompleteColumn() if limit is not None else DownloadColumn()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        amount,
        TextColumn("{task.fields[records]} records · {task.fields[rate]:.0f}/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )


# ---------------------------------------------------------------------------------- search


def _parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    units = {"d": "days", "h": "hours", "m": "minutes", "w": "weeks"}
    if value[:-1].isdigit() and value[-1] in units:
        return datetime.now(UTC) - timedelta(**{units[value[-1]]: int(value[:-1])})
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@cli.command("search")
def search(
    query: Annotated[
        str | None,
        typer.Argument(
            help='Kibana (Lucene) query syntax: words (all required), "a phrase", a OR b, -not, '
            "wild*, field:value. Arabic and English words match their inflected and clitic forms."
        ),
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language code, e.g. ar or en.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Entity name in any language, or its id.")
    ] = None,
    speaker: Annotated[
        str | None, typer.Option(help="List claims by this speaker (any language).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="ISO date or 7d / 12h.")] = None,
    size: Annotated[int, typer.Option(help="Results to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Raw JSON hits.")] = False,
) -> None:
    """Search articles (or claims, with --speaker) and print readable results."""
    from workers.stream.es import (
        SearchRequest,
        make_client,
        search_articles,
        search_claims,
        with_lenient_fallback,
    )

    settings = get_settings()
    request = SearchRequest(
        query=query, lang=lang, entity=entity, speaker=speaker, since=_parse_since(since), size=size
    )

    async def run() -> dict[str, Any]:
        client = make_client(settings.es)
        try:
            kind = search_claims if speaker and not entity else search_articles
            return await with_lenient_fallback(kind, client, settings.es, request)
        finally:
            await client.close()

    try:
        response = asyncio.run(run())
    except Exception as exc:
        _fail(
            f"search failed: {type(exc).__name__}: {exc}. "
            "Is Elasticsearch up (`newsflow stack status`)?"
        )
    hits = response["hits"]["hits"]
    if as_json:
        sys.stdout.write(orjson.dumps(hits, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    total = response["hits"]["total"]["value"]
    from workers.cli.render import render_article_hit, render_claim_hit

    if response.get("lenient"):
        err.print("not valid query syntax: searched the words as plain text instead")
    out.print(f"[bold]{total}[/] {'claims' if speaker and not entity else 'articles'} found")
    for hit in hits:
        out.print(render_claim_hit(hit) if speaker and not entity else render_article_hit(hit))


# ---------------------------------------------------------------------------------- dlq


@dlq_cli.command("show")
def dlq_show(
    limit: Annotated[int, typer.Option(help="At most this many letters.")] = 20,
    reason: Annotated[str | None, typer.Option(help="Only this reason.")] = None,
) -> None:
    """Print dead letters (reason, stage, article id, message)."""
    from workers.stream.deadletters import read_dead_letters

    settings = get_settings()
    letters = asyncio.run(read_dead_letters(settings, limit=limit, reason=reason))
    table = Table("offset", "stage", "reason", "article", "message")
    for offset, letter in letters:
        table.add_row(
            str(offset),
            letter.stage,
            letter.reason.value,
            letter.article_id or "-",
            letter.message[:100],
        )
    out.print(table)


@dlq_cli.command("replay")
def dlq_replay(
    reason: Annotated[str | None, typer.Option(help="Only this reason.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many letters.")] = 100_000,
) -> None:
    """Republish dead letters' original payloads to the raw topic (after a fix)."""
    from workers.stream.deadletters import replay_dead_letters

    count = asyncio.run(replay_dead_letters(get_settings(), reason=reason, limit=limit))
    out.print(f"replayed {count} dead letters to the raw topic")


# ---------------------------------------------------------------------------------- eval, kibana

PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}
eval_cli = typer.Typer(help="Evaluate a stage on its annotated corpus.", no_args_is_help=True)
kibana_cli = typer.Typer(help="Kibana saved objects.", no_args_is_help=True)
cli.add_typer(eval_cli, name="eval")
cli.add_typer(kibana_cli, name="kibana")


@eval_cli.command("entities", context_settings=PASS_THROUGH)
def eval_entities(ctx: typer.Context) -> None:
    """Precision/recall/F1 per label and linking accuracy (--help for options)."""
    from workers.core.entities.evaluation import main as evaluate

    raise typer.Exit(evaluate(ctx.args))


train_cli = typer.Typer(help="Train a stage's model from ../shared/data.", no_args_is_help=True)
cli.add_typer(train_cli, name="train")


@train_cli.command("entities", context_settings=PASS_THROUGH)
def train_entities(ctx: typer.Context) -> None:
    """Word clusters + CRF of one language (--lang ar|en; --help for options); needs gensim
    (pip install 'newsflow[train]')."""
    from workers.core.entities.training import main as train

    raise typer.Exit(train(ctx.args))


@eval_cli.command("claims", context_settings=PASS_THROUGH)
def eval_claims(ctx: typer.Context) -> None:
    """Precision/recall of (speaker, content) pairs and stance accuracy (--help for options)."""
    from workers.core.claims.evaluation import main as evaluate

    raise typer.Exit(evaluate(ctx.args))


@kibana_cli.command("import", context_settings=PASS_THROUGH)
def kibana_import(ctx: typer.Context) -> None:
    """Import the data views, searches and dashboard (--url URL; --help for options)."""
    from workers.ops.kibana import main as import_objects

    raise typer.Exit(import_objects(ctx.args))


# ---------------------------------------------------------------------------------- feeds


@feeds_cli.command("run")
def feeds_run(
    config: Annotated[Path, typer.Argument(help="FEEDS.toml (see docs/feeds.md).")],
    once: Annotated[
        bool, typer.Option("--once", help="Poll every feed once, print a summary, exit.")
    ] = False,
    web_bind: Annotated[
        str | None, typer.Option(help="Address of /healthz and /metrics (overrides the file).")
    ] = None,
    web_port: Annotated[
        int | None, typer.Option(help="Port of /healthz and /metrics, 0 for none.")
    ] = None,
) -> None:
    """Poll the feeds, fetch new items' pages and publish them to the raw topic (until
    SIGINT/SIGTERM); what was published is remembered in a compacted Kafka topic."""
    from workers.feeds.config import FeedsConfigError, load_config
    from workers.feeds.service import run_until_signalled, summary_lines

    try:
        feeds = load_config(config)
    except FeedsConfigError as exc:
        _fail(str(exc))
    updates = {k: v for k, v in (("web_bind", web_bind), ("web_port", web_port)) if v is not None}
    feeds = feeds.model_copy(update=updates)
    summary = run_until_signalled(feeds, get_settings(), once=once)
    if once:
        for line in summary_lines(summary):
            out.print(line, markup=False, highlight=False)


# ---------------------------------------------------------------------------------- ops


@cli.command("api")
def api(
    port: Annotated[int | None, typer.Option(help="Port (default: api.port).")] = None,
    bind: Annotated[str | None, typer.Option(help="Address (default: api.bind).")] = None,
) -> None:
    """Serve the HTTP ingest endpoint: POST /articles (one article or a batch) → raw topic."""
    from workers.stream.api import serve

    settings = get_settings()
    updates = {k: v for k, v in (("port", port), ("bind", bind)) if v is not None}
    settings = settings.model_copy(update={"api": settings.api.model_copy(update=updates)})
    try:
        serve(settings)
    except ValueError as exc:
        _fail(str(exc))


def _repo_on_path() -> None:
    """bench/ lives next to the package in the source tree, not inside the installed package."""
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)


@cli.command(
    "chaos",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,  # --help goes to the runner's own argument parser
)
def chaos(ctx: typer.Context) -> None:
    """Chaos run on a second stack of its own: SIGKILLed workers, Kafka and ES restarts, bad
    input; checks nothing is lost or duplicated (--articles N; --help lists the options)."""
    _repo_on_path()
    from bench.e2e.chaos import main as chaos_main

    raise typer.Exit(chaos_main(ctx.args))


@cli.command(
    "bench",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,  # --help goes to the runner's own argument parser
)
def bench(ctx: typer.Context) -> None:
    """End-to-end benchmark, on --feed FILE.jsonl.gz or synthetic articles: articles/s, CPU
    per article against the in-process pipeline, produce→searchable p50/p99, ratio to a bare
    relay, stage micro-benchmarks, memory per worker, 1 vs 2 workers (--help lists options)."""
    _repo_on_path()
    from bench.e2e.bench import main as bench_main

    raise typer.Exit(bench_main(ctx.args))


def main() -> None:
    start = time.monotonic()
    try:
        cli()
    finally:
        if os.environ.get("NEWSFLOW_TIMING"):
            err.print(f"{time.monotonic() - start:.2f}s")
