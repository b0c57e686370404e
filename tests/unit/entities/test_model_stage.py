"""What the entity stage does around a trained model's spans: knowledge-base names that join
the model's fragments, and wire datelines. A stub model returns fixed spans, so each test shows
the stage's rule alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from schemas.models import Label
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.models import ModelEntityExtractor, RawSpan

from .conftest import make_article


@dataclass
class StubModel:
    """Labels every occurrence of the given words, the way a model would have tagged them."""

    words: dict[str, str]
    name: str = "stub"

    def spans(self, texts: Sequence[str], lang: str | None = None) -> list[list[RawSpan]]:
        return [
            [
                RawSpan(m.start(), m.end(), label)
                for word, label in self.words.items()
                for m in re.finditer(re.escape(word), text)
            ]
            for text in texts
        ]


def entities(kb: KnowledgeBase, words: dict[str, str], body: str, lang: str = "en"):
    extractor = ModelEntityExtractor(StubModel(words), kb, model_first=True)
    article = make_article("A headline about nothing", body, lang)
    return [(e.text, e.label, e.entity_id) for e in extractor(article) if e.label != Label.NORP]


def test_a_known_name_the_model_split_is_one_entity(kb: KnowledgeBase) -> None:
    body = "The plan was backed by Ursula von der Leyen on Tuesday."
    found = entities(kb, {"Ursula": "PER", "Leyen": "PER"}, body)
    assert ("Ursula von der Leyen", Label.PERSON, "Q60772") in found
    assert not any(text in ("Ursula", "Leyen") for text, _, _ in found)


def test_a_known_name_of_another_type_does_not_swallow_the_model_spans(
    kb: KnowledgeBase,
) -> None:
    body = "The plan was backed by Ursula von der Leyen on Tuesday."
    found = entities(kb, {"Ursula": "LOC", "Leyen": "PER"}, body)
    assert ("Ursula", Label.LOC) in [(t, label) for t, label, _ in found]


def test_a_capitalised_dateline_is_the_place_filed_from(kb: KnowledgeBase) -> None:
    body = "GENEVA — Health ministers met for a third day to agree on the text."
    assert ("GENEVA", Label.LOC, "Q71") in entities(kb, {"GENEVA": "ORG"}, body)


def test_a_desk_heading_or_a_later_capitalised_name_is_no_dateline(kb: KnowledgeBase) -> None:
    heading = "RUGBY UNION - Late tries settle a close final."
    assert ("RUGBY UNION", Label.ORG) in [
        (t, label) for t, label, _ in entities(kb, {"RUGBY UNION": "ORG"}, heading)
    ]
    later = "Delegates said GENEVA — the host city — was ready."
    assert ("GENEVA", Label.ORG) in [
        (t, label) for t, label, _ in entities(kb, {"GENEVA": "ORG"}, later)
    ]
