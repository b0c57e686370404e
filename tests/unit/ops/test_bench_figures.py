"""The arithmetic behind the bench's CPU ratios: idle rates, idle-corrected CPU, medians."""

from __future__ import annotations

import pytest

from bench.e2e.bench import cpu_ratios, idle_corrected_ms_per_article, idle_cpu_rates, median_run


def test_idle_rate_is_cpu_seconds_per_second_of_each_worker() -> None:
    assert idle_cpu_rates([1.0, 2.0], [1.2, 2.1], 10.0) == pytest.approx([0.02, 0.01])
    assert idle_cpu_rates([1.0], [1.2], 0.0) == [0.0]  # no window, no rate
    assert idle_cpu_rates([1.0], [0.9], 5.0) == [0.0]  # a restarted counter never goes below 0


def test_idle_correction_removes_each_workers_rate_over_the_drain() -> None:
    # two workers, 30 s and 20 s of CPU for 1,000 articles over a 100 s drain, idle 0.01 and
    # 0.02 CPU-s per second: 3 s of the 50 were the idle rate
    ms = idle_corrected_ms_per_article([30.0, 20.0], [0.01, 0.02], 100.0, 1000)
    assert ms == pytest.approx(47.0)
    assert idle_corrected_ms_per_article([1.0], [1.0], 100.0, 10) == 0.0  # never negative


def test_ratio_of_medians_is_not_moved_by_one_disturbed_run() -> None:
    worker, reference, ratio = cpu_ratios([33.0, 34.0, 80.0], [26.0, 27.0, 28.0, 60.0, 25.0])
    assert (worker, reference) == (34.0, 27.0)
    assert ratio == pytest.approx(34.0 / 27.0, abs=1e-3)


def test_median_run_is_one_whole_run() -> None:
    runs = [{"cpu_ms_per_article": v, "n": i} for i, v in enumerate([40.0, 30.0, 35.0, 50.0])]
    assert median_run(runs) == {"cpu_ms_per_article": 35.0, "n": 2}  # lower middle of four
    assert median_run(runs[:1]) is runs[0]
