"""Light network pages (issue 25): the map and the constellations send what is in view, once.

What a coordinator on a phone notices: the map's long text alternative costs nothing until it
is opened, and then lists every drawn organisation with its links, names read as typed.
"""

from __future__ import annotations

import pytest

from tests.factories import join, make_workshop
from tests.pages.conftest import open_app, texts
from ui.text import plain
from workshop.services import contributions

HOSTILE = "**Såg** & [hyvel](javascript:alert(1))"


@pytest.fixture
def linked_meeting(app_store):
    """Three organisations at one meeting (so all linked); one of them has a name that looks like Markdown."""
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
