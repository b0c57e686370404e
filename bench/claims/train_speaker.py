"""Train the learned speaker choice (``speaker_choice.py``) of a language:
``python -m bench.claims.train_speaker [TRAIN_DIR] [--lang en|ar] [--folds K] [--write]``.

1. Runs the entity stage and the rule extractor once over the training articles, logging
   every pronoun's / elided subject's candidate referents with their features: English on
   PolNeAR train, Arabic on the annotated ANT feed articles of ``ar_news.TUNED_ON`` (never
   the blind sets, nor the round's never-tuned check batch: ``ar_news.NEVER_TUNED``).
2. Labels a candidate right when it matches the gold speaker of the statement its claim
   matched. English: shares a word with the gold source, as the scorer (``brat.py``)
   resolves it (a gold pronoun source is replaced by the previous gold sources there, so
   those labels are the scorer's resolution). Arabic: the claim's content matches a gold
   content (the scorer's overlap threshold, best overlap) and the candidate, as the claim's
   speaker, passes the scorer's speaker test against that gold statement.
3. Fits a conditional-logit ranker (softmax over each decision's candidates, L2) with numpy,
   chooses the L2 weight and the override margin by k-fold cross-validation over articles
   (decision level), then measures the chosen setting end to end on the held-out folds
   (each fold's articles extracted with the model trained on the others) against the rules.
4. ``--write`` trains on all of them and writes ``workers/data/claims/speaker_choice_{en,ar}
   .json``. Only figures are printed: the data is not ours to copy.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from schemas.models import Entity
from workers.core.claims import CueClaimExtractor
from workers.core.claims.brat import (
    BratArticle,
    BratScores,
    _shared_default,
    load_brat,
    score_brat_article,
    speaker_matches,
    speaker_words_of,
)
from workers.core.claims.evaluation import (
    CONTENT_THRESHOLD,
    Scores,
    content_overlap,
    score_article,
)
from workers.core.claims.evaluation import speaker_matches as arabic_speaker_matches
from workers.core.claims.extractor import SpeakerDecision
from workers.core.claims.speaker_choice import (
    ARABIC_MODEL_PATH,
    MODEL_PATH,
    SpeakerChoiceModel,
)
from workers.core.factory import build_pipeline

L2_GRID = (0.001, 0.003, 0.01)
MARGIN_GRID = (0.0, 0.5, 1.0, 2.0)
STEPS = 600


@dataclass
class Example:
    """One logged decision with labels: its article, candidates' features, which are right."""

    article: str
    features: list[dict[str, float]]
    labels: list[bool]
    rule: int


def fold_of(name: str, folds: int) -> int:
    return zlib.crc32(name.encode()) % folds


def collect(
    items: Sequence[BratArticle], entities: dict[str, list[Entity]]
) -> tuple[list[Example], BratScores]:
    """The rules' decisions on every article, labelled by the gold source; the rules' scores."""
    examples: list[Example] = []
    scores = BratScores()
    for item in items:
        log: list[SpeakerDecision] = []
        extractor = CueClaimExtractor(speaker_model=None, speaker_log=log)
        claims = extractor(item.article, entities[item.name])
        result = score_brat_article(item, claims)
        scores.add(result.scores)
        matching = result.matching
        by_start = {(c.field, c.start): ci for ci, c in enumerate(claims)}
        for decision in log:
            if decision.language != "en":
                continue
            ci = by_start.get((decision.field, decision.claim_start))
            gi = matching.pairs.get(ci) if ci is not None else None
            if gi is None or not item.relations[gi].speech:
                continue
            source = matching.sources[gi]
            if source is None:
                continue
            labels = [
                speaker_matches(speaker_words_of(c.speaker), source) for c in decision.candidates
            ]
            rule = next(i for i, c in enumerate(decision.candidates) if c.rule)
            examples.append(
                Example(item.name, [c.features for c in decision.candidates], labels, rule)
            )
    return examples, scores


def fit(examples: Sequence[Example], l2: float) -> dict[str, float]:
    """Conditional logit: maximise the log of the softmax mass on each decision's right
    candidates (decisions with no right or no wrong candidate teach nothing and are left out)."""
    useful = [e for e in examples if any(e.labels) and not all(e.labels)]
    names = sorted({n for e in useful for f in e.features for n in f})
    index = {n: i for i, n in enumerate(names)}
    rows, groups, positive = [], [], []
    for g, example in enumerate(useful):
        for f, label in zip(example.features, example.labels, strict=True):
            row = np.zeros(len(names))
            for n, value in f.items():
                row[index[n]] = value
            rows.append(row)
            groups.append(g)
            positive.append(label)
    if not rows:
        return {}
    x = np.array(rows)
    group = np.array(groups)
    pos = np.array(positive, dtype=float)
    w = np.zeros(len(names))
    m, v = np.zeros_like(w), np.zeros_like(w)
    n_groups = len(useful)
    for step in range(1, STEPS + 1):  # Adam on the mean negative log-likelihood
        s = x @ w
        s -= np.max(s)
        exp = np.exp(s)
        total = np.bincount(group, weights=exp, minlength=n_groups)
        right = np.bincount(group, weights=exp * pos, minlength=n_groups)
        p_all = exp / total[group]
        p_right = exp * pos / right[group]
        grad = ((p_all - p_right) @ x) / n_groups + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {n: round(float(w[i]), 4) for n, i in index.items() if abs(w[i]) >= 1e-4}


def choose(model: SpeakerChoiceModel, example: Example) -> int:
    return model.pick(example.features, example.rule)


def decision_accuracy(
    examples: Sequence[Example], folds: int, l2: float
) -> dict[float, tuple[int, int, int]]:
    """Per margin: (right by the rules, right by the model, decisions) on held-out folds."""
    out = {margin: [0, 0, 0] for margin in MARGIN_GRID}
    by_kind: dict[tuple[float, str], list[int]] = {}
    for k in range(folds):
        train = [e for e in examples if fold_of(e.article, folds) != k]
        test = [e for e in examples if fold_of(e.article, folds) == k]
        weights = fit(train, l2)
        for margin in MARGIN_GRID:
            model = SpeakerChoiceModel(weights, margin)
            for e in test:
                kind = next((n.split(":")[0] for n in e.features[0] if ":" in n), "?")
                per_kind = by_kind.setdefault((margin, kind), [0, 0, 0])
                per_kind[0] += e.labels[e.rule]
                per_kind[1] += e.labels[choose(model, e)]
                per_kind[2] += 1
                out[margin][0] += e.labels[e.rule]
                out[margin][1] += e.labels[choose(model, e)]
                out[margin][2] += 1
    for (margin, kind), (a, b, c) in sorted(by_kind.items()):
        print(f"  l2={l2} margin={margin} {kind}: rules {a}/{c} model {b}/{c}")
    return {margin: (a, b, c) for margin, (a, b, c) in out.items()}


def end_to_end(
    items: Sequence[BratArticle],
    entities: dict[str, list[Entity]],
    models: Mapping[int, SpeakerChoiceModel],
    folds: int,
) -> BratScores:
    """Each fold's articles extracted with the model trained on the other folds."""
    scores = BratScores()
    extractors = {k: CueClaimExtractor(speaker_model=m) for k, m in models.items()}
    for item in items:
        claims = extractors[fold_of(item.name, folds)](item.article, entities[item.name])
        scores.add(score_brat_article(item, claims).scores)
    return scores


def _line(label: str, s: BratScores) -> str:
    return (
        f"{label}: found {s.found} P {s.precision:.3f} R {s.recall:.3f} "
        f"speaker {s.speaker_accuracy:.4f} ({s.speaker_ok}/{s.speaker_scored})"
    )


@dataclass
class Corpus:
    """A language's training data: its logged decisions and how to score a set of models."""

    language: str
    articles: int
    examples: list[Example]
    rules: str
    """The rules' end-to-end figures, one line."""
    score: Callable[[Mapping[int, SpeakerChoiceModel]], str]
    """Extract every article with its fold's model and score it: one line."""
    path: Path
    about: str


def english_corpus(directory: Path | None, folds: int) -> Corpus:
    directory = directory or _shared_default() / "attribution" / "en-polnear" / "train"
    items = load_brat(directory)
    entity_stage = build_pipeline().entity_extractor
    entities = {item.name: list(entity_stage(item.article)) for item in items}
    examples, rule_scores = collect(items, entities)
    return Corpus(
        "en",
        len(items),
        examples,
        _line("rules", rule_scores),
        lambda models: _line("end to end", end_to_end(items, entities, models, folds)),
        MODEL_PATH,
        "English speaker choice, trained on PolNeAR train "
        "(python -m bench.claims.train_speaker --write); see speaker_choice_en.md",
    )


def arabic_corpus(folds: int) -> Corpus:
    # imported by name: mypy takes bench/claims/ar_news (the sets' folder) for the module
    ar_news = importlib.import_module("bench.claims.ar_news")

    shared = ar_news.shared_dir()
    if shared is None or not (shared / ar_news.FEED_NAME).is_file():
        raise SystemExit(f"needs ../shared/{ar_news.FEED_NAME} (or $NEWSFLOW_SHARED)")
    texts = {r["id"]: r for r in ar_news.read_feed(shared / ar_news.FEED_NAME)}
    items = [item for name in ar_news.TUNED_ON for item in ar_news.load_set(name, texts)]
    entity_stage = build_pipeline().entity_extractor
    articles = {item.article_id: ar_news.article_of(item) for item in items}
    entities = {i: list(entity_stage(a)) for i, a in articles.items()}
    examples: list[Example] = []
    rules = Scores()  # the logging pass is the rules-only extraction: scored as it runs
    for item in items:
        log: list[SpeakerDecision] = []
        extractor = CueClaimExtractor(arabic_speaker_model=None, speaker_log=log)
        claims = extractor(articles[item.article_id], entities[item.article_id])
        rules.add(score_article(claims, item.gold)[0])
        by_start = {(c.field, c.start): c for c in claims}
        for decision in log:
            claim = by_start.get((decision.field, decision.claim_start))
            if decision.language != "ar" or claim is None:
                continue
            overlaps = [
                (content_overlap(claim.text, g.text), gi)
                for gi, g in enumerate(item.gold)
                if g.field == claim.field.value
            ]
            best, gi = max(overlaps, default=(0.0, -1))
            if best < CONTENT_THRESHOLD:
                continue
            gold = item.gold[gi]
            labels = [
                arabic_speaker_matches(claim.model_copy(update={"speaker": c.speaker}), gold)
                for c in decision.candidates
            ]
            rule = next(i for i, c in enumerate(decision.candidates) if c.rule)
            examples.append(
                Example(item.article_id, [c.features for c in decision.candidates], labels, rule)
            )

    def score(models: Mapping[int, SpeakerChoiceModel]) -> str:
        extractors = {k: CueClaimExtractor(arabic_speaker_model=m) for k, m in models.items()}
        total = Scores()
        for item in items:
            extractor = extractors[fold_of(item.article_id, folds)]
            claims = extractor(articles[item.article_id], entities[item.article_id])
            total.add(score_article(claims, item.gold)[0])
        return _arabic_line(total)

    return Corpus(
        "ar",
        len(items),
        examples,
        "rules: " + _arabic_line(rules),
        score,
        ARABIC_MODEL_PATH,
        "Arabic speaker choice, trained on the annotated ANT feed sets "
        f"{', '.join(ar_news.TUNED_ON)} (python -m bench.claims.train_speaker --lang ar --write); "
        "see speaker_choice_ar.md",
    )


def _arabic_line(s: Scores) -> str:
    return f"found {s.predicted} right {s.correct}/{s.gold} P {s.precision:.3f} R {s.recall:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", type=Path, help="English: PolNeAR train")
    parser.add_argument("--lang", choices=("en", "ar"), default="en")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="train on all and write the model")
    parser.add_argument("--l2", type=float, help="skip the search: this L2 weight")
    parser.add_argument("--margin", type=float, help="skip the search: this margin")
    args = parser.parse_args(argv)
    corpus = (
        arabic_corpus(args.folds)
        if args.lang == "ar"
        else english_corpus(args.directory, args.folds)
    )
    examples = corpus.examples
    useful = sum(any(e.labels) and not all(e.labels) for e in examples)
    reachable = sum(any(e.labels) for e in examples)
    print(
        f"{corpus.articles} articles, {len(examples)} decisions ({useful} with a right and a "
        f"wrong, {reachable} with a right candidate, {sum(e.labels[e.rule] for e in examples)} "
        "right by the rules)"
    )
    print(corpus.rules)
    best: tuple[int, float, float] | None = None
    l2_grid = (args.l2,) if args.l2 is not None else L2_GRID
    for l2 in l2_grid:
        for margin, (rule_ok, model_ok, n) in decision_accuracy(examples, args.folds, l2).items():
            if args.margin is not None and margin != args.margin:
                continue
            print(f"CV l2={l2} margin={margin}: rules {rule_ok}/{n}  model {model_ok}/{n}")
            if best is None or model_ok > best[0]:
                best = (model_ok, l2, margin)
    assert best is not None
    _, l2, margin = best
    models = {
        k: SpeakerChoiceModel(
            fit([e for e in examples if fold_of(e.article, args.folds) != k], l2), margin
        )
        for k in range(args.folds)
    }
    print(f"CV (l2={l2} margin={margin}) " + corpus.score(models))
    if args.write:
        weights = fit(examples, l2)
        corpus.path.write_text(
            json.dumps(
                {
                    "about": corpus.about,
                    "l2": l2,
                    "margin": margin,
                    "weights": dict(sorted(weights.items())),
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {corpus.path} ({len(weights)} weights)")
        full = SpeakerChoiceModel(weights, margin)
        print("all of it, in-sample " + corpus.score(dict.fromkeys(range(args.folds), full)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
