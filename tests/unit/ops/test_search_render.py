"""Why a hit matched (pure rendering) and the rollover index naming es init migrates into."""

from __future__ import annotations

from workers.cli.render import render_article_hit, why_matched
from workers.stream.es import next_index_name


def test_why_matched_gathers_every_language_field_of_the_part_and_each_fragment_once() -> None:
    highlights = {
        "body_ar": ["وقع \x02الاتفاق\x03 أمس", "ثم \x02والاتفاق\x03 الثاني"],
        "body_other": ["وقع \x02الاتفاق\x03 أمس"],
        "title_en": ["peace \x02talks\x03"],
        "title_derived": ["not a text field of the title"],
    }
    assert why_matched(highlights, "body") == [
        "وقع \x02الاتفاق\x03 أمس",
        "ثم \x02والاتفاق\x03 الثاني",
    ]
    assert why_matched(highlights, "title") == ["peace \x02talks\x03"]


def test_rendered_hit_marks_the_matched_word_and_not_the_page_markup() -> None:
    hit = {
        "_source": {"title": "t", "body_ar": "b", "lang": "ar", "id": "x"},
        "highlight": {"body_ar": ["a <em>b</em> \x02والاتفاق\x03 c"]},
    }
    text = render_article_hit(hit)
    marked = [text.plain[s.start : s.end] for s in text.spans if s.style == "bold yellow"]
    assert marked == ["والاتفاق"]
    assert "<em>b</em>" in text.plain


def test_hit_without_highlights_shows_the_start_of_the_body_of_its_language() -> None:
    hit = {"_source": {"title": "t", "body_en": "Talks resumed on Monday.", "lang": "en"}}
    assert "Talks resumed on Monday." in render_article_hit(hit).plain


def test_next_rollover_index_follows_the_highest_number() -> None:
    assert next_index_name("nf-articles", ["nf-articles-000001"]) == "nf-articles-000002"
    assert (
        next_index_name("nf-articles", ["nf-articles-000009", "nf-articles-000010"])
        == "nf-articles-000011"
    )
    assert next_index_name("nf-articles", ["nf-articles-restored"]) == "nf-articles-000001"
