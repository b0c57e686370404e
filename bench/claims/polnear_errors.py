"""Error classes of the English claim extractor on PolNeAR train:
``python -m bench.claims.polnear_errors [DIR] [--fifth K] [--show CLASS] [--limit N]``.

Runs the extractor and the brat scorer (``workers/core/claims/brat.py``) article by article
and sorts every error into a class, so the biggest classes are fixed first:

* a missed speech-cue relation, by the head word of its cue and by construction: is any
  prediction overlapping it (a *boundary* error: too long, too short, or the overlapping
  claim was matched to another relation) or none (*unseen*: cue form not in the lexicon,
  cue with an auxiliary or negation, content before the cue, quoted content, title …);
* a wrong speaker over the found pairs, by kind: the gold source is a pronoun, the predicted
  speaker came from context (a pronoun or continuation), the predicted speaker is not a noun
  phrase (a clause piece), an organisation vs a person, etc.

Counts only by default (the data is not ours to copy); ``--show CLASS`` prints up to
``--limit`` examples of one class to the terminal for reading. ``--fifth K`` keeps the
articles whose crc32(name) mod 5 == K (a fixed sample, for speed).
"""

from __future__ import annotations

import argparse
import re
import sys
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schemas.models import Claim
from workers.core.claims import CueClaimExtractor
from workers.core.claims.brat import (
    CONTENT_THRESHOLD,
    PRONOUNS,
    WORD,
    BratArticle,
    BratScores,
    _positions,
    _shared_default,
    _speaker_words,
    dice,
    lemma,
    load_brat,
    match_claims,
    score_brat_article,
    speaker_words_of,
)
from workers.core.claims.lexicon import english_lexicon
from workers.core.factory import build_pipeline

AUXILIARY = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "n't",
        "never",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "should",
        "also",
        "to",
    ]
)


@dataclass
class Error:
    kind: str
    """missed / wrong_speaker / extra"""
    classes: tuple[str, ...]
    line: str


def cue_head(cue_text: str) -> str:
    """The first word of a cue that reports speech (its lemma), else its first word."""
    words = WORD.findall(cue_text)
    for word in words:
        if lemma(word) in _speech():
            return lemma(word)
    return words[0].casefold() if words else "-"


def _speech() -> frozenset[str]:
    from workers.core.claims.brat import SPEECH_LEMMAS

    return SPEECH_LEMMAS


def classify_miss(
    item: BratArticle,
    gi: int,
    preds: list[frozenset[int]],
    used_by_other: set[int],
    claims: Sequence[Claim],
) -> tuple[str, ...]:
    relation = item.relations[gi]
    text = item.text
    gold = _positions(text, relation.content)
    classes = [f"cue:{cue_head(relation.cue_text)}"]
    overlapping = [ci for ci, p in enumerate(preds) if p & gold]
    if overlapping:
        best = max(overlapping, key=lambda ci: dice(preds[ci], gold))
        if dice(preds[best], gold) >= CONTENT_THRESHOLD:
            classes.append("boundary:claim_taken_by_other_relation")
        elif len(preds[best]) > len(gold):
            classes.append("boundary:predicted_too_long")
        else:
            classes.append("boundary:predicted_too_short")
        if best in used_by_other:
            classes.append("overlap_claim_used_elsewhere")
    else:
        classes.append("unseen")
    lex = english_lexicon()
    cue_words = [w.casefold() for w in WORD.findall(relation.cue_text)]
    if not any(w in lex.cues for w in cue_words) and "according" not in cue_words:
        classes.append("form_not_in_lexicon")
    if any(w in AUXILIARY for w in cue_words):
        classes.append("cue_with_auxiliary")
    if len(relation.cue) > 1:
        classes.append("cue_discontinuous")
    cue_start = relation.cue[0][0] if relation.cue else -1
    content_start = relation.content[0][0]
    if cue_start > content_start:
        classes.append("content_before_cue")
    if content_start < item.body_offset:
        classes.append("title")
    stripped = relation.content_text.strip()
    if stripped[:1] in "“\"‘'":
        classes.append("quoted_content")
    src_words = [w.casefold() for w in WORD.findall(relation.source_text)]
    if not src_words:
        classes.append("no_source")
    elif all(w in PRONOUNS for w in src_words):
        classes.append("pronoun_source")
    elif relation.source and relation.source[0][0] > (relation.cue[0][0] if relation.cue else 0):
        classes.append("source_after_cue")
    # Content spread over several sentences (a full stop inside)
    if re.search(r"[.!?][”\"’]?\s+[“\"A-Z]", stripped[:-2]):
        classes.append("multi_sentence_content")
    if any(w.endswith("ing") for w in cue_words):
        classes.append("cue_participle")
    return tuple(classes)


def classify_speaker(claim: Claim, source: str, raw_source: str) -> tuple[str, ...]:
    classes: list[str] = []
    raw_words = [w.casefold() for w in WORD.findall(raw_source)]
    if raw_words and all(w in PRONOUNS for w in raw_words):
        classes.append("gold_pronoun")
    else:
        classes.append("gold_named")
    text = claim.speaker.text
    words = WORD.findall(text)
    if claim.cue == "":
        classes.append("pred_no_cue_continuation")
    if not words:
        classes.append("pred_empty")
    elif words[0][:1].islower() and words[0].casefold() not in ("the", "a", "an"):
        classes.append("pred_lowercase_start")
    if claim.speaker.entity_id is None:
        classes.append("pred_unresolved")
    if claim.source is not None and _speaker_words(claim.source.text) & _speaker_words(source):
        classes.append("gold_is_our_source")
    if len(words) > 6:
        classes.append("pred_long")
    return tuple(classes)


def analyse(items: Sequence[BratArticle]) -> tuple[BratScores, list[Error]]:
    extractor = CueClaimExtractor()
    entity_stage = build_pipeline().entity_extractor
    overall = BratScores()
    errors: list[Error] = []
    for item in items:
        claims = extractor(item.article, entity_stage(item.article))
        result = score_brat_article(item, claims)
        overall.add(result.scores)
        errors.extend(_errors(item, claims))
    return overall, errors


def _errors(item: BratArticle, claims: Sequence[Claim]) -> list[Error]:
    """Each wrong speaker, miss and extra of the scorer's matching, with its classes."""
    text = item.text
    matching = match_claims(item, claims)
    gold_pos, preds, sources = matching.gold_pos, matching.pred_pos, matching.sources
    used_c, used_g = matching.pairs, set(matching.pairs.values())
    out: list[Error] = []
    for ci, gi in used_c.items():
        relation, claim = item.relations[gi], claims[ci]
        source = sources[gi]
        if not relation.speech or source is None:
            continue
        predicted = speaker_words_of(claim.speaker)
        if _speaker_words(predicted) & _speaker_words(source):
            continue
        line = (
            f"{item.name}: pred={predicted!r} gold={relation.source_text!r} "
            f"(resolved {source!r}) cue={claim.cue!r} | {claim.text[:100]}"
        )
        out.append(
            Error(
                "wrong_speaker",
                classify_speaker(claim, source, relation.source_text),
                line,
            )
        )
    used_other = set(used_c)
    for gi, relation in enumerate(item.relations):
        if gi in used_g or not relation.speech:
            continue
        classes = classify_miss(item, gi, preds, used_other, claims)
        sentence = _sentence_around(text, relation.content[0][0], relation.content[-1][1])
        line = (
            f"{item.name}: [{relation.source_text}] ({relation.cue_text}) "
            f"<{relation.content_text[:100]}> || {sentence}"
        )
        out.append(Error("missed", classes, line))
    for ci, claim in enumerate(claims):
        if ci in used_c:
            continue
        near = max((dice(preds[ci], g) for g in gold_pos), default=0.0)
        classes = ("extra:overlapping" if near > 0 else "extra:nothing", f"cue:{claim.cue}")
        line = (
            f"{item.name}: [{claim.speaker.text}] ({claim.cue}) dice={near:.2f} {claim.text[:100]}"
        )
        out.append(Error("extra", classes, line))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind("\n", 0, start), start - 200)
    right = text.find("\n", end)
    right = min(right if right != -1 else len(text), end + 120)
    return " ".join(text[left:right].split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", nargs="?", type=Path)
    parser.add_argument("--fifth", type=int, default=None)
    parser.add_argument("--show", default=None, help="print examples of one class")
    parser.add_argument("--kind", default=None, help="missed / wrong_speaker / extra")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    directory = args.directory or _shared_default() / "attribution/en-polnear/train"
    items = load_brat(directory)
    if args.fifth is not None:
        items = [i for i in items if zlib.crc32(i.name.encode()) % 5 == args.fifth]
    scores, errors = analyse(items)
    print(scores.summary())
    for kind in ("missed", "wrong_speaker", "extra"):
        chosen = [e for e in errors if e.kind == kind]
        counts = Counter(c for e in chosen for c in e.classes)
        print(f"\n{kind}: {len(chosen)}")
        for name, n in counts.most_common(args.top):
            print(f"  {n:5d}  {name}")
    if args.show:
        wanted = set(args.show.split("+"))
        shown = [
            e
            for e in errors
            if wanted <= set(e.classes) and (args.kind is None or e.kind == args.kind)
        ]
        print(f"\n--- {args.show}: {len(shown)}")
        for e in shown[: args.limit]:
            print(e.line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
