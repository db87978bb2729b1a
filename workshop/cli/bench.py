"""``bench`` and ``load``: the benchmarks and the load test."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..db import PROJECT_ROOT
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, Command, add_database_argument, open_store

__all__ = ["COMMANDS"]


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres", metavar="URL", help="mät också samtidiga skrivningar mot denna PostgreSQL-databas (den töms inte, en ny workshop skapas)")
    parser.add_argument("--sizes", default="50,300,1000", help="nätverksstorlekar att mäta, antal organisationer (standard 50,300,1000)")
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmarks.md"), help="vart resultatet skrivs (standard docs/benchmarks.md)")
    parser.add_argument("--reruns", type=int, default=5, help="varma omkörningar per sida (standard 5)")
    parser.add_argument("--only", choices=["exchange"], help="mät bara import, export och säkerhetskopior och byt bara det avsnittet i filen")
    browser = parser.add_argument_group("i webbläsaren (--browser)")
    browser.add_argument("--browser", action="store_true", help="mät varje sida i Chromium mot en körande app och servern med öppna projektorer; byt bara avsnittet browser i filen")
    browser.add_argument("--organisations", type=int, default=300, help="processens storlek i organisationer (standard 300)")
    browser.add_argument("--rounds", type=int, default=5, help="omgångar per sida (standard 5)")
    browser.add_argument("--sessions", default="1,10,30", help="antal öppna projektorer att mäta servern med, åtskilda med komma; tomt för inga (standard 1,10,30)")
    browser.add_argument("--session-writes", type=int, default=6, help="nya idéer per mätning av öppna projektorer (standard 6)")
    browser.add_argument("--session-idle-seconds", type=float, default=20, help="sekunder som serverns CPU mäts medan projektorerna står still (standard 20)")


def _run_bench(args: argparse.Namespace) -> int:
    from ..bench import render_markdown, run_benchmarks, write_report

    try:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    except ValueError:
        print("--sizes ska vara heltal åtskilda med komma, t.ex. 50,300,1000", file=sys.stderr)
        return EXIT_REFUSED
    if args.browser:
        return _run_browser(args)
    if args.only == "exchange":
        from ..docsections import write_section
        from ..exchange.bench import render_exchange_markdown, run_exchange_benchmark

        section = render_exchange_markdown(run_exchange_benchmark(tuple(s for s in sizes if s >= 300) or (300, 1000)))
        write_section(args.output, "exchange", section)
        print(section)
        return EXIT_OK
    results = run_benchmarks(sizes=sizes, postgres_url=args.postgres, reruns=args.reruns)
    write_report(args.output, results)
    print(render_markdown(results))
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _run_browser(args: argparse.Namespace) -> int:
    import os

    from ..bench import render_browser_section, run_browser_benchmark
    from ..docsections import write_section

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
    results = run_browser_benchmark(
        organisations=args.organisations, rounds=args.rounds, sessions=sessions, session_writes=args.session_writes, session_idle_seconds=args.session_idle_seconds
    )
    section = render_browser_section(results)
    write_section(args.output, "browser", section)
    print(section)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _load_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--participants", type=int, default=30, help="hur många deltagare som skickar in samtidigt (standard 30)")
    parser.add_argument("--ideas", type=int, default=4, help="idéer per deltagare (standard 4)")


def _run_load(args: argparse.Namespace) -> int:
    from ..loadtest import run_load

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


COMMANDS: dict[str, Command] = {
    "bench": Command("mät analysen, sidorna och samtidiga skrivningar; skriv docs/benchmarks.md", _bench_arguments, _run_bench),
    "load": Command("lasttest: många deltagare skickar in samtidigt genom tjänstelagret", _load_arguments, _run_load),
}
