"""Language identification backends compared on the cleaning corpus and a small multilingual
set: accuracy on paragraphs, titles and other languages, and speed.

``python -m bench.cleaning --lang --no-speed`` runs it as part of the benchmark.
"""

from __future__ import annotations

import re
import resource
import time
from typing import Any

from workers.core.lang import LATIN, LanguageDetector, load_backend

# A few news-like sentences in other languages, written for this benchmark: the stream is
# Arabic and English, but the detector must not call everything else one of the two.
OTHER: list[tuple[str, str]] = [
    (
        "fr",
        "Le gouvernement a annoncé mardi une hausse de 5 % du salaire minimum à partir de janvier.",
    ),
    ("fr", "Les pompiers ont maîtrisé l'incendie après six heures de lutte."),
    ("fr", "Grève dans les transports"),
    ("es", "El ayuntamiento aprobó el martes un plan para construir 2.000 viviendas sociales."),
    (
        "es",
        "Las lluvias torrenciales obligaron a evacuar a cientos de familias en el sur del país.",
    ),
    ("es", "Elecciones en la capital"),
    ("de", "Die Regierung hat am Dienstag ein neues Gesetz zum Klimaschutz beschlossen."),
    ("de", "Nach dem Unwetter sind tausende Haushalte weiterhin ohne Strom."),
    ("de", "Streik bei der Bahn"),
    ("it", "Il governo ha approvato ieri un decreto per ridurre le tasse sul lavoro."),
    ("it", "La polizia ha arrestato tre persone dopo la rapina in banca."),
    ("pt", "O governo anunciou nesta terça-feira um novo programa de habitação popular."),
    ("pt", "As chuvas fortes causaram inundações em várias cidades do estado."),
    ("tr", "Hükümet salı günü asgari ücrete yüzde 20 zam yapıldığını açıkladı."),
    ("tr", "Depremden etkilenen bölgelerde yardım çalışmaları sürüyor."),
    ("nl", "De regering heeft dinsdag nieuwe maatregelen tegen de woningnood aangekondigd."),
    ("id", "Pemerintah mengumumkan kenaikan harga bahan bakar mulai bulan depan."),
    ("fa", "دولت روز سه‌شنبه از افزایش حداقل دستمزد کارگران خبر داد."),
    ("fa", "بارش شدید باران در شمال کشور باعث جاری شدن سیل شد."),
    ("ur", "حکومت نے منگل کو پٹرول کی قیمتوں میں کمی کا اعلان کیا۔"),
    ("ur", "شدید بارشوں کے باعث کئی شہروں میں سیلاب آ گیا ہے۔"),
    ("ru", "Правительство во вторник объявило о повышении минимальной зарплаты."),
    ("he", "הממשלה הודיעה ביום שלישי על העלאת שכר המינימום."),
]


def _gold_paragraph_lang(text: str, article_lang: str) -> str:
    letters = sum(1 for ch in text if ch.isalpha()) or 1
    if article_lang == "ar" and len(LATIN.findall(text)) / letters > 0.8:
        return "en"
    return article_lang


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def compare_backends(items: list[Any]) -> dict[str, Any]:
    paragraphs: list[tuple[str, str]] = []
    titles: list[tuple[str, str]] = []
    for it in items:
        for p in it.body:
            paragraphs.append((_gold_paragraph_lang(p, it.lang), p))
        titles.append((it.lang, it.title))
    short = [(g, t) for g, t in paragraphs + titles if len(t) < 60]
    sets = {
        "paragraphs": paragraphs,
        "titles": titles,
        "short_lines": short,
        "other_languages": OTHER,
    }

    report: dict[str, Any] = {
        "sizes": {k: len(v) for k, v in sets.items()},
    }
    for name in ("script", "fasttext", "lingua", "langid"):
        before = _rss_mb()
        start = time.perf_counter()
        try:
            _, raw_detect = load_backend(name)
        except ImportError as exc:
            report[name] = {"available": False, "error": str(exc)}
            continue
        load_s = time.perf_counter() - start
        routed = LanguageDetector(name)
        entry: dict[str, Any] = {
            "load_seconds": round(load_s, 3),
            "rss_growth_mb": round(_rss_mb() - before, 1),
        }

        def raw(text: str, detect: Any = raw_detect) -> str:
            return detect(text) or "und"

        for mode, fn in (("raw", raw), ("routed", routed.detect)):
            for set_name, data in sets.items():
                ok = sum(1 for gold, text in data if fn(text) == gold)
                entry[f"{mode}_{set_name}_accuracy"] = round(ok / len(data), 4)
            texts = [t for _, t in paragraphs]
            fn(texts[0])
            reps = 3
            t0 = time.perf_counter()
            for _ in range(reps):
                for t in texts:
                    fn(t)
            entry[f"{mode}_us_per_paragraph"] = round(
                (time.perf_counter() - t0) / (reps * len(texts)) * 1e6, 1
            )
        wrong = [
            (gold, routed.detect(text), re.sub(r"\s+", " ", text)[:50])
            for gold, text in paragraphs + titles + OTHER
            if routed.detect(text) != gold
        ]
        entry["routed_errors"] = wrong[:12]
        report[name] = entry
    return report
