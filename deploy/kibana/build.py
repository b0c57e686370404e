"""Write ``deploy/kibana/newsflow.ndjson``: newsflow's Kibana saved objects.

Kibana stores Lens state as deeply nested JSON that is easy to get subtly wrong by hand, so
the objects are built here from small helpers and written as NDJSON (what the saved objects
import API and Stack Management → Saved objects → Import accept). Run
``python deploy/kibana/build.py`` after editing; ``--check`` exits 1 when the NDJSON is stale.

Objects: three data views (the ``newsflow-articles``, ``newsflow-claims`` and ``newsflow-feeds``
aliases, time field ``@timestamp``), saved searches, Lens visualisations, and one dashboard that
references them.
Format: Kibana 8.x/9.x (``coreMigrationVersion`` 8.8.0; Kibana migrates older type versions
on import, so the objects load into any 8.9+ or 9.x Kibana).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.documents import OTHER, TEXT_LANGUAGES
from workers.ops.generated import generator_main

OUTPUT = Path(__file__).with_name("newsflow.ndjson")

CORE_MIGRATION_VERSION = "8.8.0"
TYPE_MIGRATION_VERSION = {
    "index-pattern": "8.0.0",
    "search": "8.0.0",
    "lens": "8.9.0",
    "dashboard": "8.9.0",
}
PANEL_VERSION = "8.9.0"

ARTICLES = "newsflow-articles"
CLAIMS = "newsflow-claims"
FEEDS = "newsflow-feeds"
"""One document per feed poll, written by ``newsflow feeds run`` (schemas FeedPollDocument)."""
TIME_FIELD = "@timestamp"
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", OTHER: "other languages"}
"""Labels of the per-language text fields (schemas.documents)."""
RECORDS = "___records___"
"""Lens' pseudo-field for document counts."""

Obj = dict[str, Any]


def saved_object(kind: str, object_id: str, attributes: Obj, references: list[Obj]) -> Obj:
    return {
        "attributes": attributes,
        "coreMigrationVersion": CORE_MIGRATION_VERSION,
        "id": object_id,
        "managed": False,
        "references": references,
        "type": kind,
        "typeMigrationVersion": TYPE_MIGRATION_VERSION[kind],
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def data_view(view_id: str, name: str, labels: dict[str, str], hidden: list[str]) -> Obj:
    """A data view on the alias ``view_id`` (ids equal titles, so links stay readable)."""
    return saved_object(
        "index-pattern",
        view_id,
        {
            "title": view_id,
            "name": name,
            "timeFieldName": TIME_FIELD,
            "fieldAttrs": _json({f: {"customLabel": label} for f, label in labels.items()}),
            "fieldFormatMap": "{}",
            "runtimeFieldMap": "{}",
            "sourceFilters": _json([{"value": f} for f in hidden]),
            "typeMeta": "{}",
            "allowNoIndex": True,
        },
        [],
    )


def saved_search(
    search_id: str, title: str, description: str, view_id: str, columns: list[str], query: str = ""
) -> Obj:
    source = {
        "query": {"query": query, "language": "kuery"},
        "filter": [],
        "highlightAll": True,
        "version": True,
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index",
    }
    return saved_object(
        "search",
        search_id,
        {
            "title": title,
            "description": description,
            "columns": columns,
            "sort": [[TIME_FIELD, "desc"]],
            "grid": {},
            "hideChart": False,
            "isTextBasedQuery": False,
            "kibanaSavedObjectMeta": {"searchSourceJSON": _json(source)},
        },
        [
            {
                "id": view_id,
                "name": "kibanaSavedObjectMeta.searchSourceJSON.index",
                "type": "index-pattern",
            }
        ],
    )


# --- Lens columns -------------------------------------------------------------------------


def count_column(label: str) -> Obj:
    return {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": "count",
        "sourceField": RECORDS,
        "isBucketed": False,
        "scale": "ratio",
        "params": {"emptyAsNull": True},
    }


def metric_column(operation: str, field: str, label: str) -> Obj:
    """``max``, ``sum``, ``last_value`` … of a numeric field."""
    column: Obj = {
        "label": label,
        "customLabel": True,
        "dataType": "number",
        "operationType": operation,
        "sourceField": field,
        "isBucketed": False,
        "scale": "ratio",
        "params": {"emptyAsNull": True},
    }
    if operation == "last_value":
        column["params"] = {"sortField": TIME_FIELD, "showArrayValues": False}
    return column


def date_column() -> Obj:
    return {
        "label": TIME_FIELD,
        "dataType": "date",
        "operationType": "date_histogram",
        "sourceField": TIME_FIELD,
        "isBucketed": True,
        "scale": "interval",
        "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False},
    }


def terms_column(field: str, label: str, size: int, order_by: str, other: bool = True) -> Obj:
    return {
        "label": label,
        "customLabel": True,
        "dataType": "string",
        "operationType": "terms",
        "sourceField": field,
        "isBucketed": True,
        "scale": "ordinal",
        "params": {
            "size": size,
            "orderBy": {"type": "column", "columnId": order_by},
            "orderDirection": "desc",
            "otherBucket": other,
            "missingBucket": False,
            "parentFormat": {"id": "terms"},
        },
    }


def lens(
    lens_id: str,
    title: str,
    description: str,
    view_id: str,
    visualization_type: str,
    layer_id: str,
    columns: dict[str, Obj],
    visualization: Obj,
    query: str = "",
) -> Obj:
    """A Lens visualisation with one form-based layer; ``columns`` are in bucket order."""
    state = {
        "datasourceStates": {
            "formBased": {
                "layers": {
                    layer_id: {
                        "columns": columns,
                        "columnOrder": list(columns),
                        "incompleteColumns": {},
                    }
                }
            }
        },
        "visualization": visualization,
        "query": {"query": query, "language": "kuery"},
        "filters": [],
        "internalReferences": [],
        "adHocDataViews": {},
    }
    return saved_object(
        "lens",
        lens_id,
        {
            "title": title,
            "description": description,
            "visualizationType": visualization_type,
            "state": state,
        },
        [
            {
                "id": view_id,
                "name": f"indexpattern-datasource-layer-{layer_id}",
                "type": "index-pattern",
            }
        ],
    )


def xy(layer_id: str, series: str, x: str, y: str, split: str | None = None) -> Obj:
    layer: Obj = {
        "layerId": layer_id,
        "layerType": "data",
        "seriesType": series,
        "xAccessor": x,
        "accessors": [y],
    }
    if split:
        layer["splitAccessor"] = split
    return {
        "legend": {"isVisible": split is not None, "position": "right"},
        "valueLabels": "hide",
        "fittingFunction": "None",
        "preferredSeriesType": series,
        "layers": [layer],
        "axisTitlesVisibilitySettings": {"x": False, "yLeft": True, "yRight": True},
        "tickLabelsVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
        "gridlinesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
    }


def table(layer_id: str, columns: dict[str, Obj]) -> Obj:
    """A one-row-per-bucket data table showing ``columns`` in their order."""
    return {
        "layerId": layer_id,
        "layerType": "data",
        "columns": [{"columnId": c} for c in columns],
        "rowHeight": "single",
        "rowHeightLines": 1,
    }


def over_time_by(lens_id: str, title: str, field: str, label: str, size: int) -> Obj:
    layer = f"{lens_id}-layer"
    columns = {
        "split": terms_column(field, label, size, order_by="count"),
        "date": date_column(),
        "count": count_column("Articles"),
    }
    return lens(
        lens_id,
        title,
        f"Articles per time bucket, stacked by {label.lower()}.",
        ARTICLES,
        "lnsXY",
        layer,
        columns,
        xy(layer, "bar_stacked", x="date", y="count", split="split"),
    )


def top_terms(
    lens_id: str, title: str, description: str, view_id: str, field: str, label: str, unit: str
) -> Obj:
    layer = f"{lens_id}-layer"
    columns = {
        "term": terms_column(field, label, 15, order_by="count", other=False),
        "count": count_column(unit),
    }
    return lens(
        lens_id,
        title,
        description,
        view_id,
        "lnsXY",
        layer,
        columns,
        xy(layer, "bar_horizontal", x="term", y="count"),
    )


def claims_by_stance() -> Obj:
    lens_id = "newsflow-lens-claims-by-stance"
    layer = f"{lens_id}-layer"
    columns = {
        "stance": terms_column("stance", "Stance", 10, order_by="count"),
        "count": count_column("Claims"),
    }
    visualization = {
        "shape": "donut",
        "layers": [
            {
                "layerId": layer,
                "layerType": "data",
                "primaryGroups": ["stance"],
                "metrics": ["count"],
                "numberDisplay": "percent",
                "categoryDisplay": "default",
                "legendDisplay": "default",
                "nestedLegend": False,
            }
        ],
    }
    return lens(
        lens_id,
        "Claims by stance",
        "Share of attributed statements that assert, deny, accuse, warn, confirm, …",
        CLAIMS,
        "lnsPie",
        layer,
        columns,
        visualization,
    )


def claims_table() -> Obj:
    lens_id = "newsflow-lens-claims-table"
    layer = f"{lens_id}-layer"
    columns = {
        "speaker": terms_column("speaker_name", "Speaker", 20, order_by="count", other=False),
        "stance": terms_column("stance", "Stance", 10, order_by="count", other=False),
        "kind": terms_column("kind", "Kind", 3, order_by="count", other=False),
        "count": count_column("Claims"),
    }
    return lens(
        lens_id,
        "Claims by speaker, stance and kind",
        "Who said what kind of thing: claim counts per resolved speaker, stance and kind.",
        CLAIMS,
        "lnsDatatable",
        layer,
        columns,
        table(layer, columns),
    )


def feed_polls_over_time() -> Obj:
    lens_id = "newsflow-lens-feed-polls"
    layer = f"{lens_id}-layer"
    columns = {
        "outcome": terms_column("outcome", "Outcome", 5, order_by="count"),
        "date": date_column(),
        "count": count_column("Polls"),
    }
    return lens(
        lens_id,
        "Feed polls over time by outcome",
        "Polls of every feed per time bucket: ok, not_modified (304) or error.",
        FEEDS,
        "lnsXY",
        layer,
        columns,
        xy(layer, "bar_stacked", x="date", y="count", split="outcome"),
    )


def feed_health_table() -> Obj:
    lens_id = "newsflow-lens-feed-health"
    layer = f"{lens_id}-layer"
    columns = {
        "feed": terms_column("feed", "Feed", 50, order_by="since", other=False),
        "since": metric_column("last_value", "seconds_since_last_new", "Seconds since new item"),
        "new": metric_column("sum", "new", "New items"),
        "updated": metric_column("sum", "updated", "Updated items"),
        "failed": metric_column("sum", "failed", "Failed pages"),
        "polls": count_column("Polls"),
    }
    return lens(
        lens_id,
        "Feed health",
        "Per feed: time since its last new item (the most stale first), new, updated and "
        "failed items and polls in the time range.",
        FEEDS,
        "lnsDatatable",
        layer,
        columns,
        table(layer, columns),
    )


# --- Dashboard -----------------------------------------------------------------------------


def dashboard(
    dashboard_id: str, title: str, description: str, layout: list[tuple[Obj, int, int, int, int]]
) -> Obj:
    """``layout`` holds (saved object, x, y, w, h) on Kibana's 48-column grid."""
    panels = []
    references = []
    for number, (obj, x, y, w, h) in enumerate(layout, 1):
        index = f"p{number}"
        panels.append(
            {
                "version": PANEL_VERSION,
                "type": obj["type"],
                "gridData": {"x": x, "y": y, "w": w, "h": h, "i": index},
                "panelIndex": index,
                "embeddableConfig": {"enhancements": {}},
                "panelRefName": f"panel_{index}",
            }
        )
        references.append({"id": obj["id"], "name": f"{index}:panel_{index}", "type": obj["type"]})
    attributes = {
        "title": title,
        "description": description,
        "panelsJSON": _json(panels),
        "optionsJSON": _json(
            {
                "useMargins": True,
                "syncColors": False,
                "syncCursor": True,
                "syncTooltips": False,
                "hidePanelTitles": False,
            }
        ),
        "timeRestore": True,
        "timeFrom": "now-7d",
        "timeTo": "now",
        "refreshInterval": {"pause": False, "value": 60000},
        "kibanaSavedObjectMeta": {
            "searchSourceJSON": _json({"query": {"query": "", "language": "kuery"}, "filter": []})
        },
    }
    return saved_object("dashboard", dashboard_id, attributes, references)


def build() -> list[Obj]:
    articles_view = data_view(
        ARTICLES,
        "newsflow articles",
        {
            "entity_names": "Entity names (all languages)",
            "entities.name": "Entity",
            "dates": "Dates mentioned",
            "amounts": "Amounts (money, %, quantities)",
            "claim_count": "Claims",
            "lang": "Language",
            "source": "Source",
            "title": "Title (exact words)",
            **{
                f"{part}_{language}": f"{part.capitalize()} ({LANGUAGE_NAMES[language]})"
                for part in ("title", "body")
                for language in TEXT_LANGUAGES
            },
        },
        hidden=["enriched"],
    )
    claims_view = data_view(
        CLAIMS,
        "newsflow claims",
        {
            "speaker_name": "Speaker",
            "speaker_text": "Speaker (as written)",
            "source_site": "Source",
            "text": "Claim",
        },
        hidden=[],
    )
    latest_articles = saved_search(
        "newsflow-search-latest-articles",
        "newsflow: latest articles",
        "Newest articles first, with their language, source and extracted entities.",
        ARTICLES,
        ["source", "lang", "title", "persons", "organisations", "places", "claim_count"],
    )
    duplicates = saved_search(
        "newsflow-search-near-duplicates",
        "newsflow: near-duplicate articles",
        "Articles marked as near-duplicates of an earlier one.",
        ARTICLES,
        ["source", "title", "duplicate_of", "duplicate_similarity"],
        query="is_duplicate : true",
    )
    latest_claims = saved_search(
        "newsflow-search-latest-claims",
        "newsflow: latest claims",
        "Attributed statements, newest first: who said it, how, and what.",
        CLAIMS,
        ["speaker_name", "speaker_text", "stance", "kind", "text", "outlet", "source_site"],
    )
    denials = saved_search(
        "newsflow-search-denials-accusations",
        "newsflow: denials and accusations",
        "Claims whose stance is a denial or an accusation.",
        CLAIMS,
        ["speaker_name", "stance", "text", "source_site", "title"],
        query='stance : "deny" or stance : "accuse"',
    )
    by_language = over_time_by(
        "newsflow-lens-articles-by-language",
        "Articles over time by language",
        "lang",
        "Language",
        10,
    )
    by_source = over_time_by(
        "newsflow-lens-articles-by-source", "Articles over time by source", "source", "Source", 10
    )
    top_entities = top_terms(
        "newsflow-lens-top-entities",
        "Top entities",
        "Entities mentioned in the most articles (one canonical name per entity).",
        ARTICLES,
        "entities.name",
        "Entity",
        "Articles",
    )
    top_speakers = top_terms(
        "newsflow-lens-top-speakers",
        "Top speakers",
        "Resolved speakers with the most attributed statements.",
        CLAIMS,
        "speaker_name",
        "Speaker",
        "Claims",
    )
    feeds_view = data_view(
        FEEDS,
        "newsflow feed polls",
        {
            "feed": "Feed",
            "outcome": "Outcome",
            "error_kind": "Error kind",
            "seconds_since_last_new": "Seconds since new item",
        },
        hidden=[],
    )
    feed_errors = top_terms(
        "newsflow-lens-feed-errors",
        "Feed errors by kind",
        "Failed feed polls by kind (timeout, http_404, malformed_xml, …); page errors are in "
        "the newsflow_feed_errors_total metric.",
        FEEDS,
        "error_kind",
        "Error kind",
        "Polls",
    )
    feed_polls = feed_polls_over_time()
    feed_health = feed_health_table()
    stance = claims_by_stance()
    table = claims_table()
    board = dashboard(
        "newsflow-dashboard",
        "newsflow: news, entities and claims",
        "Articles over time by language and source, top entities and speakers, claims by "
        "stance, the latest claims and articles, and the health of the polled feeds.",
        [
            (by_language, 0, 0, 24, 14),
            (by_source, 24, 0, 24, 14),
            (top_entities, 0, 14, 16, 15),
            (top_speakers, 16, 14, 16, 15),
            (stance, 32, 14, 16, 15),
            (table, 0, 29, 20, 18),
            (latest_claims, 20, 29, 28, 18),
            (latest_articles, 0, 47, 48, 16),
            (feed_health, 0, 63, 24, 15),
            (feed_polls, 24, 63, 24, 15),
            (feed_errors, 0, 78, 24, 12),
        ],
    )
    return [
        articles_view,
        claims_view,
        feeds_view,
        latest_articles,
        duplicates,
        latest_claims,
        denials,
        by_language,
        by_source,
        top_entities,
        top_speakers,
        stance,
        table,
        feed_polls,
        feed_health,
        feed_errors,
        board,
    ]


def _json_sorted(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def render() -> str:
    return "".join(_json_sorted(o) + "\n" for o in build())


def main(argv: list[str] | None = None) -> int:
    return generator_main(
        argv,
        description=__doc__,
        command="python deploy/kibana/build.py",
        render=render,
        output=OUTPUT,
    )


if __name__ == "__main__":
    raise SystemExit(main())
