"""``python -m workshop bench`` rewrites its own sections of docs/benchmarks.md and nothing else."""

from __future__ import annotations

import re

import pytest

from benchmarks.speed import write_report
from workshop.db import PROJECT_ROOT
from workshop.docsections import markers, write_section

SECTION = re.compile(r"<!-- ([a-z-]+):start -->.*?<!-- \1:end -->", re.DOTALL)


def _small_results() -> dict:
    """What a (very) small bench run returns: one network size, two pages, the writers."""
    network_row = {
        "organisations": 300, "ideas": 990, "commitments": 2006, "edges": 7815, "build_graph_s": 0.01, "metrics_s": 0.2,
        "brokers_s": 0.1, "brokers_sampled_s": 0.05, "constellations_s": 0.4, "readiness_s": 0.01, "map_html_s": 0.2,
    }  # fmt: skip
    pages = {name: {"cold_s": 0.5, "rerun_s": 0.01} for name in ("floor (1 query, 1 table)", "network map", "constellations")}
    load = {"participants": 30, "submissions": 321, "seconds": 1.5, "per_second": 214.0, "p50_ms": 30.0, "p95_ms": 99.0, "errors": 0, "lost": 0, "over_budget": 0}
    return {
        "when": "2031-01-02 03:04",
        "machine": "A test machine, 2 cores",
        "network": [network_row],
        "pages": {"organisations": 300, "ideas": 990, "pages": pages, "tick_ms": 3.0, "revision_query_ms": 0.2},
        "load": {"SQLite": load},
        "exchange": [],
    }


def _writers() -> dict:
    def variant(name, per_second, held_ms, share):
        return {"variant": name, "runs": [per_second] * 3, "per_second": per_second, "held_ms": held_ms, "held_share": share, "commit_ms": 4.0,
                "client_cpu_ms": 8.0, "connections": 49, "errors": 0, "load_before": 1.0, "load_after": 1.5}  # fmt: skip

    return {
        "settings": {"server_version": "15.9", "default_transaction_isolation": "read committed", "synchronous_commit": "on", "fsync": "on", "max_connections": "100"},
        "variants": [
            variant("as shipped", 120.0, 6.0, 0.7),
            variant("counters bumped as before (3 round trips under the row lock)", 98.0, 10.0, 0.97),
            variant("no counter bump at all (upper bound, not a fix)", 125.0, 0.0, 0.0),
            variant("synchronous_commit = off (no wait for the WAL flush)", 118.0, 5.0, 0.6),
            variant("pool 30 + 30, no pre-ping", 121.0, 6.0, 0.7),
        ],
    }


def _sections(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in SECTION.finditer(text)}


def test_bench_keeps_every_other_section_of_the_real_file_byte_for_byte(tmp_path):
    original = (PROJECT_ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert "<!-- bench:start -->" in original  # bench's own part is marked, so it can be found again
    path = tmp_path / "benchmarks.md"
    path.write_text(original, encoding="utf-8")

    write_report(path, _small_results())

    written = path.read_text(encoding="utf-8")
    before, after = _sections(original), _sections(written)
    assert set(after) == set(before)
    for name, text in before.items():
        if name != "bench":
            assert after[name] == text, f"section {name} changed"
    # Outside the sections nothing moved either: the title, the blank lines between them.
    assert SECTION.sub("", written) == SECTION.sub("", original)
    assert "2031-01-02 03:04" in after["bench"] and "| SQLite | 30 | 321 | 1.50 | 214 |" in after["bench"]
    assert "2031-01-02 03:04" not in original


def test_what_holds_postgresql_is_explained_in_the_writers_part_with_the_run_s_figures(tmp_path):
    path = tmp_path / "benchmarks.md"
    results = _small_results()
    results["load"]["PostgreSQL"] = results["load"]["SQLite"] | {"per_second": 120.0}
    results["writers"] = _writers()
    write_report(path, results)
    bench = _sections(path.read_text(encoding="utf-8"))["bench"]
    writers = bench[bench.index("## Concurrent writers") :]
    assert "### What holds PostgreSQL" in writers
    assert "| counters bumped as before (3 round trips under the row lock) | 98 (98, 98, 98) | 10.0 | 97% |" in writers
    # The explanation is written from the figures: 1 / 10 ms = 100/s, and the upper bound is close to what ships.
    assert "100/s against 98/s measured" in writers
    assert "the row no longer sets the pace" in writers


def test_a_second_run_replaces_its_section_instead_of_adding_one(tmp_path):
    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\n<!-- room:start -->\nhand-written\n<!-- room:end -->\n", encoding="utf-8")
    write_report(path, _small_results())
    results = _small_results() | {"when": "2032-05-06 07:08"}
    write_report(path, results)
    text = path.read_text(encoding="utf-8")
    start, _ = markers("bench")
    assert text.count(start) == 1
    assert "2032-05-06 07:08" in text and "2031-01-02 03:04" not in text
    assert "<!-- room:start -->\nhand-written\n<!-- room:end -->" in text


def test_a_start_marker_without_its_end_is_refused_rather_than_eating_the_file(tmp_path):
    path = tmp_path / "benchmarks.md"
    original = "# Benchmarks\n\n<!-- browser:start -->\nhalf a section\n\n<!-- room:start -->\nkept\n<!-- room:end -->\n"
    path.write_text(original, encoding="utf-8")
    with pytest.raises(ValueError):
        write_section(path, "browser", "new")
    assert path.read_text(encoding="utf-8") == original
