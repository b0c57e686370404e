"""The one exception type the core raises for bad input; transport edges turn it into a
DeadLetter with the original payload."""

from __future__ import annotations

from schemas.models import RejectReason


class RejectedInput(Exception):
    """Input that cannot be processed, with a specific reason. Never retried."""

    def __init__(self, reason: RejectReason, message: str, article_id: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.article_id = article_id

    def __str__(self) -> str:
        return f"{self.reason.value}: {self.message}"
