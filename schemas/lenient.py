"""Normalizers for the shapes real feeds send, applied by ``RawArticle`` on the way in.

A good article in a slightly different shape is not garbage: a date in RFC 2822 (what RSS
uses) or as epoch milliseconds, a list of authors, a numeric id, metadata values that are not
strings, ``null`` for something optional. Each function turns such a value into the model's
type or raises a ``PydanticCustomError`` whose message says what was expected (the ingest code
adds the field name and the value's type).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from pydantic_core import PydanticCustomError

JsonObject = dict[str, Any]

DATE_FORMS = (
    "a date: ISO 8601 (with or without zone or time), RFC 2822, epoch seconds or milliseconds, "
    "or a written date such as '31 March 2018 11:39'"
)

# Epoch numbers are told apart by size: seconds up to year 5138, then milliseconds, then
# microseconds (a millisecond value before March 1973 would read as seconds: no news is that old
# in an epoch field).
_EPOCH_MS = 1e11
_EPOCH_US = 1e14
_EPOCH_NS = 1e17


def json_type(value: Any) -> str:
    """The JSON name of a value's type, as a producer thinks of it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _expected(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def to_optional_text(value: Any) -> Any:
    """``null`` or blank → None; a number → its decimal text (a title like ``2024``)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_text(value)
    raise _expected("string_expected", "expected a string or null")


def to_id(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise _expected("id_expected", "expected a string or a finite number")
        return _number_text(value)
    raise _expected("id_expected", "expected a string or a number")


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_author(value: Any) -> Any:
    """One author, or several (a list of names, or JSON Feed style ``{"name": …}`` objects)
    joined with ', ' in the order given."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list | tuple):
        names: list[str] = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name")
            if item is None:
                continue
            if not isinstance(item, str):
                raise _expected(
                    "author_expected",
                    "expected a string, a list of strings or objects with a 'name'",
                )
            if item.strip() and item.strip() not in names:
                names.append(item.strip())
        return ", ".join(names) or None
    raise _expected(
        "author_expected", "expected a string, a list of strings or objects with a 'name'"
    )


def to_text(value: Any) -> Any:
    """Text as a list of paragraphs → paragraphs separated by a blank line."""
    if isinstance(value, list | tuple) and all(isinstance(p, str) for p in value):
        return "\n\n".join(p for p in value if p.strip())
    if value is None or isinstance(value, str):
        return value
    raise _expected("text_expected", "expected a string, a list of strings or null")


def to_metadata(value: Any) -> Any:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    raise _expected("metadata_expected", "expected a JSON object or null")


def to_datetime(value: Any) -> Any:
    """Every date form feeds use → an aware datetime (UTC when the value has no zone)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, bool):
        raise _expected("date_expected", f"expected {DATE_FORMS}")
    if isinstance(value, int | float):
        return _from_epoch(value)
    if not isinstance(value, str):
        raise _expected("date_expected", f"expected {DATE_FORMS}")
    raw = value.strip()
    if not raw:
        return None
    if raw.isdigit() and len(raw) == 8:  # 20180331
        try:
            return datetime.strptime(raw, "%Y%m%d").replace(tzinfo=UTC)
        except ValueError:
            pass
    if raw.replace(".", "", 1).isdigit() and len(raw) >= 9:  # epoch as a string
        return _from_epoch(float(raw))
    from workers.core.dates import parse_datetime  # the one date parser of the project

    parsed = parse_datetime(raw)
    if parsed is None:
        raise _expected("date_expected", f"expected {DATE_FORMS}")
    return parsed


def _from_epoch(number: float) -> datetime:
    if not math.isfinite(number):
        raise _expected("date_expected", f"expected {DATE_FORMS}")
    magnitude = abs(number)
    if magnitude >= _EPOCH_NS:
        seconds = number / 1e9
    elif magnitude >= _EPOCH_US:
        seconds = number / 1e6
    elif magnitude >= _EPOCH_MS:
        seconds = number / 1e3
    else:
        seconds = number
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError) as exc:
        raise _expected("date_expected", f"expected {DATE_FORMS}") from exc
