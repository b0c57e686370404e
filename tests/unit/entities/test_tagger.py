"""The CRF name finder: tokenisation, CoNLL reading/scoring, Arabic span edges, the shipped
models and their start-up errors. Every sentence here is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.models import Label
from workers.core.entities.conll import SpanScores, normalise_tags, read_conll
from workers.core.entities.conll_eval import conll_articles, snap
from workers.core.entities.evaluation import main as evaluate_main
from workers.core.entities.extractor import RuleEntityExtractor
from workers.core.entities.kb import KnowledgeBase
from workers.core.entities.models import (
    EntityModelError,
    ModelEntityExtractor,
    build_entity_extractor,
)
from workers.core.entities.tagger import (
    Clusters,
    CrfSpanModel,
    Featurizer,
    FeedLabels,
    Gazetteer,
    bio_spans,
    is_arabic_edge_word,
    model_path,
    sentences,
    strip_proclitics,
    tokenize,
)
from workers.settings import ProcessingSettings

from .conftest import make_article


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_tokens_follow_the_conll_conventions() -> None:
    assert words("Norway's U.S. envoy paid $1,250.50 to AT&T.") == [
        "Norway", "'s", "U.S.", "envoy", "paid", "$", "1,250.50", "to", "AT&T", ".",
    ]  # fmt: skip
    assert words("وقال سامر (45 عاما)، إن") == ["وقال", "سامر", "(", "45", "عاما", ")", "،", "إن"]


def test_initials_and_title_abbreviations_do_not_end_a_sentence() -> None:
    text = "Bowling: S. Waugh 2-40, G. W. Pike 1-12. Dr. Hanna Ostrova flew to St. Petersburg."
    cut = [[t.text for t in s] for s in sentences(text, tokenize(text))]
    assert cut[0][:4] == ["Bowling", ":", "S.", "Waugh"]
    assert cut[0][6:9] == ["G.", "W.", "Pike"]
    assert cut[1][:3] == ["Dr.", "Hanna", "Ostrova"] and cut[1][-3:] == ["St.", "Petersburg", "."]
    assert len(cut) == 2  # the sentence still ends at its last full stop


def test_a_list_number_does_not_end_a_sentence() -> None:
    text = "Results:\n7. Brannvik 2:41\n8. Oyelaran 2:43\nHe came 8. Then he left."
    cut = [[t.text for t in s] for s in sentences(text, tokenize(text))]
    assert cut[1][:3] == ["7", ".", "Brannvik"]  # the name keeps its line as context
    assert cut[3] == ["He", "came", "8", "."] and cut[4][0] == "Then"


def test_an_initial_stays_on_the_name_it_abbreviates(crf: ModelEntityExtractor) -> None:
    entities = found(crf, "The visitors collapsed after J. Okonkwo took four wickets.", "en")
    assert entities.get("J. Okonkwo") == Label.PERSON, entities


def test_feed_labels_mark_words_the_news_mostly_calls_names() -> None:
    table = FeedLabels.read(
        [
            "قرضاوي\t40\tPER:30 ORG:0 LOC:0 MISC:0 O:10\n",
            "سوق\t900\tPER:0 ORG:20 LOC:0 MISC:0 O:880\n",
            "نادر\t2\tPER:2 ORG:0 LOC:0 MISC:0 O:0\n",  # too rare to say anything
        ]
    )
    featurizer = Featurizer("ar", Clusters(), Gazetteer(None, "ar"), table)
    feats = featurizer.features(["وقال", "والقرضاوي", "في", "السوق", "نادر"])
    assert "fl=PERh" in feats[1]  # the proclitics are stripped before the lookup
    assert "1:fl=PERh" in feats[0] and "-1:fl=PERh" in feats[2]  # neighbours see it
    assert not any(f.startswith("fl=") for f in feats[3])  # a common word: no label
    assert "fl=unk" in feats[4]
    plain = Featurizer("ar", Clusters(), Gazetteer(None, "ar"))
    assert not any("fl=" in f for f in plain.features(["والقرضاوي"])[0])


def test_finer_cluster_levels_reach_the_token_and_its_near_neighbours_only() -> None:
    three_levels = Clusters.read(["harbour\t3\t17\t402\n", "the\t1\t9\t88\n"])
    feats = Featurizer("en", three_levels, Gazetteer(None, "en")).features(
        ["Ships", "left", "the", "harbour", "."]
    )
    assert {"c=3", "cf=17", "c2=402"} <= set(feats[3])
    assert "-1:c2=402" in feats[4] and "1:c2=88" in feats[1]
    assert "2:cf=17" in feats[1]  # two before "harbour": the first two levels only
    assert not any("c2=402" in f for f in feats[1])
    two_levels = Clusters.read(["harbour\t3\t17\n"])
    plain = Featurizer("en", two_levels, Gazetteer(None, "en")).features(["harbour"])[0]
    assert {"c=3", "cf=17"} <= set(plain) and not any(f.startswith("c2=") for f in plain)


def test_proclitics_are_split_from_the_stem() -> None:
    assert strip_proclitics("وبالمدينة") == ("وبال", "مدينة")
    assert strip_proclitics("لندن") == ("ل", "ندن")  # a guess the CRF weighs, not a decision
    assert strip_proclitics("بن") == ("", "بن")


def test_iob1_and_iob2_read_the_same_spans() -> None:
    iob1 = normalise_tags(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-MIS"])
    assert iob1 == ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "B-MISC"]
    assert normalise_tags(["B-PERS", "I-PERS", "I-ORG"]) == ["B-PER", "I-PER", "B-ORG"]
    assert bio_spans(iob1) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "MISC")]


def test_conll_files_with_two_or_four_columns_and_documents(tmp_path: Path) -> None:
    four = tmp_path / "four.conll"
    four.write_text(
        "-DOCSTART- -X- O O\n\nLena NNP I-NP I-PER\nVoss NNP I-NP I-PER\nwon VBD I-VP O\n\n"
        "-DOCSTART- -X- O O\n\nHalvor NNP I-NP I-LOC\n",
        encoding="utf-8",
    )
    two = tmp_path / "two.conll"
    two.write_text("زار B-PERS\nخالد I-PERS\n\nعمان B-LOC\n", encoding="utf-8")
    documents = read_conll(four)
    assert [len(d.sentences) for d in documents] == [1, 1]
    assert documents[0].sentences[0].tags == ["B-PER", "I-PER", "O"]
    assert read_conll(two)[0].sentences[1].tags == ["B-LOC"]
    article = conll_articles(documents, "en")[0]
    assert article.article.body == "Lena Voss won"
    assert article.gold == {(0, 9, "PER")}
    # A span inside a token (a clitic left out) is scored as the token.
    assert snap(article, 1, 4) == (0, 4)


def test_scores_ignore_misc_and_need_exact_spans() -> None:
    scores = SpanScores()
    scores.add({(0, 2, "PER"), (3, 4, "LOC"), (5, 6, "MISC")}, {(0, 1, "PER"), (3, 4, "LOC")})
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (1, 1, 1)
    assert scores.by_type["PER"].recall == 0.0


@pytest.mark.parametrize(
    "word", ["وهو", "هي", "ولم", "لن", "في", "وقال", "الذي", "فهم"]
)  # fmt: skip
def test_arabic_function_words_are_span_edges(word: str) -> None:
    assert is_arabic_edge_word(word)


@pytest.mark.parametrize("word", ["وليد", "فلسطين", "بغداد", "مصر", "هادي"])
def test_arabic_names_are_not_edge_words(word: str) -> None:
    assert not is_arabic_edge_word(word)


# ---------------------------------------------------------------------------------- shipped models


@pytest.fixture(scope="module")
def crf(kb: KnowledgeBase) -> ModelEntityExtractor:
    extractor = build_entity_extractor(ProcessingSettings(), kb)
    assert isinstance(extractor, ModelEntityExtractor)
    return extractor


def found(extractor: ModelEntityExtractor, body: str, lang: str) -> dict[str, Label]:
    return {e.text: e.label for e in extractor(make_article("", body, lang=lang))}


def test_the_crf_is_the_default_backend(crf: ModelEntityExtractor) -> None:
    assert crf.name == "crf"
    assert isinstance(crf.model, CrfSpanModel)


def test_shipped_models_find_a_person_without_a_title(crf: ModelEntityExtractor) -> None:
    english = "The agreement was signed on Monday by Tomas Verhulst and two lawyers in Oslo."
    entities = found(crf, english, "en")
    assert entities.get("Tomas Verhulst") == Label.PERSON
    arabic = "وصل كريم العبيدي إلى بغداد صباح أمس لحضور الاجتماع الأسبوعي للجنة."
    entities = found(crf, arabic, "ar")
    assert entities.get("كريم العبيدي") == Label.PERSON, entities


def test_rules_alone_miss_the_untitled_person(kb: KnowledgeBase) -> None:
    """What the trained model adds (and why the integration test's name proves it is used)."""
    body = "The agreement was signed on Monday by Tomas Verhulst and two lawyers in Oslo."
    entities = RuleEntityExtractor(kb)(make_article("", body, lang="en"))
    assert not any(e.text == "Tomas Verhulst" and e.label == Label.PERSON for e in entities)


def test_titles_stay_outside_person_names(crf: ModelEntityExtractor) -> None:
    entities = found(crf, "Trade Commissioner Elena Marsh said the tariffs would stay.", "en")
    assert entities.get("Elena Marsh") == Label.PERSON
    assert not any("Commissioner" in text for text in entities)


def test_a_bank_is_not_a_person(crf: ModelEntityExtractor) -> None:
    body = "Shares of Morgan Stanley rose 2 percent after the bank raised its forecast."
    assert found(crf, body, "en").get("Morgan Stanley") == Label.ORG


def test_arabic_spans_never_start_or_end_with_function_words(crf: ModelEntityExtractor) -> None:
    body = (
        "وقال المدرب سامي الفخراني وهو يغادر الملعب إن الفريق جاهز. "
        "وغاب المهاجم نادر السويدي ولم يشارك في التدريب. "
        "وهو ما أكده رئيس النادي."
    )
    for entity in crf(make_article("", body, lang="ar")):
        tokens = entity.text.split()
        assert not is_arabic_edge_word(tokens[0]), entity.text
        assert not is_arabic_edge_word(tokens[-1]), entity.text
        assert entity.text != "وهو"


def test_latin_names_inside_arabic_text(crf: ModelEntityExtractor) -> None:
    body = "ونقلت شبكة CNN عن مصادر في Goldman Sachs أن الاتفاق قريب."
    entities = found(crf, body, "ar")
    assert entities.get("Goldman Sachs") == Label.ORG, entities


def test_model_files_are_in_the_package() -> None:
    for lang in ("en", "ar"):
        path = model_path(lang)
        assert path.is_file() and path.stat().st_size < 40 * 2**20
        assert path.with_name(f"{lang}.clusters.tsv").is_file()
        assert path.with_name(f"{lang}.labels.tsv").is_file()
        assert (path.parent / "MODEL_CARD.md").is_file()


def test_missing_or_corrupt_models_fail_at_start_up(tmp_path: Path, kb: KnowledgeBase) -> None:
    settings = ProcessingSettings(entity_backend="crf", entity_model=str(tmp_path))
    with pytest.raises(EntityModelError, match=r"missing.*newsflow train entities"):
        build_entity_extractor(settings, kb)
    (tmp_path / "en.crfsuite").write_bytes(b"not a model")
    (tmp_path / "ar.crfsuite").write_bytes(b"not a model")
    with pytest.raises(EntityModelError, match=r"corrupt.*reinstall newsflow"):
        build_entity_extractor(settings, kb)
    # A real model cut short is refused by its checksum before CRFsuite reads it.
    shipped = model_path("en")
    (tmp_path / "en.crfsuite").write_bytes(shipped.read_bytes()[:4096])
    (tmp_path / "en.clusters.tsv").write_bytes(b"")
    (tmp_path / "manifest.json").write_text(
        (shipped.parent / "manifest.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(EntityModelError, match=r"en\.crfsuite is corrupt"):
        build_entity_extractor(settings, kb)


def test_eval_scores_a_conll_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conll = tmp_path / "mine.conll"
    conll.write_text(
        "-DOCSTART- O\n\nTomas B-PER\nVerhulst I-PER\nflew O\nto O\nOslo B-LOC\n. O\n",
        encoding="utf-8",
    )
    assert evaluate_main(["--conll", str(conll), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "micro" in out and "characters per second" in out
    assert evaluate_main(["--conll", str(conll)]) == 2


def test_the_word_feature_cache_is_bounded_by_the_setting(kb: KnowledgeBase) -> None:
    extractor = build_entity_extractor(ProcessingSettings(entity_word_cache=3), kb)
    assert isinstance(extractor, ModelEntityExtractor)
    assert isinstance(extractor.model, CrfSpanModel)
    featurizer = extractor.model.taggers["en"].featurizer
    body = "Mayor Ilse Brandt opened the new harbour bridge in Aalborg on Friday."
    with_three = found(extractor, body, "en")
    assert featurizer._word.cache_info().currsize == 3
    assert featurizer._word.cache_info().maxsize == 3
    assert with_three == found(build_entity_extractor(ProcessingSettings(), kb), body, "en")
