"""Bounds on everything that comes in through a file: lists, register extracts and backups.

One place for every limit, used by the list import (:mod:`workshop.exchange.tables`), the
company register import (:mod:`workshop.companies.importing`) and backup restore
(:mod:`workshop.exchange.backup`). A file past a limit is refused whole with
:class:`UploadRefused`, whose Swedish message names the file, what was found and the limit;
nothing is read further and nothing is written.

The readers stream, so that memory stays near the size of the file itself:

- **CSV** is decoded and split row by row (:func:`csv_rows`): the encoding is found without
  decoding the whole file, the ``csv`` reader's field limit is ours, and reading stops at the
  first row past :attr:`Limits.rows`.
- **XLSX** is a zip archive: before openpyxl sees it, the sizes each member declares in the
  zip's central directory are added up (:func:`check_workbook`) and a member that unpacks
  more than :attr:`Limits.xlsx_ratio` times its packed size is refused (a zip bomb). Python's
  zip reader stops at the declared size, so a member cannot unpack more than it declares.
  Sheets are then read with openpyxl's ``read_only`` mode, row by row, at most
  :attr:`Limits.columns` columns.
- **JSON** (a backup) is refused past :attr:`Limits.backup_bytes` before it is parsed, past
  :attr:`Limits.json_depth` levels of nesting (checked without recursion, before the parser
  recurses) and past :attr:`Limits.backup_rows` rows.

The numbers are generous for a municipality's lists (a register extract of every company in
Örebro län has about 30 000 rows) and small for an attacker. The row limit can be set with
``PROJEKTBEREDSKAP_UPLOAD_MAX_ROWS``, a backup's rows and size with
``PROJEKTBEREDSKAP_RESTORE_MAX_ROWS`` and ``PROJEKTBEREDSKAP_RESTORE_MAX_MB``
(:func:`limits_from_environ`).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..errors import ServiceError

__all__ = ["Limits", "LIMITS", "ROWS_VARIABLE", "RESTORE_ROWS_VARIABLE", "RESTORE_MB_VARIABLE", "limits_from_environ", "UploadRefused", "check_size", "check_workbook", "detect_encoding", "csv_rows", "check_json_shape", "check_cell"]

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Every bound on an uploaded file. Sizes in bytes, lengths in characters."""

    file_bytes: int = 20 * MB  # one CSV or XLSX file as uploaded
    xlsx_unpacked_bytes: int = 60 * MB  # all members of a workbook, as the zip directory declares them
    xlsx_ratio: int = 100  # a member may unpack at most this many times its packed size …
    xlsx_ratio_from: int = 1 * MB  # … once it unpacks to more than this (small XML parts pack well)
    rows: int = 50_000  # rows of one table (CSV file or sheet), the heading not counted
    columns: int = 200
    field_chars: int = 10_000  # one cell
    line_chars: int = 200_000  # one line of a CSV file, read before the csv module splits it
    backup_bytes: int = 50 * MB
    backup_rows: int = 100_000  # all tables of a backup together
    json_depth: int = 16  # a backup is 6 deep; a list of offers in a row adds two

    def mb(self, size: int) -> str:
        """A size in MB as the messages write it, with a decimal comma.

        >>> LIMITS.mb(20 * MB), LIMITS.mb(1_572_864)
        ('20', '1,5')
        """
        value = size / MB
        return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")


ROWS_VARIABLE = "PROJEKTBEREDSKAP_UPLOAD_MAX_ROWS"
RESTORE_ROWS_VARIABLE = "PROJEKTBEREDSKAP_RESTORE_MAX_ROWS"
RESTORE_MB_VARIABLE = "PROJEKTBEREDSKAP_RESTORE_MAX_MB"


def _whole_number(environ: Mapping[str, str], variable: str, what: str) -> int | None:
    """The positive whole number ``variable`` holds, ``None`` when unset or empty."""
    value = environ.get(variable, "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ValueError(f"{variable} must be a positive whole number of {what}, not {value!r}")
    return int(value)


def limits_from_environ(environ: Mapping[str, str] | None = None) -> Limits:
    """The limits, with three of them from the environment when set:
    :attr:`Limits.rows` from ``PROJEKTBEREDSKAP_UPLOAD_MAX_ROWS``, :attr:`Limits.backup_rows`
    from ``PROJEKTBEREDSKAP_RESTORE_MAX_ROWS`` and :attr:`Limits.backup_bytes` (in MB) from
    ``PROJEKTBEREDSKAP_RESTORE_MAX_MB``.

    A municipality whose register extracts are longer, or whose database has outgrown the
    backup limits, may raise them; the tests lower them to walk the same code with a small
    file. Anything but a positive whole number is refused when the app starts, naming the
    variable.

    >>> limits_from_environ({}).rows, limits_from_environ({ROWS_VARIABLE: "200"}).rows
    (50000, 200)
    >>> limits = limits_from_environ({RESTORE_ROWS_VARIABLE: "2000", RESTORE_MB_VARIABLE: "5"})
    >>> limits.backup_rows, limits.backup_bytes == 5 * MB, limits.rows
    (2000, True, 50000)
    """
    environ = os.environ if environ is None else environ
    shipped = Limits()
    rows = _whole_number(environ, ROWS_VARIABLE, "rows")
    backup_rows = _whole_number(environ, RESTORE_ROWS_VARIABLE, "rows")
    backup_mb = _whole_number(environ, RESTORE_MB_VARIABLE, "MB")
    return Limits(
        rows=shipped.rows if rows is None else rows,
        backup_rows=shipped.backup_rows if backup_rows is None else backup_rows,
        backup_bytes=shipped.backup_bytes if backup_mb is None else backup_mb * MB,
    )


LIMITS = limits_from_environ()


class UploadRefused(ServiceError):
    """A file past one of the :class:`Limits`; the message key says which, the params the numbers.

    ``key`` is one of ``uploads.limit.file_bytes``, ``.xlsx_unpacked``, ``.xlsx_ratio``,
    ``.rows``, ``.columns``, ``.field_chars``, ``.line_chars``, ``.backup_bytes``, ``.backup_rows``,
    ``.json_depth``, ``.csv_broken``.
    """

    message_key = "uploads.limit.file_bytes"

    def __init__(self, key: str, *, field: str = "files", **params):
        super().__init__(key, field=field, **params)


def check_size(name: str, size: int, limit: int, *, key: str = "uploads.limit.file_bytes", field: str = "files") -> None:
    """Refuse a file of ``size`` bytes over ``limit`` before anything reads it."""
    if size > limit:
        raise UploadRefused(key, field=field, name=name, size=LIMITS.mb(size), limit=LIMITS.mb(limit))


def check_cell(name: str, row: int, value: object, limits: Limits = LIMITS, *, field: str = "files") -> None:
    """Refuse a cell longer than :attr:`Limits.field_chars`."""
    if isinstance(value, str) and len(value) > limits.field_chars:
        raise UploadRefused("uploads.limit.field_chars", field=field, name=name, row=row, limit=f"{limits.field_chars:,}".replace(",", " "))


def check_workbook(name: str, data: bytes, limits: Limits = LIMITS, *, field: str = "files") -> None:
    """Refuse a workbook whose zip directory declares too much, before it is opened.

    Raises :class:`zipfile.BadZipFile` (the caller's "not a workbook") for a file that is no zip.
    """
    check_size(name, len(data), limits.file_bytes, field=field)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.xlsx_unpacked_bytes:
        raise UploadRefused("uploads.limit.xlsx_unpacked", field=field, name=name, size=LIMITS.mb(unpacked), limit=LIMITS.mb(limits.xlsx_unpacked_bytes))
    for member in members:
        if member.file_size > limits.xlsx_ratio_from and member.file_size > limits.xlsx_ratio * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise UploadRefused("uploads.limit.xlsx_ratio", field=field, name=name, member=member.filename[:80], ratio=ratio, limit=limits.xlsx_ratio)


def detect_encoding(data: bytes) -> str:
    """UTF-8 with a BOM (``utf-8-sig``) or without, else Windows-1252.

    The check decodes in pieces and keeps nothing, so a large file is not copied.

    >>> detect_encoding("ort;namn\\nVedevåg".encode("cp1252")), detect_encoding(b"\\xef\\xbb\\xbfnamn"), detect_encoding("å".encode())
    ('cp1252', 'utf-8-sig', 'utf-8')
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    step = 1 << 16
    try:
        for start in range(0, len(view), step):
            decoder.decode(view[start:start + step], final=start + step >= len(view))
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        # Windows-1252 maps all but five bytes; those five never occur in Swedish text.
        return "cp1252"
    return "utf-8"


_QUOTED = re.compile(r'"[^"]*"')


def _delimiter(header: str) -> str:
    # Outside quotes only: a quoted heading may hold the other character.
    bare = _QUOTED.sub("", header)
    return ";" if bare.count(";") > bare.count(",") else ("\t" if bare.count("\t") > bare.count(",") else ",")


def csv_rows(name: str, data: bytes, limits: Limits = LIMITS, *, field: str = "files") -> Iterator[list[str]]:
    """The rows of a CSV file (the heading first), read as a stream within the limits.

    Swedish Excel's semicolons in Windows-1252 and UTF-8 with or without BOM are read alike;
    the delimiter is the one the heading uses most (``;``, tab or ``,``). Raises
    :class:`UploadRefused` for a file, a row count, a row width or a field past the limits,
    and for a file the ``csv`` module cannot split (an unclosed quote running to the end).

    >>> list(csv_rows("a.csv", "namn;ort\\r\\nÅsa;Vedevåg\\r\\n".encode("cp1252")))
    [['namn', 'ort'], ['Åsa', 'Vedevåg']]
    >>> list(csv_rows("a.csv", b"namn\\n" + b"x\\n" * 3, Limits(rows=2)))
    Traceback (most recent call last):
    ...
    workshop.exchange.limits.UploadRefused: uploads.limit.rows files {'name': 'a.csv', 'limit': '2'}
    """
    check_size(name, len(data), limits.file_bytes, field=field)
    text = io.TextIOWrapper(io.BytesIO(data), encoding=detect_encoding(data), errors="replace", newline="")
    first = text.readline(limits.field_chars * 4)
    text.seek(0)
    # The csv module's own bound is process-wide; ours is the same everywhere, so setting it is safe.
    csv.field_size_limit(limits.field_chars)
    reader = csv.reader(_bounded_lines(name, text, limits, field), delimiter=_delimiter(first.splitlines()[0] if first else ""))
    count = 0
    try:
        for row in reader:
            if count > limits.rows:
                raise UploadRefused("uploads.limit.rows", field=field, name=name, limit=f"{limits.rows:,}".replace(",", " "))
            if len(row) > limits.columns:
                raise UploadRefused("uploads.limit.columns", field=field, name=name, row=reader.line_num, limit=limits.columns)
            count += 1
            yield row
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise UploadRefused("uploads.limit.field_chars", field=field, name=name, row=reader.line_num, limit=f"{limits.field_chars:,}".replace(",", " ")) from None
        raise UploadRefused("uploads.limit.csv_broken", field=field, name=name, row=reader.line_num) from None
    finally:
        text.detach()


def _bounded_lines(name: str, text: io.TextIOBase, limits: Limits, field: str) -> Iterator[str]:
    """The lines of ``text``, none longer than :attr:`Limits.line_chars`: the ``csv`` module reads a
    whole line before it checks a field's length, so a file of one endless line would be held twice."""
    number = 0
    while True:
        line = text.readline(limits.line_chars + 1)
        if not line:
            return
        number += 1
        if len(line) > limits.line_chars:
            raise UploadRefused("uploads.limit.line_chars", field=field, name=name, row=number, limit=f"{limits.line_chars:,}".replace(",", " "))
        yield line


def check_json_shape(data: bytes | str, limits: Limits = LIMITS, *, rows_at: int | None = 4) -> None:
    """Refuse JSON nested deeper than :attr:`Limits.json_depth`, or with more than
    :attr:`Limits.backup_rows` objects at depth ``rows_at`` (a backup's rows:
    document → tables → table → row), without parsing it.

    Brackets inside strings do not count. Runs through the text once with a regular
    expression that skips strings, so a file of 100 000 opening brackets is refused at
    the 17th, long before a recursive parser would reach Python's recursion limit, and a
    backup of 200 000 rows before a single row is built in memory.

    >>> check_json_shape(b'{"a": [1, "[[[[", {"b": []}]}', Limits(json_depth=4))
    >>> check_json_shape(b"[" * 100_000, Limits(json_depth=16))
    Traceback (most recent call last):
    ...
    workshop.exchange.limits.UploadRefused: uploads.limit.json_depth file {'limit': 16}
    >>> check_json_shape(b'{"tables": {"ideas": [{"id": 1}, {"id": 2}, {"id": 3}]}}', Limits(backup_rows=2))
    Traceback (most recent call last):
    ...
    workshop.exchange.limits.UploadRefused: uploads.limit.backup_rows file {'limit': '2'}
    """
    text = data if isinstance(data, bytes) else data.encode("utf-8", errors="replace")
    depth = rows = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > limits.json_depth:
                raise UploadRefused("uploads.limit.json_depth", field="file", limit=limits.json_depth)
            if depth == rows_at and token == b"{":
                rows += 1
                if rows > limits.backup_rows:
                    raise UploadRefused("uploads.limit.backup_rows", field="file", limit=f"{limits.backup_rows:,}".replace(",", " "))
        elif token in (b"]", b"}"):
            depth -= 1


# A string (with its escapes) is one token and skipped; brackets are the tokens that count.
_JSON_TOKENS = re.compile(rb'"(?:[^"\\]+|\\.)*"|[\[\]{}]', re.DOTALL)
