"""Property-based fuzzing of the processing core: generated and mutated raw records, texts and
HTML through ingest → clean → extract → document projection, exactly as a worker runs them.

    python -m bench.fuzz --inputs 100000            (the benchmark; prints and writes a report)

Every input must end as an enriched article or as ``RejectedInput`` with a specific reason
(never ``processing_error``, never an empty message); anything else is a crash. The report
counts outcomes by reason and gives the time per input (max, p99, median). The generators:

* ``records``: JSON objects over the RawArticle fields (and stray ones) with values of any JSON
  type: wrong types, huge or negative numbers, odd dates, empty and very long strings;
* ``texts`` / ``html``: article texts from a hostile alphabet (quotation marks of every kind,
  Arabic and Latin letters, digits, sentence ends, markup characters, invisible characters),
  long repeated patterns, generated HTML trees with scripts, comments, entities, unclosed tags;
* ``mutations``: valid synthetic records with bytes flipped, cut, inserted or duplicated;
* ``bytes``: arbitrary payloads.

``tests/unit/core/test_fuzz.py`` runs a few thousand of the same inputs in CI.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from workers.core.cleaning import build_cleaner
from workers.core.documents import article_document, claim_documents
from workers.core.errors import RejectedInput
from workers.core.factory import build_pipeline
from workers.core.ingest import parse_raw
from workers.core.pipeline import Pipeline
from workers.ops.synthetic import synthetic_articles
from workers.settings import ProcessingSettings

RECEIVED = datetime(2026, 11, 30, tzinfo=UTC)
FIELDS = [
    "schema_version", "id", "source", "url", "lang", "title", "text", "html", "author",
    "published_at", "fetched_at", "version",
]  # fmt: skip

HOSTILE = (
    "abcdeXYZ ءابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣ 0123456789 .,;:!?؟،؛… "
    "\"'“”„«»‹›「」 \n\n\t<>/&#;=-—–()[]{}%$€£ \u200b\u200f\u202e\ufeff\u0640\u064b"
)
TAGS = ["p", "div", "span", "a", "script", "style", "article", "nav", "h1", "br", "x-widget", "b"]


def _texts() -> st.SearchStrategy[str]:
    hostile = st.text(alphabet=st.sampled_from(HOSTILE), max_size=600)
    anything = st.text(max_size=200)
    repeated = st.tuples(st.text(alphabet=st.sampled_from(HOSTILE), min_size=1, max_size=12),
                         st.integers(1, 400)).map(lambda t: t[0] * t[1])  # fmt: skip
    words = st.lists(
        st.sampled_from(["said", "قال", "the", "minister", "“We", "will.”", "«سنفعل»", "Mr.",
                         "U.S.", "5%", "1,000", "$3", "مليون", "he", "told", ":", '"']),
        max_size=120,
    ).map(" ".join)  # fmt: skip
    return st.one_of(hostile, anything, repeated, words)


def _html() -> st.SearchStrategy[str]:
    def render(node: tuple[str, list[str], str]) -> str:
        tag, children, attrs = node
        return f"<{tag}{attrs}>{''.join(children)}</{tag}>"

    leaf = st.one_of(
        _texts(),
        st.sampled_from(["&amp;", "&#x41;", "&lt;b&gt;", "<!-- c -->", "<br>", "<p>", "</div>",
                         "<script>x()</script>", "&nbsp;", "&#0;", "<![CDATA[x]]>"]),
    )  # fmt: skip
    attrs = st.sampled_from(["", ' class="a"', ' href="javascript:x()"', ' onclick="y"', " x"])
    tree = st.recursive(
        leaf,
        lambda kids: st.tuples(st.sampled_from(TAGS), st.lists(kids, max_size=4), attrs).map(
            render
        ),
        max_leaves=30,
    )
    return st.lists(tree, max_size=6).map(lambda parts: "<html><body>" + "".join(parts))


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False),
        _texts(), st.sampled_from(["2026-01-01", "2026-13-45T99:00", "yesterday", "ar", "en",
                                   "https://x.example/a", ""]),
    )  # fmt: skip
    return st.recursive(
        scalars,
        lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids),
        max_leaves=5,
    )


def _records() -> st.SearchStrategy[bytes]:
    fields = st.dictionaries(
        st.sampled_from([*FIELDS, "extra", ""]),
        st.one_of(_json_values(), _texts(), _html()),
        max_size=8,
    )
    plausible = st.fixed_dictionaries(
        {"id": st.text(max_size=30), "title": _texts()},
        optional={"text": _texts(), "html": _html(), "lang": st.sampled_from(["ar", "en", "xx"]),
                  "version": st.integers(-5, 2**63), "published_at": st.sampled_from(
                      ["2026-01-01T00:00:00Z", "2026-02-30", "0001-01-01T00:00:00+14:00"])},
    )  # fmt: skip
    # The stdlib encoder: integers beyond 64 bits and infinities pass (the latter as invalid
    # JSON), which orjson refuses to write.
    return st.one_of(fields, plausible).map(
        lambda d: json.dumps(d, default=str, ensure_ascii=False).encode()
    )


SEEDS = [orjson.dumps(a) for a in synthetic_articles(40, seed=17, prefix="fuzz")]


def _mutations() -> st.SearchStrategy[bytes]:
    edit = st.tuples(st.sampled_from(["flip", "cut", "insert", "dup", "truncate"]),
                     st.floats(0, 1), st.binary(min_size=1, max_size=8))  # fmt: skip

    def mutate(item: tuple[bytes, list[tuple[str, float, bytes]]]) -> bytes:
        data = bytearray(item[0])
        for op, where, chunk in item[1]:
            if not data:
                break
            i = int(where * (len(data) - 1))
            if op == "flip":
                data[i] ^= chunk[0] or 1
            elif op == "cut":
                del data[i : i + len(chunk) * 8]
            elif op == "insert":
                data[i:i] = chunk
            elif op == "dup":
                data[i:i] = data[i : i + 64]
            else:
                del data[i:]
        return bytes(data)

    return st.tuples(st.sampled_from(SEEDS), st.lists(edit, min_size=1, max_size=4)).map(mutate)


def inputs() -> st.SearchStrategy[bytes]:
    text_records = st.tuples(_texts(), _texts()).map(
        lambda t: orjson.dumps({"id": "fuzz-text", "title": t[0][:300] or "t", "text": t[1]})
    )
    html_records = _html().map(lambda h: orjson.dumps({"id": "fuzz-html", "html": h}))
    return st.one_of(text_records, html_records, _records(), _mutations(), st.binary(max_size=400))


@dataclass
class FuzzReport:
    inputs: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: list[dict[str, str]] = field(default_factory=list)
    unspecific: list[dict[str, str]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    slowest: tuple[float, bytes] = (0.0, b"")

    def figures(self) -> dict[str, Any]:
        ordered = sorted(self.seconds)
        p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else 0.0
        return {
            "inputs": self.inputs,
            "unhandled exceptions (crashes)": len(self.crashes),
            "rejections without a specific reason": len(self.unspecific),
            "outcomes": dict(sorted(self.outcomes.items(), key=lambda kv: -kv[1])),
            "ms per input: median": round(statistics.median(ordered) * 1000, 3) if ordered else 0,
            "ms per input: p99": round(p99 * 1000, 2),
            "ms per input: max": round(ordered[-1] * 1000, 1) if ordered else 0,
            "slowest input (first 120 bytes)": self.slowest[1][:120].decode("utf-8", "replace"),
            "crash samples": self.crashes[:5],
        }


class Runner:
    """One worker's processing core; rebuilt every ``restart_every`` inputs (like a worker
    restart) so the learned duplicate index does not grow without bound over a long run."""

    def __init__(self, report: FuzzReport, restart_every: int = 10_000) -> None:
        self.report = report
        self.restart_every = restart_every
        self.processing = ProcessingSettings()
        self.pipeline: Pipeline | None = None

    def _pipeline(self) -> Pipeline:
        if self.pipeline is None or self.report.inputs % self.restart_every == 0:
            if self.pipeline is not None:
                self.pipeline.cleaner.close()  # type: ignore[attr-defined]
            self.pipeline = build_pipeline(self.processing)
            cleaner = build_cleaner(self.processing)
            cleaner._html.warm_up()  # start the HTML process now, not inside a timed input
            self.pipeline.cleaner = cleaner
        return self.pipeline

    def close(self) -> None:
        if self.pipeline is not None:
            self.pipeline.cleaner.close()  # type: ignore[attr-defined]

    def __call__(self, payload: bytes) -> None:
        pipeline = self._pipeline()
        report = self.report
        report.inputs += 1
        started = time.perf_counter()
        try:
            raw = parse_raw(payload, self.processing.max_input_bytes, RECEIVED)
            cleaner: Any = pipeline.cleaner
            result = cleaner.clean(raw)
            cleaner.apply(result)
            enriched = pipeline.enrich(result.article)
            article_document(enriched, RECEIVED)
            claim_documents(enriched)
            outcome = "enriched"
        except RejectedInput as exc:
            outcome = f"rejected: {exc.reason.value}"
            if exc.reason.value == "processing_error" or not exc.message.strip():
                report.unspecific.append({"reason": exc.reason.value, "message": exc.message})
        except Exception as exc:
            outcome = "crash"
            report.crashes.append(
                {"error": f"{type(exc).__name__}: {exc}"[:300], "payload": repr(payload[:300])}
            )
        elapsed = time.perf_counter() - started
        report.seconds.append(elapsed)
        report.outcomes[outcome] += 1
        if elapsed > report.slowest[0]:
            report.slowest = (elapsed, payload)


def run_fuzz(
    count: int, random_seed: int = 0, progress: Any = None, every: int = 10_000
) -> FuzzReport:
    report = FuzzReport()
    runner = Runner(report)

    @seed(random_seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs())
    def feed(payload: bytes) -> None:
        runner(payload)
        if progress is not None and report.inputs % every == 0:
            progress(report)

    try:
        feed()
    finally:
        runner.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fuzz", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    started, cpu = time.monotonic(), time.process_time()

    def write(report: FuzzReport, final: bool = False) -> str:
        figures = {
            **report.figures(),
            "finished": final,
            "wall seconds": round(time.monotonic() - started, 1),
            "cpu seconds (this process)": round(time.process_time() - cpu, 1),
        }
        text = json.dumps(figures, indent=2, ensure_ascii=False)
        if args.json:
            args.json.write_text(text + "\n", encoding="utf-8")
        return text

    report = run_fuzz(args.inputs, args.seed, progress=write)
    print(write(report, final=True))
    return 0 if not report.crashes and not report.unspecific else 1


if __name__ == "__main__":
    sys.exit(main())
