"""An export is one snapshot of the process: every row read at one revision, and the
measures the analysis holds for it, formatted rather than measured again."""

from __future__ import annotations

import dataclasses

import pytest

from tests.factories import add_idea, add_tie, commit, join, make_workshop, open_round
from workshop.exchange import dataset
from workshop.exchange.dataset import ExportOptions, read_export_data
from workshop.network.metrics import Broker
from workshop.network.message import Message
from workshop.services import analysis, voting
from workshop.services.analysis import NetworkFilter, view_analysis
from workshop.services.network import read_snapshot
from workshop.services.workshops import process_revision


@pytest.fixture
def process(store):
    """Two meetings: in Ramsberg three organisations in a chain around a kitchen idea, with
    dots; in Vedevåg a sports club alone."""
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Andersson", "Ramsbergs bygdeförening")
    bo = join(store, meeting, "Bo Berg", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    cilla = join(store, meeting, "Cilla Ceder", "Ramsbergs skola", kind="education")
    kitchen = add_idea(store, anna, "Bygdekök i skolan", needs={"premises": ["kök"]})
    commit(store, anna, kitchen, "initiator")
    commit(store, bo, kitchen)
    add_tie(store, anna, anna, bo)
    add_tie(store, bo, bo, cilla)
    open_round(store, meeting)
    voting.set_dots(store, cilla.token, kitchen, 2)
    other = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    join(store, other, "Dora", "Vedevågs IF")
    return store, meeting, anna, kitchen


def sheet_column(data, sheet: str, column: str) -> list:
    table = data.sheet(sheet)
    index = table.headings.index(column)
    return [row[index] for row in table.rows]


def _add_idea(store, anna, kitchen):
    add_idea(store, anna, "Cykelkök på torget")


def _add_dots(store, anna, kitchen):
    voting.set_dots(store, anna.token, kitchen, 3)


@pytest.mark.parametrize("write", [_add_idea, _add_dots], ids=["an idea", "dots"])
def test_a_write_landing_while_an_export_reads_is_in_none_of_it(process, monkeypatch, write):
    store, meeting, anna, kitchen = process
    before = process_revision(store)
    read_network = dataset.read_snapshot

    def read_then_someone_writes(*args, **kwargs):
        snapshot = read_network(*args, **kwargs)
        write(store, anna, kitchen)  # another session commits between the export's reads
        return snapshot

    monkeypatch.setattr(dataset, "read_snapshot", read_then_someone_writes)
    data = read_export_data(store, ExportOptions(workshop_id=meeting.id))
    monkeypatch.undo()
    assert process_revision(store) > before, "the write landed"

    assert data.revision == before
    assert sheet_column(data, "Idéer", "Titel") == [idea["title"] for idea in data.ideas] == ["Bygdekök i skolan"]
    assert sheet_column(data, "Idéer", "Röster") == [idea["votes"] for idea in data.ideas] == [2]
    # The next export has it, everywhere, at the newer revision.
    after = read_export_data(store, ExportOptions(workshop_id=meeting.id))
    assert after.revision == process_revision(store)
    assert sorted(sheet_column(after, "Idéer", "Titel")) == sorted(idea["title"] for idea in after.ideas)
    assert sorted(sheet_column(after, "Idéer", "Röster")) == sorted(idea["votes"] for idea in after.ideas)
    assert (len(after.ideas), sum(i["votes"] for i in after.ideas)) != (1, 2)


@pytest.mark.parametrize("whole_process", [True, False], ids=["the whole process", "one workshop"])
def test_the_exported_degree_strength_and_brokers_are_the_analysis(process, whole_process):
    store, meeting, _, _ = process
    full = read_snapshot(store)
    network_filter = NetworkFilter() if whole_process else NetworkFilter(workshop_ids=(meeting.id,))
    insights = view_analysis(full, network_filter).insights
    data = read_export_data(store, ExportOptions(workshop_id=None if whole_process else meeting.id))

    assert {node: (d["degree"], d["strength"]) for node, d in data.graph.nodes(data=True)} == {
        node: (m.degree, round(m.strength, 4)) for node, m in insights.strength.items()
    }
    betweenness = {b.organisation_id: round(b.betweenness, 6) for b in insights.brokers}
    assert {node: d["betweenness"] for node, d in data.graph.nodes(data=True)} == {node: betweenness.get(node, 0.0) for node in data.graph}
    names = {node: d["name"] for node, d in data.graph.nodes(data=True)}
    assert data.key_figures["brokers"] == [names[b.organisation_id] for b in insights.brokers[:5] if b.betweenness > 0] == ["Ramsbergs Kafé AB"]
    assert sheet_column(data, "Organisationer", "Kontakter") == [data.graph.nodes[n]["degree"] for n in _sheet_order(data)]


def _sheet_order(data) -> list[int]:
    by_name = {d["name"]: node for node, d in data.graph.nodes(data=True)}
    return [by_name[name] for name in sheet_column(data, "Organisationer", "Namn")]


def test_the_apps_analysis_of_the_same_revision_is_formatted_as_it_is(process):
    store, _, _, _ = process
    revision = process_revision(store)
    stored = analysis.refresh(read_snapshot(store), revision=revision)
    school = next(o.id for o in stored.view.snapshot.organisations if o.name == "Ramsbergs skola")
    # A stand-in for the app's analysis, told apart by its brokers: the school, not the café.
    marked = dataclasses.replace(stored, insights=dataclasses.replace(stored.insights, brokers=(Broker(school, 0.75, None, None, Message("broker.reason")),)))

    formatted = read_export_data(store, analysis=marked)
    assert formatted.key_figures["brokers"] == ["Ramsbergs skola"]
    assert formatted.graph.nodes[school]["betweenness"] == 0.75

    # An analysis of another revision is not this export's: it measures its own.
    older = dataclasses.replace(marked, revision=revision - 1)
    assert read_export_data(store, analysis=older).key_figures["brokers"] == ["Ramsbergs Kafé AB"]
