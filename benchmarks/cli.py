"""What ``python -m workshop bench``, ``load`` and ``evaluate-fit`` run.

The product's command line (:mod:`workshop.cli.bench`) declares the arguments users know
and hands the parsed ones here, importing this package only when one of these commands is
asked for. Each function returns the command's exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workshop.cli import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, open_store
from workshop.docsections import write_section

from . import light, speed
from .exchange import render_exchange_markdown, run_exchange_benchmark
from .fit import honest, recall
from .load import run_load

__all__ = ["bench", "evaluate_fit", "load"]


def bench(args: argparse.Namespace) -> int:
    """``bench``: the analysis, the pages, the writers and the exchange (``--only exchange``: that alone; ``--browser``: Chromium)."""
    try:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    except ValueError:
        print("--sizes ska vara heltal åtskilda med komma, t.ex. 50,300,1000", file=sys.stderr)
        return EXIT_REFUSED
    if args.browser:
        return _browser(args)
    if args.only == "multi-server":
        return _multi_server(args)
    if args.only == "exchange":
        section = render_exchange_markdown(run_exchange_benchmark(tuple(s for s in sizes if s >= 300) or (300, 1000)))
        write_section(args.output, "exchange", section)
        print(section)
        return EXIT_OK
    results = speed.run_benchmarks(sizes=sizes, postgres_url=args.postgres, reruns=args.reruns)
    speed.write_report(args.output, results)
    print(speed.render_markdown(results))
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _multi_server(args: argparse.Namespace) -> int:
    # lazy: needs Playwright and psutil, which only this benchmark uses
    from . import multiserver

    try:
        servers = tuple(int(s) for s in args.servers.split(",") if s.strip())
    except ValueError:
        print("--servers ska vara heltal åtskilda med komma, t.ex. 1,2,3", file=sys.stderr)
        return EXIT_REFUSED
    if not args.postgres or not args.postgres.startswith("postgresql"):
        print("--only multi-server mäter flera servrar på en PostgreSQL-databas: ange den med --postgres (den töms)", file=sys.stderr)
        return EXIT_REFUSED
    if not servers or any(s < 1 for s in servers) or args.walls < 1 or args.writers < 1 or args.notify_walls < 0:
        print("--servers, --walls och --writers måste vara minst 1, --notify-walls minst 0", file=sys.stderr)
        return EXIT_REFUSED
    try:
        multiserver.nginx_binary()
    except multiserver.NginxMissing as missing:
        print(missing, file=sys.stderr)
        return EXIT_REFUSED
    chromium = os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        print(f"Ingen Chromium på {chromium}: ange sökvägen i $PROJEKTBEREDSKAP_CHROMIUM", file=sys.stderr)
        return EXIT_REFUSED
    result = multiserver.run(args.postgres, servers=servers, walls=args.walls, writer_threads=args.writers, notify_walls=args.notify_walls)
    section = multiserver.render(result)
    write_section(args.output, "multi-server", section)
    print(section)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _browser(args: argparse.Namespace) -> int:
    try:
        sessions = tuple(int(s) for s in args.sessions.split(",") if s.strip())
    except ValueError:
        print("--sessions ska vara heltal åtskilda med komma, t.ex. 1,10,30", file=sys.stderr)
        return EXIT_REFUSED
    if args.organisations < 10 or args.rounds < 1 or any(s < 1 for s in sessions):
        print("--organisations måste vara minst 10, --rounds och varje antal i --sessions minst 1", file=sys.stderr)
        return EXIT_REFUSED
    chromium = os.environ.get("PROJEKTBEREDSKAP_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        print(f"Ingen Chromium på {chromium}: ange sökvägen i $PROJEKTBEREDSKAP_CHROMIUM", file=sys.stderr)
        return EXIT_REFUSED
    if args.light:
        results = light.run(organisations=args.organisations, rounds=args.rounds, before=args.before, pages=args.pages)
        section = light.render(results)
        write_section(args.output, "light-pages", section)
        print(section)
        print(f"\nSkrivet till {args.output}")
        return EXIT_OK
    results = speed.run_browser_benchmark(
        organisations=args.organisations, rounds=args.rounds, sessions=sessions, session_writes=args.session_writes, session_idle_seconds=args.session_idle_seconds, pages=args.pages
    )
    section = speed.render_browser_section(results)
    write_section(args.output, "browser", section)
    print(section)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def load(args: argparse.Namespace) -> int:
    """``load``: many participants submitting at once through the services, then the database checked."""
    if args.participants < 1 or args.ideas < 0:
        print("--participants måste vara minst 1 och --ideas minst 0", file=sys.stderr)
        return EXIT_REFUSED
    store = open_store(args.db)
    try:
        report = run_load(store, participants_count=args.participants, ideas_each=args.ideas)
    finally:
        store.engine.dispose()
    print(report.summary())
    for error in report.unexpected_errors[:20]:
        print(f"  {error}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def evaluate_fit(args: argparse.Namespace) -> int:
    """``evaluate-fit``: held-out partners, hubs and speed (unless ``--honest-only``), then the honest evaluation."""
    if not args.honest_only:
        results = recall.run_fit_evaluation(database=args.db, speed=not args.no_speed)
        section = recall.render_fit_section(results)
        recall.write_section(Path(args.output), section)
        print(section)
    section = honest.render(honest.run())
    honest.write(Path(args.output), section)
    print(section)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK
