"""Stable claim ids for the claims index."""

from __future__ import annotations

import hashlib

from schemas.models import Claim
from workers.core.text import match_form


def claim_id(article_id: str, claim: Claim) -> str:
    """Same article, field, offset and (normalized) text → same id, so reprocessing an article
    overwrites its claims instead of duplicating them."""
    key = "\x1f".join((article_id, claim.field.value, str(claim.start), match_form(claim.text)))
    return "claim-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
