"""Claims on real Arabic news: the ANT feed articles we annotated, scored end to end.

    python -m bench.claims.ar_news --set blind [--verbose] [--json FILE]
    python -m bench.claims.ar_news --set tuning --verbose
    python -m bench.claims.ar_news --select blind      # list the chosen article ids
    python -m bench.claims.ar_news --speed             # claim-stage throughput on feed text
    python -m bench.claims.ar_news --agreement         # two annotations of the same articles

The article text is never in the repository: ``ar_news/{blind,tuning,...,tuning6,blind2}.json``
hold article ids and, per attributed statement, the character offsets (``start``, ``end``) of its
content in the title or body of the article read at run time from
``../shared/data/feeds/ar-ant-news.jsonl.gz``. Without that file the run prints why and
exits 0 (nothing is scored).

Selection (``select``), deterministic: articles of 400–2,500 characters; for each of the five
sources and each of its categories, the article with the smallest sha256(``SET:id``); of those,
per source, the five with the smallest hashes (five categories per source where it has them).
The blind set uses the label ``blind``, the tuning set ``tuning`` with the blind ids excluded,
``tuning2`` (a second tuning batch, two per source) ``tuning2`` with both excluded,
``tuning3`` (five per source, annotated and scored before round 2) with all three excluded,
``tuning4`` (three per source, annotated and scored before round 3) with all four excluded;
round 4: ``blind2`` (five per source, a second blind set: the first had been run after every
round) with all five excluded, ``tuning5`` (three per source) with all six excluded; round 5:
``tuning6`` (three per source) with all seven excluded; round 6: ``blind3`` (five per source, a
third blind set) with all eight excluded, ``tuning7`` (three per source) with all nine excluded;
``train1`` (24 per source, any category: ``_pool``), annotated for training a learned component,
with all ten excluded; round 7: ``train2`` (the same way, label ``train2``) with all eleven
excluded, less one article whose text is identical to a train1 article; round 8: ``train3``
(20 per source, label ``train3``) with all twelve excluded, and no text repeated from them;
round 9: ``train4`` (the same way, label ``train4``) with all thirteen excluded; round 10:
``train5`` (the same way) with all fourteen excluded; round 12: ``train6`` (the same way) with
all fifteen excluded; round 13: ``train7`` (the same way) with all sixteen excluded.

Annotation (one record per attributed statement, title included): ``speaker`` as written
(pronouns and elided subjects written as their antecedent), optional ``role``, ``source`` (the
outlet or document it was read in: نقلت وكالة X عن مصادر → speaker مصادر, source وكالة X),
``cue`` (the reporting word, for reading), ``stance`` (the project's stance set: أكد confirm,
أعلن/كشف announce, نفى deny, حذر warn, اتهم accuse, دعا/طالب call, توقع estimate, تساءل question,
otherwise assert), ``kind`` (direct for a quotation, according_to for وفق/بحسب, else
indirect) and the content's character span (``start``, ``end``) in its field. The content
is what was said — never the reporting clause. Actions
(رفض، وافق، وقع) without a reported statement, and stance verbs without content, are not claims.

Matching is the project's own (``workers.core.claims.evaluation.score_article``): content token
Dice ≥ 0.5 on matching-form words, speaker sharing a word with the gold speaker or role,
one-to-one, greedy; stance/kind/source accuracy over the correct pairs.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent / "ar_news"
FEED_NAME = "data/feeds/ar-ant-news.jsonl.gz"
SOURCES = ("alarabia", "BBC", "CNN", "france24", "skynews")
PER_SOURCE = 5
MIN_CHARS, MAX_CHARS = 400, 2500
SETS = (
    "blind",
    "tuning",
    "tuning2",
    "tuning3",
    "tuning4",
    "blind2",
    "tuning5",
    "tuning6",
    "blind3",
    "tuning7",
    "train1",
    "train2",
    "train3",
    "train4",
    "train5",
    "train6",
    "train7",
)
NEVER_TUNED = ("blind", "blind2", "blind3", "train7")
"""The blind sets, and the latest check batch until its round ends: no rule or model learns
from them."""
TUNED_ON = tuple(name for name in SETS if name not in NEVER_TUNED)
TRAIN_PER_SOURCE = 24
CHECK_PER_SOURCE = 20
CHECK_BATCHES = ("train3", "train4", "train5", "train6", "train7")
"""From round 8 on, one batch a round, each excluding every set before it: the round's
first-run check, then training data once the round is over. A new round adds its label."""


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or beside the worktree folder), or $NEWSFLOW_SHARED."""
    candidates: list[Path] = [ROOT.parent / "shared", ROOT.parents[1] / "shared"]
    if os.environ.get("NEWSFLOW_SHARED"):
        candidates.insert(0, Path(os.environ["NEWSFLOW_SHARED"]))
    for candidate in candidates:
        if (candidate / FEED_NAME).is_file():
            return candidate
    return None


def read_feed(feed: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(feed, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _category(record: dict[str, Any]) -> str:
    meta = record.get("metadata") or {}
    if isinstance(meta, str):  # upstream wrote a Python repr
        for category in (
            "internationalNews",
            "middleEast",
            "economy",
            "sport",
            "technology",
            "culture",
        ):
            if f"'category': '{category}'" in meta:
                return category
        return "?"
    return str(meta.get("category", "?"))


def _rank(label: str, article_id: str) -> str:
    return hashlib.sha256(f"{label}:{article_id}".encode()).hexdigest()


def select(
    records: Sequence[dict[str, Any]],
    label: str,
    exclude: frozenset[str] = frozenset(),
    per_source: int = PER_SOURCE,
) -> list[str]:
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for record in records:
        if record["id"] in exclude or not MIN_CHARS <= len(record["text"]) <= MAX_CHARS:
            continue
        key = (record["source"], _category(record))
        ranked = (_rank(label, record["id"]), record["id"])
        if key not in best or ranked < best[key]:
            best[key] = ranked
    chosen: list[str] = []
    for source in SOURCES:
        per_category = sorted(v for (s, _c), v in best.items() if s == source)
        chosen.extend(article_id for _r, article_id in per_category[:per_source])
    return chosen


def chosen_sets(records: Sequence[dict[str, Any]]) -> dict[str, list[str]]:
    """blind first; tuning excludes it; tuning2 (two per source) excludes both; tuning3 (five
    per source) excludes all three; tuning4 (three per source, round 3) excludes all four;
    round 4: blind2 (five per source, a fresh blind set: the first one had been run after every
    round) excludes all five, tuning5 (three per source) excludes all six; round 5: tuning6
    (three per source) excludes all seven; round 6: blind3 (five per source; blind2 had been
    run three times) excludes all eight, tuning7 (three per source) excludes all nine; the
    training batches train1 and train2 (24 per source, ``_pool``) exclude every set before
    them; round 8: train3 (20 per source, the same way), a first-run check of round 8's rules
    before it joins the training data; round 9: train4 (the same way), the first-run check of
    round 9's changes; round 10: train5 (the same way), the first-run check of round 10's;
    round 12: train6 (the same way), the first-run check of round 12's; round 13: train7 (the
    same way), the first-run check of round 13's."""
    blind = select(records, "blind")
    tuning = select(records, "tuning", exclude=frozenset(blind))
    tuning2 = select(records, "tuning2", exclude=frozenset(blind + tuning), per_source=2)
    tuning3 = select(records, "tuning3", exclude=frozenset(blind + tuning + tuning2))
    tuning4 = select(
        records,
        "tuning4",
        exclude=frozenset(blind + tuning + tuning2 + tuning3),
        per_source=3,
    )
    earlier = frozenset(blind + tuning + tuning2 + tuning3 + tuning4)
    blind2 = select(records, "blind2", exclude=earlier)
    tuning5 = select(records, "tuning5", exclude=earlier | frozenset(blind2), per_source=3)
    tuning6 = select(
        records, "tuning6", exclude=earlier | frozenset(blind2 + tuning5), per_source=3
    )
    seen = earlier | frozenset(blind2 + tuning5 + tuning6)
    blind3 = select(records, "blind3", exclude=seen)
    tuning7 = select(records, "tuning7", exclude=seen | frozenset(blind3), per_source=3)
    every = seen | frozenset(blind3 + tuning7)
    train1 = _pool(records, "train1", every, TRAIN_PER_SOURCE)
    train2 = _distinct_texts(
        records,
        _pool(records, "train2", every | frozenset(train1), TRAIN_PER_SOURCE),
        every | frozenset(train1),
    )
    batches = {"train1": train1, "train2": train2}
    before = every | frozenset(train1 + train2)
    for label in CHECK_BATCHES:
        batches[label] = _distinct_texts(
            records, _pool(records, label, before, CHECK_PER_SOURCE), before
        )
        before |= frozenset(batches[label])
    return {
        **batches,
        "blind": blind,
        "tuning": tuning,
        "tuning2": tuning2,
        "tuning3": tuning3,
        "tuning4": tuning4,
        "blind2": blind2,
        "tuning5": tuning5,
        "tuning6": tuning6,
        "blind3": blind3,
        "tuning7": tuning7,
    }


def _pool(
    records: Sequence[dict[str, Any]], label: str, exclude: frozenset[str], per_source: int
) -> list[str]:
    """A larger batch for training a learned component: per source, the ``per_source``
    articles of any category with the smallest sha256(``LABEL:id``)."""
    chosen: list[str] = []
    for source in SOURCES:
        ranked = sorted(
            (_rank(label, r["id"]), r["id"])
            for r in records
            if r["source"] == source
            and r["id"] not in exclude
            and MIN_CHARS <= len(r["text"]) <= MAX_CHARS
        )
        chosen.extend(article_id for _r, article_id in ranked[:per_source])
    return chosen


def _distinct_texts(
    records: Sequence[dict[str, Any]], chosen: Sequence[str], earlier: frozenset[str]
) -> list[str]:
    """``chosen`` less the articles whose text is the text of an earlier-chosen article
    (the feed carries a few republished copies under other ids)."""
    text_of = {r["id"]: r["text"] for r in records}
    seen = {text_of[i] for i in earlier}
    return [i for i in chosen if text_of[i] not in seen]


# ---- annotations ------------------------------------------------------------------------------
@dataclass
class Located:
    article_id: str
    title: str
    body: str
    gold: list[Any]  # GoldClaim


class AnnotationError(ValueError):
    pass


def locate(where: str, start: int, end: int) -> str:
    """The content at ``[start, end)`` of its field."""
    if not 0 <= start < end <= len(where):
        raise AnnotationError(f"span {start}:{end} outside a field of {len(where)} characters")
    return where[start:end]


def load_set(name: str, texts: dict[str, dict[str, Any]]) -> list[Located]:
    return _located(_read_set(name), texts)


def _read_set(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _located(data: dict[str, Any], texts: dict[str, dict[str, Any]]) -> list[Located]:
    """A set file's annotations, each located in the article text it points into."""
    from workers.core.claims.evaluation import GoldClaim

    items: list[Located] = []
    for entry in data["articles"]:
        record = texts[entry["id"]]
        title, body = record["title"], record["text"]
        gold: list[GoldClaim] = []
        for claim in entry["claims"]:
            field = claim.get("field", "body")
            where = title if field == "title" else body
            try:
                text = locate(where, claim["start"], claim["end"])
            except AnnotationError as exc:
                raise AnnotationError(f"{entry['id']}: {exc}") from None
            gold.append(
                GoldClaim(
                    speaker=claim["speaker"],
                    text=text,
                    stance=claim.get("stance", "assert"),
                    kind=claim.get("kind", "indirect"),
                    source=claim.get("source"),
                    role=claim.get("role"),
                    field=field,
                )
            )
        items.append(Located(entry["id"], title, body, gold))
    return items


def article_of(item: Located) -> Any:
    from schemas.models import CleanArticle
    from workers.core.ids import content_hash

    return CleanArticle(
        id=item.article_id,
        lang="ar",
        title=item.title,
        body=item.body,
        fetched_at=datetime(2018, 6, 1, tzinfo=UTC),
        version=1,
        content_hash=content_hash(item.title, item.body),
    )


# ---- run --------------------------------------------------------------------------------------
def evaluate(items: Sequence[Located]) -> dict[str, Any]:
    from workers.core.claims import CueClaimExtractor
    from workers.core.claims.evaluation import Scores, score_article
    from workers.core.factory import build_pipeline

    entity_stage = build_pipeline().entity_extractor
    extractor = CueClaimExtractor()
    overall = Scores()
    notes: list[str] = []
    for item in items:
        article = article_of(item)
        claims = extractor(article, entity_stage(article))
        scores, article_notes = score_article(claims, item.gold)
        overall.add(scores)
        if article_notes:
            notes.append(
                f"{item.article_id}: {scores.correct}/{scores.gold} gold, "
                f"{scores.predicted} predicted"
            )
            notes.extend(article_notes)
    summary = overall.summary()
    summary["speaker_accuracy"] = _speaker_accuracy(overall)
    return {"articles": len(items), "overall": summary, "details": notes}


def _speaker_accuracy(scores: Any) -> float:
    """Of the claims whose content matched a gold claim, the share with the right speaker."""
    matched = scores.correct + scores.content_only
    return round(scores.correct / matched, 3) if matched else 0.0


SECOND = "second_annotation"
"""A second, independent annotation of some annotated articles (``--agreement``)."""


def _as_claim(item: Located, gold: Any) -> Any:
    """An annotator's record as if an extractor had produced it, to score one annotation
    against another with the same matching rule."""
    from schemas.models import Claim, ClaimKind, ClaimSource, Speaker, Stance, TextField

    where = item.title if gold.field == "title" else item.body
    start = where.find(gold.text)
    return Claim(
        text=gold.text,
        speaker=Speaker(text=gold.speaker, role=gold.role),
        source=ClaimSource(text=gold.source) if gold.source else None,
        cue="",
        kind=ClaimKind(gold.kind),
        stance=Stance(gold.stance),
        field=TextField(gold.field),
        start=start,
        end=start + len(gold.text),
    )


def agreement(texts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per set: the second annotation (B) scored against the first (A), the extractor against
    each, and the extractor's recall on the statements both annotations hold (A∩B: A's
    records that B matched, content and speaker)."""
    from workers.core.claims import CueClaimExtractor
    from workers.core.claims.evaluation import Scores, correct_pairs, score_article
    from workers.core.factory import build_pipeline

    second = _read_set(SECOND)
    b_items = {item.article_id: item for item in _located(second, texts)}
    entity_stage = build_pipeline().entity_extractor
    extractor = CueClaimExtractor()
    report: dict[str, Any] = {}
    totals = {k: Scores() for k in ("B_vs_A", "system_vs_A", "system_vs_B", "system_vs_A_and_B")}
    for name, ids in second["sets"].items():
        chosen = set(ids)
        scores = {k: Scores() for k in totals}
        for a_item in load_set(name, texts):
            if a_item.article_id not in chosen:
                continue
            b_gold = b_items[a_item.article_id].gold
            b_claims = [_as_claim(a_item, g) for g in b_gold]
            both = [a_item.gold[gi] for _ci, gi in correct_pairs(b_claims, a_item.gold)]
            article = article_of(a_item)
            claims = extractor(article, entity_stage(article))
            for key, got, want in (
                ("B_vs_A", b_claims, a_item.gold),
                ("system_vs_A", claims, a_item.gold),
                ("system_vs_B", claims, b_gold),
                ("system_vs_A_and_B", claims, both),
            ):
                scores[key].add(score_article(got, want)[0])
        for key, value in scores.items():
            totals[key].add(value)
        report[name] = {key: _brief(value) for key, value in scores.items()}
    report["all"] = {key: _brief(value) for key, value in totals.items()}
    return report


def _brief(scores: Any) -> dict[str, Any]:
    summary = scores.summary()
    return {
        "gold": summary["articles_gold_claims"],
        "predicted": summary["predicted"],
        "correct": summary["correct"],
        "precision": summary["precision"],
        "recall": summary["recall"],
        "f1": summary["f1"],
        "speaker_accuracy": _speaker_accuracy(scores),
        "stance_accuracy": summary["stance_accuracy"],
    }


def speed(records: Sequence[dict[str, Any]], articles: int = 300) -> dict[str, float]:
    """Claim stage alone (entities precomputed) on real feed text: best of three passes, one
    core; CPU time (process_time) beside wall time since the machine is shared."""
    from workers.core.claims import CueClaimExtractor
    from workers.core.factory import build_pipeline

    sample = sorted(records, key=lambda r: _rank("speed", r["id"]))[:articles]
    items = [Located(r["id"], r["title"], r["text"], []) for r in sample]
    built = [article_of(i) for i in items]
    entity_stage = build_pipeline().entity_extractor
    entities = [entity_stage(a) for a in built]
    extractor = CueClaimExtractor()
    chars = sum(len(a.title) + len(a.body) for a in built)
    best_wall = best_cpu = float("inf")
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        for article, ents in zip(built, entities, strict=True):
            extractor(article, ents)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return {
        "articles": len(built),
        "characters": chars,
        "kchars_per_s_wall": round(chars / best_wall / 1000, 1),
        "kchars_per_s_cpu": round(chars / best_cpu / 1000, 1),
        "target_kchars_per_s": 100.0,
        "ratio_cpu_to_target": round(chars / best_cpu / 1000 / 100.0, 2),
    }


def _git_head() -> str:
    import subprocess

    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
    except OSError:
        return "?"
    return out.stdout.strip() or "?"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=SETS, default="blind")
    parser.add_argument("--select", choices=SETS, help="print the chosen ids")
    parser.add_argument("--speed", action="store_true", help="claim-stage throughput")
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="a second annotation against the first, and the extractor against both",
    )
    parser.add_argument("--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print(f"skipped: {FEED_NAME} not found beside the checkout (set NEWSFLOW_SHARED)")
        return 0
    records = list(read_feed(shared / FEED_NAME))
    if args.select:
        print("\n".join(chosen_sets(records)[args.select]))
        return 0
    if args.speed:
        print(json.dumps(speed(records), indent=2))
        return 0
    texts = {r["id"]: r for r in records}
    if args.agreement:
        print(json.dumps(agreement(texts), indent=2))
        return 0
    report = evaluate(load_set(args.set, texts))
    report["set"] = args.set
    report["code"] = _git_head()
    shown = dict(report)
    if not args.verbose:
        shown.pop("details")
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    if args.json:
        # The misses and extras quote the article: they are printed, never written to a
        # file that may be committed (no feed text in the repository).
        kept = {k: v for k, v in report.items() if k != "details"}
        args.json.write_text(json.dumps(kept, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
