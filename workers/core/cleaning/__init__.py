"""Clean stage: raw text or HTML → clean article text.

``build_cleaner(settings)`` wires the bundled lexicons, a learned-chrome model, a duplicate
index, an HTML extraction process pool and the language detector into one ``ArticleCleaner``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workers.core.cleaning.chrome import ChromeObservation, LearnedChrome
from workers.core.cleaning.cleaner import (
    ArticleCleaner,
    CleanResult,
    DuplicateArticle,
    TextCleaner,
    source_key,
)
from workers.core.cleaning.duplicates import DuplicateIndex, DuplicateObservation
from workers.core.cleaning.html import (
    HtmlExtraction,
    HtmlExtractorPool,
    HtmlLimits,
    InlineHtmlExtractor,
)
from workers.core.cleaning.lexicon import Lexicon

if TYPE_CHECKING:
    from workers.settings import ProcessingSettings

__all__ = [
    "ArticleCleaner",
    "ChromeObservation",
    "CleanResult",
    "DuplicateArticle",
    "DuplicateIndex",
    "DuplicateObservation",
    "HtmlExtraction",
    "HtmlExtractorPool",
    "HtmlLimits",
    "InlineHtmlExtractor",
    "LearnedChrome",
    "Lexicon",
    "TextCleaner",
    "build_cleaner",
    "source_key",
]


def build_cleaner(
    settings: ProcessingSettings | None = None, **overrides: object
) -> ArticleCleaner:
    """The clean stage as configured. The HTML pool starts its worker process lazily, on the
    first page that needs it."""
    from workers.settings import ProcessingSettings

    settings = settings or ProcessingSettings()
    options: dict[str, object] = {
        "min_body_chars": settings.min_body_chars,
        "max_text_chars": settings.max_input_bytes,
        "duplicate_mode": settings.duplicates,
        "duplicates": DuplicateIndex(max_entries=settings.duplicate_window),
        "chrome": LearnedChrome(max_sources=settings.chrome_sources),
        "html_extractor": HtmlExtractorPool(
            timeout=settings.html_timeout_seconds,
            limits=HtmlLimits(max_chars=settings.max_input_bytes),
        ),
    }
    options.update(overrides)
    return ArticleCleaner(**options)  # type: ignore[arg-type]
