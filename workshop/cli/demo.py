"""``demo``: load the fictional demo process."""

from __future__ import annotations

import argparse
import sys

from ..errors import DatabaseUnavailable
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, Command, add_database_argument, open_store

__all__ = ["COMMANDS"]


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="töm ALLA tabeller först (även riktiga data) och läs in demot på nytt",
    )


def _run_demo(args: argparse.Namespace) -> int:
    # lazy: the command line loads the database layer only when a command runs, not for --help
    from ..db import database_url
    from ..demo import DatabaseNotEmpty, DemoDataError, load_demo

    url = args.db or database_url()
    store = open_store(url)
    shown_url = store.engine.url.render_as_string(hide_password=True)
    try:
        summary = load_demo(store, reset=args.reset)
    except DatabaseNotEmpty as error:
        print(
            f"Databasen {shown_url} innehåller redan workshoppar ({error.workshops} st); demot lästes inte in.\n"
            "Kör igen med --reset för att tömma databasen (all data raderas) och läsa in demot.",
            file=sys.stderr,
        )
        return EXIT_REFUSED
    except (DemoDataError, DatabaseUnavailable) as error:
        print(f"Demot kunde inte läsas in: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()

    counts = summary.counts
    print(f"Demodata inläst i {shown_url}")
    print()
    print(f"Samordnare: {summary.coordinator_name}, nyckel {summary.coordinator_key}   (endast för demo; ny vid varje inläsning)")
    print()
    for number, meeting in enumerate(summary.workshops, start=1):
        status = "öppen för inlägg" if meeting.submissions_open else "stängd för inlägg"
        print(f"{number}. {meeting.date.isoformat()} {meeting.locality}: {meeting.title} ({status})")
        print(f"   Kod för deltagare:   {meeting.join_code}")
        print(f"   Facilitatornyckel:   {meeting.facilitator_key}   (endast för demo; ny vid varje inläsning)")
    print()
    print(
        f"{counts['organisations']} organisationer, {counts['people']} personer, {counts['ideas']} idéer, "
        f"{counts['commitments']} åtaganden, {counts['notes']} anteckningar, {counts['ties']} kopplingar, "
        f"{counts['votes']} röster i {counts['voting_rounds']} röstomgångar."
    )
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "demo": Command("läs in demonätverket (tre fiktiva workshoppar) i databasen", _demo_arguments, _run_demo),
}
