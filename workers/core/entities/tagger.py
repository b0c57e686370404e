"""The trained name finder: a linear-chain CRF (CRFsuite) per language.

Text is cut into tokens and sentences the way the CoNLL-style training data is, each token gets
binary features (its lowercased/matching form, shape, affixes, the form without Arabic
proclitics, word clusters learned from unlabelled news, knowledge-base gazetteer membership, and
the same for its neighbours), and the CRF labels the tokens B-/I-PER/ORG/LOC/MISC. Spans come
back as character offsets; :class:`~workers.core.entities.models.ModelEntityExtractor` then links
them to the knowledge base like any other model's spans.

The weights (``<lang>.crfsuite``) and clusters (``<lang>.clusters.tsv``) ship in
``workers/data/entities/models`` with a model card; ``newsflow train entities`` rebuilds them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from workers.core.entities.kb import DATA_PACKAGE, KnowledgeBase
from workers.core.text import match_form

MODEL_DIR = "entities/models"
LANGS = ("en", "ar")
MAX_GAZETTEER_WORDS = 5
NEIGHBOURS = (-2, -1, 1, 2)

_ABBREVIATIONS = "(?i:st|mr|mrs|ms|dr|jr|sr|mt|ft|gen|lt|col|gov|sen|rep|prof)"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN = re.compile(
    rf"(?:[^\W\d_]\.){{2,}}"  # U.S., U.N.
    # An initial or a title's abbreviation before a name is one token, not a sentence end:
    # S. Waugh, St. Petersburg, Dr. Lee (as CoNLL tokenises them).
    rf"|(?<!\w)(?:[A-Z]|{_ABBREVIATIONS})\.(?=\s+[A-Z])"
    rf"|[\w{_MARKS}]+(?:(?:[-.,/&]|['’](?!s\b))[\w{_MARKS}]+)*"  # words, 1,000.5, AT&T
    rf"|['’]s\b"  # the possessive is a token of its own, as in CoNLL
    rf"|[^\w\s{_MARKS}]"
)
SENTENCE_END = frozenset({".", "!", "?", "؟", "؛"})
ARABIC_PROCLITICS = (
    "وبال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)  # fmt: skip
_ARABIC = re.compile(r"[\u0600-\u06ff]")


class TaggerModelError(RuntimeError):
    """The shipped (or configured) CRF model is missing or unreadable."""


@dataclass(frozen=True, init=False)
class TokenSpan:
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        # One dict update instead of the frozen dataclass's object.__setattr__ per field:
        # every token of every text is built.
        self.__dict__.update(start=start, end=end, text=text)


def tokenize(text: str) -> list[TokenSpan]:
    return [TokenSpan(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def sentences(text: str, tokens: Sequence[TokenSpan]) -> Iterator[list[TokenSpan]]:
    """Tokens grouped into sentences: cut after . ! ? ؟ and at line breaks."""
    current: list[TokenSpan] = []
    previous_end = 0
    for token in tokens:
        if current and "\n" in text[previous_end : token.start]:
            yield current
            current = []
        current.append(token)
        previous_end = token.end
        # The full stop of a list number ("9. Andersson 1:34") ends no sentence: cut there, the
        # name after it would start a sentence of its own, without its context.
        if token.text in SENTENCE_END and len(current) > 1 and not _list_number(current):
            yield current
            current = []
    if current:
        yield current


def _list_number(tokens: Sequence[TokenSpan]) -> bool:
    return len(tokens) == 2 and tokens[0].text.isdigit() and len(tokens[0].text) <= 3


@lru_cache(maxsize=200_000)
def strip_proclitics(norm: str) -> tuple[str, str]:
    """(proclitics, rest) of an Arabic word: ``وبالقاهرة`` → (``وبال``, ``قاهرة``)."""
    for prefix in ARABIC_PROCLITICS:
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            return prefix, norm[len(prefix) :]
    return "", norm


def shape(word: str) -> str:
    """Letter classes with runs collapsed: ``McDonald`` → ``XxXx``, ``G7`` → ``Xd``."""
    out: list[str] = []
    for ch in word:
        if ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "a" if _ARABIC.match(ch) else ("X" if ch.isupper() else "x")
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@dataclass
class Clusters:
    """Word → cluster ids at several granularities, from ``<lang>.clusters.tsv`` (word, then
    one id per granularity, coarsest first). The first two levels are the ``c=``/``cf=``
    features of the token and its neighbours; further levels (finer k-means partitions) are
    the token's own ``c2=``, ``c3=``… features and its ±1 neighbours'."""

    ids: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def read(cls, lines: Iterable[str]) -> Clusters:
        clusters = cls()
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                clusters.ids[parts[0]] = tuple(parts[1:])
        return clusters

    def __contains__(self, word: str) -> bool:
        return word in self.ids


FEED_LABEL_TYPES = ("PER", "ORG", "LOC", "MISC")
FEED_LABEL_MIN_COUNT = 3


@dataclass
class FeedLabels:
    """How a first-pass CRF labelled each word across unlabelled feed text
    (``<lang>.labels.tsv``: word, occurrences, ``LABEL:count`` pairs).

    A name the model finds where the context gives it away (after a title, beside a full name)
    is then known in contexts that do not: the feature says "this word is mostly a person in
    the news". Shares are binned (≥ .1 low, ≥ .3 mid, ≥ .6 high); rarer words get nothing.
    """

    features: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def read(cls, lines: Iterable[str]) -> FeedLabels:
        labels = cls()
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or int(parts[1]) < FEED_LABEL_MIN_COUNT:
                continue
            total = int(parts[1])
            counts = {k: int(v) for k, _, v in (p.partition(":") for p in parts[2].split())}
            feats = []
            for label in FEED_LABEL_TYPES:
                share = counts.get(label, 0) / total
                if share >= 0.1:
                    feats.append(label + ("h" if share >= 0.6 else "m" if share >= 0.3 else "l"))
            labels.features[parts[0]] = tuple(feats)
        return labels

    def __bool__(self) -> bool:
        return bool(self.features)


class Gazetteer:
    """Knowledge-base names (matching form) as token n-grams → label, for B-/I- features."""

    def __init__(self, kb: KnowledgeBase | None, lang: str) -> None:
        self.lang = lang
        self.names: dict[str, str] = {}
        self.first_words: set[str] = set()
        """First words of the names (without the article too): most tokens start none."""
        self.could_start = lru_cache(maxsize=200_000)(self._could_start)
        if kb is None:
            return
        for key, surfaces in kb.surfaces.items():
            words = key.split()
            if not surfaces or len(words) > MAX_GAZETTEER_WORDS:
                continue
            label = surfaces[0].label.value
            if label in ("PERSON", "ORG", "LOC"):
                self.names.setdefault(key, label)
                self.first_words.add(words[0])
                if words[0].startswith("ال"):
                    self.first_words.add(words[0][2:])

    def _could_start(self, norm: str) -> bool:
        if norm in self.first_words:
            return True
        return self.lang == "ar" and strip_proclitics(norm)[1] in self.first_words

    def tags(self, norms: Sequence[str]) -> list[str | None]:
        """Longest match left to right: B-LABEL / I-LABEL per token, or None."""
        tags: list[str | None] = [None] * len(norms)
        i = 0
        while i < len(norms):
            matched = 0
            if not self.could_start(norms[i]):
                i += 1
                continue
            first = strip_proclitics(norms[i])[1] if self.lang == "ar" else ""
            for n in range(min(MAX_GAZETTEER_WORDS, len(norms) - i), 0, -1):
                label = self.names.get(" ".join(norms[i : i + n]))
                if label is None and self.lang == "ar" and n >= 1:
                    rest = norms[i + 1 : i + n]
                    label = self.names.get(" ".join([first, *rest])) or self.names.get(
                        " ".join(["ال" + first, *rest])
                    )
                if label is not None:
                    tags[i] = "B-" + label
                    for j in range(i + 1, i + n):
                        tags[j] = "I-" + label
                    matched = n
                    break
            i += matched or 1
        return tags


WORD_CACHE = 20_000
"""Words whose features a language's featurizer remembers. A cached word holds ~3.8 KB of
feature strings (Arabic feed, tracemalloc): with the earlier 200,000 it held 374 MiB after 5,000
Arabic articles (102,669 words) and would have reached ~760 MB per language.
20,000 hold the frequent words (86% of the tokens of 5,000 Arabic articles hit, against 93%
with no limit) at ~76 MB per language, for ~0.6 ms more CPU per Arabic article."""


class Featurizer:
    """Feature strings per token; the per-word part is cached (news repeats its words)."""

    def __init__(
        self,
        lang: str,
        clusters: Clusters,
        gazetteer: Gazetteer,
        feed_labels: FeedLabels | None = None,
        word_cache: int = WORD_CACHE,
    ) -> None:
        self.lang = lang
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.feed_labels = feed_labels or FeedLabels()
        self._word = lru_cache(maxsize=word_cache)(self._word_features)
        self.norm = lru_cache(maxsize=word_cache)(self._norm)

    def _norm(self, word: str) -> str:
        return match_form(word) if self.lang == "ar" else word.lower()

    def _word_features(self, word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """(own features, what its neighbours at -2, -1, +1, +2 see), strings built once."""
        norm = self.norm(word)
        sh = shape(word)
        own = [
            "w=" + norm,
            "sh=" + sh,
            "p2=" + norm[:2],
            "p3=" + norm[:3],
            "s2=" + norm[-2:],
            "s3=" + norm[-3:],
            "s4=" + norm[-4:],
            "len=" + str(min(len(norm), 8)),
        ]
        if word[:1].isupper():
            own.append("title")
        if word.isupper() and len(word) > 1:
            own.append("upper")
        if any(ch.isdigit() for ch in word):
            own.append("digit")
        context = ["w=" + norm, "sh=" + sh]
        cluster_key = norm
        if _ARABIC.search(word):
            clitics, stem = strip_proclitics(norm)
            own += ["st=" + stem, "cl=" + clitics, "sp3=" + stem[:3], "ss3=" + stem[-3:]]
            context += ["st=" + stem, "cl=" + clitics]
            if stem in self.clusters and norm not in self.clusters:
                cluster_key = stem
        cluster_ids = self.clusters.ids.get(cluster_key)
        finer: list[str] = []
        if cluster_ids is not None:
            own += ["c=" + cluster_ids[0], "cf=" + cluster_ids[1]]
            context += ["c=" + cluster_ids[0], "cf=" + cluster_ids[1]]
            finer = [f"c{level}={id_}" for level, id_ in enumerate(cluster_ids[2:], 2)]
            own += finer
        else:
            own.append("c=none")
            context.append("c=none")
        own.append("bias")
        near = context + finer
        if self.feed_labels:
            key = self.label_key(word, norm)
            if key is not None:
                labelled = ["fl=" + f for f in self.feed_labels.features.get(key, ("unk",))]
                own += labelled
                near += labelled
        seen = tuple(
            tuple(f"{offset}:{f}" for f in (near if offset in (-1, 1) else context))
            for offset in NEIGHBOURS
        )
        return tuple(own), seen

    def label_key(self, word: str, norm: str) -> str | None:
        """The word's key in :class:`FeedLabels`: Arabic without proclitics, else lowercased;
        None for numbers and punctuation."""
        if self.lang == "ar":
            return strip_proclitics(norm)[1] if _ARABIC.search(word) else None
        return norm if any(ch.isalpha() for ch in word) else None

    def features(self, words: Sequence[str]) -> list[list[str]]:
        per_word = [self._word(w) for w in words]
        norms = [self.norm(w) for w in words]
        gaz = self.gazetteer.tags(norms)
        all_upper = sum(w.isupper() for w in words) > 0.6 * max(len(words), 1)
        n = len(words)
        out: list[list[str]] = []
        for i in range(n):
            feats = list(per_word[i][0])
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            if all_upper:
                feats.append("caps_sentence")
            if gaz[i] is not None:
                feats.append("g=" + str(gaz[i]))
            for k, offset in enumerate(NEIGHBOURS):
                j = i + offset
                if 0 <= j < n:
                    feats.extend(per_word[j][1][k])
                    if gaz[j] is not None and offset in (-1, 1):
                        feats.append(f"{offset}:g={gaz[j]}")
            if i > 0:
                feats.append("bg-=" + norms[i - 1] + "|" + norms[i])
            if i < n - 1:
                feats.append("bg+=" + norms[i] + "|" + norms[i + 1])
            out.append(feats)
        return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first token, token after the last, type) of each B-/I- run (a stray I- starts one)."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            spans.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return spans


def model_path(lang: str, directory: Path | None = None) -> Path:
    if directory is not None:
        return directory / f"{lang}.crfsuite"
    return Path(str(resources.files(DATA_PACKAGE).joinpath(MODEL_DIR, f"{lang}.crfsuite")))


def clusters_path(lang: str, directory: Path | None = None) -> Path:
    return model_path(lang, directory).with_name(f"{lang}.clusters.tsv")


def labels_path(lang: str, directory: Path | None = None) -> Path:
    return model_path(lang, directory).with_name(f"{lang}.labels.tsv")


def model_files(lang: str, directory: Path | None = None) -> tuple[Path, ...]:
    return (
        model_path(lang, directory),
        clusters_path(lang, directory),
        labels_path(lang, directory),
    )


def manifest_path(directory: Path | None = None) -> Path:
    return model_path("en", directory).with_name("manifest.json")


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(lang: str, directory: Path | None = None) -> None:
    """Record the SHA-256 of a language's files so a truncated or altered copy is refused
    before the C library reads it."""
    path = manifest_path(directory)
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for file in model_files(lang, directory):
        if file.exists():
            manifest[file.name] = file_digest(file)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_clusters(path: Path) -> Clusters:
    if not path.exists():
        return Clusters()
    with path.open(encoding="utf-8") as handle:
        return Clusters.read(handle)


def read_feed_labels(path: Path) -> FeedLabels:
    if not path.exists():
        return FeedLabels()
    with path.open(encoding="utf-8") as handle:
        return FeedLabels.read(handle)


@dataclass
class LanguageTagger:
    lang: str
    featurizer: Featurizer
    tagger: Any

    def tag(self, words: Sequence[str]) -> list[str]:
        return list(self.tagger.tag(self.featurizer.features(words)))


def load_language(
    lang: str,
    kb: KnowledgeBase | None,
    directory: Path | None = None,
    word_cache: int = WORD_CACHE,
) -> LanguageTagger:
    """The CRF and clusters of ``lang``; a missing or unreadable file raises
    :class:`TaggerModelError` saying how to get it back."""
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise TaggerModelError(
            "entity_backend=crf needs python-crfsuite: pip install newsflow"
        ) from exc
    path = model_path(lang, directory)
    remedy = (
        f"reinstall newsflow (the package ships it), run `newsflow train entities --lang {lang}`, "
        "or set NEWSFLOW_PROCESSING__ENTITY_MODEL to a directory holding "
        f"{lang}.crfsuite (or choose another NEWSFLOW_PROCESSING__ENTITY_BACKEND)"
    )
    if not path.is_file():
        raise TaggerModelError(f"entity model {path} is missing: {remedy}")
    manifest_file = manifest_path(directory)
    manifest = (
        json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    )
    for file in model_files(lang, directory):
        expected = manifest.get(file.name)
        if expected is None and file.name.endswith(".labels.tsv") and not file.exists():
            continue  # optional: a model trained without feed labels
        if expected is None and directory is None:
            raise TaggerModelError(f"{manifest_file} lists no checksum of {file.name}: {remedy}")
        if expected is not None and (not file.is_file() or file_digest(file) != expected):
            raise TaggerModelError(
                f"entity model file {file} is corrupt (missing or checksum differs): {remedy}"
            )
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
        labels = set(tagger.labels())
    except (OSError, ValueError, RuntimeError) as exc:
        raise TaggerModelError(f"entity model {path} is corrupt ({exc}): {remedy}") from exc
    if not any(label.startswith("B-") for label in labels):
        raise TaggerModelError(f"entity model {path} has no B- labels ({labels}): {remedy}")
    clusters = read_clusters(clusters_path(lang, directory))
    feed_labels = read_feed_labels(labels_path(lang, directory))
    featurizer = Featurizer(lang, clusters, Gazetteer(kb, lang), feed_labels, word_cache)
    return LanguageTagger(lang, featurizer, tagger)


ARABIC_PRONOUNS = frozenset(
    {"هو", "هي", "هم", "هما", "هن", "انا", "نحن", "انت", "انتم", "اياه", "اياها", "ذلك", "هذا"}
)
ARABIC_NEGATIONS = frozenset({"لم", "لن", "لا", "ما", "ليس", "ليست", "لسنا", "غير"})


@lru_cache(maxsize=1)
def arabic_edge_words() -> frozenset[str]:
    """Matching forms a name never begins or ends with: function words, pronouns, negations and
    the claim stage's reporting verbs (قال، أكد …)."""
    from workers.core.entities.lexicon import Lexicon

    lexicon = Lexicon.default()
    words = {match_form(w) for w in ARABIC_PRONOUNS | ARABIC_NEGATIONS}
    return frozenset(words | lexicon.ar_stop | lexicon.ar_reporting_verbs)


@lru_cache(maxsize=100_000)
def is_arabic_edge_word(word: str) -> bool:
    norm = match_form(word)
    edge = arabic_edge_words()
    if norm in edge:
        return True
    # وهو، ولم، فقال: a conjunction on a function word is still a function word.
    return len(norm) > 2 and norm[0] in "وف" and norm[1:] in edge


def _latin_word(word: str) -> bool:
    # The regex first: in Arabic text most words fail it without a Python-level loop.
    return not _ARABIC.search(word) and any(ch.isalpha() for ch in word)


@dataclass
class CrfSpanModel:
    """The shipped CRF taggers (both languages) as a :class:`SpanModel`.

    A text is tagged by the model of its language (its article's, else its script's); inside
    Arabic text a run of Latin-script words (CNN, G7) is tagged by the English model. Arabic
    spans are trimmed of function words, pronouns, negations and reporting verbs at their edges.
    MISC spans are dropped: nationalities are the knowledge base's NORP, the rest is unscored.
    """

    kb: KnowledgeBase | None
    directory: Path | None = None
    name: str = "crf"
    word_cache: int = WORD_CACHE
    """Words whose features each language remembers (``processing.entity_word_cache``)."""
    taggers: dict[str, LanguageTagger] = field(init=False)

    def __post_init__(self) -> None:
        self.taggers = {
            lang: load_language(lang, self.kb, self.directory, self.word_cache) for lang in LANGS
        }

    def language_of(self, text: str, lang: str | None) -> str:
        if lang in self.taggers:
            return str(lang)
        arabic = len(_ARABIC.findall(text))
        return "ar" if arabic > len(text) / 4 else "en"

    def spans(self, texts: Sequence[str], lang: str | None = None) -> list[list[Any]]:
        from workers.core.entities.models import RawSpan

        results: list[list[Any]] = []
        for text in texts:
            found: list[RawSpan] = []
            text_lang = self.language_of(text, lang)
            for sentence in sentences(text, tokenize(text)):
                for start, end, kind in self.tag_sentence(sentence, text_lang):
                    if kind != "MISC":
                        found.append(RawSpan(sentence[start].start, sentence[end - 1].end, kind))
            results.append(found)
        return results

    def tag_sentence(self, tokens: Sequence[TokenSpan], lang: str) -> list[tuple[int, int, str]]:
        words = [t.text for t in tokens]
        found = bio_spans(self.taggers[lang].tag(words))
        if lang != "ar":
            return found
        found = [s for s in (self._trim_arabic(words, *s) for s in found) if s is not None]
        return found + self._latin_runs(words, found)

    def _trim_arabic(self, words: Sequence[str], start: int, end: int, kind: str) -> Any:
        while start < end and _ARABIC.search(words[start]) and is_arabic_edge_word(words[start]):
            start += 1
        while (
            end > start and _ARABIC.search(words[end - 1]) and is_arabic_edge_word(words[end - 1])
        ):
            end -= 1
        return (start, end, kind) if start < end else None

    def _latin_runs(
        self, words: Sequence[str], taken: Sequence[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        busy = {i for s, e, _ in taken for i in range(s, e)}
        extra: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            if not _latin_word(words[i]) or i in busy:
                i += 1
                continue
            j = i
            while (
                j < len(words)
                and j not in busy
                and (_latin_word(words[j]) or (words[j][:1].isdigit() and j > i))
            ):
                j += 1
            run = words[i:j]
            for s, e, kind in bio_spans(self.taggers["en"].tag(run)):
                extra.append((i + s, i + e, kind))
            i = j
        return extra
