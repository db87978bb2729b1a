"""What ``python -m workshop bench --browser --light`` runs: :mod:`benchmarks.light_pages` in a process of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

__all__ = ["PHONE_CPU_SLOWDOWN", "TARGET_OVER_FLOOR", "VIEWS", "render", "run"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
VIEWS = {
    "desktop": {"viewport": {"width": 1400, "height": 1000}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}
PHONE_CPU_SLOWDOWN = 4  # Chromium's "4x slowdown", Lighthouse's mid-range phone
TARGET_OVER_FLOOR = 2.0


def run(*, organisations: int = 300, rounds: int = 5, before: str = "", pages: str = "") -> dict:
    """Every page's rerun next to the floor, desktop and throttled phone (see ``benchmarks/light_pages.py``)."""
    command = [sys.executable, str(PROJECT_ROOT / "benchmarks" / "light_pages.py"), "--organisations", str(organisations), "--rounds", str(rounds), "--before", before, "--pages", pages]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True, cwd=PROJECT_ROOT)
    line = result.stdout.strip().splitlines()[-1]
    artifacts = PROJECT_ROOT / "test-artifacts"  # the raw figures beside the section (not committed)
    artifacts.mkdir(exist_ok=True)
    (artifacts / "bench-light.json").write_text(line + "\n", encoding="utf-8")
    return json.loads(line)


def _find(rows, version, path, view):
    return next((r for r in rows if r["version"] == version and r["path"] == path and r["view"] == view), None)


def render(results: dict) -> str:
    """The ``light-pages`` section of ``docs/benchmarks.md``."""
    rows = results["rows"]
    versions = [v for v in ("before", "after") if any(r["version"] == v for r in rows)]
    out = [
        "## Light pages: each rerun next to the floor, desktop and throttled phone (issue 25)",
        "",
        f"Written by `python -m workshop bench --browser --light` ({results['when']}), {results['rounds']} round(s), "
        f"two reruns (`r`) per visit. Machine: {results['machine']}; load average before / after: "
        f"{' / '.join(f'{v:.1f}' for v in results['load_before'])} → {' / '.join(f'{v:.1f}' for v in results['load_after'])}. "
        "The machine is shared with other work: read the ratios (each measured in the same rounds as its floor), not the seconds.",
        "",
        f"Headless Chromium against a rich synthetic process of {results['organisations']} organisations and {results['ideas']} ideas "
        "(an open voting round, so the wall offers its dots). *desktop*: 1400×1000; *phone*: 390×844, touch, "
        f"CPU throttled {PHONE_CPU_SLOWDOWN}× (`Emulation.setCPUThrottlingRate`). "
        + (f"*before*: the app at `{results['before']}` served beside *after* (this version) on the same database. " if results.get("before") else "")
        + "Seconds: median rerun; × floor: that over the floor page's median in the same view; kB: websocket bytes the rerun "
        "received; elements / nodes / page nodes: Streamlit elements and DOM nodes in the main area, and DOM nodes in the whole page (menu included), once drawn.",
        "",
    ]
    header = "| page | view |" + "".join(f" {v}: s | {v}: × floor | {v}: kB | {v}: elements / nodes / page nodes |" for v in versions)
    out += [header, "| --- | --- |" + " ---: | ---: | ---: | ---: |" * len(versions)]
    floor = {view: _find(rows, "floor", "", view) for view in VIEWS}
    for view in VIEWS:
        f = floor[view]
        if f and f["median_s"]:
            cells = f" {f['median_s']:.2f} | 1.0 | {f['sent_bytes'] / 1000:.1f} | {f['elements']} / {f['dom_nodes']} / {f.get('document_nodes', 0)} |" + " | | | |" * (len(versions) - 1)
            out.append(f"| floor (1 query, 1 table) | {view} |{cells}")
    for _role, path, name in results["pages"]:
        for view in VIEWS:
            cells = ""
            for version in versions:
                row, f = _find(rows, version, path, view), floor[view]
                if not row or not row["median_s"] or not f or not f["median_s"]:
                    cells += " – | – | – | – |"
                    continue
                ratio = row["median_s"] / f["median_s"]
                mark = "✅" if ratio <= TARGET_OVER_FLOOR else "❌"
                cells += f" {row['median_s']:.2f} | {ratio:.1f} {mark} | {(row['sent_bytes'] or 0) / 1000:.1f} | {row['elements']} / {row['dom_nodes']} / {row.get('document_nodes', 0)} |"
            out.append(f"| {name} | {view} |{cells}")
    out += ["", f"Target: every page's rerun within {TARGET_OVER_FLOOR:.0f} × the floor's (issue 25), on the desktop and on the throttled phone."]
    if results.get("errors"):
        out += ["", "Errors shown on a page: " + "; ".join(f"{k}: {v}" for k, v in results["errors"].items())]
    return "\n".join(out)
