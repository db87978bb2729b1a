"""Timings of import, every export, backup and restore on synthetic processes.

Called by ``python -m workshop bench`` (and alone with ``--only exchange``): the synthetic
process of :mod:`benchmarks.populate` at 300 and 1000 organisations, on SQLite files in a
temporary folder. The import reads lists written from the same process (organisations,
ideas, commitments, ties as Swedish Excel would save them) into an empty database.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from pathlib import Path

from workshop.db import create_store
from workshop.exchange.backup import dumps, restore_backup, take_backup
from workshop.exchange.dataset import ExportOptions, read_export_data
from workshop.exchange.exports import FORMATS, render
from workshop.exchange.importing.api import import_tables, preview_import
from workshop.services.reference import ensure_reference_data

from .populate import populate
from .synthetic import synthetic_snapshot

__all__ = ["run_exchange_benchmark", "render_exchange_markdown", "SECTION_TITLE"]

SECTION_TITLE = "## Import, export and backup"
KIND_SV = {"association": "Förening", "company": "Företag", "public_body": "Kommun", "education": "Studieförbund", "other_organisation": "Annan organisation", "private_person": "Privatperson"}


def _lists(snapshot) -> list[tuple[str, bytes]]:
    def table(header, rows) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode("cp1252", errors="replace")

    names = {o.id: o.name for o in snapshot.organisations}
    # Synthetic titles repeat; an import tells ideas apart by title, so each gets its number.
    titles = {i.id: f"{i.title} ({i.id})" for i in snapshot.ideas}
    pairs = {(c.idea_id, c.organisation_id): c.role for c in snapshot.commitments}
    ties = {(min(t.organisation_a, t.organisation_b), max(t.organisation_a, t.organisation_b), t.kind) for t in snapshot.ties}
    return [
        ("organisationer.csv", table(["Namn", "Typ", "Ort", "Bidrar med"], [(o.name, KIND_SV[o.kind], o.locality or "", "; ".join(f"{c.category}: {c.label}" for c in sorted(o.offers))) for o in snapshot.organisations])),
        ("idéer.csv", table(["Titel", "Ort", "Behov"], [(titles[i.id], i.locality or "", "; ".join(f"{c.category}: {c.label}" for c in sorted(i.needs))) for i in snapshot.ideas])),
        ("åtaganden.csv", table(["Organisation", "Idé", "Roll"], [(names[o], titles[i], role) for (i, o), role in sorted(pairs.items())])),
        ("kopplingar.csv", table(["Organisation A", "Organisation B", "Typ"], [(names[a], names[b], kind) for a, b, kind in sorted(ties)])),
    ]


def _timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def run_exchange_benchmark(sizes=(300, 1000)) -> list[dict]:
    results = []
    for size in sizes:
        snapshot = synthetic_snapshot(size)
        with tempfile.TemporaryDirectory(prefix="pb-exchange-") as folder:
            store = create_store(f"sqlite:///{Path(folder) / 'source.sqlite3'}")
            ensure_reference_data(store)
            populate(store, snapshot)
            row: dict = {"organisations": size, "ideas": len(snapshot.ideas)}
            data, row["read_s"] = _timed(lambda: read_export_data(store, ExportOptions()))
            for fmt in FORMATS:
                exported, seconds = _timed(lambda fmt=fmt: render(data, fmt))
                row[f"{fmt}_s"], row[f"{fmt}_bytes"] = seconds, len(exported.data)
            document, row["backup_s"] = _timed(lambda: take_backup(store))
            row["backup_bytes"] = len(dumps(document).encode("utf-8"))
            store.engine.dispose()

            lists = _lists(snapshot)
            row["import_rows"] = sum(data.count(b"\r\n") - 1 for _, data in lists)
            target = create_store(f"sqlite:///{Path(folder) / 'import.sqlite3'}")
            _, row["preview_s"] = _timed(lambda: preview_import(target, lists, workshop_title="Listor"))
            _, row["import_s"] = _timed(lambda: import_tables(target, lists, workshop_title="Listor"))
            _, row["reimport_s"] = _timed(lambda: import_tables(target, lists, workshop_title="Listor"))
            target.engine.dispose()

            empty = create_store(f"sqlite:///{Path(folder) / 'restore.sqlite3'}")
            _, row["restore_s"] = _timed(lambda: restore_backup(empty, document))
            _, row["merge_restore_s"] = _timed(lambda: restore_backup(empty, document))
            empty.engine.dispose()
        results.append(row)
    return results


def render_exchange_markdown(rows: list[dict]) -> str:
    formats = list(FORMATS)
    out = [
        SECTION_TITLE,
        "",
        "`python -m workshop bench --only exchange`: the synthetic process on SQLite (whole process, no personal data).",
        "Reading the data for an export (snapshot, measures, constellations, tables) is done once and shared by",
        "every format; each format's column is the writing alone. Seconds; file sizes in kB. The report formats",
        "include drawing the picture. On a 2-core machine shared with other jobs, figures vary up to 2–3× between runs.",
        "",
        "| organisations | ideas | read for export | " + " | ".join(formats) + " |",
        "| ---: | ---: | ---: | " + " | ".join("---:" for _ in formats) + " |",
    ]
    for row in rows:
        out.append(f"| {row['organisations']} | {row['ideas']} | {row['read_s']:.2f} | " + " | ".join(f"{row[f + '_s']:.2f} ({row[f + '_bytes'] / 1000:.0f} kB)" for f in formats) + " |")
    out += [
        "",
        "Import: lists written from the same process (organisations, ideas, commitments, ties; Windows-1252, semicolons)",
        "into an empty database; the second import of the same files finds everything and writes nothing.",
        "",
        "| organisations | rows | preview | import | same files again | backup | backup size | restore into empty | restore again (merge) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        out.append(
            f"| {row['organisations']} | {row['import_rows']} | {row['preview_s']:.2f} | {row['import_s']:.2f} | {row['reimport_s']:.2f} | "
            f"{row['backup_s']:.2f} | {row['backup_bytes'] / 1_000_000:.1f} MB | {row['restore_s']:.2f} | {row['merge_restore_s']:.2f} |"
        )
    return "\n".join(out) + "\n"

