"""WordPress/CMS residue: shortcodes, end markers, slug lines."""

import pytest

from workers.core.cleaning.lexicon import Lexicon
from workers.core.cleaning.residue import END_SENTINEL, is_slug_line, strip_residue

LEX = Lexicon.bundled()


def test_caption_embed_and_gallery_go_with_their_content() -> None:
    text = (
        '[caption id="attachment_1" align="aligncenter" width="800"]<img src="a.jpg"/> The '
        "minister at the launch[/caption]\nBody one.\n[embed]https://youtu.be/x[/embed]\n"
        '[gallery ids="1,2,3"]\nBody two.'
    )
    out = strip_residue(text, LEX).text
    assert "minister at the launch" not in out
    assert "youtu.be" not in out
    assert "gallery" not in out
    assert "Body one." in out and "Body two." in out


def test_layout_wrappers_keep_their_text() -> None:
    out = strip_residue("[vc_row][vc_column_text]Kept text.[/vc_column_text][/vc_row]", LEX)
    assert out.text.strip() == "Kept text."


def test_body_brackets_are_not_shortcodes() -> None:
    text = "He said [sic] it was fine [1] and [...] more."
    assert strip_residue(text, LEX).text == text


def test_last_ad_marker_is_the_end_marker() -> None:
    res = strip_residue("[ad_1]\nA\n[ad_2]\nB\n[ad_3]\nC", LEX)
    assert res.has_end_marker
    lines = res.text.split("\n")
    assert lines.index(END_SENTINEL) > lines.index("B")
    assert "[ad_" not in res.text


@pytest.mark.parametrize(
    "line",
    [
        "d81916c0 15f4 4085 9bc7 b754da5fdb45",
        "3e9d0f5a-71c2-4f0b-9a6e-52d8c1b0e7f3",
        "7f3a9c214b8e4d10a2f39c0e5b7d1a44",
        "book-fair-2024-opening-hall-3.jpg",
        "صورة-الاجتماع.jpg",
        "IMG_20240620_123301",
        "putin-kim-summit-2024-06-19",
        "https://example.com/wp-content/uploads/x.png",
    ],
)
def test_slug_lines(line: str) -> None:
    assert is_slug_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "وتنفي موسكو وبيونغ يانغ تبادل الأسلحة.",
        "The full report is available online as report.pdf for anyone who wants it.",
        "2024-06-20",
        "COVID-19",
        "Facebook",
    ],
)
def test_not_slug_lines(line: str) -> None:
    assert not is_slug_line(line)
