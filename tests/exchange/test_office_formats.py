"""The spreadsheets as a Swedish office opens them: numbers as numbers, formulas never run.

The CSV is read the way LibreOffice reads it with Swedish settings (semicolon, decimal comma);
where LibreOffice is installed it converts the file itself and the cells are checked.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from sqlalchemy import update

from tests.exchange.test_exports import process, run  # noqa: F401 (the fixture)
from tests.factories import join
from workshop.exchange.exports.workbook import KRONOR_FORMAT
from workshop.exchange.tables import read_files
from workshop.models import Idea

# What a spreadsheet with Swedish settings takes for a number: digits, a decimal comma.
SWEDISH_NUMBER = re.compile(r"^-?\d+(,\d+)?$")
ENGLISH_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def csv_rows(data: bytes, member: str) -> list[dict[str, str]]:
    text = zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def as_libreoffice_swedish(cell: str):
    """A cell as LibreOffice (sv-SE, ';' separator) types it: a float, or the text."""
    return float(cell.replace(",", ".")) if SWEDISH_NUMBER.match(cell) else cell


def test_swedish_csv_writes_decimals_with_a_comma_so_they_open_as_numbers(process):
    store, _ = process
    rows = csv_rows(run(store, "csv"), "organisationer.csv")
    for column in ("Styrka", "Brobyggarvärde"):
        values = [as_libreoffice_swedish(row[column]) for row in rows]
        assert all(isinstance(v, float) for v in values), (column, values)
    # The café's links: to bygdeföreningen an idea, a tie and a meeting (1 + 2 + 0.25, see
    # test_exports), to the private person the idea and the meeting (1 + 0.25): 4.5 in all.
    cafe = next(row for row in rows if row["Namn"] == "Ramsbergs Kafé AB")
    assert cafe["Styrka"] == "4,5" and as_libreoffice_swedish(cafe["Styrka"]) == pytest.approx(4.5)


def test_english_csv_writes_decimals_with_a_point(process):
    store, _ = process
    rows = csv_rows(run(store, "csv", language="en"), "organisations.csv")
    assert rows and all(ENGLISH_NUMBER.match(row["Strength"]) for row in rows)


@pytest.mark.parametrize("name", ["+46 Föreningen Ö", "=1 förening", "＝1+1 förening", "@Bygdegården", "－Ramsberg"])
def test_a_name_that_looks_like_a_formula_is_guarded_in_the_csv_and_imported_back_as_it_was(process, name):
    store, meeting = process
    join(store, meeting, "Gun Gustavsson", name)
    data = run(store, "csv")
    rows = csv_rows(data, "organisationer.csv")
    assert "'" + name in {row["Namn"] for row in rows}  # the spreadsheet shows it as text
    member = zipfile.ZipFile(io.BytesIO(data)).read("organisationer.csv")
    tables, unreadable = read_files([("organisationer.csv", member)])
    assert not unreadable
    names = {values["name"] for _, values in tables[0].rows}
    assert name in names and "'" + name not in names


def test_xlsx_shows_kronor_and_decimals_in_number_formats(process):
    from openpyxl import load_workbook

    store, _ = process
    with store.unit_of_work(write=True) as session:
        session.execute(update(Idea).where(Idea.title == "Bygdekök i skolan").values(budget_sek=640000))
        session.commit()
    book = load_workbook(io.BytesIO(run(store, "xlsx")))
    ideas = book["Idéer"]
    column = [c.value for c in ideas[1]].index("Budget (kr)") + 1
    budget = next(row[column - 1] for row in ideas.iter_rows(min_row=2) if row[0].value == "Bygdekök i skolan")
    assert budget.value == 640000 and budget.number_format == KRONOR_FORMAT
    organisations = book["Organisationer"]
    strength = [c.value for c in organisations[1]].index("Styrka")
    assert {row[strength].number_format for row in organisations.iter_rows(min_row=2)} == {"0.00"}


def libreoffice() -> str:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    return office


def test_libreoffice_with_swedish_settings_opens_the_csv_numbers_as_numbers_and_budgets_in_kronor(process, tmp_path):
    from openpyxl import load_workbook

    office = libreoffice()
    store, _ = process
    with store.unit_of_work(write=True) as session:
        session.execute(update(Idea).where(Idea.title == "Bygdekök i skolan").values(budget_sek=640000))
        session.commit()
    zipfile.ZipFile(io.BytesIO(run(store, "csv"))).extractall(tmp_path / "csv")
    # 59 = ';', 34 = '"', 76 = UTF-8, first line 1, language 1053 = Swedish (decimal comma).
    command = [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--infilter=CSV:59,34,76,1,,1053",
               "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(tmp_path / "csv" / "organisationer.csv")]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    sheet = load_workbook(tmp_path / "out" / "organisationer.xlsx").active
    headings = [c.value for c in sheet[1]]
    strength = [row[headings.index("Styrka")].value for row in sheet.iter_rows(min_row=2)]
    assert strength and all(isinstance(v, (int, float)) for v in strength), strength
