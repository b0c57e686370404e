"""Generated and mutated inputs (hypothesis; the generators of bench/fuzz) through ingest,
clean, extract and the document projection: every one ends enriched or rejected with a
specific reason, none raises anything else. The benchmark runs 100,000: ``python -m bench.fuzz``."""

from __future__ import annotations

import os

from bench.fuzz.fuzz import run_fuzz

INPUTS = int(os.environ.get("NEWSFLOW_FUZZ_INPUTS", "1000"))


def test_generated_inputs_never_crash_and_every_rejection_has_a_specific_reason() -> None:
    report = run_fuzz(INPUTS, random_seed=1)
    figures = report.figures()
    print(figures)
    assert report.inputs == INPUTS
    assert not report.crashes, report.crashes[:3]
    assert not report.unspecific, report.unspecific[:3]
    # The generators reach deep: articles get through to extraction and many reasons occur.
    assert report.outcomes["enriched"] > INPUTS // 20, report.outcomes
    assert len([o for o in report.outcomes if o.startswith("rejected: ")]) >= 6, report.outcomes
