"""CoNLL/IOB files: reading (IOB1 or IOB2, 2 or 4+ columns, ``-DOCSTART-`` documents) and
span scoring, shared by training and ``newsflow eval entities --conll``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workers.core.scoring import Counts

TYPE_MAP = {
    "PER": "PER",
    "PERS": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "MISC": "MISC",
    "MIS": "MISC",
}
"""Types the data sets use → ours (PER/ORG/LOC scored, MISC kept for training only)."""
SCORED_TYPES = ("PER", "ORG", "LOC")


class ConllFormatError(ValueError):
    """A line of a CoNLL file that is not ``token [columns…] tag``."""


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]
    """IOB2 tags with mapped types (B-PER, I-ORG, O…)."""


@dataclass
class Document:
    sentences: list[Sentence] = field(default_factory=list)


def normalise_tags(raw: Sequence[str]) -> list[str]:
    """IOB1 or IOB2 (or BIOES) tags of one sentence → IOB2 with mapped types; unknown types
    become MISC so a span is never silently merged into its neighbour."""
    tags: list[str] = []
    previous = "O"
    for tag in raw:
        if tag in ("O", "_", ""):
            tags.append("O")
            previous = "O"
            continue
        prefix, _, kind = tag.partition("-")
        if not kind:
            prefix, kind = "I", prefix
        kind = TYPE_MAP.get(kind.upper(), "MISC")
        prefix = prefix.upper()
        if prefix in ("B", "S", "U"):
            out = "B-" + kind
        elif prefix in ("I", "E", "L"):
            # IOB1: I- after O or another type starts a span.
            out = ("I-" if previous[2:] == kind else "B-") + kind
        else:
            raise ConllFormatError(f"unknown tag {tag!r}")
        tags.append(out)
        previous = out if prefix not in ("E", "L", "S", "U") else "O"
    return tags


def read_conll(path: Path) -> list[Document]:
    """Documents of a CoNLL file; without ``-DOCSTART-`` lines the file is one document."""
    documents = [Document()]
    words: list[str] = []
    raw: list[str] = []

    def flush() -> None:
        if words:
            documents[-1].sentences.append(Sentence(list(words), normalise_tags(raw)))
            words.clear()
            raw.clear()

    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.split()
            if not parts:
                flush()
                continue
            if parts[0] == "-DOCSTART-":
                flush()
                if documents[-1].sentences:
                    documents.append(Document())
                continue
            if len(parts) < 2:
                raise ConllFormatError(f"{path}:{number}: expected 'token … tag', got {line!r}")
            words.append(parts[0])
            raw.append(parts[-1])
    flush()
    return [d for d in documents if d.sentences]


def write_conll(documents: Iterable[Document], path: Path) -> None:
    """Documents as a 2-column IOB2 file with ``-DOCSTART-`` lines (readable by
    :func:`read_conll` and ``newsflow eval entities --conll``)."""
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write("-DOCSTART- O\n\n")
            for sentence in document.sentences:
                for word, tag in zip(sentence.words, sentence.tags, strict=True):
                    handle.write(f"{word} {tag}\n")
                handle.write("\n")


def sentences_of(documents: Iterable[Document]) -> list[Sentence]:
    return [s for d in documents for s in d.sentences]


def spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    from workers.core.entities.tagger import bio_spans

    return set(bio_spans(tags))


@dataclass
class SpanScores:
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in SCORED_TYPES})

    def add(self, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]) -> None:
        """Exact span + type; MISC (and other unscored types) ignored on both sides."""
        gold = {s for s in gold if s[2] in self.by_type}
        predicted = {s for s in predicted if s[2] in self.by_type}
        for s in gold & predicted:
            self.by_type[s[2]].tp += 1
        for s in predicted - gold:
            self.by_type[s[2]].fp += 1
        for s in gold - predicted:
            self.by_type[s[2]].fn += 1

    @property
    def micro(self) -> Counts:
        total = Counts()
        for s in self.by_type.values():
            total.add(s)
        return total

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        return {**{k: v.as_dict() for k, v in self.by_type.items()}, "micro": self.micro.as_dict()}

    def table(self) -> str:
        lines = [f"{'type':<6} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'fp':>6} {'fn':>6}"]
        for name, s in [*self.by_type.items(), ("micro", self.micro)]:
            lines.append(
                f"{name:<6} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} "
                f"{s.tp:6d} {s.fp:6d} {s.fn:6d}"
            )
        return "\n".join(lines)
