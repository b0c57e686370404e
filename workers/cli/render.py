"""Readable terminal rendering of search hits."""

from __future__ import annotations

import re
from typing import Any

from rich.text import Text

_EM = re.compile(r"</?em>")


def _highlight(fragment: str) -> Text:
    text = Text()
    parts = re.split(r"(<em>.*?</em>)", fragment)
    for part in parts:
        if part.startswith("<em>"):
            text.append(_EM.sub("", part), style="bold yellow")
        else:
            text.append(part)
    return text


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
    fragment = next(iter(highlights.values()), [src.get("body", "")[:200]])[0]
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
    out.append(f"  “{src.get('text')}”\n")
    out.append(f"  {src.get('title')} · {(src.get('published_at') or '')[:10]}\n", style="dim")
    return out
