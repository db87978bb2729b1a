"""``python -m workshop bench``: measure, print and record in ``docs/benchmarks.md``.

Three parts: the network analysis on synthetic networks of 50, 300 and 1000
organisations (:mod:`workshop.network.bench`); every page's rerun time through
AppTest on a process of 300 organisations and ~1000 ideas, next to a bare page
(``benchmarks/page_reruns.py``, run in its own process since it imports Streamlit);
concurrent writers through the service layer on SQLite and, when a URL is given,
PostgreSQL (:mod:`workshop.loadtest`); and import, every export and backup at 300 and
1000 organisations (:mod:`workshop.exchange.bench`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .db import PROJECT_ROOT, create_store
from .docsections import marked, write_section
from .loadtest import run_load
from .exchange.bench import render_exchange_markdown, run_exchange_benchmark
from .network.bench import run_network_benchmark

__all__ = ["run_benchmarks", "machine_description", "render_sections", "render_markdown", "write_report"]

# Targets from the issues; the report marks each figure against its target.
TARGET_CONSTELLATIONS_S = 1.0  # every idea, 300 organisations / ~1000 ideas
TARGET_MAP_HTML_S = 1.0
TARGET_CACHED_RERUN_S = 0.2  # the map and constellations pages
TARGET_PAGE_OVER_FLOOR = 2.0
TARGET_TICK_MS = 20.0
TARGET_WRITES_PER_S = 200.0  # 30 concurrent writers on SQLite


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("streamlit", "networkx", "SQLAlchemy", "pyvis", "numpy"))
    return f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; Python {platform.python_version()}; {versions}"


def _page_reruns(organisations: int, reruns: int) -> dict:
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "benchmarks" / "page_reruns.py"), "--organisations", str(organisations), "--reruns", str(reruns)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _load(url: str, participants: int) -> dict:
    store = create_store(url)
    try:
        report = run_load(store, participants_count=participants)
    finally:
        store.engine.dispose()
    return {
        "participants": participants,
        "submissions": report.submissions,
        "seconds": report.seconds,
        "per_second": report.throughput,
        "p50_ms": report.p50_ms,
        "p95_ms": report.p95_ms,
        "errors": len(report.unexpected_errors),
        "lost": report.lost,
        "over_budget": report.over_budget,
    }


def run_benchmarks(*, sizes=(50, 300, 1000), page_organisations: int = 300, reruns: int = 5, postgres_url: str | None = None, participants: int = 30, exchange_sizes=(300, 1000)) -> dict:
    with tempfile.TemporaryDirectory(prefix="pb-load-") as workdir:
        load = {"SQLite": _load(f"sqlite:///{Path(workdir) / 'load.sqlite3'}", participants)}
    if postgres_url:
        load["PostgreSQL"] = _load(postgres_url, participants)
    return {
        "when": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine_description(),
        "network": run_network_benchmark(sizes),
        "pages": _page_reruns(page_organisations, reruns),
        "load": load,
        "exchange": run_exchange_benchmark(exchange_sizes),
    }


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def render_sections(results: dict) -> dict[str, str]:
    """The sections ``bench`` owns in ``docs/benchmarks.md``, by marker name, from ``results``.

    ``bench``: the machine, the network analysis, the pages through AppTest and the
    concurrent writers; ``exchange``: import, export and backup (when measured).
    """
    sections = {"bench": _render_bench(results)}
    if results.get("exchange"):
        sections["exchange"] = render_exchange_markdown(results["exchange"])
    return sections


def render_markdown(results: dict) -> str:
    """Every section of :func:`render_sections`, one after the other (what ``bench`` prints)."""
    return "\n\n".join(marked(name, text) for name, text in render_sections(results).items())


def write_report(path: Path | str, results: dict) -> None:
    """Rewrite ``bench``'s own sections in the file at ``path``; every other byte stays as it was."""
    for name, section in render_sections(results).items():
        write_section(path, name, section)


def _render_bench(results: dict) -> str:
    out = [
        "Written by `python -m workshop bench` (add `--postgres URL` for the PostgreSQL figures);",
        "numbers from one run on the machine below. Re-run after a change to performance-relevant code.",
        "",
        f"- When: {results['when']}",
        f"- Machine: {results['machine']}",
        "",
        "## Network analysis (synthetic networks)",
        "",
        "Ideas ≈ 3.3 × organisations. Seconds; best of 3 runs up to 300 organisations, one run above.",
        "",
        "| organisations | ideas | commitments | links | build graph | all metrics | brokers (exact) | brokers (100-source sample) | constellations, every idea | readiness, every idea | map HTML |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["network"]:
        out.append(
            f"| {row['organisations']} | {row['ideas']} | {row['commitments']} | {row['edges']} | {row['build_graph_s']:.3f} | {row['metrics_s']:.3f} | "
            f"{row['brokers_s']:.3f} | {row['brokers_sampled_s']:.3f} | {row['constellations_s']:.3f} | {row['readiness_s']:.3f} | {row['map_html_s']:.3f} |"
        )
    at_300 = next((r for r in results["network"] if r["organisations"] == 300), None)
    if at_300:
        out += [
            "",
            f"Targets at 300 organisations: constellations for every idea ≤ {TARGET_CONSTELLATIONS_S:.0f} s: "
            f"{at_300['constellations_s']:.3f} s {_mark(at_300['constellations_s'] <= TARGET_CONSTELLATIONS_S)}; "
            f"map HTML ≤ {TARGET_MAP_HTML_S:.0f} s: {at_300['map_html_s']:.3f} s {_mark(at_300['map_html_s'] <= TARGET_MAP_HTML_S)}.",
            "",
            "Above 300 organisations the app estimates betweenness from a seeded sample of 100 sources (the exact",
            "computation is O(n·m)); the column shows what that costs.",
        ]
    pages = results["pages"]
    floor = pages["pages"]["floor (1 query, 1 table)"]["rerun_s"]
    out += [
        "",
        f"## Pages ({pages['organisations']} organisations, {pages['ideas']} ideas)",
        "",
        "AppTest through the app's navigation: the first run (cold caches: the analysis is computed), then the median",
        "of warm reruns, when every shared cache holds the current revision. The floor is a bare page that runs one",
        "query and shows one table of the ideas.",
        "",
        "Each page is measured as a user first sees it: pages with tabs build only the open (first) tab, the idea",
        "wall shows its newest 15 ideas (with search and 'show more'), and form fields get an error element only",
        "when there is an error. AppTest compiles the entry file and the page on every run (a server caches the",
        "bytecode); Streamlit's magic is switched off in `.streamlit/config.toml`, which makes that compile cheap.",
        "",
        "| page | first run (s) | cached rerun (s) | × floor |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, timing in pages["pages"].items():
        ratio = timing["rerun_s"] / floor if floor else 0
        out.append(f"| {name} | {timing['cold_s']:.3f} | {timing['rerun_s']:.3f} | {ratio:.1f} {_mark(ratio <= TARGET_PAGE_OVER_FLOOR)} |")
    for name in ("network map", "constellations"):
        rerun = pages["pages"][name]["rerun_s"]
        out.append(f"\nTarget: cached rerun of the {name} page ≤ {TARGET_CACHED_RERUN_S} s: {rerun:.3f} s {_mark(rerun <= TARGET_CACHED_RERUN_S)}.")
    tick = pages["tick_ms"]
    out += [
        "",
        f"Projector tick with nothing new (the fragment's redraw on its own, through AppTest, from the revision-keyed "
        f"caches): {tick:.1f} ms; target ≤ {TARGET_TICK_MS:.0f} ms {_mark(tick <= TARGET_TICK_MS)}. The revision read "
        f"each tick makes (at most once a second for all sessions together, through a shared 1 s cache) costs "
        f"{pages['revision_query_ms']:.2f} ms.",
        "",
        "## Concurrent writers (service layer)",
        "",
        "`python -m workshop load`: each participant joins, adds 4 ideas and 2 notes, then votes from two tabs at once,",
        "trying twice its dot budget. Submissions are every confirmed call; refused over-budget votes are not counted.",
        "",
        "| database | participants | submissions | seconds | submissions/s | p50 (ms) | p95 (ms) | errors | lost | over budget |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, load in results["load"].items():
        out.append(
            f"| {name} | {load['participants']} | {load['submissions']} | {load['seconds']:.2f} | {load['per_second']:.0f} | "
            f"{load['p50_ms']:.1f} | {load['p95_ms']:.1f} | {load['errors']} | {load['lost']} | {load['over_budget']} |"
        )
    sqlite = results["load"]["SQLite"]
    out += [
        "",
        f"Target: ≥ {TARGET_WRITES_PER_S:.0f} submissions/s with 30 concurrent writers on SQLite: "
        f"{sqlite['per_second']:.0f}/s {_mark(sqlite['per_second'] >= TARGET_WRITES_PER_S)}.",
    ]
    return "\n".join(out)
