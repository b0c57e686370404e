"""The relay part of ``newsflow bench`` with the FORMER text mapping as 'with analysis'
(``standard`` + ``.ar``/``.en`` sub-fields, three analyses of every text), same method and
options, to compare with the template's one-pass analyzer on the same host and hour:

    python -m bench.e2e.relay_former_mapping --only relay --relay-runs 3 [--feed …] [--articles N]

Figures: bench/e2e/results/relay-analyzers.txt.
"""

from __future__ import annotations

import sys
from typing import Any

import bench.e2e.bench as relay_bench
from bench.search.evaluate import MULTI_ANALYSIS, former_text_field

_template_body = relay_bench._relay_index_body


def _former_body(analyzed: bool) -> dict[str, Any]:
    body = _template_body(False)
    if analyzed:
        body["settings"]["analysis"] = MULTI_ANALYSIS
        properties = body["mappings"]["properties"]
        body["mappings"]["properties"] = {field: former_text_field() for field in properties}
    return body


if __name__ == "__main__":
    relay_bench._relay_index_body = _former_body
    sys.exit(relay_bench.main(sys.argv[1:]))
