"""Statistical entity backends behind the same interface as the rule extractor.

A spaCy pipeline or a Hugging Face token-classification model finds the names; their labels
are mapped to ours, each name is linked to the knowledge base where it can be (so ``بوتين``
found by a model still gets ``Q7747`` and its English name), names the knowledge base also
matches keep the knowledge base's span, and short forms are resolved as in the rule extractor.

Nothing is downloaded: the model is a name spaCy can load (an installed package) or a local
directory. A missing model or library fails at start-up with :class:`EntityModelError`, which
says what to install or which setting to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from schemas.models import CleanArticle, Entity, Label, TextField
from workers.core.entities.coref import ShortFormResolver
from workers.core.entities.discovery import arabic_variants, skip_letters
from workers.core.entities.extractor import RuleEntityExtractor, find_values, merge, to_entities
from workers.core.entities.gazetteer import GazetteerMatcher
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.spans import (
    FieldText,
    Mention,
    article_fields,
    discovered_mention,
    has_arabic,
    longest_first,
)
from workers.core.entities.values import ValueFinder
from workers.core.pipeline import EntityExtractor
from workers.core.text import match_form
from workers.settings import ProcessingSettings

LABEL_MAP: dict[str, Label | None] = {
    "PERSON": Label.PERSON,
    "PER": Label.PERSON,
    "PERS": Label.PERSON,
    "ORG": Label.ORG,
    "ORGANIZATION": Label.ORG,
    "GPE": Label.LOC,
    "LOC": Label.LOC,
    "LOCATION": Label.LOC,
    "FAC": Label.LOC,
    "NORP": Label.NORP,
    "DATE": Label.DATE,
    "TIME": Label.DATE,
    "MONEY": Label.MONEY,
    "PERCENT": Label.PERCENT,
    "QUANTITY": Label.QUANTITY,
    "MISC": Label.MISC,
    "EVENT": Label.MISC,
    "WORK_OF_ART": Label.MISC,
    "LAW": Label.MISC,
    "PRODUCT": Label.MISC,
    "LANGUAGE": Label.MISC,
    "CARDINAL": None,
    "ORDINAL": None,
}
"""Model labels (spaCy/OntoNotes, CoNLL, WikiANN…) → ours; None drops the span."""
_TAG_PREFIXES = ("B-", "I-", "E-", "S-", "L-", "U-")


class EntityModelError(RuntimeError):
    """A configured entity model or its library is not available."""


def map_label(raw: str) -> Label | None:
    tag = raw.upper()
    for prefix in _TAG_PREFIXES:
        if tag.startswith(prefix):
            tag = tag[len(prefix) :]
            break
    return LABEL_MAP.get(tag, Label.MISC if tag not in ("O", "") else None)


@dataclass(frozen=True)
class RawSpan:
    start: int
    end: int
    label: str
    score: float = 1.0


class SpanModel(Protocol):
    name: str

    def spans(self, texts: Sequence[str], lang: str | None = None) -> list[list[RawSpan]]:
        """Name spans (character offsets) for each text (of an article in ``lang``)."""
        ...


@dataclass
class ModelEntityExtractor:
    """Any :class:`SpanModel` + knowledge-base linking + short-form coreference."""

    model: SpanModel
    kb: KnowledgeBase
    name: str = "model"
    model_first: bool = False
    """The model's spans and types win (the knowledge base only links them, and adds
    nationalities); otherwise knowledge-base matches win, as for user-supplied models."""
    fill_curated: bool = True
    """With model_first: curated knowledge-base people and organisations the model missed are
    kept too (places are not: they lowered AQMAR dev LOC F1 .694 → .653)."""
    matcher: GazetteerMatcher = field(init=False)
    resolver: ShortFormResolver = field(default_factory=ShortFormResolver)
    values: ValueFinder | None = field(default_factory=ValueFinder)

    def __post_init__(self) -> None:
        self.matcher = GazetteerMatcher(self.kb)
        self.name = f"{self.model.name}"

    def __call__(self, article: CleanArticle) -> list[Entity]:
        return self.batch([article])[0]

    def batch(self, articles: Sequence[CleanArticle]) -> list[list[Entity]]:
        """One model call for every title and body of the batch, then per-article linking."""
        fields_of = [article_fields(article) for article in articles]
        # One call per language in the batch (the CRF backend has a model per language).
        spans_of: list[list[list[RawSpan]]] = [[] for _ in articles]
        for lang in dict.fromkeys(article.lang for article in articles):
            members = [i for i, article in enumerate(articles) if article.lang == lang]
            texts = [ft.text for i in members for ft in fields_of[i]]
            found = iter(self.model.spans(texts, lang=lang))
            for i in members:
                spans_of[i] = [next(found) for _ in fields_of[i]]
        return [
            self._entities(fields, spans) for fields, spans in zip(fields_of, spans_of, strict=True)
        ]

    def _entities(self, fields: list[FieldText], spans_of: list[list[RawSpan]]) -> list[Entity]:
        # Pattern values first: they carry canonical ids (date:2024-06-19) a model's span lacks.
        values = find_values(self.values, fields)
        known = merge(self.matcher.find(fields), values)
        found: list[Mention] = []
        for ft, spans in zip(fields, spans_of, strict=True):
            found.extend(m for m in (self.link(ft, span) for span in spans) if m is not None)
        if self.model_first:
            # Values keep their canonical ids and the model's names override the KB's. Of the
            # KB's own matches only nationalities stay: filling the model's gaps with KB
            # names lowered dev F1 (CoNLL dev .892 → .889, ANERcorp held-out .691 → .683).
            latin = {ft.field: not has_arabic(ft.text) for ft in fields}
            found = joined_by_kb(found, [m for m in known if self._curated(m)], latin)
            kept = [m for m in known if self._fills_gap(m)]
            mentions = merge(merge(values, found), kept)
        else:
            mentions = merge(known, found)
        mentions = merge(mentions, self.resolver.find(fields, mentions))
        return to_entities(fields, self.resolver.relink(fields, mentions))

    def _fills_gap(self, mention: Mention) -> bool:
        if mention.label == Label.NORP:
            return True
        return self.fill_curated and self._curated(mention)

    def _curated(self, mention: Mention) -> bool:
        """A hand-curated knowledge-base person or organisation (not a generated entry)."""
        entry = self.kb.entries.get(mention.entity_id)
        return (
            entry is not None and not entry.generated and mention.label in (Label.PERSON, Label.ORG)
        )

    def link(self, ft: FieldText, span: RawSpan) -> Mention | None:
        label = map_label(span.label)
        text = ft.text[span.start : span.end]
        if label is None or not text.strip():
            return None
        start, end = trim_edges(ft.text, span.start, span.end)
        if start >= end:
            return None
        if (
            label not in (Label.LOC, Label.NORP)
            and is_dateline(ft, start, end)
            and self.kb.lookup(ft.text[start:end], Label.LOC) is not None
        ):
            label = Label.LOC  # a known place filed from, not the acronym the model saw
        # A trained model's type is kept: "Australia" the cricket team stays an ORG, linked
        # only to a knowledge-base entry of that type (else it gets an nf: id).
        wanted = label if self.model_first and label != Label.NORP else None
        for offset, entry in self._kb_candidates(ft.text[start:end], wanted):
            surface_label = Label.NORP if label == Label.NORP else entry.label
            return Mention(
                field=ft.field,
                start=start + offset,
                end=end,
                label=surface_label,
                entity_id=entry.entity_id,
                name=entry.canonical,
                names=dict(entry.names),
                source="model",
                confidence=span.score,
            )
        return discovered_mention(ft, start, end, label, span.score, "model")

    def _kb_candidates(self, text: str, label: Label | None = None) -> Iterator[tuple[int, Any]]:
        """KB entries the span names, with the offset of the name after any proclitics."""
        entry = self.kb.lookup(text, label)
        if entry is not None:
            yield 0, entry
            return
        if not has_arabic(text):
            return
        first, _, rest = text.partition(" ")
        for variant in sorted(arabic_variants(match_form(first)), key=len):
            candidate = f"{variant} {rest}".strip()
            entry = self.kb.lookup(candidate, label)
            if entry is not None:
                removed = len(match_form(first)) - len(variant)
                yield skip_letters(text, max(removed, 0)), entry
                return


def joined_by_kb(
    found: Sequence[Mention], curated: Sequence[Mention], latin: Mapping[TextField, bool]
) -> list[Mention]:
    """The model's mentions, where a curated knowledge-base name of the same type wholly
    covers one or more of them and is longer (the model split ``Ursula von der Leyen`` into
    ``Ursula`` and ``Leyen``, or kept only part of the name), replaced by that name. ``latin``
    says which fields have no Arabic text."""
    result = list(found)
    for name in longest_first(curated):
        inside = [
            m for m in result if m.field == name.field and m.start < name.end and name.start < m.end
        ]
        # One fragment is widened to the name only in Latin script: an Arabic curated name
        # often carries a title or a first name the annotation leaves out (ANERcorp).
        enough = len(inside) > 1 or (len(inside) == 1 and latin.get(name.field, False))
        if enough and all(
            name.contains(m) and m.label == name.label and m.length < name.length for m in inside
        ):
            result = [m for m in result if m not in inside] + [name]
    return result


DATELINE_END = re.compile(r"(?:,\s*[A-Z][A-Za-z.\s]{1,30})?\s*(?:\(\w[\w\s]{0,20}\)\s*)?[—–-]")
"""What follows a wire dateline's place: an optional ``, STATE``, an optional ``(Reuters)``, then
a dash."""


def is_dateline(ft: FieldText, start: int, end: int) -> bool:
    """An all-capitals name that opens the body and is followed by a dash (``GENEVA —``,
    ``KYIV, Ukraine (AP) —``): where a story was filed from, when the name is a place (sports
    desks open with ``RUGBY UNION -`` too). All-capitals words look like acronyms to the
    model, which calls them organisations."""
    if ft.field != "body" or ft.text[:start].strip():
        return False
    name = ft.text[start:end]
    return name.isupper() and DATELINE_END.match(ft.text, end) is not None


_OPENING = {")": "(", "]": "["}


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces and punctuation a tokenizer may leave on its edges; a
    closing bracket whose opening one is inside stays (``Mladost ( L )``, a team's name)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        opening = _OPENING.get(text[end - 1])
        if opening is not None and text.count(opening, start, end) >= text.count(
            text[end - 1], start, end
        ):
            break
        end -= 1
    return start, end


@dataclass
class SpacySpanModel:
    """A spaCy pipeline with an ``ner`` or ``entity_ruler`` component."""

    model: str
    name: str = "spacy"
    _nlp: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            import spacy
        except ImportError as exc:
            raise EntityModelError(
                "entity_backend=spacy needs spaCy: pip install 'newsflow[models]'"
            ) from exc
        try:
            self._nlp = spacy.load(self.model)
        except OSError as exc:
            raise EntityModelError(
                f"spaCy model {self.model!r} is neither an installed package nor a model "
                "directory; install the package or set NEWSFLOW_PROCESSING__ENTITY_MODEL to a "
                f"local path (models are never downloaded at run time): {exc}"
            ) from exc
        if not any(name in self._nlp.pipe_names for name in ("ner", "entity_ruler", "spancat")):
            raise EntityModelError(
                f"spaCy model {self.model!r} has no ner or entity_ruler component "
                f"(pipeline: {self._nlp.pipe_names})"
            )
        self.name = f"spacy:{Path(self.model).name}"

    def spans(self, texts: Sequence[str], lang: str | None = None) -> list[list[RawSpan]]:
        return [
            [RawSpan(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in self._nlp.pipe(texts)
        ]


@dataclass
class TransformersSpanModel:
    """A Hugging Face token-classification model from a local directory (fast tokenizer)."""

    model: str
    name: str = "transformers"
    max_chars: int = 1500
    """Texts are cut at paragraph breaks into pieces of at most this many characters, so no
    piece exceeds the model's maximum input length."""
    _pipeline: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            from transformers import (
                AutoModelForTokenClassification,
                AutoTokenizer,
                pipeline,
            )
        except ImportError as exc:
            raise EntityModelError(
                "entity_backend=transformers needs transformers and torch: "
                "pip install 'newsflow[hf]'"
            ) from exc
        try:
            tokenizer = AutoTokenizer.from_pretrained(self.model, local_files_only=True)
            network = AutoModelForTokenClassification.from_pretrained(
                self.model, local_files_only=True
            )
        except (OSError, ValueError) as exc:
            raise EntityModelError(
                f"Hugging Face model {self.model!r} is not a local model directory or cached "
                "model (nothing is downloaded at run time); set "
                f"NEWSFLOW_PROCESSING__ENTITY_MODEL to a saved model's path: {exc}"
            ) from exc
        if not getattr(tokenizer, "is_fast", False):
            raise EntityModelError(
                f"model {self.model!r} needs a fast tokenizer (tokenizer.json) for offsets"
            )
        network.eval()
        self._pipeline = pipeline(
            "token-classification",
            model=network,
            tokenizer=tokenizer,
            aggregation_strategy="simple",
            device=-1,
        )
        self.name = f"transformers:{Path(self.model).name}"

    def spans(self, texts: Sequence[str], lang: str | None = None) -> list[list[RawSpan]]:
        results = []
        for text in texts:
            spans: list[RawSpan] = []
            for offset, piece in _pieces(text, self.max_chars):
                if not piece.strip():
                    continue
                for found in self._pipeline(piece):
                    spans.append(
                        RawSpan(
                            offset + int(found["start"]),
                            offset + int(found["end"]),
                            str(found["entity_group"]),
                            float(found["score"]),
                        )
                    )
            results.append(spans)
        return results


def _pieces(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts of ``text`` at paragraph breaks, then spaces, ≤ max_chars each."""
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut
        yield start, text[start:end]
        start = end


def build_entity_extractor(
    settings: ProcessingSettings, kb: KnowledgeBase | None = None
) -> EntityExtractor:
    """The extractor ``settings.entity_backend`` selects (crf, rules, spacy or transformers)."""
    kb = kb or KnowledgeBase.default()
    if settings.entity_backend == "rules":
        return RuleEntityExtractor(kb)
    if settings.entity_backend == "crf":
        from workers.core.entities.tagger import CrfSpanModel, TaggerModelError

        directory = Path(settings.entity_model) if settings.entity_model else None
        try:
            crf = CrfSpanModel(kb, directory, word_cache=settings.entity_word_cache)
        except TaggerModelError as exc:
            raise EntityModelError(str(exc)) from exc
        return ModelEntityExtractor(crf, kb, model_first=True)
    if not settings.entity_model:
        raise EntityModelError(
            f"entity_backend={settings.entity_backend} needs entity_model "
            "(NEWSFLOW_PROCESSING__ENTITY_MODEL): a model package name or a local directory"
        )
    model: SpanModel
    if settings.entity_backend == "spacy":
        model = SpacySpanModel(settings.entity_model)
    else:
        model = TransformersSpanModel(settings.entity_model)
    return ModelEntityExtractor(model, kb)
