"""The clean stage's learned-state window: newest articles by key, one version each."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from workers.core.cleaning.window import ArticleWindow


@dataclass
class Entry:
    key: tuple[float, str]
    version: int


def make(capacity: int) -> tuple[ArticleWindow[Entry], list[str]]:
    log: list[str] = []
    window: ArticleWindow[Entry] = ArticleWindow(
        capacity,
        on_add=lambda aid, e: log.append(f"+{aid}@{e.version}"),
        on_remove=lambda aid, e: log.append(f"-{aid}@{e.version}"),
    )
    return window, log


def test_a_newer_version_replaces_the_older_and_a_replay_is_ignored():
    window, log = make(3)
    assert window.offer("a", Entry((1.0, "a"), 1))
    assert window.offer("a", Entry((1.0, "a"), 2))
    assert not window.offer("a", Entry((1.0, "a"), 2))  # replay
    assert not window.offer("a", Entry((1.0, "a"), 1))  # older version arriving late
    assert window["a"].version == 2
    assert log == ["+a@1", "-a@1", "+a@2"]


def test_a_full_window_keeps_the_newest_by_key_not_by_arrival():
    window, log = make(2)
    window.offer("b", Entry((2.0, "b"), 1))
    window.offer("c", Entry((3.0, "c"), 1))
    assert not window.offer("a", Entry((1.0, "a"), 1))  # older than everything held
    assert window.offer("d", Entry((4.0, "d"), 1))
    assert sorted(window) == ["c", "d"]
    assert log[-1] == "-b@1"  # callers' indexes learn of the eviction


def test_the_content_does_not_depend_on_the_order_of_the_offers():
    entries = {name: Entry((float(i % 3), name), 1 + i % 2) for i, name in enumerate("abcdef")}
    contents = set()
    for order in itertools.permutations(entries):
        window, _ = make(4)
        for name in order:
            window.offer(name, entries[name])
        contents.add(tuple(sorted((aid, e.version) for aid, e in window.items())))
    assert len(contents) == 1
    assert len(next(iter(contents))) == 4
