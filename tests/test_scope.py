"""A workshop's view holds exactly its own organisations, in every output.

Its map, its insights (suggested introductions), the constellations its export and report
name, the export dataset and every export format: all list the organisations that took part
in the workshop, committed at it, were tied at it, or were registered at it; a company from
the register joins only by taking part. The whole process still holds everyone.

The expected sets are read straight from the database's tables (who sat in the room, who
committed, which ties were recorded there, who was registered there), not from the code
under test. Checked on the demo and on a fresh workshop next to register companies.
"""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pytest
from sqlalchemy import select

from tests.factories import add_idea, add_note, add_tie, commit, join, make_company, make_workshop
from workshop.db import create_store
from workshop.exchange.dataset import ExportOptions, read_export_data
from workshop.exchange.exports import render
from workshop.i18n import Translator
from workshop.models import Commitment, Company, Organisation, Participant, Person, Tie, Workshop
from workshop.services import analysis, maps, organisations, participants
from workshop.services.analysis import NetworkFilter
from workshop.services.network import read_snapshot
from workshop.services.reference import ensure_reference_data

FELLINGSBRO_COMPANIES = [f"Fellingsbro {trade}" for trade in ("Bygg AB", "Måleri AB", "El AB", "Rör AB", "Frisör AB", "Bageri AB", "Taxi AB", "Redovisning AB", "Skog AB", "Smide AB")]
VEDEVAG_IDLE_COMPANIES = ["Vedevågs Pizzeria AB", "Vedevågs Däck AB"]  # in the register, never came


def _store(tmp_path_factory, name: str):
    store = create_store(f"sqlite:///{tmp_path_factory.mktemp(name) / 'scope.sqlite3'}")
    ensure_reference_data(store)
    return store


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A new workshop in Vedevåg next to a Ramsberg meeting and a register of 13 companies.

    Vedevåg's own: Vedevågs IF and Vedevågs Bruk AB joined; Vedevågs Smide AB is in the
    register and sent someone, so it took part; Lindesbergs kommun was added outside the
    meetings and is tied to the Bruk at the meeting. The other 12 register companies never came.
    """
    store = _store(tmp_path_factory, "fresh")
    ramsberg = make_workshop(store)
    anna = join(store, ramsberg, "Anna", "Ramsbergs bygdeförening")
    join(store, ramsberg, "Bo", "Ramsbergs Kafé AB", kind="company")
    add_idea(store, anna, "Bygdekök i skolan")
    for name in FELLINGSBRO_COMPANIES:
        make_company(store, name, locality="Fellingsbro", development_point="Fellingsbro")
    for name in [*VEDEVAG_IDLE_COMPANIES, "Vedevågs Smide AB"]:
        make_company(store, name, locality="Vedevåg", development_point="Vedevåg")
    kommun = organisations.register_organisation(store, name="Lindesbergs kommun", kind="public_body", locality="Lindesberg").id
    vedevag = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg", challenge="Hur får bruksorten liv igen?")
    cecilia = join(store, vedevag, "Cecilia", "Vedevågs IF", locality="Vedevåg")
    david = join(store, vedevag, "David", "Vedevågs Bruk AB", kind="company", locality="Vedevåg")
    with store.unit_of_work() as session:
        smide = session.scalar(select(Organisation.id).where(Organisation.name == "Vedevågs Smide AB"))
    erik = participants.join_workshop(store, vedevag.id, name="Erik", organisation_id=smide)
    rink = add_idea(store, cecilia, "Isbana på bruksdammen", locality="Vedevåg", needs={"resource": ["snöslunga"]})
    commit(store, cecilia, rink, "initiator")
    commit(store, erik, rink)
    add_tie(store, david, david, kommun, kind="know")
    add_tie(store, david, david, cecilia, kind="cooperated")
    expected = {"Vedevågs IF", "Vedevågs Bruk AB", "Vedevågs Smide AB", "Lindesbergs kommun"}
    return store, vedevag.id, expected


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from workshop.demo import load_demo

    store = _store(tmp_path_factory, "demo")
    load_demo(store)
    return store


def organisations_of(store, workshop_id: int) -> set[str]:
    """The workshop's organisations by the rule, read from the tables themselves."""
    with store.unit_of_work() as session:
        ids = set(session.scalars(select(Person.organisation_id).join(Participant, Participant.person_id == Person.id).where(Participant.workshop_id == workshop_id)))
        ids |= set(session.scalars(select(Commitment.organisation_id).where(Commitment.workshop_id == workshop_id)))
        for a, b in session.execute(select(Tie.organisation_a_id, Tie.organisation_b_id).where(Tie.workshop_id == workshop_id)):
            ids |= {a, b}
        ids |= set(session.scalars(select(Organisation.id).where(Organisation.first_workshop_id == workshop_id)))
        return set(session.scalars(select(Organisation.name).where(Organisation.id.in_(ids - {None}), Organisation.merged_into_id.is_(None))))


def all_names(store) -> set[str]:
    with store.unit_of_work() as session:
        return set(session.scalars(select(Organisation.name).where(Organisation.merged_into_id.is_(None))))


def register_names(store) -> set[str]:
    with store.unit_of_work() as session:
        return set(session.scalars(select(Organisation.name).join(Company, Company.organisation_id == Organisation.id)))


def demo_workshops(store) -> list[int]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(Workshop.id).order_by(Workshop.date, Workshop.id)))


def cases(request) -> list[tuple[object, int, set[str]]]:
    """(store, workshop id, its organisations' names) for the fresh workshop and each demo meeting."""
    if request.param == "fresh":
        store, workshop_id, expected = request.getfixturevalue("fresh")
        assert organisations_of(store, workshop_id) == expected  # the oracle agrees with the story told above
        return [(store, workshop_id, expected)]
    store = request.getfixturevalue("demo")
    return [(store, w, organisations_of(store, w)) for w in demo_workshops(store)]


@pytest.fixture(params=["fresh", "demo"])
def workshops_with_their_organisations(request):
    return cases(request)


def view_of(store, workshop_id: int):
    return analysis.network_view(read_snapshot(store), NetworkFilter(workshop_ids=(workshop_id,)))


def test_the_demo_ramsberg_meeting_has_the_nine_organisations_that_took_part_and_no_idle_register_company(demo):
    first = demo_workshops(demo)[0]
    names = {data["name"] for _, data in view_of(demo, first).graph.nodes(data=True)}
    assert len(names) == 9 and names == organisations_of(demo, first)
    # The demo's register companies that took part in no meeting belong to the process only.
    idle = register_names(demo) - set().union(*(organisations_of(demo, w) for w in demo_workshops(demo)))
    assert len(idle) >= 20 and not idle & names


def test_the_whole_process_still_holds_every_organisation_including_the_register(fresh, demo):
    for store in (fresh[0], demo):
        names = {data["name"] for _, data in analysis.network_view(read_snapshot(store)).graph.nodes(data=True)}
        assert names == all_names(store) and register_names(store) <= names


def test_the_map_of_a_workshop_draws_exactly_its_organisations(workshops_with_their_organisations):
    for store, workshop_id, expected in workshops_with_their_organisations:
        view = view_of(store, workshop_id)
        assert {view.names[n] for n in view.graph} == expected
        selection = maps.map_selection(view)
        assert {view.names[n] for n in selection.nodes} == expected
        page = maps.map_html(view, nodes=selection.nodes)
        places = {d[key] for _, d in view.graph.nodes(data=True) for key in ("locality", "leader_area")}
        for outsider in all_names(store) - expected - places:
            assert json.dumps(outsider, ensure_ascii=False)[1:-1] not in page, outsider


def test_a_workshops_suggested_introductions_pair_only_its_own_organisations(workshops_with_their_organisations):
    for store, workshop_id, expected in workshops_with_their_organisations:
        view = view_of(store, workshop_id)
        insights = analysis.network_insights(view, read_snapshot(store))
        for intro in insights.introductions:
            assert {view.names[intro.organisation_a], view.names[intro.organisation_b]} <= expected
        assert {view.names[n] for n in insights.isolated} <= expected


def test_the_fresh_workshop_suggests_no_meeting_between_register_companies_that_never_came(fresh):
    store, workshop_id, _ = fresh
    view = view_of(store, workshop_id)
    named = {view.names[n] for i in analysis.network_insights(view, read_snapshot(store)).introductions for n in (i.organisation_a, i.organisation_b)}
    assert not named & set(FELLINGSBRO_COMPANIES + VEDEVAG_IDLE_COMPANIES)


def export_data(store, workshop_id):
    # Names as they are, so the lists compare with the tables (private persons too).
    return read_export_data(store, ExportOptions(workshop_id=workshop_id, include_personal_data=True))


def test_the_export_dataset_of_a_workshop_holds_exactly_its_organisations(workshops_with_their_organisations):
    for store, workshop_id, expected in workshops_with_their_organisations:
        data = export_data(store, workshop_id)
        assert {d["name"] for _, d in data.graph.nodes(data=True)} == expected
        sheet = data.sheets[0]
        assert {row[0] for row in sheet.rows} == expected
        for idea in data.ideas:
            for constellation in idea["constellations"]:
                assert set(constellation["members"]) <= expected


def _labels_of_graph_file(fmt: str, raw: bytes) -> set[str]:
    if fmt == "gexf":
        G = nx.read_gexf(io.BytesIO(raw))
        return {d["label"] for _, d in G.nodes(data=True)}
    if fmt == "graphml":
        G = nx.read_graphml(io.BytesIO(raw))
        return {d["label"] for _, d in G.nodes(data=True)}
    return {node["label"] for node in json.loads(raw)["nodes"]}


def _organisation_sheet(fmt: str, raw: bytes) -> set[str]:
    import pandas as pd

    if fmt == "xlsx":
        frame = pd.read_excel(io.BytesIO(raw), sheet_name=0)
    else:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        frame = pd.read_csv(io.BytesIO(archive.read("organisationer.csv")), sep=None, engine="python", encoding="utf-8-sig")
    return set(frame.iloc[:, 0])


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "xlsx", "csv"])
def test_each_export_format_lists_exactly_the_workshops_organisations(workshops_with_their_organisations, fmt):
    for store, workshop_id, expected in workshops_with_their_organisations:
        raw = render(export_data(store, workshop_id), fmt).data
        found = _labels_of_graph_file(fmt, raw) if fmt in ("gexf", "graphml", "json") else _organisation_sheet(fmt, raw)
        assert found == expected


@pytest.mark.parametrize("fmt", ["html", "svg"])
def test_the_drawn_exports_name_no_organisation_from_outside_the_workshop(workshops_with_their_organisations, fmt):
    import html

    for store, workshop_id, expected in workshops_with_their_organisations:
        data = export_data(store, workshop_id)
        text = html.unescape(render(data, fmt).data.decode("utf-8"))
        # "Leader Bergslagen" is an organisation and also the Leader area the map names for its members.
        places = {d[key] for _, d in data.graph.nodes(data=True) for key in ("locality", "leader_area")}
        for outsider in all_names(store) - expected - places:
            assert outsider not in text, outsider


def test_the_report_counts_and_names_only_the_workshops_organisations(workshops_with_their_organisations):
    t = Translator("sv")
    for store, workshop_id, expected in workshops_with_their_organisations:
        data = export_data(store, workshop_id)
        text = render(data, "md").data.decode("utf-8")
        flat = " ".join(text.replace("\\", "").split())
        assert t("exchange.report.size", organisations=len(expected), links=data.graph.number_of_edges()) in flat
        assert set(data.key_figures["isolated"]) <= expected
        # The register's idle companies are neither named nor counted among those "to invite".
        for outsider in register_names(store) - expected:
            assert outsider not in flat, outsider


@pytest.fixture
def notes_about_outsiders(tmp_path_factory):
    """At the Vedevåg meeting, notes about its own and about organisations that never came there.

    Fellingsbro Bygg AB is in the register and Ramsbergs bygdeförening took part in Ramsberg:
    neither is in Vedevåg's view. Leader Bergslagen is an organisation from Ramsberg and also
    the Leader area of the places, so a note naming the area keeps it.
    """
    store = _store(tmp_path_factory, "notes")
    ramsberg = make_workshop(store)
    join(store, ramsberg, "Anna", "Ramsbergs bygdeförening")
    join(store, ramsberg, "Leif", "Leader Bergslagen", kind="public_body")
    bygg = make_company(store, "Fellingsbro Bygg AB", locality="Fellingsbro", development_point="Fellingsbro")
    vedevag = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    cecilia = join(store, vedevag, "Cecilia", "Vedevågs IF", locality="Vedevåg")
    with store.unit_of_work() as session:
        named = lambda name: session.scalar(select(Organisation.id).where(Organisation.name == name))  # noqa: E731
        bygg_id, bygdeforening = named("Fellingsbro Bygg AB"), named("Ramsbergs bygdeförening")
    add_note(store, cecilia, "Har byggt läktare förut.", subject="organisation", about_organisation_id=bygg_id)
    add_note(store, cecilia, "Driver ett bygdekök.", subject="organisation", about_organisation_id=bygdeforening)
    add_note(store, cecilia, "Tränar på isen varje vinter.", subject="organisation", about_organisation_id=cecilia.organisation_id)
    text = "Ramsbergs bygdeförening och Fellingsbro Bygg AB kan låna ut folk; Leader Bergslagen stöder det."
    add_note(store, cecilia, text, about_text="Vedevåg")
    return store, vedevag.id, ramsberg.id, bygg


def _notes_sheet(data) -> list[tuple]:
    return [row for sheet in data.sheets if sheet.name == "Anteckningar" for row in sheet.rows]


def test_a_workshops_export_holds_notes_about_its_own_organisations_only(notes_about_outsiders):
    store, vedevag, _ramsberg, _bygg = notes_about_outsiders
    data = export_data(store, vedevag)
    about_organisations = [(row[2], row[3]) for row in _notes_sheet(data) if row[1] == "En organisation"]
    assert about_organisations == [("Vedevågs IF", "Tränar på isen varje vinter.")]
    # A note on a place keeps its point, without naming organisations outside the view; the area stays.
    place_note = next(row[3] for row in _notes_sheet(data) if row[2] == "Vedevåg")
    assert place_note == "en annan organisation och en annan organisation kan låna ut folk; Leader Bergslagen stöder det."
    import openpyxl

    report = " ".join(render(data, "md").data.decode("utf-8").replace("\\", "").split())
    book = openpyxl.load_workbook(io.BytesIO(render(data, "xlsx").data), read_only=True)
    cells = " ".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v is not None)
    assert "Tränar på isen" in report and "Tränar på isen" in cells  # the search below looks where notes are
    for outsider in ("Fellingsbro Bygg AB", "Ramsbergs bygdeförening", "Har byggt läktare", "Driver ett bygdekök"):
        assert outsider not in report, outsider
        assert outsider not in cells, outsider


def test_the_whole_process_export_keeps_every_note_and_name(notes_about_outsiders):
    store, _vedevag, _ramsberg, _bygg = notes_about_outsiders
    data = read_export_data(store, ExportOptions(language="sv"))
    about = {row[2] for row in _notes_sheet(data)}
    assert {"Fellingsbro Bygg AB", "Ramsbergs bygdeförening", "Vedevågs IF"} <= about
    assert any("Ramsbergs bygdeförening och Fellingsbro Bygg AB" in row[3] for row in _notes_sheet(data))
