"""Reading CSV files and XLSX sheets into plain tables with canonical column names.

A municipality's lists come from Excel: Swedish Excel saves CSV with semicolons in
Windows-1252, newer versions in UTF-8 with a byte-order mark. Both are detected, as is
a comma delimiter. Tables are recognised by file or sheet name (``organisationer.csv``,
sheet ``Idéer``), columns by their English or Swedish names.

The exports' formula guard lives here with its inverse: :func:`guard_formula` puts an
apostrophe before text a spreadsheet would run, and every cell read here goes through
:func:`unguard_formula`, so an exported list imports back as it was.

Files are read as streams within :mod:`workshop.exchange.limits` (size, unpacked size of a
workbook, rows, columns, field length); a file past a limit raises
:class:`~workshop.exchange.limits.UploadRefused` and nothing of it is used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from ..text import file_key
from .limits import LIMITS, Limits, UploadRefused, check_cell, check_workbook, csv_rows, detect_encoding

__all__ = [
    "TABLE_KINDS",
    "COLUMNS",
    "RawTable",
    "UnreadableFile",
    "decode",
    "read_csv",
    "read_xlsx",
    "sheet_rows",
    "read_files",
    "guard_formula",
    "unguard_formula",
]

# The tables an import understands, in the order they are written.
TABLE_KINDS = ("organisations", "participants", "ideas", "commitments", "ties", "notes")

_TABLE_ALIASES = {
    "organisations": ("organisations", "organizations", "organisationer", "organisation", "foreningar", "foretag", "aktorer"),
    "participants": ("participants", "deltagare", "people", "personer", "kontakter"),
    "ideas": ("ideas", "ideer", "ide", "forslag"),
    "commitments": ("commitments", "ataganden", "atagande", "medverkan"),
    "ties": ("ties", "kopplingar", "relationer", "band", "samarbeten"),
    "notes": ("notes", "doldkunskap", "kunskap", "anteckningar", "tacitknowledge"),
}

# Canonical column → accepted names (folded: lower case, no accents, no punctuation).
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "organisations": {
        "name": ("name", "namn", "organisation", "forening", "foretag", "organisationsnamn"),
        "kind": ("kind", "typ", "sort", "slag", "organisationstyp"),
        "locality": ("locality", "ort", "plats", "bygd"),
        "org_number": ("orgnumber", "organisationsnummer", "orgnr", "organisationsnr", "orgnummer"),
        "contributes": ("contributes", "offers", "bidrar", "bidrarmed", "kanbidramed", "erbjuder"),
        "description": ("description", "beskrivning", "om"),
    },
    "participants": {
        "name": ("name", "namn", "deltagare", "person"),
        "organisation": ("organisation", "organization", "forening", "foretag", "organisationsnamn"),
        "role": ("role", "roll", "titel", "uppdrag"),
        "email": ("email", "epost", "mail", "epostadress", "mejl"),
        "phone": ("phone", "telefon", "tel", "mobil", "telefonnummer"),
        "consent": ("consent", "samtycke", "samtyckerkontakt", "godkanner"),
    },
    "ideas": {
        "title": ("title", "titel", "ide", "namn", "rubrik"),
        "description": ("description", "beskrivning"),
        "locality": ("locality", "ort", "plats", "bygd"),
        "themes": ("themes", "teman", "tema"),
        "needs": ("needs", "behov", "behover"),
        "stage": ("stage", "skede", "fas", "status"),
    },
    "commitments": {
        "organisation": ("organisation", "organization", "forening", "foretag"),
        "idea": ("idea", "ide", "titel"),
        "role": ("role", "roll"),
    },
    "ties": {
        "organisation_a": ("organisationa", "organisation1", "fran", "a", "organisation"),
        "organisation_b": ("organisationb", "organisation2", "till", "b", "medorganisation"),
        "kind": ("kind", "typ", "slag", "koppling"),
    },
    "notes": {
        "text": ("text", "anteckning", "kunskap", "doldkunskap", "note", "vad"),
        "organisation": ("organisation", "omorganisation", "organization", "forening", "foretag", "aboutorganisation"),
        "idea": ("idea", "ide", "omide", "aboutidea"),
        "person": ("person", "omperson", "aboutperson"),
        "place": ("place", "plats", "omplats", "ort", "aboutplace"),
        "kind": ("kind", "typ", "slag", "sort"),
        "visibility": ("visibility", "synlighet", "synligfor", "vemsersen", "visas"),
    },
}


# What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"):
# = + - @, tab and carriage return, and the full-width forms that Excel and LibreOffice
# also read as operators.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_SIGNED_NUMBER = re.compile(r"^[+\-]\d+([.,]\d+)?$")


def guard_formula(value):
    """A cell that a spreadsheet would run as a formula, made text by a leading apostrophe.

    Signed numbers stay numbers; everything else that starts like a formula is guarded,
    ``=1`` and full-width ``＝1+1`` included. :func:`unguard_formula` undoes it on import.

    >>> guard_formula("=HYPERLINK(1)"), guard_formula("=1"), guard_formula("=2,5"), guard_formula("＝1+1")
    ("'=HYPERLINK(1)", "'=1", "'=2,5", "'＝1+1")
    >>> guard_formula("+46 Föreningen Ö"), guard_formula("-5"), guard_formula("+2,5"), guard_formula("Ramsberg"), guard_formula(3)
    ("'+46 Föreningen Ö", '-5', '+2,5', 'Ramsberg', 3)
    """
    return "'" + value if isinstance(value, str) and _runs_as_formula(value) else value


def _runs_as_formula(text: str) -> bool:
    # A text that already starts with an apostrophe before a formula gets a second one, so
    # that unguard_formula gives back exactly what was guarded.
    if text[:1] == "'":
        return _runs_as_formula(text[1:])
    return text[:1] in _FORMULA_STARTS and not _SIGNED_NUMBER.match(text)


def unguard_formula(text: str) -> str:
    """The inverse of :func:`guard_formula`: the apostrophe an export added, taken off again.

    Only an apostrophe that :func:`guard_formula` would have added goes; any other stays.

    >>> unguard_formula("'+46 Föreningen Ö"), unguard_formula("'＠a"), unguard_formula("'-5"), unguard_formula("'t Hooft")
    ('+46 Föreningen Ö', '＠a', "'-5", "'t Hooft")
    >>> guard_formula("'=1"), [unguard_formula(guard_formula(v)) for v in ("=1", "-5", "@x", "Ö", "'=1")]
    ("''=1", ['=1', '-5', '@x', 'Ö', "'=1"])
    """
    return text[1:] if text[:1] == "'" and _runs_as_formula(text[1:]) else text


class UnreadableFile(ValueError):
    """A file that is neither CSV nor XLSX of a known table; carries the problem's catalog key."""

    def __init__(self, source: str, key: str, **params):
        super().__init__(f"{source}: {key}")
        self.source, self.key, self.params = source, key, params


@dataclass(frozen=True)
class RawTable:
    """One table as read: its kind, where it came from and its rows as canonical-name dicts.

    ``rows`` pairs the row number a spreadsheet shows (the header is row 1) with the values;
    ``columns`` maps each canonical column to the heading it had in the file, and
    ``ignored`` lists headings that were not understood.
    """

    kind: str
    source: str
    columns: dict[str, str]
    rows: tuple[tuple[int, dict[str, str]], ...]
    ignored: tuple[str, ...] = field(default=())


def decode(data: bytes) -> str:
    """Text of a small file: UTF-8 with or without BOM, else Windows-1252 (uploads are streamed instead).

    >>> decode("ort;namn\\nVedevåg;Å".encode("cp1252"))
    'ort;namn\\nVedevåg;Å'
    >>> decode(b"\\xef\\xbb\\xbfnamn")
    'namn'
    """
    return data.decode(detect_encoding(data), errors="replace")


def table_kind(name: str) -> str | None:
    """The table a file or sheet name stands for, or ``None``.

    >>> table_kind("Organisationer 2026.csv"), table_kind("ties.csv"), table_kind("budget.csv")
    ('organisations', 'ties', None)
    """
    stem = PurePath(name).stem if PurePath(name).suffix.lower() in (".csv", ".xlsx", ".txt") else name
    whole = file_key(stem)
    words = [file_key(part) for part in re.split(r"[\s_\-.]+", stem) if part]
    for kind, aliases in _TABLE_ALIASES.items():
        if whole in aliases or any(word in aliases for word in words):
            return kind
    return None


def _table(kind: str, source: str, header: list[str], body: Iterable[tuple[int, list]]) -> RawTable:
    aliases = COLUMNS[kind]
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    ignored = []
    for index, heading in enumerate(header):
        folded = file_key(heading or "")
        if not folded:
            continue
        canonical = next((c for c, names in aliases.items() if folded in names and c not in columns), None)
        if canonical is None:
            ignored.append(str(heading))
            continue
        columns[canonical] = str(heading).strip()
        positions[canonical] = index
    rows = []
    for number, values in body:
        if not any(str(v).strip() for v in values if v is not None):
            continue  # Excel leaves empty rows at the end of a sheet
        rows.append((number, {c: _cell(values, i) for c, i in positions.items()}))
    return RawTable(kind, source, columns, tuple(rows), tuple(ignored))


def _cell(values: list, index: int) -> str:
    if index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into Excel: 5560360793, not 5560360793.0
    # An export guarded text that looked like a formula ('+46 …); reading it back undoes that.
    return unguard_formula(str(value).strip())


def read_csv(name: str, data: bytes, limits: Limits = LIMITS) -> RawTable:
    """Read one CSV file; its name says which table it is."""
    kind = table_kind(name)
    if kind is None:
        raise UnreadableFile(name, "exchange.problem.unknown_table", name=name)
    rows = csv_rows(name, data, limits)
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(name, "exchange.problem.empty_file", name=name)
    return _table(kind, name, header, enumerate(rows, start=2))


def open_workbook(name: str, data: bytes, limits: Limits = LIMITS, *, field: str = "files"):
    """An openpyxl workbook in read-only mode, after its zip directory is checked against the limits."""
    from openpyxl import load_workbook  # lazy: openpyxl loads only for a workbook

    try:
        check_workbook(name, data, limits, field=field)
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRefused:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds for a file that is not a workbook
        raise UnreadableFile(name, "exchange.problem.not_a_workbook", name=name) from error


def sheet_rows(name: str, sheet, limits: Limits = LIMITS, *, field: str = "files") -> Iterator[list]:
    """A sheet's rows (the heading first) as lists, streamed, within the limits.

    Rows that hold nothing are passed on but not counted (Excel leaves them at the end of a
    sheet); all rows together are bounded too, so a sheet of a million empty rows stops.
    """
    counted = seen = 0
    try:
        for row in sheet.iter_rows(values_only=True, max_col=limits.columns):
            seen += 1
            values = list(row)
            if any(v is not None and str(v).strip() for v in values):
                counted += 1
            if counted > limits.rows + 1 or seen > 4 * (limits.rows + 1):
                raise UploadRefused("uploads.limit.rows", field=field, name=name, limit=f"{limits.rows:,}".replace(",", " "))
            for value in values:
                check_cell(name, seen, value, limits, field=field)
            yield values
    except (UploadRefused, UnreadableFile):
        raise
    except Exception as error:  # a broken sheet inside a valid zip
        raise UnreadableFile(name, "exchange.problem.not_a_workbook", name=name) from error


def read_xlsx(name: str, data: bytes, limits: Limits = LIMITS) -> list[RawTable]:
    """Read every recognised sheet of a workbook; sheets with other names are reported."""
    workbook = open_workbook(name, data, limits)
    tables = []
    try:
        for sheet in workbook.worksheets:
            kind = table_kind(sheet.title)
            if kind is None:
                continue
            source = f"{name} [{sheet.title}]"
            rows = sheet_rows(source, sheet, limits)
            header = next(rows, None)
            if header is None:
                continue
            tables.append(_table(kind, source, [str(v or "") for v in header], enumerate(rows, start=2)))
    finally:
        workbook.close()
    if not tables:
        raise UnreadableFile(name, "exchange.problem.no_known_sheet", name=name)
    return tables


def read_files(files: list[tuple[str, bytes]]) -> tuple[list[RawTable], list[UnreadableFile]]:
    """Read (name, bytes) pairs: the tables found, and the files that could not be used."""
    tables: list[RawTable] = []
    unreadable: list[UnreadableFile] = []
    for name, data in files:
        try:
            if PurePath(name).suffix.lower() == ".xlsx" or data[:2] == b"PK":
                tables.extend(read_xlsx(name, data))
            else:
                tables.append(read_csv(name, data))
        except UnreadableFile as problem:
            unreadable.append(problem)
    return tables, unreadable
