"""The network map in Chromium on a new analysis, at a size where it cannot draw everyone.

``PROJEKTBEREDSKAP_CHROMIUM=/usr/bin/chromium python benchmarks/map_browser.py [--organisations 3000] [--rounds 3]``

A synthetic process in SQLite, ``streamlit run app.py`` on it, a coordinator signed in in
Chromium. The insights page is opened first, so the analysis is computed there (and waited
for); then the map page is opened from the sidebar with cold map caches and timed until the app
is idle and the map's
canvas is drawn in its frame: the page's cost on a new analysis; then two more maps not drawn
before (coloured by group, sized by brokerage). Then searches by name, each timed the same
way. Prints one JSON object.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--search", default="förening,Turism,kommun", help="comma-separated names to search for, one per round")
    args = parser.parse_args()

    from playwright.sync_api import expect, sync_playwright

    from tests.e2e.harness import StreamlitServer
    from tests.e2e.ui import STATE_COUNTER_JS, Coordinator, act, go, main as main_area, sign_in_as_coordinator
    from benchmarks.populate import bench_database, populate
    from benchmarks.synthetic import synthetic_snapshot
    from workshop.services import coordinators

    workdir, url, store = bench_database("pb-map-browser-")
    started = time.perf_counter()
    populate(store, synthetic_snapshot(args.organisations))
    populate_s = time.perf_counter() - started
    coordinator = Coordinator("Kim Samordnare", coordinators.add_coordinator(store, "Kim Samordnare").key)

    server = StreamlitServer(url, workdir).start()
    load_before = os.getloadavg()[0]
    opened, searched, sizes = [], [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"))
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
            context.add_init_script(STATE_COUNTER_JS)
            page = context.new_page()
            page.set_default_timeout(600_000)
            sign_in_as_coordinator(page, server.url, coordinator)
            started = time.perf_counter()
            go(page, "Nätverksinsikter")  # the very first analysis, computed and waited for here
            analysis_s = time.perf_counter() - started

            def drawn() -> None:
                frame = page.frame_locator("iframe").first.frame_locator("iframe")
                expect(frame.locator("canvas").first).to_be_visible(timeout=600_000)

            # The first visit to the map on this analysis, then two more cold maps (another
            # colouring, another sizing: each a new selection and HTML), then searches.
            go(page, "Nätverksinsikter")
            started = time.perf_counter()
            go(page, "Nätverkskarta")
            drawn()
            opened.append(time.perf_counter() - started)
            for choice in ("Grupp", "Mäklarroll")[: max(0, args.rounds - 1)]:
                started = time.perf_counter()
                act(page, main_area(page).get_by_text(choice, exact=True).click)
                drawn()
                opened.append(time.perf_counter() - started)
            sizes.append(len(page.frame_locator("iframe").first.locator("iframe").get_attribute("srcdoc")))
            box = main_area(page).get_by_label("Sök organisation på kartan")
            for query in args.search.split(",")[: args.rounds]:
                box.fill(query)
                started = time.perf_counter()
                act(page, lambda: box.press("Enter"))
                drawn()
                searched.append(time.perf_counter() - started)
            sizes.append(len(page.frame_locator("iframe").first.locator("iframe").get_attribute("srcdoc")))
            not_drawn = main_area(page).get_by_text("visas inte; sök").count()
            browser.close()
    finally:
        server.stop()
    print(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                "organisations": args.organisations,
                "populate_s": populate_s,
                "first_analysis_s": analysis_s,
                "map_median_s": statistics.median(opened),
                "map_s": opened,
                "search_median_s": statistics.median(searched),
                "search_s": searched,
                "frame_chars": sizes,
                "says_not_drawn": bool(not_drawn),
                "load": (load_before, os.getloadavg()[0]),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
