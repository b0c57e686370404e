"""Training the CRF name finder from ``../shared/data`` (``newsflow train entities``).

Three steps per language, all deterministic (fixed seeds, one thread):

1. **Word clusters** from the unlabelled feed articles: word2vec (gensim, CBOW) on the
   tokenised feed text, then k-means on the unit vectors of the most frequent words at two
   granularities. Written to ``<lang>.clusters.tsv`` (word, coarse id, fine id).
2. **Feed labels**: a first CRF (without them) tags unlabelled feed articles and counts how
   each word was labelled (``<lang>.labels.tsv``), so the final model knows which words are
   mostly names in the news even where their context does not say so. ``--feed-label-passes 2``
   tags the feed again with a CRF that has the first pass's counts (measured: see the card).
3. **CRF** (CRFsuite, L-BFGS with L1+L2) on the labelled sets, features from
   :mod:`workers.core.entities.tagger`; the dev sets are scored after training.

Data (see the model card): English trains on CoNLL-2003 train and is scored on CoNLL dev and
Wikigold; Arabic trains on ANERcorp train minus its last 10 % of sentences (the held-out
block, never tuned on) plus AQMAR train, and is scored on that block and AQMAR dev. With
``--tuning`` Arabic trains on ANERcorp's first 80 % and is scored on its 80–90 % block, the
block features are chosen on.
gensim is only needed here (``pip install 'newsflow[train]'``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workers.core.entities.conll import (
    Document,
    Sentence,
    SpanScores,
    read_conll,
    sentences_of,
    spans,
    write_conll,
)
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.tagger import (
    FEED_LABEL_MIN_COUNT,
    FEED_LABEL_TYPES,
    Featurizer,
    Gazetteer,
    clusters_path,
    labels_path,
    model_path,
    read_clusters,
    read_feed_labels,
    sentences,
    tokenize,
    write_manifest,
)

DEFAULT_DATA = Path("../shared/data")
FEEDS = {"en": "feeds/en-news.jsonl.gz", "ar": "feeds/ar-ant-news.jsonl.gz"}
HELDOUT_SHARE = 0.10
WIKIGOLD_PARTS = ("train", "train", "tuning", "blind")
"""Wikigold documents per hash bucket: half trained on, a quarter tuned on, a quarter blind."""
FEED_ARTICLES: dict[str, int | None] = {"en": 8000, "ar": None}
"""Feed articles per language the word vectors and clusters learn from (the first ones of the
file; None: all). Arabic's from all 31,471 gained on both tuning sets; English's from all
15,000 did not (see the model card), so English keeps the first 8,000."""
CLUSTER_GRANULARITIES = (128, 1024)
"""k-means partitions of the word vectors, coarsest first (see :class:`tagger.Clusters`)."""
KMEANS_BLOCK = 8192
FEED_LABEL_ARTICLES = 40000
"""Feed articles per language the first-pass CRF labels (the first ones of the file): more
than either file has (Arabic 31,471, English 15,000), so all of them."""
FEED_LABEL_PASSES = 1
"""Times the feed is labelled, each time by a model with the previous pass's feed labels."""


@dataclass
class Splits:
    train: list[Sentence]
    dev: dict[str, list[Sentence]]


def anercorp_split(data: Path) -> tuple[list[Sentence], list[Sentence]]:
    """ANERcorp train minus / only its last 10 % contiguous block of sentences."""
    all_sentences = sentences_of(read_conll(data / "ner/ar-anercorp/train.conll"))
    cut = int(len(all_sentences) * (1 - HELDOUT_SHARE))
    return all_sentences[:cut], all_sentences[cut:]


def anercorp_tuning_split(data: Path) -> tuple[list[Sentence], list[Sentence]]:
    """ANERcorp train's first 80 % and its 80–90 % block: the block features are chosen on,
    so that the last 10 % (:func:`anercorp_split`) stays unseen until the final score."""
    trainable, heldout = anercorp_split(data)
    cut = int((len(trainable) + len(heldout)) * (1 - 2 * HELDOUT_SHARE))
    return trainable[:cut], trainable[cut:]


def wikigold_part(document: Document) -> str:
    """``train`` (half the documents), ``tuning`` or ``blind`` (a quarter each) by a fixed hash
    of the document's first words: the same document always lands in the same part, whatever
    the file's order."""
    key = " ".join(word for sentence in document.sentences[:3] for word in sentence.words)
    return WIKIGOLD_PARTS[zlib.crc32(key.encode("utf-8")) % len(WIKIGOLD_PARTS)]


def wikigold_split(data: Path) -> dict[str, list[Document]]:
    """Wikigold's documents by part (:func:`wikigold_part`): train is trained on, tuning chosen
    on, blind scored once at the end."""
    parts: dict[str, list[Document]] = {part: [] for part in dict.fromkeys(WIKIGOLD_PARTS)}
    for document in read_conll(data / "ner/en-wikigold/wikigold.conll"):
        parts[wikigold_part(document)].append(document)
    return parts


def load_splits(
    lang: str, data: Path, *, tuning: bool = False, wikigold_training: bool = True
) -> Splits:
    """Training and scoring sets; ``tuning`` (Arabic) trains on ANERcorp's first 80 % and
    scores its 80–90 % block instead of the held-out last 10 %. English trains on CoNLL train
    and Wikigold's train part (unless ``wikigold_training`` is off) and is scored on CoNLL dev
    and Wikigold's tuning part; Wikigold's blind part is never read here."""
    if lang == "en":
        wikigold = wikigold_split(data)
        conll_train = sentences_of(read_conll(data / "ner/en-conll2003/train.conll"))
        return Splits(
            train=conll_train + (sentences_of(wikigold["train"]) if wikigold_training else []),
            dev={
                "conll-dev": sentences_of(read_conll(data / "ner/en-conll2003/dev.conll")),
                "wikigold-tuning": sentences_of(wikigold["tuning"]),
            },
        )
    train, heldout = anercorp_tuning_split(data) if tuning else anercorp_split(data)
    aqmar_train = sentences_of(read_conll(data / "ner/ar-aqmar/train.conll"))
    return Splits(
        train=train + aqmar_train,
        dev={
            ("anercorp-tuning" if tuning else "anercorp-heldout"): heldout,
            "aqmar-dev": sentences_of(read_conll(data / "ner/ar-aqmar/dev.conll")),
        },
    )


def write_eval_sets(data: Path, out: Path) -> list[Path]:
    """The blocks and parts the card scores the whole stage on, as CoNLL files for
    ``newsflow eval entities --conll`` (write them outside the repository: it is the data)."""
    out.mkdir(parents=True, exist_ok=True)
    _, tuning_block = anercorp_tuning_split(data)
    _, heldout_block = anercorp_split(data)
    sets = {
        "ar-anercorp-tuning.conll": [Document(tuning_block)],
        "ar-anercorp-heldout.conll": [Document(heldout_block)],
        **{f"en-wikigold-{part}.conll": docs for part, docs in wikigold_split(data).items()},
    }
    for name, documents in sets.items():
        write_conll(documents, out / name)
    return [out / name for name in sets]


# ---------------------------------------------------------------------------------- clusters


def feed_texts(path: Path, limit: int | None = None) -> Iterator[str]:
    """Title and text of the first ``limit`` articles of a feed file."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            record = json.loads(line)
            yield f"{record.get('title') or ''}\n{record.get('text') or ''}"


def feed_sentences(
    path: Path, featurizer_norm: Any, limit: int | None = None
) -> Iterator[list[str]]:
    for text in feed_texts(path, limit):
        for sentence in sentences(text, tokenize(text)):
            yield [featurizer_norm(t.text) for t in sentence]


def _stable_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def kmeans(vectors: Any, k: int, iterations: int = 20, seed: int = 7) -> Any:
    """Plain Lloyd k-means on unit vectors (cosine), seeded: cluster index per row. Rows are
    assigned in blocks so that 100,000 words × 4,096 centres stay small in memory."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    assignment = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        for first in range(0, len(vectors), KMEANS_BLOCK):
            block = vectors[first : first + KMEANS_BLOCK]
            assignment[first : first + len(block)] = np.argmax(block @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assignment, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.maximum(norms, 1e-9))
    return assignment


@dataclass
class WordVectors:
    """The most frequent feed words (most frequent first) and their unit word2vec vectors."""

    words: list[str]
    vectors: Any
    stats: dict[str, Any]

    def save(self, path: Path) -> None:
        import numpy as np

        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path.with_suffix(".npy"), self.vectors)
        path.with_suffix(".json").write_text(
            json.dumps({"words": self.words, "stats": self.stats}, ensure_ascii=False), "utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> WordVectors:
        import numpy as np

        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        return cls(meta["words"], np.load(path.with_suffix(".npy")), meta["stats"])


def train_word_vectors(
    lang: str, data: Path, *, vocabulary: int = 100_000, limit: int | None = None
) -> WordVectors:
    """word2vec (CBOW, 100-d, 3 epochs, one thread, fixed seed and hash: deterministic) on the
    tokenised text of the first ``limit`` feed articles (all when None)."""
    import numpy as np
    from gensim.models import Word2Vec

    norm = Featurizer(lang, read_clusters(Path("/nonexistent")), Gazetteer(None, lang)).norm
    started = time.process_time()
    corpus = list(feed_sentences(data / FEEDS[lang], norm, limit))
    tokens = sum(len(s) for s in corpus)
    model = Word2Vec(
        corpus,
        vector_size=100,
        window=5,
        min_count=3,
        sg=0,
        epochs=3,
        workers=1,
        seed=1,
        hashfxn=_stable_hash,
        max_vocab_size=None,
    )
    words = model.wv.index_to_key[:vocabulary]
    vectors = np.asarray([model.wv[w] for w in words], dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    stats = {
        "feed_articles": limit or "all",
        "feed_sentences": len(corpus),
        "feed_tokens": tokens,
        "words": len(words),
        "cpu_seconds": round(time.process_time() - started, 1),
    }
    return WordVectors(list(words), vectors, stats)


def build_clusters(
    lang: str,
    data: Path,
    out: Path,
    *,
    granularities: Sequence[int] = CLUSTER_GRANULARITIES,
    limit: int | None = None,
    vectors_cache: Path | None = None,
) -> dict[str, Any]:
    """Write ``<lang>.clusters.tsv``: each frequent feed word and its k-means cluster at each
    granularity (coarsest first). ``vectors_cache`` keeps the word vectors between runs that
    only change the granularities (the file is rebuilt when missing)."""
    if vectors_cache is not None and vectors_cache.with_suffix(".npy").exists():
        word_vectors = WordVectors.load(vectors_cache)
    else:
        word_vectors = train_word_vectors(lang, data, limit=limit)
        if vectors_cache is not None:
            word_vectors.save(vectors_cache)
    started = time.process_time()
    levels = [kmeans(word_vectors.vectors, k) for k in granularities]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row, word in enumerate(word_vectors.words):
            if "\t" not in word and "\n" not in word:
                handle.write("\t".join([word, *(str(level[row]) for level in levels)]) + "\n")
    return {
        **word_vectors.stats,
        "granularities": list(granularities),
        "kmeans_cpu_seconds": round(time.process_time() - started, 1),
    }


# ---------------------------------------------------------------------------------- CRF


def train_crf(
    lang: str,
    splits: Splits,
    featurizer: Featurizer,
    out: Path,
    *,
    c1: float = 0.05,
    c2: float = 0.01,
    iterations: int = 150,
) -> dict[str, Any]:
    import pycrfsuite

    started = time.process_time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in splits.train:
        trainer.append(featurizer.features(sentence.words), sentence.tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 1,
        }
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return {
        "train_sentences": len(splits.train),
        "train_tokens": sum(len(s.words) for s in splits.train),
        "c1": c1,
        "c2": c2,
        "iterations": iterations,
        "cpu_seconds": round(time.process_time() - started, 1),
        "model_bytes": out.stat().st_size,
    }


def build_feed_labels(
    lang: str,
    data: Path,
    model: Path,
    featurizer: Featurizer,
    out: Path,
    *,
    limit: int | None = FEED_LABEL_ARTICLES,
) -> dict[str, Any]:
    """Tag feed articles with ``model`` and write each word's label counts."""
    import pycrfsuite

    started = time.process_time()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    characters = 0
    for text in feed_texts(data / FEEDS[lang], limit):
        characters += len(text)
        for sentence in sentences(text, tokenize(text)):
            words = [t.text for t in sentence]
            tags = tagger.tag(featurizer.features(words))
            for word, tag in zip(words, tags, strict=True):
                key = featurizer.label_key(word, featurizer.norm(word))
                if key is not None and "\t" not in key:
                    counts[key][tag[2:] if tag != "O" else "O"] += 1
    with out.open("w", encoding="utf-8") as handle:
        for key in sorted(counts):
            count = counts[key]
            if sum(count.values()) < FEED_LABEL_MIN_COUNT:
                continue  # FeedLabels skips these: only size
            pairs = " ".join(f"{label}:{count[label]}" for label in (*FEED_LABEL_TYPES, "O"))
            handle.write(f"{key}\t{sum(count.values())}\t{pairs}\n")
    return {
        "feed_characters": characters,
        "words": len(counts),
        "cpu_seconds": round(time.process_time() - started, 1),
    }


def score_tokens(model: Path, featurizer: Featurizer, data: Sequence[Sentence]) -> SpanScores:
    """Span scores of the CRF alone on gold tokenisation (no KB linking, no post-processing)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    scores = SpanScores()
    for sentence in data:
        predicted = tagger.tag(featurizer.features(sentence.words))
        scores.add(spans(sentence.tags), spans(predicted))
    return scores


def train_language(
    lang: str,
    data: Path,
    out_dir: Path | None,
    *,
    rebuild_clusters: bool = False,
    feed_articles: int | None = None,
    feed_label_articles: int = FEED_LABEL_ARTICLES,
    tuning: bool = False,
    reuse_feed_labels: bool = False,
    feed_label_passes: int = FEED_LABEL_PASSES,
    cluster_granularities: Sequence[int] = CLUSTER_GRANULARITIES,
    vectors_cache: Path | None = None,
    wikigold_training: bool = True,
    **crf_params: Any,
) -> dict[str, Any]:
    report: dict[str, Any] = {"lang": lang, "date": datetime.now(UTC).date().isoformat()}
    cluster_file = clusters_path(lang, out_dir)
    if rebuild_clusters or not cluster_file.exists():
        report["clusters"] = build_clusters(
            lang,
            data,
            cluster_file,
            granularities=cluster_granularities,
            # None: the language's default; 0: every article of the feed.
            limit=FEED_ARTICLES[lang] if feed_articles is None else feed_articles or None,
            vectors_cache=vectors_cache,
        )
    clusters = read_clusters(cluster_file)
    gazetteer = Gazetteer(KnowledgeBase.default(), lang)
    splits = load_splits(lang, data, tuning=tuning, wikigold_training=wikigold_training)
    model = model_path(lang, out_dir)
    labels_file = labels_path(lang, out_dir)
    if reuse_feed_labels and labels_file.exists():
        report["feed_labels"] = f"reused {labels_file}"
    elif feed_label_articles:
        # Pass 1 labels the feed with a model without feed labels; each further pass labels it
        # again with a model that has the previous pass's labels (it finds more of the names).
        interim = model.with_suffix(".interim.crfsuite")
        previous = Featurizer(lang, clusters, gazetteer)
        for number in range(1, feed_label_passes + 1):
            report[f"pass_{number}_crf"] = train_crf(lang, splits, previous, interim, **crf_params)
            report[f"pass_{number}_feed_labels"] = build_feed_labels(
                lang, data, interim, previous, labels_file, limit=feed_label_articles
            )
            previous = Featurizer(lang, clusters, gazetteer, read_feed_labels(labels_file))
        interim.unlink()
    elif labels_file.exists():
        labels_file.unlink()
    featurizer = Featurizer(lang, clusters, gazetteer, read_feed_labels(labels_file))
    report["crf"] = train_crf(lang, splits, featurizer, model, **crf_params)
    report["dev"] = {
        name: score_tokens(model, featurizer, sentences_).as_dict()
        for name, sentences_ in splits.dev.items()
    }
    write_manifest(lang, out_dir)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the CRF entity model of a language.")
    parser.add_argument("--lang", required=True, choices=["en", "ar"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="../shared/data")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="directory for <lang>.crfsuite and <lang>.clusters.tsv (default: the package's)",
    )
    parser.add_argument("--rebuild-clusters", action="store_true")
    parser.add_argument(
        "--feed-articles",
        type=int,
        default=None,
        help="feed articles the word vectors learn from (0: all; default: the language's, "
        "see FEED_ARTICLES)",
    )
    parser.add_argument(
        "--cluster-granularities",
        default=",".join(map(str, CLUSTER_GRANULARITIES)),
        help="k-means sizes of the word clusters, coarsest first, comma-separated",
    )
    parser.add_argument(
        "--vectors-cache",
        type=Path,
        default=None,
        help="file stem keeping the word vectors between --rebuild-clusters runs",
    )
    parser.add_argument(
        "--no-wikigold-training",
        dest="wikigold_training",
        action="store_false",
        help="English: train on CoNLL train only (not Wikigold's train part)",
    )
    parser.add_argument(
        "--write-eval-sets",
        type=Path,
        default=None,
        metavar="DIR",
        help="only write the ANERcorp blocks and Wikigold parts as CoNLL files into DIR",
    )
    parser.add_argument(
        "--feed-label-articles",
        type=int,
        default=FEED_LABEL_ARTICLES,
        help="feed articles the first-pass CRF labels (0: no feed-label features)",
    )
    parser.add_argument(
        "--tuning",
        action="store_true",
        help="Arabic: train on ANERcorp's first 80 %% and score its 80-90 %% block "
        "(for choosing features; the last 10 %% stays unseen)",
    )
    parser.add_argument(
        "--reuse-feed-labels",
        action="store_true",
        help="keep <lang>.labels.tsv of --out instead of running the first pass again",
    )
    parser.add_argument("--feed-label-passes", type=int, default=FEED_LABEL_PASSES)
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)
    if not (args.data / "ner").is_dir():
        print(f"no training data in {args.data}/ner (see the model card)", file=sys.stderr)
        return 2
    if args.write_eval_sets is not None:
        for path in write_eval_sets(args.data, args.write_eval_sets):
            print(path)
        return 0
    report = train_language(
        args.lang,
        args.data,
        args.out,
        rebuild_clusters=args.rebuild_clusters,
        feed_articles=args.feed_articles,
        cluster_granularities=[int(k) for k in args.cluster_granularities.split(",")],
        vectors_cache=args.vectors_cache,
        wikigold_training=args.wikigold_training,
        feed_label_articles=args.feed_label_articles,
        tuning=args.tuning,
        reuse_feed_labels=args.reuse_feed_labels,
        feed_label_passes=args.feed_label_passes,
        c1=args.c1,
        c2=args.c2,
        iterations=args.iterations,
    )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
