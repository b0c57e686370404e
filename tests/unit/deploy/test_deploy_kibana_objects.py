"""Kibana saved objects: the fields Kibana's import needs, references that resolve, and every
field an object uses present (with a fitting type) in the generated index templates."""

from __future__ import annotations

import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
NDJSON = ROOT / "deploy" / "kibana" / "newsflow.ndjson"
TEMPLATES = ROOT / "schemas" / "generated" / "elasticsearch"

KNOWN_TYPES = {"index-pattern", "search", "lens", "dashboard"}
AGGREGATABLE = {"keyword", "date", "long", "integer", "short", "byte", "float", "double", "boolean"}
LENS_DATA_TYPES = {
    "string": {"keyword"},
    "date": {"date"},
    "number": {"long", "integer", "short", "byte", "float", "double"},
    "boolean": {"boolean"},
}
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def _load_build_module():
    spec = importlib.util.spec_from_file_location("kibana_build", NDJSON.with_name("build.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def objects() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NDJSON.read_text(encoding="utf-8").splitlines()]


def by_type(kind: str) -> list[dict[str, Any]]:
    return [o for o in objects() if o["type"] == kind]


def find(kind: str, object_id: str) -> dict[str, Any]:
    return next(o for o in objects() if o["type"] == kind and o["id"] == object_id)


def flatten(properties: dict[str, Any], prefix: str = "") -> dict[str, dict[str, Any]]:
    """Field path → mapping, including object children and multi-field sub-fields."""
    fields: dict[str, dict[str, Any]] = {}
    for name, mapping in properties.items():
        path = prefix + name
        fields[path] = mapping
        if "properties" in mapping:
            fields.update(flatten(mapping["properties"], path + "."))
        for sub, sub_mapping in mapping.get("fields", {}).items():
            fields[f"{path}.{sub}"] = sub_mapping
    return fields


@cache
def template_fields(view_title: str, variant: str) -> dict[str, dict[str, Any]]:
    """Fields of the index template whose index_patterns cover the alias a data view names."""
    for path in TEMPLATES.glob(f"*.{variant}.json"):
        template = json.loads(path.read_text(encoding="utf-8"))
        if f"{view_title}-*" in template["index_patterns"]:
            return flatten(template["template"]["mappings"]["properties"])
    raise AssertionError(f"no {variant} index template covers the alias {view_title!r}")


def aggregatable(mapping: dict[str, Any]) -> bool:
    return (
        mapping.get("type") in AGGREGATABLE
        and mapping.get("doc_values", True) is not False
        and mapping.get("index", True) is not False
    )


def view_title(view_id: str) -> str:
    return find("index-pattern", view_id)["attributes"]["title"]


def kql_fields(query: str) -> set[str]:
    return set(re.findall(r"([\w@.]+)\s*:", query))


VARIANTS = ["template"]
"""One generated template per index for the local stack and a full cluster alike."""


# --- envelope and references --------------------------------------------------------------


def test_ndjson_is_current_with_its_builder():
    assert _load_build_module().main(["--check"]) == 0


def test_every_object_has_the_fields_kibana_import_requires():
    seen = set()
    for obj in objects():
        assert obj["type"] in KNOWN_TYPES
        assert isinstance(obj["id"], str) and obj["id"]
        assert isinstance(obj["attributes"], dict) and obj["attributes"].get("title")
        assert isinstance(obj["references"], list)
        for ref in obj["references"]:
            assert set(ref) == {"id", "name", "type"}, ref
        assert SEMVER.match(obj["coreMigrationVersion"])
        assert SEMVER.match(obj["typeMigrationVersion"])
        assert (obj["type"], obj["id"]) not in seen, "duplicate object"
        seen.add((obj["type"], obj["id"]))
        assert "exportedCount" not in obj


def test_every_reference_resolves_to_an_object_in_the_file():
    present = {(o["type"], o["id"]) for o in objects()}
    for obj in objects():
        names = [ref["name"] for ref in obj["references"]]
        assert len(names) == len(set(names)), f"{obj['id']}: duplicate reference names"
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in present, f"{obj['id']} → missing {ref}"


def test_objects_come_after_what_they_reference():
    order = {(o["type"], o["id"]): n for n, o in enumerate(objects())}
    for n, obj in enumerate(objects()):
        for ref in obj["references"]:
            assert order[(ref["type"], ref["id"])] < n


# --- data views -----------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_data_views_cover_both_aliases_with_a_date_time_field(variant):
    titles = {o["attributes"]["title"] for o in by_type("index-pattern")}
    assert titles == {"newsflow-articles", "newsflow-claims", "newsflow-feeds"}
    for view in by_type("index-pattern"):
        attributes = view["attributes"]
        fields = template_fields(attributes["title"], variant)
        assert attributes["timeFieldName"] == "@timestamp"
        assert fields["@timestamp"]["type"] == "date"
        labelled = json.loads(attributes["fieldAttrs"])
        hidden = [f["value"] for f in json.loads(attributes["sourceFilters"])]
        for name in [*labelled, *hidden]:
            assert name in fields, f"{view['id']}: {name} not in the mapping"
        for encoded in ("fieldFormatMap", "runtimeFieldMap", "typeMeta"):
            json.loads(attributes[encoded])


# --- saved searches -------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_saved_searches_use_existing_fields_and_reference_their_data_view(variant):
    assert len(by_type("search")) >= 2
    for search in by_type("search"):
        attributes = search["attributes"]
        source = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
        [ref] = [r for r in search["references"] if r["name"] == source["indexRefName"]]
        assert ref["type"] == "index-pattern"
        fields = template_fields(view_title(ref["id"]), variant)
        for column in attributes["columns"]:
            assert column in fields, f"{search['id']}: column {column} not in the mapping"
        for sort_field, direction in attributes["sort"]:
            assert aggregatable(fields[sort_field]) and direction in ("asc", "desc")
        assert source["query"]["language"] == "kuery"
        for name in kql_fields(source["query"]["query"]):
            assert name in fields, f"{search['id']}: query field {name} not in the mapping"


# --- Lens -----------------------------------------------------------------------------------


def _layers(lens: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return lens["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]


def _visual_column_ids(lens: dict[str, Any]) -> set[str]:
    visualization = lens["attributes"]["state"]["visualization"]
    kind = lens["attributes"]["visualizationType"]
    ids: set[str] = set()
    if kind == "lnsXY":
        for layer in visualization["layers"]:
            ids |= {layer["xAccessor"], *layer["accessors"]}
            if "splitAccessor" in layer:
                ids.add(layer["splitAccessor"])
    elif kind == "lnsPie":
        for layer in visualization["layers"]:
            ids |= {*layer["primaryGroups"], *layer["metrics"]}
    elif kind == "lnsDatatable":
        ids = {c["columnId"] for c in visualization["columns"]}
    else:
        raise AssertionError(f"unexpected visualization type {kind}")
    return ids


@pytest.mark.parametrize("variant", VARIANTS)
def test_lens_columns_use_aggregatable_fields_of_their_data_view(variant):
    for lens in by_type("lens"):
        refs = {r["name"]: r for r in lens["references"]}
        for layer_id, layer in _layers(lens).items():
            ref = refs[f"indexpattern-datasource-layer-{layer_id}"]
            assert ref["type"] == "index-pattern"
            fields = template_fields(view_title(ref["id"]), variant)
            assert layer["columnOrder"] and set(layer["columnOrder"]) == set(layer["columns"])
            for column_id, column in layer["columns"].items():
                if column["operationType"] == "count":
                    assert column["sourceField"] == "___records___"
                    continue
                name = column["sourceField"]
                assert name in fields, f"{lens['id']}/{column_id}: {name} not in the mapping"
                assert aggregatable(fields[name]), f"{lens['id']}: {name} is not aggregatable"
                assert fields[name]["type"] in LENS_DATA_TYPES[column["dataType"]]
                order = column.get("params", {}).get("orderBy", {})
                if order.get("type") == "column":
                    assert order["columnId"] in layer["columns"]
        layer_columns = {c for layer in _layers(lens).values() for c in layer["columns"]}
        assert _visual_column_ids(lens) <= layer_columns, lens["id"]


def _lens_fields(lens: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (c["operationType"], c["sourceField"])
        for layer in _layers(lens).values()
        for c in layer["columns"].values()
    ]


def _lens_view(lens: dict[str, Any]) -> str:
    return lens["references"][0]["id"]


# --- dashboard ------------------------------------------------------------------------------


def _dashboard_members() -> list[dict[str, Any]]:
    [board] = by_type("dashboard")
    panels = json.loads(board["attributes"]["panelsJSON"])
    refs = {r["name"]: r for r in board["references"]}
    members = []
    for panel in panels:
        ref = refs[f"{panel['panelIndex']}:{panel['panelRefName']}"]
        assert ref["type"] == panel["type"]
        members.append(find(ref["type"], ref["id"]))
    return members


def test_dashboard_panels_reference_objects_and_fit_the_grid_without_overlap():
    [board] = by_type("dashboard")
    attributes = board["attributes"]
    panels = json.loads(attributes["panelsJSON"])
    json.loads(attributes["optionsJSON"])
    json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
    assert len(board["references"]) == len(panels) == len({p["panelIndex"] for p in panels})
    cells: set[tuple[int, int]] = set()
    for panel in panels:
        grid = panel["gridData"]
        assert grid["i"] == panel["panelIndex"]
        assert grid["x"] >= 0 and grid["x"] + grid["w"] <= 48
        area = {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }
        assert not (cells & area), f"panel {panel['panelIndex']} overlaps another"
        cells |= area
    assert len(_dashboard_members()) == len(panels)


def test_dashboard_shows_what_the_issue_asks_for():
    members = _dashboard_members()
    lenses = [m for m in members if m["type"] == "lens"]

    def has(view: str, kind: str, *fields: tuple[str, str]) -> bool:
        return any(
            _lens_view(m) == view
            and m["attributes"]["visualizationType"] == kind
            and set(fields) <= set(_lens_fields(m))
            for m in lenses
        )

    over_time = ("date_histogram", "@timestamp")
    assert has("newsflow-articles", "lnsXY", over_time, ("terms", "lang"))
    assert has("newsflow-articles", "lnsXY", over_time, ("terms", "source"))
    assert has("newsflow-articles", "lnsXY", ("terms", "entities.name"))
    assert has("newsflow-claims", "lnsXY", ("terms", "speaker_name"))
    assert has("newsflow-claims", "lnsPie", ("terms", "stance"))
    assert has("newsflow-claims", "lnsDatatable", ("terms", "speaker_name"), ("terms", "stance"))
    assert has("newsflow-feeds", "lnsXY", over_time, ("terms", "outcome"))
    assert has(
        "newsflow-feeds",
        "lnsDatatable",
        ("terms", "feed"),
        ("last_value", "seconds_since_last_new"),
        ("sum", "failed"),
    )
    searches = {m["id"] for m in members if m["type"] == "search"}
    assert {"newsflow-search-latest-claims", "newsflow-search-latest-articles"} <= searches


def test_validator_catches_a_field_missing_from_the_mapping():
    """The field checks above must be able to fail: a renamed field is not in the mapping."""
    fields = template_fields("newsflow-claims", "template")
    assert "speaker_name" in fields and "speaker" not in fields
    assert not aggregatable(fields["text"])  # text fields cannot back a terms column
    assert not aggregatable(fields["snippet"])  # stored only: index and doc_values off
    assert kql_fields('stance : "deny" or claims.kind:direct') == {"stance", "claims.kind"}


def test_data_views_name_the_aliases_es_init_creates():
    from schemas.mappings import INDEX_KINDS
    from workers.settings import ElasticsearchSettings

    defaults = ElasticsearchSettings()
    expected = {defaults.alias(kind) for kind in INDEX_KINDS}
    assert {o["attributes"]["title"] for o in by_type("index-pattern")} == expected
