"""Evaluate the claim extractor on an annotated corpus (ours is ``bench/claims/corpus/``).

    python -m bench.claims.evaluate [--verbose] [--json out.json] [--corpus DIR]

(``bench.claims.evaluate`` is a thin runner around ``main`` here, so the installed package
can serve ``newsflow eval claims`` too.)

Each corpus file is one article we wrote (title, paragraphs) with its gold claims: speaker,
content span (``text``, a substring of the body or of the title when ``field`` is "title"),
stance, kind and source. Entities come from the pipeline's own entity stage, so the figures
are end-to-end for the claim stage.

Matching, per article, one-to-one and greedy by content overlap:

* content: token Dice overlap (2|P∩G| / (|P|+|G|)) of the matching-form words of the
  predicted and gold content is at least 0.5;
* speaker: the predicted speaker (text, role or canonical name) shares a word with the gold
  speaker (articles, prepositions and Arabic clitics ignored).

A (speaker, content) pair counts as correct when both match. Precision = correct /
predicted, recall = correct / gold. Stance, kind and source accuracy are measured over the
correct pairs. Throughput is the claim stage alone (entities precomputed), best of a few runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.models import Claim, CleanArticle, Entity
from workers.core.claims import CueClaimExtractor
from workers.core.claims.brat import SPEAKER_STOPWORDS as ENGLISH_SPEAKER_STOPWORDS
from workers.core.claims.speakers import words_of
from workers.core.factory import build_pipeline
from workers.core.ids import content_hash

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "claims" / "corpus"
CONTENT_THRESHOLD = 0.5
SPEAKER_STOPWORDS = ENGLISH_SPEAKER_STOPWORDS | frozenset(
    ["في", "من", "على", "عن", "الي", "ب", "ل", "و", "باسم"]
)
"""Words that do not identify a speaker: the brat scorer's English ones and Arabic particles."""


@dataclass
class GoldClaim:
    speaker: str
    text: str
    stance: str
    kind: str
    source: str | None = None
    role: str | None = None
    field: str = "body"


@dataclass
class CorpusArticle:
    path: Path
    article: CleanArticle
    gold: list[GoldClaim]


@dataclass
class Scores:
    predicted: int = 0
    gold: int = 0
    correct: int = 0
    content_only: int = 0
    stance_ok: int = 0
    kind_ok: int = 0
    source_ok: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Scores) -> None:
        for name in asdict(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def summary(self) -> dict[str, float | int]:
        correct = self.correct or 1
        return {
            "articles_gold_claims": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "stance_accuracy": round(self.stance_ok / correct, 3),
            "kind_accuracy": round(self.kind_ok / correct, 3),
            "source_accuracy": round(self.source_ok / correct, 3),
            "content_found_wrong_speaker": self.content_only,
        }


@dataclass
class Report:
    overall: Scores
    by_lang: dict[str, Scores]
    articles: int
    throughput_articles_per_s: float
    throughput_kchars_per_s: float
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "overall": self.overall.summary(),
            "by_lang": {k: v.summary() for k, v in sorted(self.by_lang.items())},
            "throughput": {
                "articles_per_s": round(self.throughput_articles_per_s, 1),
                "kchars_per_s": round(self.throughput_kchars_per_s, 1),
            },
            "details": self.notes,
        }


# ---- corpus ----------------------------------------------------------------------------------
def load_corpus(directory: Path = CORPUS) -> list[CorpusArticle]:
    items: list[CorpusArticle] = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        title, body = data["title"], "\n\n".join(data["paragraphs"])
        article = CleanArticle(
            id=data["id"],
            lang=data["lang"],
            title=title,
            body=body,
            fetched_at=datetime(2024, 6, 20, tzinfo=UTC),
            version=1,
            content_hash=content_hash(title, body),
        )
        gold = [GoldClaim(**claim) for claim in data["claims"]]
        for claim in gold:
            where = title if claim.field == "title" else body
            if claim.text not in where:
                raise ValueError(f"{path.name}: gold text not in {claim.field}: {claim.text!r}")
        items.append(CorpusArticle(path, article, gold))
    return items


# ---- matching --------------------------------------------------------------------------------
def content_overlap(predicted: str, gold: str) -> float:
    p, g = Counter(words_of(predicted)), Counter(words_of(gold))
    total = sum(p.values()) + sum(g.values())
    return 2 * sum((p & g).values()) / total if total else 0.0


def speaker_matches(claim: Claim, gold: GoldClaim) -> bool:
    predicted = " ".join(filter(None, (claim.speaker.text, claim.speaker.role, claim.speaker.name)))
    p = set(words_of(predicted)) - SPEAKER_STOPWORDS
    g = set(words_of(f"{gold.speaker} {gold.role or ''}")) - SPEAKER_STOPWORDS
    return bool(p & g)


def source_matches(claim: Claim, gold: GoldClaim) -> bool:
    if gold.source is None or claim.source is None:
        return gold.source is None and claim.source is None
    predicted = f"{claim.source.text} {claim.source.name or ''}"
    return bool((set(words_of(predicted)) & set(words_of(gold.source))) - SPEAKER_STOPWORDS)


def _overlaps(claims: Sequence[Claim], gold: Sequence[GoldClaim]) -> list[tuple[float, int, int]]:
    """(content overlap, claim index, gold index) for every pair in one field, best first."""
    return sorted(
        (
            (content_overlap(c.text, g.text), ci, gi)
            for ci, c in enumerate(claims)
            for gi, g in enumerate(gold)
            if c.field.value == g.field
        ),
        reverse=True,
    )


def correct_pairs(
    claims: Sequence[Claim],
    gold: Sequence[GoldClaim],
    overlaps: list[tuple[float, int, int]] | None = None,
) -> list[tuple[int, int]]:
    """The matching rule: (claim, gold) index pairs whose content overlaps by at least
    ``CONTENT_THRESHOLD`` and whose speakers agree, one to one, greedily by overlap."""
    used_c: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for overlap, ci, gi in overlaps if overlaps is not None else _overlaps(claims, gold):
        if overlap < CONTENT_THRESHOLD or ci in used_c or gi in used_g:
            continue
        if not speaker_matches(claims[ci], gold[gi]):
            continue
        used_c.add(ci)
        used_g.add(gi)
        pairs.append((ci, gi))
    return pairs


def score_article(claims: Sequence[Claim], gold: Sequence[GoldClaim]) -> tuple[Scores, list[str]]:
    scores = Scores(predicted=len(claims), gold=len(gold))
    pairs = _overlaps(claims, gold)
    used_c: set[int] = set()
    used_g: set[int] = set()
    notes: list[str] = []
    for ci, gi in correct_pairs(claims, gold, pairs):
        claim, want = claims[ci], gold[gi]
        used_c.add(ci)
        used_g.add(gi)
        scores.correct += 1
        scores.stance_ok += claim.stance.value == want.stance
        scores.kind_ok += claim.kind.value == want.kind
        scores.source_ok += source_matches(claim, want)
        if claim.stance.value != want.stance:
            notes.append(f"  stance {claim.stance.value} ≠ {want.stance}: {want.text[:60]}")
    for overlap, ci, gi in pairs:
        if overlap >= CONTENT_THRESHOLD and ci not in used_c and gi not in used_g:
            used_c.add(ci)
            used_g.add(gi)
            scores.content_only += 1
            notes.append(
                f"  WRONG SPEAKER {claims[ci].speaker.text!r} ≠ {gold[gi].speaker!r}: "
                f"{gold[gi].text[:60]}"
            )
    for gi, want in enumerate(gold):
        if gi not in used_g:
            notes.append(f"  MISSED [{want.speaker}] {want.text[:80]}")
    for ci, claim in enumerate(claims):
        if ci not in used_c:
            notes.append(f"  EXTRA [{claim.speaker.text}] ({claim.cue}) {claim.text[:80]}")
    return scores, notes


# ---- run -------------------------------------------------------------------------------------
def evaluate(
    directory: Path = CORPUS,
    extractor: CueClaimExtractor | None = None,
    measure_speed: bool = True,
    entity_stage: Callable[[CleanArticle], list[Entity]] | None = None,
) -> Report:
    """Score ``extractor`` on the corpus; entities come from ``entity_stage`` (default: the
    pipeline's own entity stage)."""
    corpus = load_corpus(directory)
    extractor = extractor or CueClaimExtractor()
    entity_stage = entity_stage or build_pipeline().entity_extractor
    entities: list[list[Entity]] = [entity_stage(item.article) for item in corpus]
    overall = Scores()
    by_lang: dict[str, Scores] = {}
    notes: list[str] = []
    for item, ents in zip(corpus, entities, strict=True):
        claims = extractor(item.article, ents)
        scores, article_notes = score_article(claims, item.gold)
        overall.add(scores)
        by_lang.setdefault(item.article.lang, Scores()).add(scores)
        if article_notes:
            notes.append(
                f"{item.path.name}: {scores.correct}/{scores.gold} gold, "
                f"{scores.predicted} predicted"
            )
            notes.extend(article_notes)
    articles_per_s = kchars_per_s = 0.0
    if measure_speed:
        articles_per_s, kchars_per_s = throughput(extractor, [c.article for c in corpus], entities)
    return Report(overall, by_lang, len(corpus), articles_per_s, kchars_per_s, notes)


def throughput(
    extractor: CueClaimExtractor,
    articles: Sequence[CleanArticle],
    entities: Sequence[Sequence[Entity]],
    min_seconds: float = 1.0,
) -> tuple[float, float]:
    """Articles and thousand characters per second, claim stage only, best of three."""
    chars = sum(len(a.title) + len(a.body) for a in articles)
    best = float("inf")
    for _ in range(3):
        rounds, started = 0, time.perf_counter()
        while True:
            for article, ents in zip(articles, entities, strict=True):
                extractor(article, ents)
            rounds += 1
            elapsed = time.perf_counter() - started
            if elapsed >= min_seconds / 3:
                break
        best = min(best, elapsed / rounds)
    return len(articles) / best, chars / best / 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument(
        "--brat",
        type=Path,
        help="score PolNeAR-style brat standoff data in this directory instead "
        "(speech-cue relations; matching rule in workers/core/claims/brat.py)",
    )
    args = parser.parse_args(argv)
    if args.brat is not None:
        return _main_brat(args.brat, args.verbose, args.json)
    report = evaluate(args.corpus)
    data = report.as_dict()
    if not args.verbose:
        data.pop("details")
    print(json.dumps(data, ensure_ascii=False, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def evaluate_brat(
    directory: Path,
    extractor: CueClaimExtractor | None = None,
    entity_stage: Callable[[CleanArticle], list[Entity]] | None = None,
) -> dict[str, Any]:
    """Precision, recall, F1 and speaker accuracy on brat data (see ``brat.py``)."""
    from workers.core.claims.brat import BratScores, load_brat, score_brat_article

    items = load_brat(directory)
    extractor = extractor or CueClaimExtractor()
    entity_stage = entity_stage or build_pipeline().entity_extractor
    overall = BratScores()
    notes: list[str] = []
    for item in items:
        claims = extractor(item.article, entity_stage(item.article))
        result = score_brat_article(item, claims)
        overall.add(result.scores)
        if result.notes:
            s = result.scores
            notes.append(f"{item.name}: {s.found}/{s.gold} found, {s.predicted} predicted")
            notes.extend(result.notes)
    return {
        "directory": str(directory),
        "articles": len(items),
        **overall.summary(),
        "details": notes,
    }


def _main_brat(directory: Path, verbose: bool, out: Path | None) -> int:
    try:
        data = evaluate_brat(directory)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = dict(data)
    if not verbose:
        shown.pop("details")
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    if out:
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
