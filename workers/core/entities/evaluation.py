"""Score an entity extractor against the annotated corpus in ``bench/entities/corpus``.

Corpus files: title on the first line, a blank line, the body; gold mentions inline as
``[text|LABEL|ID]`` (ID ``-`` for a name the knowledge base lacks). See the corpus README.

Reported:

- precision, recall and F1 per label and overall, a mention counting as correct when its field,
  offsets and label all equal the gold ones (exact span + label);
- the same with partial credit disabled but labels ignored (span only), to tell boundary errors
  from label errors;
- linking accuracy: among correctly found gold mentions with a knowledge-base id, the share
  whose ``entity_id`` is that id; and among those without one, the share given an ``nf:`` id;
- throughput in characters per second on one core, and knowledge-base build time and memory.

Runnable as ``python -m bench.entities.evaluate`` (importable here for the CLI).
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.models import CleanArticle, Entity, Label, TextField
from workers.core.pipeline import EntityExtractor
from workers.core.scoring import Counts

DEFAULT_CORPUS = Path("bench/entities/corpus")
EVALUATED_LABELS = (Label.PERSON, Label.ORG, Label.LOC, Label.NORP)
_GOLD = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\|([^\]|]+)\]")


@dataclass(frozen=True)
class GoldMention:
    field: TextField
    start: int
    end: int
    label: Label
    entity_id: str | None
    text: str


@dataclass
class GoldArticle:
    name: str
    article: CleanArticle
    mentions: list[GoldMention]


def _strip_markup(marked: str, text_field: TextField) -> tuple[str, list[GoldMention]]:
    plain: list[str] = []
    mentions: list[GoldMention] = []
    position = 0
    length = 0
    for found in _GOLD.finditer(marked):
        before = marked[position : found.start()]
        plain.append(before)
        length += len(before)
        text, label, entity_id = found.groups()
        mentions.append(
            GoldMention(
                text_field,
                length,
                length + len(text),
                Label(label),
                None if entity_id == "-" else entity_id,
                text,
            )
        )
        plain.append(text)
        length += len(text)
        position = found.end()
    plain.append(marked[position:])
    return "".join(plain), mentions


def parse_corpus_file(path: Path) -> GoldArticle:
    raw = path.read_text(encoding="utf-8").strip("\n")
    title_marked, _, body_marked = raw.partition("\n")
    title, title_mentions = _strip_markup(title_marked.strip(), TextField.TITLE)
    body, body_mentions = _strip_markup(body_marked.strip("\n"), TextField.BODY)
    lang = "ar" if path.name.startswith("ar_") else "en"
    article = CleanArticle(
        id=path.stem,
        lang=lang,
        title=title,
        body=body,
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
        version=1,
        content_hash=path.stem,
    )
    return GoldArticle(path.stem, article, title_mentions + body_mentions)


def load_corpus(directory: Path = DEFAULT_CORPUS) -> list[GoldArticle]:
    files = sorted(p for p in directory.glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no corpus files (*.txt) in {directory}")
    return [parse_corpus_file(p) for p in files]


@dataclass
class Report:
    articles: int
    by_label: dict[str, Counts]
    overall: Counts
    span_only: Counts
    linked_correct: int
    linked_total: int
    new_names_correct: int
    new_names_total: int
    characters: int
    seconds: float
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def linking_accuracy(self) -> float:
        return self.linked_correct / self.linked_total if self.linked_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": self.overall.as_dict(digits=3),
            "span_only": self.span_only.as_dict(digits=3),
            "by_label": {k: v.as_dict(digits=3) for k, v in self.by_label.items()},
            "linking_accuracy": round(self.linking_accuracy, 3),
            "linked": f"{self.linked_correct}/{self.linked_total}",
            "new_names_with_nf_id": f"{self.new_names_correct}/{self.new_names_total}",
            "characters": self.characters,
            "chars_per_second": round(self.characters / self.seconds) if self.seconds else None,
        }


def evaluate(extractor: EntityExtractor, corpus: Sequence[GoldArticle]) -> Report:
    by_label = {label.value: Counts() for label in EVALUATED_LABELS}
    overall, span_only = Counts(), Counts()
    linked = [0, 0]
    new_names = [0, 0]
    errors: list[dict[str, Any]] = []
    characters = sum(len(g.article.title) + len(g.article.body) for g in corpus)
    predictions: list[list[Entity]] = []
    start = time.perf_counter()
    for gold in corpus:
        predictions.append(extractor(gold.article))
    seconds = time.perf_counter() - start
    for gold, predicted in zip(corpus, predictions, strict=True):
        wanted = [p for p in predicted if p.label in EVALUATED_LABELS]
        gold_keys = {(g.field, g.start, g.end, g.label): g for g in gold.mentions}
        pred_keys = {(p.field, p.start, p.end, p.label): p for p in wanted}
        for key, g in gold_keys.items():
            scores = by_label[g.label.value]
            if key in pred_keys:
                scores.tp += 1
                overall.tp += 1
                p = pred_keys[key]
                if g.entity_id is not None:
                    linked[1] += 1
                    linked[0] += p.entity_id == g.entity_id
                    if p.entity_id != g.entity_id:
                        errors.append(_error(gold.name, "wrong id", g, p))
                else:
                    new_names[1] += 1
                    new_names[0] += p.entity_id.startswith("nf:")
            else:
                scores.fn += 1
                overall.fn += 1
                errors.append(_error(gold.name, "missed", g, None))
        for key, p in pred_keys.items():
            if key not in gold_keys:
                by_label[p.label.value].fp += 1
                overall.fp += 1
                errors.append(_error(gold.name, "spurious", None, p))
        gold_spans = {(g.field, g.start, g.end) for g in gold.mentions}
        pred_spans = {(p.field, p.start, p.end) for p in wanted}
        span_only.tp += len(gold_spans & pred_spans)
        span_only.fn += len(gold_spans - pred_spans)
        span_only.fp += len(pred_spans - gold_spans)
    return Report(
        articles=len(corpus),
        by_label=by_label,
        overall=overall,
        span_only=span_only,
        linked_correct=linked[0],
        linked_total=linked[1],
        new_names_correct=new_names[0],
        new_names_total=new_names[1],
        characters=characters,
        seconds=seconds,
        errors=errors,
    )


def _error(
    article: str, kind: str, gold: GoldMention | None, predicted: Entity | None
) -> dict[str, Any]:
    return {
        "article": article,
        "kind": kind,
        "gold": None
        if gold is None
        else f"{gold.field.value}:{gold.start} {gold.text!r} {gold.label.value} {gold.entity_id}",
        "predicted": None
        if predicted is None
        else f"{predicted.field.value}:{predicted.start} {predicted.text!r} "
        f"{predicted.label.value} {predicted.entity_id}",
    }


def measure_throughput(
    extractor: EntityExtractor, corpus: Sequence[GoldArticle], seconds: float = 2.0
) -> float:
    """Characters per second over repeated passes of the corpus (single thread)."""
    characters = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for gold in corpus:
            extractor(gold.article)
            characters += len(gold.article.title) + len(gold.article.body)
    return characters / (time.perf_counter() - start)


def measure_kb() -> dict[str, float | int]:
    """Knowledge-base build time (fresh, no cache) and the memory it keeps, with the matcher."""
    from workers.core.entities.gazetteer import GazetteerMatcher
    from workers.core.entities.kb_build import build_knowledge_base

    start = time.perf_counter()
    kb = build_knowledge_base(cities=True)
    build_seconds = time.perf_counter() - start
    start = time.perf_counter()
    GazetteerMatcher(kb)
    automaton_seconds = time.perf_counter() - start
    stats = kb.stats()
    del kb
    gc.collect()
    tracemalloc.start()
    kb = build_knowledge_base(cities=True)
    matcher = GazetteerMatcher(kb)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kb, matcher
    return {
        "build_seconds": round(build_seconds, 3),
        "automaton_seconds": round(automaton_seconds, 3),
        "retained_mib": round(retained / 2**20, 1),
        "peak_mib": round(peak / 2**20, 1),
        **stats,
    }


def build_extractor(backend: str, model: str | None) -> EntityExtractor:
    from workers.core.entities.models import build_entity_extractor
    from workers.settings import ProcessingSettings

    settings = ProcessingSettings.model_validate({"entity_backend": backend, "entity_model": model})
    return build_entity_extractor(settings)


def format_report(report: Report, extra: dict[str, Any]) -> str:
    lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    rows = [*report.by_label.items(), ("ALL", report.overall), ("SPAN", report.span_only)]
    for name, s in rows:
        lines.append(
            f"{name:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp:5d} {s.fp:5d} {s.fn:5d}"
        )
    lines.append(
        f"linking accuracy {report.linking_accuracy:.3f} "
        f"({report.linked_correct}/{report.linked_total} gold mentions with a KB id); "
        f"new names given nf: ids {report.new_names_correct}/{report.new_names_total}"
    )
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--backend", default="crf", choices=["crf", "rules", "spacy", "transformers"]
    )
    parser.add_argument(
        "--model", default=None, help="spaCy/HF model name or path (crf: model directory)"
    )
    parser.add_argument(
        "--conll",
        type=Path,
        default=None,
        help="score a CoNLL/IOB file (IOB1/IOB2, 2 or 4 columns) instead of the corpus; "
        "needs --lang",
    )
    parser.add_argument("--lang", default=None, help="only files starting with this (ar, en)")
    parser.add_argument("--verbose", action="store_true", help="list every error")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--no-timing", action="store_true", help="skip throughput and KB load")
    args = parser.parse_args(argv)
    if args.conll is not None:
        return _main_conll(args)
    corpus = load_corpus(args.corpus)
    if args.lang:
        corpus = [g for g in corpus if g.name.startswith(args.lang + "_")]
    extra: dict[str, Any] = {}
    if not args.no_timing:
        extra["kb"] = measure_kb()
    extractor = build_extractor(args.backend, args.model)
    report = evaluate(extractor, corpus)
    if not args.no_timing:
        extra["chars_per_second_one_core"] = round(measure_throughput(extractor, corpus))
    print(f"{report.articles} articles, {report.characters} characters, backend {args.backend}")
    print(format_report(report, extra))
    if args.verbose:
        for error in report.errors:
            gold, predicted = error["gold"], error["predicted"]
            print(f"  {error['article']:<22} {error['kind']:<8} {gold} | {predicted}")
    if args.json:
        args.json.write_text(
            json.dumps({**report.as_dict(), **extra}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


def _main_conll(args: argparse.Namespace) -> int:
    from workers.core.entities.conll import ConllFormatError
    from workers.core.entities.conll_eval import evaluate_conll

    if args.lang not in ("ar", "en"):
        print("--conll needs --lang ar or --lang en", file=sys.stderr)
        return 2
    if not args.conll.is_file():
        print(f"no such file: {args.conll}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    extractor = build_extractor(args.backend, args.model)
    load_seconds = time.perf_counter() - started
    try:
        report = evaluate_conll(extractor, args.conll, args.lang)
    except (ConllFormatError, UnicodeDecodeError) as exc:
        print(f"{args.conll}: not a CoNLL/IOB file: {exc}", file=sys.stderr)
        return 2
    print(
        f"{args.conll}: {report.articles} articles, {report.characters} characters, "
        f"backend {args.backend}, lang {args.lang}"
    )
    print(report.scores.table())
    print(
        f"characters per second (one core): {report.chars_per_second:,.0f} wall, "
        f"{report.chars_per_cpu_second:,.0f} per CPU second"
    )
    print(f"extractor load seconds: {load_seconds:.2f}")
    if args.json:
        figures = {
            "file": str(args.conll),
            "backend": args.backend,
            "lang": args.lang,
            **report.scores.as_dict(),
            "chars_per_second": round(report.chars_per_second),
            "chars_per_cpu_second": round(report.chars_per_cpu_second),
            "load_seconds": round(load_seconds, 2),
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
