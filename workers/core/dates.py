"""Publication dates from records, HTML metadata and text, in Arabic and English.

Everything returned is timezone-aware. A date without a zone is taken in ``default_tz``
(UTC unless the caller knows the source's zone). ``choose_published_at`` never returns a date
after the fetch time: a future date is a parse error or a scheduled-post artefact, so the next
candidate is tried.

Text forms understood (on the matching form, so hamza/ta marbuta spelling and Arabic-Indic
digits do not matter):

* ISO ``2024-06-20``, ``2024-06-20T10:30:00+03:00``, ``2024/06/20``
* ``20 June 2024``, ``June 20, 2024``, ``20th of June 2024``, ``Jun. 20, 2024``
* ``20 يونيو 2024``, ``٢٠ حزيران ٢٠٢٤``, ``الخميس 20 جوان 2024``, ``20 كانون الثاني 2024``
  (Egyptian/Gulf, Levantine, Maghrebi and Moroccan month names)
* ``20/06/2024``, ``20-06-2024``, ``20.06.2024`` (day first unless impossible)
* an optional time after the date: ``10:30``, ``10:30 pm``, ``10:30 م``, ``10:30 مساء``
* an optional zone after that: ``GMT+3``, ``UTC``, ``+03:00``, ``بتوقيت مكة``, ``بتوقيت غرينتش``
* relative forms: ``3 hours ago``, ``yesterday``, ``منذ 3 ساعات``, ``منذ ساعتين``, ``أمس``
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from workers.core.text import match_form

EN_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
# Matching forms (ا for أ/إ/آ, ه for ة, ي for ى).
AR_MONTHS: dict[str, int] = {
    # Egyptian / Gulf (Syriac-free Latin-derived names)
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6,
    "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11,
    "كانون الاول": 12,
    # Maghrebi (Algeria, Tunisia) and Moroccan
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "جويلييه": 7,
    "اوت": 8, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(
    sorted((re.escape(m) for m in (*EN_MONTHS, *AR_MONTHS)), key=len, reverse=True)
)
_MONTHS = {**EN_MONTHS, **AR_MONTHS}

# Zones written as city names (fixed offsets: none of these observe DST today).
AR_ZONES: dict[str, int] = {
    "غرينتش": 0, "جرينتش": 0, "غرينيتش": 0, "مكه": 180, "مكه المكرمه": 180, "الرياض": 180,
    "القاهره": 120, "بيروت": 120, "دمشق": 180, "بغداد": 180, "عمان": 180, "القدس": 120,
    "الدوحه": 180, "الكويت": 180, "ابوظبي": 240, "ابو ظبي": 240, "دبي": 240, "الامارات": 240,
    "مسقط": 240, "المنامه": 180, "صنعاء": 180, "الخرطوم": 120, "طرابلس": 120, "تونس": 60,
    "الجزاير": 60, "الرباط": 60, "المغرب": 60,
}  # fmt: skip
EN_ZONES: dict[str, int] = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "ast": 180, "msk": 180, "ist": 330,
}  # fmt: skip
_AR_ZONE_ALT = "|".join(sorted(map(re.escape, AR_ZONES), key=len, reverse=True))
_EN_ZONE_ALT = "|".join(sorted(EN_ZONES, key=len, reverse=True))

_TIME = (
    r"(?:\s*(?:,|-|\||at|في|الساعه|الساعة|،)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<ampm>a\.?m\.?|p\.?m\.?|ص|م|صباحا|مساء|ظهرا|عصرا|ليلا)?"
    r"(?:\s*(?:(?P<zname>" + _EN_ZONE_ALT + r")\b\s*(?P<zoff>[+-]\s*\d{1,2}(?::?\d{2})?)?"
    r"|(?P<zraw>[+-]\d{2}:?\d{2})"
    r"|بتوقيت\s+(?P<zar>" + _AR_ZONE_ALT + r")))?)?"
)
_DAY_SUFFIX = r"(?:st|nd|rd|th)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(
            r"(?<!\d)(?P<year>(?:19|20)\d{2})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)"
            r"(?:[t ](?P<ihour>\d{1,2}):(?P<iminute>\d{2})(?::(?P<isecond>\d{2}))?(?:\.\d+)?"
            r"\s*(?P<izone>z|[+-]\d{2}:?\d{2})?)?",
        ),
    ),
    (
        "dmy_name",
        re.compile(
            r"(?<!\d)(?P<day>\d{1,2})" + _DAY_SUFFIX + r"\s*(?:of\s+)?(?:من\s+)?(?:شهر\s+)?"
            r"(?P<mname>" + _MONTH_ALT + r")(?![\w])\.?\s*(?:\(\s*[^)]{1,20}\)\s*)?,?\s*"
            r"(?:عام\s+|سنه\s+)?(?P<year>(?:19|20)\d{2})(?!\d)" + _TIME
        ),
    ),
    (
        "mdy_name",
        re.compile(
            r"(?<![\w])(?P<mname>"
            + _MONTH_ALT
            + r")\.?\s+(?P<day>\d{1,2})"
            + _DAY_SUFFIX
            + r"(?!\d)\s*,?\s*(?P<year>(?:19|20)\d{2})(?!\d)"
            + _TIME
        ),
    ),
    (
        "dmy_num",
        re.compile(
            r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
            r"(?P<year>(?:19|20)\d{2})(?![\d/])" + _TIME
        ),
    ),
]
_RELATIVE = re.compile(
    r"(?:(?P<en_n>\d+|an?|one)\s+(?P<en_unit>minute|min|hour|hr|day|week)s?\s+ago"
    r"|منذ\s+(?:(?P<ar_n>\d+)\s+)?(?P<ar_unit>دقيقه|دقايق|دقيقتين|ساعه|ساعات|ساعتين|يوم|ايام"
    r"|يومين|اسبوع|اسابيع|اسبوعين)"
    r"|(?P<yesterday>\byesterday\b|(?<![\w])امس(?![\w])|(?<![\w])البارحه(?![\w])))"
)
_UNIT_MINUTES = {
    "minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 1440, "week": 10080,
    "دقيقه": 1, "دقايق": 1, "دقيقتين": 1, "ساعه": 60, "ساعات": 60, "ساعتين": 60,
    "يوم": 1440, "ايام": 1440, "يومين": 1440, "اسبوع": 10080, "اسابيع": 10080,
    "اسبوعين": 10080,
}  # fmt: skip
_DUALS = {"دقيقتين", "ساعتين", "يومين", "اسبوعين"}


@dataclass(frozen=True)
class DateMatch:
    value: datetime
    start: int
    """Span in the matching form of the searched text."""
    end: int
    has_time: bool
    kind: str


def _zone(minutes: int) -> tzinfo:
    return UTC if minutes == 0 else timezone(timedelta(minutes=minutes))


def _offset_minutes(raw: str) -> int:
    raw = raw.replace(" ", "")
    sign = -1 if raw.startswith("-") else 1
    digits = raw.lstrip("+-").replace(":", "")
    if len(digits) <= 2:
        return sign * int(digits) * 60
    return sign * (int(digits[:-2]) * 60 + int(digits[-2:]))


def _build(m: re.Match[str], kind: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    g = m.groupdict()
    try:
        year = int(g["year"])
        if g.get("mname"):
            month = _MONTHS[g["mname"]]
            day = int(g["day"])
        else:
            month, day = int(g["month"]), int(g["day"])
            if kind == "dmy_num" and day <= 12 < month:  # 06/20/2024: month first
                month, day = day, month
        d = date(year, month, day)
    except (ValueError, KeyError):
        return None
    tz = default_tz
    hour = g.get("hour") or g.get("ihour")
    minute = g.get("minute") or g.get("iminute")
    second = g.get("second") or g.get("isecond") or "0"
    if g.get("izone"):
        tz = _zone(_offset_minutes(g["izone"])) if g["izone"] != "z" else UTC
    elif g.get("zname"):
        off = EN_ZONES[g["zname"]]
        if g.get("zoff"):
            off += _offset_minutes(g["zoff"])
        tz = _zone(off)
    elif g.get("zraw"):
        tz = _zone(_offset_minutes(g["zraw"]))
    elif g.get("zar"):
        tz = _zone(AR_ZONES[g["zar"]])
    if hour is None:
        return datetime.combine(d, time(0, 0), tzinfo=tz), False
    h, mi, s = int(hour), int(minute or 0), int(second)
    ampm = (g.get("ampm") or "").replace(".", "")
    if ampm in ("pm", "م", "مساء", "عصرا", "ليلا") and h < 12:
        h += 12
    elif ampm in ("am", "ص", "صباحا") and h == 12:
        h = 0
    elif ampm == "ظهرا" and h < 6:
        h += 12
    try:
        return datetime.combine(d, time(h, mi, s), tzinfo=tz), True
    except ValueError:
        return datetime.combine(d, time(0, 0), tzinfo=tz), False


def find_dates(
    text: str,
    *,
    reference: datetime | None = None,
    default_tz: tzinfo = UTC,
    normalized: bool = False,
) -> list[DateMatch]:
    """All dates written in ``text`` (absolute ones, and relative ones when ``reference`` —
    usually the fetch time — is given), in order of position, overlapping matches removed."""
    norm = text if normalized else match_form(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            built = _build(m, kind, default_tz)
            if built is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(built[0], m.start(), m.end(), built[1], kind))
    if reference is not None:
        ref = reference if reference.tzinfo else reference.replace(tzinfo=UTC)
        for m in _RELATIVE.finditer(norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if m.group("yesterday"):
                value = datetime.combine(
                    (ref - timedelta(days=1)).date(), time(0, 0), tzinfo=ref.tzinfo
                )
                found.append(DateMatch(value, m.start(), m.end(), False, "relative"))
                continue
            unit = m.group("en_unit") or m.group("ar_unit")
            raw_n = m.group("en_n") or m.group("ar_n")
            if raw_n is None:
                n = 2 if unit in _DUALS else 1
            elif raw_n in ("a", "an", "one"):
                n = 1
            else:
                n = int(raw_n)
            value = ref - timedelta(minutes=n * _UNIT_MINUTES[unit])
            found.append(DateMatch(value, m.start(), m.end(), True, "relative"))
    found.sort(key=lambda d: d.start)
    return found


def date_coverage(line: str) -> tuple[float, DateMatch | None]:
    """Share of a line's matching form covered by its first date (with time and weekday
    words counted as covered) — high for a standalone date line such as a dateline."""
    norm = match_form(line)
    if not norm:
        return 0.0, None
    matches = find_dates(norm, normalized=True, reference=datetime.now(UTC))
    if not matches:
        return 0.0, None
    covered = sum(m.end - m.start for m in matches)
    rest = norm
    for m in reversed(matches):
        rest = rest[: m.start] + rest[m.end :]
    rest = _FILLER.sub("", rest)
    return 1.0 - len(rest.strip()) / max(len(norm), 1) if covered else 0.0, matches[0]


_FILLER = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat"
    r"|sun|published|updated|posted|on|at|last|modified|date|الاحد|الاثنين|الثلاثاء|الاربعاء"
    r"|الخميس|الجمعه|السبت|يوم|نشر|نشرت|في|تاريخ|النشر|اخر|تحديث|تم|التحديث|محدث|بتاريخ"
    r"|الموافق)\b|[\s,|:\-/.()•·]"
)


_RFC_2822 = re.compile(
    r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?\s*$"
)


def parse_datetime(value: str | datetime | None, *, default_tz: tzinfo = UTC) -> datetime | None:
    """A metadata date (ISO 8601, RFC 2822 as in feeds, or any text form above) → aware
    datetime, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=default_tz)
    raw = value.strip()
    if not raw:
        return None
    iso = raw.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        parsed = datetime.fromisoformat(iso)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=default_tz)
    except ValueError:
        pass
    if _RFC_2822.match(raw):  # the email parser guesses at anything else (drops "pm")
        try:
            parsed = parsedate_to_datetime(raw)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=default_tz)
        except (TypeError, ValueError, IndexError):
            pass
    matches = find_dates(raw, default_tz=default_tz)
    return matches[0].value if matches else None


def choose_published_at(
    candidates: Iterable[datetime | None],
    fetched_at: datetime,
    *,
    earliest_year: int = 1990,
) -> datetime | None:
    """First candidate (in priority order) that is aware, not after ``fetched_at`` and not
    absurdly old. A date-only candidate on the fetch day counts as that day's midnight."""
    fetched = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
    for candidate in candidates:
        if candidate is None:
            continue
        value = candidate if candidate.tzinfo else candidate.replace(tzinfo=UTC)
        if value.year < earliest_year or value > fetched:
            continue
        return value
    return None
