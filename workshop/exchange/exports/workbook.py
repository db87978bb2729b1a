"""The tables as one XLSX workbook, or as a zip of CSV files Swedish Excel opens as they are.

Workbook: a sheet per table, Swedish headings, the header row frozen, filters on, columns
as wide as their content (within limits), kronor as ``#,##0 "kr"`` (Swedish Excel and
LibreOffice show "640 000 kr") and measures with fixed decimals. CSV: UTF-8 with a byte-order
mark and semicolons, which is what Swedish Excel reads with å, ä and ö intact when the file is
double-clicked, and decimals with a comma in Swedish (a point in English), so a Swedish
spreadsheet reads them as numbers. Text that a spreadsheet would run as a formula gets a
leading apostrophe (:func:`workshop.exchange.tables.guard_formula`), which an import takes
off again.
"""

from __future__ import annotations

import csv
import io
import zipfile

from ...i18n import Translator
from ..dataset import Sheet
from ..tables import guard_formula

__all__ = ["to_xlsx", "to_csv_zip", "safe_cell", "csv_number", "KRONOR_FORMAT"]

MIN_WIDTH, MAX_WIDTH = 8, 60
KRONOR_FORMAT = '#,##0 "kr"'  # the file stores "," for "thousands"; a Swedish reader shows a space
# Columns by catalog key → number format; found by their heading in either language.
_COLUMN_FORMATS = {"budget_sek": KRONOR_FORMAT, "strength": "0.00", "betweenness": "0.0000", "score": "0.000"}

safe_cell = guard_formula  # the name other exports (companies.maturity) use


def csv_number(value, decimal: str = ","):
    """A number as a spreadsheet in the language reads it: ``0,25`` in Swedish, never ``1e-07``.

    >>> csv_number(0.25), csv_number(0.25, "."), csv_number(1e-07), csv_number(640000), csv_number(True), csv_number("0.5")
    ('0,25', '0.25', '0,0000001', 640000, True, '0.5')
    """
    if not isinstance(value, float):
        return value
    text = f"{value:.10f}".rstrip("0").rstrip(".") if value == value else ""
    return (text or "0").replace(".", decimal)


def _column_formats(headings: tuple[str, ...]) -> dict[int, str]:
    by_heading = {Translator(language)(f"exchange.col.{key}"): fmt for key, fmt in _COLUMN_FORMATS.items() for language in ("sv", "en")}
    return {index: by_heading[heading] for index, heading in enumerate(headings, start=1) if heading in by_heading}


def to_xlsx(sheets: tuple[Sheet, ...]) -> bytes:
    from openpyxl import Workbook  # lazy: openpyxl loads only when a workbook is written
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        ws.append(list(sheet.headings))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        formats = _column_formats(sheet.headings)
        for number, row in enumerate(sheet.rows, start=2):
            ws.append(list(row))
            for column, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("="):
                    ws.cell(number, column).data_type = "s"  # text that looks like a formula stays text
                elif column in formats and isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.cell(number, column).number_format = formats[column]
        ws.freeze_panes = "A2"
        last = get_column_letter(max(1, len(sheet.headings)))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(sheet.rows) + 1)}"
        for index, heading in enumerate(sheet.headings, start=1):
            longest = max([len(str(heading))] + [len(str(row[index - 1])) for row in sheet.rows[:500] if index - 1 < len(row)])
            ws.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _file_name(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name.lower()) + ".csv"


def to_csv_zip(sheets: tuple[Sheet, ...], *, decimal: str = ",") -> bytes:
    """The sheets as CSV files in a zip; ``decimal`` is "," for Swedish readers, "." for English."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
            writer.writerow(sheet.headings)
            writer.writerows([guard_formula(csv_number(v, decimal)) for v in row] for row in sheet.rows)
            info = zipfile.ZipInfo(_file_name(sheet.name), date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\ufeff" + text.getvalue())
    return buffer.getvalue()
