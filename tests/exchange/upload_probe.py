"""Run uploads through their services in this process and report what happened to each, with
the peak memory it took and the rows in the database after it
(``python -m tests.exchange.upload_probe URL TOKEN KIND=FILE [KIND=FILE ...]``).

Run in a subprocess by ``test_upload_limits.py`` so that the memory measured is the uploads'
alone: every service is imported and warmed up with a small valid file first; then for each
upload in turn the file is read, and only then does ``tracemalloc`` start (and it stops, its
traces dropped, before the next file is read). One process serves all the uploads that share
the limits it started with, because starting one (the imports and warm-ups) cost more than
most uploads. Prints one JSON object per upload, in order, one a line.
"""

from __future__ import annotations

import io
import json
import sys
import tracemalloc
from pathlib import Path

from tests.factories import row_counts
from workshop.db import create_store
from workshop.errors import ServiceError
from workshop.i18n import translate


def run(store, token: str, kind: str, name: str, data: bytes, *, preview: bool = False):
    if kind == "lists" or (kind == "lists_import" and preview):
        from workshop.exchange.importing import api

        return api.preview_import(store, [(name, data)], workshop_title="Prov")
    if kind == "lists_import":
        from workshop.exchange.importing import api

        return api.import_tables(store, [(name, data)], workshop_title="Prov")
    if kind == "register":
        from workshop.companies import importing

        if preview:
            return importing.preview_extract(store, token, [(name, data)])
        return importing.import_extract(store, token, [(name, data)])
    if kind == "restore":
        from workshop.exchange import service

        return service.restore_file(store, token, data)
    raise ValueError(kind)


WARM_UP = {
    "lists": ("organisationer.csv", "namn;typ\nRamsbergs bygdeförening;förening\n".encode()),
    "lists_import": ("organisationer.csv", "namn;typ\nRamsbergs bygdeförening;förening\n".encode()),
    "register": ("foretag.csv", "Organisationsnummer;Företagsnamn\n556036-0793;Ramsbergs Smide AB\n".encode()),
    "restore": ("backup.json", b"[]"),
}


def warm_up(store, token: str, kind: str, workbook: bool) -> None:
    """Import and warm up ``kind``'s service with small valid files; writes nothing."""
    warm_ups = [WARM_UP[kind]]
    if workbook:  # openpyxl is imported on the first workbook
        from openpyxl import Workbook

        book, buffer = Workbook(), io.BytesIO()
        book.active.title = "Organisationer"
        book.active.append(["Namn", "Organisationsnummer"])
        book.save(buffer)
        warm_ups.append(("organisationer.xlsx", buffer.getvalue()))
    for warm_name, warm_data in warm_ups:
        try:
            run(store, token, kind, warm_name, warm_data, preview=True)
        except ServiceError:
            pass


def probe(store, token: str, kind: str, path: str) -> dict:
    data = Path(path).read_bytes()
    tracemalloc.start()
    outcome: dict = {"size": len(data)}
    try:
        run(store, token, kind, Path(path).name, data)
        outcome["key"] = None
    except ServiceError as error:
        outcome["key"] = error.message_key
        outcome["message"] = translate("sv", error.message_key, **error.params)
    outcome["peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del data
    outcome["rows"] = row_counts(store)
    return outcome


def main(url: str, token: str, *uploads: str) -> None:
    store = create_store(url)
    pairs = [upload.split("=", 1) for upload in uploads]
    for kind in dict.fromkeys(kind for kind, _ in pairs):
        warm_up(store, token, kind, any(path.endswith(".xlsx") for k, path in pairs if k == kind))
    for kind, path in pairs:
        print(json.dumps(probe(store, token, kind, path), ensure_ascii=False), flush=True)
    store.engine.dispose()


if __name__ == "__main__":
    main(*sys.argv[1:])
