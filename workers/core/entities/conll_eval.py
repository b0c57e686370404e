"""``newsflow eval entities --conll FILE --lang ar|en``: score the configured extractor on any
CoNLL/IOB file.

Each document (``-DOCSTART-``; a file without them is cut into articles of 25 sentences) becomes
an article whose body is its sentences, tokens joined by spaces, one sentence per line. The
extractor runs on that text like on any article, and its PERSON/ORG/LOC entities are compared
with the gold PER/ORG/LOC spans (exact span and type; MISC ignored on both sides). A CoNLL
token is the smallest unit the file can annotate, so a found span is widened to the whole
tokens it touches (``وألمانيا`` is gold as one token, the extractor leaves the و outside).
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from schemas.models import CleanArticle, Label, TextField
from workers.core.entities.conll import Document, Sentence, SpanScores, read_conll
from workers.core.entities.tagger import bio_spans
from workers.core.pipeline import EntityExtractor

ARTICLE_SENTENCES = 25
OUR_TYPES = {Label.PERSON: "PER", Label.ORG: "ORG", Label.LOC: "LOC"}


@dataclass
class ConllArticle:
    article: CleanArticle
    token_starts: list[int]
    token_ends: list[int]
    gold: set[tuple[int, int, str]]


def conll_articles(documents: Sequence[Document], lang: str) -> list[ConllArticle]:
    groups: list[list[Sentence]] = []
    for document in documents:
        for i in range(0, len(document.sentences), ARTICLE_SENTENCES):
            groups.append(document.sentences[i : i + ARTICLE_SENTENCES])
    articles = []
    for number, group in enumerate(groups):
        lines: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        gold: set[tuple[int, int, str]] = set()
        offset = 0
        for sentence in group:
            first = len(starts)
            for word in sentence.words:
                starts.append(offset)
                ends.append(offset + len(word))
                offset += len(word) + 1
            lines.append(" ".join(sentence.words))
            for s, e, kind in bio_spans(sentence.tags):
                gold.add((starts[first + s], ends[first + e - 1], kind))
        body = "\n".join(lines)
        article = CleanArticle(
            id=f"conll-{number}",
            lang=lang,
            title="",
            body=body,
            fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
            version=1,
            content_hash=f"conll-{number}",
        )
        articles.append(ConllArticle(article, starts, ends, gold))
    return articles


def snap(article: ConllArticle, start: int, end: int) -> tuple[int, int]:
    """The span widened to the CoNLL tokens it overlaps."""
    i = max(bisect.bisect_right(article.token_starts, start) - 1, 0)
    j = max(bisect.bisect_left(article.token_ends, end), i)
    j = min(j, len(article.token_ends) - 1)
    return article.token_starts[i], article.token_ends[j]


@dataclass
class ConllReport:
    scores: SpanScores
    characters: int
    seconds: float
    cpu_seconds: float
    articles: int

    @property
    def chars_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0

    @property
    def chars_per_cpu_second(self) -> float:
        """Less noisy than wall time on a shared machine (the stage is single-threaded)."""
        return self.characters / self.cpu_seconds if self.cpu_seconds else 0.0


def evaluate_conll(extractor: EntityExtractor, path: Path, lang: str) -> ConllReport:
    articles = conll_articles(read_conll(path), lang)
    scores = SpanScores()
    seconds = cpu_seconds = 0.0
    for item in articles:
        started, cpu = time.perf_counter(), time.process_time()
        entities = extractor(item.article)
        seconds += time.perf_counter() - started
        cpu_seconds += time.process_time() - cpu
        predicted = {
            (*snap(item, e.start, e.end), OUR_TYPES[e.label])
            for e in entities
            if e.field == TextField.BODY and e.label in OUR_TYPES
        }
        scores.add(item.gold, predicted)
    characters = sum(len(a.article.body) for a in articles)
    return ConllReport(scores, characters, seconds, cpu_seconds, len(articles))
