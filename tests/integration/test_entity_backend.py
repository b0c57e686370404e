"""The worker runs the trained CRF entity backend by default: a person named without a title
or a cue (which the rules alone miss, see tests/unit/entities/test_tagger.py) is indexed with a
stable ``nf:`` id, and a known place still carries its knowledge-base id."""

from __future__ import annotations

from typing import Any

import orjson

from workers.core.entities.kb import KnowledgeBase


def test_worker_indexes_names_only_the_trained_model_finds(pipeline: Any) -> None:
    pipeline.start_worker()
    english = {
        "id": "crf-backend-en",
        "title": "Port agreement signed",
        "text": "The agreement was signed on Monday by Tomas Verhulst and two lawyers in Oslo. "
        "The port authority expects the first ships to arrive in the spring.",
        "lang": "en",
    }
    arabic = {
        "id": "crf-backend-ar",
        "title": "اجتماع اللجنة",
        "text": "وصل كريم العبيدي إلى بغداد صباح أمس لحضور الاجتماع الأسبوعي للجنة. "
        "وتناقش اللجنة خطة جديدة لتطوير الموانئ خلال العام المقبل.",
        "lang": "ar",
    }
    pipeline.produce([(None, orjson.dumps(english)), (None, orjson.dumps(arabic))])
    pipeline.wait_for_count(2)
    kb = KnowledgeBase.default()
    for article_id, person, place in (
        ("crf-backend-en", "Tomas Verhulst", "Oslo"),
        ("crf-backend-ar", "كريم العبيدي", "بغداد"),
    ):
        entry = kb.lookup(place)
        assert entry is not None
        place_id = entry.entity_id
        source = pipeline.get_article(article_id)
        assert source is not None, article_id
        entities = {(e["text"], e["label"]): e for e in source["entities"]}
        assert (person, "PERSON") in entities, source["entities"]
        assert entities[(person, "PERSON")]["entity_id"].startswith("nf:person:")
        assert entities[(place, "LOC")]["entity_id"] == place_id
