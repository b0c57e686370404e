"""Search evaluation: does a query find the articles containing its word in any form?

``python -m bench.search.evaluate --es-url http://127.0.0.1:23200 [--ar 5000 --en 2000]``

Indexes a fixed slice of ``../shared/data/feeds`` (the first N Arabic and English articles, in
file order) twice into the given cluster and runs ``queries.QUERIES`` against both:

* ``before``: the mapping and query newsflow used on the local stack before the analysis
  plugin (``standard`` analyzer on title/body, the Python matching form in ``*_match``);
* ``after``: the generated index template's analysis (``schemas.mappings.ANALYSIS``) and the
  query ``newsflow search`` sends (``workers.stream.es._text_query``).

Relevance is computed here, in Python, without Elasticsearch. Arabic: the title and body in the
matching form of ``workers.core.text.match_form`` (diacritics and tatweel dropped; أ/إ/آ→ا,
ى→ي, ة→ه, ئ→ي), split into words; an article is relevant when a word is one of the query's
bases with a proclitic from ``PROCLITICS`` in front and a suffix from ``SUFFIXES`` behind.
English: lower-cased words with a trailing 's dropped; relevant when a word is one of the
query's listed forms. Precision and recall are over *all* articles a query returns (not a
top-k), averaged per query kind.

The surface definition is deliberately the same on both sides of any ambiguity: لجنة counts
as ل + جنة for the query جنة, just as the analyzer sees it. What it measures is whether search
reaches every written form of a word without pulling in other words.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from bench.search.blind_queries import BLIND_QUERIES
from bench.search.language_chains import LANGUAGE_ANALYSIS
from bench.search.queries import QUERIES, Query
from schemas.documents import text_fields, text_language
from schemas.mappings import (
    ANALYSIS,
    TEXT_ANALYZER,
    article_text_properties,
)
from workers.core.text import match_form
from workers.stream.es import ARTICLE_TEXT_FIELDS, _text_query

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feeds"
"""``../shared/data/feeds`` beside the repository (``--feeds`` for another place)."""
RESULTS = {
    "tuned": Path(__file__).with_name("results.json"),
    "blind": Path(__file__).with_name("results-blind.json"),
}
QUERY_SETS = {"tuned": QUERIES, "blind": BLIND_QUERIES}

PROCLITICS = (
    *("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل"),
    *("وب", "ول", "وك", "فب", "فل", "فك", "وبال", "وكال", "فبال", "ولل", "فلل"),
)
SUFFIXES = (
    *("", "ه", "ات", "ان", "ين", "ون", "ي", "يه", "يات", "يين", "يون", "يان"),
    *("ها", "هم", "هما", "هن", "نا", "كم", "ك", "ته", "تها", "تهم", "تين", "تان"),
)
ARABIC_WORD = re.compile(r"\w+")
ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
TARGET_KINDS = ("ar_clitic", "ar_orthography", "en_inflection", "en_possessive")


# ---------------------------------------------------------------------------------- relevance


def arabic_forms(bases: tuple[str, ...]) -> set[str]:
    return {p + b + s for b in bases for p in PROCLITICS for s in SUFFIXES}


def arabic_words(text: str) -> set[str]:
    return set(ARABIC_WORD.findall(match_form(text)))


def english_words(text: str) -> set[str]:
    words = set()
    for word in ENGLISH_WORD.findall(text.lower()):
        words.add(re.sub(r"['’]s?$", "", word))
    return words


def relevant(query: Query, words: dict[str, set[str]]) -> set[str]:
    forms = arabic_forms(query.bases) if query.lang == "ar" else set(query.bases)
    return {doc_id for doc_id, doc_words in words.items() if doc_words & forms}


# ---------------------------------------------------------------------------------- corpus


def load_slice(feeds: Path, lang_file: str, count: int) -> list[dict[str, str]]:
    docs = []
    with gzip.open(feeds / lang_file, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, count):
            record = json.loads(line)
            docs.append(
                {"id": record["id"], "title": record.get("title") or "", "body": record["text"]}
            )
    return docs


# ---------------------------------------------------------------------------------- variants


def _text(analyzer: str = "standard") -> dict[str, Any]:
    return {"type": "text", "analyzer": analyzer}


def former_text_field() -> dict[str, Any]:
    """The former template's text field: standard analyzer plus ``.ar``/``.en`` sub-fields with
    the per-language chains (three analyses of every text)."""
    return {
        **_text(),
        "fields": {"ar": _text("newsflow_arabic"), "en": _text("newsflow_english")},
    }


MULTI_ANALYSIS = ANALYSIS
"""The former template's sub-field analyzers are the template's ``newsflow_arabic`` and
``newsflow_english`` (the same chains, the nisba now on the reversed word: the same tokens)."""

_TEMPLATE_TEXT = article_text_properties()
_BOTH_CHAINS = {"type": "text", "analyzer": TEXT_ANALYZER}

VARIANTS: dict[str, dict[str, Any]] = {
    "before": {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {
            "properties": {
                "title": _text(),
                "body": _text(),
                "title_match": _text(),
                "body_match": _text(),
            }
        },
    },
    "multifield": {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": MULTI_ANALYSIS},
        "mappings": {"properties": {"title": former_text_field(), "body": former_text_field()}},
    },
    "both_chains": {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS},
        "mappings": {"properties": {"title": _BOTH_CHAINS, "body": _BOTH_CHAINS}},
    },
    "after": {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": ANALYSIS},
        "mappings": {"properties": _TEMPLATE_TEXT},
    },
}
"""``before``: the local stack before the analysis plugin; ``multifield``: the template before
(standard + .ar + .en sub-fields, queried over all three); ``both_chains``: the template before
per-language fields (title and body once, by ``newsflow_text``); ``after``: the generated
template's text fields (each article's text in its language's fields) and the query ``newsflow
search`` sends."""

PER_LANGUAGE: dict[str, dict[str, str]] = {
    "per_language_no_nisba": {"ar": "newsflow_arabic_no_nisba", "en": "newsflow_english"},
    "per_language_no_proclitics": {
        "ar": "newsflow_arabic_no_proclitics",
        "en": "newsflow_english",
    },
    "per_language_light": {"ar": "newsflow_arabic_light", "en": "newsflow_english_minimal"},
}
"""Cheaper language chains that were measured for the per-language fields and not taken
(bench/search/README.md, Per-language fields): an article's title and body go to
``title_<lang>``/``body_<lang>``, analysed by that variant's chain
(``bench.search.language_chains``); the query runs over every language's fields."""
for _name, _analyzers in PER_LANGUAGE.items():
    VARIANTS[_name] = {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": LANGUAGE_ANALYSIS,
        },
        "mappings": {
            "properties": {
                f"{part}_{lang}": _text(analyzer)
                for lang, analyzer in _analyzers.items()
                for part in ("title", "body")
            }
        },
    }
PER_LANGUAGE_FIELDS = ["title_ar^3", "body_ar", "title_en^3", "body_en"]


def variant_query(variant: str, text: str) -> dict[str, Any]:
    if variant == "before":  # newsflow search before this change, on a build without analyzers
        return {
            "bool": {
                "should": [
                    {"multi_match": {"query": text, "fields": ["title^3", "body"]}},
                    {
                        "multi_match": {
                            "query": match_form(text),
                            "fields": ["title_match^3", "body_match"],
                        }
                    },
                ],
                "minimum_should_match": 1,
            }
        }
    if variant == "multifield":
        fields = ["title^3", "title.ar^3", "title.en^3", "body", "body.ar", "body.en"]
        return _text_query(text, fields)
    if variant in PER_LANGUAGE:
        return _text_query(text, PER_LANGUAGE_FIELDS)
    if variant == "both_chains":
        return _text_query(text, ["title^3", "body"])
    return _text_query(text, list(ARTICLE_TEXT_FIELDS))


def documents(variant: str, docs: list[dict[str, str]]) -> Iterator[dict[str, Any]]:
    for doc in docs:
        source = {"title": doc["title"], "body": doc["body"]}
        if variant in PER_LANGUAGE:
            source = {f"title_{doc['lang']}": doc["title"], f"body_{doc['lang']}": doc["body"]}
        if variant == "after":  # as the worker writes it (workers.core.documents)
            language = text_language(doc["lang"])
            source = {"title": doc["title"]} | text_fields(language, doc["title"], doc["body"])
        if variant == "before":
            source |= {
                "title_match": match_form(doc["title"]),
                "body_match": match_form(doc["body"]),
            }
        yield {"_id": doc["id"], "_source": source}


def build_index(es: Elasticsearch, name: str, variant: str, docs: list[dict[str, str]]) -> float:
    es.options(ignore_status=404).indices.delete(index=name)
    es.indices.create(index=name, **VARIANTS[variant])
    began = time.perf_counter()
    helpers.bulk(
        es.options(request_timeout=300), documents(variant, docs), index=name, chunk_size=500
    )
    es.indices.refresh(index=name)
    return time.perf_counter() - began


def hits(es: Elasticsearch, index: str, query: dict[str, Any]) -> set[str]:
    response = es.search(index=index, query=query, size=10_000, source=False)
    return {hit["_id"] for hit in response["hits"]["hits"]}


# ---------------------------------------------------------------------------------- report


def score(found: set[str], rel: set[str]) -> tuple[float, float]:
    true = len(found & rel)
    precision = true / len(found) if found else 1.0
    recall = true / len(rel) if rel else 1.0
    return precision, recall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--ar", type=int, default=5000, help="Arabic articles (first N)")
    parser.add_argument("--en", type=int, default=2000, help="English articles (first N)")
    parser.add_argument("--feeds", type=Path, default=FEEDS)
    parser.add_argument("--variants", default="before,multifield,after")
    parser.add_argument(
        "--queries",
        choices=sorted(QUERY_SETS),
        default="tuned",
        help="tuned: the set the analysis was adjusted on; blind: never tuned on",
    )
    parser.add_argument("--verbose", action="store_true", help="every query's figures")
    parser.add_argument("--no-save", action="store_true", help="do not write results.json")
    args = parser.parse_args(argv)
    if not args.feeds.is_dir():
        print(f"no corpus at {args.feeds}: nothing to evaluate (--feeds DIR)", file=sys.stderr)
        return 2
    docs = [d | {"lang": "ar"} for d in load_slice(args.feeds, "ar-ant-news.jsonl.gz", args.ar)]
    docs += [d | {"lang": "en"} for d in load_slice(args.feeds, "en-news.jsonl.gz", args.en)]
    words_ar = {d["id"]: arabic_words(d["title"] + "\n" + d["body"]) for d in docs}
    words_en = {d["id"]: english_words(d["title"] + "\n" + d["body"]) for d in docs}
    es = Elasticsearch(args.es_url, request_timeout=120)
    queries = QUERY_SETS[args.queries]
    report: dict[str, Any] = {
        "corpus": {"ar": args.ar, "en": args.en, "documents": len(docs)},
        "query_set": args.queries,
        "queries": len(queries),
        "variants": {},
    }
    rels = {q: relevant(q, words_ar if q.lang == "ar" else words_en) for q in queries}
    empty = [q.text for q, rel in rels.items() if not rel]
    if empty:
        print(f"queries without relevant articles (left out): {empty}", file=sys.stderr)
    report["queries_without_relevant_articles"] = empty
    scored = [q for q in queries if rels[q]]
    report["queries_scored"] = len(scored)
    for variant in args.variants.split(","):
        index = f"newsflow-searcheval-{variant}"
        seconds = build_index(es, index, variant, docs)
        per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
        details = []
        for q in scored:
            found = hits(es, index, variant_query(variant, q.text))
            precision, recall = score(found, rels[q])
            per_kind[q.kind].append((precision, recall))
            details.append(
                {
                    "kind": q.kind,
                    "query": q.text,
                    "relevant": len(rels[q]),
                    "found": len(found),
                    "precision": round(precision, 3),
                    "recall": round(recall, 3),
                }
            )
        es.indices.delete(index=index)
        kinds = {
            kind: {
                "queries": len(values),
                "precision": round(sum(p for p, _ in values) / len(values), 3),
                "recall": round(sum(r for _, r in values) / len(values), 3),
            }
            for kind, values in per_kind.items()
        }
        report["variants"][variant] = {"index_seconds": round(seconds, 1), "kinds": kinds}
        report["variants"][variant]["queries"] = details
    _print(report, args.verbose)
    if not args.no_save:
        RESULTS[args.queries].write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    return 0


def _print(report: dict[str, Any], verbose: bool) -> None:
    variants = report["variants"]
    print(
        f"{report['corpus']['documents']} articles ({report['corpus']['ar']} ar, "
        f"{report['corpus']['en']} en), {report['query_set']} query set, "
        f"{report['queries_scored']} queries scored"
    )
    kinds = list(dict.fromkeys(k for v in variants.values() for k in v["kinds"]))
    width = {v: max(14, len(v) + 4) for v in variants}  # the longer variant names need room
    header = f"{'kind':<28}{'n':>4}" + "".join(
        f"{v + ' P':>{width[v]}}{v + ' R':>{width[v]}}" for v in variants
    )
    print(header)
    for kind in kinds:
        row = f"{kind:<28}"
        first = next(iter(variants.values()))["kinds"].get(kind, {})
        row += f"{first.get('queries', 0):>4}"
        for name, v in variants.items():
            k = v["kinds"].get(kind, {})
            w = width[name]
            row += f"{k.get('precision', 0):>{w}.3f}{k.get('recall', 0):>{w}.3f}"
        mark = "  (target: R>=0.95 at P>=0.90)" if kind in TARGET_KINDS else ""
        print(row + mark)
    for name, v in variants.items():
        print(f"{name}: indexed in {v['index_seconds']}s")
    if verbose:
        for name, v in variants.items():
            for d in v["queries"]:
                print(
                    f"{name:<7} {d['kind']:<28}{d['query']:<16}rel {d['relevant']:>5} "
                    f"found {d['found']:>5} P {d['precision']:.3f} R {d['recall']:.3f}"
                )


if __name__ == "__main__":
    sys.exit(main())
