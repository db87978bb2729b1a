"""The network pages in Chromium against a served app, right after a write.

``PROJEKTBEREDSKAP_CHROMIUM=/usr/bin/chromium python benchmarks/analysis_browser.py [--organisations 300] [--rounds 5]``

A synthetic process in SQLite, ``streamlit run app.py`` on it, a coordinator signed in in
Chromium. Each page is first opened once (the very first analysis). Then, round after
round, a participant writes (a note, an idea, a commitment or a tie, in turn, through the
services as the contribute page does), the script waits out the shared 1 s revision cache,
and follows the page's link in the sidebar, timed until the app is idle again (the same
``settle`` the browser tests use). Prints one JSON object with the medians and maxima.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = ("Nätverkskarta", "Konstellationer", "Nätverksinsikter")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from benchmarks.analysis_after_write import WRITES, _write
    from tests.e2e.harness import StreamlitServer
    from tests.e2e.ui import STATE_COUNTER_JS, Coordinator, go, sign_in_as_coordinator
    from benchmarks.populate import bench_database, populate
    from benchmarks.synthetic import synthetic_snapshot
    from workshop.services import coordinators

    workdir, url, store = bench_database("pb-browser-")
    snapshot = synthetic_snapshot(args.organisations)
    process = populate(store, snapshot)
    coordinator = Coordinator("Kim Samordnare", coordinators.add_coordinator(store, "Kim Samordnare").key)
    own = snapshot.organisations[0].id
    mine = {c.idea_id for c in snapshot.commitments if c.organisation_id == own}
    ideas = sorted(i.id for i in snapshot.ideas if i.workshop_id == process.workshop_id and i.id not in mine)
    others = sorted(o.id for o in snapshot.organisations if o.id != own and o.kind != "private_person")

    server = StreamlitServer(url, workdir).start()
    timings: dict[str, dict] = {title: {"first_s": None, "after_write_s": []} for title in PAGES}
    load_before = os.getloadavg()[0]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"))
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
            context.add_init_script(STATE_COUNTER_JS)  # so that settle() sees the rerun start and end
            page = context.new_page()
            sign_in_as_coordinator(page, server.url, coordinator)
            for title in PAGES:
                started = time.perf_counter()
                go(page, title)
                timings[title]["first_s"] = time.perf_counter() - started
            step = 0
            for _ in range(args.rounds):
                for title in PAGES:
                    _write(store, process.participant_token, WRITES[step % len(WRITES)], step, ideas, others, own)
                    step += 1
                    time.sleep(1.1)  # the revision is read through a shared 1 s cache
                    started = time.perf_counter()
                    go(page, title)
                    timings[title]["after_write_s"].append(time.perf_counter() - started)
            browser.close()
    finally:
        server.stop()
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "organisations": args.organisations,
        "load": (load_before, os.getloadavg()[0]),
        "pages": {
            title: {
                "first_s": row["first_s"],
                "after_write_median_s": statistics.median(row["after_write_s"]),
                "after_write_max_s": max(row["after_write_s"]),
                "rounds": len(row["after_write_s"]),
            }
            for title, row in timings.items()
        },
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
