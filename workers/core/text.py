"""Text normalization shared by every stage.

``match_form`` is the *matching* form (never shown to users): Unicode NFKC, case-folded,
Arabic diacritics and tatweel removed, alef/hamza carriers, alef maqsura and ta marbuta unified,
Arabic-Indic digits to ASCII. Its length can differ from the input, so stages that need offsets
use ``match_form_with_offsets``.
"""

from __future__ import annotations

import re
import unicodedata

ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
_CHAR_MAP = str.maketrans(
    {
        "\u0622": "\u0627",  # آ → ا
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        "\u0624": "\u0648",  # ؤ → و
        "\u0626": "\u064a",  # ئ → ي
        "\u06cc": "\u064a",  # Persian ye → ي
        "\u06a9": "\u0643",  # Persian kaf → ك
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_SPACES = re.compile(r"\s+")


def match_char(ch: str) -> str:
    """Matching form of one character ('' when it is dropped)."""
    if ch == TATWEEL or ARABIC_DIACRITICS.match(ch):
        return ""
    return unicodedata.normalize("NFKC", ch).casefold().translate(_CHAR_MAP)


def match_form(text: str) -> str:
    """Matching form of a text, whitespace collapsed."""
    return _SPACES.sub(" ", "".join(match_char(ch) for ch in text)).strip()


def match_form_with_offsets(text: str) -> tuple[str, list[int]]:
    """Matching form (whitespace kept as single characters) and, for every character of it,
    the offset of the source character it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        mapped = " " if ch.isspace() else match_char(ch)
        for m in mapped:
            out.append(m)
            offsets.append(i)
    return "".join(out), offsets


ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def script_share(text: str) -> tuple[float, float]:
    """Shares of Arabic and Latin letters among all letters."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    return arabic / letters, latin / letters
