"""Light network pages (issue 25): the map and the constellations send what is in view, once.

What a coordinator on a phone notices: the map's long text alternative costs nothing until it
is opened, and then lists every drawn organisation with its links, names read as typed.
"""

from __future__ import annotations

import pytest

from tests.factories import add_idea, commit, coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, texts, widget
from tests.pages.html_tables import html_table
from ui.text import plain
from workshop.services import contributions

HOSTILE = "**Såg** <b>&</b> [hyvel](javascript:alert(1))"


@pytest.fixture
def linked_meeting(app_store):
    """Three organisations at one meeting (so all linked); one with a name that looks like Markdown and HTML."""
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company")
    cilla = join(app_store, meeting, "Cilla", HOSTILE, kind="company")
    contributions.add_tie(app_store, cilla.token, organisation_a_id=cilla.organisation_id, organisation_b_id=anna.organisation_id, kind="know")
    return meeting


def test_the_maps_text_alternative_is_built_only_once_it_is_opened(linked_meeting):
    at = open_app("pages/network_map.py", facilitator=linked_meeting.facilitator)
    assert [e for e in at.expander if e.label == "Kartan som text"]
    # Folded: only its heading is sent, not a line per organisation.
    assert "Ramsbergs Kafé AB**:" not in texts(at)
    at.session_state["map_as_text"] = True
    shown = texts(at.run())
    assert not at.exception
    # Each drawn organisation on a line of its own, with those it is linked to.
    assert "- **Ramsbergs Kafé AB**:" in shown
    assert "Ramsbergs bygdeförening" in shown.split("- **Ramsbergs Kafé AB**:")[1].split("\n")[0]
    # A name that looks like Markdown is shown as typed: escaped, so no bold and no link.
    raw = "\n".join(m.value for m in at.markdown)
    assert f"- **{plain(HOSTILE)}**:" in raw


def test_the_constellations_overview_shows_the_best_ideas_a_page_at_a_time(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening")
    bo = join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company")
    # One idea both organisations have committed to: it has a constellation, so it comes first.
    kitchen = add_idea(app_store, anna, HOSTILE)
    commit(app_store, anna, kitchen, role="initiator")
    commit(app_store, bo, kitchen)
    for n in range(26):
        add_idea(app_store, anna, f"Idé {n:02d}")
    at = open_app("pages/constellations.py", coordinator=coordinator_token(app_store))
    rows = html_table(at, "Alla idéer")
    # The first 20 of 27, best first; the title that looks like Markdown and HTML reads as typed.
    assert len(rows) == 20 and rows[0]["Idé"] == HOSTILE
    assert "Visar de 20 idéer som passar bäst av 27." in texts(at)
    widget(at.button, "Visa 7 till").click()
    rows = html_table(at.run(), "Alla idéer")
    assert len(rows) == 27 and {row["Idé"] for row in rows} == {HOSTILE} | {f"Idé {n:02d}" for n in range(26)}
    assert not [b for b in at.button if b.label.startswith("Visa ")]
    assert not at.exception


def test_the_network_filters_are_drawn_when_opened_and_kept_when_folded(app_store):
    ramsberg = make_workshop(app_store)
    join(app_store, ramsberg, "Anna", "Ramsbergs bygdeförening")
    join(app_store, ramsberg, "Bo", "Ramsbergs Kafé AB", kind="company")
    vedevag = make_workshop(app_store, title="Vedevåg framåt", locality="Vedevåg")
    join(app_store, vedevag, "Cecilia", "Vedevågs IF", locality="Vedevåg")
    join(app_store, vedevag, "David", "Vedevågs Bruk AB", kind="company", locality="Vedevåg")
    join(app_store, vedevag, "Eva", "Vedevågs hembygdsförening", locality="Vedevåg")
    at = open_app("pages/network_map.py", coordinator=coordinator_token(app_store))
    assert "5 organisationer" in texts(at)
    # Folded, the filters send only their heading.
    assert not [s for s in at.selectbox if s.key == "map_filter_locality"]
    at.session_state["map_filters_open"] = True
    at.run()
    at.selectbox(key="map_filter_locality").set_value("Vedevåg").run()
    assert "3 organisationer" in texts(at)
    # Folded again: the map stays filtered; opened again, the filter says so.
    at.session_state["map_filters_open"] = False
    at.run()
    assert "3 organisationer" in texts(at) and not [s for s in at.selectbox if s.key == "map_filter_locality"]
    at.session_state["map_filters_open"] = True
    at.run()
    assert at.selectbox(key="map_filter_locality").value == "Vedevåg"
    assert "3 organisationer" in texts(at)
    assert not at.exception
