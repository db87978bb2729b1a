"""Run one upload through its service in this process and report what happened, with the
peak memory it took (``python -m tests.exchange.upload_probe URL TOKEN KIND FILE``).

Run in a subprocess by ``test_upload_limits.py`` so that the memory measured is this upload's
alone: everything is imported and warmed up with a small valid file first, the file is read,
and only then does ``tracemalloc`` start. Prints one JSON object.
"""

from __future__ import annotations

import io
import json
import sys
import tracemalloc
from pathlib import Path

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


def main(url: str, token: str, kind: str, path: str) -> None:
    store = create_store(url)
    warm_name, warm_data = WARM_UP[kind]
    warm_ups = [(warm_name, warm_data)]
    if path.endswith(".xlsx"):  # openpyxl is imported on the first workbook
        from openpyxl import Workbook

        workbook, buffer = Workbook(), io.BytesIO()
        workbook.active.title = "Organisationer"
        workbook.active.append(["Namn", "Organisationsnummer"])
        workbook.save(buffer)
        warm_ups.append(("organisationer.xlsx", buffer.getvalue()))
    for warm_name, warm_data in warm_ups:
        try:
            run(store, token, kind, warm_name, warm_data, preview=True)  # imports and warms up; writes nothing
        except ServiceError:
            pass
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
    store.engine.dispose()
    print(json.dumps(outcome, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:5])
