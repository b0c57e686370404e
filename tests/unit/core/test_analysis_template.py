"""One index template for the local stack and a full cluster.

The local Elasticsearch build lacks analysis-common; the newsflow-analysis plugin
(deploy/local/analysis-plugin) supplies the token filters the template uses under
analysis-common's names. So the template must (a) not depend on which cluster it goes to and
(b) use only filter types that both the plugin and a full cluster provide.
"""

from __future__ import annotations

import json
import re

from schemas.generate import GENERATED
from schemas.mappings import ANALYSIS, INDEX_KINDS, index_template
from workers.ops.stack import PLUGIN_DIR

SERVER_FILTERS = {"lowercase", "stop"}
"""In the Elasticsearch server itself (checked on the integ-test build with _analyze)."""
ANALYSIS_COMMON_FILTERS = {
    "arabic_normalization",
    "arabic_stem",
    "decimal_digit",
    "stemmer",
    "pattern_replace",
    "reverse",
}
"""Names a full cluster's analysis-common module registers for these filters (``reverse``: only
for bench/search's measurements, bench.search.language_chains)."""


def _plugin_filter_names() -> set[str]:
    names: set[str] = set()
    for source in PLUGIN_DIR.glob("src/main/java/**/*.java"):
        text = source.read_text()
        if "implements TokenFilterFactory" in text:
            names.update(re.findall(r'@NamedComponent\("([a-z_]+)"\)', text))
    return names


def _filter_types() -> set[str]:
    custom = {name: spec["type"] for name, spec in ANALYSIS["filter"].items()}
    return {
        custom.get(name, name)
        for analyzer in ANALYSIS["analyzer"].values()
        for name in analyzer["filter"]
    }


def test_template_is_identical_for_the_local_stack_and_a_full_cluster() -> None:
    for kind in INDEX_KINDS:
        checked_in = json.loads((GENERATED / "elasticsearch" / f"{kind}.template.json").read_text())
        assert index_template(kind) == checked_in
    # No per-cluster variant exists any more: the installer has nothing to choose between.
    assert sorted(p.name for p in (GENERATED / "elasticsearch").iterdir()) == [
        f"{kind}.template.json" for kind in sorted(INDEX_KINDS)
    ]


def test_every_filter_the_template_uses_exists_on_both_targets() -> None:
    plugin = _plugin_filter_names()
    assert plugin == ANALYSIS_COMMON_FILTERS
    used = _filter_types()
    assert used <= SERVER_FILTERS | plugin, used - SERVER_FILTERS - plugin
    assert used <= SERVER_FILTERS | ANALYSIS_COMMON_FILTERS
    # the plugin must not shadow a filter the server registers (Elasticsearch refuses to start)
    assert not plugin & SERVER_FILTERS


def test_plugin_stemmer_languages_used_by_the_template_are_the_ones_it_maps() -> None:
    stemmer = (
        PLUGIN_DIR / "src/main/java/io/newsflow/analysis/StemmerFilterFactory.java"
    ).read_text()
    for spec in ANALYSIS["filter"].values():
        if spec["type"] == "stemmer":
            assert f'"{spec["language"]}"' in stemmer


def test_per_language_measurement_analyzers_run_on_both_targets() -> None:
    """bench/search measures per-language fields as a candidate for the template: a variant
    that needs a filter one target lacks would measure something the template could not use."""
    from bench.search.language_chains import LANGUAGE_ANALYSIS

    custom = {name: spec["type"] for name, spec in LANGUAGE_ANALYSIS["filter"].items()}
    used = {
        custom.get(name, name)
        for analyzer in LANGUAGE_ANALYSIS["analyzer"].values()
        for name in analyzer["filter"]
    }
    assert "reverse" in used  # the reversed nisba variant
    assert used <= SERVER_FILTERS | (_plugin_filter_names() & ANALYSIS_COMMON_FILTERS)
