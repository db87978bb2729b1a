"""Importing a municipality's lists: Swedish Excel files, the preview, skip-invalid, twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.exchange.files import (
    ATAGANDEN,
    DELTAGARE,
    IDEER,
    KOPPLINGAR,
    ORGANISATIONER,
    process_files,
    swedish_excel,
    utf8_bom_commas,
    workbook,
)
from tests.factories import join, make_workshop, row_counts
from workshop.exchange.importing.api import import_tables, preview_import
from workshop.exchange.importing.results import ImportHasProblems
from workshop.models import Commitment, Idea, Organisation, Participant, Person, Tie


def organisations(store) -> dict[str, Organisation]:
    with store.unit_of_work() as session:
        found = {o.name: o for o in session.scalars(select(Organisation))}
        session.expunge_all()  # keep the loaded values after the unit of work rolls back
        return found


def people(store) -> dict[str, Person]:
    with store.unit_of_work() as session:
        found = {p.name: p for p in session.scalars(select(Person))}
        session.expunge_all()
        return found


@pytest.mark.parametrize("encode", [swedish_excel, utf8_bom_commas], ids=["windows-1252 semicolons", "utf-8 bom commas"])
def test_a_process_saved_by_excel_imports_with_swedish_names_and_values(store, encode):
    result = import_tables(store, process_files(encode), workshop_title="Listor från kommunen")
    assert result.workshop_created and result.facilitator_key
    orgs = organisations(store)
    assert orgs["Ramsbergs bygdeförening"].kind == "association"
    assert orgs["Ramsbergs bygdeförening"].org_number == "802000-1221"
    assert {(o["category"], o["label"]) for o in orgs["Ramsbergs bygdeförening"].offers} == {("premises", "bygdegård"), ("competence", "bokföring")}
    assert orgs["Guldsmedshyttans Såg AB"].kind == "company"
    assert orgs["Lindesbergs kommun"].kind == "public_body"
    # Named only in a commitment: created, as the issue asks.
    assert orgs["Vedevågs IF"].kind == "other_organisation"
    # Someone without an organisation takes part as a private person, as on joining.
    assert orgs["Karin Privat"].kind == "private_person"
    with store.unit_of_work() as session:
        ideas = {i.title: i for i in session.scalars(select(Idea))}
        assert ideas["Bygdekök i skolan"].themes == ["mat", "bygd"]
        assert {(n["category"], n["label"]) for n in ideas["Bygdekök i skolan"].needs} == {("premises", "kök"), ("money", "investering")}
        assert ideas["Sågverksmuseum"].stage == "refined"
        roles = {(c.organisation_id, c.idea_id): c.role for c in session.scalars(select(Commitment))}
        assert roles[(orgs["Ramsbergs bygdeförening"].id, ideas["Bygdekök i skolan"].id)] == "initiator"
        kinds = {t.kind for t in session.scalars(select(Tie))}
        assert kinds == {"cooperated", "know"}
        assert session.scalar(select(Participant.id).where(Participant.workshop_id == result.workshop_id)) is not None


def test_contact_details_are_kept_only_for_people_who_consented(store):
    preview = preview_import(store, process_files(), workshop_title="Listor")
    dropped = {dict(n.params)["name"] for n in preview.notices if n.key == "exchange.notice.contact_dropped"}
    assert dropped == {"Örjan Ärlig", "Karin Privat"}
    import_tables(store, process_files(), workshop_title="Listor")
    found = people(store)
    assert (found["Åsa Öberg"].email, found["Åsa Öberg"].phone) == ("asa.oberg@example.se", "070-1234567")
    assert found["Åsa Öberg"].contact_consent_at is not None
    assert (found["Örjan Ärlig"].email, found["Örjan Ärlig"].contact_consent_at) == (None, None)
    assert found["Karin Privat"].email is None


def test_sheets_of_one_workbook_import_like_the_files(store):
    data = workbook({"Organisationer": ORGANISATIONER, "Deltagare": DELTAGARE, "Idéer": IDEER, "Åtaganden": ATAGANDEN, "Kopplingar": KOPPLINGAR, "Budget": "x;y\r\n1;2\r\n"})
    result = import_tables(store, [("kommunens listor.xlsx", data)], workshop_title="Listor")
    assert result.written["organisations"] == 5 and result.written["ideas"] == 2 and result.written["ties"] == 2
    assert "Vedevågs IF" in organisations(store)


def test_importing_the_same_files_twice_adds_nothing(store):
    import_tables(store, process_files(), workshop_title="Listor")
    before = row_counts(store)
    again = import_tables(store, process_files(), workshop_title="Listor")
    assert not again.workshop_created
    assert set(again.written.values()) == {0}
    after = row_counts(store)
    assert {k: v for k, v in after.items() if k != "process_state"} == {k: v for k, v in before.items() if k != "process_state"}
    summary = {t.kind: (t.new, t.existing) for t in preview_import(store, process_files(), workshop_title="Listor").tables}
    assert summary["organisations"] == (0, 3) and summary["ideas"] == (0, 2)


def test_organisations_match_the_ones_entered_by_number_or_folded_name(store):
    meeting = make_workshop(store, title="Listor")
    join(store, meeting, "Anna", "RAMSBERGS  Bygdeförening!")
    join(store, meeting, "Bo", "Sågen i Guldsmedshyttan", kind="company", org_number="556036-0793")
    import_tables(store, process_files(), workshop_id=meeting.id)
    orgs = organisations(store)
    assert "Ramsbergs bygdeförening" not in orgs and "Guldsmedshyttans Såg AB" not in orgs
    assert len([o for o in orgs.values() if o.kind != "private_person"]) == 4  # two entered, the municipality, Vedevågs IF


from tests.exchange.files import BAD as _BAD  # noqa: E402


def bad_files():
    return list(_BAD)


def test_the_preview_names_every_problem_by_file_row_and_column(store):
    preview = preview_import(store, bad_files(), workshop_title="Listor")
    found = {(p.source, p.row, p.column, p.key) for p in preview.problems}
    assert found == {
        ("organisationer.csv", 3, "Typ", "exchange.problem.unknown_kind"),
        ("organisationer.csv", 4, "Organisationsnummer", "errors.org_number_checksum"),
        ("organisationer.csv", 5, "Namn", "exchange.problem.duplicate_row"),
        ("organisationer.csv", 6, "Namn", "errors.required"),
        ("åtaganden.csv", 3, "Organisation", "exchange.problem.unknown_reference"),
        ("åtaganden.csv", 4, "Organisation", "exchange.problem.refers_to_invalid_row"),
        ("åtaganden.csv", 5, "Roll", "exchange.problem.unknown_role"),
    }
    assert not preview.ok and preview.invalid_rows == 7


def test_nothing_is_written_while_a_row_is_invalid(store):
    before = row_counts(store)
    with pytest.raises(ImportHasProblems) as refused:
        import_tables(store, bad_files(), workshop_title="Listor")
    assert refused.value.preview.invalid_rows == 7
    assert row_counts(store) == before  # not even the workshop


def test_skipping_the_invalid_rows_writes_the_valid_ones_only(store):
    result = import_tables(store, bad_files(), workshop_title="Listor", skip_invalid=True)
    orgs = organisations(store)
    assert set(orgs) == {"Ramsbergs bygdeförening"}
    assert result.written["commitments"] == 1 and result.written["ideas"] == 1


def test_a_file_that_is_no_known_table_is_a_problem(store):
    preview = preview_import(store, [("budget.csv", b"a;b\r\n1;2\r\n"), ("bok.xlsx", b"PK not a workbook")], workshop_title="Listor")
    assert {p.key for p in preview.problems} == {"exchange.problem.unknown_table", "exchange.problem.not_a_workbook"}
