"""A failed service start shows its cause, not only the shutdown lines that end its output."""

from __future__ import annotations

import sys

import pytest

from workers.ops.stack import StackError, _run


def test_a_failed_command_shows_the_early_error_and_the_tail() -> None:
    script = (
        "import sys\n"
        "print('[INFO ] starting')\n"
        "print('[ERROR] BindHttpException: Failed to bind to 127.0.0.1:39200')\n"
        "for i in range(30): print(f'[INFO ] shutdown step {i}')\n"
        "sys.exit(1)\n"
    )
    with pytest.raises(StackError) as failure:
        _run([sys.executable, "-c", script], "starting Elasticsearch", "See the logs.")
    message = str(failure.value)
    assert "exit 1" in message
    assert "BindHttpException" in message
    assert "shutdown step 29" in message
    assert "starting" not in message.split("\n", 1)[1]  # plain early lines are not repeated


def test_a_short_failure_is_shown_whole_once() -> None:
    script = "import sys\nprint('ERROR: no java')\nsys.exit(3)\n"
    with pytest.raises(StackError) as failure:
        _run([sys.executable, "-c", script], "starting Kafka", "")
    assert str(failure.value).count("ERROR: no java") == 1
