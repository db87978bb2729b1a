"""The import's ties sheet as people write it (a pair from both sides, or twice), the notes
sheet ("dold kunskap"), the example lists, and a summary in one language."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.exchange.files import ORGANISATIONER, IDEER, swedish_excel, workbook
from tests.factories import row_counts
from workshop.exchange.importing.api import import_tables, preview_import
from workshop.exchange.importing.results import ImportHasProblems, describe_written
from workshop.i18n import translate
from workshop.models import Note, Organisation, Tie

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "exchange" / "example-lists"

TIES_BOTH_WAYS = (
    "Organisation A;Organisation B;Typ\r\n"
    "Ramsbergs bygdeförening;Guldsmedshyttans Såg AB;har samarbetat\r\n"
    "Guldsmedshyttans Såg AB;Ramsbergs bygdeförening;har samarbetat\r\n"  # the same pair, from the other side
    "Lindesbergs kommun;Ramsbergs bygdeförening;känner\r\n"
    "Lindesbergs kommun;Ramsbergs bygdeförening;känner\r\n"  # the same row twice
    "Guldsmedshyttans Såg AB;Ramsbergs bygdeförening;känner\r\n"  # the same pair, another kind: a tie of its own
)


def ties(store) -> set[tuple[str, str, str]]:
    with store.unit_of_work() as session:
        names = {o.id: o.name for o in session.scalars(select(Organisation))}
        return {(*sorted((names[t.organisation_a_id], names[t.organisation_b_id])), t.kind) for t in session.scalars(select(Tie))}


def test_a_pair_listed_from_both_sides_or_twice_is_read_once_with_a_notice(store):
    files = [("organisationer.csv", swedish_excel(ORGANISATIONER)), ("kopplingar.csv", swedish_excel(TIES_BOTH_WAYS))]
    preview = preview_import(store, files, workshop_title="Listor")
    assert preview.problems == ()
    notices = {(n.row, n.key, n.message_params()["row"]) for n in preview.notices if n.source == "kopplingar.csv"}
    assert notices == {(3, "uploads.notice.tie_reversed", 2), (5, "uploads.notice.tie_repeated", 4)}
    assert translate("sv", "uploads.notice.tie_reversed", row=2) == "samma par som rad 2, åt andra hållet: läses in en gång"
    result = import_tables(store, files, workshop_title="Listor")
    assert result.written["ties"] == 3
    assert ties(store) == {
        ("Guldsmedshyttans Såg AB", "Ramsbergs bygdeförening", "cooperated"),
        ("Lindesbergs kommun", "Ramsbergs bygdeförening", "know"),
        ("Guldsmedshyttans Såg AB", "Ramsbergs bygdeförening", "know"),
    }


NOTES = (
    "Text;Organisation;Idé;Person;Plats;Typ;Synlighet\r\n"
    "Bygdegården har ett storkök;Ramsbergs bygdeförening;;;;Resurser;Alla\r\n"
    "Skolan vill ha lokala råvaror;;Bygdekök i skolan;;;Lokalkännedom;\r\n"
    "Kan hygienreglerna;;;Åsa Öberg;;erfarenhet;\r\n"
    "Vägen är avstängd vintertid;;;;Guldsmedshyttan;Hinder;Bara facilitatorer\r\n"
    "Sågen har en ny ägare;Vedevågs IF;;;;;\r\n"
)
BAD_NOTES = (
    "Text;Organisation;Idé;Person;Plats;Typ;Synlighet\r\n"
    ";Ramsbergs bygdeförening;;;;;\r\n"
    "Om ingenting;;;;;;\r\n"
    "Om två saker;Ramsbergs bygdeförening;Bygdekök i skolan;;;;\r\n"
    "Fel sort;Ramsbergs bygdeförening;;;;Skvaller;\r\n"
    "Fel synlighet;Ramsbergs bygdeförening;;;;;hemlig\r\n"
    "Bygdegården har ett storkök;Ramsbergs bygdeförening;;;;Resurser;Alla\r\n"
    "Bygdegården har ett storkök;Ramsbergs bygdeförening;;;;Resurser;Alla\r\n"
)


def notes_files(notes: str) -> list[tuple[str, bytes]]:
    return [("organisationer.csv", swedish_excel(ORGANISATIONER)), ("idéer.csv", swedish_excel(IDEER)), ("dold kunskap.csv", swedish_excel(notes))]


def test_a_notes_sheet_is_read_into_tacit_knowledge_about_one_thing_each(store):
    preview = preview_import(store, notes_files(NOTES), workshop_title="Listor")
    assert preview.problems == ()
    summary = {t.kind: (t.rows, t.valid, t.new) for t in preview.tables}
    assert summary["notes"] == (5, 5, 5)
    assert "Vedevågs IF" in preview.created_by_reference  # named only in a note: created, as for commitments
    result = import_tables(store, notes_files(NOTES), workshop_title="Listor")
    assert result.written["notes"] == 5
    with store.unit_of_work() as session:
        notes = {n.text: n for n in session.scalars(select(Note))}
        assert (notes["Bygdegården har ett storkök"].subject, notes["Bygdegården har ett storkök"].kind, notes["Bygdegården har ett storkök"].visibility) == ("organisation", "resources", "all")
        assert notes["Skolan vill ha lokala råvaror"].subject == "idea" and notes["Skolan vill ha lokala råvaror"].about_idea_id is not None
        # A note about a person is for facilitators unless the list says otherwise.
        assert (notes["Kan hygienreglerna"].subject, notes["Kan hygienreglerna"].about_text, notes["Kan hygienreglerna"].visibility) == ("person", "Åsa Öberg", "facilitators")
        assert (notes["Vägen är avstängd vintertid"].subject, notes["Vägen är avstängd vintertid"].visibility) == ("place", "facilitators")
        assert notes["Sågen har en ny ägare"].kind == "local_knowledge"  # a blank kind, as the docs say
        assert all(n.author_id is None and n.workshop_id == result.workshop_id for n in notes.values())
    # The same lists again: nothing new.
    before = row_counts(store)
    again = import_tables(store, notes_files(NOTES), workshop_title="Listor")
    assert again.written["notes"] == 0
    assert row_counts(store)["notes"] == before["notes"]


def test_a_bad_notes_row_is_named_by_row_and_column_and_nothing_is_written(store):
    preview = preview_import(store, notes_files(BAD_NOTES), workshop_title="Listor")
    found = {(p.row, p.column, p.key) for p in preview.problems}
    assert found == {
        (2, "Text", "errors.required"),
        (3, "Text", "uploads.problem.note_about_missing"),
        (4, "Idé", "uploads.problem.note_about_several"),
        (5, "Typ", "uploads.problem.unknown_note_kind"),
        (6, "Synlighet", "uploads.problem.unknown_visibility"),
        (8, "Text", "exchange.problem.duplicate_row"),
    }
    before = row_counts(store)
    with pytest.raises(ImportHasProblems):
        import_tables(store, notes_files(BAD_NOTES), workshop_title="Listor")
    assert row_counts(store) == before


def test_a_notes_sheet_in_a_workbook_is_found_by_its_swedish_name(store):
    data = workbook({"Organisationer": ORGANISATIONER, "Dold kunskap": NOTES.replace(";Vedevågs IF;", ";Lindesbergs kommun;")})
    preview = preview_import(store, [("listor.xlsx", data)], workshop_title="Listor")
    assert {t.kind: t.valid for t in preview.tables}["notes"] == 5


def test_the_example_lists_import_with_the_tie_notices_and_nothing_refused(store):
    files = [(path.name, path.read_bytes()) for path in sorted(EXAMPLE.glob("*.csv"))]
    preview = preview_import(store, files, workshop_title="Exempel")
    assert preview.problems == ()
    assert {n.key for n in preview.notices if n.source == "kopplingar.csv"} == {"uploads.notice.tie_reversed", "uploads.notice.tie_repeated"}
    result = import_tables(store, files, workshop_title="Exempel")
    assert (result.written["ties"], result.written["notes"], result.written["ideas"]) == (2, 4, 2)


@pytest.mark.parametrize(
    "language, expected",
    [("sv", "4 nya organisationer, 2 nya kopplingar, 1 nya anteckningar om dold kunskap"), ("en", "4 new organisations, 2 new ties, 1 new tacit-knowledge notes")],
)
def test_the_import_summary_is_in_one_language(language, expected):
    assert describe_written({"organisations": 4, "people": 0, "ties": 2, "notes": 1}, language) == expected
