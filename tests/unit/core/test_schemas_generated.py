"""The generated JSON Schema and ES templates are the models' output, never hand-edited."""

import json

from schemas.generate import GENERATED, stale_files
from schemas.mappings import (
    ARABIC_ANALYZER,
    ENGLISH_ANALYZER,
    TEXT_ANALYZER,
    analysed_fields,
    index_template,
)


def test_checked_in_generated_files_match_the_models() -> None:
    stale = stale_files()
    assert stale == [], f"run `python -m schemas.generate`: stale {stale}"


def test_article_text_fields_are_one_per_language_each_with_its_own_chain() -> None:
    """An article's text is analysed by its language's chain alone (no standard + .ar + .en
    sub-fields, no *_match copies): what keeps indexing with the analyzers near the speed of
    indexing without them. Claims keep one text field with both chains."""
    template = index_template("articles")["template"]
    props = template["mappings"]["properties"]
    analysers = {name: spec.get("analyzer") for name, spec in props.items() if "analyzer" in spec}
    assert analysers == {
        "title": "standard",
        "title_ar": ARABIC_ANALYZER,
        "body_ar": ARABIC_ANALYZER,
        "title_en": ENGLISH_ANALYZER,
        "body_en": ENGLISH_ANALYZER,
        "title_other": TEXT_ANALYZER,
        "body_other": TEXT_ANALYZER,
    }
    assert not [name for name in props if name.endswith("_match")]
    assert "body" not in props and not any("fields" in props[f] for f in analysers)
    # a claim's text is a span of title or body, analysed there and in the claims index
    assert props["claims"]["properties"]["text"] == {"type": "text", "analyzer": "standard"}
    claims = index_template("claims")["template"]["mappings"]["properties"]
    assert claims["text"] == {"type": "text", "analyzer": TEXT_ANALYZER}
    assert claims["title"] == {"type": "text", "analyzer": "standard"}  # the headline, per claim
    assert props["entity_ids"] == {"type": "keyword"}


def test_every_analyzer_a_template_names_is_defined_in_it() -> None:
    for kind in ("articles", "claims", "feeds"):
        template = index_template(kind)["template"]
        defined = set(template["settings"]["analysis"]["analyzer"]) | {"standard"}
        named = set(analysed_fields(template["mappings"]["properties"]).values())
        assert named <= defined, kind


def test_analysis_fingerprint_follows_a_field_analyzer_change(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """es init rebuilds an index whose fields were analysed otherwise even when the analysis
    definitions themselves did not change (an analyzer of a field cannot change in place)."""
    from schemas import documents, mappings

    before = mappings.analysis_fingerprint()
    field = documents.ArticleDocument.model_fields["title"]
    monkeypatch.setattr(field, "json_schema_extra", {"x-elasticsearch": {"type": "text"}})
    assert mappings.analysis_fingerprint() == before  # standard is the default analyzer
    monkeypatch.setattr(
        field, "json_schema_extra", {"x-elasticsearch": {"type": "text", "analyzer": "x"}}
    )
    assert mappings.analysis_fingerprint() != before


def test_claims_template_has_keyword_speakers_and_full_text_claims() -> None:
    props = index_template("claims")["template"]["mappings"]["properties"]
    assert props["speaker_name"]["type"] == "keyword"
    assert props["speaker_name"]["fields"]["text"]["type"] == "text"
    assert props["stance"] == {"type": "keyword"}
    assert props["text"]["type"] == "text"
    assert props["@timestamp"] == {"type": "date"}


def test_raw_article_json_schema_is_generated() -> None:
    schema = json.loads((GENERATED / "jsonschema" / "RawArticle.schema.json").read_text())
    assert {"text", "html", "id", "url", "schema_version"} <= set(schema["properties"])


def _in_order(chain: list[str], combined: list[str]) -> bool:
    rest = iter(combined)
    return all(step in rest for step in chain)


def test_one_pass_analyzer_keeps_each_script_chain_in_its_order() -> None:
    """The combined analyzer gives an Arabic token the Arabic chain and a Latin token the English
    one only if every filter of each chain is there, in the chain's order (the per-script stop
    lists are merged into one stop filter)."""
    from schemas.mappings import ANALYSIS, ARABIC_FILTERS, ENGLISH_FILTERS, TEXT_FILTERS

    merged_stop = dict.fromkeys(("newsflow_arabic_stop", "newsflow_english_stop"), "newsflow_stop")
    for chain in (ARABIC_FILTERS, ENGLISH_FILTERS):
        assert _in_order([merged_stop.get(f, f) for f in chain], TEXT_FILTERS)
    assert ANALYSIS["filter"]["newsflow_stop"]["stopwords"] == ["_arabic_", "_english_"]
    assert ANALYSIS["analyzer"][TEXT_ANALYZER]["filter"] == TEXT_FILTERS
