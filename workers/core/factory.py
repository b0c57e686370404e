"""Build the pipeline from settings: which implementation serves each stage."""

from __future__ import annotations

from workers.core.claims import CueClaimExtractor
from workers.core.cleaning import build_cleaner
from workers.core.entities.models import build_entity_extractor
from workers.core.pipeline import Pipeline
from workers.settings import ProcessingSettings


def build_pipeline(settings: ProcessingSettings | None = None) -> Pipeline:
    settings = settings or ProcessingSettings()
    return Pipeline(
        cleaner=build_cleaner(settings),
        entity_extractor=build_entity_extractor(settings),
        claim_extractor=CueClaimExtractor(),
        extract_timeout=settings.extract_timeout_seconds,
    )
