"""Cut a text into paragraphs, quotations, sentences and tokens, keeping display offsets.

Quotes are found before sentences so a full stop inside a quotation never ends a sentence.
Tokens carry their matching form (``workers.core.text.match_form``) so cue lexicons match
regardless of diacritics and hamza spelling while offsets still index the display text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from workers.core.text import match_form

OPENING_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "”"}
CLOSING_QUOTES = {"”", "»", '"'}
SENTENCE_END = frozenset(".!?؟")
# Word characters plus the Arabic marks that Python's \w leaves out (harakat, tatweel).
WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+(?:['’][\w]+)?")
NAME_THEN_CUE = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+){1,4}(?:said|says|asked|asks|replied|replies|told|tells|added"
    r"|adds|wrote|writes|shouted|tweeted|continued|responded|answered|recalled|declared"
    r"|exclaimed|quipped|joked|wondered)\b"
)
"""After a quotation closing on ? or !: a name and a speech verb attribute it (``“Why?”
Sanders replied``), so no sentence ends there."""
DATELINE = re.compile(
    r"[^\n()\"«»“”.]{2,60}?\s?\(+"
    r"(?:[A-Za-z][A-Za-z .]{1,20}|أ ف ب|ا ف ب|رويترز|د ب أ|أ ش أ|واس|وام|كونا)"
    r"[()]*\s*[-–—]{1,2}\s*"
)
"""``دبي، الإمارات العربية المتحدة (CNN)-- …``, ``WASHINGTON (Reuters) - …``: where and through
whom, before the first sentence. It is a sentence of its own, or the place reads as the
subject of the cue after it."""
DOTTED_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
EN_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "ltd",
        "co",
        "vs",
        "etc",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1


@dataclass(frozen=True)
class Token:
    text: str
    norm: str
    start: int
    end: int
    is_word: bool
    in_quote: bool


@dataclass
class Sentence:
    text: str
    """The whole field text the offsets index into."""
    start: int
    end: int
    quotes: list[Quote] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)

    @property
    def value(self) -> str:
        return self.text[self.start : self.end]


@dataclass
class Paragraph:
    text: str
    start: int
    end: int
    quotes: list[Quote]
    sentences: list[Sentence]

    @property
    def value(self) -> str:
        return self.text[self.start : self.end]


@lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    return match_form(word)


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quotation spans in ``text[start:end]``. Curly and guillemet quotes nest; straight
    quotes alternate. A closing mark with nothing open opens a quote (some sites reverse
    them); a quote left open runs to the end of the paragraph (multi-paragraph quotes)."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    mixed = _mixed_marks(text, start, end)
    for i in range(start, end):
        ch = text[i]
        if ch == '"' and mixed:
            # ``"A,” she said`` (a straight mark closed by a curly one, or the reverse): the
            # side of the mark its spaces are on says whether it opens or closes.
            side = _straight_side(text, i, start, end)
            if side == "open":
                stack.append(("“", i))
            elif side == "close" and stack and stack[-1][0] in ("“", '"'):
                quotes.append(Quote(stack.pop()[1], i + 1))
            continue
        if ch == '"':
            if stack and stack[-1][0] == '"':
                quotes.append(Quote(stack.pop()[1], i + 1))
            elif _straight_quote_opens(text, i, start, end):
                stack.append(('"', i))
            continue
        if stack and ch == OPENING_QUOTES.get(stack[-1][0]):
            quotes.append(Quote(stack.pop()[1], i + 1))
        elif ch in OPENING_QUOTES:
            stack.append((ch, i))
        elif ch == "”" and not stack:
            stack.append(("“", i))
    if stack:
        # A dangling quote's inner text runs to the paragraph end (``end`` is past its mark).
        quotes.append(Quote(stack[0][1], end + 1))
    return _outermost(quotes)


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """The quotes no other quote contains, sorted and disjoint. Quotes close in stack order,
    so any two are nested or disjoint: one sweep by start (a pairwise test was quadratic in
    the number of quotation marks)."""
    outermost: list[Quote] = []
    reach = -1
    for quote in sorted(quotes, key=lambda q: (q.start, -q.end)):
        if quote.end <= reach:
            continue
        outermost.append(quote)
        reach = quote.end
    return outermost


def _mixed_marks(text: str, start: int, end: int) -> bool:
    """A paragraph with straight and curly marks together (``"A,” she said``: a site mixing
    both styles), whose straight marks cannot be paired by alternation."""
    if '"' not in text[start:end]:
        return False
    return "“" in text[start:end] or "”" in text[start:end]


OPEN_BEFORE = frozenset(" \t\n([{—–-/")


def _straight_side(text: str, i: int, start: int, end: int) -> str:
    """``open`` after a space (or the paragraph start, a bracket, a dash) and before a
    non-space, ``close`` after a non-space and before a space or punctuation, else ``?``."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if before in OPEN_BEFORE and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "?"


def _straight_quote_opens(text: str, i: int, start: int, end: int) -> bool:
    """An opening straight quote has a closing partner later in the paragraph."""
    return text.find('"', i + 1, end) != -1


def _inside(quotes: list[Quote], i: int) -> bool:
    """``quotes`` sorted and disjoint (outermost ones): only the last one starting before
    ``i`` can contain it."""
    k = bisect.bisect_left(quotes, i, key=lambda q: q.start) - 1
    return k >= 0 and i < quotes[k].end - 1


def split_paragraphs(text: str) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for match in re.finditer(r"[^\n]+", text):
        if not match.group(0).strip():
            continue
        start, end = match.start(), match.end()
        quotes = find_quotes(text, start, end)
        paragraphs.append(
            Paragraph(text, start, end, quotes, split_sentences(text, start, end, quotes))
        )
    return paragraphs


def split_sentences(text: str, start: int, end: int, quotes: list[Quote]) -> list[Sentence]:
    sentences: list[Sentence] = []
    sent_start = start
    dateline = DATELINE.match(text, start, end)
    if dateline:
        sentences.append(_sentence(text, start, dateline.end(), quotes))
        sent_start = dateline.end()
    i = sent_start
    while i < end:
        ch = text[i]
        if ch in SENTENCE_END and not _inside(quotes, i):
            j = i + 1
            while j < end and (text[j] in SENTENCE_END or text[j] in CLOSING_QUOTES):
                j += 1
            if (j >= end or text[j].isspace()) and not _is_abbreviation(text, sent_start, i):
                sentences.append(_sentence(text, sent_start, j, quotes))
                sent_start = j
                i = j
                continue
        elif ch in CLOSING_QUOTES and i > start and text[i - 1] in SENTENCE_END:
            # “We are ready.” The next sentence … — a quote closing on its own full stop.
            nxt = i + 1
            while nxt < end and text[nxt] == " ":
                nxt += 1
            # “Why not?” Sanders replied. — the quotation's attribution: no sentence end
            attribution = text[i - 1] in "?!" and NAME_THEN_CUE.match(text, i + 1, end)
            if (
                not attribution
                and nxt < end
                and (text[nxt].isupper() or text[nxt] in OPENING_QUOTES)
            ):
                sentences.append(_sentence(text, sent_start, i + 1, quotes))
                sent_start = i + 1
        i += 1
    if text[sent_start:end].strip():
        sentences.append(_sentence(text, sent_start, end, quotes))
    return [s for s in sentences if s.value.strip()]


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > sent_start and (
        text[word_start - 1].isalpha() or text[word_start - 1] == "."
    ):
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and word.isascii():
        return True  # an initial: "John F. Kennedy", "U.S."
    if DOTTED_ACRONYM.fullmatch(word) and LOWER_WORD_NEXT.match(text, dot + 1):
        return True  # "the F.B.I. has said": an acronym, the sentence goes on
    return word in EN_ABBREVIATIONS


def _sentence(text: str, start: int, end: int, para_quotes: list[Quote]) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # Sorted and disjoint, so ends are sorted too: the overlapping ones are one slice.
    lo = bisect.bisect_right(para_quotes, start, key=lambda q: q.end)
    hi = bisect.bisect_left(para_quotes, end, key=lambda q: q.start)
    quotes = para_quotes[lo:hi]
    return Sentence(text, start, end, quotes, tokenize(text, start, end, quotes))


def tokenize(text: str, start: int, end: int, quotes: list[Quote]) -> list[Token]:
    tokens: list[Token] = []
    i = start
    while i < end:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        match = WORD.match(text, i, end)
        if match:
            word = match.group(0)
            tokens.append(Token(word, norm_word(word), i, match.end(), True, _inside(quotes, i)))
            i = match.end()
        else:
            in_quote = _inside(quotes, i) and ch not in OPENING_QUOTES
            tokens.append(Token(ch, ch, i, i + 1, False, in_quote))
            i += 1
    return tokens


def strip_span(text: str, start: int, end: int, chars: str = " \t\n.,،;؛:") -> tuple[int, int]:
    """Trim whitespace and edge punctuation from a span."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
