"""Do more server processes write more? The load test in 1, 2 and 3 processes at once, before and after.

Issue 25: every write used to bump ``process_state`` row 1 and hold its lock until the
commit, so two server processes wrote no faster than one. This runs
:func:`benchmarks.load.run_load` in separate processes (each its own engine, its own
workshop, ``writers`` participants as threads), started together, for each layout
(1 × 15, 2 × 15, 3 × 10), and counts the confirmed submissions per second of all of
them together, from the first start to the last end. "Before" is the same load on an
older checkout of the code (``--before-code``, e.g. the main checkout) against its own
database, so both are measured side by side in one run, layout by layout, alternately.

Run it with::

    python -m benchmarks.writers --after postgresql+psycopg://…/db_a \\
        --before postgresql+psycopg://…/db_b --before-code /work/main --write-docs

Each run adds a workshop per process to the databases (they are not emptied).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from workshop.docsections import write_section

__all__ = ["LAYOUTS", "render", "run_layout", "run_scaling"]

LAYOUTS = ((1, 15), (2, 15), (3, 10))
HERE = Path(__file__).resolve().parent.parent
HOLD_MS = 50  # the lock-alone runs' wait between the bump and the commit

# One writer process: imports the code at argv[1], says it is ready, waits for "go", runs the load.
_WORKER = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from workshop.db import Store, make_engine
from benchmarks.load import run_load
store = Store(make_engine(sys.argv[2]))
store.ping()
print("ready", flush=True)
sys.stdin.readline()
started = time.time()
report = run_load(store, participants_count=int(sys.argv[3]))
ended = time.time()
store.engine.dispose()
print(json.dumps({"started": started, "ended": ended, "submissions": report.submissions, "p95_ms": report.p95_ms,
                  "errors": len(report.unexpected_errors), "lost": report.lost, "over_budget": report.over_budget}), flush=True)
"""

# The lock alone: each thread writes nothing but the code's own bump of its process's workshop,
# then waits HOLD_MS before committing (a slow commit: a busy disk, a database across the
# network; the test cluster runs without fsync), for ``seconds``. Little client CPU per
# second, so a busy machine does not hide whether the writers of different processes wait
# for each other: one workshop's writers take turns, at most 1000 / HOLD_MS commits a second.
_LOCK_WORKER = r"""
import datetime as dt, json, sys, threading, time
sys.path.insert(0, sys.argv[1])
from sqlalchemy import text
from workshop.db import Store, make_engine
from workshop.services import revisions, workshops
from workshop.services.access import SYSTEM
store = Store(make_engine(sys.argv[2]))
wid = workshops.create_workshop(store, SYSTEM, title="Låstest", challenge="Väntar skrivarna på varandra?", date=dt.date.today(), locality="Ramsberg").workshop_id
print("ready", flush=True)
sys.stdin.readline()
started = time.time()
end = started + float(sys.argv[4])
done = []
def writer():
    n = 0
    while time.time() < end:
        with store.unit_of_work(write=True) as session:
            revisions.touch(session, wid)
            session.execute(text("SELECT pg_sleep(%s)" % (float(sys.argv[5]) / 1000)))
            session.commit()
        n += 1
    done.append(n)
threads = [threading.Thread(target=writer) for _ in range(int(sys.argv[3]))]
for t in threads: t.start()
for t in threads: t.join()
ended = time.time()
store.engine.dispose()
print(json.dumps({"started": started, "ended": ended, "submissions": sum(done), "p95_ms": 0.0, "errors": 0, "lost": 0, "over_budget": 0}), flush=True)
"""


def _upgrade(code: Path, url: str) -> None:
    script = "import sys; sys.path.insert(0, sys.argv[1]); from workshop.db import create_store; create_store(sys.argv[2]).engine.dispose()"
    subprocess.run([sys.executable, "-c", script, str(code), url], check=True, cwd=code)


def run_layout(code: Path, url: str, processes: int, writers: int, *, lock_seconds: float | None = None) -> dict:
    """``processes`` writer processes of ``writers`` threads each on ``url``, started together
    (the load test, or with ``lock_seconds`` the lock alone for that long)."""
    worker = [_WORKER] if lock_seconds is None else [_LOCK_WORKER]
    extra = [] if lock_seconds is None else [str(lock_seconds), str(HOLD_MS)]
    children = [
        subprocess.Popen([sys.executable, "-c", *worker, str(code), url, str(writers), *extra], cwd=code, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    for child in children:  # every process has imported the code and reached the database
        if child.stdout.readline().strip() != "ready":
            raise RuntimeError("a writer process did not start")
    cpu_before = os.times()
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = []
    for child in children:
        out, _ = child.communicate(timeout=600)
        results.append(json.loads(out.strip().splitlines()[-1]))
    cpu_after = os.times()
    seconds = max(r["ended"] for r in results) - min(r["started"] for r in results)
    submissions = sum(r["submissions"] for r in results)
    child_cpu = (cpu_after.children_user + cpu_after.children_system) - (cpu_before.children_user + cpu_before.children_system)
    return {
        "processes": processes,
        "writers": writers,
        "submissions": submissions,
        "seconds": seconds,
        "per_second": submissions / seconds if seconds else 0.0,
        "p95_ms": max(r["p95_ms"] for r in results),
        "faults": sum(r["errors"] + r["lost"] + r["over_budget"] for r in results),
        "client_cpu": child_cpu / seconds if seconds else 0.0,
    }


def run_scaling(versions: dict[str, tuple[Path, str]], *, runs: int = 3, layouts=LAYOUTS, lock_seconds: float | None = None) -> dict:
    """Every layout on every version (``name -> (code, url)``), alternately, ``runs`` times; medians by throughput."""
    for code, url in versions.values():
        _upgrade(code, url)
    found: dict[tuple[str, int, int], list[dict]] = {}
    load = [os.getloadavg()[0]]
    for _ in range(runs):
        for processes, writers in layouts:
            for name, (code, url) in versions.items():
                found.setdefault((name, processes, writers), []).append(run_layout(code, url, processes, writers, lock_seconds=lock_seconds))
    load.append(os.getloadavg()[0])
    medians = {key: sorted(rows, key=lambda r: r["per_second"])[len(rows) // 2] for key, rows in found.items()}
    return {"medians": medians, "all": found, "load": load, "runs": runs, "layouts": layouts, "versions": list(versions), "lock_seconds": lock_seconds}


def _table(result: dict, unit: str) -> list[str]:
    versions, layouts, medians = result["versions"], result["layouts"], result["medians"]
    lines = [
        "| layout | " + " | ".join(f"{v}: {unit} | {v}: × 1×{layouts[0][1]} | {v}: p95 ms | {v}: client cores" for v in versions) + " |",
        "| --- |" + " --- | --- | --- | --- |" * len(versions),
    ]
    for processes, writers in layouts:
        cells = []
        for version in versions:
            row, base = medians[(version, processes, writers)], medians[(version, *layouts[0])]
            ratio = row["per_second"] / base["per_second"] if base["per_second"] else 0.0
            fault = f" ({row['faults']} faults)" if row["faults"] else ""
            p95 = f"{row['p95_ms']:.0f}" if row["p95_ms"] else "–"
            cells.append(f"{row['per_second']:.0f}{fault} | {ratio:.2f}× | {p95} | {row['client_cpu']:.2f}")
        lines.append(f"| {processes} × {writers} | " + " | ".join(cells) + " |")
    lines += ["", f"Every run ({unit}): " + "; ".join(
        f"{v} {p}×{w}: " + ", ".join(f"{r['per_second']:.0f}" for r in result["all"][(v, p, w)]) for p, w in layouts for v in versions
    ) + f". Load average {result['load'][0]:.1f} before the runs, {result['load'][1]:.1f} after (2 cores, shared).", ""]
    return lines


def render(load: dict, lock: dict | None = None) -> str:
    """The ``writers-scaling`` section of docs/benchmarks.md."""
    lines = [
        "## Writers in 1, 2 and 3 server processes (issue 25)",
        "",
        "`python -m benchmarks.writers`: writer processes started together, each with its own engine and its",
        "own workshop, on PostgreSQL 15 (this machine's test cluster: `fsync` off); the versions alternate",
        f"layout by layout, median of {load['runs']} runs. *Before*: the main checkout, where every write bumps",
        "`process_state` row 1 and holds it until its commit; *after*: this tree, where a write bumps its",
        "workshop's row and the process revision is derived (`workshop/services/revisions.py`).",
        "",
    ]
    if lock is not None:
        lines += [
            f"**The lock alone** ({lock['lock_seconds']:.0f} s per run): each thread does nothing but its version's",
            f"`touch` of its process's workshop, then waits {HOLD_MS} ms (a slow commit) before committing: one",
            f"row's writers take turns, at most {1000 // HOLD_MS} commits/s per row. Little client CPU, so the busy",
            "machine does not hide whether the processes wait for each other.",
            "",
            *_table(lock, "commits/s"),
        ]
    lines += [
        "**The load test** (`benchmarks/load.py`: join, 4 ideas, 2 notes, dots from two tabs; confirmed",
        "submissions per second of all processes together). Client-bound on this machine: the writer",
        "processes got the client cores shown, not the 1 core each they would use on a quiet one.",
        "",
        *_table(load, "subm./s"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--after", required=True, help="PostgreSQL URL for this tree's code")
    parser.add_argument("--before", help="PostgreSQL URL for the older code (its own database)")
    parser.add_argument("--before-code", type=Path, help="the older checkout, e.g. /work/main")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lock-seconds", type=float, default=5.0, help="length of each lock-alone run (0: skip them)")
    parser.add_argument("--write-docs", action="store_true", help="rewrite the writers-scaling section of docs/benchmarks.md")
    args = parser.parse_args(argv)
    versions = {}
    if args.before and args.before_code:
        versions["before"] = (args.before_code.resolve(), args.before)
    versions["after"] = (HERE, args.after)
    lock = run_scaling(versions, runs=args.runs, lock_seconds=args.lock_seconds) if args.lock_seconds > 0 else None
    result = run_scaling(versions, runs=args.runs)
    section = render(result, lock)
    print(section)
    if args.write_docs:
        write_section(HERE / "docs" / "benchmarks.md", "writers-scaling", section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
