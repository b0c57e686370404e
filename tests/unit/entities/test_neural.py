"""The experimental neural name finder's pure parts: token encoding and Viterbi decoding.
Every sentence here is written for these tests."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from bench.entities.neural import (
    CLITICS,
    EXTRA_FEATURES,
    TAGS,
    UNKNOWN,
    Encoder,
    Vocabulary,
    allowed_transitions,
    viterbi,
)
from workers.core.entities.tagger import Clusters, Featurizer, FeedLabels, Gazetteer


def brute_force_best(
    emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray
) -> list[int]:
    n, k = emissions.shape
    best, best_score = None, -np.inf
    for path in itertools.product(range(k), repeat=n):
        total = start[path[0]] + sum(emissions[i, t] for i, t in enumerate(path))
        total += sum(transitions[a, b] for a, b in itertools.pairwise(path))
        if total > best_score:
            best, best_score = list(path), total
    assert best is not None
    return best


@pytest.mark.parametrize("seed", range(5))
def test_viterbi_finds_the_best_path(seed: int) -> None:
    rng = np.random.default_rng(seed)
    emissions = rng.normal(size=(4, 3))
    transitions = rng.normal(size=(3, 3))
    start = rng.normal(size=3)
    assert viterbi(emissions, transitions, start) == brute_force_best(emissions, transitions, start)


def test_viterbi_of_an_empty_sentence() -> None:
    assert viterbi(np.zeros((0, 3)), np.zeros((3, 3)), np.zeros(3)) == []


def test_inside_tags_only_follow_their_own_type() -> None:
    allowed = allowed_transitions()
    index = {tag: i for i, tag in enumerate(TAGS)}
    assert allowed[index["B-PER"], index["I-PER"]]
    assert allowed[index["I-PER"], index["I-PER"]]
    assert not allowed[index["O"], index["I-PER"]]
    assert not allowed[index["B-ORG"], index["I-PER"]]
    assert allowed[index["I-ORG"], index["B-PER"]]


def test_encoder_strips_proclitics_and_marks_feed_labels_and_gazetteer() -> None:
    featurizer = Featurizer(
        "ar",
        Clusters(),
        Gazetteer(None, "ar"),
        FeedLabels.read(["سامر\t10\tPER:8 ORG:0 LOC:0 MISC:0 O:2\n"]),
    )
    featurizer.gazetteer.names["سامر"] = "PERSON"
    featurizer.gazetteer.first_words.add("سامر")
    words = Vocabulary()
    for word in ("زار", "سامر"):
        words.add(word)
    characters = Vocabulary()
    encoder = Encoder(featurizer, words, characters)

    encoded = encoder.encode(["زار", "وسامر", "NASA"], ["O", "B-PER", "B-ORG"])

    assert encoded.words.tolist() == [words.get("زار"), UNKNOWN, UNKNOWN]
    assert encoded.stems[1] == words.get("سامر")
    assert CLITICS[encoded.clitics[1]] == "و"
    assert CLITICS[encoded.clitics[0]] == ""
    on = [{EXTRA_FEATURES[j] for j in np.flatnonzero(row)} for row in encoded.extra]
    assert on[0] == set()
    assert on[1] == {"PERh", "B-PERSON"}
    assert on[2] == {"latin", "upper"}
    assert encoded.tags is not None
    assert [TAGS[t] for t in encoded.tags] == ["O", "B-PER", "B-ORG"]
    assert (encoded.chars[0, :3] == UNKNOWN).all()
    assert (encoded.chars[0, 3:] == 0).all()


def test_numpy_forward_pass_matches_torch() -> None:
    torch = pytest.importorskip("torch")
    from bench.entities.neural import (
        NumpyBiLstmCrf,
        batch_tensors,
        build_network,
        predict,
    )

    torch.manual_seed(0)
    featurizer = Featurizer("ar", Clusters(), Gazetteer(None, "ar"))
    words = Vocabulary()
    characters = Vocabulary()
    for word in ("قال", "المدرب", "إن", "الفريق", "فاز"):
        words.add(word)
        for ch in word:
            characters.add(ch)
    encoder = Encoder(featurizer, words, characters)
    sentences = [
        encoder.encode(["قال", "المدرب", "إن", "الفريق", "فاز", "."]),
        encoder.encode(["فاز", "الفريق"]),
    ]
    network = build_network(len(words), len(characters), word_dim=100, hidden=8)
    for parameter in network.parameters():  # zeros would hide a wrong gate order
        parameter.data.normal_(0, 0.5)
    expected, _ = predict(network, sentences)
    with torch.no_grad():
        scores = network.emissions(batch_tensors(sentences))
    mirror = NumpyBiLstmCrf.from_torch(network)
    for row, emitted in enumerate(mirror.emissions(sentences)):
        assert np.allclose(emitted, scores[row, : len(emitted)].numpy(), atol=1e-4)
    assert mirror.tag(sentences) == expected
