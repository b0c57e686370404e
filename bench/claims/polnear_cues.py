"""Cue statistics learned from PolNeAR train: ``python -m bench.claims.polnear_cues [DIR]``.

For every single-word cue form of our English lexicon: how often it occurs in the train
texts, how often annotators marked that occurrence as (part of) a cue, and the rate. Forms
that are rarely a cue are the ones the parser gates (``noun_ambiguous``); annotated cue
words missing from the lexicon are listed as candidates. Prints JSON (counts only, no text).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from workers.core.claims.brat import _shared_default, is_speech_cue, load_brat
from workers.core.claims.lexicon import english_lexicon

WORD = re.compile(r"[A-Za-z]+")


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    directory = Path(args[0]) if args else _shared_default() / "attribution/en-polnear/train"
    items = load_brat(directory)
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    speech_cue_words: Counter[str] = Counter()
    for item in items:
        cue_chars: set[int] = set()
        for relation in item.relations:
            for a, b in relation.cue:
                cue_chars.update(range(a, b))
            if relation.speech:
                speech_cue_words.update(w.casefold() for w in WORD.findall(relation.cue_text))
        for m in WORD.finditer(item.text):
            word = m.group(0).casefold()
            seen[word] += 1
            if m.start() in cue_chars:
                cue[word] += 1
    lex = english_lexicon()
    forms = {
        form: {
            "occurrences": seen[form],
            "annotated_as_cue": cue[form],
            "rate": round(cue[form] / seen[form], 2) if seen[form] else None,
            "gated": form in lex.noun_ambiguous,
        }
        for form in sorted(lex.cues)
    }
    missing = [
        (w, n, round(cue[w] / seen[w], 2))
        for w, n in speech_cue_words.most_common(400)
        if w not in lex.cues and n >= 10 and is_speech_cue(w)
    ]
    print(json.dumps({"articles": len(items), "forms": forms, "missing": missing}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
