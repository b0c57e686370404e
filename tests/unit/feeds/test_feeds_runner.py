"""The feed runner against a real HTTP server on 127.0.0.1 (no Kafka: publishing and the seen
log are in memory). Every bad input is counted, logged with the feed and URL, and polling goes
on; a restart with the remembered state fetches nothing; changed content is published again."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import orjson
import pytest
from prometheus_client import REGISTRY

from bench.feeds.site import (
    Entry,
    FeedSite,
    article_page,
    atom,
    json_feed,
    news_sitemap,
    rss,
    sitemap_index,
)
from workers.feeds.config import FeedDefaults, FeedsConfig, FeedSpec
from workers.feeds.fetching import Fetcher
from workers.feeds.politeness import Politeness
from workers.feeds.runner import FeedRunner
from workers.feeds.seen import SeenEntry, SeenState

ENGLISH = [
    "The harbour authority said on Monday that the new container terminal would open in the "
    "spring, after two years of construction and several delays caused by flooding.",
    "Local fishermen have asked for a separate quay so that their boats are not squeezed out by "
    "the larger vessels expected to call at the port once the terminal is running.",
]
ARABIC = [
    "قالت وزارة الزراعة إن محصول القمح هذا العام تجاوز التوقعات بفضل الأمطار الغزيرة التي "
    "هطلت في الشتاء، وإن المخازن الحكومية استقبلت كميات أكبر من العام الماضي.",
    "وأضاف المتحدث باسم الوزارة أن أسعار الخبز ستبقى مستقرة حتى نهاية الموسم على الأقل.",
]


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as running:
        robots = b"User-agent: *\nDisallow: /private/\n"
        running.add("/robots.txt", body=robots, content_type="text/plain")
        yield running


class Harness:
    """A runner whose publishing and remembering stay in memory (a stand-in for the topics)."""

    def __init__(self, site: FeedSite, feeds: list[FeedSpec], **defaults: Any) -> None:
        options = {
            "poll_seconds": 0.05,
            "host_delay_seconds": 0.0,
            "timeout_seconds": 1.0,
            "max_redirects": 3,
            "max_page_bytes": 50_000,
            **defaults,
        }
        self.config = FeedsConfig(
            feed=feeds, defaults=FeedDefaults(**options), status_index=False, web_port=0
        )
        self.site = site
        self.published: list[tuple[bytes, dict[str, Any]]] = []
        self.log: list[tuple[str, bytes]] = []
        """What went to the seen topic, in order (replayed to simulate a restart)."""

    async def runner(self, state: SeenState | None = None) -> FeedRunner:
        defaults = self.config.defaults
        fetcher = Fetcher(
            user_agent=defaults.user_agent,
            timeout=defaults.timeout_seconds,
            max_redirects=defaults.max_redirects,
        )
        self.fetchers.append(fetcher)
        politeness = Politeness(
            fetcher,
            user_agent=defaults.user_agent,
            concurrency=defaults.host_concurrency,
            delay=defaults.host_delay_seconds,
            respect_robots=defaults.respect_robots,
            robots_ttl=defaults.robots_ttl_seconds,
        )
        state = state if state is not None else SeenState()

        async def publish(key: bytes, payload: bytes) -> None:
            self.published.append((key, orjson.loads(payload)))

        async def remember(key: str, entry: SeenEntry) -> None:
            state.put(key, entry)
            self.log.append((key, entry.to_bytes()))

        return FeedRunner(self.config, fetcher, politeness, state, publish, remember)

    fetchers: list[Fetcher]

    def restored_state(self) -> SeenState:
        """What a restarted process reads back from the compacted topic."""
        state = SeenState()
        for key, value in self.log:
            state.apply(key.encode(), value)
        return state

    async def close(self) -> None:
        for fetcher in self.fetchers:
            await fetcher.close()


@pytest.fixture
async def harness_factory(site: FeedSite) -> AsyncIterator[Any]:
    made: list[Harness] = []

    def make(feeds: list[FeedSpec], **defaults: Any) -> Harness:
        harness = Harness(site, feeds, **defaults)
        harness.fetchers = []
        made.append(harness)
        return harness

    yield make
    for harness in made:
        await harness.close()


def errors(feed: str, stage: str, kind: str) -> float:
    value = REGISTRY.get_sample_value(
        "newsflow_feed_errors_total", {"feed": feed, "stage": stage, "kind": kind}
    )
    return value or 0.0


def add_page(
    site: FeedSite, path: str, title: str, paragraphs: list[str] = ENGLISH, **route: Any
) -> str:
    return site.add(path, body=article_page(title, paragraphs).encode(), **route)


# --- formats --------------------------------------------------------------------------------


async def test_rss_items_become_raw_articles_with_feed_metadata(site, harness_factory):
    first = add_page(site, "/news/harbour", "Harbour terminal opens in spring")
    second = add_page(site, "/news/quay", "Fishermen ask for their own quay")
    site.add(
        "/rss.xml",
        body=rss(
            [
                Entry(first, "Harbour terminal opens in spring", "Mona Saleh", 1_718_000_000),
                Entry(second, "Fishermen ask for their own quay", None, 1_718_003_600),
            ]
        ),
        content_type="application/rss+xml",
    )
    harness = harness_factory([FeedSpec(url=site.url("/rss.xml"), name="wire", source="wire.test")])
    runner = await harness.runner()
    [report] = await runner.poll_all()
    assert (report.outcome, report.format, report.new) == ("ok", "rss20", 2)
    articles = {record["url"]: record for _, record in harness.published}
    harbour = articles[first]
    assert harbour["title"] == "Harbour terminal opens in spring"
    assert harbour["author"] == "Mona Saleh"
    assert harbour["source"] == "wire.test"
    assert harbour["published_at"].startswith("2024-06-10T06:13:20")  # RFC 2822 pubDate, in UTC
    assert "container terminal" in harbour["html"]
    assert harbour["metadata"]["feed"] == "wire"
    assert articles[second]["published_at"].startswith("2024-06-10T07:13:20")
    key, record = harness.published[0]
    assert key.decode() == record["id"] and record["id"].startswith("url-")


@pytest.mark.parametrize("kind", ["atom", "jsonfeed", "sitemap"])
async def test_atom_json_feed_and_news_sitemap_give_the_same_items(site, harness_factory, kind):
    url = add_page(site, "/story/1", "Wheat harvest beats forecasts", ARABIC)
    entry = Entry(url, "Wheat harvest beats forecasts", "Omar Haddad", 1_718_100_000)
    builders = {
        "atom": (atom, "application/atom+xml"),
        "jsonfeed": (json_feed, "application/feed+json"),
        "sitemap": (news_sitemap, "application/xml"),
    }
    build, media = builders[kind]
    site.add("/feed", body=build([entry]), content_type=media)
    harness = harness_factory([FeedSpec(url=site.url("/feed"), name=kind, lang="ar")])
    [report] = await (await harness.runner()).poll_all()
    assert report.new == 1, report
    [(_, record)] = harness.published
    assert record["title"] == "Wheat harvest beats forecasts"
    assert record["published_at"].startswith("2024-06-11T10:00:00")
    assert record["lang"] == "ar"
    assert "محصول القمح" in record["html"]
    if kind == "sitemap":
        assert record["source"] == "Test Wire"  # the news sitemap's publication name
    else:
        assert record["author"] == "Omar Haddad"
        assert record["source"] == "127.0.0.1"  # the feed's site host when none is configured


async def test_sitemap_index_children_are_polled(site, harness_factory):
    urls = [add_page(site, f"/s/{n}", f"Story number {n} of the index") for n in range(3)]
    site.add("/sm-1.xml", body=news_sitemap([Entry(urls[0], "one"), Entry(urls[1], "two")]))
    site.add("/sm-2.xml", body=news_sitemap([Entry(urls[2], "three")]))
    site.add("/index.xml", body=sitemap_index([site.url("/sm-1.xml"), site.url("/sm-2.xml")]))
    harness = harness_factory([FeedSpec(url=site.url("/index.xml"), name="index")])
    [report] = await (await harness.runner()).poll_all()
    assert report.format == "sitemapindex" and report.new == 3


# --- conditional GET, restart, changes, duplicates ------------------------------------------


async def test_second_poll_is_conditional_and_a_restart_fetches_nothing(site, harness_factory):
    page = add_page(site, "/a", "Harbour terminal opens in spring", etag='"p1"')
    site.add("/rss.xml", body=rss([Entry(page, "Harbour terminal opens")]), etag='"f1"')
    harness = harness_factory([FeedSpec(url=site.url("/rss.xml"), name="wire")])
    runner = await harness.runner()
    await runner.poll_all()
    [again] = await runner.poll_all()
    assert again.outcome == "not_modified"
    assert site.hits["/a"] == 1 and len(harness.published) == 1

    # A restart: a new process with the state read back from the seen topic.
    site.routes["/rss.xml"].etag = None  # a server without validators: the body comes again
    restarted = await harness.runner(harness.restored_state())
    [report] = await restarted.poll_all()
    assert (report.outcome, report.seen, report.new) == ("ok", 1, 0)
    assert site.hits["/a"] == 1, "a restart must not refetch a page it already published"
    assert len(harness.published) == 1


async def test_an_item_that_reappears_with_new_content_is_published_again(site, harness_factory):
    page = add_page(site, "/story", "Terminal opening date set")
    feed = site.add("/rss.xml", body=rss([Entry(page, "Terminal opening date set", summary="v1")]))
    harness = harness_factory([FeedSpec(url=feed, name="wire")])
    runner = await harness.runner()
    await runner.poll_all()

    # The feed entry changes but the page does not: fetched, not published again.
    site.routes["/rss.xml"].body = rss([Entry(page, "Terminal opening date set", summary="v2")])
    [report] = await runner.poll_all()
    assert (report.unchanged, report.updated) == (1, 0)
    assert len(harness.published) == 1

    # Now the story is rewritten: a new version of the same article id.
    site.routes["/story"].body = article_page(
        "Terminal opening postponed", ["The opening was postponed to the autumn. " * 4]
    ).encode()
    site.routes["/rss.xml"].body = rss([Entry(page, "Terminal opening postponed", summary="v3")])
    restarted = await harness.runner(harness.restored_state())
    [report] = await restarted.poll_all()
    assert report.updated == 1
    assert len(harness.published) == 2
    (key1, old), (key2, new) = harness.published
    assert key1 == key2 and old["id"] == new["id"]
    assert new["title"] == "Terminal opening postponed" and "autumn" in new["html"]
    assert new["fetched_at"] > old["fetched_at"]  # the version follows fetched_at


async def test_duplicate_items_across_feeds_are_fetched_once(site, harness_factory):
    page = add_page(site, "/shared", "A story both feeds carry")
    site.add("/one.xml", body=rss([Entry(page, "A story both feeds carry")]))
    tracked = page + "?utm_source=rss&utm_medium=feed"  # same canonical URL
    site.add("/two.xml", body=atom([Entry(tracked, "A story both feeds carry (Atom)")]))
    harness = harness_factory(
        [
            FeedSpec(url=site.url("/one.xml"), name="one"),
            FeedSpec(url=site.url("/two.xml"), name="two"),
        ]
    )
    runner = await harness.runner()
    reports = await runner.poll_all()
    await runner.poll_all()
    assert sum(r.new for r in reports) == 1 and sum(r.duplicate for r in reports) == 1
    assert site.hits["/shared"] == 1 and len(harness.published) == 1
    second_round = list(runner.reports.values())
    assert sum(r.seen for r in second_round) == 2  # each feed now knows it; nothing refetched


# --- bad input ------------------------------------------------------------------------------


async def test_bad_feeds_are_counted_logged_and_polling_goes_on(site, harness_factory, caplog):
    good = add_page(site, "/fine", "A story that is fine")
    site.add("/good.xml", body=rss([Entry(good, "A story that is fine")]))
    broken = b"<rss><channel><title>cut off"
    site.add("/broken.xml", body=broken, content_type="application/rss+xml")
    site.add("/html-page", body=article_page("Home", ENGLISH).encode())
    site.add("/gone.xml", status=410, body=b"gone", content_type="text/plain")
    site.add("/error.xml", status=500, body=b"oops", content_type="text/plain")
    site.add("/slow.xml", body=rss([]), delay=1.0)
    names = ["good", "broken", "html-page", "gone", "error", "slow", "missing"]
    paths = ["/good.xml", "/broken.xml", "/html-page", "/gone.xml", "/error.xml", "/slow.xml"]
    paths.append("/nope.xml")
    harness = harness_factory(
        [FeedSpec(url=site.url(p), name=f"bad-{n}") for n, p in zip(names, paths, strict=True)],
        timeout_seconds=0.5,
    )
    before = {
        kind: errors(f"bad-{name}", "feed", kind)
        for name, kind in [
            ("broken", "malformed_xml"),
            ("html-page", "wrong_content_type"),
            ("gone", "http_410"),
            ("error", "http_500"),
            ("slow", "timeout"),
            ("missing", "http_404"),
        ]
    }
    runner = await harness.runner()
    with caplog.at_level(logging.WARNING, logger="newsflow.feeds"):
        reports = {r.feed: r for r in await runner.poll_all()}
    assert reports["bad-good"].new == 1
    expected = {
        "bad-broken": "malformed_xml",
        "bad-html-page": "wrong_content_type",
        "bad-gone": "http_410",
        "bad-error": "http_500",
        "bad-slow": "timeout",
        "bad-missing": "http_404",
    }
    for feed, kind in expected.items():
        assert (reports[feed].outcome, reports[feed].error_kind) == ("error", kind), reports[feed]
        assert errors(feed, "feed", kind) == before[kind] + 1
        logged = [r for r in caplog.records if getattr(r, "feed", None) == feed]
        assert logged and logged[0].url == site.url(paths[names.index(feed[4:])])
        assert logged[0].kind == kind
    # Backoff: a failing feed waits longer each time, up to the cap.
    slow = harness.config.feeds[5]
    assert runner.next_delay(slow, 0) == pytest.approx(0.05)
    assert 0.05 * 4 * 0.9 <= runner.next_delay(slow, 2) <= 0.05 * 4 * 1.1
    assert runner.next_delay(slow, 40) <= harness.config.defaults.backoff_max_seconds * 1.1


async def test_malformed_feed_with_readable_items_uses_them(site, harness_factory):
    page = add_page(site, "/ok", "Readable item in a broken feed")
    body = rss([Entry(page, "Readable item in a broken feed")])
    body = body.replace(b"</channel></rss>", b"<item><title>no close")
    site.add("/half.xml", body=body, content_type="application/rss+xml")
    harness = harness_factory([FeedSpec(url=site.url("/half.xml"), name="half")])
    before = errors("half", "feed", "malformed_xml")
    [report] = await (await harness.runner()).poll_all()
    assert report.new == 1 and report.outcome == "ok"
    assert errors("half", "feed", "malformed_xml") == before + 1


async def test_bad_pages_are_counted_per_kind_and_polling_goes_on(site, harness_factory, caplog):
    good = add_page(site, "/p/good", "The one good page")
    site.add("/p/missing-page", status=404, body=b"no", content_type="text/plain")
    site.add("/p/server-error", status=500, body=b"no", content_type="text/plain")
    site.add("/p/slow", body=article_page("Slow", ENGLISH).encode(), delay=1.0)
    site.add("/p/loop-a", status=302, headers={"Location": "/p/loop-b"}, body=b"")
    site.add("/p/loop-b", status=302, headers={"Location": "/p/loop-a"}, body=b"")
    site.add("/p/huge", body=b"<html><body>" + b"<p>word</p>" * 10_000 + b"</body></html>")
    site.add("/p/huge-unannounced", body=b"<p>x</p>" * 20_000, send_length=False)
    site.add("/p/pdf", body=b"%PDF-1.7 not an article", content_type="application/pdf")
    site.add("/p/binary", body=bytes(range(256)) * 20, content_type="text/html")
    site.add("/private/secret", body=article_page("Secret", ENGLISH).encode())
    kinds = {
        "/p/missing-page": "http_404",
        "/p/server-error": "http_500",
        "/p/slow": "timeout",
        "/p/loop-a": "redirect_loop",
        "/p/huge": "too_large",
        "/p/huge-unannounced": "too_large",
        "/p/pdf": "wrong_content_type",
        "/p/binary": "binary_content",
        "/private/secret": "robots_disallowed",
    }
    entries = [Entry(good, "good")] + [Entry(site.url(p), p) for p in kinds]
    site.add("/pages.xml", body=rss(entries))
    feeds = [FeedSpec(url=site.url("/pages.xml"), name="pages")]
    harness = harness_factory(feeds, timeout_seconds=0.5)
    before = {kind: errors("pages", "page", kind) for kind in set(kinds.values())}
    runner = await harness.runner()
    with caplog.at_level(logging.WARNING, logger="newsflow.feeds"):
        [report] = await runner.poll_all()
    assert report.new == 1 and report.failed == len(kinds)
    assert [r["url"] for _, r in harness.published] == [good]
    counted = {kind: errors("pages", "page", kind) - before[kind] for kind in before}
    assert counted == {
        kind: float(sum(1 for k in kinds.values() if k == kind)) for kind in set(kinds.values())
    }
    logged = {r.url: r.kind for r in caplog.records if getattr(r, "feed", None) == "pages"}
    assert logged == {site.url(p): k for p, k in kinds.items()}
    assert site.hits["/private/secret"] == 0

    # Next poll: permanent failures are not fetched again; transient ones (500, timeout) are.
    site.routes["/p/slow"].delay = 0
    hits = dict(site.hits)
    [report] = await runner.poll_all()
    refetched = {p for p in kinds if site.hits[p] > hits.get(p, 0)}
    assert refetched == {"/p/server-error", "/p/slow"}
    assert report.new == 1  # the slow page answered in time now


async def test_windows_1256_pages_decode_from_header_meta_or_detection(site, harness_factory):
    text = article_page("حصاد القمح", ARABIC)
    declared = "text/html; charset=windows-1256"
    site.add("/ar/header", body=text.encode("cp1256"), content_type=declared)
    site.add(
        "/ar/meta",
        body=article_page("حصاد القمح", ARABIC, meta_charset="windows-1256").encode("cp1256"),
        content_type="text/html",
    )
    site.add("/ar/none", body=text.encode("cp1256"), content_type="text/html")
    paths = ["/ar/header", "/ar/meta", "/ar/none"]
    site.add("/ar.xml", body=rss([Entry(site.url(p), p) for p in paths]))
    harness = harness_factory([FeedSpec(url=site.url("/ar.xml"), name="ar")])
    [report] = await (await harness.runner()).poll_all()
    assert report.new == 3
    for _, record in harness.published:
        assert "محصول القمح" in record["html"] and "�" not in record["html"], record["url"]
        assert record["metadata"]["charset"] == "cp1256"


async def test_redirects_within_the_limit_are_followed(site, harness_factory):
    add_page(site, "/final", "Where the story lives")
    site.add("/short", status=301, headers={"Location": "/middle"}, body=b"")
    site.add("/middle", status=302, headers={"Location": "/final"}, body=b"")
    site.add("/r.xml", body=rss([Entry(site.url("/short"), "Where the story lives")]))
    harness = harness_factory([FeedSpec(url=site.url("/r.xml"), name="redirects")])
    await (await harness.runner()).poll_all()
    [(_, record)] = harness.published
    assert record["url"] == site.url("/short")  # the id stays the feed's URL
    assert record["metadata"]["final_url"] == site.url("/final")


async def test_host_concurrency_is_never_exceeded(site, harness_factory):
    urls = [add_page(site, f"/c/{n}", f"Parallel story {n}", delay=0.05) for n in range(12)]
    site.add("/c.xml", body=rss([Entry(u, u) for u in urls]))
    harness = harness_factory([FeedSpec(url=site.url("/c.xml"), name="conc")], host_concurrency=2)
    [report] = await (await harness.runner()).poll_all()
    assert report.new == 12
    assert site.max_in_flight == 2


async def test_an_item_that_fails_validation_is_published_for_the_worker_to_dead_letter(
    site, harness_factory
):
    page = add_page(site, "/long-title", "Short page title")
    site.add("/long.xml", body=rss([Entry(page, "A headline that never ends " * 60)]))
    harness = harness_factory([FeedSpec(url=site.url("/long.xml"), name="long")])
    before = errors("long", "page", "invalid_article")
    [report] = await (await harness.runner()).poll_all()
    assert report.new == 1
    [(key, record)] = harness.published
    assert len(record["title"]) > 1000 and key.decode() == record["id"]
    assert errors("long", "page", "invalid_article") == before + 1
