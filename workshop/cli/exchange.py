"""``import``, ``export``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ServiceError
from ..i18n import Translator
from ._common import EXIT_FAILED, EXIT_OK, Command, add_database_argument, open_store, system_actor
from .leader import run_application

__all__ = ["COMMANDS"]


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--workshop", required=True, metavar="NAMN", help="workshoppen listorna hör till (skapas om den inte finns)")
    parser.add_argument("--locality", default="Lindesberg", help="orten för en ny workshop (standard Lindesberg)")
    parser.add_argument("--skip-invalid", action="store_true", help="läs in de giltiga raderna och hoppa över raderna med fel")
    parser.add_argument("files", nargs="+", metavar="FIL", help="CSV-filer eller XLSX-arbetsböcker: organisationer, deltagare, idéer, åtaganden, kopplingar, dold kunskap")


def _problem_line(problem, t) -> str:
    where = problem.source
    if problem.row is not None:
        where += f", rad {problem.row}"
    if problem.column:
        where += f", kolumn {problem.column}"
    return f"{where}: {t(problem.key, **problem.message_params())}"


def _run_import(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..exchange.audit import audit_callback
    from ..exchange.importing.api import import_tables
    from ..exchange.importing.results import ImportHasProblems, describe_written

    t = Translator("sv")
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as error:
            print(f"Kunde inte läsa {name}: {error.strerror}", file=sys.stderr)
            return EXIT_FAILED
    store = open_store(args.db)
    audit = audit_callback(system_actor(), "exchange.import", "workshop", lambda r: (r.workshop_id, args.workshop, {"written": r.written, "skipped_rows": r.preview.invalid_rows}))
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
    print(f"Inläst i {args.workshop}: {describe_written(result.written)}.")
    return EXIT_FAILED if result.preview.problems else EXIT_OK


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    # lazy: the export formats load when this parser is built, not when workshop.cli is imported
    from ..exchange.exports import FORMATS

    add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="en workshop (titel eller kod); utan: hela processen")
    parser.add_argument("--format", required=True, choices=sorted(FORMATS) + ["application"], help="filformat; application: ett ansökningsutkast för en idé (--idea), docx, pdf eller md efter -o")
    parser.add_argument("--idea", metavar="TITEL", help="idén ansökningsutkastet gäller (med --format application)")
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="vart filen skrivs")
    parser.add_argument("--personal-data", action="store_true", help="ta med privatpersoners och deltagares namn, e-post och telefon")
    parser.add_argument("--facilitator-notes", action="store_true", help="ta med anteckningar som bara är för facilitatorer")


def _run_export(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..exchange.audit import record_now
    from ..exchange.dataset import ExportOptions, find_workshop
    from ..exchange.exports import export

    t = Translator("sv")
    if args.format == "application":
        return run_application(args)
    store = open_store(args.db)
    try:
        workshop_id = find_workshop(store, args.workshop) if args.workshop else None
        options = ExportOptions(workshop_id=workshop_id, include_personal_data=args.personal_data, include_facilitator_notes=args.facilitator_notes)
        result = export(store, args.format, options)
        Path(args.output).write_bytes(result.data)
        record_now(store, system_actor(), "exchange.export", subject_type="workshop" if workshop_id else "process", subject_id=workshop_id, subject_label=args.workshop or "",
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
    add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="bara en workshop (titel eller kod); utan: hela databasen")
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="vart säkerhetskopian skrivs (- för standard ut)")


def _run_backup(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..exchange.audit import record_now
    from ..exchange.backup import dumps, take_backup
    from ..exchange.dataset import find_workshop

    store = open_store(args.db)
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
        record_now(store, system_actor(), "exchange.backup", subject_type="workshop" if workshop_id else "process", subject_id=workshop_id, subject_label=args.workshop or "", workshop_id=workshop_id, detail={})
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
    add_database_argument(parser)
    parser.add_argument("--other-process", action="store_true", help="slå ihop en säkerhetskopia från en annan process (annars vägras den)")
    parser.add_argument("file", metavar="FIL", help="en säkerhetskopia från python -m workshop backup")


def _run_restore(args: argparse.Namespace) -> int:
    # lazy: the command line loads this command's area only when the command runs
    from ..exchange.audit import audit_callback
    from ..exchange.backup import load_document, restore_backup

    try:
        data = Path(args.file).read_bytes()
    except OSError as error:
        print(f"Kunde inte läsa {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_FAILED
    store = open_store(args.db)
    audit = audit_callback(system_actor(), "exchange.restore", "process", lambda s: (None, Path(args.file).name, {"mode": s.mode, "inserted": s.inserted}))
    try:
        summary = restore_backup(store, load_document(data), audit=audit, other_process=args.other_process)
    except ServiceError as error:
        print(f"{args.file}: {Translator('sv')(error.message_key, **error.params)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    mode = "exakt (tom databas)" if summary.mode == "exact" else "sammanslagen med befintliga data"
    inserted = ", ".join(f"{n} {table}" for table, n in summary.inserted.items()) or "inga nya rader"
    print(f"Återläst {mode}: {inserted}; {sum(summary.matched.values())} rader fanns redan.")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "import": Command("läs in listor (CSV/XLSX): organisationer, deltagare, idéer, åtaganden, kopplingar, dold kunskap", _import_arguments, _run_import),
    "export": Command("exportera kartan, tabellerna eller rapporten för en workshop eller hela processen", _export_arguments, _run_export),
    "backup": Command("säkerhetskopiera hela databasen eller en workshop till en JSON-fil", _backup_arguments, _run_backup),
    "restore": Command("läs in en säkerhetskopia (exakt i en tom databas, annars sammanslagen)", _restore_arguments, _run_restore),
}
