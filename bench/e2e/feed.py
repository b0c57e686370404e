"""A mixed feed for chaos runs: good articles from our templates (Arabic and English), updates
of some of them (newer content under the same id, plus stale replays of an older version), and
bad input of every kind the pipeline must dead-letter, each with the reason it must get.

Every bad payload is unique (it carries its own number), so the dead-letter topic can be
checked payload by payload: each one present exactly once, with its expected reason.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import orjson

from schemas.models import MAX_TITLE_CHARS, RejectReason
from workers.ops.synthetic import synthetic_articles

OVERSIZE_BYTES = 2_100_000
"""Just above the default ``processing.max_input_bytes`` (2,000,000)."""


def _invalid_json(n: int) -> bytes:
    return b'{"id": "bad-json-%d", "title": "unterminated' % n


def _not_an_object(n: int) -> bytes:
    return orjson.dumps([f"bad-array-{n}", "an article is an object, not a list"])


def _wrong_types(n: int) -> bytes:
    return orjson.dumps(
        {"id": f"bad-types-{n}", "title": ["not", "a", "string"], "text": 12345, "version": "x"}
    )


def _missing_content(n: int) -> bytes:
    return orjson.dumps({"id": f"bad-missing-{n}", "title": "A headline and nothing else"})


def _empty_after_cleaning(n: int) -> bytes:
    html = (
        "<html><head><title>x</title><script>var a = 1;</script><style>p{}</style></head>"
        f"<body><nav>Home | World | Sport</nav><!-- {n} --></body></html>"
    )
    return orjson.dumps({"id": f"bad-empty-{n}", "html": html})


def _oversize(n: int) -> bytes:
    filler = "The council met again on Tuesday to discuss the budget. " * (OVERSIZE_BYTES // 56 + 1)
    return orjson.dumps({"id": f"bad-oversize-{n}", "title": "Too long", "text": filler})


def _binary(n: int) -> bytes:
    rng = random.Random(n)
    return b"\x00\x01PK\x03\x04" + bytes(rng.randrange(256) for _ in range(512)) + b"%d" % n


def _invalid_utf8(n: int) -> bytes:
    return b'{"id": "bad-utf8-%d", "title": "caf\xe9", "text": "\xff\xfe broken bytes"}' % n


def _html_bomb(n: int) -> bytes:
    html = "<html><body>" + "<div>" * 5000 + f"deep {n}" + "</div>" * 5000 + "</body></html>"
    return orjson.dumps({"id": f"bad-bomb-{n}", "html": html})


def _schema_version(n: int) -> bytes:
    return orjson.dumps(
        {"schema_version": 99, "id": f"bad-version-{n}", "title": "From the future", "text": "x"}
    )


def _huge_title(n: int) -> bytes:
    return orjson.dumps(
        {
            "id": f"bad-title-{n}",
            "title": "عنوان طويل جدا " * (MAX_TITLE_CHARS // 10),
            "text": "A body that would be fine on its own, long enough to index.",
        }
    )


def _runaway_text(n: int) -> bytes:
    """About a megabyte of words without a full stop: fine to clean, far over the chaos run's
    extract time limit."""
    words = "the minister said that the council would meet again soon and then "
    return orjson.dumps(
        {"id": f"bad-runaway-{n}", "title": f"Runaway {n}", "text": words * (1_000_000 // 68)}
    )


BAD_KINDS: dict[str, tuple[Callable[[int], bytes], RejectReason]] = {
    "invalid_json": (_invalid_json, RejectReason.INVALID_JSON),
    "not_an_object": (_not_an_object, RejectReason.SCHEMA_VALIDATION),
    "wrong_types": (_wrong_types, RejectReason.SCHEMA_VALIDATION),
    "missing_text_and_html": (_missing_content, RejectReason.MISSING_CONTENT),
    "empty_after_cleaning": (_empty_after_cleaning, RejectReason.EMPTY_AFTER_CLEANING),
    "oversize": (_oversize, RejectReason.OVERSIZE),
    "binary": (_binary, RejectReason.BINARY_PAYLOAD),
    "invalid_utf8": (_invalid_utf8, RejectReason.INVALID_UTF8),
    "html_bomb": (_html_bomb, RejectReason.HTML_TOO_COMPLEX),
    "unknown_schema_version": (_schema_version, RejectReason.UNSUPPORTED_SCHEMA_VERSION),
    "huge_title": (_huge_title, RejectReason.TITLE_TOO_LONG),
    "runaway_text": (_runaway_text, RejectReason.EXTRACTION_TIMEOUT),
}
HEAVY_KINDS = frozenset({"oversize", "runaway_text"})
"""Megabyte inputs: ``oversize`` of each instead of ``bad_per_kind``."""


@dataclass
class Feed:
    records: list[tuple[bytes | None, bytes]]
    """(key, payload) in production order."""
    good: dict[str, int | None]
    """Article id → the version that must end in the index (None: the default version)."""
    updated_titles: dict[str, str]
    """Ids that received newer content → the title of their latest version."""
    bad: dict[bytes, tuple[str, RejectReason]] = field(default_factory=dict)
    """Bad payload → (kind, the reason its dead letter must carry)."""

    @property
    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for kind, _ in self.bad.values():
            counts[kind] = counts.get(kind, 0) + 1
        return counts


def build_feed(
    articles: int,
    *,
    bad_per_kind: int = 10,
    oversize: int = 3,
    update_share: float = 0.05,
    seed: int = 11,
    prefix: str = "chaos",
) -> Feed:
    """``articles`` good articles (alternating ar/en), ``update_share`` of them sent again with
    newer content (and, for a third of those, a stale older version after the update), and
    ``bad_per_kind`` of every bad kind (``oversize`` of the 2 MB ones), shuffled in."""
    rng = random.Random(seed)
    records: list[tuple[bytes | None, bytes]] = []
    good: dict[str, int | None] = {}
    updated: dict[str, str] = {}
    originals = list(synthetic_articles(articles, seed=seed, prefix=prefix))
    updates: list[tuple[bytes, bytes]] = []
    for article in originals:
        ident = article["id"]
        if rng.random() < update_share:
            article["version"] = 1
            newer = {
                **article,
                "version": 3,
                "title": f"{article['title']} [updated]",
                "text": article["text"] + "\n\nThis story was updated with new figures.",
            }
            updates.append((ident.encode(), orjson.dumps(newer)))
            if rng.random() < 1 / 3:  # an older revision arriving after the newest one
                stale = {**article, "version": 2, "title": f"{article['title']} [stale]"}
                updates.append((ident.encode(), orjson.dumps(stale)))
            good[ident] = 3
            updated[ident] = newer["title"]
        else:
            good[ident] = None
        records.append((ident.encode(), orjson.dumps(article)))
    # Updates go into the second half, in any order: versions, not arrival, decide.
    half = len(records) // 2
    for item in updates:
        records.insert(rng.randrange(half, len(records) + 1), item)
    bad: dict[bytes, tuple[str, RejectReason]] = {}
    number = 0
    for kind, (make, reason) in BAD_KINDS.items():
        for _ in range(oversize if kind in HEAVY_KINDS else bad_per_kind):
            number += 1
            payload = make(number)
            bad[payload] = (kind, reason)
            records.insert(rng.randrange(len(records) + 1), (None, payload))
    return Feed(records, good, updated, bad)
