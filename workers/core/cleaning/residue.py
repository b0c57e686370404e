"""CMS residue in scraped text: shortcodes, end markers, image/file slug lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workers.core.cleaning.lexicon import Lexicon

# [ad_1], [ad_2] … (WP Automatic and similar plugins put ad_1 before and ad_2 after the post).
AD_MARKER = re.compile(r"\[/?ad_(\d+)\s*/?\]", re.IGNORECASE)
# Any shortcode with attributes (key="value"), opening or self-closing; body text in square
# brackets ([sic], [1], [...]) never has them.
ATTR_SHORTCODE = re.compile(
    r"\[/?[a-z][a-z0-9_-]*(?:\s+[a-z_][a-z0-9_-]*\s*=\s*(?:\"[^\"\]]*\"|'[^'\]]*'|[^\s\]]+))+"
    r"\s*/?\]",
    re.IGNORECASE,
)
# Underscored names with a number (ad_1, vc_2 …) or page-builder prefixes.
GENERIC_SHORTCODE = re.compile(
    r"\[/?(?:[a-z]+_\d+|(?:vc|et_pb|fusion|su|tie|td|mkd|qode|cs|x|av|tdc)_[a-z0-9_]+)"
    r"(?:\s[^\]\n]{0,300})?\s*/?\]",
    re.IGNORECASE,
)

UUID_LINE = re.compile(
    r"^[0-9a-f]{8}[\s_-]?[0-9a-f]{4}[\s_-]?[0-9a-f]{4}[\s_-]?[0-9a-f]{4}[\s_-]?[0-9a-f]{12}$",
    re.IGNORECASE,
)
HEX_GROUPS_LINE = re.compile(  # hex groups with digits and letters: not a date
    r"^(?=.*\d)(?=.*[a-f])[0-9a-f]{4,}(?:[\s_-][0-9a-f]{2,}){2,}$|^[0-9a-f]{24,}$",
    re.IGNORECASE,
)
FILE_LINE = re.compile(
    r"^[\w\u0600-\u06ff().\s-]{1,120}\.(?:jpe?g|png|gif|webp|avif|bmp|svg|tiff?|heic|pdf|docx?"
    r"|xlsx?|pptx?|mp4|mov|webm|mp3|wav|m4a|zip|rar)(?:\?\S*)?$",
    re.IGNORECASE,
)
SLUG_LINE = re.compile(r"^(?=\S*\d)(?=\S*[a-z])[a-z0-9]+(?:[-_][a-z0-9]+){2,}$")
URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
IMAGE_SIZE_LINE = re.compile(r"^(?:img|image|dsc|photo|pic|screenshot|wa)[-_ ]?\S*\d\S*$", re.I)


END_SENTINEL = "\x00END\x00"
"""Stands alone on the line where the end marker was."""


@dataclass
class ResidueResult:
    text: str
    """Text without shortcodes; the end marker, if any, replaced by an ``END_SENTINEL`` line."""
    has_end_marker: bool
    removed: int
    """Shortcodes and captions removed."""


def _drop_pairs(text: str, names: set[str]) -> tuple[str, int]:
    removed = 0
    for name in names:
        if f"[{name}" not in text.lower():
            continue
        pair = re.compile(
            r"\["
            + re.escape(name)
            + r"(?:\s[^\]]{0,500})?\].{0,4000}?\[/"
            + re.escape(name)
            + r"\s*\]",
            re.IGNORECASE | re.DOTALL,
        )
        text, n = pair.subn("\n", text)
        removed += n
    return text, removed


def strip_residue(text: str, lexicon: Lexicon) -> ResidueResult:
    """Remove shortcodes (captions, embeds and galleries with their content; layout wrappers
    keeping theirs) and locate the end marker (the last ``[ad_N]`` with N ≥ 2)."""
    removed = 0
    if "[" not in text:
        return ResidueResult(text, False, 0)
    text, n = _drop_pairs(text, lexicon.drop_shortcodes)
    removed += n
    # End marker: the last [ad_N], N >= 2. Replace it by a sentinel line.
    markers = [m for m in AD_MARKER.finditer(text) if int(m.group(1)) >= 2]
    if markers:
        last = markers[-1]
        text = text[: last.start()] + f"\n{END_SENTINEL}\n" + text[last.end() :]
    text, n = AD_MARKER.subn("", text)
    removed += n
    names = lexicon.drop_shortcodes | lexicon.unwrap_shortcodes
    if names:
        known = re.compile(
            r"\[/?(?:" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")"
            r"(?:\s[^\]\n]{0,500})?\s*/?\]",
            re.IGNORECASE,
        )
        text, n = known.subn("", text)
        removed += n
    text, n = ATTR_SHORTCODE.subn("", text)
    removed += n
    text, n = GENERIC_SHORTCODE.subn("", text)
    removed += n
    return ResidueResult(text, bool(markers), removed)


def is_slug_line(line: str) -> bool:
    """Image/file slug lines: UUIDs and hex groups (split by spaces or dashes), file names,
    slugified file stems, bare URLs."""
    s = line.strip()
    if not s or len(s) > 200:
        return False
    return bool(
        UUID_LINE.match(s)
        or HEX_GROUPS_LINE.match(s)
        or (s.count(" ") <= 3 and FILE_LINE.match(s))
        or SLUG_LINE.match(s)
        or URL_LINE.match(s)
        or (" " not in s and IMAGE_SIZE_LINE.match(s))
    )
