"""A new server's first analysis: read from the one another server stored, or computed.

Fills a PostgreSQL database with a synthetic process (:func:`benchmarks.populate.populate`),
lets one "server" (its own engine) compute and store the analysis, then times what a
server started afterwards does on its first network page (:meth:`SharedAnalysis.newest`:
read and unpickle) next to computing it from nothing, and counts the computations when
three servers ask for each revision of a burst of writes.

Run it with ``python -m benchmarks.shared_analysis --db postgresql+psycopg://… --sizes 300,1000
[--write-docs]``; the database is emptied first.
"""

from __future__ import annotations

import argparse
import threading
import time
from pathlib import Path

from sqlalchemy import text

from workshop.db import create_store
from workshop.docsections import write_section
from workshop.models import Base
from workshop.services import analysis, workshops
from workshop.services.reference import ensure_reference_data
from workshop.services.revisions import touch
from workshop.services.shared_analysis import SharedAnalysis

from .populate import populate
from .synthetic import synthetic_snapshot

__all__ = ["measure", "render"]

HERE = Path(__file__).resolve().parent.parent


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
                "computations": sum(s.computed for s in shared) - before, "revisions": len(analysed), "writes": writes}
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
