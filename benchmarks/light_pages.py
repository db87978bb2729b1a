"""Light pages (issue 25): each page's rerun next to the floor, on a desktop and on a throttled phone.

Run by ``python -m workshop bench --browser --light`` in a process of its own (it drives
Playwright and serves Streamlit); prints one JSON object on its last line.

Three servers on one SQLite copy of a rich synthetic process (as ``benchmarks/browser.py``
builds it): the floor (``benchmarks/floor_app.py``: one cached query, one small table), the
app as it is, and, with ``--before REF``, the app as it was at git revision ``REF`` (taken
with ``git archive`` into a temporary folder and served the same way). Two views of each:
a desktop (1400×1000) and a phone (390×844, touch, Chromium's CPU throttled 4× through the
DevTools protocol ``Emulation.setCPUThrottlingRate``, as Lighthouse does for a mid-range
phone). Round after round, every page in every view and version is opened and rerun with
the ``r`` key; the floor is measured in the same round, so the ratios are side by side on a
machine shared with other work. Per page and view: the rerun's median seconds, its ratio to
the floor's in the same view, what the rerun sent (websocket bytes from the server) and
what the page holds once drawn (Streamlit elements and DOM nodes in the main area).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages come from its root

from benchmarks.analysis_after_write import _write  # noqa: E402
from benchmarks.browser import WRITES, _rerun  # noqa: E402
from benchmarks.light import PHONE_CPU_SLOWDOWN, VIEWS  # noqa: E402
from benchmarks.populate import bench_database, populate  # noqa: E402
from benchmarks.speed import machine_description  # noqa: E402
from benchmarks.synthetic import synthetic_snapshot  # noqa: E402
from tests.e2e.harness import CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from tests.e2e.ui import IDLE_JS, STATE_COUNTER_JS  # noqa: E402
from workshop.errors import ServiceError  # noqa: E402

# (role, address, name in the table): the participant's pages first, the projected wall, then staff pages.
PAGES = (
    ("participant", "start", "Gå med (start)"),
    ("participant", "bidra", "Bidra"),
    ("participant", "vagg", "Idéväggen"),
    ("participant", "mina", "Mina bidrag"),
    ("participant", "mina-uppgifter", "Mina uppgifter"),
    ("facilitator", "projektor", "Projektorvy"),
    ("facilitator", "leda", "Leda mötet"),
    ("facilitator", "moderera", "Moderera"),
    ("facilitator", "rostning", "Prickröstning"),
    ("coordinator", "samordnare", "Samordnare"),
    ("coordinator", "karta", "Nätverkskarta"),
    ("coordinator", "konstellationer", "Konstellationer"),
    ("coordinator", "insikter", "Insikter"),
)

# What the page holds once drawn: Streamlit's elements and every DOM node in the main area.
_COUNT_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return [0, 0, 0];
    return [main.querySelectorAll('[data-testid="stElementContainer"]').length, main.querySelectorAll('*').length, document.querySelectorAll('*').length];
}"""


def checkout(revision: str) -> Path:
    """The project as it was at ``revision``, unpacked from ``git archive`` into a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="pb-before-"))
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _open(context, url: str, throttle: float | None):
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    received = [0]
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))))
    page.goto(url, wait_until="commit")
    page.wait_for_function(IDLE_JS, timeout=300_000, polling=20)
    return page, received


def own_contributions(store, snapshot, process, each: int = 4) -> None:
    """The participant's own ideas, notes, commitments and contacts: *Mina bidrag* as someone active sees it."""
    own = snapshot.organisations[0].id
    ideas = sorted(i.id for i in snapshot.ideas if i.workshop_id == process.workshop_id)
    others = sorted(o.id for o in snapshot.organisations if o.id != own and o.kind != "private_person")
    for kind in WRITES:
        for n in range(each):
            try:
                _write(store, process.participant_token, kind, n, ideas, others, own)
            except ServiceError:  # already there on a small process: one fewer
                pass


def measure(organisations: int, rounds: int, before: str | None, only: set[str] | None) -> dict:
    from playwright.sync_api import sync_playwright  # heavy: only when a browser is driven

    workdir, url, store = bench_database("pb-light-")
    snapshot = synthetic_snapshot(organisations)
    process = populate(store, snapshot, rich=True)
    own_contributions(store, snapshot, process)
    store.engine.dispose()
    servers = {"floor": StreamlitServer(url, workdir, name="floor", entry="benchmarks/floor_app.py").start(), "after": StreamlitServer(url, workdir, name="after").start()}
    if before:
        servers["before"] = StreamlitServer(url, workdir, name="before", root=checkout(before)).start()
    versions = [v for v in ("before", "after") if v in servers]
    cookies = {"participant": ("pb_participant", process.participant_token), "facilitator": ("pb_staff", process.facilitator_token), "coordinator": ("pb_staff", process.coordinator_token)}
    pages = [p for p in PAGES if not only or p[1] in only]
    keys = [("floor", "", view) for view in VIEWS] + [(version, path, view) for _, path, _ in pages for version in versions for view in VIEWS]
    times: dict[tuple, list[float]] = {key: [] for key in keys}
    sent: dict[tuple, list[int]] = {key: [] for key in keys}
    counts: dict[tuple, tuple[int, int]] = {}
    errors: dict[str, str] = {}
    roles = {path: role for role, path, _ in pages}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            contexts = {}
            for view, options in VIEWS.items():
                for name, server in servers.items():
                    for role, (cookie, value) in cookies.items():
                        context = browser.new_context(locale="sv-SE", **options)
                        context.add_init_script(STATE_COUNTER_JS)
                        context.add_cookies([{"name": cookie, "value": value, "url": server.url, "sameSite": "Strict"}])
                        contexts[(name, role, view)] = context
            for _ in range(rounds):
                for version, path, view in keys:
                    role = roles.get(path, "participant")
                    throttle = PHONE_CPU_SLOWDOWN if view == "phone" else None
                    page, received = _open(contexts[(version, role, view)], f"{servers[version].url}/{path}", throttle)
                    for _ in range(2):  # two reruns a visit: the first after a load can carry its leftovers
                        received[0] = 0
                        seconds = _rerun(page)
                        if seconds is not None:
                            times[(version, path, view)].append(seconds)
                            sent[(version, path, view)].append(received[0])
                    counts[(version, path, view)] = tuple(page.evaluate(_COUNT_JS))
                    shown = page.get_by_test_id("stException").all_inner_texts()
                    if shown:
                        errors.setdefault(f"{version} {path}", shown[0][:200])
                    page.close()
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    rows = []
    for version, path, view in keys:
        values = times[(version, path, view)]
        elements, nodes, document_nodes = counts.get((version, path, view), (0, 0, 0))
        rows.append(
            {
                "version": version,
                "path": path,
                "view": view,
                "n": len(values),
                "median_s": statistics.median(values) if values else None,
                "sent_bytes": statistics.median(sent[(version, path, view)]) if sent[(version, path, view)] else None,
                "elements": elements,
                "dom_nodes": nodes,
                "document_nodes": document_nodes,
            }
        )
    return {
        "organisations": len(snapshot.organisations),
        "ideas": len(snapshot.ideas),
        "rounds": rounds,
        "before": before,
        "pages": [(role, path, name) for role, path, name in pages],
        "rows": rows,
        "errors": errors,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", default="", help="a git revision to serve beside this version (empty: none)")
    parser.add_argument("--pages", default="", help="only these addresses, comma-separated")
    args = parser.parse_args()
    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine_description(), "load_before": os.getloadavg()}
    result |= measure(args.organisations, args.rounds, args.before or None, {p for p in args.pages.split(",") if p} or None)
    result["load_after"] = os.getloadavg()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
