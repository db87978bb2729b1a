"""Several Streamlit servers behind one nginx, on one PostgreSQL: writers, walls and CPU.

``python -m workshop bench --only multi-server --postgres URL`` (the database is emptied).
For 1, 2 and 3 servers in turn it starts the servers (``streamlit run app.py``, each its
own process), one nginx in front of them with the configuration of ``docs/deployment.md``
(:func:`workshop.deployment.nginx_site`, run as a foreground child from a temporary
folder, no system service), and opens walls (the projector page) in headless Chromium
through nginx, spread evenly over the servers by their routing cookie. Then, at once:

- **writers** spread over the servers: one writer process per server (as each server's
  sessions would write; each its own engine and workshop), the threads split between
  them, each joining once and adding ideas as fast as it is answered, through the services
  as the load test does;
- **new input on the walls**: an idea is added to the walls' workshop every few seconds
  and every wall stamps, with the same clock, when its counter shows it.

The servers' CPU (every process of theirs, psutil) is measured while the walls stand idle
and while the writers write. Second, on one server behind the same nginx, 30 walls with
PostgreSQL's change notifications against 30 walls polling
(``PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS=0``), alternately, side by side in one run.

nginx must be installed (Debian: ``apt-get install nginx-light``); Chromium is
``$PROJEKTBEREDSKAP_CHROMIUM`` or /usr/bin/chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil
from sqlalchemy import text

from tests.e2e.harness import CHROMIUM_ARGS, StreamlitServer, free_port
from workshop.db import create_store
from workshop.deployment import nginx_site
from workshop.models import Base
from workshop.services import contributions
from workshop.services.reference import ensure_reference_data

from .populate import populate
from .synthetic import synthetic_snapshot
from .walls import WATCH_COUNTER, cpu_seconds, new_input_latencies, p95, process_tree

__all__ = ["NginxMissing", "nginx_binary", "proxy_config", "render", "run"]

ROOT = Path(__file__).resolve().parents[1]

# What the benchmark adds around the site: its own pid, logs and temporary files, and a log
# line per request naming the server that answered (to spread the walls evenly).
_MAIN = """worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format pb_route '$cookie_pb_server $upstream_addr $uri';
    access_log {folder}/access.log pb_route;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/projektberedskap.conf;
}}
"""

# One writer process: its own engine and workshop; says ready, waits for "go", writes for argv[3] s.
_WRITER = r"""
import datetime as dt, json, sys, threading, time
from workshop.db import Store, make_engine
from workshop.services import contributions, participants, workshops
from workshop.services.access import SYSTEM
from sqlalchemy.engine import make_url
# Named, so the bench can see in pg_stat_activity whether writers wait for each other's locks.
store = Store(make_engine(make_url(sys.argv[1]).update_query_dict({"application_name": "pb-writer-" + sys.argv[4]}).render_as_string(hide_password=False)))
wid = workshops.create_workshop(store, SYSTEM, title="Skrivare", challenge="Skriver flera servrar mer?", date=dt.date.today(), locality="Ramsberg").workshop_id
threads_count, seconds = int(sys.argv[2]), float(sys.argv[3])
tokens = [participants.join_workshop(store, wid, name=f"Skrivare {wid} nr {n}").token for n in range(threads_count)]
print("ready", flush=True)
sys.stdin.readline()
started = time.time()
end = started + seconds
latencies, errors = [], []
def writer(token):
    n = 0
    while time.time() < end:
        t0 = time.perf_counter()
        try:
            contributions.add_idea(store, token, title=f"Skrividé {n}", description="Under mätning")
        except Exception as error:
            errors.append(repr(error))
        latencies.append(time.perf_counter() - t0)
        n += 1
threads = [threading.Thread(target=writer, args=(token,)) for token in tokens]
for t in threads: t.start()
for t in threads: t.join()
ended = time.time()
store.engine.dispose()
print(json.dumps({"started": started, "ended": ended, "latencies": latencies, "errors": errors[:5], "error_count": len(errors)}), flush=True)
"""


class NginxMissing(RuntimeError):
    """No nginx to run: the benchmark cannot stand for a real deployment without it."""


def nginx_binary() -> str:
    """The nginx to run (``$PATH``, then /usr/sbin), or :class:`NginxMissing`."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None)
    if found is None:
        raise NginxMissing("nginx saknas: installera det (Debian: apt-get install nginx-light) och kör igen")
    return found


def proxy_config(folder: Path, backends: list[str], port: int) -> Path:
    """Write the benchmark's nginx.conf (around the deployment's site) into ``folder``; its path."""
    (folder / "projektberedskap.conf").write_text(nginx_site(backends, listen=f"127.0.0.1:{port}"))
    conf = folder / "nginx.conf"
    conf.write_text(_MAIN.format(folder=folder))
    return conf


@contextmanager
def _nginx(folder: Path, backends: list[str], port: int):
    conf = proxy_config(folder, backends, port)
    child = subprocess.Popen([nginx_binary(), "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf), "-g", "daemon off;"], start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if child.poll() is not None:
                raise RuntimeError(f"nginx stopped: {(folder / 'error.log').read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=10)


def _routes(url: str, folder: Path, backends: list[str], count: int) -> list[str]:
    """``count`` routing-cookie values, as evenly over ``backends`` as the hash allows (asked of nginx)."""
    log = folder / "access.log"
    per_server = {b: [] for b in backends}
    want = -(-count // len(backends))
    for n in range(count * 20):
        value = f"wall-{n}"
        request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"pb_server={value}"})
        with urllib.request.urlopen(request, timeout=5):
            pass
        line = log.read_text().splitlines()[-1].split()
        if line[0] == value and len(per_server[line[1]]) < want:
            per_server[line[1]].append(value)
        if sum(len(v) for v in per_server.values()) >= count:
            break
    chosen = [v for values in zip(*per_server.values()) for v in values]  # round robin over the servers
    rest = [v for values in per_server.values() for v in values if v not in chosen]
    return (chosen + rest)[:count]


def _server_processes(servers):
    return [p for server in servers for p in process_tree(server.process.pid)]


def _empty(store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(t.name for t in Base.metadata.sorted_tables)} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO process_state (id, revision) VALUES (1, 0)"))
        connection.execute(text("SELECT setval(pg_get_serial_sequence('participants', 'id'), 10000000)"))
    ensure_reference_data(store)


def _open_walls(browser, url: str, token: str, routes: list[str]):
    pages = []
    for route in routes:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        context.add_cookies([
            {"name": "pb_staff", "value": token, "url": url, "sameSite": "Strict"},
            {"name": "pb_server", "value": route, "url": url, "sameSite": "Lax"},
        ])
        page = context.new_page()
        page.goto(url + "/projektor", wait_until="commit", timeout=300_000)  # 30 walls on a loaded machine
        pages.append(page)
    for page in pages:
        page.locator(".pb-counters").wait_for(timeout=240_000)
        page.evaluate(WATCH_COUNTER)
    return pages


def _probe(store, process, pages, writes: int, gap: float, label: str) -> list[float]:
    """Add ``writes`` ideas to the walls' workshop; each wall's delay until its counter shows each."""
    def add(title: str) -> None:
        contributions.add_idea(store, process.participant_token, title=title, description="Ny idé under mätningen.")

    return new_input_latencies(add, pages, writes, gap, label, timeout=20)


# Every writer backend's state, sampled while the writers write: active; waiting for a lock (a
# row lock shows as wait_event_type 'Lock'); and waiting for a lock held by ANOTHER writer process
# (application_name "pb-writer-<process>"), each process writing its own workshop: what a row
# every write must update, whatever its workshop, causes. Writers of one workshop queue on its
# revision by design (a room's phones write one wall).
_WRITER_WAITS = text(
    "SELECT count(*) FILTER (WHERE a.state = 'active'), "
    "count(*) FILTER (WHERE a.state = 'active' AND a.wait_event_type = 'Lock'), "
    "count(*) FILTER (WHERE a.state = 'active' AND a.wait_event_type = 'Lock' AND EXISTS ("
    "  SELECT 1 FROM pg_stat_activity b WHERE b.pid = ANY (pg_blocking_pids(a.pid)) AND b.application_name <> a.application_name)) "
    "FROM pg_stat_activity a WHERE a.application_name LIKE 'pb-writer-%'"
)


@contextmanager
def _lock_waits(store, every: float = 0.05):
    """Sample the writers' backends until the block ends.

    The dict yielded gets sample counts: ``active`` backends, ``waiting`` for any lock, and
    ``across`` waiting for a lock another writer process holds. Throughput alone cannot show a
    hot row on two cores the writers already fill; a row every writer must lock shows as
    writers of different workshops waiting for each other, whatever the CPU.
    """
    import threading  # lazy: only the write phase samples

    counts = {"active": 0, "waiting": 0, "across": 0}
    stop = threading.Event()

    def sample():
        with store.engine.connect() as connection:
            while not stop.is_set():
                active, waiting, across = connection.execute(_WRITER_WAITS).one()
                counts["active"] += active
                counts["waiting"] += waiting
                counts["across"] += across
                connection.rollback()  # a fresh snapshot of pg_stat_activity each time
                stop.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield counts
    finally:
        stop.set()
        sampler.join()


def _start_writers(url: str, processes: int, threads: int, seconds: float):
    split = [threads // processes + (1 if i < threads % processes else 0) for i in range(processes)]
    children = [
        subprocess.Popen([sys.executable, "-c", _WRITER, url, str(n), str(seconds), str(index)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for index, n in enumerate(split)
    ]
    for child in children:
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("a writer process did not start")
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    return children


def _finish_writers(children) -> dict:
    results = [json.loads(child.communicate(timeout=600)[0].strip().splitlines()[-1]) for child in children]
    seconds = max(r["ended"] for r in results) - min(r["started"] for r in results)
    latencies = [x for r in results for x in r["latencies"]]
    return {"writes_per_s": len(latencies) / seconds, "write_p95_s": p95(latencies), "write_errors": sum(r["error_count"] for r in results)}


def _servers(stack: ExitStack, url: str, folder: Path, count: int, env: dict[str, str]) -> list[StreamlitServer]:
    servers = [StreamlitServer(url, folder, name=f"server{i}", env=env) for i in range(count)]
    for server in servers:
        stack.callback(server.stop)
    for server in servers:
        server.start(timeout=120)
    return servers


def _layout(browser, url: str, process, store, count: int, *, walls: int, writer_threads: int, seconds: float, probes: int, idle_seconds: float, notify: bool) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"pb-multi-{count}-"))
    port = free_port()
    env = {"PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS": "1" if notify else "0", "PROJEKTBEREDSKAP_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    with ExitStack() as stack:
        servers = _servers(stack, url, folder, count, env)
        backends = [f"127.0.0.1:{s.port}" for s in servers]
        proxy = stack.enter_context(_nginx(folder, backends, port))
        routes = _routes(proxy, folder, backends, walls)
        started = time.monotonic()
        pages = _open_walls(browser, proxy, process.facilitator_token, routes)
        loaded = time.monotonic() - started
        tree = _server_processes(servers)
        time.sleep(3)  # the first full renders settle
        before, t0 = cpu_seconds(tree), time.monotonic()
        time.sleep(idle_seconds)
        idle = (cpu_seconds(tree) - before) / (time.monotonic() - t0)
        row = {"servers": count, "walls": walls, "notify": notify, "walls_loaded_s": loaded, "idle_cores": idle, "load_before": os.getloadavg()[0]}
        if writer_threads:
            children = _start_writers(url, count, writer_threads, seconds)
            before, t0 = cpu_seconds(tree), time.monotonic()
            psutil.cpu_percent()  # from here
            with _lock_waits(store) as waits:
                latencies = _probe(store, process, pages, probes, max(0.5, seconds / probes - 1), f"Mätidé {count}")
                row.update(_finish_writers(children))
            row["machine_busy"] = psutil.cpu_percent() / 100
            row["lock_wait_share"] = waits["waiting"] / max(1, waits["active"])
            row["cross_wait_share"] = waits["across"] / max(1, waits["active"])
            row["writer_samples"] = waits["active"]
            row["busy_cores"] = (cpu_seconds(tree) - before) / (time.monotonic() - t0)
        else:
            latencies = _probe(store, process, pages, probes, 2.0, f"Väggidé {'notify' if notify else 'poll'}")
        row.update(wall_p50_s=statistics.median(latencies), wall_p95_s=p95(latencies), wall_max_s=max(latencies), samples=len(latencies))
        for page in pages:
            page.context.close()
    shutil.rmtree(folder, ignore_errors=True)
    return row


def _attempt(measure, **identity) -> dict:
    """One measurement's row; one that failed (a page that never loaded) is a row saying so, and the run goes on."""
    try:
        row = measure()
    except Exception as error:  # reported in the table: the rest of the run still counts
        row = {**identity, "failed": f"{type(error).__name__}: {str(error).splitlines()[0][:120]}", "load_before": os.getloadavg()[0]}
    print(row, flush=True)
    return row


def run(url: str, *, servers=(1, 2, 3), organisations: int = 100, walls: int = 6, writer_threads: int = 12, seconds: float = 20, probes: int = 8,
        idle_seconds: float = 10, notify_walls: int = 30, notify_rounds: int = 1) -> dict:
    """Every layout of ``servers`` with writers and walls; then ``notify_walls`` walls with and without notifications."""
    from playwright.sync_api import sync_playwright

    nginx_binary()  # refuse before anything starts
    store = create_store(url)
    _empty(store)
    process = populate(store, synthetic_snapshot(organisations))
    result: dict = {"organisations": organisations, "layouts": [], "walls": [], "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS)
            for count in servers:
                row = _attempt(lambda: _layout(browser, url, process, store, count, walls=walls, writer_threads=writer_threads, seconds=seconds,
                                               probes=probes, idle_seconds=idle_seconds, notify=True), servers=count, walls=walls, notify=True)
                result["layouts"].append(row)
            for _ in range(notify_rounds):
                for notify in (True, False):
                    if notify_walls:
                        row = _attempt(lambda: _layout(browser, url, process, store, 1, walls=notify_walls, writer_threads=0, seconds=0, probes=probes,
                                                       idle_seconds=idle_seconds * 2, notify=notify), servers=1, walls=notify_walls, notify=notify)
                        result["walls"].append(row)
            browser.close()
    finally:
        store.engine.dispose()
    result["ended"] = time.strftime("%H:%M UTC", time.gmtime())
    return result


def _share(row: dict, key: str) -> str:
    return f"{row[key]:.0%}" if key in row else "–"


def render(result: dict) -> str:
    """The section ``multi-server`` of docs/benchmarks.md."""
    failed = [r for r in result["layouts"] + result["walls"] if "failed" in r]
    layouts = [r for r in result["layouts"] if "failed" not in r]
    base = layouts[0] if layouts else None
    lines = [
        "## Several servers behind nginx (issue 25)",
        "",
        f"`python -m workshop bench --only multi-server --postgres URL` ({result['started']}–{result['ended']}): PostgreSQL 15",
        f"(`fsync` off), {result['organisations']} organisations, N Streamlit servers behind one nginx with the configuration of",
        "[deployment.md](deployment.md#flera-servrar) (sticky sessions on a cookie, websockets upgraded). Walls: the projector page in",
        "headless Chromium through nginx, spread evenly over the servers. Writers: one writer process per server through the",
        "services (as the load test), the threads split between them, each adding ideas as fast as it is answered. New input on",
        "the walls: an idea added to the walls' workshop every few seconds during the writing, each wall's delay until its counter",
        "shows it. CPU: every process of the servers (not the writers, nginx or Chromium, which share the same 2 cores).",
        "",
    ]
    if layouts:
        lines += [
            "| servers | walls | writes/s | × 1 server | p95 write (s) | writers waiting: any lock / another process's | machine CPU busy | new input on the walls p50 / p95 (s) | server CPU idle (cores) | server CPU writing (cores) | load average |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
        ]
        for r in layouts:
            lines.append(
                f"| {r['servers']} | {r['walls']} | {r['writes_per_s']:.0f} | {r['writes_per_s'] / base['writes_per_s']:.2f}× | {r['write_p95_s']:.2f} | "
                f"{_share(r, 'lock_wait_share')} / {_share(r, 'cross_wait_share')} | {_share(r, 'machine_busy')} | "
                f"{r['wall_p50_s']:.2f} / {r['wall_p95_s']:.2f} | {r['idle_cores']:.2f} | {r['busy_cores']:.2f} | {r['load_before']:.1f} |"
            )
        errors = sum(r.get("write_errors", 0) for r in layouts)
        lines += [
            "",
            f"Writes refused or failed: {errors}. *Writers waiting*: the share of the writers' active backends, sampled every 50 ms",
            "in `pg_stat_activity`, that waited for a lock; *another process's*: for a lock held by a writer of another process",
            "(each process writes its own workshop). A row every write must update, whatever its workshop, shows in that second",
            "figure whatever the CPU; writers of one workshop queue on its revision by design (one room, one wall). *Machine CPU",
            "busy*: both cores, everything on them, while the writers wrote. When the machine is full, more servers cannot write",
            "more: writes/s then measures the cores, not the design.",
            "",
        ]
    if any("failed" not in r for r in result["walls"]):
        lines += [
            "**Walls: change notifications against polling** (one server behind the same nginx, the two modes in turn; "
            "polling is `PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS=0`, as on SQLite). Target: new input at p95 ≤ 1.2 s, "
            "no more CPU per idle wall.",
            "",
            "| mode | walls | all loaded (s) | new input p50 / p95 / max (s) | samples | idle server CPU (cores) | per wall (cores) | load average |",
            "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
        ]
        for r in (r for r in result["walls"] if "failed" not in r):
            lines.append(
                f"| {'notifications' if r['notify'] else 'polling'} | {r['walls']} | {r['walls_loaded_s']:.1f} | {r['wall_p50_s']:.2f} / {r['wall_p95_s']:.2f} / "
                f"{r['wall_max_s']:.2f} | {r['samples']} | {r['idle_cores']:.2f} | {r['idle_cores'] / r['walls']:.4f} | {r['load_before']:.1f} |"
            )
        lines.append("")
    for r in failed:
        mode = "" if r.get("notify", True) else ", polling"
        lines.append(f"Did not finish: {r['servers']} server(s), {r['walls']} walls{mode} (load average {r['load_before']:.1f}): {r['failed']}.")
    return "\n".join(lines + [""] if failed else lines)
