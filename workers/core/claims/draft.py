"""What a language parser finds in one sentence, before speakers are resolved."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from schemas.models import ClaimKind, Stance


class SpeakerFrom(Enum):
    MENTION = "mention"
    """The speaker is written in the sentence (``speaker`` span)."""
    CONTEXT = "context"
    """A pronoun or an elided subject: the last speaker in context."""
    UNNAMED = "unnamed"
    """Nobody is named and nobody is meant from context (``Asked whether …,``): the speaker
    stays unknown (``?``) and is not remembered for later pronouns."""
    SENTENCE = "sentence"
    """A participle (مضيفا, adding): the speaker of the previous claim in the same sentence."""


@dataclass
class Span:
    start: int
    end: int

    def __bool__(self) -> bool:
        return self.end > self.start


@dataclass
class Draft:
    content: Span
    cue: Span | None
    kind: ClaimKind
    stance: Stance
    speaker_from: SpeakerFrom
    speaker: Span | None = None
    role: Span | None = None
    source: Span | None = None
    """The outlet or channel (told CNN, نقلت صحيفة … عن, in a statement)."""
    channel: Span | None = None
    """The form it took when no outlet is named (في تقرير, in a note): kept for anaphora."""
    gender: str | None = None
    confidence: float = 0.9
    colon_open: bool = False
    """قال X: … without quotation marks, up to the sentence end: the paragraph's following
    sentences without a cue of their own go on with what was said."""
    aside: bool = False
    """Said in a relative clause (سلفه X الذي اعتبر أن …): later elided subjects go on with
    the speaker before it, not with this one."""
    cataphoric: bool = False
    """هكذا قال X: names the speaker of the quotation before it; has no content of its own."""
