"""Rerun time of every page through Streamlit's AppTest, on a synthetic process.

Run by ``python -m workshop bench`` in a process of its own (it imports Streamlit,
which ``workshop/`` never does); prints one JSON object. Each page is run once cold,
then ``--reruns`` more times with the caches warm; the median warm rerun is reported,
next to the floor: a bare page that runs one query and shows one table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages come from its root

from benchmarks.populate import populate  # noqa: E402
from benchmarks.synthetic import synthetic_snapshot  # noqa: E402
from workshop.db import create_store  # noqa: E402
from workshop.services import workshops  # noqa: E402
from workshop.services.reference import ensure_reference_data  # noqa: E402

PAGES = {
    "floor (1 query, 1 table)": (None, None),
    "start (joined)": ("pages/home.py", "participant"),
    "contribute": ("pages/contribute.py", "participant"),
    "idea wall": ("pages/wall.py", "participant"),
    "my contributions": ("pages/mine.py", "participant"),
    "projector": ("pages/projector.py", "facilitator"),
    "moderate": ("pages/moderate.py", "facilitator"),
    "dot voting": ("pages/voting_admin.py", "facilitator"),
    # The whole process's network, as the coordinator sees it (a facilitator sees one meeting's part).
    "network map": ("pages/network_map.py", "coordinator"),
    "constellations": ("pages/constellations.py", "coordinator"),
    "network insights": ("pages/insights.py", "coordinator"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="pb-bench-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["PROJEKTBEREDSKAP_DATABASE_URL"] = url
    os.environ["PROJEKTBEREDSKAP_LOAD_DEMO"] = "0"

    from streamlit.testing.v1 import AppTest


    store = create_store(url)
    ensure_reference_data(store)
    snapshot = synthetic_snapshot(args.organisations)
    process = populate(store, snapshot)
    tokens = {"participant": process.participant_token, "facilitator": process.facilitator_token, "coordinator": process.coordinator_token}

    results = {}
    for name, (path, role) in PAGES.items():
        # Every page is reached through its entry file's navigation, as in the browser.
        at = AppTest.from_file(str(ROOT / ("app.py" if path else "benchmarks/floor_app.py")), default_timeout=120)
        if role == "participant":
            at.session_state["participant_token"] = tokens[role]
        elif role:
            at.session_state["staff_token"] = tokens[role]
            at.session_state["coordinator_workshop"] = process.workshop_id
        at.run()
        start = time.perf_counter()
        if path:
            at.switch_page(path)
        at.run()
        cold = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"{name}: {at.exception[0].value}")
        warm = []
        for _ in range(args.reruns):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        results[name] = {"cold_s": cold, "rerun_s": statistics.median(warm)}

    # One projector tick with nothing new: the fragment's redraw, through AppTest (whose own
    # cost is included), and the revision read it makes at most once a second.
    tick_app = AppTest.from_file(str(ROOT / "benchmarks" / "tick_app.py"), default_timeout=60)
    tick_app.session_state["bench_workshop_id"] = process.workshop_id
    tick_app.run()
    redraws = []
    for _ in range(20):
        start = time.perf_counter()
        tick_app.run()
        redraws.append(time.perf_counter() - start)
    if tick_app.exception:
        raise SystemExit(f"tick: {tick_app.exception[0].value}")
    ticks = []
    for _ in range(200):
        start = time.perf_counter()
        workshops.workshop_revision(store, process.workshop_id)
        ticks.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "organisations": len(snapshot.organisations),
                "ideas": len(snapshot.ideas),
                "pages": results,
                "revision_query_ms": statistics.median(ticks) * 1000,
                "tick_ms": statistics.median(redraws) * 1000,
            }
        )
    )


if __name__ == "__main__":
    main()
