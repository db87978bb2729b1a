"""A new server's first analysis: read from the one another server stored, or computed.

Fills a PostgreSQL database with a synthetic process (:func:`benchmarks.populate.populate`),
lets one "server" (its own engine) compute and store the analysis, then times what a
server started afterwards does on its first network page (:meth:`SharedAnalysis.newest`:
read and unpickle) next to computing it from nothing, and counts the computations when
three servers ask for each revision of a burst of writes.

It also takes the first read apart: the same stored payload read in a warm process with
the collector as before (full collections deferred) and as now (paused), alternately; and in
a new process, as a new server's first network page pays it: cold (the analysis libraries'
imports, the query, the unpickling, all on that page's run) against after the start-up read
(:mod:`workshop.services.warmup`, begun by the server's first request of any page).

Run it with ``python -m benchmarks.shared_analysis --db postgresql+psycopg://… --sizes 300,1000
[--write-docs]``; the database is emptied first.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import select, text

from workshop.db import create_store
from workshop.docsections import write_section
from workshop.gcpolicy import collections_paused, full_collections_deferred
from workshop.models import Base, StoredAnalysis
from workshop.services import analysis, workshops
from workshop.services.reference import ensure_reference_data
from workshop.services.revisions import touch
from workshop.services.shared_analysis import SharedAnalysis

from .populate import populate
from .synthetic import synthetic_snapshot

__all__ = ["measure", "render"]

HERE = Path(__file__).resolve().parent.parent

# A new server process: its first network page's read, cold or after the start-up read.
_NEW_SERVER = r"""
import json, sys, time
started = time.perf_counter()
from workshop.db import create_store
store = create_store(sys.argv[1], upgrade=False)
if sys.argv[2] == "warm-up":
    from workshop.services.warmup import warm_up
    warm_up(store).join()  # the server's first request of another page started it; it has finished
    warmed = time.perf_counter() - started
else:
    warmed = None
asked = time.perf_counter()
from workshop.services.shared_analysis import SharedAnalysis
found = SharedAnalysis(store, None).newest()
print(json.dumps({"page_s": time.perf_counter() - asked, "warm_up_s": warmed, "found": found is not None}))
"""


def _new_server(url: str, mode: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _NEW_SERVER, url, mode], cwd=HERE, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _first_reads(store, url: str, rounds: int = 3) -> dict:
    """The stored payload read in a warm process, collector as before and as now; then new processes."""
    def read(policy) -> float:
        started = time.perf_counter()
        with store.unit_of_work() as session:
            payload = session.scalar(select(StoredAnalysis.payload).order_by(StoredAnalysis.revision.desc()).limit(1))
        with policy():
            pickle.loads(payload)
        return time.perf_counter() - started

    times: dict[str, list[float]] = {"deferred": [], "paused": [], "cold": [], "warm_up": [], "after_warm_up": []}
    for _ in range(rounds):
        times["deferred"].append(read(full_collections_deferred))
        times["paused"].append(read(collections_paused))
    for _ in range(rounds):
        times["cold"].append(_new_server(url, "cold")["page_s"])
        warmed = _new_server(url, "warm-up")
        times["warm_up"].append(warmed["warm_up_s"])
        times["after_warm_up"].append(warmed["page_s"])
    with store.unit_of_work() as session:
        size = len(session.scalar(select(StoredAnalysis.payload).order_by(StoredAnalysis.revision.desc()).limit(1)))
    return {"payload_mb": size / 2**20, **{name: sorted(values) for name, values in times.items()}}


def _refresh(snapshot, revision, previous):
    return analysis.refresh(snapshot, previous, revision=revision)


def _empty(store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(t.name for t in Base.metadata.sorted_tables)} RESTART IDENTITY CASCADE"))
        connection.execute(text("INSERT INTO process_state (id, revision) VALUES (1, 0)"))
        # populate() gives its participants explicit ids, then adds one without: start that one above them.
        connection.execute(text("SELECT setval(pg_get_serial_sequence('participants', 'id'), 10000000)"))
    ensure_reference_data(store)


def measure(url: str, size: int, writes: int = 5) -> dict:
    """Figures for one size: compute and store, a new server's first read, and a burst on three servers."""
    first = create_store(url)
    _empty(first)
    populate(first, synthetic_snapshot(size))
    servers = [first, create_store(url, upgrade=False), create_store(url, upgrade=False)]
    try:
        computing = SharedAnalysis(first, _refresh)
        started = time.perf_counter()
        computing(workshops.process_revision(first), None)
        computed_s = time.perf_counter() - started
        newcomer = SharedAnalysis(servers[1], _refresh)
        started = time.perf_counter()
        found = newcomer.newest()
        read_s = time.perf_counter() - started
        reads = _first_reads(first, url)
        shared = [computing, newcomer, SharedAnalysis(servers[2], _refresh)]
        previous = [found, found, None]
        analysed: set[int] = set()
        before = sum(s.computed for s in shared)
        for _ in range(writes):
            with first.unit_of_work(write=True) as session:
                touch(session, None)
                session.commit()
            revision = workshops.process_revision(first)
            results: list = [None] * 3

            def ask(i: int) -> None:
                results[i] = shared[i](revision, previous[i])

            threads = [threading.Thread(target=ask, args=(i,)) for i in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            previous = results
            analysed |= {r.revision for r in results}
        return {"size": size, "computed_s": computed_s, "read_s": read_s, "found": found is not None,
                "computations": sum(s.computed for s in shared) - before, "revisions": len(analysed), "writes": writes,
                "reads": reads, "load": os.getloadavg()[0]}
    finally:
        for store in servers:
            store.engine.dispose()


def render(rows: list[dict]) -> str:
    lines = [
        "## One analysis for all servers (issue 25)",
        "",
        "`python -m benchmarks.shared_analysis`: PostgreSQL 15, a synthetic process; one server computes and",
        "stores the analysis, a server started afterwards reads it on its first network page",
        "(`SharedAnalysis.newest`: one query and the unpickling), then three servers each ask for every",
        "revision of a burst of writes (a change no wall shows, so each is a new revision).",
        "",
        "| organisations | computed from nothing, s | a new server's first read, s | burst: revisions analysed | analyses computed by 3 servers |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(f"| {r['size']} | {r['computed_s']:.2f} | {r['read_s']:.2f} | {r['revisions']} | {r['computations']} |")
    lines += [
        "",
        "**A new server's first network page**, taken apart (runs sorted; *warm process*: the query and the",
        "unpickling alone, the collector as before and as now, alternately; *new process*: a fresh Python",
        "process, as a new server, reading on its first network page: *cold* pays the analysis libraries'",
        "imports, the query and the unpickling on that page's run; *after the start-up read* the server's",
        "first request of any page has started `workshop/services/warmup.py`, which has finished).",
        "",
        "| organisations | payload MB | warm process: before (full collections deferred), s | warm process: now (collector paused), s "
        "| new process: cold first page, s | new process: the start-up read takes, s | new process: first page after it, s | load average |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        x = r["reads"]

        def runs(values):
            return ", ".join(f"{v:.2f}" for v in values)

        lines.append(
            f"| {r['size']} | {x['payload_mb']:.1f} | {runs(x['deferred'])} | {runs(x['paused'])} | {runs(x['cold'])} | "
            f"{runs(x['warm_up'])} | {runs(x['after_warm_up'])} | {r['load']:.1f} |"
        )
    return "\n".join(lines + [""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL URL; the database is emptied")
    parser.add_argument("--sizes", default="300", help="organisations, comma-separated")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    rows = [measure(args.db, int(size)) for size in args.sizes.split(",")]
    section = render(rows)
    print(section)
    if args.write_docs:
        write_section(HERE / "docs" / "benchmarks.md", "shared-analysis", section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
