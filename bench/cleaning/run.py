"""Cleaning benchmark: ``python -m bench.cleaning [--quick] [--json out.json]``.

Reports, on the corpus under ``bench/cleaning/corpus/``:

* line-level quality — body retention (recall of gold body lines, precision of output lines),
  chrome removal (recall of gold chrome lines, precision = chrome among removed gold lines),
  title, date, language and duplicate accuracy — for text and HTML inputs, Arabic and
  English, with and without learned chrome, and for bare ``trafilatura.extract`` on the HTML;
* throughput on one core (the process pins itself to CPU 0): 5 KB text articles per second
  and 50 KB HTML pages per second through the cleaner, and the ratio of the cleaner's HTML path
  to bare ``trafilatura.extract`` on the same pages;
* language identification accuracy and speed of the available backends (``--lang``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from schemas.models import RawArticle
from workers.core.cleaning import (
    ArticleCleaner,
    CleanResult,
    DuplicateArticle,
    HtmlExtractorPool,
    InlineHtmlExtractor,
    LearnedChrome,
)
from workers.core.errors import RejectedInput
from workers.core.ingest import with_defaults
from workers.core.text import match_form

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"


@dataclass
class Item:
    name: str
    kind: str  # text | html
    lang: str
    raw: RawArticle
    title: str
    body: list[str]
    chrome: list[str]
    published_at: datetime | None = None
    duplicate_of: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _unmojibake(line: str) -> str:
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    line = line.replace("\u200b", "").replace("\u00a0", " ")
    return re.sub(r" {2,}", " ", line.encode("sloppy-windows-1252").decode("utf-8"))


def load_text_item(path: Path) -> Item:
    header: dict[str, str] = {}
    input_lines: list[str] = []
    title = ""
    body: list[str] = []
    chrome: list[str] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# ") and not input_lines:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
            continue
        tag, content = line[:3], line[3:]
        if tag in ("T| ", "B| ", "C| "):
            input_lines.append(content)
            gold = _unmojibake(content) if header.get("mojibake") == "true" else content
            if not content.strip():
                continue
            if tag == "T| ":
                title = gold
            elif tag == "B| ":
                body.append(gold)
            else:
                chrome.append(content)
        else:
            input_lines.append(line)
    raw = with_defaults(
        RawArticle(
            text="\n".join(input_lines).strip("\n"),
            title_in_text=True,  # the corpus texts are plain-text files, headline first
            source=header.get("source"),
            url=header.get("url"),
            fetched_at=datetime.fromisoformat(header["fetched_at"]),
        )
    )
    published = header.get("published_at")
    return Item(
        name=path.stem,
        kind="text",
        lang=header.get("lang", "und"),
        raw=raw,
        title=title,
        body=body,
        chrome=chrome,
        published_at=datetime.fromisoformat(published) if published else None,
        duplicate_of=header.get("duplicate_of"),
    )


def load_html_item(path: Path) -> Item:
    gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
    raw = with_defaults(
        RawArticle(
            html=path.read_text(encoding="utf-8"),
            source=gold["source"],
            url=gold["url"],
            fetched_at=datetime.fromisoformat(gold["fetched_at"]),
        )
    )
    return Item(
        name=path.stem,
        kind="html",
        lang=gold["lang"],
        raw=raw,
        title=gold["title"],
        body=gold["body"],
        chrome=gold["chrome"],
        published_at=datetime.fromisoformat(gold["published_at"]),
        meta={"author": gold.get("author"), "layout": gold.get("layout")},
    )


def load_corpus(heldout: bool = False) -> list[Item]:
    """The tuning corpus, or (``heldout=True``) it plus the held-out articles, which are
    scored apart (group ``heldout``) and never part of ``all``."""
    items = [load_text_item(p) for p in sorted((CORPUS / "text").glob("*.txt"))]
    items += [load_html_item(p) for p in sorted((CORPUS / "html").glob("*.html"))]
    if heldout:
        for p in sorted((CORPUS / "heldout").glob("*.txt")):
            item = load_text_item(p)
            item.meta["heldout"] = True
            items.append(item)
    items.sort(key=lambda it: (it.raw.fetched_at, it.name))
    return items


# --- scoring -----------------------------------------------------------------------------

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _norm(line: str) -> str:
    return _EDGE.sub("", match_form(line))


def _matches(gold: str, out: str) -> bool:
    if not gold or not out:
        return False
    if gold == out:
        return True
    if len(gold) >= 20 and gold in out:
        return True
    return len(out) >= 20 and out in gold and len(out) >= 0.8 * len(gold)


@dataclass
class Score:
    gold_body: int = 0
    body_kept: int = 0
    out_lines: int = 0
    out_body: int = 0
    gold_chrome: int = 0
    chrome_removed: int = 0
    titles: int = 0
    titles_ok: int = 0
    dates: int = 0
    dates_ok: int = 0
    langs: int = 0
    langs_ok: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k, v in other.__dict__.items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                getattr(self, k).extend(v)

    def summary(self) -> dict[str, Any]:
        body_removed = self.gold_body - self.body_kept

        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "body_recall": ratio(self.body_kept, self.gold_body),
            "body_precision": ratio(self.out_body, self.out_lines),
            "chrome_recall": ratio(self.chrome_removed, self.gold_chrome),
            "chrome_precision": ratio(self.chrome_removed, self.chrome_removed + body_removed),
            "title_accuracy": ratio(self.titles_ok, self.titles),
            "date_accuracy": ratio(self.dates_ok, self.dates),
            "lang_accuracy": ratio(self.langs_ok, self.langs),
            "gold_body_lines": self.gold_body,
            "gold_chrome_lines": self.gold_chrome,
            "output_lines": self.out_lines,
        }


def score_lines(item: Item, title: str, out_lines: list[str]) -> Score:
    s = Score()
    outs = [_norm(x) for x in out_lines if _norm(x)]
    golds = [_norm(g) for g in item.body]
    chromes = [_norm(c) for c in item.chrome if _norm(c)]
    s.gold_body = len(golds)
    s.body_kept = sum(1 for g in golds if any(_matches(g, o) for o in outs))
    s.out_lines = len(outs)
    s.out_body = sum(1 for o in outs if any(_matches(g, o) for g in golds))
    s.gold_chrome = len(chromes)
    present = [
        c
        for c in chromes
        if any(o == c or (len(c) >= 25 and c in o) for o in outs)
        and not any(_matches(g, c) for g in golds)  # a chrome line that is also body text
    ]
    s.chrome_removed = s.gold_chrome - len(present)
    s.titles = 1
    s.titles_ok = int(_norm(title) == _norm(item.title))
    return s


def score_result(item: Item, result: CleanResult | None, error: str | None) -> Score:
    if result is None:
        s = score_lines(item, "", [])
        s.errors.append(f"{item.name}: {error}")
        return s
    a = result.article
    s = score_lines(item, a.title, a.body.split("\n\n"))
    if item.published_at is not None:
        s.dates = 1
        s.dates_ok = int(a.published_at is not None and a.published_at == item.published_at)
        if not s.dates_ok:
            s.errors.append(f"{item.name}: date {a.published_at} != {item.published_at}")
    s.langs = 1
    s.langs_ok = int(a.lang == item.lang)
    return s


# --- runs --------------------------------------------------------------------------------


def run_cleaner(
    items: list[Item], *, learned: bool, extractor: Any
) -> tuple[dict[str, CleanResult | None], dict[str, str]]:
    chrome = LearnedChrome() if learned else LearnedChrome(min_articles=10**9)
    cleaner = ArticleCleaner(chrome=chrome, html_extractor=extractor)
    results: dict[str, CleanResult | None] = {}
    errors: dict[str, str] = {}
    by_id = {it.raw.id: it for it in items}
    for raw, res in cleaner.clean_batch(it.raw for it in items):
        name = by_id[raw.id].name
        if isinstance(res, RejectedInput):
            results[name] = None
            errors[name] = str(res)
        elif isinstance(res, DuplicateArticle):
            results[name] = res.result
        else:
            results[name] = res
    return results, errors


def quality(items: list[Item], results: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    groups: dict[str, Score] = defaultdict(Score)
    for it in items:
        s = score_result(it, results.get(it.name), errors.get(it.name))
        keys = (
            ("heldout", f"heldout/{it.lang}")
            if it.meta.get("heldout")
            else ("all", it.kind, f"{it.kind}/{it.lang}")
        )
        for key in keys:
            groups[key].add(s)
    out = {k: v.summary() for k, v in sorted(groups.items())}
    out["problems"] = groups["all"].errors
    return out


def bare_trafilatura_quality(items: list[Item]) -> dict[str, Any]:
    import trafilatura

    groups: dict[str, Score] = defaultdict(Score)
    for it in items:
        if it.kind != "html":
            continue
        for mode, kw in (("default", {}), ("precision", {"favor_precision": True})):
            text = trafilatura.extract(it.raw.html or "", **kw) or ""
            lines = [x for x in text.split("\n") if x.strip()]
            s = score_lines(it, "", lines)
            s.titles = 0
            s.titles_ok = 0
            for key in (f"trafilatura_{mode}", f"trafilatura_{mode}/{it.lang}"):
                groups[key].add(s)
    return {k: v.summary() for k, v in sorted(groups.items())}


def duplicates_report(items: list[Item], results: dict[str, Any]) -> list[dict[str, Any]]:
    by_id = {it.raw.id: it.name for it in items}
    out = []
    for it in items:
        r = results.get(it.name)
        if r is not None and r.article.duplicate_of:
            out.append(
                {
                    "article": it.name,
                    "duplicate_of": by_id.get(r.article.duplicate_of, r.article.duplicate_of),
                    "similarity": r.article.duplicate_similarity,
                }
            )
    return out


# --- throughput --------------------------------------------------------------------------


def _five_kb_texts(items: list[Item]) -> list[RawArticle]:
    """Each text input grown to ~5 KB by inserting body paragraphs of other articles in the
    same language before its tail chrome (so chrome stays where sites put it)."""
    pools: dict[str, list[str]] = defaultdict(list)
    for it in items:
        pools[it.lang].extend(it.body)
    out = []
    for n, it in enumerate(x for x in items if x.kind == "text"):
        text = it.raw.text or ""
        extra: list[str] = []
        pool = pools[it.lang]
        i = n
        while len(text.encode()) + sum(len(x.encode()) + 2 for x in extra) < 5000:
            extra.append(pool[i % len(pool)])
            i += 7
        lines = text.split("\n")
        cut = max(1, len(lines) * 2 // 3)
        grown = "\n".join([*lines[:cut], "", *"\n\n".join(extra).split("\n"), "", *lines[cut:]])
        out.append(it.raw.model_copy(update={"text": grown, "id": None}))
    return out


def _rate(fn: Any, inputs: list[Any], seconds: float) -> tuple[float, float]:
    """(items per CPU second of this process, items per wall second). CPU time is what
    "one core" means and is robust to other processes on a shared machine."""
    n = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        fn(inputs[n % len(inputs)])
        n += 1
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return n / max(cpu, 1e-9), n / wall


def throughput(items: list[Item], seconds: float, rounds: int = 5) -> dict[str, Any]:
    """Rates per CPU second (medians over interleaved rounds, so the cleaner and bare
    trafilatura see the same machine conditions)."""
    import trafilatura

    texts = _five_kb_texts(items)
    pages = [it for it in items if it.kind == "html"]
    result: dict[str, Any] = {
        "text_avg_bytes": int(statistics.mean(len((t.text or "").encode()) for t in texts)),
        "html_avg_bytes": int(statistics.mean(len((p.raw.html or "").encode()) for p in pages)),
        "rounds": rounds,
        "seconds_per_measure": seconds,
    }
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    counter = iter(range(10**9))

    def clean_text(raw: RawArticle) -> None:
        cleaner(with_defaults(raw.model_copy(update={"id": f"t{next(counter)}"})))

    def clean_html(it: Item) -> None:
        cleaner(it.raw.model_copy(update={"id": f"h{next(counter)}"}))

    def bare(it: Item) -> None:
        trafilatura.extract(it.raw.html or "")

    def bare_precision(it: Item) -> None:
        trafilatura.extract(it.raw.html or "", favor_precision=True)

    for fn, data in ((clean_text, texts), (clean_html, pages), (bare, pages)):
        fn(data[0])  # warm-up: models, imports, caches
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(rounds):
        samples["text"].append(_rate(clean_text, texts, seconds)[0])
        ours = _rate(clean_html, pages, seconds)[0]
        theirs = _rate(bare, pages, seconds)[0]
        samples["html"].append(ours)
        samples["bare"].append(theirs)
        samples["ratio"].append(theirs / ours)
        samples["bare_precision"].append(_rate(bare_precision, pages, seconds)[0])
    med = {k: statistics.median(v) for k, v in samples.items()}
    result["text_5kb_articles_per_cpu_s"] = round(med["text"], 1)
    result["html_50kb_pages_per_cpu_s"] = round(med["html"], 1)
    result["bare_trafilatura_extract_pages_per_cpu_s"] = round(med["bare"], 1)
    result["bare_trafilatura_precision_pages_per_cpu_s"] = round(med["bare_precision"], 1)
    result["cleaner_html_cost_vs_bare_extract"] = round(med["ratio"], 2)
    result["cleaner_html_cost_vs_bare_extract_per_round"] = [round(x, 2) for x in samples["ratio"]]
    with HtmlExtractorPool(timeout=30) as pool:
        pooled = ArticleCleaner(html_extractor=pool)

        def clean_html_pool(it: Item) -> None:
            pooled(it.raw.model_copy(update={"id": f"p{next(counter)}"}))

        clean_html_pool(pages[0])
        result["html_50kb_pages_per_wall_s_pool"] = round(
            _rate(clean_html_pool, pages, seconds)[1], 1
        )
    return result


# --- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short throughput runs")
    parser.add_argument("--no-speed", action="store_true", help="skip throughput")
    parser.add_argument("--lang", action="store_true", help="also compare language backends")
    parser.add_argument("--json", type=Path, help="write the full report here")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    items = load_corpus(heldout=True)
    report: dict[str, Any] = {
        "corpus": {
            "articles": sum(not it.meta.get("heldout") for it in items),
            "heldout": sum(bool(it.meta.get("heldout")) for it in items),
            "text": sum(it.kind == "text" for it in items),
            "html": sum(it.kind == "html" for it in items),
            "ar": sum(it.lang == "ar" for it in items),
            "en": sum(it.lang == "en" for it in items),
            "sources": len({it.raw.source for it in items}),
        }
    }
    with HtmlExtractorPool(timeout=30) as pool:
        results, errors = run_cleaner(items, learned=True, extractor=pool)
        report["quality"] = quality(items, results, errors)
        report["duplicates"] = duplicates_report(items, results)
        plain, plain_errors = run_cleaner(items, learned=False, extractor=pool)
        report["quality_without_learned_chrome"] = {
            k: v for k, v in quality(items, plain, plain_errors).items() if "/" not in k
        }
    corpus = [it for it in items if not it.meta.get("heldout")]
    report["bare_trafilatura"] = bare_trafilatura_quality(corpus)
    if not args.no_speed:
        report["throughput_one_core"] = throughput(corpus, 1.0 if args.quick else 3.0)
    if args.lang:
        from bench.cleaning.langbench import compare_backends

        report["language_backends"] = compare_backends(corpus)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")
    return report


if __name__ == "__main__":
    main()
