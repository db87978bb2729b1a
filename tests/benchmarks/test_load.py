"""Thirty participants submitting at once lose nothing and overspend no dots, on each backend."""

from __future__ import annotations

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


def test_the_load_command_reports_throughput_and_latency(tmp_path, capsys):
    # In this process: the command line's own path (workshop.cli.main), without a new
    # interpreter's start-up (test_outside_the_product.py starts one for the command line).
    from workshop.cli import main

    assert main(["load", "--participants", "5", "--ideas", "2", "--db", f"sqlite:///{tmp_path / 'load.sqlite3'}"]) == 0
    out = capsys.readouterr().out
    assert "bidrag/s" in out and "p95" in out and "0 fel, 0 förlorade, 0 över budget" in out
