"""What open projectors cost the server, and how fast new input reaches them, in a real browser.

Serves the app on a synthetic process (300 organisations, 990 ideas by default), opens N
headless Chromium pages on the projector of its newest meeting, and measures on the server
process (psutil, children included):

- CPU in cores while the N projectors sit idle (each still ticks once a second),
- resident memory after they have all loaded,
- from a write to the moment each open projector shows it: ideas are added through the
  service layer every few seconds and every page stamps, with the same clock, when the
  idea counter changes; the latency is that stamp minus the write.

Run it with the post-script garbage collection on and off to decide the setting::

    .venv/bin/python benchmarks/sessions.py --sessions 1,10,30 --gc both --markdown

Browser downloads are impossible here: Chromium is ``$PROJEKTBEREDSKAP_CHROMIUM`` or
/usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages come from its root

from benchmarks.populate import bench_database, populate  # noqa: E402
from benchmarks.synthetic import synthetic_snapshot  # noqa: E402
from benchmarks.walls import WATCH_COUNTER, cpu_seconds, new_input_latencies, p95, process_tree  # noqa: E402
from tests.e2e.harness import CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from workshop.services import contributions  # noqa: E402


def measure(sessions: int, gc_after_run: bool, *, organisations: int, writes: int, idle_seconds: float, warm: bool, rich: bool = False) -> dict:
    """One server, ``sessions`` open projectors; ``rich`` fills the process as a real one (see :func:`benchmarks.populate.populate`)."""
    from playwright.sync_api import sync_playwright

    workdir, url, store = bench_database("pb-sessions-")
    process = populate(store, synthetic_snapshot(organisations), rich=rich)

    os.environ["STREAMLIT_RUNNER_POST_SCRIPT_GC"] = "true" if gc_after_run else "false"
    server = StreamlitServer(url, workdir).start()
    result: dict = {"sessions": sessions, "gc_after_run": gc_after_run}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS
            )
            if warm:
                # As in a real meeting: a coordinator has opened the network pages, so the server
                # holds the analysis in its caches (every object a full collection walks).
                coordinator = browser.new_context()
                coordinator.add_cookies([{"name": "pb_staff", "value": process.coordinator_token, "url": server.url, "sameSite": "Strict"}])
                page = coordinator.new_page()
                for path in ("/karta", "/konstellationer", "/insikter"):
                    page.goto(server.url + path)
                    page.get_by_test_id("stMain").wait_for(timeout=180_000)
                    page.wait_for_timeout(1000)
                    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=180_000)
                coordinator.close()
            context = browser.new_context(viewport={"width": 1280, "height": 720})
            context.add_cookies([{"name": "pb_staff", "value": process.facilitator_token, "url": server.url, "sameSite": "Strict"}])
            pages = []
            started = time.monotonic()
            for _ in range(sessions):
                page = context.new_page()
                page.goto(server.url + "/projektor", wait_until="commit")
                pages.append(page)
            for page in pages:
                page.locator(".pb-counters").wait_for(timeout=180_000)
                page.evaluate(WATCH_COUNTER)
            result["all_loaded_s"] = time.monotonic() - started
            tree = process_tree(server.process.pid)
            time.sleep(3)  # let the first full renders settle
            before, t0 = cpu_seconds(tree), time.monotonic()
            time.sleep(idle_seconds)
            result["idle_cores"] = (cpu_seconds(tree) - before) / (time.monotonic() - t0)
            result["rss_mb"] = sum(p.memory_info().rss for p in process_tree(server.process.pid)) / 2**20

            def add(title: str) -> None:
                contributions.add_idea(store, process.participant_token, title=title, description="Ny idé under mätningen.")

            latencies = new_input_latencies(add, pages, writes, gap=2.5, label="Mätidé", timeout=15)
            finite = sorted(latencies)
            result["latency_p50_s"] = statistics.median(finite)
            result["latency_p95_s"] = p95(finite)
            result["latency_max_s"] = finite[-1]
            browser.close()
    finally:
        server.stop()
        store.engine.dispose()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30")
    parser.add_argument("--gc", choices=["on", "off", "both"], default="both")
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--writes", type=int, default=6)
    parser.add_argument("--idle-seconds", type=float, default=20)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--cold", action="store_true", help="do not open the network pages first")
    args = parser.parse_args()
    settings = {"on": [True], "off": [False], "both": [True, False]}[args.gc]
    rows = []
    for gc_after_run in settings:
        for sessions in (int(s) for s in args.sessions.split(",")):
            load = os.getloadavg()[0]
            row = measure(sessions, gc_after_run, organisations=args.organisations, writes=args.writes, idle_seconds=args.idle_seconds, warm=not args.cold)
            row["load_before"] = load
            rows.append(row)
            print(row, flush=True)
    if args.markdown:
        print("\n| GC after each run | open projectors | all loaded (s) | idle server CPU (cores) | memory (MB) | new idea on every projector p50 / p95 / max (s) | load average before |")
        print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
        for r in rows:
            print(
                f"| {'on' if r['gc_after_run'] else 'off'} | {r['sessions']} | {r['all_loaded_s']:.1f} | {r['idle_cores']:.2f} | {r['rss_mb']:.0f} | "
                f"{r['latency_p50_s']:.2f} / {r['latency_p95_s']:.2f} / {r['latency_max_s']:.2f} | {r['load_before']:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
