"""The generated JSON Schema and ES templates are the models' output, never hand-edited."""

import json

from schemas.generate import GENERATED, stale_files
from schemas.mappings import ARABIC_ANALYZER, ENGLISH_ANALYZER, index_template


def test_checked_in_generated_files_match_the_models() -> None:
    stale = stale_files()
    assert stale == [], f"run `python -m schemas.generate`: stale {stale}"


def test_text_fields_get_arabic_and_english_subfields_and_match_fields_do_not() -> None:
    props = index_template("articles")["template"]["mappings"]["properties"]
    assert props["body"]["analyzer"] == "standard"
    assert props["body"]["fields"]["ar"]["analyzer"] == ARABIC_ANALYZER
    assert props["title"]["fields"]["en"]["analyzer"] == ENGLISH_ANALYZER
    assert "fields" not in props["body_match"]
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
