"""Experimental neural name finder (issue 10 feasibility study, not a shipped backend).

A BiLSTM-CRF over, per token: a word embedding of its matching form and one of the form
without Arabic proclitics (both from one table, initialised from word2vec vectors of the
feed text), an embedding of the proclitics, a character CNN over the word, and the CRF
tagger's knowledge-base gazetteer and feed-label features as a small 0/1 vector. Results and
commands: ``bench/entities/NEURAL.md``; training: ``bench/entities/neural_train.py``.

The encoding and the Viterbi decoder are plain numpy so they can be tested (and, if the model
ever ships, run) without torch; the network itself needs torch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from workers.core.entities.tagger import (
    ARABIC_PROCLITICS,
    FEED_LABEL_TYPES,
    Featurizer,
    strip_proclitics,
)

TAGS = (
    "O",
    "B-PER",
    "I-PER",
    "B-ORG",
    "I-ORG",
    "B-LOC",
    "I-LOC",
    "B-MISC",
    "I-MISC",
)
TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}
GAZETTEER_TAGS = ("B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
FEED_LABEL_FEATURES = tuple(f"{kind}{level}" for kind in FEED_LABEL_TYPES for level in "lmh")
EXTRA_FEATURES = (*GAZETTEER_TAGS, *FEED_LABEL_FEATURES, "latin", "upper", "digit")
"""The 0/1 token features the network gets besides embeddings (the CRF's strongest ones)."""
CLITICS = ("", *ARABIC_PROCLITICS)
MAX_WORD_CHARS = 20
PAD, UNKNOWN = 0, 1


@dataclass
class Vocabulary:
    """String → row: 0 is padding, 1 unknown."""

    items: list[str] = field(default_factory=lambda: ["<pad>", "<unk>"])
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {item: i for i, item in enumerate(self.items)}

    def add(self, item: str) -> int:
        if item not in self.index:
            self.index[item] = len(self.items)
            self.items.append(item)
        return self.index[item]

    def get(self, item: str) -> int:
        return self.index.get(item, UNKNOWN)

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class EncodedSentence:
    """One sentence as arrays the network reads (n = tokens)."""

    words: np.ndarray  # (n,) row of the matching form
    stems: np.ndarray  # (n,) row of the form without proclitics
    clitics: np.ndarray  # (n,) index in CLITICS
    chars: np.ndarray  # (n, MAX_WORD_CHARS) character rows, 0-padded
    extra: np.ndarray  # (n, len(EXTRA_FEATURES)) 0/1
    tags: np.ndarray | None = None  # (n,) index in TAGS


@dataclass
class Encoder:
    """Tokens → :class:`EncodedSentence`, with the CRF featurizer's forms, gazetteer and feed
    labels (so the network sees the same knowledge the CRF does)."""

    featurizer: Featurizer
    words: Vocabulary
    chars: Vocabulary

    def __post_init__(self) -> None:
        # News repeats its words: each word's rows are built once.
        self._word_rows = lru_cache(maxsize=200_000)(self._build_word_rows)

    def _build_word_rows(self, token: str) -> tuple[int, int, int, np.ndarray, np.ndarray]:
        norm = self.featurizer.norm(token)
        clitic, stem = strip_proclitics(norm)
        chars = np.zeros(MAX_WORD_CHARS, dtype=np.int64)
        for j, ch in enumerate(norm[:MAX_WORD_CHARS]):
            chars[j] = self.chars.get(ch)
        extra = token_extra_features(self.featurizer, token, norm, None)
        return self.words.get(norm), self.words.get(stem), CLITICS.index(clitic), chars, extra

    def encode(self, tokens: Sequence[str], tags: Sequence[str] | None = None) -> EncodedSentence:
        rows = [self._word_rows(t) for t in tokens]
        n = len(tokens)
        words = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        stems = np.fromiter((r[1] for r in rows), dtype=np.int64, count=n)
        clitics = np.fromiter((r[2] for r in rows), dtype=np.int64, count=n)
        chars = np.stack([r[3] for r in rows]) if rows else np.zeros((0, MAX_WORD_CHARS), np.int64)
        extra = (
            np.stack([r[4] for r in rows])
            if rows
            else np.zeros((0, len(EXTRA_FEATURES)), np.float32)
        )
        gazetteer = self.featurizer.gazetteer.tags([self.featurizer.norm(t) for t in tokens])
        for i, tag in enumerate(gazetteer):
            if tag is not None and tag in _EXTRA_INDEX:
                extra[i, _EXTRA_INDEX[tag]] = 1.0  # a copy: np.stack does not share the cache's
        encoded_tags = None
        if tags is not None:
            encoded_tags = np.asarray([TAG_INDEX.get(t, 0) for t in tags], dtype=np.int64)
        return EncodedSentence(words, stems, clitics, chars, extra, encoded_tags)


_EXTRA_INDEX = {name: i for i, name in enumerate(EXTRA_FEATURES)}


def token_extra_features(
    featurizer: Featurizer, token: str, norm: str, gazetteer_tag: str | None
) -> np.ndarray:
    """The 0/1 vector of :data:`EXTRA_FEATURES` for one token."""
    vector = np.zeros(len(EXTRA_FEATURES), dtype=np.float32)
    if gazetteer_tag is not None and gazetteer_tag in _EXTRA_INDEX:
        vector[_EXTRA_INDEX[gazetteer_tag]] = 1.0
    key = featurizer.label_key(token, norm)
    if key is not None:
        for feature in featurizer.feed_labels.features.get(key, ()):
            vector[_EXTRA_INDEX[feature]] = 1.0
    if token[:1].isascii() and token[:1].isalpha():
        vector[_EXTRA_INDEX["latin"]] = 1.0
    if token.isupper() and len(token) > 1:
        vector[_EXTRA_INDEX["upper"]] = 1.0
    if any(ch.isdigit() for ch in token):
        vector[_EXTRA_INDEX["digit"]] = 1.0
    return vector


def viterbi(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray) -> list[int]:
    """Best tag path of a linear-chain CRF: ``emissions`` (n, tags) scores per token,
    ``transitions[i, j]`` the score of tag j after tag i, ``start`` the first tag's score."""
    n = emissions.shape[0]
    if n == 0:
        return []
    score = start + emissions[0]
    back = np.empty((n, emissions.shape[1]), dtype=np.int64)
    for i in range(1, n):
        candidates = score[:, None] + transitions  # (previous, next)
        back[i] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + emissions[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return best[::-1]


def allowed_transitions() -> np.ndarray:
    """0/1 matrix of tag j after tag i under IOB2: I-X only after B-X or I-X."""
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, previous in enumerate(TAGS):
                allowed[i, j] = previous[2:] == tag[2:]
    return allowed


def build_network(
    vocabulary_size: int,
    character_count: int,
    *,
    embeddings: np.ndarray | None = None,
    word_dim: int = 100,
    char_dim: int = 30,
    char_filters: int = 50,
    hidden: int = 100,
    dropout: float = 0.5,
    freeze_embeddings: bool = False,
) -> Any:
    """The BiLSTM-CRF (a torch module); torch is imported here only."""
    import torch
    from torch import nn

    class BiLstmCrf(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_embedding = nn.Embedding(vocabulary_size, word_dim, padding_idx=PAD)
            if embeddings is not None:
                self.word_embedding.weight.data.copy_(torch.from_numpy(embeddings))
            self.word_embedding.weight.requires_grad = not freeze_embeddings
            self.clitic_embedding = nn.Embedding(len(CLITICS), 8)
            self.char_embedding = nn.Embedding(character_count, char_dim, padding_idx=PAD)
            self.char_cnn = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
            width = 2 * word_dim + 8 + char_filters + len(EXTRA_FEATURES)
            self.dropout = nn.Dropout(dropout)
            self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
            self.output = nn.Linear(2 * hidden, len(TAGS))
            self.transitions = nn.Parameter(torch.zeros(len(TAGS), len(TAGS)))
            self.start = nn.Parameter(torch.zeros(len(TAGS)))
            # Impossible IOB2 transitions (O → I-PER) get a large penalty, never learned.
            forbidden = ~torch.from_numpy(allowed_transitions())
            self.forbidden: torch.Tensor
            self.start_forbidden: torch.Tensor
            self.register_buffer("forbidden", forbidden)
            start_forbidden = torch.tensor([t.startswith("I-") for t in TAGS])
            self.register_buffer("start_forbidden", start_forbidden)

        def crf_parameters(self) -> tuple[Any, Any]:
            penalty = -1e4
            transitions = self.transitions.masked_fill(self.forbidden, penalty)
            start = self.start.masked_fill(self.start_forbidden, penalty)
            return transitions, start

        def emissions(self, batch: dict[str, Any]) -> Any:
            words = batch["words"]  # (b, n)
            b, n = words.shape
            chars = self.char_embedding(batch["chars"].view(b * n, -1))  # (bn, c, d)
            char_features = self.char_cnn(chars.transpose(1, 2)).max(dim=2).values
            inputs = torch.cat(
                [
                    self.word_embedding(words),
                    self.word_embedding(batch["stems"]),
                    self.clitic_embedding(batch["clitics"]),
                    char_features.view(b, n, -1),
                    batch["extra"],
                ],
                dim=2,
            )
            packed = nn.utils.rnn.pack_padded_sequence(
                self.dropout(inputs), batch["lengths"], batch_first=True, enforce_sorted=False
            )
            hidden_states, _ = self.lstm(packed)
            unpacked, _ = nn.utils.rnn.pad_packed_sequence(
                hidden_states, batch_first=True, total_length=n
            )
            return self.output(self.dropout(unpacked))  # (b, n, tags)

        def loss(self, batch: dict[str, Any]) -> Any:
            """Mean negative log-likelihood of the gold paths."""
            emissions = self.emissions(batch)
            tags, mask = batch["tags"], batch["mask"]
            transitions, start = self.crf_parameters()
            b, n, _ = emissions.shape
            rows = torch.arange(b)
            gold = start[tags[:, 0]] + emissions[rows, 0, tags[:, 0]]
            alpha = start[None, :] + emissions[:, 0]  # (b, tags)
            for i in range(1, n):
                step = mask[:, i]
                gold = gold + step * (
                    transitions[tags[:, i - 1], tags[:, i]] + emissions[rows, i, tags[:, i]]
                )
                following = torch.logsumexp(
                    alpha[:, :, None] + transitions[None] + emissions[:, i, None, :], dim=1
                )
                alpha = torch.where(step[:, None].bool(), following, alpha)
            return (torch.logsumexp(alpha, dim=1) - gold).mean()

    return BiLstmCrf()


def batch_tensors(sentences: Sequence[EncodedSentence]) -> dict[str, Any]:
    """Pad a list of encoded sentences into the tensors :func:`build_network`'s module reads."""
    import torch

    b = len(sentences)
    n = max(len(s.words) for s in sentences)
    words = np.zeros((b, n), dtype=np.int64)
    stems = np.zeros((b, n), dtype=np.int64)
    clitics = np.zeros((b, n), dtype=np.int64)
    chars = np.zeros((b, n, MAX_WORD_CHARS), dtype=np.int64)
    extra = np.zeros((b, n, len(EXTRA_FEATURES)), dtype=np.float32)
    tags = np.zeros((b, n), dtype=np.int64)
    mask = np.zeros((b, n), dtype=np.float32)
    for i, s in enumerate(sentences):
        k = len(s.words)
        words[i, :k] = s.words
        stems[i, :k] = s.stems
        clitics[i, :k] = s.clitics
        chars[i, :k] = s.chars
        extra[i, :k] = s.extra
        mask[i, :k] = 1.0
        if s.tags is not None:
            tags[i, :k] = s.tags
    return {
        "words": torch.from_numpy(words),
        "stems": torch.from_numpy(stems),
        "clitics": torch.from_numpy(clitics),
        "chars": torch.from_numpy(chars),
        "extra": torch.from_numpy(extra),
        "tags": torch.from_numpy(tags),
        "mask": torch.from_numpy(mask),
        "lengths": torch.tensor([len(s.words) for s in sentences]),
    }


def predict(network: Any, sentences: Sequence[EncodedSentence], batch_size: int = 64) -> Any:
    """(tags, per-token tag probabilities) of each sentence: Viterbi over the emissions for
    the tags; softmax of the emissions as the (rough) per-token probabilities."""
    import torch

    network.eval()
    transitions, start = (t.detach().numpy() for t in network.crf_parameters())
    tags: list[list[str]] = []
    probabilities: list[np.ndarray] = []
    # Sentences of similar length together: less padding, fewer wasted LSTM steps.
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i].words))
    results: dict[int, tuple[list[str], np.ndarray]] = {}
    with torch.no_grad():
        for first in range(0, len(order), batch_size):
            chunk = order[first : first + batch_size]
            emissions = network.emissions(batch_tensors([sentences[i] for i in chunk])).numpy()
            for row, index in enumerate(chunk):
                scores = emissions[row, : len(sentences[index].words)]
                path = viterbi(scores, transitions, start)
                shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
                results[index] = (
                    [TAGS[t] for t in path],
                    shifted / shifted.sum(axis=1, keepdims=True),
                )
    for i in range(len(sentences)):
        tags.append(results[i][0])
        probabilities.append(results[i][1])
    return tags, probabilities


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (np.tanh(0.5 * x) + 1.0))


@dataclass
class NumpyBiLstmCrf:
    """The network's forward pass and decoding in numpy alone (float32), from its torch
    ``state_dict`` as arrays: what shipping the model without torch as a runtime dependency
    would run."""

    weights: dict[str, np.ndarray]

    @classmethod
    def from_torch(cls, network: Any) -> NumpyBiLstmCrf:
        return cls(
            {k: v.detach().numpy().astype(np.float32) for k, v in network.state_dict().items()}
        )

    def crf_parameters(self) -> tuple[np.ndarray, np.ndarray]:
        w = self.weights
        transitions = np.where(w["forbidden"], -1e4, w["transitions"]).astype(np.float32)
        start = np.where(w["start_forbidden"], -1e4, w["start"]).astype(np.float32)
        return transitions, start

    def _inputs(self, s: EncodedSentence) -> np.ndarray:
        w = self.weights
        table = w["word_embedding.weight"]
        chars = w["char_embedding.weight"][s.chars]  # (n, c, d)
        kernel = w["char_cnn.weight"]  # (filters, d, 3)
        padded = np.pad(chars, ((0, 0), (1, 1), (0, 0)))
        c = chars.shape[1]
        windows = np.concatenate([padded[:, k : k + c] for k in range(3)], axis=2)  # (n, c, 3d)
        flat = kernel.transpose(2, 1, 0).reshape(-1, kernel.shape[0])  # (3d, filters)
        char_features = (windows @ flat + w["char_cnn.bias"]).max(axis=1)
        return np.concatenate(
            [
                table[s.words],
                table[s.stems],
                w["clitic_embedding.weight"][s.clitics],
                char_features,
                s.extra,
            ],
            axis=1,
        ).astype(np.float32)

    def _direction(self, inputs: np.ndarray, suffix: str) -> np.ndarray:
        """One LSTM direction over a padded batch (b, n, d); torch's gate order i, f, g, o."""
        w = self.weights
        projected = inputs @ w["lstm.weight_ih_l0" + suffix].T
        projected += w["lstm.bias_ih_l0" + suffix] + w["lstm.bias_hh_l0" + suffix]
        recurrent = w["lstm.weight_hh_l0" + suffix].T
        b, n, _ = inputs.shape
        hidden = recurrent.shape[0]
        h = np.zeros((b, hidden), np.float32)
        cell = np.zeros((b, hidden), np.float32)
        out = np.zeros((b, n, hidden), np.float32)
        for t in range(n):
            gates = projected[:, t] + h @ recurrent
            i = _sigmoid(gates[:, :hidden])
            f = _sigmoid(gates[:, hidden : 2 * hidden])
            g = np.tanh(gates[:, 2 * hidden : 3 * hidden])
            o = _sigmoid(gates[:, 3 * hidden :])
            cell = f * cell + i * g
            h = o * np.tanh(cell)
            out[:, t] = h
        return out

    def emissions(self, sentences: Sequence[EncodedSentence]) -> list[np.ndarray]:
        """Per-sentence (n, tags) scores; the backward direction runs on each sentence
        reversed within its own length, so padding never enters a real token's state."""
        inputs = [self._inputs(s) for s in sentences]
        lengths = np.asarray([len(x) for x in inputs])
        n = int(lengths.max()) if len(inputs) else 0
        width = inputs[0].shape[1] if inputs else 0
        forward = np.zeros((len(inputs), n, width), np.float32)
        backward = np.zeros_like(forward)
        for row, x in enumerate(inputs):
            forward[row, : len(x)] = x
            backward[row, : len(x)] = x[::-1]
        ahead = self._direction(forward, "")
        behind = self._direction(backward, "_reverse")
        w = self.weights
        out: list[np.ndarray] = []
        for row, k in enumerate(lengths):
            states = np.concatenate([ahead[row, :k], behind[row, :k][::-1]], axis=1)
            out.append(states @ w["output.weight"].T + w["output.bias"])
        return out

    def tag(self, sentences: Sequence[EncodedSentence]) -> list[list[str]]:
        transitions, start = self.crf_parameters()
        return [
            [TAGS[t] for t in viterbi(scores, transitions, start)]
            for scores in self.emissions(sentences)
        ]
