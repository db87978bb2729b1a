"""Every page as a user feels it: Chromium against a served app, next to a floor page.

Run by ``python -m workshop bench --browser`` in a process of its own (it drives
Playwright and serves Streamlit); prints one JSON object on its last line.

A synthetic process as rich as a real one (:func:`benchmarks.populate.populate` with
``rich``: descriptions, notes, votes, budgets, owners) in a SQLite file; ``streamlit run
app.py`` on it, and ``streamlit run benchmarks/floor_app.py`` (one cached query, one small
table) on the same file. A coordinator, a facilitator and a participant, each signed in
by the app's own cookie, open every page of their menu. For every page, round after round:

- *first visit*: a new tab opens the page's address (a new session: the whole app loads),
- *rerun*: the ``r`` key, Streamlit's own rerun of the page as it stands,
- *widget click*: the first widget outside a form that reruns the page, in this order: a
  tab not open, a radio option not chosen, a choice of a button group, a selectbox (the
  next option), a text field (a search for "skola"), a checkbox, a number's "+"; the
  widget is named in the result (none: the page has no such widget outside a form),
- *after a write*: a participant writes through the services (a note, an idea, a
  commitment or a tie, in turn), the shared 1 s revision cache is waited out, then ``r``.

Each time runs from the action to the browser's last change of the script-run state
(``performance.now()`` in the page, no polling interval counted). Then, through
:func:`benchmarks.sessions.measure`, server CPU and memory with 1, 10 and 30 open
projectors on the same kind of process.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages come from its root

from benchmarks.analysis_after_write import _write  # noqa: E402
from benchmarks.populate import bench_database, populate  # noqa: E402
from benchmarks.sessions import measure  # noqa: E402
from benchmarks.speed import machine_description  # noqa: E402
from benchmarks.synthetic import synthetic_snapshot  # noqa: E402
from tests.e2e.harness import CHROMIUM_ARGS, StreamlitServer  # noqa: E402
from tests.e2e.ui import IDLE_JS, STATE_COUNTER_JS  # noqa: E402
from workshop.errors import ServiceError  # noqa: E402
from workshop.i18n import Translator  # noqa: E402
from workshop.services import contributions  # noqa: E402

# (role, the page's catalog title key, its address), in the app's menu order; the floor is served on its own.
PAGES = (
    ("floor", None, ""),
    ("participant", "nav.start", "start"),
    ("participant", "nav.contribute", "bidra"),
    ("participant", "nav.wall", "vagg"),
    ("participant", "nav.mine", "mina"),
    ("participant", "nav.my_data", "mina-uppgifter"),
    ("facilitator", "nav.facilitate", "leda"),
    ("facilitator", "nav.projector", "projektor"),
    ("facilitator", "nav.moderate", "moderera"),
    ("facilitator", "nav.voting", "rostning"),
    ("facilitator", "leader.nav.card", "leader-kort"),
    ("coordinator", "nav.coordinator", "samordnare"),
    ("coordinator", "exchange.nav.import", "importera"),
    ("coordinator", "exchange.nav.export", "exportera"),
    ("coordinator", "nav.people", "personer"),
    ("coordinator", "leader.nav.rules", "leader-regler"),
    ("coordinator", "nav.map", "karta"),
    ("coordinator", "nav.constellations", "konstellationer"),
    ("coordinator", "nav.insights", "insikter"),
)
FLOOR = "floor (1 cached query, 1 small table)"
MEASURES = ("first_visit", "rerun", "click", "after_write")
WRITES = ("note about an idea", "new idea", "note about an organisation", "commitment", "tie")

# The first widget outside a form whose use reruns the page; marked for the click, and named.
_PICK_WIDGET = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return null;
    for (const old of document.querySelectorAll('[data-pb-click]')) old.removeAttribute('data-pb-click');
    const usable = (el) => el.offsetParent !== null && !el.closest('[data-testid="stForm"]');
    const pick = (el, what) => { el.setAttribute('data-pb-click', '1'); return what; };
    for (const tab of main.querySelectorAll('[role="tab"]'))
        if (tab.getAttribute('aria-selected') !== 'true' && usable(tab)) return pick(tab, 'tab');
    for (const label of main.querySelectorAll('[data-testid="stRadio"] label')) {
        const input = label.querySelector('input');
        if (input && !input.checked && !input.disabled && usable(label)) return pick(label, 'radio');
    }
    for (const button of main.querySelectorAll('[data-testid="stButtonGroup"] button'))
        if (button.getAttribute('aria-checked') !== 'true' && !button.disabled && usable(button)) return pick(button, 'choice');
    for (const box of main.querySelectorAll('[data-testid="stSelectbox"]'))
        if (usable(box) && !box.querySelector('input[disabled]')) return pick(box, 'selectbox');
    for (const box of main.querySelectorAll('[data-testid="stTextInput"]'))
        if (usable(box)) return pick(box, 'text field');
    for (const label of main.querySelectorAll('[data-testid="stCheckbox"] label'))
        if (usable(label)) return pick(label, 'checkbox');
    for (const up of main.querySelectorAll('[data-testid="stNumberInputStepUp"]'))
        if (usable(up) && !up.disabled) return pick(up, 'number');
    return null;
}"""
_WIDGET_TEXT = "() => { const el = document.querySelector('[data-pb-click]'); return el ? el.innerText.trim().split('\\n')[0].slice(0, 40) : ''; }"


def _timed(page, action, *, reaction_ms: float = 5_000, timeout_ms: float = 180_000) -> float | None:
    """Seconds from ``action`` to the page's last script-state change once idle; ``None`` if nothing reran."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # heavy: only when a browser is driven

    before, started = page.evaluate("() => [window.__pbStateChanges || 0, performance.now()]")
    action()
    try:
        page.wait_for_function("(n) => (window.__pbStateChanges || 0) > n", arg=before, timeout=reaction_ms, polling=10)
    except PlaywrightTimeoutError:
        return None
    page.wait_for_function(IDLE_JS, timeout=timeout_ms, polling=20)
    return (page.evaluate("() => window.__pbLastChange") - started) / 1000


def _first_visit(context, url: str):
    """A new tab opens ``url``; seconds from navigation start to the end of the first run."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    page.wait_for_function(IDLE_JS, timeout=180_000, polling=20)
    return page, page.evaluate("() => window.__pbLastChange") / 1000


def _rerun(page) -> float | None:
    def press_r():
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.keyboard.press("r")

    return _timed(page, press_r)


def _click(page) -> tuple[str | None, float | None]:
    kind = page.evaluate(_PICK_WIDGET)
    if kind is None:
        return None, None
    label = f"{kind} «{page.evaluate(_WIDGET_TEXT)}»"
    widget = page.locator("[data-pb-click]").first

    def use():
        if kind == "selectbox":  # open it, take the next option
            widget.locator("input").click()
            page.keyboard.press("ArrowDown")
            page.keyboard.press("Enter")
        elif kind == "text field":  # a search: type a word, Enter
            widget.locator("input").fill("skola")
            widget.locator("input").press("Enter")
        else:
            widget.click()

    return label, _timed(page, use)


def _spread(values: list[float]) -> dict:
    values = sorted(v for v in values if v is not None)
    if not values:
        return {"n": 0}
    p90 = values[max(0, math.ceil(0.9 * len(values)) - 1)]  # nearest rank
    return {"n": len(values), "median_s": statistics.median(values), "min_s": values[0], "max_s": values[-1], "p90_s": p90}


def measure_pages(organisations: int, rounds: int, only: set[str] | None = None) -> dict:
    from playwright.sync_api import sync_playwright  # heavy: only when a browser is driven

    workdir, url, store = bench_database("pb-browser-")
    snapshot = synthetic_snapshot(organisations)
    process = populate(store, snapshot, rich=True)
    own = snapshot.organisations[0].id
    mine = {c.idea_id for c in snapshot.commitments if c.organisation_id == own}
    ideas = sorted(i.id for i in snapshot.ideas if i.workshop_id == process.workshop_id and i.id not in mine)
    others = sorted(o.id for o in snapshot.organisations if o.id != own and o.kind != "private_person")
    step = 0

    def write() -> str:
        nonlocal step
        kind = WRITES[step % len(WRITES)]
        n = step // len(WRITES)
        step += 1
        try:
            _write(store, process.participant_token, kind, n % max(1, min(len(ideas), len(others))), ideas, others, own)
        except ServiceError:  # a commitment or tie made already on a small process: an idea instead
            contributions.add_idea(store, process.participant_token, title=f"Mätidé {step}", description="Ny idé under mätningen.")
            kind = "new idea"
        return kind

    app = StreamlitServer(url, workdir).start()
    floor = StreamlitServer(url, workdir, name="floor", entry="benchmarks/floor_app.py").start()
    cookies = {
        "participant": ("pb_participant", process.participant_token),
        "facilitator": ("pb_staff", process.facilitator_token),
        "coordinator": ("pb_staff", process.coordinator_token),
    }
    sv = Translator("sv")
    pages = [(role, sv(key) if key else FLOOR, path) for role, key, path in PAGES if not only or path in only or (not path and "floor" in only)]
    times = {title: {m: [] for m in MEASURES} for _, title, _ in pages}
    widgets: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    writes: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            contexts = {}
            for role in ("floor", *cookies):
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
                context.add_init_script(STATE_COUNTER_JS)
                if role in cookies:
                    name, value = cookies[role]
                    context.add_cookies([{"name": name, "value": value, "url": app.url, "sameSite": "Strict"}])
                contexts[role] = context
            for _ in range(rounds):
                for role, title, path in pages:
                    base = floor.url if role == "floor" else app.url
                    page, first = _first_visit(contexts[role], f"{base}/{path}")
                    row = times[title]
                    row["first_visit"].append(first)
                    row["rerun"].append(_rerun(page))
                    widget, clicked = _click(page)
                    widgets.setdefault(title, widget)
                    row["click"].append(clicked)
                    writes.append(write())
                    time.sleep(1.1)  # the revision is read through a shared 1 s cache
                    row["after_write"].append(_rerun(page))
                    shown = page.get_by_test_id("stException").all_inner_texts()
                    if shown:
                        errors.setdefault(title, shown[0][:200])
                    page.close()
            browser.close()
    finally:
        app.stop()
        floor.stop()
        store.engine.dispose()
    return {
        "organisations": len(snapshot.organisations),
        "ideas": len(snapshot.ideas),
        "rounds": rounds,
        "writes": writes,
        "pages": [
            {"role": role, "title": title, "path": path, "widget": widgets.get(title), **{m: _spread(times[title][m]) for m in MEASURES}}
            for role, title, path in pages
        ],
        "errors": errors,
    }


def python_speed_ms() -> float:
    """A fixed pure-Python loop (2 million squares summed), best of 3, in ms: this machine's speed as the server feels it."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sessions", default="1,10,30", help="open projectors to measure the server with; empty for none")
    parser.add_argument("--pages", default="", help="only these addresses (e.g. karta,vagg; floor for the floor)")
    parser.add_argument("--session-writes", type=int, default=6)
    parser.add_argument("--session-idle-seconds", type=float, default=20)
    args = parser.parse_args()

    result = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine_description(), "load_before": os.getloadavg(), "python_speed_ms": python_speed_ms()}
    result |= measure_pages(args.organisations, args.rounds, {p for p in args.pages.split(",") if p} or None)
    result["load_after_pages"] = os.getloadavg()
    result["sessions"] = []
    for sessions in (int(s) for s in args.sessions.split(",") if s.strip()):
        load = os.getloadavg()
        try:
            row = measure(sessions, False, organisations=args.organisations, writes=args.session_writes, idle_seconds=args.session_idle_seconds, warm=True, rich=True)
        except Exception as error:  # e.g. projectors that never loaded: the table says so
            row = {"sessions": sessions, "error": f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"}
        result["sessions"].append(row | {"load_before": load, "load_after": os.getloadavg()})
        print(json.dumps(result["sessions"][-1]), file=sys.stderr, flush=True)
    result["load_after"] = os.getloadavg()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
