"""Readable terminal rendering of search hits."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

from schemas.documents import article_body, language_fields


def _highlight(fragment: str) -> Text:
    """A highlighted fragment: HIGHLIGHT_TAGS around each matched word."""
    text = Text()
    for i, part in enumerate(re.split("[\x02\x03]", fragment)):
        text.append(part, style="bold yellow" if i % 2 else "")
    return text


def why_matched(highlights: dict[str, list[str]], field: str) -> list[str]:
    """The highlighted fragments of ``field`` in whichever language's field matched
    (``body_ar``, ``body_en``, ``body_other``; or ``field`` itself), each fragment once."""
    names = [field, *language_fields(field)]
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        for fragment in highlights.get(name, []):
            plain = re.sub("[\x02\x03]", "", fragment)
            if plain not in seen:
                seen.add(plain)
                out.append(fragment)
    return out


def render_article_hit(hit: dict[str, Any]) -> Text:
    src = hit["_source"]
    when = (src.get("published_at") or src.get("fetched_at") or "")[:10]
    out = Text()
    out.append(f"\n{src.get('title', '')}\n", style="bold")
    out.append(
        f"  {src.get('source') or '-'} · {when} · {src.get('lang')} · id {src.get('id')}\n",
        style="dim",
    )
    highlights = hit.get("highlight", {})
    matched = why_matched(highlights, "title") + why_matched(highlights, "body")
    for fragment in matched[:3] or [article_body(src)[:200]]:
        out.append("  ")
        out.append_text(_highlight(fragment.replace("\n", " ")))
        out.append("\n")
    entities = [f"{e['name']} ({e['label']})" for e in src.get("entities", [])[:6]]
    if entities:
        out.append("  entities: ", style="dim")
        out.append(", ".join(entities) + "\n")
    if src.get("duplicate_of"):
        out.append(f"  duplicate of {src['duplicate_of']}\n", style="magenta")
    return out


def render_claim_hit(hit: dict[str, Any]) -> Text:
    src = hit["_source"]
    out = Text()
    speaker = src.get("speaker_name") or src.get("speaker_text")
    role = f" ({src['speaker_role']})" if src.get("speaker_role") else ""
    outlet = f" via {src['outlet']}" if src.get("outlet") else ""
    out.append(f"\n{speaker}{role}", style="bold")
    out.append(f" {src.get('cue')} [{src.get('stance')}, {src.get('kind')}]{outlet}\n", style="dim")
    fragments = why_matched(hit.get("highlight", {}), "text")
    out.append("  “")
    out.append_text(_highlight(fragments[0]) if fragments else Text(src.get("text", "")))
    out.append("”\n")
    out.append(f"  {src.get('title')} · {(src.get('published_at') or '')[:10]}\n", style="dim")
    return out
