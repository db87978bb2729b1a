"""The spreadsheets as a Swedish office opens them: numbers as numbers, formulas never run.

The CSV is read the way LibreOffice reads it with Swedish settings (semicolon, decimal comma);
where LibreOffice is installed it converts the file itself and the cells are checked: the CSV
opened with Swedish settings, and the demo's XLSX opened by a LibreOffice set to Swedish and
saved as ODS, whose cells say both their type and the text LibreOffice shows.
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


def swedish_profile(tmp_path) -> str:
    """A LibreOffice user profile whose locale is Swedish (as an office in Sweden has it)."""
    user = tmp_path / "profile" / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n'
        + "".join(f'<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="{name}" oor:op="fuse"><value>sv-SE</value></prop></item>\n'
                  for name in ("ooSetupSystemLocale", "ooLocale"))
        + "</oor:items>\n",
        encoding="utf-8",
    )
    return f"-env:UserInstallation=file://{tmp_path}/profile"


@pytest.fixture(scope="module")
def swedish_office(tmp_path_factory) -> list[str]:
    """LibreOffice, headless, with one Swedish profile for the module: a new profile costs
    LibreOffice its first-start set-up, once here rather than once per file."""
    return [libreoffice(), "--headless", swedish_profile(tmp_path_factory.mktemp("office"))]


def test_libreoffice_with_swedish_settings_opens_the_csv_numbers_and_budgets_as_numbers(process, swedish_office, tmp_path):
    from openpyxl import load_workbook

    store, _ = process
    with store.unit_of_work(write=True) as session:
        session.execute(update(Idea).where(Idea.title == "Bygdekök i skolan").values(budget_sek=640000))
        session.commit()
    zipfile.ZipFile(io.BytesIO(run(store, "csv"))).extractall(tmp_path / "csv")
    members = ("organisationer.csv", "idéer.csv")
    # One start for both files. 59 = ';', 34 = '"', 76 = UTF-8, first line 1, language 1053 = Swedish (decimal comma).
    command = [*swedish_office, "--infilter=CSV:59,34,76,1,,1053", "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"),
               *(str(tmp_path / "csv" / member) for member in members)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)

    def opened(member: str) -> tuple[list, list]:
        sheet = load_workbook(tmp_path / "out" / member.replace(".csv", ".xlsx")).active
        return [c.value for c in sheet[1]], list(sheet.iter_rows(min_row=2, values_only=True))

    headings, rows = opened("organisationer.csv")
    for column in ("Styrka", "Brobyggarvärde"):
        values = [row[headings.index(column)] for row in rows]
        assert values and all(isinstance(v, (int, float)) for v in values), (column, values)
    headings, rows = opened("idéer.csv")
    budget = {row[0]: row[headings.index("Budget (kr)")] for row in rows}
    assert budget["Bygdekök i skolan"] == 640000  # a number a sum can add, not the text "640000"


def ods_tables(path) -> dict[str, list[list[tuple[str | None, str | None, str]]]]:
    """Every table of an ODS file: rows of (value type, value, the text LibreOffice shows)."""
    from lxml import etree

    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    attr = lambda prefix, name: f"{{{ns[prefix]}}}{name}"  # noqa: E731
    root = etree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    tables = {}
    for table in root.iterfind(".//table:table", ns):
        rows = []
        for row in table.iterfind("table:table-row", ns):
            cells = []
            for cell in row.iterfind("table:table-cell", ns):
                shown = "\n".join("".join(p.itertext()) for p in cell.iterfind("text:p", ns))
                repeat = min(int(cell.get(attr("table", "number-columns-repeated"), "1")), 50)  # the sheet's empty tail
                cells += [(cell.get(attr("office", "value-type")), cell.get(attr("office", "value")), shown)] * repeat
            rows.append(cells)
        tables[table.get(attr("table", "name"))] = rows
    return tables


@pytest.fixture(scope="module")
def demo_xlsx(tmp_path_factory) -> bytes:
    from tests.conftest import make_test_store
    from workshop.demo import load_demo
    from workshop.exchange.dataset import ExportOptions, read_export_data
    from workshop.exchange.exports import render

    store = make_test_store("sqlite", tmp_path_factory.mktemp("demo"))
    load_demo(store)
    return render(read_export_data(store, ExportOptions(language="sv")), "xlsx").data


def test_libreoffice_in_swedish_shows_the_demos_xlsx_budgets_in_kronor_and_measures_as_decimal_numbers(demo_xlsx, swedish_office, tmp_path):
    from openpyxl import load_workbook

    (tmp_path / "demo.xlsx").write_bytes(demo_xlsx)
    command = [*swedish_office, "--convert-to", "ods",
               "--outdir", str(tmp_path / "out"), str(tmp_path / "demo.xlsx")]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    tables = ods_tables(tmp_path / "out" / "demo.ods")
    written = load_workbook(io.BytesIO(demo_xlsx))

    def column(sheet: str, heading: str) -> list[tuple]:
        header, *rows = [row for row in tables[sheet] if any(text for _t, _v, text in row)]
        at = [text for _t, _v, text in header].index(heading)
        return [row[at] for row in rows if at < len(row)]

    budgets = [cell for cell in column("Idéer", "Budget (kr)") if cell[2]]
    ideas = written["Idéer"]
    at = [c.value for c in ideas[1]].index("Budget (kr)")
    expected = sorted(row[at] for row in ideas.iter_rows(min_row=2, values_only=True) if row[at] is not None)
    assert len(budgets) == len(expected) >= 3  # the demo gives several ideas a budget
    for kind, value, shown in budgets:
        # A number (a sum adds it) shown as a Swedish office writes kronor: "640 000 kr".
        assert kind in ("float", "currency") and re.fullmatch(r"\d{1,3}([ \xa0\u202f]\d{3})* kr", shown), (kind, value, shown)
        assert int(re.sub(r"\D", "", shown)) == float(value)
    assert sorted(float(value) for _k, value, _s in budgets) == expected
    for heading in ("Styrka", "Brobyggarvärde"):
        cells = column("Organisationer", heading)
        assert cells and all(kind == "float" and re.fullmatch(r"\d+,\d+", shown) for kind, _v, shown in cells), (heading, cells[:5])
