"""The network pages on a small, known process: the map, the constellations and the insights."""

from __future__ import annotations

import re

import pytest

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from tests.pages.html_tables import table_rows
from tests.pages.html_tables import html_table
from workshop.services import analysis, contributions, maps, views
from workshop.services.network import read_snapshot


@pytest.fixture
def kitchen_network(app_store):
    """Bygdekök needs a kitchen: the association and the café (which has one) committed; the
    sawmill knows the association; a private person joined too. Smedja has one organisation."""
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    bo = join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    cilla = join(app_store, meeting, "Cilla", "Ramsbergs Såg AB", kind="company")
    dan = join(app_store, meeting, "Dan Privat")
    kitchen = add_idea(app_store, anna, "Bygdekök", needs={"premises": ["kök"]})
    smithy = add_idea(app_store, cilla, "Smedja")
    contributions.commit_to_idea(app_store, anna.token, kitchen, role="initiator")
    contributions.commit_to_idea(app_store, bo.token, kitchen, role="partner")
    contributions.commit_to_idea(app_store, dan.token, kitchen, role="contributor", contribution="Ideell tid")
    contributions.commit_to_idea(app_store, cilla.token, smithy, role="initiator")
    contributions.add_tie(app_store, cilla.token, organisation_a_id=cilla.organisation_id, organisation_b_id=anna.organisation_id, kind="know")
    return meeting, kitchen, smithy


def test_the_constellations_page_lists_the_committed_pair_for_the_kitchen(kitchen_network):
    meeting, kitchen, _smithy = kitchen_network
    at = open_app("pages/constellations.py", facilitator=meeting.facilitator)
    best = {row["Idé"]: row["Bästa konstellation"] for row in html_table(at)}
    # The association and the café are committed and together hold the kitchen.
    assert set(best["Bygdekök"].split(", ")) >= {"Ramsbergs bygdeförening", "Ramsbergs Kafé AB"}
    open_tab(at, "En idé i detalj")
    at.session_state["constellations_idea"] = kitchen
    at.run()
    shown = texts(at)
    # The owner is named once per line, in the constellation's reason.
    assert "föreslagen projektägare: Ramsbergs bygdeförening" in shown
    assert "LEADER-grundkrav" in shown and "❌ **Det nya är beskrivet**" in shown


def test_an_idea_with_one_organisation_says_it_needs_one_more_partner(kitchen_network):
    meeting, _kitchen, smithy = kitchen_network
    at = open_tab(open_app("pages/constellations.py", facilitator=meeting.facilitator), "En idé i detalj")
    at.session_state["constellations_idea"] = smithy
    at.run()
    assert "Behöver 1 partner till (privatpersoner räknas inte)." in texts(at)


def test_project_ready_is_refused_while_leader_criteria_are_missing(kitchen_network, app_store):
    meeting, kitchen, _smithy = kitchen_network
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    widget(at.selectbox, "Idé att moderera").set_value(kitchen).run()
    at.selectbox(key=f"moderate_stage_{kitchen}").set_value("project_ready").run()
    (message,) = errors(at)
    assert message.startswith("Skede: Idén kan inte bli projektklar ännu. Det saknas: ")
    assert "Det nya är beskrivet" in message and "Budget inom taket" in message
    # The box shows the saved stage again, not the refused one.
    assert at.selectbox(key=f"moderate_stage_{kitchen}").value == "idea"
    # The facilitator fills in the LEADER details on the idea's own tab; then the same move goes through.
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    widget(at.selectbox, "Idé att moderera").set_value(kitchen).run()
    open_tab(at, "LEADER-uppgifter")
    at.text_area[0].input("Ett delat storkök som föreningar och företag bokar efter behov.")
    [budget, hours] = at.number_input
    budget.set_value(400_000)
    hours.set_value(300)
    at.selectbox(key=f"moderate_owner_{kitchen}").set_value(owner_id(app_store, "Ramsbergs bygdeförening"))
    widget(at.button, "Spara").click().run()
    assert not errors(at) and "Ändringen är sparad." in texts(at)
    card = {c.id: c for c in views.wall(app_store, meeting.id, facilitator=True).ideas}[kitchen]
    assert (card.budget_sek, card.cofinancing_hours) == (400_000, 300)
    at.selectbox(key=f"moderate_stage_{kitchen}").set_value("project_ready").run()
    assert not errors(at)
    assert "Ändringen är sparad." in texts(at)


def owner_id(store, name: str) -> int:
    return next(o.id for o in read_snapshot(store).organisations if o.name == name)


def test_the_map_page_draws_the_network_and_filters_it(kitchen_network):
    meeting, _kitchen, _smithy = kitchen_network
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    # Four organisations (Dan is a private person); all met at the same workshop, so all
    # six pairs are linked, some more strongly.
    assert "4 organisationer, 6 kopplingar." in texts(at)
    at.radio(key="map_color_by").set_value("community").run()
    at.radio(key="map_size_by").set_value("brokerage").run()
    at.toggle(key="map_projector").set_value(True).run()
    assert not at.exception


def test_the_insights_page_explains_brokers_gaps_and_growth(kitchen_network):
    meeting, _kitchen, _smithy = kitchen_network
    at = open_app("pages/insights.py", facilitator=meeting.facilitator)
    # The association links the sawmill to the café and the private person: it is the broker.
    brokers = table_rows(at, "Mäklare och ensamma")
    assert brokers[0]["Organisation"] == "Ramsbergs bygdeförening"
    assert "Mäklare: organisationer som ofta ligger på vägen mellan andra" in texts(at)
    assert "”Smedja”: 1 av minst 2 organisationer är med" in texts(open_tab(at, "Idéer som saknar partner"))
    # All four met at the one meeting: one group, and one meeting of growth.
    assert "Grupp 1 (4 st) — Dan Privat, Ramsbergs Kafé AB, Ramsbergs Såg AB, Ramsbergs bygdeförening" in texts(open_tab(at, "Grupper")).replace("**", "")
    growth = table_rows(open_tab(at, "Tillväxt"), "Tillväxt")
    assert [row["Organisationer"] for row in growth] == ["4"]


def test_the_map_html_holds_escaped_user_text_and_no_external_address(app_store):
    meeting = make_workshop(app_store)
    join(app_store, meeting, "Eve", '<img src=x onerror="alert(1)"> href')
    join(app_store, meeting, "Mallory", "<script>alert(1)</script>")
    view = analysis.network_view(read_snapshot(app_store))
    html = maps.map_html(view)
    assert "<script>alert(1)</script>" not in html and '<img src=x onerror="alert(1)">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for attribute in ('src="http', "src='http", 'href="http', "href='http", "url(http", "@import"):
        assert attribute not in html


def test_right_after_a_write_the_constellations_page_shows_the_previous_analysis_marked_updating(kitchen_network, app_store):
    import threading

    from ui.network import analysis_refresher
    from ui.store import process_revision
    from workshop.db import database_url

    meeting, _kitchen, _smithy = kitchen_network
    at = open_app("pages/constellations.py", facilitator=meeting.facilitator)
    assert "Bakpaket" not in {row["Idé"] for row in html_table(at)}
    # Hold the background analysis back, as a large process would, and do not wait for it.
    refresher = analysis_refresher(database_url())
    gate = threading.Event()
    compute = refresher._compute
    refresher._compute = lambda revision, previous: gate.wait(30) and compute(revision, previous)
    refresher.wait = 0
    eva = join(app_store, meeting, "Eva", "Ramsbergs Bageri AB", kind="company")
    add_idea(app_store, eva, "Bakpaket")
    process_revision.clear()  # the shared 1 s revision cache, as if a second had passed
    at.run()
    assert not at.exception
    assert any("Uppdateras" in caption.value for caption in at.caption)
    assert "Bakpaket" not in {row["Idé"] for row in html_table(at)}  # the previous analysis, at once
    gate.set()
    refresher.wait = 30
    at.run()
    assert not any("Uppdateras" in caption.value for caption in at.caption)
    assert "Bakpaket" in {row["Idé"] for row in html_table(at)}


def test_the_map_slider_hides_weaker_links_and_says_how_many(kitchen_network):
    meeting, _kitchen, _smithy = kitchen_network
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    slider = at.select_slider[0]
    assert slider.value == 0.0  # six links among four organisations: a readable map shows them all
    assert "visas inte" not in texts(at)
    slider.set_value(max(float(o) for o in slider.options)).run()
    hidden = re.search(r"(\d+) svagare kopplingar \(styrka under ([\d.]+)\) visas inte", texts(at))
    assert hidden, texts(at)
    assert 1 <= int(hidden.group(1)) < 6 and float(hidden.group(2)) == at.select_slider[0].value
    assert not at.exception


def drawn_names(at) -> set[str]:
    """The names of the organisations drawn on the map (from the nodes' tooltips)."""
    import html as html_module
    import json

    (frame,) = at.get("iframe")
    document = html_module.unescape(re.search(r'srcdoc="([^"]*)"', frame.proto.srcdoc).group(1))
    data = json.loads(re.search(r'<script type="application/json" id="network-data">(.*?)</script>', document, re.S).group(1))
    return {html_module.unescape(node["title"].split("\n")[0]) for node in data["nodes"]}


def test_a_large_map_draws_the_most_central_and_finds_the_rest_by_search(kitchen_network, monkeypatch):
    # The limit is 300 organisations; here two stand for a process too large to draw whole.
    monkeypatch.setattr(maps, "MAP_NODE_LIMIT", 2)
    meeting, _kitchen, _smithy = kitchen_network
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    # The association (its idea, a tie and the meeting) and the café are the most strongly linked.
    assert drawn_names(at) == {"Ramsbergs bygdeförening", "Ramsbergs Kafé AB"}
    assert "Kartan visar 2 organisationer" in texts(at) and "2 organisationer visas inte" in texts(at)
    at.text_input(key="map_search").input("såg").run()
    # Found, and drawn with its neighbours (everyone met at the one meeting).
    assert "Hittade 1: Ramsbergs Såg AB." in texts(at)
    assert drawn_names(at) == {"Ramsbergs bygdeförening", "Ramsbergs Kafé AB", "Ramsbergs Såg AB", "Dan Privat"}
    assert "visas inte;" not in texts(at)
    at.text_input(key="map_search").input("Ljusnarsbergs").run()
    assert "Ingen organisation i urvalet heter något med ”Ljusnarsbergs”." in texts(at)
    assert len(drawn_names(at)) == 2
    assert not at.exception


def test_with_many_ideas_the_map_finds_the_idea_to_highlight_by_a_search(kitchen_network, monkeypatch):
    # Above the limit (200; here one stands for it) the picker would send every title on
    # every rerun: it offers the ideas whose title matches what is typed.
    monkeypatch.setattr(maps, "IDEA_PICKER_LIMIT", 1)
    meeting, kitchen, _smithy = kitchen_network
    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    assert at.selectbox(key="map_highlight").options == []
    at.text_input(key="map_highlight_search").input("KÖK").run()
    assert at.selectbox(key="map_highlight").options == ["Bygdekök"]
    at.selectbox(key="map_highlight").set_value(kitchen).run()
    assert "Markerade: " in texts(at)
    at.text_input(key="map_highlight_search").input("Ljusnarsberg").run()
    assert "Ingen idé heter något med ”Ljusnarsberg”." in texts(at)
    assert not at.exception
