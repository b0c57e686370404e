"""line_key remembers short lines only: the cache is bounded in bytes, not just in lines."""

from __future__ import annotations

from workers.core.cleaning import lexicon
from workers.core.cleaning.lexicon import LINE_KEY_CACHED_CHARS, line_key


def test_a_long_line_is_keyed_like_a_short_one_but_not_kept() -> None:
    paragraph = "The council met on Tuesday and voted on the budget. " * 40
    assert len(paragraph) > LINE_KEY_CACHED_CHARS
    lexicon._cached_line_key.cache_clear()
    long_key = line_key("• " + paragraph + " (12)")
    assert lexicon._cached_line_key.cache_info().currsize == 0
    assert long_key == lexicon._line_key("• " + paragraph + " (12)")
    assert not long_key.startswith("•") and not long_key.endswith("12)")


def test_a_short_line_is_kept_and_served_from_the_cache() -> None:
    lexicon._cached_line_key.cache_clear()
    assert line_key("• Share this story »") == line_key("• Share this story »")
    info = lexicon._cached_line_key.cache_info()
    assert (info.currsize, info.hits) == (1, 1)
