"""Claim stage: attributed statements (who said, denied, accused or warned what)."""

from workers.core.claims.cues import CueClaimExtractor

__all__ = ["CueClaimExtractor"]
