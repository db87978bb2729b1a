"""Importing a business-register extract: good files in, bad rows shown by row and column with
nothing written, duplicates by number merged, and the same file twice adding nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.exchange.files import swedish_excel, utf8_bom_commas, workbook
from tests.factories import coordinator_token, count, join, make_workshop
from workshop.companies import importing, register
from workshop.companies.importing import ExtractHasProblems
from workshop.models import AuditEvent, Company, Organisation, Person

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "companies" / "example-extract.csv"

# As SCB's Företagsregister writes an extract: PeOrgNr (twelve digits), Ng1/Ng2, a size class
# and turnover in tkr; a company listed twice, once per workplace.
SCB = (
    "PeOrgNr;Företagsnamn;Ng1;Ng2;Storleksklass;Omsättning tkr;Besöksadress;Besökspostnummer;Besöksort\r\n"
    "165560360793;Ramsbergs Smide AB;25500;33110;1-4 anställda;2 350;Bergslagsvägen 12;711 98;Ramsberg\r\n"
    "165590123450;Storå Snickeri & Bygg AB;43320;;5–9 anställda;6 100;Storgatan 4;71193;Storå\r\n"
    "165560360793;Ramsbergs Smide AB;25620;;1-4 anställda;;Industrivägen 2;711 98;Ramsberg\r\n"
)
# English headings, as UC or a CRM export writes them, in newer Excel's UTF-8 with commas.
ENGLISH = (
    "Company name;Organisation number;Industry code;Employees;Turnover;City;Contact person;Email;Consent\r\n"
    "Frövi Transport HB;916543-2106;49.410;12;14200000;Frövi;Stefan Öhman;stefan@example.se;yes\r\n"
    "Anna Bergs Hårvård;811218-9876;96.021;0;420000;Fellingsbro;Anna Berg;;\r\n"
)
# Five bad rows: a wrong check digit, an unknown division, a size that is no class, no name,
# an impossible personnummer date; and one good row.
BAD = (
    "Organisationsnummer;Företagsnamn;SNI;Storleksklass;Ort\r\n"
    "556036-0793;Ramsbergs Smide AB;25500;1-4;Ramsberg\r\n"
    "556036-0794;Felsiffran AB;25500;1-4;Ramsberg\r\n"
    "559012-3450;Storå Snickeri;04100;5-9;Storå\r\n"
    "769601-4476;Vedevågs Bygdebutik;47112;3-7;Vedevåg\r\n"
    "916543-2106;;49410;10-19;Frövi\r\n"
    "811392-9874;Fel Datum;96021;0;Storå\r\n"
)


@pytest.fixture
def token(store):
    return coordinator_token(store)


def names(store, token) -> list[str]:
    return [c.name for c in register.list_companies(store, token)]


def test_the_example_extract_imports_and_the_same_file_twice_adds_nothing(store, token):
    files = [(EXAMPLE.name, EXAMPLE.read_bytes())]
    preview = importing.preview_extract(store, token, files)
    assert (preview.rows, preview.new, preview.existing, preview.merged_rows, preview.problems) == (6, 5, 0, 1, ())
    assert count(store, Company) == 0  # a preview writes nothing
    first = importing.import_extract(store, token, files)
    assert (first.added, first.updated, first.unchanged) == (5, 0, 0)
    rows = {name: count(store, table) for name, table in (("companies", Company), ("organisations", Organisation), ("people", Person))}
    second = importing.import_extract(store, token, files)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 5)
    assert {name: count(store, table) for name, table in (("companies", Company), ("organisations", Organisation), ("people", Person))} == rows
    assert importing.preview_extract(store, token, files).existing == 5


def test_an_scb_extract_in_swedish_excels_csv_merges_a_company_listed_per_workplace(store, token):
    result = importing.import_extract(store, token, [("foretag.csv", swedish_excel(SCB))], source_date=dt.date(2026, 3, 2))
    assert result.added == 2
    smide = next(c for c in register.list_companies(store, token) if c.name == "Ramsbergs Smide AB")
    # The first row's values win; the second workplace adds its SNI code.
    assert (smide.org_number, smide.sni_codes, smide.address, smide.turnover_sek) == ("556036-0793", ("25500", "33110", "25620"), "Bergslagsvägen 12", 2_350_000)
    assert (smide.source, smide.source_date, smide.development_point) == ("Registerutdrag: foretag.csv", dt.date(2026, 3, 2), "Ramsberg")
    snickeri = next(c for c in register.list_companies(store, token) if c.name.startswith("Storå"))
    assert (snickeri.postcode, snickeri.size_class, snickeri.development_point) == ("711 93", "5-9", "Guldsmedshyttan")


def test_english_headings_in_a_utf8_file_with_commas_are_read(store, token):
    result = importing.import_extract(store, token, [("export.csv", utf8_bom_commas(ENGLISH))])
    assert result.added == 2
    transport, hair = sorted(register.list_companies(store, token), key=lambda c: c.name)[::-1]
    assert (transport.size_class, transport.turnover_class, transport.contact_email) == ("10-19", "10000-49999", "stefan@example.se")
    assert (hair.legal_form, hair.personal_number_masked, hair.org_number) == ("sole_trader", "811218-****", None)


def test_an_xlsx_workbook_is_read_from_its_first_sheet_with_known_headings(store, token):
    data = workbook({"Info": "Uttag\r\nSCB 2026\r\n", "Företag": SCB})
    result = importing.import_extract(store, token, [("utdrag.xlsx", data)])
    assert result.added == 2


def test_bad_rows_are_shown_by_row_and_column_and_nothing_is_written(store, token):
    files = [("utdrag.csv", swedish_excel(BAD))]
    preview = importing.preview_extract(store, token, files)
    assert [(p.row, p.column, p.key) for p in preview.problems] == [
        (3, "Organisationsnummer", "errors.org_number_checksum"),
        (4, "SNI", "companies.error.sni_division"),
        (5, "Storleksklass", "companies.error.size_class"),
        (6, "Företagsnamn", "errors.required"),
        (7, "Organisationsnummer", "companies.error.personal_number_date"),
    ]
    assert preview.invalid_rows == 5
    with pytest.raises(ExtractHasProblems) as caught:
        importing.import_extract(store, token, files)
    assert caught.value.params == {"count": 5}
    assert count(store, Company) == 0 and count(store, Organisation) == 0


def test_the_coordinator_may_skip_the_invalid_rows(store, token):
    result = importing.import_extract(store, token, [("utdrag.csv", swedish_excel(BAD))], skip_invalid=True)
    assert (result.added, names(store, token)) == (1, ["Ramsbergs Smide AB"])
    with store.unit_of_work() as session:
        detail = session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "company.import"))
    assert detail == {"added": 1, "updated": 0, "skipped_rows": 5}


def test_an_extract_merges_with_the_register_and_the_network(store, token):
    meeting = make_workshop(store)
    jonas = join(store, meeting, "Jonas", "Ramsbergs Smide AB", kind="company", org_number="556036-0793")
    register.add_company(store, token, name="Ramsbergs Smide AB", identity_number="556036-0793", locality="Ramsberg", size_class="0")
    result = importing.import_extract(store, token, [("foretag.csv", swedish_excel(SCB))])
    assert (result.added, result.updated) == (1, 1)
    smide = next(c for c in register.list_companies(store, token) if c.name == "Ramsbergs Smide AB")
    assert (smide.organisation_id, smide.size_class) == (jonas.organisation_id, "1-4")


def test_a_file_without_a_number_column_is_refused_as_a_whole(store, token):
    preview = importing.preview_extract(store, token, [("lista.csv", swedish_excel("Namn;Ort\r\nRamsbergs Smide AB;Ramsberg\r\n"))])
    assert [(p.row, p.key) for p in preview.problems] == [(1, "companies.import.missing_identity")]


def test_a_file_that_is_not_a_workbook_is_reported(store, token):
    preview = importing.preview_extract(store, token, [("trasig.xlsx", b"PK\x03\x04 inte en arbetsbok")])
    assert [p.key for p in preview.problems] == ["exchange.problem.not_a_workbook"]


def test_contact_details_without_consent_are_dropped_with_a_notice(store, token):
    text = "Organisationsnummer;Namn;Kontaktperson;E-post;Samtycke\r\n556036-0793;Ramsbergs Smide AB;Eva Smed;eva@example.se;nej\r\n"
    preview = importing.preview_extract(store, token, [("a.csv", swedish_excel(text))])
    assert "companies.import.contact_dropped" in [n.key for n in preview.notices]
    importing.import_extract(store, token, [("a.csv", swedish_excel(text))])
    [company] = register.list_companies(store, token)
    assert (company.contact_name, company.contact_email) == ("Eva Smed", None)


def test_a_locality_not_in_the_list_is_noticed(store, token):
    text = "Organisationsnummer;Namn;Ort\r\n556036-0793;Ramsbergs Smide AB;Atlantis\r\n"
    preview = importing.preview_extract(store, token, [("a.csv", swedish_excel(text))])
    assert [(n.key, n.message_params()) for n in preview.notices] == [("companies.import.no_development_point", {"locality": "Atlantis"})]
