"""FEEDS.toml validation, its generated reference, politeness scheduling and the parsers'
edge cases (pure functions, no server)."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.feeds.site import Entry, news_sitemap
from workers.feeds import reference
from workers.feeds.config import FeedsConfigError, load_config
from workers.feeds.fetching import FetchError, decode_page, header_charset, meta_charset
from workers.feeds.parsing import FeedFormatError, parse_feed
from workers.feeds.politeness import Politeness
from workers.feeds.seen import SeenEntry, SeenState


def test_feeds_reference_is_current():
    assert reference.main(["--check"]) == 0


def test_config_errors_name_the_key(tmp_path: Path):
    path = tmp_path / "FEEDS.toml"
    path.write_text('[[feed]]\nurl = "ftp://example.com/rss"\n[defaults]\npoll_seconds = -1\n')
    with pytest.raises(FeedsConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert "defaults.poll_seconds" in message and "feed.0" in message and "ftp://" in message
    path.write_text('[[feed]]\nurl = "https://a.test/rss"\n[[feed]]\nurl = "https://a.test/rss"\n')
    with pytest.raises(FeedsConfigError, match="listed twice"):
        load_config(path)
    path.write_text("[[feed]\n")
    with pytest.raises(FeedsConfigError, match="not valid TOML"):
        load_config(path)
    path.write_text('[[feed]]\nurl = "https://www.a.test/rss"\nreload = 1\n')
    with pytest.raises(FeedsConfigError, match=r"feed\.0\.reload"):
        load_config(path)


def test_feed_site_defaults_to_the_host_without_www(tmp_path: Path):
    path = tmp_path / "FEEDS.toml"
    path.write_text('[[feed]]\nurl = "https://www.a.test/rss"\n')
    [feed] = load_config(path).feeds
    assert (feed.site, feed.label) == ("a.test", "https://www.a.test/rss")


async def test_host_delay_spaces_request_starts_and_hosts_do_not_wait_for_each_other():
    now = [100.0]
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    polite = Politeness(
        None,  # type: ignore[arg-type]  # robots are off: no fetcher needed
        user_agent="t",
        concurrency=4,
        delay=2.0,
        respect_robots=False,
        robots_ttl=60,
        clock=lambda: now[0],
    )
    original = asyncio.sleep
    asyncio.sleep = fake_sleep  # type: ignore[assignment]
    try:
        for url in ["http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1"]:
            async with polite.slot(url):
                pass
    finally:
        asyncio.sleep = original  # type: ignore[assignment]
    assert slept == [2.0, 4.0]  # a.test's 2nd and 3rd wait; b.test does not


def test_rfc_2822_dates_and_gzipped_sitemaps():
    rss = (
        b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        b"<link>https://a.test/x</link><pubDate>Wed, 19 Jun 2024 14:30:00 +0300</pubDate>"
        b"</item></channel></rss>"
    )
    [item] = parse_feed(rss, "application/rss+xml", "https://a.test/rss").items
    assert item.published_at == datetime(2024, 6, 19, 11, 30, tzinfo=UTC)
    body = gzip.compress(news_sitemap([Entry("https://a.test/y", "y", date=1_718_000_000)]))
    [item] = parse_feed(body, "application/x-gzip", "https://a.test/sitemap.xml.gz").items
    assert item.url == "https://a.test/y" and item.title == "y"


def test_sitemap_parser_does_not_expand_entities():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url>'
        b"</urlset>"
    )
    try:
        parsed = parse_feed(body, "application/xml", "https://a.test/s.xml")
    except FeedFormatError:
        return
    assert all("root:" not in item.url for item in parsed.items)


def test_json_feed_that_is_not_json_is_reported():
    with pytest.raises(FeedFormatError) as caught:
        parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": [', None, "u", "auto")
    assert caught.value.kind == "malformed_json"


def test_charset_sources_and_a_declaration_the_bytes_contradict():
    assert header_charset("text/html; charset=Windows-1256") == "cp1256"
    assert header_charset("text/html; charset=nonsense") is None
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    text = "<p>" + "وقال المتحدث إن المفاوضات مستمرة بين الطرفين منذ أسابيع. " * 5 + "</p>"
    # Declared UTF-8 but encoded windows-1256: the declaration fails, detection decodes it.
    decoded, encoding = decode_page(text.encode("cp1256"), "text/html; charset=utf-8")
    assert decoded == text and encoding == "cp1256"
    with pytest.raises(FetchError) as caught:
        decode_page(b"\x89PNG\r\n\x1a\n\x00\x00", "text/html")
    assert caught.value.kind == "binary_content"


def test_seen_state_reads_tombstones_and_skips_unreadable_records():
    state = SeenState()
    state.apply(b"https://a.test/x", SeenEntry(fingerprints={"f": "1"}, page="p").to_bytes())
    state.apply(b"https://a.test/y", b"not json")
    assert state.get("https://a.test/x") == SeenEntry(fingerprints={"f": "1"}, page="p")
    state.apply(b"https://a.test/x", None)
    assert len(state) == 0
