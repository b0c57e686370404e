"""Discovery of names the knowledge base lacks, from the context they are written in.

Arabic has no capitals, so a name is recognised by what introduces it:

- a title or role (``الرئيس``، ``وزير الخارجية``، ``المتحدثة باسم …``، ``الزميل بـ…``) followed,
  after its complements (definite words, nationality adjectives, known organisations), by the
  name itself, or by a comma and the name (``المسؤولة السابقة في …، سو مي تيري:``);
- an organisation head noun (``صحيفة``، ``وزارة``، ``معهد``، ``حزب``…) followed by definite words
  (``المعهد الكوري للتحليلات الدفاعية``) or, for outlets and companies, a quoted or foreign name;
- a place word (``مخيم``، ``معبر``، ``مدينة``…) followed by a name.

English uses capitalised sequences, classified by their head (``… Ministry``, ``… Institute``,
``… Airport``), a title before them (``President``, ``Ms.``), a role (``analyst Jane Doe``) or a
reporting verb or appositive after them (``Pieter Jansen said``, ``Anna de Vries, a
spokeswoman``). A sentence's first word and headline-cased titles are not taken as evidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from schemas.models import Label
from workers.core.entities.lexicon import Lexicon
from workers.core.entities.spans import FieldText, Mention, Token, discovered_mention
from workers.core.text import match_form

ARABIC_PREFIXES = (
    "وبال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip
DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
NAME_PARTICLES = frozenset({"عبد", "ابو", "بن", "بنت", "ال", "ابن"})
ARABIC_ENDERS = frozenset({",", ":", ".", ";", "?", "!", '"', "(", ")", "«", "»", "“", "”", "-"})
FACILITY_HEADS = frozenset(
    {"مطار", "ميناء", "ملعب", "استاد", "سجن", "مخيم", "معبر", "سد", "محطه", "قاعده", "ساحه"}
)
COMPLEMENTIZERS = frozenset(match_form(w) for w in ("إن", "أن", "إنه", "أنه", "إنها", "أنها"))
NISBA_ENDINGS = ("ي", "يه", "يون", "يين")
EMPLOYER_PREPOSITIONS = frozenset(match_form(w) for w in ("في", "لدى", "ب"))
EN_CONNECTORS = frozenset({"of", "for", "and", "the", "de", "van", "von", "der", "la", "del", "da"})
EN_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "del", "da", "di", "ter"}
)
EN_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sen", "rep", "gov", "prof", "u.s", "no"}
)


def arabic_variants(norm: str) -> set[str]:
    """A token without its proclitics (و ف ب ل ك, the article), in every plausible way."""
    variants = {norm}
    for prefix in ARABIC_PREFIXES:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            rest = norm[len(prefix) :]
            variants.add(rest)
            if prefix.endswith("ال") or prefix.endswith("لل"):
                variants.add("ال" + rest)
    return variants


def head_prefix_length(norm: str, stems: AbstractSet[str]) -> int:
    """Letters of proclitics before a head word in a token (``بالمعهد`` → 1, keeping the
    article; ``وزارة`` → 0, its و is a root letter), or -1 when the token holds no head."""
    for length in range(0, 4):
        rest = norm[length:]
        if rest in stems or (rest.startswith("ال") and rest[2:] in stems):
            return length
        if rest.startswith("لل") and rest[2:] in stems:
            return length  # ل fused with the article stays with the name
    return -1


def skip_letters(text: str, count: int) -> int:
    """Offset in ``text`` after ``count`` letters (diacritics and tatweel do not count)."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == count:
            return i
        if ch.isalpha() and ch != "\u0640":
            seen += 1
    return len(text)


@dataclass
class _FieldView:
    ft: FieldText
    known: list[Mention]
    tokens: list[Token] = field(init=False)
    covering: list[Mention | None] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.ft.tokens
        starts = [t.start for t in self.tokens]
        self.covering = [None] * len(self.tokens)
        for mention in self.known:
            first = bisect.bisect_left(starts, mention.start)
            for i in range(first, len(self.tokens)):
                if self.tokens[i].start >= mention.end:
                    break
                self.covering[i] = mention

    def after(self, index: int) -> int:
        """Index of the first token after the known mention covering ``index``."""
        mention = self.covering[index]
        while index < len(self.tokens) and self.covering[index] is mention:
            index += 1
        return index


@dataclass
class ContextDiscoverer:
    lexicon: Lexicon = field(default_factory=Lexicon.default)

    def find(self, ft: FieldText, known: Sequence[Mention]) -> list[Mention]:
        """Mentions of unknown names in one field, given the knowledge-base mentions."""
        view = _FieldView(ft, [m for m in known if m.field == ft.field])
        found = self._arabic(view) + self._english(view)
        return found

    # --- Arabic ---------------------------------------------------------------------------

    def _arabic(self, view: _FieldView) -> list[Mention]:
        persons: list[Mention] = []
        tokens = view.tokens
        for i, token in enumerate(tokens):
            if not token.arabic or view.covering[i] is not None:
                continue
            role_end = self._role_at(tokens, i)
            if role_end:
                person = self._person_after_role(view, role_end)
                if person and not any(person.overlaps(p) for p in persons):
                    persons.append(person)
        # Organisations and places next, stopping at the people just found.
        view = _FieldView(view.ft, [*view.known, *persons])
        tokens = view.tokens
        found = list(persons)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.arabic or view.covering[i] is not None:
                i += 1
                continue
            org = self._org_at(view, i)
            if org:
                found.extend(org)
                i += 1
                continue
            place = self._place_at(view, i)
            if place:
                found.append(place)
            i += 1
        return found

    def _role_at(self, tokens: list[Token], i: int) -> int:
        variants = arabic_variants(tokens[i].norm)
        for phrase in self.lexicon.ar_person_roles:
            if phrase[0] not in variants or i + len(phrase) > len(tokens):
                continue
            if all(tokens[i + k].norm == phrase[k] for k in range(1, len(phrase))):
                return i + len(phrase)
        return 0

    def _is_modifier(self, token: Token) -> bool:
        lex = self.lexicon
        variants = arabic_variants(token.norm)
        return (
            token.norm.startswith(("ال", "لل"))
            or bool(variants & lex.ar_role_complements)
            or bool(variants & lex.ar_org_heads)
        )

    def _is_role_modifier(self, view: _FieldView, k: int) -> bool:
        token = view.tokens[k]
        plain = token.is_word and token.arabic and self._is_modifier(token)
        return plain or self._construct_modifier(view, k)

    def _construct_modifier(self, view: _FieldView, k: int) -> bool:
        """A noun governing the definite word after it (``تصريف الأعمال``): part of a role."""
        tokens = view.tokens
        if k + 1 >= len(tokens) or not tokens[k].is_word or not tokens[k].arabic:
            return False
        norm = tokens[k].norm
        if norm in NAME_PARTICLES or norm in self.lexicon.ar_stop:
            return False
        following = tokens[k + 1]
        if not following.norm.startswith("ال") or view.covering[k + 1] is not None:
            return False
        # "سلطان الجابر،": a name, not a role complement, when nothing follows the pair.
        after = tokens[k + 2].norm if k + 2 < len(tokens) else "."
        return after not in self.lexicon.ar_stop and not self._name_ends_after(tokens, k + 1)

    def _person_after_role(self, view: _FieldView, k: int) -> Mention | None:
        tokens = view.tokens
        role_end = k
        steps = 0
        while k < len(tokens) and steps < 8:
            covering = view.covering[k]
            if covering is not None:
                if covering.label == Label.PERSON:
                    return None
                k = view.after(k)
            elif (
                tokens[k].is_word and tokens[k].arabic and self._is_modifier(tokens[k])
            ) or self._construct_modifier(view, k):
                k += 1
            else:
                break
            steps += 1
        # Without a comma a single word is too often a noun (``أجرى الرئيس زيارة``).
        span = self._arabic_name(view, k, min_words=2) or self._name_after_employer(view, k)
        if span:
            return discovered_mention(view.ft, *span, Label.PERSON, 0.7, "discovered")
        # "… role in some organisation, Name Surname:" — the name follows a comma.
        for j in range(role_end, min(role_end + 12, len(tokens))):
            norm = tokens[j].norm
            if norm in {".", ":", "?", "!", ";"}:
                return None
            if norm == ",":
                span = self._arabic_name(view, j + 1, needs_end=True)
                if span:
                    return discovered_mention(view.ft, *span, Label.PERSON, 0.8, "discovered")
                return None
        return None

    def _name_after_employer(self, view: _FieldView, k: int) -> tuple[int, int] | None:
        """``المحلل لدى [بنك] غولدمان ساكس جون سميث``: a role, where it works (a known
        organisation), then the name."""
        tokens = view.tokens
        if k < len(tokens) and tokens[k].norm in EMPLOYER_PREPOSITIONS:
            k += 1
        if (
            k < len(tokens)
            and view.covering[k] is None
            and arabic_variants(tokens[k].norm) & self.lexicon.ar_org_heads
        ):
            k += 1
        covering = view.covering[k] if k < len(tokens) else None
        if covering is None or covering.label != Label.ORG:
            return None
        return self._arabic_name(view, view.after(k), min_words=2)

    def _arabic_name(
        self, view: _FieldView, k: int, needs_end: bool = False, min_words: int = 1
    ) -> tuple[int, int] | None:
        """Start and end offsets of a 1–4 word personal name starting at token ``k``."""
        tokens = view.tokens
        lex = self.lexicon
        names: list[Token] = []
        while k < len(tokens) and len(names) < 5:
            token = tokens[k]
            if not token.is_word or not token.arabic or view.covering[k] is not None:
                break
            norm = token.norm
            if norm in lex.ar_stop or len(norm) < 2 or lex.is_ar_reporting_verb(norm):
                break  # a name never runs on into its verb (نبيه بري اعتبر) or a bare لـ
            if arabic_variants(norm) & (lex.ar_org_heads | lex.ar_loc_heads) and not names:
                break
            if norm.startswith(DEFINITE) and norm != "ال":
                particle = bool(names) and names[-1].norm in NAME_PARTICLES
                if not (particle or (names and self._name_ends_after(tokens, k))):
                    break
            if self._role_at(tokens, k):
                break
            names.append(token)
            k += 1
        if not names or len(names) > 4 or names[-1].norm in NAME_PARTICLES:
            return None
        if len(names) < min_words:
            return None
        if needs_end:
            following = tokens[k].norm if k < len(tokens) else "."
            if following not in ARABIC_ENDERS and following not in lex.ar_stop:
                return None
        return names[0].start, names[-1].end

    def _name_ends_after(self, tokens: list[Token], k: int) -> bool:
        """A surname with the article (الحلبي) ends a name only where the name visibly ends:
        punctuation, a quotation mark, a reporting verb, إن/أن or a bare clitic (لـ“…”)."""
        if k + 1 >= len(tokens):
            return True
        following = tokens[k + 1].norm
        return (
            following in ARABIC_ENDERS
            or following in COMPLEMENTIZERS
            or (tokens[k + 1].arabic and len(following) < 2)
            or self.lexicon.is_ar_reporting_verb(following)
        )

    def _org_at(self, view: _FieldView, i: int) -> list[Mention]:
        """An organisation headed at token ``i`` (and the person named right after it, when a
        role introduced it: ``الباحثة في معهد باستور ماري لوفيفر``)."""
        lex = self.lexicon
        tokens = view.tokens
        head = tokens[i]
        variants = arabic_variants(head.norm)
        heads = variants & lex.ar_org_heads
        if not heads:
            return []
        definite_head = any(v.startswith("ال") and v[2:] in heads for v in variants)
        media = bool(variants & lex.ar_media_heads)
        k = i + 1
        if k < len(tokens) and tokens[k].norm == '"':
            quoted = self._quoted_org(view, k)
            return [quoted] if quoted else []
        # After "role in": the foreign name may run on into the person's name; keep room for it.
        employer = self._after_person_role(view, i)
        max_foreign = 5 if employer else 3
        tail_end = None
        foreign = 0
        nouns = 1 if definite_head else 0  # plain definite nouns in the name so far
        after_place = False  # after a nationality or place only a genitive (لل…) continues
        while k < len(tokens) and k - i <= 6:
            token = tokens[k]
            covering = view.covering[k]
            if covering is not None:
                absorbable = covering.label in (Label.LOC, Label.NORP)
                if absorbable and (tail_end is not None or not definite_head) and not after_place:
                    k = view.after(k)
                    tail_end = k
                    after_place = True
                    continue
                break
            if after_place and not token.norm.startswith("لل"):
                break
            if not token.is_word or not token.arabic or token.norm in lex.ar_stop:
                break
            if token.norm.startswith(("وال", "فال")) and (k > i + 1 or not media):
                break  # a conjunction starts the next noun phrase (not right after the head)
            if token.norm.startswith("لل") and not foreign:
                k += 1
                tail_end = k
                nouns = 1  # a genitive لل… is a noun: only adjectives may follow it
                continue
            if token.norm.startswith("ال") and not foreign:
                if nouns >= 1 and not self._org_adjective(token.norm):
                    break  # "وزارة الداخلية الحركة…": a second noun is the verb's object
                # The first word after an indefinite head is its genitive, whatever its
                # ending (وزارة الداخلية).
                nouns += 1 if nouns == 0 or not self._org_adjective(token.norm) else 0
                k += 1
                tail_end = k
                continue
            if media and tail_end is None and not definite_head and foreign < max_foreign:
                if (
                    token.norm in lex.ar_common
                    or arabic_variants(token.norm) & lex.ar_org_heads
                    or lex.is_ar_reporting_verb(token.norm)
                ):
                    break
                foreign += 1
                k += 1
                continue
            break
        person: Mention | None = None
        if foreign:
            if (
                employer
                and foreign >= 3
                and tail_end is None
                and not any(t.norm.startswith(DEFINITE) for t in tokens[k - 2 : k])
            ):
                # Organisation name first, then a two-word personal name (first name, surname).
                person = discovered_mention(
                    view.ft, tokens[k - 2].start, tokens[k - 1].end, Label.PERSON, 0.7, "discovered"
                )
                k -= 2
            elif foreign > 3:
                k = i + 4  # without a role before it, a foreign name is at most three words
            tail_end = k if tail_end is None else tail_end
        if tail_end is None:
            return []
        if (
            definite_head
            and not foreign
            and not any(
                view.covering[t] is not None or tokens[t].norm.startswith("لل")
                for t in range(i + 1, tail_end)
            )
        ):
            return []  # "المستشفى الوحيد العامل" describes, it does not name
        prefix = max(0, head_prefix_length(head.norm, lex.ar_org_heads))
        start = head.start + skip_letters(head.text, prefix)
        end = tokens[tail_end - 1].end
        org = discovered_mention(view.ft, start, end, Label.ORG, 0.6, "discovered")
        return [org, person] if person else [org]

    def _org_adjective(self, norm: str) -> bool:
        """A relational (nisba) adjective, or one of the few others names carry."""
        return norm.endswith(NISBA_ENDINGS) or norm in self.lexicon.ar_org_adjectives

    def _after_person_role(self, view: _FieldView, i: int) -> bool:
        """Whether the organisation head at ``i`` is where a just-named role works:
        ``الباحثة في معهد``, ``المحلل لدى شركة``, ``الزميل بمعهد``."""
        tokens = view.tokens
        head = tokens[i]
        if head.norm.startswith("ب") and head_prefix_length(head.norm, self.lexicon.ar_org_heads):
            preposition = i
        elif i > 0 and tokens[i - 1].norm in EMPLOYER_PREPOSITIONS:
            preposition = i - 1
        else:
            return False
        for k in range(max(0, preposition - 5), preposition):
            role_end = self._role_at(tokens, k)
            if role_end and all(
                self._is_role_modifier(view, m) for m in range(role_end, preposition)
            ):
                return True
        return False

    def _quoted_org(self, view: _FieldView, k: int) -> Mention | None:
        tokens = view.tokens
        for j in range(k + 1, min(k + 7, len(tokens))):
            if view.covering[j] is not None:
                return None
            if tokens[j].norm == '"':
                if j == k + 1:
                    return None
                start, end = tokens[k + 1].start, tokens[j - 1].end
                return discovered_mention(view.ft, start, end, Label.ORG, 0.7, "discovered")
        return None

    def _place_at(self, view: _FieldView, i: int) -> Mention | None:
        lex = self.lexicon
        tokens = view.tokens
        variants = arabic_variants(tokens[i].norm)
        heads = variants & lex.ar_loc_heads
        if not heads or tokens[i].norm.startswith("ال"):
            return None
        k = i + 1
        names: list[Token] = []
        while k < len(tokens) and len(names) < 3 and view.covering[k] is None:
            token = tokens[k]
            if not token.is_word or not token.arabic or token.norm in lex.ar_stop:
                break
            if (token.norm in lex.ar_common and not names) or token.norm.startswith(DEFINITE[1:]):
                break
            if token.norm.startswith("ال") and not heads & FACILITY_HEADS and not names:
                break
            if arabic_variants(token.norm) & (lex.ar_org_heads | lex.ar_loc_heads):
                break
            names.append(token)
            k += 1
        if not names:
            return None
        facility = bool(heads & FACILITY_HEADS)
        start = (
            tokens[i].start
            + skip_letters(tokens[i].text, max(0, head_prefix_length(tokens[i].norm, heads)))
            if facility
            else names[0].start
        )
        return discovered_mention(view.ft, start, names[-1].end, Label.LOC, 0.6, "discovered")

    # --- English --------------------------------------------------------------------------

    def _english(self, view: _FieldView) -> list[Mention]:
        tokens = view.tokens
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            if not self._capital_word(view, i):
                i += 1
                continue
            j = i + 1
            while j < len(tokens):
                if self._capital_word(view, j) and not tokens[j - 1].text.endswith(("'s", "’s")):
                    if tokens[j].norm in self.lexicon.en_reporting_verbs:
                        break  # headline case: "Berri Says …"
                    j += 1
                elif (
                    tokens[j].norm in EN_CONNECTORS
                    and j + 1 < len(tokens)
                    and self._capital_word(view, j + 1)
                ):
                    j += 2
                elif (
                    tokens[j].norm in EN_NAME_PARTICLES
                    and j + 2 < len(tokens)
                    and tokens[j + 1].norm in EN_NAME_PARTICLES
                    and self._capital_word(view, j + 2)
                ):
                    j += 3  # "Niels van der Berg", "Maria de la Cruz"
                else:
                    break
            found.extend(self._classify(view, i, j))
            i = j
        return found

    def _capital_word(self, view: _FieldView, i: int) -> bool:
        token = view.tokens[i]
        if not token.is_word or token.arabic or view.covering[i] is not None:
            return False
        text = token.text
        if text[:3].lower() in ("al-", "el-") and len(text) > 3:
            return text[3].isupper()
        return text[0].isupper()

    def _sentence_start(self, view: _FieldView, i: int) -> bool:
        tokens = view.tokens
        k = i - 1
        while k >= 0 and tokens[k].norm in {'"', "'", "(", "-"}:
            k -= 1
        if k < 0 or tokens[i].newline_before:
            return True
        if tokens[k].norm in {".", "?", "!", ":"}:
            return not (k > 0 and tokens[k - 1].norm in EN_ABBREVIATIONS)
        return False

    def _classify(self, view: _FieldView, i: int, j: int) -> list[Mention]:
        lex = self.lexicon
        tokens = view.tokens
        norms = [t.norm for t in tokens[i:j]]
        # Strip connectors at the edges and a leading sentence-start function word.
        if self._sentence_start(view, i) and norms[0] in lex.en_stop | lex.en_reporting_verbs:
            i += 1
            norms = norms[1:]
        if not norms:
            return []
        sentence_start = self._sentence_start(view, i)
        if self._only_title(norms):
            return []  # "Secretary General" alone names nobody
        if len(norms) > 1 and norms[-1] in lex.en_org_heads:
            title_strip = 0  # "General Motors", "Presidential Guard"
        else:
            title_strip = self._title_length(tokens, i, j) or self._inner_title_end(norms)
        preceded_by_title = self._title_before(view, i)
        if title_strip:
            i += title_strip
            norms = norms[title_strip:]
            preceded_by_title = True
        if not norms:
            return []
        end_token = tokens[j - 1]
        end = end_token.end - (2 if end_token.text.endswith(("'s", "’s")) else 0)
        start = tokens[i].start
        last = norms[-1].removesuffix("'s").removesuffix("’s")
        ft = view.ft
        if ft.headline_case:
            # Every word is capitalised: only a title before the name is evidence.
            if preceded_by_title and len(norms) <= 3:
                return [discovered_mention(ft, start, end, Label.PERSON, 0.7, "discovered")]
            return []
        org_head = last in lex.en_org_heads or norms[0] in lex.en_org_lead_words
        if len(norms) > 1 and org_head and not (sentence_start and norms[0] in lex.en_stop):
            return [discovered_mention(ft, start, end, Label.ORG, 0.7, "discovered")]
        if len(norms) > 1 and last in lex.en_loc_heads:
            return [discovered_mention(ft, start, end, Label.LOC, 0.6, "discovered")]
        if any(n in lex.en_org_heads for n in norms[1:-1]) and len(norms) > 2:
            return [discovered_mention(ft, start, end, Label.ORG, 0.6, "discovered")]
        if len(norms) > 4 or any(n in lex.en_stop and n not in EN_CONNECTORS for n in norms):
            return []
        if preceded_by_title or self._role_before(view, i):
            return [discovered_mention(ft, start, end, Label.PERSON, 0.8, "discovered")]
        if len(norms) >= 2 and self._person_context_after(view, j):
            return [discovered_mention(ft, start, end, Label.PERSON, 0.7, "discovered")]
        if self._org_context_before(view, i):
            return [discovered_mention(ft, start, end, Label.ORG, 0.6, "discovered")]
        return []

    def _org_context_before(self, view: _FieldView, i: int) -> bool:
        """``an analyst at X``, ``a former head of X``: X is where someone works."""
        tokens = view.tokens
        k = i - 1
        if k >= 0 and tokens[k].norm == "the":
            k -= 1
        if k < 1 or tokens[k].norm not in {"at", "of", "for", "with"}:
            return False
        role = tokens[k - 1].norm
        roles = self.lexicon.en_person_roles
        return role in roles or (role.endswith("s") and role[:-1] in roles)  # analysts at X

    def _title_length(self, tokens: list[Token], i: int, j: int) -> int:
        words = [t.norm for t in tokens[i:j]]
        for phrase in self.lexicon.en_person_titles:
            if tuple(words[: len(phrase)]) == phrase and len(words) > len(phrase):
                return len(phrase)
        return 0

    def _only_title(self, norms: list[str]) -> bool:
        return tuple(norms) in self._titles()

    def _titles(self) -> frozenset[tuple[str, ...]]:
        return frozenset(self.lexicon.en_person_titles)

    def _inner_title_end(self, norms: list[str]) -> int:
        """``Parliament Speaker Nabih Berri``, ``Apple Chief Executive Tim Cook``: a title
        inside the run, followed by one to three words that are no titles, ends where the
        name starts (the words before it say where the title is held)."""
        titles = self._titles()
        for start in range(1, len(norms) - 1):
            for phrase in self.lexicon.en_person_titles:
                end = start + len(phrase)
                if tuple(norms[start:end]) != phrase or not 1 <= len(norms) - end <= 3:
                    continue
                rest = norms[end:]
                if any((w,) in titles or w in self.lexicon.en_org_heads for w in rest):
                    continue
                return end
        return 0

    def _title_before(self, view: _FieldView, i: int) -> bool:
        tokens = view.tokens
        k = i - 1
        if k >= 0 and tokens[k].norm == ".":
            k -= 1
        if k < 0:
            return False
        return tokens[k].norm in self.lexicon.en_honorifics

    def _role_before(self, view: _FieldView, i: int) -> bool:
        """``analyst Jane Doe`` or ``…, the agency's spokeswoman, Jane Doe``."""
        tokens = view.tokens
        k = i - 1
        if k >= 0 and tokens[k].norm == ",":
            k -= 1
        return k >= 0 and tokens[k].norm in self.lexicon.en_person_roles

    def _person_context_after(self, view: _FieldView, j: int) -> bool:
        """A reporting verb (``said``) or an appositive with a role (``, a spokeswoman``)."""
        tokens = view.tokens
        lex = self.lexicon
        k = j
        if k < len(tokens) and tokens[k].norm == ",":
            k += 1
            window = [t.norm for t in tokens[k : k + 7]]
            if (
                any(w in lex.en_person_roles for w in window[:7])
                and window[:1]
                and (
                    window[0] in {"a", "an", "the", "who", "whose", "his", "her", "its"}
                    or window[0] in lex.en_person_roles
                )
            ):
                return True
            if window[:1] and (window[0].isdigit() or window[0] == "who"):
                return True  # "Pieter Jansen, 54, ...", "Dave Calhoun, who ..."
        return k < len(tokens) and tokens[k].norm in lex.en_reporting_verbs
