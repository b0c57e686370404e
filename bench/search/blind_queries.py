"""The search evaluation's BLIND query set: written on 2026-12-01 before any result on it was
seen, committed on its own before its first run, and never tuned on afterwards.

Same kinds and the same relevance definition as ``queries.py`` (bases in the matching form of
``workers.core.text.match_form``; English bases are the complete list of forms that count).
No word of the tuned set is repeated as a query here. Run it with
``python -m bench.search.evaluate --queries blind``.
"""

from __future__ import annotations

from bench.search.queries import AR, EN, Query, _q

BLIND_QUERIES: list[Query] = [
    # Arabic clitic and prefix forms
    _q("ar_clitic", AR, "بالمنطقة", "منطق"),
    _q("ar_clitic", AR, "للمملكة", "مملك"),
    _q("ar_clitic", AR, "والشعب", "شعب"),
    _q("ar_clitic", AR, "وبغداد", "بغداد"),
    _q("ar_clitic", AR, "بالأردن", "اردن"),
    _q("ar_clitic", AR, "لليمن", "يمن"),
    _q("ar_clitic", AR, "للاحتلال", "احتلال"),
    _q("ar_clitic", AR, "بالمؤتمر", "موتمر"),
    _q("ar_clitic", AR, "لتونس", "تونس"),
    _q("ar_clitic", AR, "بالعاصمة", "عاصم"),
    _q("ar_clitic", AR, "والمعركة", "معرك"),
    _q("ar_clitic", AR, "للنظام", "نظام"),
    _q("ar_clitic", AR, "بالقرار", "قرار"),
    _q("ar_clitic", AR, "وبالشرطة", "شرط"),
    _q("ar_clitic", AR, "كالسلاح", "سلاح"),
    _q("ar_clitic", AR, "فالمدرسة", "مدرس"),
    # Arabic orthography: ة/ه, hamza on alef, ى/ي, diacritics, tatweel
    _q("ar_orthography", AR, "المنظمه", "منظم"),
    _q("ar_orthography", AR, "الحركه", "حرك"),
    _q("ar_orthography", AR, "اداره", "ادار"),
    _q("ar_orthography", AR, "أفغانستان", "افغانستان"),
    _q("ar_orthography", AR, "اوروبا", "اوروبا"),
    _q("ar_orthography", AR, "مستوي", "مستوي"),
    _q("ar_orthography", AR, "عيسى", "عيسي"),
    _q("ar_orthography", AR, "الأقصى", "اقصي"),
    _q("ar_orthography", AR, "مؤسسة", "موسس"),
    _q("ar_orthography", AR, "رئاسة", "رياس"),
    _q("ar_orthography", AR, "مَدِينَة", "مدين"),
    _q("ar_orthography", AR, "الـحـرب", "حرب"),
    _q("ar_orthography", AR, "الشـعب", "شعب"),
    # names in Arabic script
    _q("names_ar", AR, "ترامب", "ترامب"),
    _q("names_ar", AR, "أردوغان", "اردوغان"),
    _q("names_ar", AR, "لأردوغان", "اردوغان"),
    _q("names_ar", AR, "السيسي", "سيسي"),
    _q("names_ar", AR, "بعباس", "عباس"),
    # English inflections
    _q("en_inflection", EN, "meetings", "meeting", "meetings"),
    _q("en_inflection", EN, "reported", "report", "reports", "reported", "reporting"),
    _q("en_inflection", EN, "schools", "school", "schools"),
    _q("en_inflection", EN, "announced", "announce", "announces", "announced", "announcing"),
    _q("en_inflection", EN, "families", "family", "families"),
    _q("en_inflection", EN, "workers", "worker", "workers"),
    _q("en_inflection", EN, "cities", "city", "cities"),
    _q("en_inflection", EN, "banned", "ban", "bans", "banned", "banning"),
    _q("en_inflection", EN, "supporters", "supporter", "supporters"),
    _q("en_inflection", EN, "leaders", "leader", "leaders"),
    _q("en_inflection", EN, "decided", "decide", "decides", "decided", "deciding"),
    _q("en_inflection", EN, "troops", "troop", "troops"),
    _q("en_inflection", EN, "studies", "study", "studies", "studied", "studying"),
    _q("en_inflection", EN, "agreed", "agree", "agrees", "agreed", "agreeing"),
    _q("en_inflection", EN, "banks", "bank", "banks"),
    # English possessives (the relevance normalization drops 's)
    _q("en_possessive", EN, "Putin's", "putin"),
    _q("en_possessive", EN, "Russia's", "russia"),
    _q("en_possessive", EN, "company's", "company", "companies"),
    _q("en_possessive", EN, "Iran's", "iran"),
    _q("en_possessive", EN, "nation's", "nation", "nations"),
    _q("en_possessive", EN, "Israel's", "israel"),
    _q("en_possessive", EN, "court's", "court", "courts"),
    # names in Latin script
    _q("names_en", EN, "Erdogan", "erdogan"),
    _q("names_en", EN, "Abbas", "abbas"),
    _q("names_en", EN, "Romney", "romney"),
    _q("names_en", EN, "Cruz", "cruz"),
]
