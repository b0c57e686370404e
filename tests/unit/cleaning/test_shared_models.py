"""Two workers that exchange observations converge; the factory wires the real cleaner."""

import json
from datetime import UTC, datetime

import pytest

from schemas.models import RawArticle
from workers.core.cleaning import ArticleCleaner, InlineHtmlExtractor, build_cleaner
from workers.core.factory import build_pipeline
from workers.core.ingest import with_defaults
from workers.settings import ProcessingSettings

MENU = "Gazette of Elwood | Port News Since 1998"
FOOTER = "Elwood Gazette Media Group, 14 Quay Street, Port Elwood"


TOPICS = [
    "ferry",
    "strike",
    "lighthouse",
    "storm",
    "fish",
    "crane",
    "pilot",
    "tug",
    "dock",
    "cargo",
]


def _raw(i: int) -> RawArticle:
    t = TOPICS[i]
    body = (
        f"The {t} story of the week: harbour officials said on {t} day that the {t} plans "
        f"would change, and readers of the {t} column were told why the {t} matters."
    )
    return with_defaults(
        RawArticle(
            id=f"art-{i}",
            source="elwood.example",
            text=f"{MENU}\nHeadline about the {t}\n{body}\n{FOOTER}",
            fetched_at=datetime(2024, 6, 1, i, tzinfo=UTC),
        )
    )


def test_workers_converge_through_published_observations() -> None:
    w1 = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    w2 = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    topic: list[bytes] = []
    for i in range(8):
        worker = w1 if i % 2 else w2  # partitions split the articles between workers
        result = worker.clean(_raw(i))
        worker.apply(result)  # its own observations at once …
        record = result.observation()
        assert record is not None and record["type"] == "article"
        topic.append(json.dumps(record).encode())
    for message in topic + topic:  # … and everything from the topic, at least once
        for worker in (w1, w2):
            worker.apply_observation(json.loads(message))
    assert w1.chrome.state_digest() == w2.chrome.state_digest()
    assert w1.duplicates.state_digest() == w2.duplicates.state_digest()
    later = _raw(9)
    assert w1.clean(later).article.body == w2.clean(later).article.body
    assert MENU not in w1.clean(later).article.body
    assert FOOTER not in w1.clean(later).article.body


def test_one_record_per_article_and_the_former_per_model_records_give_the_same_state() -> None:
    source = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    records = []
    for i in range(6):
        result = source.clean(_raw(i))
        source.apply(result)
        records.append(result.observation())
    upgraded = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    former = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    for record in records:
        assert record is not None
        assert upgraded.apply_observation(record) is True
        assert upgraded.apply_observation(record) is False  # idempotent
        for kind in ("chrome", "duplicate"):  # what a worker of the former version published
            if kind in record:
                former.apply_observation(record[kind])
    assert any("chrome" in r for r in records if r) and all("duplicate" in r for r in records if r)
    assert upgraded.chrome.state_digest() == former.chrome.state_digest()
    assert upgraded.duplicates.state_digest() == former.duplicates.state_digest()
    assert upgraded.duplicates.state_digest() == source.duplicates.state_digest()
    with pytest.raises(ValueError, match="unknown observation type 'tally'"):
        upgraded.apply_observation({"type": "tally"})


def test_build_cleaner_and_pipeline_from_settings(autoblog_text: str) -> None:
    cleaner = build_cleaner(
        ProcessingSettings(
            duplicates="drop", min_body_chars=10, duplicate_window=1234, chrome_sources=7
        )
    )
    try:
        assert cleaner.duplicate_mode == "drop"
        assert cleaner.min_body_chars == 10
        assert cleaner.duplicates.max_entries == 1234
        assert cleaner.chrome.max_sources == 7
    finally:
        cleaner.close()
    pipeline = build_pipeline(ProcessingSettings())
    try:
        article = pipeline.clean(with_defaults(RawArticle(text=autoblog_text, title_in_text=True)))
        assert article.lang == "ar" and "[ad_2]" not in article.body
    finally:
        close = getattr(pipeline.cleaner, "close", None)
        if close:
            close()
