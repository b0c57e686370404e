"""Text normalization shared by every stage.

Two forms of the same text, never mixed up:

* the *display* form (``normalize_display``): what users read and what offsets index into.
  Mojibake fixed (``ftfy``), zero-width, bidi and control characters removed, exotic spaces
  unified and runs collapsed, line breaks unified, Arabic presentation forms decomposed to
  ordinary letters. Quotes, dashes, diacritics and digits are kept as the author wrote them.
* the *matching* form (``match_form``, never shown to users): NFKC, case-folded, Arabic
  diacritics and tatweel removed, alef/hamza carriers, alef maqsura, ta marbuta and Persian/Urdu
  letter variants unified, Arabic-Indic digits and Arabic punctuation to ASCII, every quote
  style to ``"`` or ``'``, every dash to ``-``, format characters removed. Used by entities,
  claims, duplicate detection, chrome fingerprints and the index. Its length can differ from
  the input, so stages that need offsets use ``match_form_with_offsets``.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache

import ftfy

ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff]")
TATWEEL = "\u0640"
_CHAR_MAP = str.maketrans(
    {
        # alef and hamza carriers
        "\u0622": "\u0627",  # آ → ا
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ (wasla) → ا
        "\u0672": "\u0627",  # ٲ → ا
        "\u0673": "\u0627",  # ٳ → ا
        "\u0675": "\u0627",  # ٵ → ا
        "\u0624": "\u0648",  # ؤ → و
        "\u0676": "\u0648",  # ٶ → و
        "\u0677": "\u0648",  # ٷ → و
        "\u0626": "\u064a",  # ئ → ي
        "\u0678": "\u064a",  # ٸ → ي
        # ya, ta marbuta, ha, kaf variants
        "\u0649": "\u064a",  # ى → ي
        "\u06cc": "\u064a",  # Persian ye → ي
        "\u06d0": "\u064a",  # ې → ي
        "\u06d2": "\u064a",  # Urdu ے → ي
        "\u0629": "\u0647",  # ة → ه
        "\u06c0": "\u0647",  # ۀ → ه
        "\u06c1": "\u0647",  # ہ → ه
        "\u06be": "\u0647",  # ھ → ه
        "\u06d5": "\u0647",  # ە → ه
        "\u06a9": "\u0643",  # Persian kaf → ك
        "\u06aa": "\u0643",  # ڪ → ك
        # Arabic punctuation and number signs
        "\u060c": ",",  # ،
        "\u061b": ";",  # ؛
        "\u061f": "?",  # ؟
        "\u066a": "%",  # ٪
        "\u066b": ".",  # ٫ decimal separator
        "\u066c": ",",  # ٬ thousands separator
        "\u06d4": ".",  # ۔
        # quotes and dashes
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e", '"'),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b", "-"),
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def match_char(ch: str) -> str:
    """Matching form of one character ('' when it is dropped)."""
    if ch == TATWEEL or ARABIC_DIACRITICS.match(ch):
        return ""
    if ch.isspace():
        return " "
    if unicodedata.category(ch) == "Cf":  # zero-width, bidi marks, soft hyphen …
        return ""
    out = unicodedata.normalize("NFKC", ch).casefold().translate(_CHAR_MAP)
    # NFKC can produce diacritics (e.g. from presentation forms with harakat): drop them.
    if len(out) > 1 or ARABIC_DIACRITICS.match(out):
        out = ARABIC_DIACRITICS.sub("", out).replace(TATWEEL, "")
    return out


class _MatchTable(dict[int, str]):
    """``str.translate`` table computed lazily from ``match_char``: after warm-up the
    matching form is one C-level pass over the text."""

    def __missing__(self, code: int) -> str:
        if len(self) > 200_000:  # bounded even for inputs that use every code point
            self.clear()
        ch = chr(code)
        value = " " if ch.isspace() else match_char(ch)
        self[code] = value
        return value


_MATCH_TABLE = _MatchTable()


def match_form(text: str) -> str:
    """Matching form of a text, whitespace collapsed."""
    return _SPACES.sub(" ", text.translate(_MATCH_TABLE)).strip()


def match_form_with_offsets(text: str) -> tuple[str, list[int]]:
    """Matching form (whitespace kept as single characters) and, for every character of it,
    the offset of the source character it came from."""
    table = _MATCH_TABLE
    # Most characters map to exactly one: only the others (dropped diacritics, tatweel,
    # ligatures that expand) need offsets of their own; the runs between them map 1:1.
    irregular = [ch for ch in set(text) if len(table[ord(ch)]) != 1]
    norm = text.translate(table)
    if not irregular:
        return norm, list(range(len(text)))
    offsets: list[int] = []
    previous = 0
    pattern = re.compile("[" + "".join(_class_escape(ch) for ch in irregular) + "]")
    for found in pattern.finditer(text):
        i = found.start()
        offsets.extend(range(previous, i))
        offsets.extend([i] * len(table[ord(text[i])]))
        previous = i + 1
    offsets.extend(range(previous, len(text)))
    return norm, offsets


def _class_escape(ch: str) -> str:
    return f"\\U{ord(ch):08x}"


ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def script_share(text: str) -> tuple[float, float]:
    """Shares of Arabic and Latin letters among all letters."""
    arabic = len(ARABIC_LETTER.findall(text))
    latin = len(LATIN_LETTER.findall(text))
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    return arabic / letters, latin / letters


# --- display normalization ---------------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html="auto",
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,
    fix_character_width=False,
    uncurl_quotes=False,  # display keeps the author's quotes
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)
# Invisible characters that carry no meaning in news text: zero-width space, word joiner,
# BOM, soft hyphen, Mongolian vowel separator, bidi marks/embeddings/isolates, Arabic letter
# mark, invisible operators, interlinear annotation marks.
_INVISIBLE = re.compile(
    "[\u200b\u2060-\u2064\ufeff\u00ad\u180e\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
    "\u206a-\u206f\ufff9-\ufffb\u034f]"
)
# ZWJ/ZWNJ are meaningful between Arabic-script letters (Persian, Urdu); elsewhere they go.
_ZWJ_NOT_BETWEEN_ARABIC = re.compile(
    "(?<![\u0600-\u06ff\u0750-\u077f])[\u200c\u200d]|[\u200c\u200d](?![\u0600-\u06ff\u0750-\u077f])"
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_EXOTIC_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\u0085|\x0b|\x0c")
_SPACE_RUNS = re.compile(" {2,}")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _nfkc_match(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


# Cheap pre-check so ftfy (milliseconds per article) only runs on text that may need it:
# UTF-8 read as Latin-1/cp1252 (``Ã©``, ``Ø§Ù„``, ``â€œ``), HTML entities, C1 controls.
_MAYBE_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac"
    "\u2122]|[\u00e0-\u00ef][\u0080-\u00bf\u0152-\u2122]{2}"
    "|&(?:[a-zA-Z]{2,8}|#\\d{2,6}|#x[0-9a-fA-F]{2,5});|[\u0080-\u009f]"
)
# Arabic UTF-8 read as Windows-1256 (``ط§ظ„``), which ftfy does not repair: lead bytes D8/D9
# become ط/ظ followed by a symbol or Latin-range character no Arabic word has there.
_CP1256_MOJIBAKE = re.compile("[\u0637\u0638][\u0080-\u00ff\u2018-\u2026\u0679\u06ba\u0152\u0153]")


def _fix_cp1256(text: str) -> str:
    if len(_CP1256_MOJIBAKE.findall(text)) < 3:
        return text
    fixed_lines = []
    for line in text.split("\n"):
        if _CP1256_MOJIBAKE.search(line):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                line = line.encode("cp1256").decode("utf-8")
        fixed_lines.append(line)
    return "\n".join(fixed_lines)


def normalize_display(text: str, *, fix_mojibake: bool = True) -> str:
    """Display form: faithful to what the author wrote, minus encoding damage and invisible
    junk. Lines are stripped and inner space runs collapsed; line structure is kept."""
    if not text:
        return ""
    if fix_mojibake:  # before line breaks: U+0085 is part of Latin-1 mojibake (م → Ù\x85)
        if _MAYBE_MOJIBAKE.search(text):
            text = ftfy.fix_text(text, _FTFY_CONFIG)
        text = _fix_cp1256(text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ZWJ_NOT_BETWEEN_ARABIC.sub("", text)
    text = _CONTROLS.sub(lambda m: "\n" if m.group(0) in "\x0b\x0c" else "", text)
    text = _PRESENTATION_FORMS.sub(_nfkc_match, text)
    text = _EXOTIC_SPACES.sub(" ", text)
    text = _SPACE_RUNS.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def has_invalid_unicode(text: str) -> bool:
    """Lone surrogates (undecodable bytes smuggled through ``surrogateescape``) cannot be
    encoded as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


_LETTER = re.compile(r"[^\W\d_]")
_WHITESPACE = re.compile(r"\s")


def count_letters(text: str) -> int:
    return len(_LETTER.findall(text))


def letter_share(text: str) -> float:
    """Share of letters among non-space characters (low for binary, base64 or number dumps)."""
    visible = len(text) - len(_WHITESPACE.findall(text))
    return count_letters(text) / visible if visible else 0.0
