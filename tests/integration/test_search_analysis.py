"""Language analysis on the real local stack (with the newsflow-analysis plugin that
``newsflow stack up`` installs): clitic and inflected forms find each other, hits say why they
matched, and ``es init`` moves an index built without the analysis onto one built with it."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from elasticsearch import AsyncElasticsearch, Elasticsearch

from schemas.documents import article_body, text_fields, text_language
from schemas.mappings import ANALYSIS, ARABIC_NISBA_FILTERS, INDEX_KINDS
from workers.cli.render import why_matched
from workers.settings import ElasticsearchSettings, Settings
from workers.stream.es import SearchRequest, install, make_client, search_articles

pytestmark = pytest.mark.integration

DOCS = {
    "agreement": ("ar", "توقيع والاتفاق في العاصمة", "وقع الطرفان أمس على والاتفاق الجديد."),
    "china": ("ar", "زيارة إلى الصين", "وصل الوفد إلى الصين صباح اليوم."),
    "weather": ("ar", "طقس حار", "درجات الحرارة مرتفعة في المدينة."),
    "election": ("en", "One election", "The election was held on Sunday in the north."),
    "garden": ("en", "Gardens", "Roses bloom early this spring."),
    "rail": ("fr", "Les cheminots en grève", "La grève des cheminots continue lundi."),
}


def _es_settings() -> ElasticsearchSettings:
    base = Settings().es
    return base.model_copy(update={"index_prefix": f"t{uuid.uuid4().hex[:10]}"})


def _run(coro_fn: Any, es: ElasticsearchSettings) -> Any:
    async def go() -> Any:
        client = make_client(es)
        try:
            return await coro_fn(client)
        finally:
            await client.close()

    return asyncio.run(go())


def _former_document(doc_id: str, lang: str, title: str, body: str) -> dict[str, Any]:
    """An article document as indexed before per-language fields: one ``body``."""
    return {
        "id": doc_id,
        "lang": lang,
        "title": title,
        "body": body,
        "@timestamp": "2024-05-01T00:00:00Z",
        "version": 1,
    }


def _document(doc_id: str, lang: str, title: str, body: str) -> dict[str, Any]:
    """As the worker indexes it (``workers.core.documents.article_document``)."""
    document = _former_document(doc_id, lang, title, body)
    del document["body"]
    return document | text_fields(text_language(lang), title, body)


@pytest.fixture
def indexed() -> Iterator[tuple[ElasticsearchSettings, Elasticsearch]]:
    es = _es_settings()
    sync = Elasticsearch(es.url.split(",")[0])
    _run(lambda client: install(client, es), es)
    for doc_id, (lang, title, body) in DOCS.items():
        sync.index(
            index=es.alias("articles"), id=doc_id, document=_document(doc_id, lang, title, body)
        )
    sync.indices.refresh(index=es.alias("articles"))
    yield es, sync
    sync.options(ignore_status=404).indices.delete(index=f"{es.index_prefix}-*")
    for kind in INDEX_KINDS:
        sync.options(ignore_status=404).indices.delete_index_template(name=es.alias(kind))


def _search(es: ElasticsearchSettings, query: str) -> dict[str, Any]:
    async def go(client: AsyncElasticsearch) -> dict[str, Any]:
        return await search_articles(client, es, SearchRequest(query=query, size=20))

    return dict(_run(go, es))


def _ids(response: dict[str, Any]) -> set[str]:
    return {hit["_id"] for hit in response["hits"]["hits"]}


def test_bare_arabic_word_finds_it_with_conjunction_and_article(indexed) -> None:  # type: ignore[no-untyped-def]
    es, _ = indexed
    response = _search(es, "اتفاق")
    assert _ids(response) == {"agreement"}
    hit = response["hits"]["hits"][0]
    fragments = " ".join(why_matched(hit["highlight"], "body"))
    assert "\x02والاتفاق\x03" in fragments  # the form in the text, marked where the stem matched


def test_preposition_and_article_form_finds_the_article_form(indexed) -> None:  # type: ignore[no-untyped-def]
    es, _ = indexed
    assert _ids(_search(es, "للصين")) == {"china"}


def test_english_plural_finds_its_singular(indexed) -> None:  # type: ignore[no-untyped-def]
    es, _ = indexed
    assert _ids(_search(es, "elections")) == {"election"}
    assert _ids(_search(es, "gardens roses")) == {"garden"}  # every word required


def test_an_article_in_another_language_is_found_through_its_other_fields(indexed) -> None:  # type: ignore[no-untyped-def]
    es, sync = indexed
    source = sync.get(index=es.alias("articles"), id="rail")["_source"]
    assert source["body_other"] == DOCS["rail"][2] and "body_en" not in source
    response = _search(es, "grève cheminots")
    assert _ids(response) == {"rail"}
    assert why_matched(response["hits"]["hits"][0]["highlight"], "body")


def test_query_string_syntax_and_an_invalid_query_falls_back(indexed) -> None:  # type: ignore[no-untyped-def]
    es, _ = indexed
    assert _ids(_search(es, "الصين OR elections")) == {"china", "election"}
    assert _ids(_search(es, "lang:en AND -election")) == {"garden"}

    async def go(client: AsyncElasticsearch) -> dict[str, Any]:
        from workers.stream.es import with_lenient_fallback

        request = SearchRequest(query='"roses bloom', size=5)
        return await with_lenient_fallback(search_articles, client, es, request)

    response = _run(go, es)
    assert response.get("lenient") is True and _ids(response) == {"garden"}


def test_es_init_rebuilds_an_index_made_without_the_analysis() -> None:
    """An index whose analysis predates the template (here: created without any, with the
    former ``*_match`` copies) gets a new rollover index with every document, at its version,
    without the dropped fields; the old index is gone."""
    es = _es_settings()
    sync = Elasticsearch(es.url.split(",")[0])
    alias = es.alias("articles")
    old = f"{alias}-000001"
    try:
        sync.indices.create(
            index=old,
            mappings={
                "properties": {
                    "id": {"type": "keyword"},
                    "lang": {"type": "keyword"},
                    "title": {"type": "text"},
                    "body": {"type": "text"},
                    "title_match": {"type": "text"},
                    "body_match": {"type": "text"},
                    "@timestamp": {"type": "date"},
                    "version": {"type": "long"},
                }
            },
            aliases={alias: {"is_write_index": True}},
        )
        for doc_id, (lang, title, body) in DOCS.items():
            sync.index(
                index=alias,
                id=doc_id,
                document={**_former_document(doc_id, lang, title, body), "body_match": body},
                version=7,
                version_type="external",
            )
        sync.indices.refresh(index=alias)
        assert _ids(_search(es, "اتفاق")) == set()  # surface forms only, as before

        report = _run(lambda client: install(client, es), es)

        assert report["migrated"][alias] == {old: len(DOCS)}
        current = list(sync.indices.get_alias(name=alias).body)
        assert current == [f"{alias}-000002"] and not sync.indices.exists(index=old)
        assert sync.count(index=alias)["count"] == len(DOCS)
        china = sync.get(index=alias, id="china")
        assert china["_version"] == 7 and "body_match" not in china["_source"]
        # the former body moved into its language's field; the title stays and is copied there
        assert "body" not in china["_source"] and china["_source"]["body_ar"] == DOCS["china"][2]
        assert china["_source"]["title_ar"] == china["_source"]["title"] == DOCS["china"][1]
        election = sync.get(index=alias, id="election")["_source"]
        assert article_body(election) == election["body_en"] == DOCS["election"][2]
        assert _ids(_search(es, "elections")) == {"election"}
        assert _ids(_search(es, "اتفاق")) == {"agreement"}
        again = _run(lambda client: install(client, es), es)  # idempotent once migrated
        assert again["migrated"] == {} and again["indices"][alias] == f"{alias}-000002"
    finally:
        sync.options(ignore_status=404).indices.delete(index=f"{es.index_prefix}-*")
        for kind in INDEX_KINDS:
            sync.options(ignore_status=404).indices.delete_index_template(name=es.alias(kind))


FORMER_PATTERNS = {
    "newsflow_arabic_nisba": ("(?<=\\p{L}{3})(?:يه|ي)$", "يهاب1", 7, ARABIC_NISBA_FILTERS),
    "newsflow_arabic_proclitics": (
        "^(?:[وف]?[بك]ال|و?لل|و?[بكل]|و)+(?=\\p{L}{3})",
        "وفبلا1",
        7,
        ["newsflow_arabic_proclitics"],
    ),
}
"""Each pattern before it was rewritten for speed, an alphabet to try it on (every word of up to
that many characters) and the template's filters that replace it (the nisba now runs on the
reversed word). Letters that play the same part are left out (ك is ب's twin in every
alternative); 1 is a character that is not a letter."""
WORDS_PER_REQUEST = 9_000
"""Under ``index.analyze.max_token_count`` (10,000)."""


def _words(alphabet: str, longest: int) -> list[str]:
    return [
        "".join(letters)
        for length in range(1, longest + 1)
        for letters in itertools.product(alphabet, repeat=length)
    ]


def _tokens(sync: Elasticsearch, index: str, analyzer: str, words: list[str]) -> list[str]:
    tokens: list[str] = []
    for start in range(0, len(words), WORDS_PER_REQUEST):
        text = " ".join(words[start : start + WORDS_PER_REQUEST])
        response = sync.indices.analyze(index=index, analyzer=analyzer, text=text)
        tokens += [token["token"] for token in response["tokens"]]
    return tokens


@pytest.mark.parametrize("name", sorted(FORMER_PATTERNS))
def test_rewritten_pattern_cuts_every_word_as_the_former_one_did(name: str) -> None:
    """Java's regular expressions, not Python's, decide what a pattern matches: so the rewrite
    is checked on Elasticsearch itself, on every short word over the pattern's letters."""
    pattern, alphabet, longest, chain = FORMER_PATTERNS[name]
    current = ANALYSIS["filter"][name]
    assert current["pattern"] != pattern  # else this test compares a pattern with itself
    sync = Elasticsearch(Settings().es.url.split(",")[0])
    index = f"t{uuid.uuid4().hex[:10]}-patterns"
    analysis = {
        "filter": {"former": {**current, "pattern": pattern}, name: current},
        "analyzer": {
            "former": {"type": "custom", "tokenizer": "standard", "filter": ["former"]},
            "current": {"type": "custom", "tokenizer": "standard", "filter": chain},
        },
    }
    sync.indices.create(index=index, settings={"analysis": analysis})
    try:
        words = _words(alphabet, longest)
        former = _tokens(sync, index, "former", words)
        assert len(former) == len(words)  # one token per word: nothing was split or dropped
        assert sum(a != b for a, b in zip(former, words, strict=True)) > len(words) // 100
        assert _tokens(sync, index, "current", words) == former
    finally:
        sync.options(ignore_status=404).indices.delete(index=index)
