"""The rewrite cache ``scripts/test.sh`` writes before the workers start is the one they read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pytest_in(folder: Path, *arguments: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}  # as on the CI machine
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", *arguments],
        cwd=folder, capture_output=True, text=True, timeout=120, env=environ,
    )


def test_the_workers_read_the_rewritten_tests_the_warm_up_wrote_and_still_explain_a_failure(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\ntestpaths = checks\n", encoding="utf-8")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "test_sum.py").write_text("def test_sum():\n    total = 1 + 1\n    assert total == 3\n", encoding="utf-8")
    (tmp_path / "checks" / "helper.py").write_text("VALUE = 1\n", encoding="utf-8")

    warm = pytest_in(tmp_path, "-p", "tests.rewrite_cache")
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert "rewrite cache: 1 of 1 test modules written" in warm.stdout
    assert [path.name.split(".")[0] for path in (tmp_path / "checks" / "__pycache__").iterdir()] == ["test_sum"]

    run = pytest_in(tmp_path, "--debug=trace.log")
    assert run.returncode == 1
    assert "assert 2 == 3" in run.stdout  # the rewritten assert still says what it compared
    assert "found cached rewritten pyc" in (tmp_path / "trace.log").read_text(encoding="utf-8")
