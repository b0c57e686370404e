"""Learned site chrome: recurring lines of one source go, lines of one article never do."""

import random
from datetime import UTC, datetime, timedelta

from workers.core.cleaning import ArticleCleaner, ChromeObservation, InlineHtmlExtractor
from workers.core.cleaning.chrome import LearnedChrome, line_fingerprint

T0 = datetime(2024, 6, 20, 12, 0, tzinfo=UTC)

MENU = ["Gazette of Elwood | Port News Since 1998", "Ships · Cargo · Weather · Jobs"]
FOOTER = [
    "Elwood Gazette Media Group, 14 Quay Street, Port Elwood",
    "Tip line: call 555-0199 or write to desk@elwood.example",
    "Printed edition every Tuesday and Friday",
]
STORIES = [
    (
        "Ferry adds evening crossings",
        "The island ferry operator will add two evening crossings on weekdays from June 15.",
    ),
    (
        "Dock workers vote to strike",
        "Dock workers at Port Elwood have voted to stage a 48-hour strike next week.",
    ),
    (
        "Lighthouse reopens to visitors",
        "The lighthouse on Gull Point reopened to visitors on Friday after a restoration.",
    ),
    (
        "Storm warning for the coast",
        "Forecasters issued a storm warning for the whole coastline on Monday night.",
    ),
    (
        "Fish prices rise after storms",
        "Fish prices at the harbour market rose by a fifth last week after the storms.",
    ),
]
UNIQUE = "Readers can find a photo essay on the restoration inside this week's paper."


def _article(i: int, extra: list[str] | None = None) -> str:
    title, body = STORIES[i]
    return "\n".join([*MENU, title, body, *(extra or []), *FOOTER])


def test_site_menu_and_footer_in_no_lexicon_are_learned(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    raws = [
        make_raw(text=_article(i, [UNIQUE] if i == 2 else None), source="elwood.example")
        for i in range(5)
    ]
    results = {raw.id: res for raw, res in cleaner.clean_batch(raws)}
    for i, raw in enumerate(raws):
        article = results[raw.id].article
        assert article.title == STORIES[i][0]
        for chrome in MENU + FOOTER:
            assert chrome not in article.body
            assert chrome != article.title
        assert STORIES[i][1] in article.body
    assert UNIQUE in results[raws[2].id].article.body
    assert results[raws[0].id].removed["learned"] == len(MENU) + len(FOOTER)


def test_streaming_learns_as_articles_arrive(make_raw) -> None:
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    bodies = [cleaner(make_raw(text=_article(i), source="elwood.example")).body for i in range(5)]
    # The first articles cannot know yet; from the third on the chrome is recognised.
    assert MENU[1] in bodies[0]
    assert all(c not in bodies[4] for c in MENU + FOOTER)


def test_a_line_of_a_single_article_is_never_chrome() -> None:
    model = LearnedChrome(min_articles=1, min_share=0.0001, window=50)
    assert model.min_articles == 2
    fp = line_fingerprint(UNIQUE)
    other = line_fingerprint("Some other line that recurs everywhere")
    for i in range(30):
        fps = (other, fp) if i == 0 else (other,)
        model.apply(ChromeObservation("s", f"a{i}", T0 + timedelta(minutes=i), 1, fps))
    # a0 holds the unique line: it is in one article only, whatever the thresholds say.
    assert model.chrome_flags("s", "a0", [fp, other]) == [False, True]
    # An article not yet applied that has it too makes two articles: the minimum.
    assert model.chrome_flags("s", "new", [fp]) == [True]


def test_apply_is_idempotent_and_order_independent() -> None:
    rng = random.Random(7)
    observations = [
        ChromeObservation(
            "site",
            f"a{i}",
            T0 + timedelta(minutes=rng.randint(0, 500)),
            1,
            tuple(rng.sample(range(1, 40), 6)),
        )
        for i in range(60)
    ]
    a = LearnedChrome(window=25)
    b = LearnedChrome(window=25)
    for obs in observations:
        a.apply(obs)
    shuffled = observations[:]
    rng.shuffle(shuffled)
    for obs in shuffled + shuffled[:20]:  # at-least-once: replays
        b.apply(obs)
    assert a.state_digest() == b.state_digest()
    assert a.article_count("site") == 25
    for obs in observations:  # replaying everything changes nothing
        a.apply(obs)
    assert a.state_digest() == b.state_digest()


def test_observations_round_trip_and_seed_a_new_worker() -> None:
    a = LearnedChrome()
    for i in range(5):
        a.apply(ChromeObservation("s", f"a{i}", T0 + timedelta(hours=i), 1, (1, 2, 3 + i)))
    wire = [obs.to_dict() for obs in a.observations()]
    b = LearnedChrome()
    for data in wire:
        b.apply(ChromeObservation.from_dict(data))
    assert a.state_digest() == b.state_digest()


def test_newer_version_replaces_older() -> None:
    m = LearnedChrome()
    m.apply(ChromeObservation("s", "a", T0, 1, (1, 2)))
    m.apply(ChromeObservation("s", "a", T0, 2, (3,)))
    m.apply(ChromeObservation("s", "a", T0, 1, (1, 2)))  # stale replay
    assert m.fingerprint_count("s") == 1


def test_memory_is_bounded() -> None:
    m = LearnedChrome(window=10, max_sources=3)
    for s in range(6):
        for i in range(30):
            m.apply(
                ChromeObservation(
                    f"s{s}", f"a{i}", T0 + timedelta(minutes=s * 100 + i), 1, tuple(range(i, i + 5))
                )
            )
    assert len(m.sources()) == 3
    assert all(m.article_count(s) == 10 for s in m.sources())
    assert all(m.fingerprint_count(s) <= 10 * 5 for s in m.sources())


def test_republished_story_is_not_erased(make_raw) -> None:
    """Updates of one story share all their lines; that is not chrome."""
    cleaner = ArticleCleaner(html_extractor=InlineHtmlExtractor())
    text = "\n".join(
        [
            "Storm warning for the coast",
            "Forecasters issued a storm warning for the whole coastline on Monday, with gusts of "
            "up to 110 kilometres an hour expected overnight and waves of six metres.",
            "The harbour master ordered small boats to stay in port until Wednesday morning, and "
            "the ferry operator cancelled all crossings after 6 p.m. on both days.",
        ]
    )
    for _ in range(4):
        article = cleaner(make_raw(text=text, source="coast.example"))
        assert "harbour master" in article.body and "Forecasters" in article.body
