"""Chaos run: a mixed feed through two workers while workers are SIGKILLed, one is stalled
(SIGSTOP past the consumer session timeout, then SIGCONT) and Kafka and Elasticsearch are
restarted; then every promise is checked and the figures printed.

    python -m bench.e2e.chaos --articles 10000        (or: newsflow chaos --articles 10000)

It runs on a stack of its own (``RunStack``: other ports, other directory) because it restarts
the brokers. Checks at the end:

* every good article is in Elasticsearch exactly once, updated ones with their newest version;
* the claims index holds exactly the claims of each article's newest version (the claims in
  the article document's ``enriched`` copy): none stale, none missing, none twice;
* every bad input is in the dead-letter topic with its expected reason and its original payload
  (redeliveries after a SIGKILL can write a letter twice: letters are identified by the input
  record they came from, and readers count each once — the raw count is printed too);
* consumer lag is zero (a late write after the run settled, such as the stalled worker's stale
  output, may raise it for a moment: it must be zero again within ``LAG_RECHECK_SECONDS``).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from bench.e2e.feed import Feed, build_feed
from bench.e2e.harness import Pipeline, RunStack, wait_until
from schemas.models import Claim
from workers.core.claims import claim_id
from workers.core.deadletter import decode_payload
from workers.stream.deadletters import letter_identity

LAG_RECHECK_SECONDS = 60.0
"""How long a lag that reappeared after the run settled may take to reach zero again."""

STALL_PAST_SESSION_SECONDS = 10.0
"""How long past the consumer session timeout a stalled worker stays stopped."""


@dataclass
class ChaosResult:
    figures: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Producer(threading.Thread):
    """Publishes the feed like a live source: in chunks of ``rate`` records a second, never more
    than ``ahead`` records in front of what is indexed (so it is still producing when Kafka
    restarts), retrying what Kafka did not acknowledge."""

    def __init__(self, pipeline: Pipeline, feed: Feed, rate: float, ahead: int) -> None:
        super().__init__(daemon=True)
        self.pipeline, self.feed, self.rate, self.ahead = pipeline, feed, rate, ahead
        self.sent = self.retries = 0
        self.failed: list[str] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            asyncio.run(self._run())
        except BaseException as exc:
            self.error = exc

    async def _run(self) -> None:
        from workers.stream.kafka import ensure_topics, producer, send_all

        settings = self.pipeline.settings.kafka
        await ensure_topics(settings)
        topic = settings.topic("raw")
        chunk = max(1, int(self.rate))
        async with producer(settings) as instance:
            for start in range(0, len(self.feed.records), chunk):
                while start - max(0, self.pipeline.count()) > self.ahead:
                    await asyncio.sleep(0.5)
                began = time.monotonic()
                report = await send_all(
                    instance, topic, self.feed.records[start : start + chunk], attempts=20
                )
                self.sent += report.sent
                self.retries += report.retries
                self.failed += [error for _, error in report.failed]
                await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - began)))


def run_chaos(
    articles: int,
    workdir: Path,
    stack: RunStack,
    *,
    bad_per_kind: int = 10,
    rate: float = 150.0,
    seed: int = 5,
    timeout: float = 1800,
    log: Any = print,
) -> ChaosResult:
    result = ChaosResult()
    rng = random.Random(seed)
    started = time.monotonic()

    def event(text: str) -> None:
        line = f"[{time.monotonic() - started:7.1f}s] {text}"
        result.events.append(line)
        log(line)

    event(f"stack ready in {stack.up():.1f}s ({stack.bootstrap}, {stack.es_url})")
    feed = build_feed(articles, bad_per_kind=bad_per_kind, seed=seed)
    expected_good = len(feed.good)
    event(
        f"feed: {len(feed.records)} records = {expected_good} articles "
        f"({len(feed.updated_titles)} updated), {len(feed.bad)} bad in {len(feed.kinds)} kinds"
    )
    pipeline = Pipeline(
        stack.bootstrap,
        stack.es_url,
        workdir,
        # The feed's runaway texts must hit the extract limit; good articles take milliseconds.
        extra_env={"NEWSFLOW_PROCESSING__EXTRACT_TIMEOUT_SECONDS": "3"},
    )
    producer = Producer(pipeline, feed, rate, ahead=max(500, articles // 10))
    killed = restarted_unplanned = 0
    stalled: list[Any] = []
    try:
        workers = [pipeline.start_worker(), pipeline.start_worker()]
        event(f"two workers ready (group {pipeline.tag})")
        producer.start()
        # Chaos events at random points of the run, in this order.
        plan = [
            ("kill", rng.uniform(0.05, 0.15)),
            ("kafka", rng.uniform(0.2, 0.3)),
            ("kill", rng.uniform(0.35, 0.45)),
            ("elasticsearch", rng.uniform(0.5, 0.6)),
            ("kill", rng.uniform(0.65, 0.75)),
            ("stall", rng.uniform(0.8, 0.88)),
        ]
        for action, fraction in plan:
            target = int(expected_good * fraction)

            def reached(target: int = target) -> bool:
                return pipeline.count() >= target

            wait_until(reached, timeout, f"stalled before {action} at {target} articles")
            if action == "kill":
                victim = rng.choice(pipeline.alive())
                pipeline.kill(victim)
                killed += 1
                event(f"SIGKILL worker pid {victim.process.pid} at {pipeline.count()} indexed")
                workers.remove(victim)
                workers.append(pipeline.start_worker())
                event("replacement worker ready")
            elif action == "stall":
                victim = rng.choice(pipeline.alive())
                stopped = pipeline.settings.worker.session_timeout + STALL_PAST_SESSION_SECONDS
                pipeline.stall(victim)
                event(
                    f"SIGSTOP worker pid {victim.process.pid} at {pipeline.count()} indexed "
                    f"for {stopped:.0f}s (session timeout "
                    f"{pipeline.settings.worker.session_timeout:.0f}s)"
                )
                time.sleep(stopped)
                event(f"SIGCONT worker pid {victim.process.pid} at {pipeline.count()} indexed")
                pipeline.wake(victim)
                stalled.append(victim)
            elif action == "kafka":
                event(f"restarting Kafka at {pipeline.count()} indexed")
                event(f"Kafka back after {stack.restart_kafka():.1f}s")
            else:
                event(f"restarting Elasticsearch at {pipeline.count()} indexed")
                states: list[dict[str, Any]] = []
                stop = threading.Event()
                sampler = threading.Thread(
                    target=_sample_readiness, args=(pipeline, states, stop), daemon=True
                )
                sampler.start()
                event(f"Elasticsearch back after {stack.restart_elasticsearch():.1f}s")
                wait_until(
                    lambda: all((pipeline.ready(w) or {}).get("ready") for w in pipeline.alive()),
                    300,
                    "workers did not become ready after the Elasticsearch restart",
                )
                stop.set()
                sampler.join()
                paused = sum(1 for state in states if state.get("es_paused"))
                event(
                    f"workers ready again; during the outage {paused} of {len(states)} "
                    "readiness samples said paused (503)"
                )
                result.figures["readiness samples paused during ES outage"] = (
                    f"{paused}/{len(states)}"
                )
            restarted_unplanned += _revive(pipeline, workers, event)

        producer.join(timeout)
        event(
            f"producer done: {producer.sent} acknowledged, {producer.retries} retried, "
            f"{len(producer.failed)} failed"
        )
        if producer.error:
            result.problems.append(f"producer crashed: {producer.error!r}")
        expected_letters = len(feed.bad)

        def settled() -> bool:
            nonlocal restarted_unplanned
            restarted_unplanned += _revive(pipeline, workers, event)
            return pipeline.count() >= expected_good and pipeline.lag() == 0

        waited = wait_until(settled, timeout, "pipeline did not settle")
        letters = pipeline.dead_letters(unique=False)
        event(f"settled {waited:.1f}s after the producer finished")
        _check(pipeline, feed, letters, result)
        _check_claims(pipeline, result)
        for worker in stalled:
            result.figures["stalled worker: offset commits refused after waking"] = _count_lines(
                worker.log, ("CommitFailedError", "IllegalGeneration", "UnknownMemberId")
            )
        elapsed = time.monotonic() - started
        rss = {f"worker {w.process.pid}": round(pipeline.rss_mib(w)) for w in pipeline.alive()}
        conflicts = sum(
            v
            for w in pipeline.alive()
            for k, v in pipeline.metrics(w).items()
            if k == "newsflow_es_version_conflicts_total"
        )
        result.figures.update(
            {
                "records produced": len(feed.records),
                "good articles": expected_good,
                "updated articles": len(feed.updated_titles),
                "bad inputs": expected_letters,
                "bad kinds": len(feed.kinds),
                "workers SIGKILLed": killed,
                "unplanned worker restarts": restarted_unplanned,
                "kafka restarts": 1,
                "elasticsearch restarts": 1,
                "workers stalled past the session timeout": len(stalled),
                "producer retries": producer.retries,
                "version conflicts (replays skipped, live workers)": int(conflicts),
                "run seconds": round(elapsed, 1),
                "articles/s overall": round(expected_good / elapsed, 1),
                "worker RSS MiB": rss,
            }
        )
    finally:
        pipeline.stop_all()
    return result


def _sample_readiness(
    pipeline: Pipeline, states: list[dict[str, Any]], stop: threading.Event
) -> None:
    while not stop.is_set():
        for worker in pipeline.alive():
            state = pipeline.ready(worker)
            if state is not None:
                states.append(state)
        time.sleep(1)


def _revive(pipeline: Pipeline, workers: list[Any], event: Any) -> int:
    """A worker that exited on its own is restarted (what a supervisor would do); counted."""
    revived = 0
    for worker in list(workers):
        if worker.process.poll() is not None:
            event(f"worker pid {worker.process.pid} exited ({worker.process.returncode}); restart")
            workers.remove(worker)
            workers.append(pipeline.start_worker())
            revived += 1
    return revived


def _check(pipeline: Pipeline, feed: Feed, letters: list[Any], result: ChaosResult) -> None:
    docs = pipeline.documents(["id", "title", "version"])
    counts = Counter(doc["id"] for doc in docs.values())
    missing = [i for i in feed.good if i not in docs]
    unexpected = [i for i in docs if i not in feed.good]
    doubled = [i for i, n in counts.items() if n > 1]
    stale = [
        i
        for i, version in feed.good.items()
        if version is not None
        and i in docs
        and (docs[i]["version"] != version or docs[i]["title"] != feed.updated_titles[i])
    ]
    # One letter per bad input as the readers count them (``dlq show``, ``dlq replay``):
    # redeliveries write a letter again, collapsed by ``letter_identity``.
    by_input: dict[tuple[Any, ...] | None, Any] = {}
    for letter in letters:  # every letter here came through the stream: it has an identity
        by_input.setdefault(letter_identity(letter), letter)
    per_payload: Counter[bytes] = Counter()
    wrong_reason: list[str] = []
    # A letter from a later stage (extract, index) carries that stage's input record, not the
    # raw payload: it is matched to its bad input by the article id.
    by_article_id = {_payload_id(payload): payload for payload in feed.bad}
    by_article_id.pop(None, None)
    for letter in by_input.values():
        payload = decode_payload(letter)
        if payload not in feed.bad and letter.stage in ("extract", "index"):
            payload = by_article_id.get(letter.article_id, payload)
        per_payload[payload] += 1
        expected = feed.bad.get(payload)
        if expected is None:
            wrong_reason.append(f"unexpected letter {letter.reason.value}: {letter.message[:120]}")
        elif letter.reason != expected[1]:
            wrong_reason.append(f"{expected[0]}: got {letter.reason.value}, {letter.message[:120]}")
    absent = [feed.bad[p][0] for p in feed.bad if per_payload[p] == 0]
    repeated = [feed.bad[p][0] for p in feed.bad if per_payload[p] > 1]
    lag = pipeline.lag()
    if lag != 0:
        # Zero once already (the run settled on it): a late write can raise it again, such as
        # the stale output of the worker that was stalled, which replays as version no-ops.
        # Nothing is pending once the workers have consumed and committed that too.
        seen, progress = lag, pipeline.progress()
        try:
            waited = wait_until(lambda: pipeline.lag() == 0, LAG_RECHECK_SECONDS, "lag")
            lag = 0
            result.figures["consumer lag seen again after settling"] = seen
            result.events.append(
                f"consumer lag was {seen} after settling ({_progress_text(progress)}); "
                f"0 again {waited:.1f}s later"
            )
        except TimeoutError:
            lag = pipeline.lag()
            result.problems.append(
                f"consumer lag stays at {lag} ({_progress_text(pipeline.progress())})"
            )
    reasons = Counter(letter.reason.value for letter in by_input.values())
    result.figures.update(
        {
            "articles in ES": len(docs),
            "missing articles": len(missing),
            "unexpected articles": len(unexpected),
            "articles indexed twice": len(doubled),
            "updated articles with an older version": len(stale),
            "dead letters (unique input records)": len(by_input),
            "dead letters written (incl. redeliveries)": len(letters),
            "bad inputs missing from the DLQ": len(absent),
            "bad inputs in the DLQ more than once": len(repeated),
            "dead letters with a wrong reason": len(wrong_reason),
            "DLQ by reason": dict(sorted(reasons.items())),
            "consumer lag": lag,
        }
    )
    for label, items in (
        ("missing from ES", missing),
        ("not expected in ES", unexpected),
        ("indexed twice", doubled),
        ("older version kept", stale),
        ("bad input not dead-lettered", absent),
        ("bad input dead-lettered twice", repeated),
        ("wrong reason", wrong_reason),
    ):
        if items:
            result.problems.append(f"{len(items)} {label}: {items[:5]}")


def _progress_text(progress: dict[str, tuple[int, int]]) -> str:
    return ", ".join(
        f"{topic}: committed {done} of {end}" for topic, (done, end) in progress.items()
    )


def _payload_id(payload: bytes) -> str | None:
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    return data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None


def _check_claims(pipeline: Pipeline, result: ChaosResult) -> None:
    """The claims index against the newest version of every article: the article document
    (already checked to be the newest version) carries that version's claims in ``enriched``."""
    docs = pipeline.documents(["id", "version", "enriched.claims"])
    expected: dict[str, tuple[str, int]] = {}
    for article_id, doc in docs.items():
        for raw in (doc.get("enriched") or {}).get("claims") or []:
            expected[claim_id(article_id, Claim.model_validate(raw))] = (article_id, doc["version"])
    found = pipeline.claims()
    per_id = Counter(claim["_id"] for claim in found)
    twice = [i for i, n in per_id.items() if n > 1]
    stale = [
        claim["_id"]
        for claim in found
        if claim["_id"] not in expected
        or expected[claim["_id"]] != (claim["article_id"], claim["version"])
    ]
    orphans = [c["_id"] for c in found if c["article_id"] not in docs]
    missing = [i for i in expected if i not in per_id]
    result.figures.update(
        {
            "claims expected (newest versions)": len(expected),
            "claims in ES": len(found),
            "claims missing": len(missing),
            "stale claims (not of the newest version)": len(stale),
            "claims of articles not in ES": len(orphans),
            "claims indexed twice": len(twice),
        }
    )
    for label, items in (
        ("claims missing", missing),
        ("stale claims", stale),
        ("claims of articles not in ES", orphans),
        ("claims indexed twice", twice),
    ):
        if items:
            result.problems.append(f"{len(items)} {label}: {items[:5]}")


def _count_lines(path: Path, words: tuple[str, ...]) -> int:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return 0
    return sum(1 for line in text.splitlines() if any(w in line for w in words))


def print_result(result: ChaosResult, out: Any = print) -> None:
    out("")
    out("chaos run figures")
    for key, value in result.figures.items():
        out(f"  {key:<52} {value}")
    out("")
    out("PASS: nothing lost, nothing duplicated, claims exact" if result.ok else "FAIL:")
    for problem in result.problems:
        out(f"  - {problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsflow chaos", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--bad-per-kind", type=int, default=10)
    parser.add_argument("--rate", type=float, default=150.0, help="most records produced a second")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--stack-dir", type=Path, default=Path("/tmp/newsflow-chaos-stack"))
    parser.add_argument("--kafka-port", type=int, default=19092)
    parser.add_argument("--es-port", type=int, default=19200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsflow-chaos-run"))
    parser.add_argument("--keep-stack", action="store_true", help="leave the stack running")
    args = parser.parse_args(argv)
    stack = RunStack(
        args.stack_dir.resolve(),
        kafka_port=args.kafka_port,
        controller_port=args.kafka_port + 1,
        es_port=args.es_port,
    )
    shutil.rmtree(args.workdir, ignore_errors=True)
    try:
        result = run_chaos(
            args.articles,
            args.workdir,
            stack,
            bad_per_kind=args.bad_per_kind,
            rate=args.rate,
            seed=args.seed,
        )
    finally:
        if not args.keep_stack:
            stack.down()
    print_result(result)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
