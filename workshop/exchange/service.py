"""The coordinator's use cases: bring lists in, take results out, back up and restore.

Every function takes the signed-in coordinator's session token and asks
:func:`workshop.services.access.require_coordinator` first: exports hold the whole
process, imports and restores write to it. Each is recorded in the audit trail as the
coordinator (exports say whether personal data or facilitator notes were included).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from ..db import Store
from ..services import access
from ..services.analysis import Analysis
from ..services.workshops import process_revision
from .audit import audit_callback, record_now
from .backup import RestoreSummary, dumps, load_document, restore_backup, take_backup
from .dataset import ExportData, ExportOptions, read_export_data
from .exports import ExportFile, render
from .importing.api import import_tables, preview_import
from .importing.results import ImportPreview, ImportResult

__all__ = ["coordinator", "preview_lists", "import_lists", "export_data", "shared_export_data", "export_file", "backup_file", "restore_file"]


def coordinator(store: Store, token: str | None, action: str | None = None) -> Any:
    """The coordinator signed in with ``token``; anyone else gets the access module's error.

    ``action`` names the write's row of the roles table (feature ``exchange``); reads leave it out.
    """
    with store.unit_of_work() as session:
        if action is None:
            return access.require_coordinator(session, token)
        return access.authorise(session, token, "exchange", action)


def preview_lists(store: Store, token: str | None, files: Iterable[tuple[str, bytes]], *, workshop_id: int | None = None, workshop_title: str | None = None) -> ImportPreview:
    coordinator(store, token)
    return preview_import(store, files, workshop_id=workshop_id, workshop_title=workshop_title)


def import_lists(
    store: Store, token: str | None, files: Iterable[tuple[str, bytes]], *, workshop_id: int | None = None, workshop_title: str | None = None, skip_invalid: bool = False
) -> ImportResult:
    actor = coordinator(store, token, "import")
    audit = audit_callback(actor, "exchange.import", "workshop", lambda r: (r.workshop_id, workshop_title or "", {"written": r.written, "skipped_rows": r.preview.invalid_rows if skip_invalid else 0}))
    return import_tables(store, files, workshop_id=workshop_id, workshop_title=workshop_title, skip_invalid=skip_invalid, audit=audit, actor=actor)


def export_data(store: Store, token: str | None, options: ExportOptions, *, analysis: Analysis | None = None, progress=None) -> ExportData:
    """Read what an export shows (the slow part, which pages cache and share between formats).

    ``analysis``: the app's analysis of the whole process, formatted as it is when it is of
    the revision read (:func:`~workshop.exchange.dataset.read_export_data`).
    """
    coordinator(store, token)
    return read_export_data(store, options, analysis=analysis, progress=progress)


_CACHE_SIZE = 4
_cache: OrderedDict[tuple, ExportData] = OrderedDict()
_cache_lock = threading.Lock()


def shared_export_data(store: Store, token: str | None, options: ExportOptions, *, analysis: Analysis | None = None, progress=None) -> ExportData:
    """:func:`export_data`, shared by every session and format until the process changes.

    Keyed on the database, the process revision and the options; the last few are kept. The
    data is kept under the revision it was read at, which a write may have moved past since
    the cache was asked.
    """
    coordinator(store, token)
    key = (str(store.engine.url), process_revision(store), options)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    data = read_export_data(store, options, analysis=analysis, progress=progress)
    with _cache_lock:
        _cache[(str(store.engine.url), data.revision, options)] = data
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return data


def export_file(store: Store, token: str | None, data: ExportData, fmt: str) -> ExportFile:
    """Write ``data`` as ``fmt`` and record who took it out, and with what."""
    actor = coordinator(store, token, "export")
    result = render(data, fmt)
    options = data.options
    record_now(
        store,
        actor,
        "exchange.export",
        subject_type="workshop" if options.workshop_id else "process",
        subject_id=options.workshop_id,
        subject_label=data.title,
        workshop_id=options.workshop_id,
        detail={"format": fmt, "personal_data": options.include_personal_data, "facilitator_notes": options.include_facilitator_notes},
    )
    return result


def backup_file(store: Store, token: str | None, *, workshop_id: int | None = None) -> bytes:
    actor = coordinator(store, token, "backup")
    text = dumps(take_backup(store, workshop_id=workshop_id))
    record_now(store, actor, "exchange.backup", subject_type="workshop" if workshop_id else "process", subject_id=workshop_id, workshop_id=workshop_id, detail={})
    return text.encode("utf-8")


def restore_file(store: Store, token: str | None, data: bytes, *, other_process: bool = False) -> RestoreSummary:
    """Restore an uploaded backup; ``other_process`` lets a backup from another process be merged."""
    actor = coordinator(store, token, "restore")
    audit = audit_callback(actor, "exchange.restore", "process", lambda s: (None, "", {"mode": s.mode, "inserted": s.inserted, "other_process": other_process}))
    return restore_backup(store, load_document(data), audit=audit, other_process=other_process is True, actor=actor)
