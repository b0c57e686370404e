"""Build ``workers/data/claims/first_names_en.json``: the grammatical gender English news
gives a first name, counted on the unlabelled feed (``feeds/en-news.jsonl.gz``).

    python -m bench.claims.first_name_genders [--feed FILE] [--out FILE] [--min N]
        [--female F] [--male M]

For every ``First Last`` (two capitalised words, the first not a title or a sentence-opening
function word), the first third-person singular pronoun within the next ``WINDOW`` words
(he/him/his/himself vs she/her/hers/herself) votes for the first name, unless another
``First Last`` comes before it (the pronoun may be that one's). A name is kept when it has
at least ``--min`` votes and its share of feminine votes is at least ``--female`` (a woman)
or at most ``--male`` (a man). The thresholds are not symmetric because political news
talks mostly about men: a pronoun after a woman's name is often some man's (Hillary: 67%
feminine, Nancy 75%; Donald 6%, Bernie 22% — a rival's name nearby); names in between
stay unknown (Kellyanne 27%), and Sarah (55%) still counts as a woman. Only the chosen
names are written (word statistics, no feed text). The claim extractor reads the list
(``workers/core/claims/english_gender.py``): ``she said`` right after Tom Harlow was named
looks back for a woman.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from workers.core.claims.brat import _shared_default

WINDOW = 12
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*|[.!?;]")
NOT_FIRST = frozenset(
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "and",
        "but",
        "of",
        "to",
        "by",
        "with",
        "from",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "president",
        "senator",
        "governor",
        "secretary",
        "new",
        "north",
        "south",
        "east",
        "west",
        "united",
        "white",
        "supreme",
        "democratic",
        "republican",
        "former",
    }
)
OUT = Path(__file__).resolve().parents[2] / "workers/data/claims/first_names_en.json"


def votes(text: str) -> Iterable[tuple[str, str]]:
    """(first name, gender) for each ``First Last`` whose next 3rd-person singular pronoun
    comes before any other ``First Last``."""
    tokens = TOKEN.findall(text)
    pending: str | None = None
    since = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.casefold()
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            tok[:1].isupper()
            and not tok.isupper()
            and nxt[:1].isupper()
            and not nxt.isupper()
            and low not in NOT_FIRST
            and "." not in tok
            and len(tok) > 1
        ):
            pending, since = low, 0
            i += 2
            continue
        if pending is not None:
            since += 1
            if low in MALE or low in FEMALE:
                yield pending, "m" if low in MALE else "f"
                pending = None
            elif since > WINDOW:
                pending = None
        i += 1


def count(lines: Iterable[str]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for line in lines:
        article = json.loads(line)
        for name, gender in votes(article.get("text") or ""):
            out.setdefault(name, Counter())[gender] += 1
    return out


def choose(
    counts: dict[str, Counter[str]], minimum: int, female: float, male: float
) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for name, c in sorted(counts.items()):
        total = c["m"] + c["f"]
        if total < minimum:
            continue
        share = c["f"] / total
        if share >= female:
            chosen[name] = "f"
        elif share <= male:
            chosen[name] = "m"
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feed", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min", type=int, default=8)
    parser.add_argument("--female", type=float, default=0.45)
    parser.add_argument("--male", type=float, default=0.25)
    args = parser.parse_args(argv)
    feed = args.feed or _shared_default() / "feeds/en-news.jsonl.gz"
    with gzip.open(feed, "rt", encoding="utf-8") as lines:
        counts = count(lines)
    chosen = choose(counts, args.min, args.female, args.male)
    doc = (
        "First names and the pronoun English news uses after them (m / f), counted by "
        "bench/claims/first_name_genders.py on the unlabelled en-news feed "
        f"(window {WINDOW} words, min {args.min} votes, feminine share ≥ {args.female}: f, "
        f"≤ {args.male}: m); word statistics only."
    )
    payload = {"_doc": doc, "names": chosen}
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    genders = Counter(chosen.values())
    print(f"{len(chosen)} names ({genders['m']} m, {genders['f']} f) → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
