"""Dates, amounts of money, percentages and quantities in Arabic and English, found by pattern.

Each value gets a canonical id, so the same value links across languages the way names do:
"19 يونيو 2024" and "June 19, 2024" are both ``date:2024-06-19``; "5 مليارات دولار" and
"$5 billion" are both ``money:USD:5000000000``. Patterns are deliberately narrow (a month needs
a day or a year, a weekday in Arabic needs يوم or الماضي/المقبل, a bare number is nothing): a
missed value costs little, a wrong one shows up in every facet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from schemas.models import Label
from workers.core.entities.spans import FieldText, Mention, longest_first

NUMBER = r"\d+(?:[.,٫٬]\d+)*"
"""Western or Arabic-Indic digits (``\\d`` is Unicode) with thousands or decimal separators."""

ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

SCALES = {
    "thousand": 10**3, "k": 10**3, "ألف": 10**3, "آلاف": 10**3, "الف": 10**3,
    "million": 10**6, "m": 10**6, "mn": 10**6, "مليون": 10**6, "ملايين": 10**6,
    "billion": 10**9, "bn": 10**9, "مليار": 10**9, "مليارات": 10**9, "بليون": 10**9,
    "مليارا": 10**9, "ملياراً": 10**9, "مليونا": 10**6, "مليوناً": 10**6, "ألفا": 10**3,
    "ألفاً": 10**3,
    "trillion": 10**12, "tn": 10**12, "ترليون": 10**12, "تريليون": 10**12, "تريليونات": 10**12,
}  # fmt: skip
EN_SCALE = r"(?:trillion|billion|million|thousand|tn|bn|mn|m|k)\b"

EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
AR_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "آذار": 3,
    "أبريل": 4, "إبريل": 4, "ابريل": 4, "نيسان": 4, "مايو": 5, "أيار": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "يوليو": 7, "يوليه": 7, "تموز": 7,
    "أغسطس": 8, "اغسطس": 8, "آب": 8, "سبتمبر": 9, "أيلول": 9,
    "أكتوبر": 10, "اكتوبر": 10, "تشرين الأول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الأول": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": "Monday", "tuesday": "Tuesday", "wednesday": "Wednesday", "thursday": "Thursday",
    "friday": "Friday", "saturday": "Saturday", "sunday": "Sunday",
    "الاثنين": "Monday", "الإثنين": "Monday", "الثلاثاء": "Tuesday", "الأربعاء": "Wednesday",
    "الخميس": "Thursday", "الجمعة": "Friday", "السبت": "Saturday", "الأحد": "Sunday",
}  # fmt: skip

CURRENCIES = {
    "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "yuan": "CNY", "yen": "JPY", "roubles": "RUB", "rubles": "RUB", "riyals": "SAR",
    "dirhams": "AED", "rupees": "INR", "lira": "TRY",
    "دولار": "USD", "دولارات": "USD", "دولارا": "USD", "دولاراً": "USD", "جنيها": "EGP",
    "جنيهاً": "EGP", "ريالا": "SAR", "ريالاً": "SAR", "درهما": "AED", "درهماً": "AED",
    "دينارا": "DINAR", "ديناراً": "DINAR", "روبلا": "RUB", "روبلاً": "RUB",
    "يورو": "EUR", "جنيه": "EGP", "جنيهات": "EGP",
    "ريال": "SAR", "ريالات": "SAR", "درهم": "AED", "دراهم": "AED", "دينار": "DINAR",
    "دنانير": "DINAR", "ليرة": "TRY", "ليرات": "TRY", "روبل": "RUB", "يوان": "CNY", "ين": "JPY",
}  # fmt: skip
AR_CURRENCY_QUALIFIERS = {
    "إسترليني": "GBP", "استرليني": "GBP", "مصري": "EGP", "سعودي": "SAR", "قطري": "QAR",
    "إماراتي": "AED", "كويتي": "KWD", "أردني": "JOD", "عراقي": "IQD", "بحريني": "BHD",
    "تونسي": "TND", "ليبي": "LYD", "جزائري": "DZD", "مغربي": "MAD", "عماني": "OMR",
    "إيراني": "IRR", "يمني": "YER", "أمريكي": "USD", "أميركي": "USD", "سوري": "SYP",
    "سورية": "SYP", "سودانية": "SDG", "سوداني": "SDG", "لبنانية": "LBP", "تركية": "TRY",
    "روسي": "RUB", "صيني": "CNY", "كندي": "CAD", "أسترالي": "AUD",
}  # fmt: skip
UNITS = {
    "km": "km", "kilometres": "km", "kilometers": "km", "كيلومتر": "km", "كيلومترات": "km",
    "كلم": "km", "كم": "km", "miles": "mi", "ميل": "mi", "أميال": "mi",
    "tonnes": "t", "tons": "t", "طن": "t", "أطنان": "t", "barrels": "bbl", "برميل": "bbl",
    "براميل": "bbl", "kg": "kg", "kilograms": "kg", "كيلوغرام": "kg", "كيلوجرام": "kg",
    "metres": "m", "meters": "m", "متر": "m", "أمتار": "m", "hectares": "ha", "هكتار": "ha",
    "cubic metres": "m3", "cubic meters": "m3", "m3": "m3", "m³": "m3", "متر مكعب": "m3",
    "أمتار مكعبة": "m3", "square metres": "m2", "square meters": "m2", "متر مربع": "m2",
    "square kilometres": "km2", "square kilometers": "km2", "km2": "km2", "km²": "km2",
    "كيلومتر مربع": "km2", "كيلومترات مربعة": "km2",
}  # fmt: skip


def _alternatives(words: Iterable[object]) -> str:
    """A regex alternation, longest first so "كانون الثاني" wins over a shorter prefix."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


def _first_letters(words: Iterable[str]) -> str:
    """A lookahead on the first letters of English words, put before their alternation: it
    changes no match (the words start with these letters, compared case-insensitively as the
    words are), but the regex engine rejects most positions with one class test instead of
    trying every word there."""
    return "(?=[" + "".join(sorted({w[0].lower() for w in words})) + "])"


def _english_words(*words: str) -> str:
    """``(?:w1|w2|…)`` in the given order, behind the lookahead of their first letters."""
    return _first_letters(words) + "(?:" + "|".join(words) + ")"


AR_SCALE = rf"(?:{_alternatives(w for w in SCALES if not w.isascii())})"
EN_MONTH = rf"{_first_letters(EN_MONTHS)}(?P<month>{_alternatives(EN_MONTHS)})\.?"
AR_MONTH = rf"(?P<month>{_alternatives(AR_MONTHS)})(?:\s*/\s*(?:{_alternatives(AR_MONTHS)}))?"
ORDINAL = r"(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
AR_YEAR_WORD = r"(?:(?:من\s+)?(?:عام|العام|سنة)\s+)?"

_I = re.IGNORECASE
AR_START = r"(?:(?<!\w)|(?<=\b[وفبلك])|(?<=\b[وفبلك]ـ)|(?<=\bو[بلك])|(?<=\bو[بلك]ـ))"
"""Start of an Arabic value, also right after an attached و ف ب ل ك (و19 يونيو، بـ5 مليارات)."""
AR_WEEKDAY = _alternatives(w for w in WEEKDAYS if not w.isascii())
YEAR_PREPOSITIONS = ("in", "since", "until", "by", "before", "after", "during", "from", "of")
MONTH_PREPOSITIONS = ("in", "since", "until", "by", "early", "late", "mid", "last", "next", "this")
DATES = [
    re.compile(rf"\b{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{EN_MONTH}(?:,?\s+{YEAR})?\b", _I),
    re.compile(rf"\b{EN_MONTH}\s+(?P<day>\d{{1,2}}){ORDINAL}(?:,?\s+{YEAR})?\b", _I),
    re.compile(rf"\b{EN_MONTH},?\s+{YEAR}\b", _I),
    re.compile(
        rf"(?=\d){AR_START}(?P<day>\d{{1,2}})\s+(?:من\s+)?{AR_MONTH}(?:\s+{AR_YEAR_WORD}{YEAR})?"
    ),
    re.compile(rf"(?<!\w)(?:شهر\s+)?{AR_MONTH}\s+{AR_YEAR_WORD}{YEAR}"),
    # Only the year is the value: "in 2023" → "2023".
    re.compile(
        rf"\b{_english_words(*YEAR_PREPOSITIONS)}\s+(?P<core>{YEAR})\b(?!\s*[-–])",
        _I,
    ),
    re.compile(rf"(?<!\w)(?:عام|العام|سنة)\s+{YEAR}"),
    # A month alone only after a preposition: "in July", "في يوليو", "منذ مارس" (not the verb).
    re.compile(
        rf"\b{_english_words(*MONTH_PREPOSITIONS)}[\s-]+(?P<core>{EN_MONTH})(?!\s*\d)\b",
        _I,
    ),
    re.compile(
        rf"(?<!\w)(?:في|منذ|حتى|خلال|مطلع|أوائل|أواخر|منتصف|نهاية|بداية|أواسط)\s+(?:شهر\s+)?"
        rf"(?P<core>{AR_MONTH})(?!\w)(?!\s*(?:/|\d))"
    ),
    re.compile(rf"\b(?P<weekday>{_english_words(*(w for w in WEEKDAYS if w.isascii()))})\b", _I),
    # Arabic news sets the weekday off with commas: "أعلن الجيش، الثلاثاء، أنه …".
    re.compile(rf"(?<=[،,])\s*(?P<core>(?P<weekday3>{AR_WEEKDAY}))(?=\s*[،,.])"),
    re.compile(
        rf"(?<!\w)(?:(?:يوم|ليوم|ويوم)\s+(?P<weekday>{AR_WEEKDAY})"
        rf"|(?P<weekday2>{AR_WEEKDAY})\s+(?:الماضي|المقبل|القادم|الفائت))(?!\w)"
    ),
]
MONEY = [
    re.compile(rf"(?P<cur>US\$|\$|€|£|¥)\s?(?P<n>{NUMBER})(?:\s?(?P<scale>{EN_SCALE}))?", _I),
    re.compile(
        rf"\b(?P<n>{NUMBER})(?:\s?(?P<scale>{EN_SCALE}))?\s+(?:US\s+)?"
        rf"(?P<cur>{_alternatives(c for c in CURRENCIES if c.isascii() and c.isalpha())})\b",
        _I,
    ),
    re.compile(
        rf"(?=\d){AR_START}(?<![.,])(?P<n>{NUMBER})(?:\s+(?P<scale>{AR_SCALE}))?\s+"
        rf"(?P<cur>{_alternatives(c for c in CURRENCIES if not c.isascii())})"
        rf"(?:\s+(?P<qualifier>{_alternatives(AR_CURRENCY_QUALIFIERS)}))?(?!\w)"
    ),
]
PERCENTS = [
    re.compile(
        rf"(?=\d){AR_START}(?<![.,])(?P<n>{NUMBER})\s?(?:%|٪|percent\b|per\s+cent\b|percentage\s+points?\b"
        r"|في\s+المئة|في\s+المائة|بالمئة|بالمائة|بالمية)",
        _I,
    ),
]
QUANTITIES = [
    re.compile(
        rf"(?=\d){AR_START}(?<![.,$€£])(?P<n>{NUMBER})(?:\s?(?P<scale>{EN_SCALE}|{AR_SCALE}))?\s?"
        rf"(?P<unit>{_alternatives(UNITS)})(?!\w)",
        _I,
    ),
]


def parse_number(text: str) -> Decimal | None:
    """ "1,200.5" → 1200.5; "3,5" → 3.5; "١٢٫٥" → 12.5. A comma before exactly three digits
    separates thousands, otherwise it is a decimal mark."""
    text = text.translate(ARABIC_DIGITS).replace("٬", ",").replace("٫", ".")
    parts = re.split(r"([.,])", text)
    digits, decimal_seen = "", False
    for i in range(0, len(parts), 2):
        digits += parts[i]
        if i + 1 < len(parts):
            mark, following = parts[i + 1], parts[i + 2]
            if mark == "," and len(following) == 3 and not decimal_seen:
                continue
            if decimal_seen:
                return None
            decimal_seen = True
            digits += "."
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> str:
    """12.50 → "12.5", 5E+9 → "5000000000"."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _grouped(value: Decimal) -> str:
    whole, _, fraction = _plain(value).partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def fold(word: str) -> str:
    """The dictionary key of a word an IGNORECASE pattern matched: ``re`` also matches ſ, K
    (Kelvin), ı and İ to s, k, i, which ``lower()`` leaves alone."""
    return word.casefold().replace("ı", "i").replace("i\u0307", "i")


def _scaled(found: re.Match[str]) -> Decimal | None:
    number = parse_number(found["n"])
    scale = found.groupdict().get("scale")
    if number is None:
        return None
    return number * SCALES[fold(scale)] if scale else number


@dataclass(frozen=True)
class Value:
    label: Label
    entity_id: str
    name: str


def _date(found: re.Match[str]) -> Value | None:
    groups = found.groupdict()
    weekday = groups.get("weekday") or groups.get("weekday2") or groups.get("weekday3")
    if weekday:
        name = WEEKDAYS[fold(weekday)]
        return Value(Label.DATE, f"date:{name.lower()}", name)
    year = int(found["year"]) if groups.get("year") else None
    month_name = groups.get("month")
    month = (
        int(found["mnum"])
        if groups.get("mnum")
        else EN_MONTHS.get(fold(month_name), AR_MONTHS.get(month_name))
        if month_name
        else None
    )
    day = int(found["day"].translate(ARABIC_DIGITS)) if groups.get("day") else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if month_name and month_name.isascii() and not month_name[0].isupper():
        return None  # "may", "march": verbs, not months
    if year and month and day:
        canonical = f"{year:04d}-{month:02d}-{day:02d}"
    elif year and month:
        canonical = f"{year:04d}-{month:02d}"
    elif month and day:
        canonical = f"--{month:02d}-{day:02d}"  # ISO 8601 for a day of an unnamed year
    elif year:
        canonical = f"{year:04d}"
    elif month:
        canonical = f"--{month:02d}"  # ISO 8601 for a month of an unnamed year
    else:
        return None
    return Value(Label.DATE, f"date:{canonical}", canonical)


def _money(found: re.Match[str]) -> Value | None:
    amount = _scaled(found)
    if amount is None:
        return None
    qualifier = found.groupdict().get("qualifier")
    code = AR_CURRENCY_QUALIFIERS[qualifier] if qualifier else CURRENCIES[fold(found["cur"])]
    return Value(Label.MONEY, f"money:{code}:{_plain(amount)}", f"{code} {_grouped(amount)}")


def _percent(found: re.Match[str]) -> Value | None:
    number = parse_number(found["n"])
    if number is None:
        return None
    return Value(Label.PERCENT, f"percent:{_plain(number)}", f"{_plain(number)}%")


def _quantity(found: re.Match[str]) -> Value | None:
    amount = _scaled(found)
    if amount is None:
        return None
    unit = UNITS[fold(found["unit"])]  # keys are lower case; Arabic has no case
    return Value(Label.QUANTITY, f"quantity:{unit}:{_plain(amount)}", f"{_grouped(amount)} {unit}")


KINDS: list[tuple[list[re.Pattern[str]], Callable[[re.Match[str]], Value | None]]] = [
    (MONEY, _money),
    (PERCENTS, _percent),
    (QUANTITIES, _quantity),
    (DATES, _date),
]

_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_LETTER = re.compile("[a-z]", _I)
"""With IGNORECASE, as the patterns: it also finds the letters that fold to ASCII ones
(ſ, K, ı, İ), so a text it finds nothing in cannot match an English word of a pattern."""
_NEEDS_ARABIC = {id(DATES[i]) for i in (4, 5, 7, 9, 11, 12)}
"""Patterns that cannot match without an Arabic word: month, عام/سنة, preposition, weekday."""
_NEEDS_LATIN = {id(DATES[i]) for i in (1, 2, 3, 6, 8, 10)} | {id(MONEY[1])}
"""Patterns that cannot match without an English word: month, preposition, weekday,
currency name."""


@dataclass
class ValueFinder:
    """Dates, money, percentages and quantities in one field; longest match wins."""

    confidence: float = 0.9

    def find(self, ft: FieldText) -> list[Mention]:
        return longest_first(self._candidates(ft))

    def _candidates(self, ft: FieldText) -> Iterator[Mention]:
        # A pattern that needs a script the text lacks is skipped: English text is never
        # scanned for Arabic months and weekdays, nor Arabic text for English ones.
        arabic = _ARABIC_LETTER.search(ft.text) is not None
        latin = _LATIN_LETTER.search(ft.text) is not None
        for patterns, interpret in KINDS:
            for pattern in patterns:
                if (not arabic and id(pattern) in _NEEDS_ARABIC) or (
                    not latin and id(pattern) in _NEEDS_LATIN
                ):
                    continue
                for found in pattern.finditer(ft.text):
                    value = interpret(found)
                    if value is None:
                        continue
                    start, end = (
                        found.span("core") if "core" in pattern.groupindex else found.span()
                    )
                    yield Mention(
                        field=ft.field,
                        start=start,
                        end=end,
                        label=value.label,
                        entity_id=value.entity_id,
                        name=value.name,
                        source="pattern",
                        confidence=self.confidence,
                    )
