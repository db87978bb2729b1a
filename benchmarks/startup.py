"""Start-up: how long the start page takes to load after ``streamlit run``, first and later.

``.venv/bin/python -m benchmarks.startup [--loads 5] [--fresh]`` starts the app on a SQLite file that
already holds the demo (as a laptop that ran the app yesterday) or, with ``--fresh``, on an empty
one (the README's first run: the first page view loads the demo), opens the start page in
headless Chromium (``$PROJEKTBEREDSKAP_CHROMIUM``) and times each load until the app is idle.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.e2e.harness import CHROMIUM_ARGS, ROOT, free_port
from tests.e2e.ui import IDLE_JS, STATE_COUNTER_JS


def _prepared_database(folder: Path, *, fresh: bool = False) -> str:
    from workshop.db import create_store
    from workshop.demo import database_is_empty, load_demo
    from workshop.services.reference import ensure_reference_data

    url = f"sqlite:///{folder / 'app.sqlite3'}"
    if fresh:
        return url
    store = create_store(url)
    ensure_reference_data(store)
    if database_is_empty(store):
        load_demo(store)
    store.engine.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--fresh", action="store_true", help="start on an empty database: the first load loads the demo")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        url = _prepared_database(Path(folder), fresh=args.fresh)
        port = free_port()
        env = dict(os.environ, PROJEKTBEREDSKAP_DATABASE_URL=url, PROJEKTBEREDSKAP_LOAD_DEMO="1", PYTHONUNBUFFERED="1")
        command = [str(ROOT / ".venv/bin/python"), "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
                   "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                        break
                except OSError:
                    time.sleep(0.05)
            healthy = time.perf_counter() - started
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=os.environ["PROJEKTBEREDSKAP_CHROMIUM"], headless=True, args=CHROMIUM_ARGS)
                loads = []
                for _ in range(args.loads + 1):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})  # a new visitor each time
                    context.add_init_script(STATE_COUNTER_JS)
                    page = context.new_page()
                    begin = time.perf_counter()
                    page.goto(f"http://127.0.0.1:{port}/")
                    page.get_by_text("Gå med i en workshop").first.wait_for(timeout=60_000)
                    page.wait_for_function(IDLE_JS, timeout=60_000, polling=50)
                    loads.append(time.perf_counter() - begin)
                    context.close()
                browser.close()
        finally:
            os.killpg(server.pid, 15)
            server.wait(timeout=10)
    later = loads[1:]
    print(f"{'empty database (first load loads the demo)' if args.fresh else 'demo already loaded'}; load average {os.getloadavg()[0]:.1f}")
    print(f"server healthy after {healthy:.2f} s; first load {loads[0]:.2f} s; later loads median {statistics.median(later):.2f} s (min {min(later):.2f}, max {max(later):.2f})")


if __name__ == "__main__":
    main()
