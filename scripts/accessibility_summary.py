"""Copy the last axe run (test-artifacts/accessibility.json) into docs/accessibility.md.

``tests/e2e/test_accessibility.py`` writes the JSON on every run; this rewrites the marked
section ``axe`` of the doc (pages x violations by impact) and nothing else:

    PROJEKTBEREDSKAP_CHROMIUM=/usr/bin/chromium .venv/bin/python -m pytest -q tests/e2e/test_accessibility.py
    .venv/bin/python scripts/accessibility_summary.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.docsections import write_section  # noqa: E402

SUMMARY = ROOT / "test-artifacts" / "accessibility.json"
DOC = ROOT / "docs" / "accessibility.md"
IMPACTS = ("critical", "serious", "moderate", "minor")


def section(summary: dict) -> str:
    """The Markdown table: one row per page judged, the violations counted by impact and named."""
    lines = [
        f"Last run: axe-core {summary['axe']}, tags {', '.join(summary['tags'])}, {summary['date']}, "
        f"{len(summary['pages'])} page views in {summary['total_seconds']:.0f} s.",
        "",
        "| role | viewport | page | critical | serious | moderate | minor | rules |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for where, violations in summary["pages"].items():
        role, viewport, path = where.split(" ", 2)
        counts = {impact: sum(1 for v in violations if v["impact"] == impact) for impact in IMPACTS}
        rules = ", ".join(sorted({v["id"] for v in violations})) or "–"
        lines.append(f"| {role} | {viewport} | `{path}` | " + " | ".join(str(counts[i]) for i in IMPACTS) + f" | {rules} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    if not SUMMARY.exists():
        print(f"no {SUMMARY.relative_to(ROOT)}: run tests/e2e/test_accessibility.py first", file=sys.stderr)
        return 1
    write_section(DOC, "axe", section(json.loads(SUMMARY.read_text(encoding="utf-8"))), title="# Accessibility")
    print(f"wrote the axe section of {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
