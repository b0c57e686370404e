"""Stopping a local-stack service: a process that ignores SIGTERM is killed, and the call
returns only once it is gone (a restart right after must find its ports free)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from workers.ops.stack import StackConfig, stop_service

STUBBORN = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_service_that_ignores_sigterm_is_killed_and_gone_on_return(tmp_path: Path) -> None:
    cfg = StackConfig(root=tmp_path)
    child = subprocess.Popen([sys.executable, "-c", STUBBORN], stdout=subprocess.PIPE)
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    cfg.pid_file("stub").write_text(str(child.pid))
    started = time.monotonic()
    assert stop_service(cfg, "stub", timeout=0.5)
    assert time.monotonic() - started < 10
    assert not _running(child.pid)  # reaped, not a zombie left holding the pid
    assert not cfg.pid_file("stub").exists()


def test_stopping_a_service_that_is_not_running_says_so(tmp_path: Path) -> None:
    cfg = StackConfig(root=tmp_path)
    cfg.pid_file("gone").write_text("999999999")
    assert not stop_service(cfg, "gone")
    assert not cfg.pid_file("gone").exists()
