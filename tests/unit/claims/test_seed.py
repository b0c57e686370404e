"""The shared seed article: every attributed statement, with the right speaker, and nothing
else. Skips when the seed is absent; the fixtures in test_arabic.py cover the same
constructions on our own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import ClaimKind, RawArticle, Stance, TextField
from workers.core.claims import CueClaimExtractor
from workers.core.cleaning import TextCleaner
from workers.core.entities import GazetteerExtractor, KnowledgeBase
from workers.core.ingest import with_defaults

# ../shared beside the checkout, or beside the folder of a git worktree.
SEED = next(
    (
        p
        for p in (
            Path(__file__).resolve().parents[n] / "shared" / "seeds" / "000_59b9f31f310c45ac.txt"
            for n in (4, 5)
        )
        if p.exists()
    ),
    Path(__file__).resolve().parents[4] / "shared" / "seeds" / "000_59b9f31f310c45ac.txt",
)

# (start of the content, speaker as written, stance, kind)
EXPECTED_BODY = [
    ("روسيا توسع التعاون العسكري", "مسؤولين بالدفاع والاستخبارات الأميركية", "assert", "indirect"),
    ("روسيا وتلك الدول وضعت", "محللون استخباراتيون أميركيون", "assert", "indirect"),
    ("بيونغ يانغ وموسكو اتفقتا", "وكالة الأنباء المركزية الكورية", "assert", "indirect"),
    ("الاتفاق ينص على أن البلدين", "الوكالة", "assert", "indirect"),
    ("يشبه الاتفاق الدفاعي", "شبكة “سي إن إن” الأميركية", "assert", "indirect"),
    ("الاتفاق الدفاعي الجديد بين روسيا", "ينس ستولتنبرغ", "assert", "indirect"),
    ("عندما يتعزز التحالف", "ينس ستولتنبرغ", "assert", "direct"),
    ("روسيا بدأت تواصلها الموسع", "تقرير “وول ستريت جورنال”", "assert", "indirect"),
    ("سوف تحسّن من قدرات موسكو", "مسؤولون أميركيون", "assert", "indirect"),
    ("العلاقات الأمنية الموسعة", "مسؤولين أميركيين حاليين وسابقين", "assert", "indirect"),
    ("تتضمن بدلا من ذلك", "مسؤولين أميركيين حاليين وسابقين", "assert", "indirect"),
    ("بالنسبة لروسيا وكوريا الشمالية", "سو مي تيري", "assert", "direct"),
    ("على الرغم من ذلك", "الصحيفة", "assert", "indirect"),
    ("هذا البند مثير للقلق", "جو بي يون", "assert", "direct"),
    ("هناك مخاوف أكثر إلحاحا", "التقرير", "assert", "indirect"),
    ("وتستغل روسيا علاقاتها", "رويترز", "assert", "according_to"),
    ("يخشون أن تقدم روسيا", "الولايات المتحدة وحلفاء لها", "assert", "indirect"),
    ("بيونغ يانغ بتقديم صواريخ", "الولايات المتحدة وحلفاء لها", "accuse", "indirect"),
    ("تبادل الأسلحة", "موسكو وبيونغ يانغ", "deny", "indirect"),
]
# Quoted phrases of the title and the cross-heads, traced to their speakers; the cross-head
# “زواج مصلحة” repeats the title's framing of the same statement and is not emitted again.
EXPECTED_FRAMED = [
    (TextField.TITLE, "زواج مصلحة", "سو مي تيري"),
    (TextField.BODY, "بند مثير للقلق", "جو بي يون"),
]


@pytest.fixture(scope="module")
def seed_claims(kit):  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip(f"seed article not present at {SEED}")
    raw = with_defaults(RawArticle(text=SEED.read_text(encoding="utf-8")))
    article = TextCleaner()(raw)
    # The bundled KB, not the pipeline's entity stage: this test pins the claim stage.
    entities = GazetteerExtractor(KnowledgeBase.bundled())(article)
    claims = CueClaimExtractor()(article, entities)
    kit.assert_offsets(article, claims)
    return claims


def test_every_attributed_statement_with_its_speaker(kit, seed_claims) -> None:  # type: ignore[no-untyped-def]
    body = [c for c in seed_claims if c.field is TextField.BODY and c.cue]
    assert len(body) == len(EXPECTED_BODY), [c.text[:30] for c in body]
    for claim, (start, speaker, stance, kind) in zip(body, EXPECTED_BODY, strict=True):
        assert claim.text.startswith(start), (claim.text[:40], start)
        assert claim.speaker.text == speaker, (start, claim.speaker.text)
        assert claim.stance is Stance(stance)
        assert claim.kind is ClaimKind(kind)


def test_framings_of_title_and_crossheads(kit, seed_claims) -> None:  # type: ignore[no-untyped-def]
    framed = [(c.field, c.text, c.speaker.text) for c in seed_claims if not c.cue]
    assert sorted(framed) == sorted(EXPECTED_FRAMED)


def test_speakers_and_outlets_resolve_to_entities(kit, seed_claims) -> None:  # type: ignore[no-untyped-def]
    by_start = {c.text[:12]: c for c in seed_claims if c.field is TextField.BODY}
    stoltenberg = next(c for c in seed_claims if c.text.startswith("الاتفاق الدفاعي الجديد"))
    assert stoltenberg.speaker.entity_id == "Q57286"
    assert stoltenberg.speaker.role == "أمين عام الناتو"
    wsj_cited = next(c for c in seed_claims if c.text.startswith("روسيا توسع"))
    assert wsj_cited.source is not None and wsj_cited.source.entity_id == "Q164746"
    agency = next(c for c in seed_claims if c.text.startswith("الاتفاق ينص"))
    assert agency.speaker.entity_id == "Q488858"  # الوكالة → KCNA
    kida = next(c for c in seed_claims if c.text.startswith("هذا البند"))
    assert kida.speaker.role == "الزميل بالمعهد الكوري للتحليلات الدفاعية"
    assert kida.source is not None and kida.source.entity_id == "Q48340"
    terry = next(c for c in seed_claims if c.text.startswith("بالنسبة لروسيا"))
    assert terry.speaker.entity_id is None  # her role mentions the White House; she is not it
    assert by_start
