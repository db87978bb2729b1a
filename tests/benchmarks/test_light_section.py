"""The ``light-pages`` section: each page's ratio to the floor of its own view, before next to after."""

from __future__ import annotations

from benchmarks.light import render


def _row(version, path, view, seconds, elements=10):
    return {"version": version, "path": path, "view": view, "n": 5, "median_s": seconds, "sent_bytes": 2000, "elements": elements, "dom_nodes": 100, "document_nodes": 400}


RESULTS = {
    "when": "2026-12-07 12:00 UTC",
    "machine": "2 cores",
    "load_before": (1.0, 1.0, 1.0),
    "load_after": (2.0, 2.0, 2.0),
    "organisations": 300,
    "ideas": 990,
    "rounds": 5,
    "before": "abc1234",
    "pages": [("participant", "vagg", "Idéväggen")],
    "rows": [
        _row("floor", "", "desktop", 0.2),
        _row("floor", "", "phone", 0.5),
        _row("before", "vagg", "desktop", 0.9, elements=69),
        _row("after", "vagg", "desktop", 0.3, elements=20),
        _row("before", "vagg", "phone", 2.5, elements=69),
        _row("after", "vagg", "phone", 1.2, elements=20),
    ],
    "errors": {},
}


def test_each_ratio_is_taken_against_the_floor_of_the_same_view_and_marked_against_two():
    lines = {line.split("|")[2].strip(): line for line in render(RESULTS).splitlines() if line.startswith("| Idéväggen")}
    # desktop: 0.9 / 0.2 = 4.5 before, 0.3 / 0.2 = 1.5 after; phone: 2.5 / 0.5 = 5.0, 1.2 / 0.5 = 2.4
    assert "| 4.5 ❌ |" in lines["desktop"] and "| 1.5 ✅ |" in lines["desktop"]
    assert "| 5.0 ❌ |" in lines["phone"] and "| 2.4 ❌ |" in lines["phone"]
    assert "| 69 / 100 / 400 |" in lines["desktop"] and "| 20 / 100 / 400 |" in lines["desktop"]


def test_the_section_names_the_revision_served_as_before():
    assert "`abc1234`" in render(RESULTS)
    assert "before: s" in render(RESULTS) and "after: s" in render(RESULTS)
