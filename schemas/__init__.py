"""Typed records for every newsflow boundary, and the generated JSON Schema / ES templates."""

from schemas.documents import ArticleDocument, ClaimDocument, ClaimRef, EntityRef
from schemas.models import (
    SCHEMA_VERSION,
    Claim,
    ClaimKind,
    ClaimSource,
    CleanArticle,
    DeadLetter,
    EnrichedArticle,
    Entity,
    Label,
    ParagraphLanguage,
    RawArticle,
    RejectReason,
    Speaker,
    Stance,
    TextField,
)

__all__ = [
    "SCHEMA_VERSION",
    "ArticleDocument",
    "Claim",
    "ClaimDocument",
    "ClaimKind",
    "ClaimRef",
    "ClaimSource",
    "CleanArticle",
    "DeadLetter",
    "EnrichedArticle",
    "Entity",
    "EntityRef",
    "Label",
    "ParagraphLanguage",
    "RawArticle",
    "RejectReason",
    "Speaker",
    "Stance",
    "TextField",
]
