"""Thirty participants submitting at once lose nothing and overspend no dots, on each backend."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.load import run_load


def test_thirty_concurrent_participants_lose_nothing_and_stay_within_their_dots(store):
    report = run_load(store, participants_count=30)
    assert report.unexpected_errors == []
    assert report.lost == 0
    assert report.over_budget == 0
    # Each participant joins, adds 4 ideas and 2 notes, and places at least one dot.
    assert report.submissions >= 30 * (1 + 4 + 2 + 1)
    # Two tabs together try twice the budget, so some attempts must have been refused.
    assert report.refused_votes > 0


def test_the_load_command_reports_throughput_and_latency(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "load", "--participants", "5", "--ideas", "2", "--db", f"sqlite:///{tmp_path / 'load.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "bidrag/s" in result.stdout and "p95" in result.stdout and "0 fel, 0 förlorade, 0 över budget" in result.stdout
