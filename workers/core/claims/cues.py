"""First claim extractor: a reporting cue, a speaker and a complement clause per sentence.

Arabic: ``[و]قال/قالت/ذكر/أكد/نفى/حذر/اتهم + SPEAKER + إن/أن + CLAIM``.
English: ``SPEAKER said/told/warned (that) CLAIM`` and ``"QUOTE," SPEAKER said``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from schemas.models import Claim, ClaimKind, CleanArticle, Entity, Speaker, Stance, TextField

AR_CUES: dict[str, Stance] = {
    "قال": Stance.ASSERT,
    "قالت": Stance.ASSERT,
    "ذكر": Stance.ASSERT,
    "ذكرت": Stance.ASSERT,
    "أكد": Stance.CONFIRM,
    "أكدت": Stance.CONFIRM,
    "أوضح": Stance.ASSERT,
    "أضاف": Stance.ASSERT,
    "نفى": Stance.DENY,
    "نفت": Stance.DENY,
    "تنفي": Stance.DENY,
    "ينفي": Stance.DENY,
    "حذر": Stance.WARN,
    "حذرت": Stance.WARN,
    "اتهم": Stance.ACCUSE,
    "اتهمت": Stance.ACCUSE,
    "أعلن": Stance.ANNOUNCE,
    "أعلنت": Stance.ANNOUNCE,
    "تقول": Stance.ASSERT,
    "يقول": Stance.ASSERT,
}
EN_CUES: dict[str, Stance] = {
    "said": Stance.ASSERT,
    "says": Stance.ASSERT,
    "told": Stance.ASSERT,
    "added": Stance.ASSERT,
    "stated": Stance.ASSERT,
    "announced": Stance.ANNOUNCE,
    "denied": Stance.DENY,
    "warned": Stance.WARN,
    "accused": Stance.ACCUSE,
    "claimed": Stance.ASSERT,
    "argued": Stance.ASSERT,
}
SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|$)")
AR_PATTERN = re.compile(
    r"(?:^|\s)و?(?P<cue>" + "|".join(sorted(AR_CUES, key=len, reverse=True)) + r")\s+"
    r"(?P<speaker>[^،,]{2,80}?)[،,]?\s*(?:[^،,]{0,60}?\s)?(?:إن|أن|إنه|أنه|إنها|أنها)\s+(?P<claim>.+)"
)
EN_PATTERN = re.compile(
    r"(?P<speaker>(?:[A-Z][\w.'-]+\s?){1,5}|[Tt]he [a-z]+(?: [a-z]+)?|[Hh]e|[Ss]he|[Tt]hey)\s+"
    r"(?P<cue>" + "|".join(EN_CUES) + r")(?:\s+\w+)?\s+(?:that\s+)?(?P<claim>[^.]{10,})"
)
EN_QUOTE_FIRST = re.compile(
    r"[\"“](?P<claim>[^\"”]{10,}?)[,.]?[\"”],?\s+(?P<speaker>(?:[A-Z][\w.'-]+\s?){1,5}|he|she)\s+"
    r"(?P<cue>" + "|".join(EN_CUES) + r")"
)


@dataclass
class CueClaimExtractor:
    name: str = "cues"

    def __call__(self, article: CleanArticle, entities: Sequence[Entity]) -> list[Claim]:
        claims: list[Claim] = []
        for match in SENTENCE.finditer(article.body):
            sentence, offset = match.group(0), match.start()
            for pattern, cues in (
                (EN_QUOTE_FIRST, EN_CUES),
                (AR_PATTERN, AR_CUES),
                (EN_PATTERN, EN_CUES),
            ):
                found = pattern.search(sentence)
                if not found:
                    continue
                claims.append(self._claim(found, cues, offset, entities))
                break
        return claims

    def _claim(
        self, found: re.Match[str], cues: dict[str, Stance], offset: int, entities: Sequence[Entity]
    ) -> Claim:
        speaker_start, speaker_end = offset + found.start("speaker"), offset + found.end("speaker")
        linked = next(
            (
                e
                for e in entities
                if e.field == TextField.BODY and speaker_start <= e.start < speaker_end
            ),
            None,
        )
        text = found.group("claim").strip().rstrip(".؟!").strip('"“”«» ')
        start = offset + found.start("claim")
        quoted = "“" in found.group(0) or '"' in found.group(0)
        return Claim(
            text=text,
            speaker=Speaker(
                text=found.group("speaker").strip(),
                entity_id=linked.entity_id if linked else None,
                name=linked.name if linked else None,
            ),
            cue=found.group("cue"),
            kind=ClaimKind.DIRECT if quoted else ClaimKind.INDIRECT,
            stance=cues[found.group("cue")],
            field=TextField.BODY,
            start=start,
            end=start + len(found.group("claim").rstrip()),
            confidence=0.5,
        )
