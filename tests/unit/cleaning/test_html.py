"""HTML extraction: metadata, isolation with a hard time limit, guards."""

import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.models import RejectReason
from workers.core.cleaning import ArticleCleaner, HtmlExtractorPool, HtmlLimits, InlineHtmlExtractor
from workers.core.cleaning.html import check_html
from workers.core.errors import RejectedInput

FETCHED = datetime(2024, 7, 6, tzinfo=UTC)
PAGE = textwrap.dedent(
    """\
    <!DOCTYPE html><html lang="en"><head>
    <title>Library to stay open late – Lakeside Observer</title>
    <meta property="og:title" content="Library to stay open until midnight">
    <meta property="article:published_time" content="2024-07-05T10:00:00-05:00">
    <meta name="author" content="Ben Adler"></head>
    <body><header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    </ul></nav></header><main><article><h1>Library to stay open until midnight</h1>
    <p>The central library will stay open until midnight on weekdays during the university exam
    period, the city said on Friday, after students complained about a lack of quiet places.</p>
    <p>The extended hours will run from December 2 to December 20 and will cost about $45,000 in
    extra staff and security, to be split between the city and the university.</p>
    <p><strong>Read also:</strong> <a href="/n/1">Council tax to rise by 3 percent</a></p>
    <p>The library will also open two meeting rooms on the second floor for group study.</p>
    <p>Follow us on Telegram for the latest updates</p>
    </article></main><footer><p>© 2024 Lakeside Observer. All rights reserved.</p></footer>
    </body></html>"""
)


def test_html_article_with_metadata(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    result = cleaner.clean(
        make_raw(html=PAGE, url="https://lakeside.example/library", fetched_at=FETCHED)
    )
    a = result.article
    assert a.title == "Library to stay open until midnight"
    assert a.author == "Ben Adler"
    assert a.published_at is not None and a.published_at.isoformat() == "2024-07-05T10:00:00-05:00"
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0].startswith("The central library")
    assert paragraphs[-1].startswith("The library will also open")
    assert "Read also" not in a.body and "Telegram" not in a.body and "©" not in a.body
    assert result.path == "html"


def test_text_wins_for_body_and_html_supplies_metadata(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    text = "The producer's own text of the story, which is long enough to stand as the body."
    a = cleaner(make_raw(text=text, html=PAGE, fetched_at=FETCHED))
    assert a.body == text
    assert a.title == "Library to stay open until midnight"
    assert a.author == "Ben Adler"
    assert a.published_at is not None


def test_teaser_text_falls_back_to_the_html_body(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    result = cleaner.clean(make_raw(text="Library open late.", html=PAGE))
    assert "December 2 to December 20" in result.article.body
    assert result.path == "text+html"


def test_guards() -> None:
    limits = HtmlLimits(max_chars=10_000, max_depth=50, max_elements=500)
    with pytest.raises(RejectedInput) as caught:
        check_html("<p>x</p>" * 2000, limits)
    assert caught.value.reason is RejectReason.OVERSIZE
    with pytest.raises(RejectedInput) as caught:
        check_html("<div>" * 60 + "x", limits)
    assert caught.value.reason is RejectReason.HTML_TOO_COMPLEX
    with pytest.raises(RejectedInput) as caught:
        check_html("<span>a</span>" * 600, limits)
    assert caught.value.reason is RejectReason.HTML_TOO_COMPLEX
    # unclosed optional-end tags and void elements do not count as depth
    check_html("<ul>" + "<li>item<br><img src=x>" * 300 + "</ul>", HtmlLimits(max_elements=10**6))


SLOW_MODULE = """
import os, time
from workers.core.cleaning.html import extract_html

def extract(html, url, min_chars):
    if html.startswith("<!--sleep-->"):
        time.sleep(60)
    if html.startswith("<!--crash-->"):
        os._exit(3)
    return extract_html(html, url, min_chars)
"""


@pytest.fixture
def slow_pool(tmp_path: Path):
    (tmp_path / "slow_extract_for_tests.py").write_text(SLOW_MODULE)
    sys.path.insert(0, str(tmp_path))
    pool = HtmlExtractorPool(timeout=2.0, extract_fn="slow_extract_for_tests:extract")
    try:
        yield pool
    finally:
        pool.close()
        sys.path.remove(str(tmp_path))


def test_pool_kills_a_stuck_extraction_and_recovers(slow_pool: HtmlExtractorPool) -> None:
    assert "central library" in slow_pool.extract(PAGE).text
    started = time.monotonic()
    with pytest.raises(RejectedInput) as caught:
        slow_pool.extract("<!--sleep-->" + PAGE)
    assert caught.value.reason is RejectReason.EXTRACTION_TIMEOUT
    assert time.monotonic() - started < 10
    assert slow_pool.timeouts == 1
    assert "central library" in slow_pool.extract(PAGE).text


def test_pool_survives_a_crashing_worker(slow_pool: HtmlExtractorPool) -> None:
    with pytest.raises(RejectedInput) as caught:
        slow_pool.extract("<!--crash-->" + PAGE)
    assert caught.value.reason is RejectReason.HTML_TOO_COMPLEX
    assert "central library" in slow_pool.extract(PAGE).text


async def test_cleaner_in_an_executor_leaves_the_event_loop_free(make_raw, slow_pool) -> None:
    import asyncio

    cleaner = ArticleCleaner(html_extractor=slow_pool)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    task = asyncio.create_task(ticker())
    loop = asyncio.get_running_loop()
    with pytest.raises(RejectedInput):
        await loop.run_in_executor(None, cleaner, make_raw(html="<!--sleep-->" + PAGE))
    task.cancel()
    assert ticks >= 20  # the loop kept running during the 2 s extraction
