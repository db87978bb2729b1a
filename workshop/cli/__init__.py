"""Command line: ``python -m workshop <command>``.

Each area keeps its commands in its own module as a ``COMMANDS`` dictionary of
:class:`~workshop.cli._common.Command`; this module gathers them into one parser. A new
area adds a module and one line to :data:`_AREAS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import bench, demo, exchange, fit, people
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, CannotOpenStore, Command, open_store, say

# The exit codes and open_store are public: the benchmark commands (benchmarks/cli.py) use them too.
__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_OK", "EXIT_REFUSED", "Command", "build_parser", "main", "open_store"]

_AREAS = (people, demo, bench, fit, exchange)

COMMANDS: dict[str, Command] = {}
for _area in _AREAS:
    for _name, _command in _area.COMMANDS.items():
        if _name in COMMANDS:
            raise RuntimeError(f"two areas define the command {_name!r}")
        COMMANDS[_name] = _command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workshop", description="Projektberedskap från kommandoraden.")
    subcommands = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    for name, command in COMMANDS.items():
        command.add_arguments(subcommands.add_parser(name, help=command.help, description=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except CannotOpenStore as error:
        say(f"Kunde inte öppna databasen: {error}")
        return EXIT_FAILED
