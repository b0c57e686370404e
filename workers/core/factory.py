"""Build the pipeline from settings: which implementation serves each stage."""

from __future__ import annotations

from workers.core.claims import CueClaimExtractor
from workers.core.cleaning import TextCleaner
from workers.core.entities import GazetteerExtractor, KnowledgeBase
from workers.core.pipeline import Pipeline
from workers.settings import ProcessingSettings


def build_pipeline(settings: ProcessingSettings | None = None) -> Pipeline:
    settings = settings or ProcessingSettings()
    return Pipeline(
        cleaner=TextCleaner(min_body_chars=settings.min_body_chars),
        entity_extractor=GazetteerExtractor(KnowledgeBase.bundled()),
        claim_extractor=CueClaimExtractor(),
    )
