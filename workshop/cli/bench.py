"""``bench``, ``load`` and ``evaluate-fit``: the benchmarks, the load test and the fit evaluation.

Only their arguments live here; the work is done by the ``benchmarks`` package beside
``workshop/`` (see ``benchmarks/README.md``), which the product never imports otherwise.
"""

from __future__ import annotations

import argparse
import sys

from ..db import PROJECT_ROOT
from ._common import Command, add_database_argument

__all__ = ["COMMANDS"]


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres", metavar="URL", help="mät också samtidiga skrivningar mot denna PostgreSQL-databas (den töms inte, en ny workshop skapas)")
    parser.add_argument("--sizes", default="50,300,1000", help="nätverksstorlekar att mäta, antal organisationer (standard 50,300,1000)")
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmarks.md"), help="vart resultatet skrivs (standard docs/benchmarks.md)")
    parser.add_argument("--reruns", type=int, default=5, help="varma omkörningar per sida (standard 5)")
    parser.add_argument(
        "--only",
        choices=["exchange", "multi-server"],
        help="exchange: bara import, export och säkerhetskopior; multi-server: 1, 2 och 3 servrar bakom nginx på --postgres (databasen töms); byt bara det avsnittet i filen",
    )
    multi = parser.add_argument_group("flera servrar (--only multi-server)")
    multi.add_argument("--servers", default="1,2,3", help="antal servrar att mäta, åtskilda med komma (standard 1,2,3)")
    multi.add_argument("--walls", type=int, default=6, help="öppna väggar fördelade över servrarna (standard 6)")
    multi.add_argument("--writers", type=int, default=12, help="skrivande trådar fördelade över servrarna (standard 12)")
    multi.add_argument("--notify-walls", type=int, default=30, help="väggar för jämförelsen notifieringar mot polling, 0 för ingen (standard 30)")
    browser = parser.add_argument_group("i webbläsaren (--browser)")
    browser.add_argument("--browser", action="store_true", help="mät varje sida i Chromium mot en körande app och servern med öppna projektorer; byt bara avsnittet browser i filen")
    browser.add_argument("--organisations", type=int, default=300, help="processens storlek i organisationer (standard 300)")
    browser.add_argument("--rounds", type=int, default=5, help="omgångar per sida (standard 5)")
    browser.add_argument("--sessions", default="1,10,30", help="antal öppna projektorer att mäta servern med, åtskilda med komma; tomt för inga (standard 1,10,30)")
    browser.add_argument("--session-writes", type=int, default=6, help="nya idéer per mätning av öppna projektorer (standard 6)")
    browser.add_argument("--session-idle-seconds", type=float, default=20, help="sekunder som serverns CPU mäts medan projektorerna står still (standard 20)")
    browser.add_argument("--light", action="store_true", help="lätta sidor: varje sidas omkörning mot golvet på dator och strypt telefon (CPU 4× långsammare); byt bara avsnittet light-pages i filen")
    browser.add_argument("--before", default="", metavar="REF", help="med --light: kör också appen som den var i git-versionen REF bredvid, för före/efter i samma körning")
    browser.add_argument("--pages", default="", help="bara dessa sidors adresser, åtskilda med komma, t.ex. floor,vagg,karta (standard: alla)")


def _load_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--participants", type=int, default=30, help="hur många deltagare som skickar in samtidigt (standard 30)")
    parser.add_argument("--ideas", type=int, default=4, help="idéer per deltagare (standard 4)")


def _evaluate_fit_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmarks.md"), help="filen vars avsnitt om träffsäkerhet skrivs om (standard docs/benchmarks.md)")
    parser.add_argument("--no-speed", action="store_true", help="hoppa över tidsmätningarna (3000 organisationer tar en stund)")
    parser.add_argument("--honest-only", action="store_true", help="bara den ärliga mätningen mot enkla baslinjer (benchmarks/fit/)")


def _delegate(name: str):
    """The body of a command: :mod:`benchmarks.cli`'s function ``name`` with the parsed arguments."""

    def run(args: argparse.Namespace) -> int:
        if str(PROJECT_ROOT) not in sys.path:  # ``python -m workshop`` run from another folder
            sys.path.insert(0, str(PROJECT_ROOT))
        # lazy: benchmarks are not part of the product: imported only when asked
        from benchmarks import cli

        return getattr(cli, name)(args)

    return run


COMMANDS: dict[str, Command] = {
    "bench": Command("mät analysen, sidorna och samtidiga skrivningar; skriv docs/benchmarks.md", _bench_arguments, _delegate("bench")),
    "load": Command("lasttest: många deltagare skickar in samtidigt genom tjänstelagret", _load_arguments, _delegate("load")),
    "evaluate-fit": Command(
        "mät om förslagen passar idéerna (dolda partner, nav, tider); skriv avsnittet i docs/benchmarks.md",
        _evaluate_fit_arguments,
        _delegate("evaluate_fit"),
    ),
}
