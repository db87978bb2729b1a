"""Command line: ``python -m workshop <command>``.

Each command is a :class:`Command` in :data:`COMMANDS`: a function that adds its
arguments to the parser and a function that runs it and returns the exit code. New
commands (import, export, bench) are added to the dictionary.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from .db import PROJECT_ROOT

__all__ = ["COMMANDS", "Command", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2  # also what argparse uses for a wrong command line


@dataclass(frozen=True)
class Command:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _add_database_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="databasens SQLAlchemy-URL (standard: $PROJEKTBEREDSKAP_DATABASE_URL eller data/projektberedskap.sqlite3)",
    )


def _demo_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument(
        "--reset",
        action="store_true",
        help="töm ALLA tabeller först (även riktiga data) och läs in demot på nytt",
    )


def _run_demo(args: argparse.Namespace) -> int:
    # Imported here so that `--help` works without touching the database layer.
    from .db import create_store, database_url
    from .demo import DatabaseNotEmpty, DemoDataError, load_demo
    from .errors import DatabaseUnavailable

    url = args.db or database_url()
    try:
        shown_url = make_url(url).render_as_string(hide_password=True)
        store = create_store(url)
    except (SQLAlchemyError, ImportError, OSError) as error:  # a bad URL, a missing driver, an unreachable server
        print(f"Kunde inte öppna databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
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


def _load_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--participants", type=int, default=30, help="hur många deltagare som skickar in samtidigt (standard 30)")
    parser.add_argument("--ideas", type=int, default=4, help="idéer per deltagare (standard 4)")


def _run_load(args: argparse.Namespace) -> int:
    from .db import create_store, database_url
    from .loadtest import run_load

    if args.participants < 1 or args.ideas < 0:
        print("--participants måste vara minst 1 och --ideas minst 0", file=sys.stderr)
        return EXIT_REFUSED
    store = create_store(args.db or database_url())
    try:
        report = run_load(store, participants_count=args.participants, ideas_each=args.ideas)
    finally:
        store.engine.dispose()
    print(report.summary())
    for error in report.unexpected_errors[:20]:
        print(f"  {error}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--postgres", metavar="URL", help="mät också samtidiga skrivningar mot denna PostgreSQL-databas (den töms inte, en ny workshop skapas)")
    parser.add_argument("--sizes", default="50,300,1000", help="nätverksstorlekar att mäta, antal organisationer (standard 50,300,1000)")
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmarks.md"), help="vart resultatet skrivs (standard docs/benchmarks.md)")
    parser.add_argument("--reruns", type=int, default=5, help="varma omkörningar per sida (standard 5)")
    parser.add_argument("--only", choices=["exchange"], help="mät bara import, export och säkerhetskopior och byt bara det avsnittet i filen")


def _run_bench(args: argparse.Namespace) -> int:
    from .bench import render_markdown, run_benchmarks

    try:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    except ValueError:
        print("--sizes ska vara heltal åtskilda med komma, t.ex. 50,300,1000", file=sys.stderr)
        return EXIT_REFUSED
    if args.only == "exchange":
        from .exchange.bench import render_exchange_markdown, replace_section, run_exchange_benchmark

        section = render_exchange_markdown(run_exchange_benchmark(tuple(s for s in sizes if s >= 300) or (300, 1000)))
        output = Path(args.output)
        output.write_text(replace_section(output.read_text(encoding="utf-8") if output.exists() else "# Benchmarks\n", section), encoding="utf-8")
        print(section)
        return EXIT_OK
    results = run_benchmarks(sizes=sizes, postgres_url=args.postgres, reruns=args.reruns)
    report = render_markdown(results)
    Path(args.output).write_text(report, encoding="utf-8")
    print(report)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _open_store(url: str | None):
    """The store for ``--db`` (or the default), or ``None`` after saying why not."""
    from .db import create_store, database_url

    try:
        return create_store(url or database_url())
    except (SQLAlchemyError, ImportError, OSError) as error:
        print(f"Kunde inte öppna databasen: {error}", file=sys.stderr)
        return None


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--workshop", required=True, metavar="NAMN", help="workshoppen listorna hör till (skapas om den inte finns)")
    parser.add_argument("--locality", default="Lindesberg", help="orten för en ny workshop (standard Lindesberg)")
    parser.add_argument("--skip-invalid", action="store_true", help="läs in de giltiga raderna och hoppa över raderna med fel")
    parser.add_argument("files", nargs="+", metavar="FIL", help="CSV-filer eller XLSX-arbetsböcker: organisationer, deltagare, idéer, åtaganden, kopplingar")


def _problem_line(problem, t) -> str:
    where = problem.source
    if problem.row is not None:
        where += f", rad {problem.row}"
    if problem.column:
        where += f", kolumn {problem.column}"
    return f"{where}: {t(problem.key, **problem.message_params())}"


def _run_import(args: argparse.Namespace) -> int:
    from .errors import ServiceError
    from .exchange.audit import audit_callback
    from .exchange.importing import ImportHasProblems, import_tables
    from .i18n import Translator

    t = Translator("sv")
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as error:
            print(f"Kunde inte läsa {name}: {error.strerror}", file=sys.stderr)
            return EXIT_FAILED
    store = _open_store(args.db)
    if store is None:
        return EXIT_FAILED
    audit = audit_callback(_system_actor(), "exchange.import", "workshop", lambda r: (r.workshop_id, args.workshop, {"written": r.written, "skipped_rows": r.preview.invalid_rows}))
    try:
        result = import_tables(store, files, workshop_title=args.workshop, locality=args.locality, skip_invalid=args.skip_invalid, audit=audit)
    except ImportHasProblems as refused:
        for problem in refused.preview.problems:
            print(_problem_line(problem, t), file=sys.stderr)
        print(t(refused.message_key, **refused.params), file=sys.stderr)
        return EXIT_FAILED
    except ServiceError as error:
        print(f"{t('field.' + error.field) if error.field else ''}: {t(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    for notice in result.preview.notices:
        print(f"Obs: {_problem_line(notice, t)}")
    for problem in result.preview.problems:
        print(f"Överhoppad: {_problem_line(problem, t)}", file=sys.stderr)
    if result.workshop_created:
        print(f"Workshoppen {args.workshop} skapades: kod {result.join_code}, facilitatornyckel {result.facilitator_key} (visas bara nu).")
    written = ", ".join(f"{count} {table}" for table, count in result.written.items())
    print(f"Inläst i {args.workshop}: {written} nya.")
    return EXIT_FAILED if result.preview.problems else EXIT_OK


def _system_actor():
    from .services.access import SYSTEM

    return SYSTEM  # the command line runs as the server's operator


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    from .exchange.exports import FORMATS

    _add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="en workshop (titel eller kod); utan: hela processen")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS), help="filformat")
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="vart filen skrivs")
    parser.add_argument("--personal-data", action="store_true", help="ta med privatpersoners och deltagares namn, e-post och telefon")
    parser.add_argument("--facilitator-notes", action="store_true", help="ta med anteckningar som bara är för facilitatorer")


def _run_export(args: argparse.Namespace) -> int:
    from .errors import ServiceError
    from .exchange.audit import record_now
    from .exchange.dataset import ExportOptions, find_workshop
    from .exchange.exports import export
    from .i18n import Translator

    t = Translator("sv")
    store = _open_store(args.db)
    if store is None:
        return EXIT_FAILED
    try:
        workshop_id = find_workshop(store, args.workshop) if args.workshop else None
        options = ExportOptions(workshop_id=workshop_id, include_personal_data=args.personal_data, include_facilitator_notes=args.facilitator_notes)
        result = export(store, args.format, options)
        Path(args.output).write_bytes(result.data)
        record_now(store, _system_actor(), "exchange.export", subject_type="workshop" if workshop_id else "process", subject_id=workshop_id, subject_label=args.workshop or "",
                   workshop_id=workshop_id, detail={"format": args.format, "personal_data": args.personal_data, "facilitator_notes": args.facilitator_notes})
    except ServiceError as error:
        print(f"{args.workshop}: {t(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"Kunde inte skriva {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    print(f"Skrev {args.output} ({len(result.data)} byte, {args.format}).")
    return EXIT_OK


def _backup_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="bara en workshop (titel eller kod); utan: hela databasen")
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="vart säkerhetskopian skrivs (- för standard ut)")


def _run_backup(args: argparse.Namespace) -> int:
    from .errors import ServiceError
    from .exchange.audit import record_now
    from .exchange.backup import dumps, take_backup
    from .exchange.dataset import find_workshop
    from .i18n import Translator

    store = _open_store(args.db)
    if store is None:
        return EXIT_FAILED
    try:
        workshop_id = find_workshop(store, args.workshop) if args.workshop else None
        text = dumps(take_backup(store, workshop_id=workshop_id))
        if args.output == "-":
            sys.stdout.write(text)
        else:
            # Written next to the target and moved into place: a half-written backup never replaces a whole one.
            target = Path(args.output)
            partial = target.with_name(target.name + ".part")
            partial.write_text(text, encoding="utf-8")
            partial.replace(target)
        record_now(store, _system_actor(), "exchange.backup", subject_type="workshop" if workshop_id else "process", subject_id=workshop_id, subject_label=args.workshop or "", workshop_id=workshop_id, detail={})
    except ServiceError as error:
        print(f"{args.workshop}: {Translator('sv')(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as error:
        print(f"Kunde inte skriva {args.output}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    if args.output != "-":
        print(f"Säkerhetskopia skriven till {args.output}.")
    return EXIT_OK


def _restore_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("file", metavar="FIL", help="en säkerhetskopia från python -m workshop backup")


def _run_restore(args: argparse.Namespace) -> int:
    from .errors import ServiceError
    from .exchange.audit import audit_callback
    from .exchange.backup import load_document, restore_backup
    from .i18n import Translator

    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        print(f"Kunde inte läsa {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    store = _open_store(args.db)
    if store is None:
        return EXIT_FAILED
    audit = audit_callback(_system_actor(), "exchange.restore", "process", lambda s: (None, Path(args.file).name, {"mode": s.mode, "inserted": s.inserted}))
    try:
        summary = restore_backup(store, load_document(data), audit=audit)
    except ServiceError as error:
        print(f"{args.file}: {Translator('sv')(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    mode = "exakt (tom databas)" if summary.mode == "exact" else "sammanslagen med befintliga data"
    inserted = ", ".join(f"{n} {table}" for table, n in summary.inserted.items()) or "inga nya rader"
    print(f"Återläst {mode}: {inserted}; {sum(summary.matched.values())} rader fanns redan.")
    return EXIT_OK


def _coordinator_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    actions = parser.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True)
    actions.add_parser("add", help="lägg till en samordnare och skriv ut en engångsnyckel").add_argument("name", metavar="NAMN")
    actions.add_parser("list", help="lista samordnarna")
    actions.add_parser("reset-key", help="ge en samordnare en ny nyckel (inloggningar avslutas)").add_argument("name", metavar="NAMN")
    actions.add_parser("remove", help="ta bort en samordnare").add_argument("name", metavar="NAMN")


def _run_coordinator(args: argparse.Namespace) -> int:
    from .db import create_store, database_url
    from .errors import ServiceError
    from .i18n import Translator
    from .services import coordinators

    t = Translator("sv")
    try:
        store = create_store(args.db or database_url())
    except (SQLAlchemyError, ImportError, OSError) as error:
        print(f"Kunde inte öppna databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
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


def _constellations_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="bara idéer som togs upp på workshoppen med denna titel")
    parser.add_argument("--idea", metavar="TITEL", help="bara idén med denna titel")
    parser.add_argument("--json", action="store_true", help="skriv ut JSON i stället för text")
    parser.add_argument("--plan", action="store_true", help="skriv också ut processplanen (en konstellation per idé inom kapaciteten)")


def _run_constellations(args: argparse.Namespace) -> int:
    import json

    from .db import create_store, database_url
    from .errors import DatabaseUnavailable
    from .i18n import Translator
    from .services import analysis
    from .services.network import read_snapshot

    t = Translator("sv")
    try:
        store = create_store(args.db or database_url())
    except (SQLAlchemyError, ImportError, OSError) as error:
        print(f"Kunde inte öppna databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        snapshot = read_snapshot(store)
    except (SQLAlchemyError, DatabaseUnavailable) as error:
        print(f"Kunde inte läsa databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    fit = analysis.fit(analysis.network_view(snapshot))
    ideas = sorted(snapshot.ideas, key=lambda i: i.id)
    if args.workshop is not None:
        wanted = {w.id for w in snapshot.workshops if w.title == args.workshop}
        if not wanted:
            print(f"Ingen workshop heter {args.workshop!r}.", file=sys.stderr)
            return EXIT_REFUSED
        ideas = [i for i in ideas if i.workshop_id in wanted]
    if args.idea is not None:
        ideas = [i for i in ideas if i.title == args.idea]
        if not ideas:
            print(f"Ingen idé heter {args.idea!r}.", file=sys.stderr)
            return EXIT_REFUSED
    names = fit.view.names
    report = [_idea_report(t, fit, idea, names) for idea in ideas]
    plan_report = _plan_report(fit, names, {i.id for i in ideas}) if args.plan else None
    if args.json:
        print(json.dumps({"ideas": report, **({"plan": plan_report} if plan_report is not None else {})}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for entry in report:
        print(f"{entry['title']} — {entry['state_label']}")
        for item in entry["ask"]:
            print(f"  ? {item}")
        for rank, c in enumerate(entry["constellations"], start=1):
            print(f"  {rank}. {', '.join(m['name'] for m in c['members'])}  (poäng {c['score']:.2f}, ägare {c['owner']})")
            print("     delar: " + ", ".join(f"{t(f'constellation.part.{part}').lower()} {value:.2f}" for part, value in c["parts"].items()))
            for member in c["members"]:
                print(f"     - {member['name']}: {member['reason']}")
        print()
    if plan_report is not None:
        status = "bästa möjliga" if plan_report["optimal"] else f"högst {100 * plan_report['gap']:.1f} % från bästa möjliga"
        print(f"Processplan: total poäng {plan_report['total']:.2f} ({status})")
        for entry in plan_report["entries"]:
            members = ", ".join(entry["members"]) if entry["members"] else "– (ingen ryms inom kapaciteten)"
            print(f"  {entry['title']}: {members}")
        print("Mest efterfrågade:")
        for load in plan_report["loads"][:10]:
            print(f"  {load['name']}: {load['assigned']} av {load['capacity']} (önskad av {load['wanted']} idéer)")
        for contention in plan_report["contested"]:
            print(f"  Konkurrens om {contention['name']} (kapacitet {contention['capacity']}): {' · '.join(contention['ideas'])}")
    return EXIT_OK


def _idea_report(t, fit, idea, names) -> dict:
    from .services import analysis

    result = fit.results[idea.id]
    members = sorted({m for c in result.candidates for m in c.members})
    reasons = analysis.member_reasons(fit, idea.id, members)
    return {
        "id": idea.id,
        "title": idea.title,
        "state": result.state,
        "state_label": t(f"fit.state.{result.state}"),
        "ask": [t.message(m) for m in result.ask],
        "constellations": [
            {
                "members": [
                    {"id": m, "name": names.get(m, "?"), "reason": "; ".join(t.message(c) for c in reasons[m]) or t("fit.no_reason")}
                    for m in c.members
                ],
                "owner": names.get(c.owner_id, "?"),
                "score": round(c.score, 4),
                "parts": {part: round(value, 4) for part, value in c.parts.items()},
            }
            for c in result.candidates
        ],
    }


def _plan_report(fit, names, idea_ids: set[int]) -> dict:
    from .services import analysis

    titles = {i.id: i.title for i in fit.view.snapshot.ideas}
    plan = analysis.plan(fit)
    return {
        "total": round(plan.total, 4),
        "optimal": plan.optimal,
        "gap": round(plan.gap, 4),
        "entries": [
            {"id": e.idea_id, "title": titles[e.idea_id], "members": [names.get(m, "?") for m in e.constellation.members] if e.constellation else [], "rank": e.rank}
            for e in plan.entries
            if e.idea_id in idea_ids
        ],
        "loads": [
            {"id": load.organisation_id, "name": names.get(load.organisation_id, "?"), "assigned": load.assigned, "capacity": load.capacity, "wanted": load.wanted}
            for load in plan.loads
        ],
        "contested": [
            {"id": c.organisation_id, "name": names.get(c.organisation_id, "?"), "capacity": c.capacity, "ideas": [titles[i] for i in c.idea_ids], "granted": [titles[i] for i in c.granted]}
            for c in plan.contested
        ],
    }


def _evaluate_fit_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--output", default=str(PROJECT_ROOT / "docs" / "benchmarks.md"), help="filen vars avsnitt om träffsäkerhet skrivs om (standard docs/benchmarks.md)")
    parser.add_argument("--no-speed", action="store_true", help="hoppa över tidsmätningarna (3000 organisationer tar en stund)")


def _run_evaluate_fit(args: argparse.Namespace) -> int:
    from .fitbench import render_fit_section, run_fit_evaluation, write_section

    results = run_fit_evaluation(database=args.db, speed=not args.no_speed)
    section = render_fit_section(results)
    write_section(Path(args.output), section)
    print(section)
    print(f"\nSkrivet till {args.output}")
    return EXIT_OK


def _retention_arguments(parser: argparse.ArgumentParser) -> None:
    _add_database_argument(parser)
    parser.add_argument("--today", metavar="ÅÅÅÅ-MM-DD", help="kör som om det vore detta datum (standard: i dag)")


def _run_retention(args: argparse.Namespace) -> int:
    import datetime as dt

    from .db import create_store, database_url
    from .errors import DatabaseUnavailable
    from .privacy.retention import apply_retention

    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print("--today ska vara ett datum, t.ex. 2028-12-01", file=sys.stderr)
        return EXIT_REFUSED
    try:
        store = create_store(args.db or database_url())
    except (SQLAlchemyError, ImportError, OSError) as error:
        print(f"Kunde inte öppna databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
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
    "demo": Command("läs in demonätverket (tre fiktiva workshoppar) i databasen", _demo_arguments, _run_demo),
    "bench": Command("mät analysen, sidorna och samtidiga skrivningar; skriv docs/benchmarks.md", _bench_arguments, _run_bench),
    "load": Command("lasttest: många deltagare skickar in samtidigt genom tjänstelagret", _load_arguments, _run_load),
    "constellations": Command(
        "visa varje idés läge och konstellationer med skäl för varje medlem (--plan: processplanen)",
        _constellations_arguments,
        _run_constellations,
    ),
    "evaluate-fit": Command(
        "mät om förslagen passar idéerna (dolda partner, nav, tider); skriv avsnittet i docs/benchmarks.md",
        _evaluate_fit_arguments,
        _run_evaluate_fit,
    ),
    "retention": Command("anonymisera deltagare vars lagringstid har gått ut (körs också när appen startar)", _retention_arguments, _run_retention),
    "import": Command("läs in listor (CSV/XLSX): organisationer, deltagare, idéer, åtaganden, kopplingar", _import_arguments, _run_import),
    "export": Command("exportera kartan, tabellerna eller rapporten för en workshop eller hela processen", _export_arguments, _run_export),
    "backup": Command("säkerhetskopiera hela databasen eller en workshop till en JSON-fil", _backup_arguments, _run_backup),
    "restore": Command("läs in en säkerhetskopia (exakt i en tom databas, annars sammanslagen)", _restore_arguments, _run_restore),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workshop", description="Projektberedskap från kommandoraden.")
    subcommands = parser.add_subparsers(dest="command", metavar="KOMMANDO", required=True)
    for name, command in COMMANDS.items():
        command.add_arguments(subcommands.add_parser(name, help=command.help, description=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command].run(args)


if __name__ == "__main__":
    sys.exit(main())
