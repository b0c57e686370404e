# ruff: noqa: E501, E731
"""Render the HTML part of the cleaning corpus: ``python -m bench.cleaning.make_corpus``.

Each article of ``html_articles.py`` becomes ``corpus/html/<slug>.html`` in one of three
invented site layouts (a WordPress theme, a div-soup news app with JSON-LD and inline asides,
a portal with a ticker and mega menu), padded with the CSS, scripts and icon sprites real
pages carry, and ``<slug>.gold.json`` with the gold title, body lines and chrome lines (every
visible text line outside the article body). The output is checked in; rerun after changes.
"""

from __future__ import annotations

import html
import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from bench.cleaning.html_articles import ARTICLES

OUT = Path(__file__).parent / "corpus" / "html"

L10N = {
    "en": {
        "skip": "Skip to content",
        "home": "Home",
        "news": "News",
        "sections": ["Home", "News", "Business", "Sport", "Culture", "Opinion", "Weather"],
        "posted_on": "Posted on",
        "by": "by",
        "posted_in": "Posted in News",
        "tagged": "Tagged",
        "share": "Share this:",
        "networks": ["Facebook", "Twitter", "WhatsApp", "Email"],
        "prev": "Previous Post",
        "next": "Next Post",
        "related": "Related",
        "reply": "Leave a Reply",
        "notes": "Your email address will not be published. Required fields are marked *",
        "comment": "Comment",
        "name": "Name *",
        "email": "Email *",
        "post": "Post Comment",
        "most_read": "Most Read",
        "newsletter": "Newsletter",
        "newsletter_text": "Get the morning briefing in your inbox.",
        "rights": "© 2024 {site}. All rights reserved.",
        "footer_links": ["About us", "Contact us", "Privacy Policy", "Terms of Use"],
        "read_also": "Read also",
        "ad": "Advertisement",
        "popular": "Most popular",
        "cookie": "We use cookies to improve your experience on our site.",
        "accept": "Accept",
        "breaking": "Breaking",
        "related_news": "Related news",
        "comments": "Comments (0)",
        "follow": "Follow us",
        "subscribe": "Subscribe",
        "search": "Search",
        "updated": "Updated",
        "tagline": "Independent local journalism since 1921",
        "headlines": [
            "Council tax to rise by 3 percent next year",
            "Police appeal for witnesses after crash on ring road",
            "New cycle lanes open along the riverside",
            "Museum extends opening hours for summer",
            "Local team wins regional cup after penalty shootout",
            "Power cut hits 4,000 homes in the north of the city",
            "University announces record number of applications",
        ],
        "excerpt": "Officials said the measures would be reviewed at the end of the year after a public consultation.",
        "tags": ["local news", "politics", "city"],
    },
    "ar": {
        "skip": "تخطى إلى المحتوى",
        "home": "الرئيسية",
        "news": "أخبار",
        "sections": ["الرئيسية", "أخبار", "اقتصاد", "رياضة", "ثقافة", "رأي", "منوعات"],
        "posted_on": "نشر في",
        "by": "بواسطة",
        "posted_in": "التصنيف: أخبار",
        "tagged": "الوسوم:",
        "share": "شارك:",
        "networks": ["فيسبوك", "تويتر", "واتساب", "البريد الإلكتروني"],
        "prev": "المقال السابق",
        "next": "المقال التالي",
        "related": "مقالات ذات صلة",
        "reply": "اترك تعليقاً",
        "notes": "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
        "comment": "التعليق",
        "name": "الاسم *",
        "email": "البريد الإلكتروني *",
        "post": "إرسال التعليق",
        "most_read": "الأكثر قراءة",
        "newsletter": "النشرة البريدية",
        "newsletter_text": "اشترك في النشرة البريدية لتصلك أهم الأخبار صباح كل يوم.",
        "rights": "جميع الحقوق محفوظة © 2024 {site}",
        "footer_links": ["من نحن", "اتصل بنا", "سياسة الخصوصية", "شروط الاستخدام"],
        "read_also": "اقرأ أيضا",
        "ad": "إعلان",
        "popular": "الأكثر مشاهدة",
        "cookie": "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.",
        "accept": "موافق",
        "breaking": "عاجل",
        "related_news": "أخبار ذات صلة",
        "comments": "التعليقات (0)",
        "follow": "تابعنا",
        "subscribe": "اشترك",
        "search": "بحث",
        "updated": "آخر تحديث",
        "tagline": "صحافة مستقلة منذ عام 1998",
        "headlines": [
            "ارتفاع أسعار الوقود للمرة الثانية هذا العام",
            "الشرطة تضبط شبكة لتهريب السلع المدعومة",
            "افتتاح حديقة عامة جديدة في وسط المدينة",
            "وزارة الصحة تطلق حملة تطعيم ضد الحصبة",
            "النادي الأهلي يتعاقد مع مدرب جديد",
            "انقطاع المياه عن أحياء في شرق العاصمة يومين",
            "الجامعة تعلن مواعيد التسجيل للفصل المقبل",
        ],
        "excerpt": "وقال مسؤولون إن الإجراءات ستخضع للمراجعة في نهاية العام بعد استشارة عامة.",
        "tags": ["أخبار محلية", "سياسة", "المدينة"],
    },
}


def _filler(rng: random.Random, kind: str, size: int) -> str:
    out: list[str] = []
    n = 0
    i = 0
    while n < size:
        i += 1
        if kind == "css":
            line = (
                f".c{i}-{rng.randint(100, 999)}{{margin:{rng.randint(0, 24)}px "
                f"{rng.randint(0, 24)}px;padding:{rng.randint(0, 16)}px;color:#"
                f"{rng.randint(0, 0xFFFFFF):06x};font-size:{rng.randint(11, 22)}px}}"
            )
        elif kind == "js":
            line = (
                f'window.__cfg_{i}={{"slot":"div-gpt-ad-{rng.randint(10**9, 10**10)}-{i}",'
                f'"sizes":[[300,250],[728,90]],"targeting":{{"pos":"{rng.choice("abc")}",'
                f'"kw":"{rng.randint(0, 99999)}"}}}};'
            )
        else:
            line = (
                f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="M{rng.randint(0, 24)} '
                f'{rng.randint(0, 24)}L{rng.randint(0, 24)} {rng.randint(0, 24)}Z"/></symbol>'
            )
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)


def _head(a: dict, t: dict, rng: random.Random, jsonld: bool) -> str:
    e = html.escape
    ld = ""
    if jsonld:
        ld = (
            '<script type="application/ld+json">'
            + json.dumps(
                {
                    "@context": "https://schema.org",
                    "@type": "NewsArticle",
                    "headline": a["title"],
                    "datePublished": a["published"],
                    "author": {"@type": "Person", "name": a["author"]},
                },
                ensure_ascii=False,
            )
            + "</script>"
        )
    meta_date = (
        "" if jsonld else f'<meta property="article:published_time" content="{a["published"]}">'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{a["lang"]}" dir="{"rtl" if a["lang"] == "ar" else "ltr"}">'
        f'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{e(a['title'])} – {e(a['site'])}</title>"
        f'<meta property="og:title" content="{e(a["title"])}">'
        f'<meta property="og:site_name" content="{e(a["site"])}">{meta_date}'
        f'<meta name="author" content="{e(a["author"])}">{ld}'
        f"<style>{_filler(rng, 'css', 22000)}</style>"
        f"<script>{_filler(rng, 'js', 9000)}</script></head>"
    )


def _body_html(a: dict) -> str:
    e = html.escape
    parts: list[str] = []
    items: list[str] = []
    for p in a["paragraphs"]:
        if p.startswith("- "):
            items.append(f"<li>{e(p[2:])}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if p.startswith("## "):
            parts.append(f"<h2>{e(p[3:])}</h2>")
        elif p.startswith("> "):
            parts.append(f"<blockquote><p>{e(p[2:])}</p></blockquote>")
        else:
            parts.append(f"<p>{e(p)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(parts)


def _gold_body(a: dict) -> list[str]:
    return [
        p[2:] if p.startswith(("- ", "> ")) else p[3:] if p.startswith("## ") else p
        for p in a["paragraphs"]
    ]


def _human_date(a: dict) -> str:
    d = datetime.fromisoformat(a["published"])
    if a["lang"] == "ar":
        months = [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ]
        return f"{d.day} {months[d.month - 1]} {d.year}"
    return d.strftime("%B %d, %Y").replace(" 0", " ")


def classic(a: dict, t: dict, rng: random.Random) -> tuple[str, list[str]]:
    e = html.escape
    chrome: list[str] = []
    nav = "".join(
        f'<li class="menu-item"><a href="/{i}">{e(s)}</a></li>' for i, s in enumerate(t["sections"])
    )
    chrome += [t["skip"], a["site"], t["tagline"], *t["sections"]]
    crumbs = f"{t['home']} » {t['news']} » {e(a['title'][:30])}"
    chrome.append(f"{t['home']} » {t['news']} » {a['title'][:30]}")
    meta = (
        f'<div class="entry-meta"><span class="posted-on">{t["posted_on"]} <time '
        f'class="entry-date published" datetime="{a["published"]}">{_human_date(a)}</time>'
        f'</span> <span class="byline">{t["by"]} <span class="author vcard"><a class="url fn n"'
        f' href="/author/x">{e(a["author"])}</a></span></span></div>'
    )
    chrome.append(f"{t['posted_on']} {_human_date(a)} {t['by']} {a['author']}")
    tags = ", ".join(t["tags"])
    chrome += [t["posted_in"], f"{t['tagged']} {tags}", t["share"], *t["networks"]]
    heads = rng.sample(t["headlines"], 7)
    chrome += [t["prev"], heads[0], t["next"], heads[1], t["related"], *heads[2:5]]
    chrome += [t["reply"], t["notes"], t["comment"], t["name"], t["email"], t["post"]]
    chrome += [t["most_read"], *heads[:5], t["newsletter"], t["newsletter_text"]]
    rights = t["rights"].format(site=a["site"])
    chrome += [rights, *t["footer_links"]]
    lis = lambda hs: "".join(
        f'<li><a href="/p/{rng.randint(1000, 9999)}">{e(h)}</a></li>' for h in hs
    )
    page = (
        f'<body class="post-template-default single single-post">'
        f'<svg style="display:none">{_filler(rng, "svg", 6000)}</svg>'
        f'<a class="skip-link screen-reader-text" href="#content">{t["skip"]}</a>'
        f'<header id="masthead" class="site-header"><div class="site-branding">'
        f'<p class="site-title"><a href="/">{e(a["site"])}</a></p>'
        f'<p class="site-description">{t["tagline"]}</p></div>'
        f'<nav id="site-navigation" class="main-navigation"><ul id="primary-menu">{nav}</ul></nav>'
        f'</header><div id="content" class="site-content"><div id="primary" class="content-area">'
        f'<main id="main" class="site-main"><nav class="breadcrumbs">{crumbs}</nav>'
        f'<article id="post-{rng.randint(100, 9999)}" class="post type-post status-publish">'
        f'<header class="entry-header"><h1 class="entry-title">{e(a["title"])}</h1>{meta}</header>'
        f'<div class="entry-content">\n{_body_html(a)}\n</div>'
        f'<footer class="entry-footer"><span class="cat-links">{t["posted_in"]}</span> '
        f'<span class="tags-links">{t["tagged"]} {e(tags)}</span></footer>'
        f'<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">{t["share"]}</h3><ul>'
        + "".join(
            f'<li class="share-{i}"><a href="#"><span>{e(n)}</span></a></li>'
            for i, n in enumerate(t["networks"])
        )
        + f"</ul></div></article>"
        f'<nav class="navigation post-navigation"><div class="nav-previous"><a href="/p/1">'
        f'<span class="meta-nav">{t["prev"]}</span><p>{e(heads[0])}</p></a></div>'
        f'<div class="nav-next"><a href="/p/2"><span class="meta-nav">{t["next"]}</span>'
        f"<p>{e(heads[1])}</p></a></div></nav>"
        f'<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
        f"{t['related']}</h3><ul>{lis(heads[2:5])}</ul></div>"
        f'<div id="comments" class="comments-area"><div id="respond" class="comment-respond">'
        f'<h3 id="reply-title" class="comment-reply-title">{t["reply"]}</h3>'
        f'<form id="commentform" class="comment-form"><p class="comment-notes">{t["notes"]}</p>'
        f'<p class="comment-form-comment"><label for="comment">{t["comment"]}</label>'
        f'<textarea id="comment" name="comment"></textarea></p>'
        f'<p class="comment-form-author"><label for="author">{t["name"]}</label>'
        f'<input id="author" name="author" type="text"></p>'
        f'<p class="comment-form-email"><label for="email">{t["email"]}</label>'
        f'<input id="email" name="email" type="email"></p><p class="form-submit">'
        f'<input name="submit" type="submit" class="submit" value="{t["post"]}"></p></form></div>'
        f'</div></main></div><aside id="secondary" class="widget-area">'
        f'<section class="widget widget_top-posts"><h2 class="widget-title">{t["most_read"]}</h2>'
        f'<ul>{lis(heads[:5])}</ul></section><section class="widget widget_newsletter">'
        f'<h2 class="widget-title">{t["newsletter"]}</h2><p>{t["newsletter_text"]}</p>'
        f'<form><input type="email"><button>{t["subscribe"]}</button></form></section></aside></div>'
        f'<footer id="colophon" class="site-footer"><div class="site-info"><p>{e(rights)}</p><ul>'
        + "".join(f"<li><a href='/{i}'>{e(x)}</a></li>" for i, x in enumerate(t["footer_links"]))
        + f"</ul></div></footer><script>{_filler(rng, 'js', 8000)}</script></body></html>"
    )
    chrome.append(t["subscribe"])
    return page, chrome


def modern(a: dict, t: dict, rng: random.Random) -> tuple[str, list[str]]:
    e = html.escape
    chrome: list[str] = []
    heads = rng.sample(t["headlines"], 7)
    body = a["paragraphs"]
    mid = len(body) // 2
    aside = (
        f'<div class="inline-related"><span class="label">{t["read_also"]}</span>'
        f'<a href="/story/{rng.randint(10**5, 10**6)}">{e(heads[0])}</a></div>'
        f'<div class="ad-slot"><span class="ad-label">{t["ad"]}</span>'
        f'<div id="div-gpt-ad-{rng.randint(10**6, 10**7)}"></div></div>'
    )
    chrome += [t["read_also"], heads[0], t["ad"]]
    first = {**a, "paragraphs": body[:mid]}
    second = {**a, "paragraphs": body[mid:]}
    date_line = f"{t['updated']} {_human_date(a)}"
    chrome += [t["cookie"], t["accept"], a["site"], *t["sections"][1:], t["search"], t["follow"]]
    chrome += [a["author"], date_line]
    chrome += [t["newsletter"], t["newsletter_text"], t["subscribe"], t["popular"], *heads[1:6]]
    rights = t["rights"].format(site=a["site"])
    chrome += [rights, *t["footer_links"]]
    page = (
        f'<body><div id="__next"><div class="cookie-banner"><p>{t["cookie"]}</p>'
        f"<button>{t['accept']}</button></div>"
        f'<svg style="display:none">{_filler(rng, "svg", 7000)}</svg>'
        f'<div class="top-bar"><div class="logo"><a href="/">{e(a["site"])}</a></div>'
        f'<div class="nav">'
        + "".join(
            f'<div class="nav-item"><a href="/s/{i}">{e(s)}</a></div>'
            for i, s in enumerate(t["sections"][1:])
        )
        + f'</div><div class="search"><span>{t["search"]}</span></div>'
        f'<div class="follow"><span>{t["follow"]}</span></div></div>'
        f'<div class="layout"><div class="col-main"><div class="story">'
        f'<div class="story-title"><h1>{e(a["title"])}</h1></div>'
        f'<div class="story-meta"><div class="author-name">{e(a["author"])}</div>'
        f'<div class="story-date">{date_line}</div></div>'
        f'<div class="story-body">{_body_html(first)}{aside}{_body_html(second)}</div>'
        f'<div class="newsletter-box"><h4>{t["newsletter"]}</h4><p>{t["newsletter_text"]}</p>'
        f"<button>{t['subscribe']}</button></div></div></div>"
        f'<div class="col-side"><div class="rail"><h4>{t["popular"]}</h4><ol>'
        + "".join(f'<li><a href="/story/{i}">{e(h)}</a></li>' for i, h in enumerate(heads[1:6]))
        + f'</ol></div></div></div><div class="footer"><div>{e(rights)}</div><div>'
        + "".join(f"<a href='/{i}'>{e(x)}</a> " for i, x in enumerate(t["footer_links"]))
        + f"</div></div></div><script>{_filler(rng, 'js', 9000)}</script></body></html>"
    )
    return page, chrome


def portal(a: dict, t: dict, rng: random.Random) -> tuple[str, list[str]]:
    e = html.escape
    chrome: list[str] = []
    heads = rng.sample(t["headlines"], 7)
    body = a["paragraphs"]
    mid = max(1, len(body) // 2)
    chrome += [t["breaking"], *heads[:3], a["site"], *t["sections"]]
    read_also = (
        f'<div class="read-also"><h4>{t["read_also"]}</h4><ul>'
        f'<li><a href="/n/{rng.randint(1000, 9999)}">{e(heads[3])}</a></li>'
        f'<li><a href="/n/{rng.randint(1000, 9999)}">{e(heads[4])}</a></li></ul></div>'
    )
    chrome += [t["read_also"], heads[3], heads[4]]
    chrome += [_human_date(a), a["author"], t["comments"]]
    chrome += [t["share"], *t["networks"], t["related_news"]]
    rel = heads[5:7]
    for h in rel:
        chrome += [h, t["excerpt"]]
    rights = t["rights"].format(site=a["site"])
    chrome += [t["follow"], *t["networks"][:3], rights, *t["footer_links"]]
    page = (
        f'<body class="rtl-{a["lang"] == "ar"}"><svg style="display:none">{_filler(rng, "svg", 5000)}'
        f'</svg><div class="ticker"><strong>{t["breaking"]}</strong><ul>'
        + "".join(f"<li><a href='/n/{i}'>{e(h)}</a></li>" for i, h in enumerate(heads[:3]))
        + f'</ul></div><header class="portal-header"><div class="brand"><a href="/">{e(a["site"])}</a>'
        f'</div><ul class="mega-menu">'
        + "".join(f'<li><a href="/c/{i}">{e(s)}</a></li>' for i, s in enumerate(t["sections"]))
        + f'</ul></header><div class="container"><div class="news-details">'
        f'<h1 class="news-title">{e(a["title"])}</h1><div class="news-info">'
        f'<span class="date">{_human_date(a)}</span><span class="writer">{e(a["author"])}</span>'
        f'<span class="comments-count">{t["comments"]}</span></div>'
        f'<div class="news-text">{_body_html({**a, "paragraphs": body[:mid]})}{read_also}'
        f"{_body_html({**a, 'paragraphs': body[mid:]})}</div>"
        f'<div class="share-box"><span>{t["share"]}</span>'
        + "".join(f'<a class="s{i}" href="#">{e(n)}</a>' for i, n in enumerate(t["networks"]))
        + f'</div></div><section class="related"><h3>{t["related_news"]}</h3>'
        + "".join(
            f'<div class="card"><h4><a href="/n/{i}">{e(h)}</a></h4><p>{e(t["excerpt"])}</p></div>'
            for i, h in enumerate(rel)
        )
        + f'</section></div><footer class="portal-footer"><div class="social"><h5>{t["follow"]}</h5>'
        + "".join(f"<a href='#'>{e(n)}</a>" for n in t["networks"][:3])
        + f'</div><p class="copy">{e(rights)}</p><ul>'
        + "".join(f"<li><a href='/{i}'>{e(x)}</a></li>" for i, x in enumerate(t["footer_links"]))
        + f"</ul></footer><script>{_filler(rng, 'js', 10000)}</script></body></html>"
    )
    return page, chrome


INJECTED = {
    "en": {
        "read_also": "Read also:",
        "ad": "Advertisement",
        "telegram": "Follow us on Telegram for the latest updates",
        "about": "About the author",
        "bio": "{author} is a staff reporter covering local government, health and the environment.",
        "tags": "Tags: {tags}",
        "source": "Source: Agencies",
        "post": "The post {title} appeared first on {site}.",
    },
    "ar": {
        "read_also": "اقرأ أيضاً:",
        "ad": "إعلان",
        "telegram": "تابعونا على تيليجرام لمتابعة آخر الأخبار",
        "about": "عن الكاتب",
        "bio": "{author} صحفية في قسم الأخبار المحلية تغطي شؤون البلديات والصحة والبيئة.",
        "tags": "الوسوم: {tags}",
        "source": "المصدر: وكالات",
        "post": "ظهرت المقالة {title} أولاً على {site}.",
    },
}


def injected(a: dict, t: dict, rng: random.Random) -> tuple[str, list[str]]:
    """A WordPress theme whose plugins inject chrome *inside* the article content, where
    boilerplate detection by page structure cannot see it."""
    e = html.escape
    x = INJECTED[a["lang"]]
    heads = rng.sample(t["headlines"], 5)
    body = a["paragraphs"]
    mid = max(1, len(body) // 2)
    tags = ", ".join(t["tags"])
    inside_mid = (
        f'<p><strong>{e(x["read_also"])}</strong> <a href="/n/{rng.randint(1, 999)}">'
        f'{e(heads[0])}</a></p><div class="code-block code-block-2"><p>{e(x["ad"])}</p>'
        f'<ins class="adsbygoogle" data-ad-slot="{rng.randint(10**9, 10**10)}"></ins></div>'
    )
    bio = x["bio"].format(author=a["author"])
    post = x["post"].format(title=a["title"], site=a["site"])
    inside_end = (
        f"<p>{e(x['telegram'])}</p><p>{e(x['source'])}</p>"
        f'<div class="author-box"><h4>{e(x["about"])}</h4><p>{e(bio)}</p></div>'
        f"<p>{e(x['tags'].format(tags=tags))}</p><p>{e(post)}</p>"
    )
    chrome = [
        f"{x['read_also']} {heads[0]}",
        x["ad"],
        x["telegram"],
        x["source"],
        x["about"],
        bio,
        x["tags"].format(tags=tags),
        post,
    ]
    nav = "".join(f'<li><a href="/{i}">{e(s)}</a></li>' for i, s in enumerate(t["sections"]))
    chrome += [a["site"], *t["sections"], _human_date(a), a["author"]]
    rights = t["rights"].format(site=a["site"])
    chrome += [t["most_read"], *heads[1:5], rights]
    page = (
        f'<body class="single"><svg style="display:none">{_filler(rng, "svg", 6000)}</svg>'
        f'<header><div class="logo"><a href="/">{e(a["site"])}</a></div><nav><ul>{nav}</ul>'
        f'</nav></header><main><article class="post">'
        f'<h1 class="entry-title">{e(a["title"])}</h1><div class="meta">'
        f'<time datetime="{a["published"]}">{_human_date(a)}</time> '
        f'<span class="author">{e(a["author"])}</span></div>'
        f'<div class="entry-content">{_body_html({**a, "paragraphs": body[:mid]})}{inside_mid}'
        f"{_body_html({**a, 'paragraphs': body[mid:]})}{inside_end}</div></article></main>"
        f"<aside><h3>{t['most_read']}</h3><ul>"
        + "".join(f"<li><a href='/n/{i}'>{e(h)}</a></li>" for i, h in enumerate(heads[1:5]))
        + f"</ul></aside><footer><p>{e(rights)}</p></footer>"
        f"<script>{_filler(rng, 'js', 9000)}</script></body></html>"
    )
    return page, chrome


LAYOUTS = {"classic": classic, "modern": modern, "portal": portal, "injected": injected}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for n, a in enumerate(ARTICLES):
        rng = random.Random(a["slug"])
        t = L10N[a["lang"]]
        body_html, chrome = LAYOUTS[a["layout"]](a, t, rng)
        page = _head(a, t, rng, jsonld=a["layout"] == "modern") + body_html
        published = datetime.fromisoformat(a["published"])
        gold = {
            "source": a["host"],
            "url": f"https://{a['host']}/{a['slug'].replace('_', '-')}",
            "lang": a["lang"],
            "layout": a["layout"],
            "fetched_at": (published + timedelta(hours=3)).isoformat(),
            "title": a["title"],
            "author": a["author"],
            "published_at": a["published"],
            "body": _gold_body(a),
            "chrome": list(dict.fromkeys(c for c in chrome if c.strip())),
        }
        (OUT / f"{a['slug']}.html").write_text(page, encoding="utf-8")
        (OUT / f"{a['slug']}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(f"{a['slug']}: {len(page.encode()) // 1024} KB, {n}")


if __name__ == "__main__":
    main()
