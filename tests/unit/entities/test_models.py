"""Model backends with tiny models the tests build themselves (nothing is downloaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import Label
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.models import (
    EntityModelError,
    ModelEntityExtractor,
    SpacySpanModel,
    build_entity_extractor,
    map_label,
    trim_edges,
)
from workers.settings import ProcessingSettings

from .conftest import make_article


def test_labels_of_common_schemes_map_to_ours() -> None:
    assert map_label("B-PER") == Label.PERSON
    assert map_label("I-ORG") == Label.ORG
    assert map_label("GPE") == Label.LOC
    assert map_label("FAC") == Label.LOC
    assert map_label("NORP") == Label.NORP
    assert map_label("CARDINAL") is None
    assert map_label("O") is None
    assert map_label("EVENT") == Label.MISC


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (" (Halvorsen Group) ", "Halvorsen Group"),  # brackets around a name go
        ("Sporting ( T )", "Sporting ( T )"),  # a team's bracketed town is part of its name
        ("Kestrel Airways )", "Kestrel Airways"),  # a closing bracket without its opening one
        ("Orvik ( North ) )", "Orvik ( North )"),
        ('"Maple Street".', "Maple Street"),
        ("--", ""),
    ],
)
def test_span_edges_lose_punctuation_but_keep_a_balanced_bracket(text: str, kept: str) -> None:
    start, end = trim_edges(text, 0, len(text))
    assert text[start:end] == kept


@pytest.fixture(scope="module")
def spacy_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"LOWER": "pieter"}, {"LOWER": "jansen"}]},
            {"label": "GPE", "pattern": "Moscow"},
            {"label": "ORG", "pattern": "Acme Widgets"},
            {"label": "CARDINAL", "pattern": "three"},
        ]
    )
    path = tmp_path_factory.mktemp("spacy") / "tiny_en"
    nlp.to_disk(path)
    return path


def test_spacy_backend_maps_labels_links_known_names_and_resolves_short_forms(
    spacy_model_dir: Path, kb: KnowledgeBase
) -> None:
    extractor = ModelEntityExtractor(SpacySpanModel(str(spacy_model_dir)), kb)
    article = make_article(
        "Talks in Moscow",
        "Pieter Jansen flew to Moscow with three aides from Acme Widgets. "
        "Mr. Jansen met Putin there.",
        lang="en",
    )
    entities = extractor(article)
    by_text = {(e.field.value, e.text): e for e in entities}
    moscow = by_text[("body", "Moscow")]
    assert (moscow.label, moscow.entity_id, moscow.names["ar"]) == (Label.LOC, "Q649", "موسكو")
    jansen = by_text[("body", "Pieter Jansen")]
    assert jansen.label == Label.PERSON and jansen.entity_id.startswith("nf:person:")
    assert by_text[("body", "Jansen")].entity_id == jansen.entity_id
    assert by_text[("body", "Acme Widgets")].label == Label.ORG
    # The knowledge base still adds names the model does not know.
    assert by_text[("body", "Putin")].entity_id == "Q7747"
    assert by_text[("title", "Moscow")].entity_id == "Q649"
    assert not any(e.text == "three" for e in entities)
    for e in entities:
        text = article.title if e.field.value == "title" else article.body
        assert text[e.start : e.end] == e.text


def test_settings_select_the_spacy_backend(spacy_model_dir: Path, kb: KnowledgeBase) -> None:
    settings = ProcessingSettings(entity_backend="spacy", entity_model=str(spacy_model_dir))
    extractor = build_entity_extractor(settings, kb)
    assert extractor.name.startswith("spacy:")


def test_missing_models_fail_clearly(tmp_path: Path, kb: KnowledgeBase) -> None:
    pytest.importorskip("spacy")
    with pytest.raises(EntityModelError, match="never downloaded"):
        build_entity_extractor(
            ProcessingSettings(entity_backend="spacy", entity_model=str(tmp_path / "none")), kb
        )
    with pytest.raises(EntityModelError, match="needs entity_model"):
        build_entity_extractor(ProcessingSettings(entity_backend="spacy"), kb)


def test_the_rules_backend_is_still_selectable(kb: KnowledgeBase) -> None:
    settings = ProcessingSettings(entity_backend="rules")
    assert build_entity_extractor(settings, kb).name == "rules"


LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


@pytest.fixture(scope="module")
def hf_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised two-layer BERT whose classifier always says B-LOC."""
    pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    import torch

    path = tmp_path_factory.mktemp("hf") / "tiny_bert"
    path.mkdir()
    words = ["moscow", "kyiv", "talks", "in", "and", "were", "held", "موسكو", "كييف", "في"]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, "##s", "."]
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(path / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-5.0)
        model.classifier.bias[LABELS.index("B-LOC")] = 5.0
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def test_transformers_backend_with_a_tiny_model(hf_model_dir: Path, kb: KnowledgeBase) -> None:
    settings = ProcessingSettings(entity_backend="transformers", entity_model=str(hf_model_dir))
    extractor = build_entity_extractor(settings, kb)
    article = make_article("محادثات في موسكو", "talks in kyiv and moscow were held.", lang="en")
    entities = extractor(article)
    linked = {(e.field.value, e.text, e.entity_id) for e in entities}
    assert ("title", "موسكو", "Q649") in linked
    # Lower-case names the dictionary matcher skips are found by the model, linked by the KB.
    assert ("body", "kyiv", "Q1899") in linked
    assert ("body", "moscow", "Q649") in linked
    for e in entities:
        text = article.title if e.field.value == "title" else article.body
        assert text[e.start : e.end] == e.text
        assert e.label in (Label.LOC, Label.ORG, Label.PERSON, Label.NORP)


def test_transformers_backend_missing_model_is_clear(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    from workers.core.entities.models import TransformersSpanModel

    with pytest.raises(EntityModelError, match="nothing is downloaded"):
        TransformersSpanModel(str(tmp_path / "no-such-model"))
