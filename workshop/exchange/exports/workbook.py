"""The tables as one XLSX workbook, or as a zip of CSV files Swedish Excel opens as they are.

Workbook: a sheet per table, Swedish headings, the header row frozen, filters on, columns
as wide as their content (within limits). CSV: UTF-8 with a byte-order mark and semicolons,
which is what Swedish Excel reads with å, ä and ö intact when the file is double-clicked.
"""

from __future__ import annotations

import csv
import io
import zipfile

from ..dataset import Sheet

__all__ = ["to_xlsx", "to_csv_zip", "safe_cell"]

MIN_WIDTH, MAX_WIDTH = 8, 60


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV only).

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Ramsberg"), safe_cell(3)
    ("'=HYPERLINK(1)", 'Ramsberg', 3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and len(value) > 1 and not value[1:].replace(".", "").replace(",", "").isdigit():
        return "'" + value
    return value


def to_xlsx(sheets: tuple[Sheet, ...]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        ws.append(list(sheet.headings))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for number, row in enumerate(sheet.rows, start=2):
            ws.append(list(row))
            for column, value in enumerate(row, start=1):
                if isinstance(value, str) and value.startswith("="):
                    ws.cell(number, column).data_type = "s"  # text that looks like a formula stays text
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


def to_csv_zip(sheets: tuple[Sheet, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for sheet in sheets:
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
            writer.writerow(sheet.headings)
            writer.writerows([safe_cell(v) for v in row] for row in sheet.rows)
            info = zipfile.ZipInfo(_file_name(sheet.name), date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\ufeff" + text.getvalue())
    return buffer.getvalue()
