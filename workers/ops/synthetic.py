"""A synthetic feed from our own templates, in Arabic and English, for tests, benchmarks and
chaos runs. Deterministic for a given seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

EN_PEOPLE = [
    ("Vladimir Putin", "Russian President"),
    ("Jens Stoltenberg", "NATO Secretary General"),
    ("Christine Lagarde", "ECB President"),
    ("Maria Lopez", "the port authority's chairwoman"),
    ("Pieter Jansen", "a spokesman for the transport ministry"),
]
EN_PLACES = ["Rotterdam", "Ottawa", "Moscow", "Cairo", "Washington", "Pyongyang", "London"]
EN_TOPICS = [
    ("talks on grain exports", "the talks had made real progress"),
    ("a new rail link", "the project would cut travel times by half"),
    ("rising fuel prices", "households should expect higher bills this winter"),
    ("a cyber attack on hospitals", "patient data had not been compromised"),
    ("the fishing quota dispute", "a compromise was within reach"),
]
AR_PEOPLE = [
    ("فلاديمير بوتين", "الرئيس الروسي"),
    ("ينس ستولتنبرغ", "أمين عام الناتو"),
    ("كيم جونغ أون", "الزعيم الكوري الشمالي"),
    ("هانز كلوغه", "المدير الإقليمي للمنظمة"),
]
AR_PLACES = ["القاهرة", "موسكو", "بيونغ يانغ", "واشنطن", "أوتاوا", "لندن"]
AR_TOPICS = [
    ("محادثات تصدير الحبوب", "المحادثات حققت تقدما ملموسا"),
    ("مشروع السكك الحديدية الجديد", "المشروع سيختصر زمن الرحلة إلى النصف"),
    ("ارتفاع أسعار الوقود", "الأسر ستواجه فواتير أعلى هذا الشتاء"),
    ("أزمة المياه في المنطقة", "الحلول تتطلب تعاونا إقليميا واسعا"),
]


def english_article(rng: random.Random, number: int) -> dict[str, Any]:
    (name, role), place = rng.choice(EN_PEOPLE), rng.choice(EN_PLACES)
    topic, statement = rng.choice(EN_TOPICS)
    title = f"{name} speaks on {topic} in {place} ({number})"
    body = (
        f"{role} {name} spoke about {topic} during a visit to {place} on Tuesday, "
        f"officials said.\n\n"
        f'"{statement.capitalize()}," {name} told reporters after the meeting.\n\n'
        f"According to Reuters, delegations from several countries attended the session "
        f"number {number}, which lasted more than three hours.\n\n"
        f"Analysts said the outcome would be watched closely by markets."
    )
    return {"title": title, "text": body, "lang": "en"}


def arabic_article(rng: random.Random, number: int) -> dict[str, Any]:
    (name, role), place = rng.choice(AR_PEOPLE), rng.choice(AR_PLACES)
    topic, statement = rng.choice(AR_TOPICS)
    title = f"{name} يتحدث عن {topic} في {place} ({number})"
    body = (
        f"تحدث {role} {name} عن {topic} خلال زيارة إلى {place}، الثلاثاء، وفق مسؤولين.\n\n"
        f"وقال {name} للصحفيين بعد الاجتماع إن {statement}.\n\n"
        f"وذكرت وكالة رويترز أن وفودا من عدة دول حضرت الجلسة رقم {number} التي استمرت "
        f"أكثر من ثلاث ساعات.\n\n"
        f"ويرى محللون أن نتائج الاجتماع ستتابعها الأسواق عن كثب."
    )
    return {"title": title, "text": body, "lang": "ar"}


def synthetic_articles(count: int, seed: int = 7, prefix: str = "syn") -> Iterator[dict[str, Any]]:
    """``count`` RawArticle dicts with ids ``<prefix>-<n>``, alternating languages."""
    rng = random.Random(seed)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    for number in range(count):
        maker = english_article if number % 2 == 0 else arabic_article
        record = maker(rng, number)
        record["id"] = f"{prefix}-{number}"
        record["source"] = rng.choice(["wire.example", "daily.example", "blog.example"])
        record["url"] = f"https://{record['source']}/news/{prefix}-{number}"
        record["published_at"] = (base + timedelta(minutes=number)).isoformat()
        yield record
