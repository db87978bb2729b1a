"""``coordinator`` and ``retention``: who may coordinate, and what is kept about people."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..errors import DatabaseUnavailable, ServiceError
from ..i18n import Translator
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, Command, add_database_argument, open_store

__all__ = ["COMMANDS"]


def _coordinator_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    actions = parser.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    actions.add_parser("add", help="lägg till en samordnare och skriv ut en engångsnyckel").add_argument("name", metavar="NAMN")
    actions.add_parser("list", help="lista samordnarna")
    actions.add_parser("reset-key", help="ge en samordnare en ny nyckel (inloggningar avslutas)").add_argument("name", metavar="NAMN")
    actions.add_parser("remove", help="ta bort en samordnare").add_argument("name", metavar="NAMN")


def _run_coordinator(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..services import coordinators

    t = Translator("sv")
    store = open_store(args.db)
    try:
        if args.action == "list":
            for coordinator in coordinators.list_coordinators(store):
                print(coordinator.name + ("   (demo)" if coordinator.is_demo else ""))
            return EXIT_OK
        if args.action == "add":
            key = coordinators.add_coordinator(store, args.name).key
            print(f"Samordnaren {args.name.strip()} är tillagd. Nyckel (visas bara nu, skriv upp den):\n\n    {key}\n")
            print("Logga in på sidan Samordnare med namnet och nyckeln.")
        elif args.action == "reset-key":
            key = coordinators.reset_coordinator_key(store, args.name)
            print(f"Ny nyckel för {args.name.strip()} (visas bara nu; tidigare inloggningar är avslutade):\n\n    {key}\n")
        else:
            coordinators.remove_coordinator(store, args.name)
            print(f"Samordnaren {args.name.strip()} är borttagen.")
        return EXIT_OK
    except ServiceError as error:
        print(t(error.message_key, **{k: str(v) for k, v in error.params.items()}), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        store.engine.dispose()


def _retention_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--today", metavar="ÅÅÅÅ-MM-DD", help="kör som om det vore detta datum (standard: i dag)")


def _run_retention(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..privacy.retention import apply_retention

    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print("--today ska vara ett datum, t.ex. 2028-12-01", file=sys.stderr)
        return EXIT_REFUSED
    store = open_store(args.db)
    try:
        run = apply_retention(store, today=today)
    except DatabaseUnavailable as error:
        print(f"Gallringen kunde inte köras: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    if run.people:
        print(f"{run.people} {'person' if run.people == 1 else 'personer'} anonymiserades (workshoppar: {', '.join(map(str, run.workshops))}); det står i händelseloggen.")
    else:
        print("Ingen person hade passerat sin lagringstid.")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "coordinator": Command("samordnare: lägg till, lista, ny nyckel, ta bort", _coordinator_arguments, _run_coordinator),
    "retention": Command("anonymisera deltagare vars lagringstid har gått ut (körs också när appen startar)", _retention_arguments, _run_retention),
}
