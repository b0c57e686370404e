"""Training: the tuning split and the feed-label passes, on tiny corpora written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from workers.core.entities import training
from workers.core.entities.conll import Document, Sentence, read_conll, write_conll
from workers.core.entities.tagger import read_feed_labels
from workers.core.entities.training import (
    anercorp_split,
    anercorp_tuning_split,
    kmeans,
    load_splits,
    train_language,
    wikigold_part,
    wikigold_split,
)


def write_corpus(root: Path, sentences: int) -> None:
    anercorp = root / "ner/ar-anercorp"
    anercorp.mkdir(parents=True)
    lines = [f"جملة O\nرقم{i} B-LOC\n" for i in range(sentences)]
    (anercorp / "train.conll").write_text("\n".join(lines), encoding="utf-8")
    aqmar = root / "ner/ar-aqmar"
    aqmar.mkdir(parents=True)
    (aqmar / "train.conll").write_text("زار O\nسامر B-PER\n", encoding="utf-8")
    (aqmar / "dev.conll").write_text("زارت O\nهالة B-PER\n", encoding="utf-8")


def test_the_tuning_block_sits_between_training_and_the_held_out_block(tmp_path: Path) -> None:
    write_corpus(tmp_path, 50)
    trainable, heldout = anercorp_split(tmp_path)
    train, tuning = anercorp_tuning_split(tmp_path)
    assert (len(train), len(tuning), len(heldout)) == (40, 5, 5)
    assert train + tuning == trainable  # contiguous blocks, in order
    held = {s.words[1] for s in heldout}
    assert not held & {s.words[1] for s in train + tuning}
    splits = load_splits("ar", tmp_path, tuning=True)
    assert set(splits.dev) == {"anercorp-tuning", "aqmar-dev"}
    assert len(splits.train) == 41  # the first 80 % and AQMAR train
    assert not held & {s.words[-1] for s in splits.train + splits.dev["anercorp-tuning"]}
    assert "anercorp-heldout" in load_splits("ar", tmp_path).dev


def test_feed_labels_from_two_passes_keep_only_words_seen_often(tmp_path: Path) -> None:
    write_corpus(tmp_path, 30)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    article = {"title": "زيارة", "text": "زار سامر رقم1 امس. وزار سامر رقم2 اليوم. قال نادرة"}
    with gzip.open(feeds / "ar-ant-news.jsonl.gz", "wt", encoding="utf-8") as handle:
        for text in [article] * 3 + [{"title": "", "text": "كلمة فريدة"}]:
            handle.write(json.dumps(text, ensure_ascii=False) + "\n")
    out = tmp_path / "model"
    out.mkdir()
    (out / "ar.clusters.tsv").write_text("", encoding="utf-8")  # no word2vec in a unit test
    report = train_language("ar", tmp_path, out, tuning=True, feed_label_passes=2, iterations=5)
    assert {"pass_1_feed_labels", "pass_2_feed_labels", "crf"} <= report.keys()
    assert sorted(p.name for p in out.iterdir()) == [
        "ar.clusters.tsv", "ar.crfsuite", "ar.labels.tsv", "manifest.json",
    ]  # fmt: skip
    assert set(report["dev"]) == {"anercorp-tuning", "aqmar-dev"}
    rows = [line.split("\t") for line in (out / "ar.labels.tsv").read_text("utf-8").splitlines()]
    assert "سامر" in {row[0] for row in rows}
    assert all(int(row[1]) >= 3 for row in rows)  # a word seen once says nothing: not written
    assert report["pass_2_feed_labels"]["words"] > len(rows)
    assert read_feed_labels(out / "ar.labels.tsv").features


def wiki_document(number: int) -> Document:
    return Document(
        [Sentence(["Lake", f"Vessen{number}", "drains", "north"], ["B-LOC", "I-LOC", "O", "O"])]
    )


def write_english_corpus(root: Path, documents: int) -> None:
    conll = root / "ner/en-conll2003"
    conll.mkdir(parents=True)
    (conll / "train.conll").write_text("Ilse B-PER\nswam O\n", encoding="utf-8")
    (conll / "dev.conll").write_text("Odo B-PER\nran O\n", encoding="utf-8")
    wikigold = root / "ner/en-wikigold"
    wikigold.mkdir(parents=True)
    write_conll([wiki_document(n) for n in range(documents)], wikigold / "wikigold.conll")


def test_wikigold_documents_split_by_a_fixed_hash_of_their_words(tmp_path: Path) -> None:
    write_english_corpus(tmp_path, 200)
    parts = wikigold_split(tmp_path)
    sizes = {part: len(documents) for part, documents in parts.items()}
    assert sizes.keys() == {"train", "tuning", "blind"} and sum(sizes.values()) == 200
    assert 80 <= sizes["train"] <= 120 and 30 <= sizes["tuning"] <= 70  # about 50/25/25
    # The part is the document's own: the same words land in the same part in any order.
    assert [wikigold_part(d) for d in reversed(parts["blind"])] == ["blind"] * sizes["blind"]
    assert wikigold_part(wiki_document(7)) == wikigold_part(wiki_document(7))


def test_english_trains_on_wikigold_train_and_never_sees_its_blind_part(tmp_path: Path) -> None:
    write_english_corpus(tmp_path, 40)
    parts = wikigold_split(tmp_path)
    name = lambda s: s.words[1]  # noqa: E731
    splits = load_splits("en", tmp_path)
    assert set(splits.dev) == {"conll-dev", "wikigold-tuning"}
    trained = {name(s) for s in splits.train}
    assert {name(s) for d in parts["train"] for s in d.sentences} <= trained
    assert not trained & {name(s) for d in parts["tuning"] + parts["blind"] for s in d.sentences}
    scored = {name(s) for s in splits.dev["wikigold-tuning"]}
    assert not scored & {name(s) for d in parts["blind"] for s in d.sentences}
    assert len(load_splits("en", tmp_path, wikigold_training=False).train) == 1


def test_written_eval_sets_read_back_as_the_same_documents(tmp_path: Path) -> None:
    documents = [wiki_document(1), wiki_document(2)]
    write_conll(documents, tmp_path / "two.conll")
    assert read_conll(tmp_path / "two.conll") == documents


def test_kmeans_in_blocks_assigns_as_in_one_block(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    whole = kmeans(vectors, 12)
    monkeypatch.setattr(training, "KMEANS_BLOCK", 7)
    assert (kmeans(vectors, 12) == whole).all()
    assert len(set(whole.tolist())) > 6  # a real partition, not one cluster
