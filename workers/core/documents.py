"""Project an EnrichedArticle onto the Elasticsearch documents (pure; no client here)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from schemas.documents import (
    ArticleDocument,
    ClaimDocument,
    ClaimRef,
    EntityRef,
    text_fields,
    text_language,
)
from schemas.models import VALUE_LABELS, EnrichedArticle, Entity, Label
from workers.core.claims import claim_id

SNIPPET_RADIUS = 160


def _names(entity: Entity) -> list[str]:
    return list(dict.fromkeys([entity.name, *entity.names.values()]))


def _by_label(entities: list[Entity], *labels: Label) -> list[str]:
    return list(dict.fromkeys(e.name for e in entities if e.label in labels))


def article_document(article: EnrichedArticle, indexed_at: datetime) -> ArticleDocument:
    names = [e for e in article.entities if e.label not in VALUE_LABELS]
    counts = Counter(e.entity_id for e in names)
    first: dict[str, Entity] = {}
    for entity in names:
        first.setdefault(entity.entity_id, entity)
    entity_refs = [
        EntityRef(
            entity_id=e.entity_id,
            name=e.name,
            label=e.label.value,
            text=e.text,
            field=e.field.value,
            count=counts[e.entity_id],
        )
        for e in sorted(first.values(), key=lambda e: -counts[e.entity_id])
    ]
    speakers = [c.speaker.name or c.speaker.text for c in article.claims]
    paragraph_langs = sorted({p.lang for p in article.paragraph_langs})
    return ArticleDocument(
        id=article.id,
        source=article.source,
        url=article.url,
        lang=article.lang,
        paragraph_langs=paragraph_langs,
        title=article.title,
        **text_fields(text_language(article.lang, paragraph_langs), article.title, article.body),
        author=article.author,
        metadata=article.metadata,
        title_derived=article.title_derived,
        published_at=article.published_at,
        fetched_at=article.fetched_at,
        indexed_at=indexed_at,
        timestamp=article.published_at or article.fetched_at,
        version=article.version,
        content_hash=article.content_hash,
        duplicate_of=article.duplicate_of,
        duplicate_similarity=article.duplicate_similarity,
        is_duplicate=article.duplicate_of is not None,
        entities=entity_refs,
        entity_ids=list(first),
        entity_names=list(dict.fromkeys(n for e in first.values() for n in _names(e))),
        entity_labels=sorted({e.label.value for e in first.values()}),
        persons=_by_label(article.entities, Label.PERSON),
        organisations=_by_label(article.entities, Label.ORG),
        places=_by_label(article.entities, Label.LOC),
        dates=_by_label(article.entities, Label.DATE),
        amounts=_by_label(article.entities, Label.MONEY, Label.PERCENT, Label.QUANTITY),
        claims=[
            ClaimRef(
                speaker=c.speaker.text,
                speaker_id=c.speaker.entity_id,
                speaker_name=c.speaker.name,
                outlet=c.source.name or c.source.text if c.source else None,
                cue=c.cue,
                kind=c.kind.value,
                stance=c.stance.value,
                text=c.text,
            )
            for c in article.claims
        ],
        speakers=list(dict.fromkeys(speakers)),
        speaker_ids=list(
            dict.fromkeys(c.speaker.entity_id for c in article.claims if c.speaker.entity_id)
        ),
        claim_count=len(article.claims),
        enriched=article.model_dump(mode="json"),
    )


def claim_documents(article: EnrichedArticle) -> list[ClaimDocument]:
    entity_names = {e.entity_id: _names(e) for e in article.entities}
    docs = []
    for claim in article.claims:
        text = article.title if claim.field == "title" else article.body
        snippet = text[max(0, claim.start - SNIPPET_RADIUS) : claim.end + SNIPPET_RADIUS]
        speaker_id = claim.speaker.entity_id
        docs.append(
            ClaimDocument(
                claim_id=claim_id(article.id, claim),
                article_id=article.id,
                url=article.url,
                title=article.title,
                source_site=article.source,
                published_at=article.published_at,
                timestamp=article.published_at or article.fetched_at,
                lang=article.lang,
                version=article.version,
                speaker_text=claim.speaker.text,
                speaker_id=speaker_id,
                speaker_name=claim.speaker.name,
                speaker_names=entity_names.get(speaker_id, []) if speaker_id else [],
                speaker_role=claim.speaker.role,
                outlet=(claim.source.name or claim.source.text) if claim.source else None,
                outlet_id=claim.source.entity_id if claim.source else None,
                cue=claim.cue,
                kind=claim.kind.value,
                stance=claim.stance.value,
                text=claim.text,
                confidence=claim.confidence,
                field=claim.field.value,
                start=claim.start,
                end=claim.end,
                snippet=snippet,
            )
        )
    return docs
