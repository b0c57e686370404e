"""Clean stage: raw text or HTML → clean article text."""

from workers.core.cleaning.cleaner import TextCleaner

__all__ = ["TextCleaner"]
