"""``python -m workshop bench`` rewrites its own sections of docs/benchmarks.md and nothing else."""

from __future__ import annotations

import re

import pytest

from workshop.bench import write_report
from workshop.db import PROJECT_ROOT
from workshop.docsections import markers, write_section

SECTION = re.compile(r"<!-- ([a-z-]+):start -->.*?<!-- \1:end -->", re.S)


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
