"""``python -m workshop bench --browser`` at a tiny size: a row per page measured, and nothing else in the file touched.

Three pages (the floor, the wall, the insights) stand for all: every page goes through the same
measuring code, and walking all nineteen cost two minutes of the suite's time. A network page is
one of them (its row carries the after-a-write mark); the insights rather than the map, which
draws a physics layout in Chromium that no figure here measures (the open projectors' run opens
the map anyway, to warm the server). That every page opens without an error in the browser is
checked by the accessibility walk.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.e2e.harness import CHROMIUM_VARIABLE, ROOT, chromium_path, requires_chromium

pytestmark = [pytest.mark.e2e, pytest.mark.slow, requires_chromium]

MEASURED = ("floor", "vagg", "insikter")
KEPT = "# Benchmarks\n\n<!-- room:start -->\nhand-written, must stay\n<!-- room:end -->\n"


def test_the_browser_bench_writes_its_section_with_a_row_per_page_measured(tmp_path):
    output = tmp_path / "benchmarks.md"
    output.write_text(KEPT, encoding="utf-8")
    env = dict(os.environ, **{CHROMIUM_VARIABLE: chromium_path() or "/usr/bin/chromium"})
    command = [sys.executable, "-m", "workshop", "bench", "--browser", "--organisations", "20", "--rounds", "1", "--sessions", "1",
               "--session-writes", "1", "--session-idle-seconds", "1", "--pages", ",".join(MEASURED), "--output", str(output)]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr[-3000:]

    text = output.read_text(encoding="utf-8")
    assert text.startswith(KEPT.rstrip("\n"))  # the other section, byte for byte
    section = text[text.index("<!-- browser:start -->") : text.index("<!-- browser:end -->")]
    rows = [line for line in section.splitlines() if line.startswith(("| floor", "| participant", "| facilitator", "| coordinator"))]
    assert len(rows) == len(MEASURED)
    # Every page was visited and rerun: its first two columns of figures hold numbers.
    for row in rows:
        first_visit, rerun = (cell.strip() for cell in row.split("|")[3:5])
        assert first_visit[0].isdigit() and rerun[0].isdigit(), row
    assert "Nätverksinsikter" in section and "Idéväggen" in section and "floor" in section
    assert "Load average" in section and "cores" in section
    # The server with one open projector was measured too.
    assert any(line.startswith("| 1 |") for line in section.splitlines())
