"""Command line: ``python -m workshop <command>``.

Each area keeps its commands in its own module as a ``COMMANDS`` dictionary of
:class:`~workshop.cli._common.Command`; this module gathers them into one parser. A new
area adds a module and one line to :data:`_AREAS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from . import bench, demo, exchange, fit, people
from ._common import EXIT_FAILED, CannotOpenStore, Command, say

__all__ = ["COMMANDS", "Command", "build_parser", "main"]

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
