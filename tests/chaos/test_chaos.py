"""The chaos proof at CI size: a mixed ar/en feed with every kind of bad input through two
workers while three workers are SIGKILLed, one is stalled past the session timeout (SIGSTOP,
SIGCONT), Kafka and Elasticsearch are restarted once each; the claims index must hold exactly
the claims of every article's newest version.
Runs on a stack of its own (other ports), never on the default one. At scale:
``newsflow chaos --articles 10000``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.e2e.chaos import print_result, run_chaos
from bench.e2e.harness import RunStack

pytestmark = [pytest.mark.slow, pytest.mark.integration]

ARTICLES = int(os.environ.get("NEWSFLOW_CHAOS_ARTICLES", "2500"))


@pytest.fixture(scope="module")
def chaos_stack(stack_root):  # type: ignore[no-untyped-def]
    if not shutil.which("java") and not Path("/usr/lib/jvm").is_dir():
        pytest.skip("no Java: the chaos stack cannot run here")
    stack = RunStack(
        stack_root("chaos-stack"),
        kafka_port=29092,
        controller_port=29093,
        es_port=29200,
    )
    try:
        stack.up()  # inside: a half-started stack (Kafka up, ES failed) is stopped too
        yield stack
    finally:
        stack.down()


def test_nothing_lost_or_duplicated_under_chaos(chaos_stack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_chaos(ARTICLES, tmp_path / "run", chaos_stack, bad_per_kind=5, timeout=900)
    print_result(result)
    figures = result.figures
    assert result.ok, result.problems
    assert figures["articles in ES"] == figures["good articles"] == ARTICLES
    assert figures["bad kinds"] >= 10
    assert figures["dead letters (unique input records)"] == figures["bad inputs"]
    assert figures["workers SIGKILLed"] == 3
    assert figures["workers stalled past the session timeout"] == 1
    assert figures["claims in ES"] == figures["claims expected (newest versions)"] > 0
    assert figures["stale claims (not of the newest version)"] == 0
    assert figures["consumer lag"] == 0
