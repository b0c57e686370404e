"""The worker commits offsets on its timer only.

Faust also commits from its fetch loop once ``broker_commit_every`` messages were acked. Stopping
that loop (SIGTERM, rebalance) can cancel such a commit after it has taken the acked offsets off
its queue; those offsets are then never committed and the partition stops committing, so whoever
takes it over redoes everything since (reproduced on the real stack with a slowed producer flush:
the enriched topic was committed at 51 of 1,200 after a SIGTERM). The integration test
``test_sigterm_finishes_in_flight_work_commits_and_leaves_the_group`` covers the behaviour; this
guards the setting that avoids the race, which that test only catches under load.
"""

from __future__ import annotations


def test_offsets_are_committed_by_the_timer_not_the_fetch_loop() -> None:
    from workers.stream.app import app

    never = 2**40  # more acks than a worker sees in its lifetime
    assert app.conf.broker_commit_every >= never
    assert 0 < app.conf.broker_commit_interval <= 2.0  # the timer alone keeps commits fresh
