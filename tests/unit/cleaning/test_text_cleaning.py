"""Pre-scraped text: the article is all there and nothing else is."""

from datetime import UTC, datetime

from schemas.models import RejectReason
from workers.core.cleaning import ArticleCleaner
from workers.core.errors import RejectedInput


def test_autoblog_article(cleaner: ArticleCleaner, make_raw, autoblog_text: str) -> None:
    article = cleaner(make_raw(text=autoblog_text, source="example-ar.com"))
    assert (
        article.title == 'بلدية الزرقاء تطلق مشروع "مياه للجميع" لتوسيع الشبكة في الأحياء الشرقية'
    )
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("أطلقت بلدية الزرقاء صباح الاثنين")
    assert paragraphs[-1].startswith("من جهتها، طالبت جمعية سكان الأحياء الشرقية")
    assert "“خطة على مراحل”" in paragraphs  # an in-body subheading survives
    for chrome in (
        "[ad_",
        "4f0c9a2e",
        "مقالات ذات صلة",
        "افتتاح سوق شعبي",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك",
        "البريد الإلكتروني",
        "زر الذهاب إلى الأعلى",
    ):
        assert chrome not in article.body
    assert article.lang == "ar"
    assert len(article.paragraph_langs) == len(paragraphs)
    assert article.removed_lines >= 9


def test_seed_article(cleaner: ArticleCleaner, make_raw, seed_text: str) -> None:
    """The shared seed (skips without ../shared); test_autoblog_article covers the same
    residue on our own text."""
    article = cleaner(make_raw(text=seed_text, source="example-ar.com"))
    assert article.title == 'بوتين يلجأ لـ "زواج مصلحة" لتجديد آلته الحربية في أوكرانيا'
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("في وقت يواجه فيه فلاديمير بوتين")
    assert paragraphs[-1] == "وتنفي موسكو وبيونغ يانغ تبادل الأسلحة."
    # in-body subheadings survive
    assert "“زواج مصلحة”" in paragraphs
    assert "“بند مثير للقلق”" in paragraphs
    for chrome in (
        "[ad_",
        "d81916c0",
        "مطاعم ومطابخ الطويل",
        "مقالات ذات صلة",
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك",
        "زر الذهاب إلى الأعلى",
    ):
        assert chrome not in article.body
    assert article.lang == "ar"
    assert {p.lang for p in article.paragraph_langs} == {"ar"}
    assert len(article.paragraph_langs) == len(paragraphs)
    assert article.removed_lines >= 7


def test_structure_numbers_and_dates_are_kept(cleaner: ArticleCleaner, make_raw) -> None:
    text = "\n".join(
        [
            "Budget vote delayed",
            "",
            "The council postponed the vote on the 2025 budget of $14.6 million to June 30.",
            "What happens next",
            "- Hearings resume on 1 July 2024.",
            "- A final vote is due by 15 July.",
            "“We need more time,” the mayor said in a statement on Tuesday evening.",
            "Turnout: 42%",
            "The meeting ended at 9:45 p.m. after four hours of debate between members.",
        ]
    )
    body = cleaner(make_raw(text=text)).body
    for kept in (
        "What happens next",
        "- Hearings resume on 1 July 2024.",
        "- A final vote is due by 15 July.",
        "“We need more time,” the mayor said",
        "Turnout: 42%",
        "The meeting ended at 9:45 p.m.",
    ):
        assert kept in body


def test_english_wordpress_chrome(cleaner: ArticleCleaner, make_raw) -> None:
    text = "\n".join(
        [
            "Bridge to close for repairs",
            "Home > News > Local",
            "By Jane Okafor",
            "Published June 24, 2024 at 2:10 pm UTC",
            '[caption id="attachment_9" width="800"]<img src="b.jpg"/> The bridge.[/caption]',
            "The River Road bridge will close to traffic on July 8 for six months of repairs, "
            "county officials said on Thursday.",
            "Read also: County approves budget for road resurfacing",
            "Inspectors found corrosion in two of the bridge's steel support beams during a "
            "routine survey in March.",
            "Share this:",
            "Facebook Twitter WhatsApp Email",
            "Tags: roads, county, bridges",
            "© 2024 Valley Herald. All rights reserved.",
            "The post Bridge to close for repairs appeared first on Valley Herald.",
        ]
    )
    fetched = datetime(2024, 6, 25, tzinfo=UTC)
    article = cleaner(make_raw(text=text, source="valleyherald.com", fetched_at=fetched))
    assert article.body.split("\n\n") == [
        "The River Road bridge will close to traffic on July 8 for six months of repairs, "
        "county officials said on Thursday.",
        "Inspectors found corrosion in two of the bridge's steel support beams during a "
        "routine survey in March.",
    ]
    assert article.author == "Jane Okafor"
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2024-06-24T14:10:00+00:00"
    # A date after the fetch is not a publication date.
    early = cleaner(make_raw(text=text, fetched_at=datetime(2024, 6, 20, tzinfo=UTC)))
    assert early.published_at is None


def test_read_also_mid_article_does_not_cut_the_rest(cleaner: ArticleCleaner, make_raw) -> None:
    first = "أطلقت وزارة الاقتصاد صندوقا استثماريا بقيمة 200 مليون دولار لدعم الشركات الناشئة."
    later = "وقال الوزير إن لجنة مستقلة من خبراء القطاع الخاص ستتولى تقييم الطلبات المقدمة."
    text = f"عنوان الخبر\n{first}\nاقرأ أيضا\nالبنك المركزي يبقي أسعار الفائدة دون تغيير\n{later}"
    body = cleaner(make_raw(text=text)).body
    assert body.split("\n\n") == [first, later]


def test_related_block_at_the_end_goes_with_its_excerpts(cleaner: ArticleCleaner, make_raw) -> None:
    p1 = "The central bank kept its benchmark rate unchanged on Wednesday, as markets expected."
    p2 = "Economists now expect the first cut in September, followed by a second in December."
    excerpt = (
        "Officials said the measures would be reviewed at the end of the year after a long "
        "public consultation with residents and businesses."
    )
    text = f"Rates on hold\n{p1}\n{p2}\nRelated Articles\nCouncil tax to rise\n{excerpt}"
    assert cleaner(make_raw(text=text)).body.split("\n\n") == [p1, p2]


def test_record_title_wins_and_is_not_repeated(cleaner: ArticleCleaner, make_raw) -> None:
    text = "Rates on hold\nThe central bank kept its benchmark rate unchanged on Wednesday."
    article = cleaner(make_raw(text=text, title="Rates on hold"))
    assert article.title == "Rates on hold"
    assert article.body == "The central bank kept its benchmark rate unchanged on Wednesday."


def test_only_chrome_is_empty_after_cleaning(cleaner: ArticleCleaner, make_raw) -> None:
    text = "[ad_1]\nمقالات ذات صلة\nاترك تعليقاً\nزر الذهاب إلى الأعلى\n[ad_2]"
    try:
        cleaner(make_raw(text=f"عنوان\n{text}"))
    except RejectedInput as exc:
        assert exc.reason is RejectReason.EMPTY_AFTER_CLEANING
    else:
        raise AssertionError("expected a rejection")


def test_mixed_language_paragraphs(cleaner: ArticleCleaner, make_raw) -> None:
    ar = "انتهت جولة مفاوضات المناخ في بون دون التوصل إلى اتفاق بشأن تمويل الدول النامية."
    en = "We leave Bonn with more work than we hoped, but the path to an agreement is open."
    article = cleaner(make_raw(text=f"مفاوضات المناخ\n{ar}\n{en}\n{ar} وسط خلافات حادة."))
    assert article.lang == "ar"
    assert [p.lang for p in article.paragraph_langs] == ["ar", "en", "ar"]


def test_ad_interstitial_mid_article_does_not_end_it(cleaner: ArticleCleaner, make_raw) -> None:
    p = [
        "The port authority and the union reached an agreement on Monday to automate two "
        "terminals by 2028.",
        "Under the deal, no worker will be laid off; about 600 employees will be retrained.",
        "The port says the $1.1 billion investment will increase capacity by a third.",
        "Union leaders called the agreement a model for how technology should be introduced.",
    ]
    text = "\n".join(["Port deal", p[0], p[1], "ADVERTISEMENT", "Continue reading below", *p[2:]])
    assert cleaner(make_raw(text=text)).body.split("\n\n") == p


def test_share_buttons_after_the_end_marker_are_not_rescued(
    cleaner: ArticleCleaner, make_raw
) -> None:
    body = "The transit board voted on Tuesday to keep bus and subway fares at $2.75 for a year."
    text = "\n".join(
        [
            "Fares frozen",
            body,
            "[ad_2]",
            "Click to share on Facebook (Opens in new window)",
            "Click to share on X (Opens in new window)",
            "Like this:",
        ]
    )
    assert cleaner(make_raw(text=text)).body == body
