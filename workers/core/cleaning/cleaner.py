"""First version of the clean stage: CMS residue and obvious chrome out, title and language in.

Deeper cleaning (HTML extraction, learned site chrome, near-duplicates) builds on this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas.models import CleanArticle, RawArticle, RejectReason
from workers.core.errors import RejectedInput
from workers.core.ids import content_hash
from workers.core.text import script_share

SHORTCODE_LINE = re.compile(r"^\s*\[/?[a-z_]+[^\]]*\]\s*$", re.IGNORECASE)
AD_END_MARKER = re.compile(r"^\s*\[ad_[2-9]\]\s*$", re.IGNORECASE)
SLUG_LINE = re.compile(
    r"^\s*[0-9a-f]{8}[\s-][0-9a-f]{4}[\s-][0-9a-f]{4}[\s-][0-9a-f]{4}[\s-][0-9a-f]{12}\s*$"
)


def detect_language(text: str) -> str:
    arabic, latin = script_share(text)
    if arabic >= 0.5:
        return "ar"
    if latin >= 0.5:
        return "en"
    return "und"


@dataclass
class TextCleaner:
    min_body_chars: int = 40
    seen_hashes: dict[str, str] = field(default_factory=dict)

    def __call__(self, raw: RawArticle) -> CleanArticle:
        assert raw.id and raw.fetched_at and raw.version is not None, "run with_defaults first"
        lines = (raw.text or raw.html or "").replace("\r\n", "\n").split("\n")
        kept: list[str] = []
        removed = 0
        for line in lines:
            if AD_END_MARKER.match(line):
                removed += len(lines) - len(kept) - removed
                break
            if SHORTCODE_LINE.match(line) or SLUG_LINE.match(line):
                removed += 1
                continue
            kept.append(line.strip())
        title = raw.title
        if not title:
            while kept and not kept[0]:
                kept.pop(0)
            title = kept.pop(0) if kept else ""
        paragraphs = [p for p in "\n".join(kept).split("\n") if p.strip()]
        body = "\n\n".join(paragraphs)
        if len(body) < self.min_body_chars:
            raise RejectedInput(
                RejectReason.EMPTY_AFTER_CLEANING,
                f"body has {len(body)} characters after cleaning (minimum {self.min_body_chars})",
                raw.id,
            )
        digest = content_hash(title, body)
        first = self.seen_hashes.setdefault(digest, raw.id)
        return CleanArticle(
            id=raw.id,
            source=raw.source,
            url=raw.url,
            lang=raw.lang or detect_language(f"{title}\n{body}"),
            title=title,
            body=body,
            author=raw.author,
            published_at=raw.published_at,
            fetched_at=raw.fetched_at,
            version=raw.version,
            content_hash=digest,
            duplicate_of=first if first != raw.id else None,
            duplicate_similarity=1.0 if first != raw.id else None,
            removed_lines=removed,
        )
