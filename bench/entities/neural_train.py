"""Feasibility experiment: a BiLSTM-CRF Arabic name finder (issue 10), results in NEURAL.md.

    nice -n 19 python -m bench.entities.neural_train vectors --data /work/shared/data --work DIR
    nice -n 19 python -m bench.entities.neural_train train --data /work/shared/data --work DIR \\
        --labels DIR/crf-tuning/ar.labels.tsv [--epochs 30 --hidden 100 --freeze ...]
    nice -n 19 python -m bench.entities.neural_train speed --work DIR --run NAME [--articles 200]
    nice -n 19 python -m bench.entities.neural_train combine --work DIR --run NAME \\
        --crf DIR/crf-tuning

Same protocol as the CRF's ``--tuning``: trained on ANERcorp train's first 80 % + AQMAR train,
scored (and chosen) on ANERcorp's 80–90 % block and AQMAR dev; the last 10 % is never read.
Torch runs on one thread with fixed seeds. Nothing here is shipped: weights stay in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.entities.neural import (
    TAGS,
    Encoder,
    NumpyBiLstmCrf,
    Vocabulary,
    batch_tensors,
    build_network,
    predict,
)
from workers.core.entities.conll import Sentence, SpanScores, spans
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.tagger import (
    Clusters,
    Featurizer,
    Gazetteer,
    read_feed_labels,
    sentences,
    strip_proclitics,
    tokenize,
)
from workers.core.entities.training import (
    FEEDS,
    _stable_hash,
    feed_sentences,
    feed_texts,
    load_splits,
)

VECTOR_WORDS = 100_000


def train_vectors(data: Path, work: Path, *, dim: int = 100, epochs: int = 5) -> dict[str, Any]:
    """word2vec (CBOW, one thread, fixed seed) on the matching forms of all Arabic feed
    tokens; the most frequent :data:`VECTOR_WORDS` are kept in ``work``."""
    from gensim.models import Word2Vec

    featurizer = Featurizer("ar", Clusters(), Gazetteer(None, "ar"))
    started = time.process_time()
    corpus = list(feed_sentences(data / FEEDS["ar"], featurizer.norm))
    model = Word2Vec(
        corpus,
        vector_size=dim,
        window=5,
        min_count=3,
        sg=0,
        epochs=epochs,
        workers=1,
        seed=1,
        hashfxn=_stable_hash,
    )
    words = model.wv.index_to_key[:VECTOR_WORDS]
    vectors = np.asarray([model.wv[w] for w in words], dtype=np.float32)
    work.mkdir(parents=True, exist_ok=True)
    np.save(work / "vectors.npy", vectors)
    (work / "vectors.words").write_text("\n".join(words) + "\n", encoding="utf-8")
    return {
        "sentences": len(corpus),
        "tokens": sum(len(s) for s in corpus),
        "words": len(words),
        "cpu_seconds": round(time.process_time() - started, 1),
    }


def build_vocabularies(
    work: Path, train: Sequence[Sentence], featurizer: Featurizer, *, use_vectors: bool = True
) -> tuple[Vocabulary, Vocabulary, np.ndarray]:
    """Word vocabulary (the feed's vectors' words, then training words and stems without a
    vector) with its initial embedding matrix, and the character vocabulary."""
    rng = np.random.default_rng(3)
    words = Vocabulary()
    rows: list[np.ndarray] = [np.zeros(100, np.float32), rng.normal(0, 0.1, 100).astype(np.float32)]
    if use_vectors:
        vectors = np.load(work / "vectors.npy")
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        for word, vector in zip(
            (work / "vectors.words").read_text(encoding="utf-8").split("\n"), vectors, strict=False
        ):
            if word and word not in words.index:
                words.add(word)
                rows.append(vector)
    characters = Vocabulary()
    for sentence in train:
        for token in sentence.words:
            norm = featurizer.norm(token)
            for form in (norm, strip_proclitics(norm)[1]):
                if form not in words.index:
                    words.add(form)
                    rows.append(rng.normal(0, 0.1, 100).astype(np.float32))
            for ch in norm:
                characters.add(ch)
    return words, characters, np.stack(rows)


def score(gold: Sequence[Sentence], predicted: Sequence[Sequence[str]]) -> SpanScores:
    scores = SpanScores()
    for sentence, tags in zip(gold, predicted, strict=True):
        scores.add(spans(sentence.tags), spans(tags))
    return scores


def summary(scores: SpanScores) -> dict[str, float]:
    micro = scores.micro
    out = {"p": round(micro.precision, 4), "r": round(micro.recall, 4), "f1": round(micro.f1, 4)}
    for kind, s in scores.by_type.items():
        out[f"{kind}_f1"] = round(s.f1, 4)
    out["ORG_r"] = round(scores.by_type["ORG"].recall, 4)
    return out


def setup(data: Path, labels: Path | None) -> tuple[Any, Featurizer]:
    splits = load_splits("ar", data, tuning=True)
    feed_labels = read_feed_labels(labels) if labels else None
    featurizer = Featurizer("ar", Clusters(), Gazetteer(KnowledgeBase.default(), "ar"), feed_labels)
    return splits, featurizer


def train(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    splits, featurizer = setup(args.data, args.labels)
    if args.no_extra:
        featurizer.gazetteer = Gazetteer(None, "ar")
        featurizer.feed_labels = read_feed_labels(Path("/nonexistent"))
    words, characters, embeddings = build_vocabularies(
        args.work, splits.train, featurizer, use_vectors=not args.no_vectors
    )
    encoder = Encoder(featurizer, words, characters)
    train_set = [encoder.encode(s.words, s.tags) for s in splits.train[: args.train_limit]]
    dev_sets = {
        name: (gold, [encoder.encode(s.words) for s in gold]) for name, gold in splits.dev.items()
    }
    network = build_network(
        len(words),
        len(characters),
        embeddings=embeddings,
        hidden=args.hidden,
        dropout=args.dropout,
        freeze_embeddings=args.freeze,
    )
    optimiser = torch.optim.Adam(
        [p for p in network.parameters() if p.requires_grad], lr=args.learning_rate
    )
    run_dir = args.work / "runs" / args.name
    run_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "name": args.name,
        "command": " ".join(sys.argv),
        "train_sentences": len(train_set),
        "vocabulary": len(words),
        "parameters": sum(p.numel() for p in network.parameters()),
        "epochs": [],
    }
    (run_dir / "vocab.json").write_text(
        json.dumps({"words": words.items, "chars": characters.items}), encoding="utf-8"
    )
    (run_dir / "config.json").write_text(
        json.dumps(
            {
                "hidden": args.hidden,
                "labels": str(args.labels) if args.labels else None,
                "no_extra": args.no_extra,
            }
        ),
        encoding="utf-8",
    )
    started = time.process_time()
    wall_started = time.monotonic()
    best = -1.0
    order = list(range(len(train_set)))
    shuffler = random.Random(args.seed)
    for epoch in range(1, args.epochs + 1):
        network.train()
        # Batches of similar lengths (shuffled within and across), as padding costs steps.
        shuffler.shuffle(order)
        chunks = [order[i : i + 50 * args.batch] for i in range(0, len(order), 50 * args.batch)]
        batches: list[list[int]] = []
        for chunk in chunks:
            chunk.sort(key=lambda i: len(train_set[i].words))
            batches += [chunk[i : i + args.batch] for i in range(0, len(chunk), args.batch)]
        shuffler.shuffle(batches)
        total = 0.0
        for batch in batches:
            optimiser.zero_grad()
            loss = network.loss(batch_tensors([train_set[i] for i in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optimiser.step()
            total += loss.item() * len(batch)
        row: dict[str, Any] = {
            "epoch": epoch,
            "loss": round(total / len(train_set), 3),
            "cpu_seconds": round(time.process_time() - started, 1),
        }
        f1_sum = 0.0
        for name, (gold, encoded) in dev_sets.items():
            tags, _ = predict(network, encoded)
            row[name] = summary(score(gold, tags))
            f1_sum += row[name]["f1"]
        report["epochs"].append(row)
        print(json.dumps(row), flush=True)
        if f1_sum > best:
            best = f1_sum
            report["best"] = row
            torch.save(network.state_dict(), run_dir / "model.pt")
        report["train_cpu_seconds"] = round(time.process_time() - started, 1)
        (run_dir / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
        if time.process_time() - started > args.max_minutes * 60:
            report["stopped"] = f"CPU time limit after epoch {epoch}"
            break
        if time.monotonic() - wall_started > args.max_wall_minutes * 60:
            report["stopped"] = f"wall-clock limit (shared machine) after epoch {epoch}"
            break
    (run_dir / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def load_run(work: Path, name: str, data: Path) -> tuple[Any, Encoder, Any]:
    import torch

    run_dir = work / "runs" / name
    config = json.loads((run_dir / "config.json").read_text(encoding="utf-8"))
    vocab = json.loads((run_dir / "vocab.json").read_text(encoding="utf-8"))
    labels = Path(config["labels"]) if config["labels"] else None
    splits, featurizer = setup(data, labels)
    if config["no_extra"]:
        featurizer.gazetteer = Gazetteer(None, "ar")
        featurizer.feed_labels = read_feed_labels(Path("/nonexistent"))
    encoder = Encoder(featurizer, Vocabulary(vocab["words"]), Vocabulary(vocab["chars"]))
    network = build_network(len(vocab["words"]), len(vocab["chars"]), hidden=config["hidden"])
    network.load_state_dict(torch.load(run_dir / "model.pt"))
    network.eval()
    return network, encoder, splits


def speed(args: argparse.Namespace) -> dict[str, Any]:
    """Characters per CPU second of the network alone (tokenising, encoding, network, Viterbi)
    and of the CRF tagger alone on the same Arabic feed sentences, one thread."""
    import torch

    from workers.core.entities.tagger import load_language

    torch.set_num_threads(1)
    network, encoder, _ = load_run(args.work, args.run, args.data)
    texts = list(feed_texts(args.data / FEEDS["ar"], args.articles))
    characters = sum(len(t) for t in texts)
    started = time.process_time()
    token_lists = [[t.text for t in s] for text in texts for s in sentences(text, tokenize(text))]
    tokenised = time.process_time()
    encoded = [encoder.encode(words) for words in token_lists]
    encoded_at = time.process_time()
    predict(network, encoded, batch_size=args.batch)
    predicted = time.process_time()
    mirror = NumpyBiLstmCrf.from_torch(network)
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].words))
    numpy_started = time.process_time()
    for first in range(0, len(order), args.batch):
        mirror.tag([encoded[i] for i in order[first : first + args.batch]])
    numpy_done = time.process_time()
    crf = load_language("ar", KnowledgeBase.default())
    crf_started = time.process_time()
    for words in token_lists:
        crf.tag(words)
    crf_done = time.process_time()
    front = encoded_at - started  # tokenising + encoding, the same for both back ends
    weights = sum(v.size for v in mirror.weights.values() if v.dtype == np.float32)
    return {
        "articles": len(texts),
        "characters": characters,
        "sentences": len(token_lists),
        "batch": args.batch,
        "tokenise_s": round(tokenised - started, 2),
        "encode_s": round(encoded_at - tokenised, 2),
        "torch_network_and_viterbi_s": round(predicted - encoded_at, 2),
        "numpy_network_and_viterbi_s": round(numpy_done - numpy_started, 2),
        "torch_chars_per_cpu_s": round(characters / (front + predicted - encoded_at)),
        "numpy_chars_per_cpu_s": round(characters / (front + numpy_done - numpy_started)),
        "crf_tag_s": round(crf_done - crf_started, 2),
        "crf_chars_per_cpu_s": round(characters / (crf_done - crf_started + tokenised - started)),
        "weights": weights,
        "weights_mb_float32": round(weights * 4 / 1e6, 1),
    }


def combine(args: argparse.Namespace) -> dict[str, Any]:
    """Network + CRF on the tuning sets: per-token marginals averaged (then a valid IOB2 path
    by Viterbi with the network's transitions), and span union/intersection votes."""
    import pycrfsuite

    network, encoder, splits = load_run(args.work, args.run, args.data)
    clusters_file = args.crf / "ar.clusters.tsv"
    from workers.core.entities.tagger import read_clusters

    crf_featurizer = Featurizer(
        "ar",
        read_clusters(clusters_file),
        Gazetteer(KnowledgeBase.default(), "ar"),
        read_feed_labels(args.crf / "ar.labels.tsv"),
    )
    crf = pycrfsuite.Tagger()
    crf.open(str(args.crf / "ar.crfsuite"))
    transitions, start = (t.detach().numpy() for t in network.crf_parameters())
    from bench.entities.neural import viterbi

    out: dict[str, Any] = {}
    for name, gold in splits.dev.items():
        net_tags, net_probabilities = predict(network, [encoder.encode(s.words) for s in gold])
        crf_tags: list[list[str]] = []
        averaged: list[list[str]] = []
        union: list[list[str]] = []
        for sentence, tags, probabilities in zip(gold, net_tags, net_probabilities, strict=True):
            predicted = crf.tag(crf_featurizer.features(sentence.words))
            crf_tags.append(predicted)
            crf_marginals = np.asarray(
                [[crf.marginal(t, i) for t in TAGS] for i in range(len(sentence.words))]
            )
            mixed = args.weight * probabilities + (1 - args.weight) * crf_marginals
            path = viterbi(np.log(mixed + 1e-9), np.where(transitions < -1e3, -1e4, 0.0), start)
            averaged.append([TAGS[t] for t in path])
            union.append(span_union(tags, predicted))
        out[name] = {
            "crf": summary(score(gold, crf_tags)),
            "net": summary(score(gold, net_tags)),
            f"average_w{args.weight}": summary(score(gold, averaged)),
            "union_net_first": summary(score(gold, union)),
        }
    return out


def span_union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """``first``'s spans plus those of ``second`` that overlap none of them."""
    from workers.core.entities.tagger import bio_spans

    tags = list(first)
    taken = {i for s, e, _ in bio_spans(first) for i in range(s, e)}
    for s, e, kind in bio_spans(second):
        if not taken & set(range(s, e)):
            tags[s] = "B-" + kind
            for i in range(s + 1, e):
                tags[i] = "I-" + kind
    return tags


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["vectors", "train", "speed", "combine"])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/ents-nn"))
    parser.add_argument("--labels", type=Path, default=None, help="feed labels (tuning model's)")
    parser.add_argument("--name", default="base")
    parser.add_argument("--run", default="base")
    parser.add_argument("--crf", type=Path, default=Path("/tmp/ents-nn/crf-tuning"))
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--freeze", action="store_true")
    parser.add_argument("--no-vectors", action="store_true")
    parser.add_argument("--no-extra", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--train-limit", type=int, default=None, help="first N (smoke tests)")
    parser.add_argument("--max-minutes", type=float, default=45, help="CPU minutes")
    parser.add_argument("--max-wall-minutes", type=float, default=60)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--weight", type=float, default=0.5)
    args = parser.parse_args(argv)
    if args.step == "vectors":
        result = train_vectors(args.data, args.work)
    elif args.step == "train":
        result = train(args)
    elif args.step == "speed":
        result = speed(args)
    else:
        result = combine(args)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
