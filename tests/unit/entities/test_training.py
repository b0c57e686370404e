"""Training: the tuning split and the feed-label passes, on tiny corpora written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from workers.core.entities.tagger import read_feed_labels
from workers.core.entities.training import (
    anercorp_split,
    anercorp_tuning_split,
    load_splits,
    train_language,
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
