"""The generated JSON Schema and ES templates are the models' output, never hand-edited."""

import json

from schemas.generate import GENERATED, stale_files
from schemas.mappings import TEXT_ANALYZER, index_template


def test_checked_in_generated_files_match_the_models() -> None:
    stale = stale_files()
    assert stale == [], f"run `python -m schemas.generate`: stale {stale}"


def test_every_text_field_is_analysed_once_by_the_language_analyzer() -> None:
    """One analysis per text (no standard + .ar + .en sub-fields, no *_match copies): what
    keeps indexing with the analyzers near the speed of indexing without them."""
    for kind in ("articles", "claims"):
        template = index_template(kind)["template"]
        props = template["mappings"]["properties"]
        for field in ("title", "text") if kind == "claims" else ("title", "body"):
            assert props[field] == {"type": "text", "analyzer": TEXT_ANALYZER}
        assert not [name for name in props if name.endswith("_match")]
        assert TEXT_ANALYZER in template["settings"]["analysis"]["analyzer"]
    claim_ref = index_template("articles")["template"]["mappings"]["properties"]["claims"]
    assert claim_ref["properties"]["text"] == {"type": "text", "analyzer": TEXT_ANALYZER}
    props = index_template("articles")["template"]["mappings"]["properties"]
    assert props["entity_ids"] == {"type": "keyword"}


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
