"""Claim stage: attributed statements (who said, denied, accused or warned what)."""

from workers.core.claims.extractor import CueClaimExtractor
from workers.core.claims.ids import claim_id

__all__ = ["CueClaimExtractor", "claim_id"]
