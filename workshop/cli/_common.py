"""What every command shares: exit codes, the ``--db`` argument and opening the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_REFUSED",
    "CannotOpenStore",
    "Command",
    "add_database_argument",
    "open_store",
    "say",
    "system_actor",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2  # also what argparse uses for a wrong command line


@dataclass(frozen=True)
class Command:
    """One ``python -m workshop`` command: its help line, its arguments and its body."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class CannotOpenStore(Exception):
    """The database named by ``--db`` could not be opened; :func:`workshop.cli.main` says why."""


def add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="databasens SQLAlchemy-URL (standard: $PROJEKTBEREDSKAP_DATABASE_URL eller data/projektberedskap.sqlite3)",
    )


def open_store(url: str | None):
    """The store for ``--db`` (or the configured default); the caller disposes of its engine.

    A bad URL, a missing driver or an unreachable server raises :class:`CannotOpenStore`, which
    :func:`workshop.cli.main` turns into one Swedish line and exit code 1.
    """
    # lazy: the command line loads the database layer only when a command runs, not for --help
    from ..db import create_store, database_url

    try:
        return create_store(url or database_url())
    except (SQLAlchemyError, ImportError, OSError) as error:
        raise CannotOpenStore(str(error)) from error


def say(message: str) -> None:
    """A refusal or failure, on standard error."""
    print(message, file=sys.stderr)


def system_actor():
    """The actor the command line writes as: the server's operator."""
    # lazy: the access rules load the whole service layer; only a running command needs them
    from ..services.access import SYSTEM

    return SYSTEM  # the command line runs as the server's operator
