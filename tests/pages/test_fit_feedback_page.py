"""On the constellations page a facilitator marks a suggested member "passar inte" and the
idea's constellations no longer hold it; the mark can be undone (issue 20)."""

from __future__ import annotations

import time

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import open_app, open_tab, texts
from workshop.services import contributions


def test_a_member_marked_passar_inte_leaves_the_idea_and_can_be_taken_back(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening", offers={"premises": ["samlingssal"]})
    join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    kitchen = add_idea(app_store, anna, "Bygdekök", description="Laga mat tillsammans.", needs={"premises": ["kök"]})
    contributions.commit_to_idea(app_store, anna.token, kitchen, role="initiator")

    at = open_tab(open_app("pages/constellations.py", facilitator=meeting.facilitator), "En idé i detalj")
    at.session_state["constellations_idea"] = kitchen
    at.run()
    assert "**Ramsbergs Kafé AB**: erbjuder kök" in texts(at)  # suggested: it offers the kitchen
    assert "Passar förslagen?" in texts(at)

    next(b for b in at.button if b.label == "Passar inte").click().run()
    for _ in range(50):  # the analysis of the new revision is made off the page's run
        at.run()
        if "Ramsbergs Kafé AB — *markerad: passar inte*" in texts(at):
            break
        time.sleep(0.1)
    shown = texts(at)
    assert "Ramsbergs Kafé AB — *markerad: passar inte*" in shown
    assert "**Ramsbergs Kafé AB**:" not in shown  # in no constellation any more
    assert not at.exception

    next(b for b in at.button if b.label == "Ångra").click().run()
    for _ in range(50):
        at.run()
        if "**Ramsbergs Kafé AB**:" in texts(at):
            break
        time.sleep(0.1)
    assert "**Ramsbergs Kafé AB**:" in texts(at)
    assert not at.exception


def test_under_the_map_the_highlighted_idea_s_suggested_member_can_be_marked(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs bygdeförening", offers={"premises": ["samlingssal"]})
    join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    kitchen = add_idea(app_store, anna, "Bygdekök", description="Laga mat tillsammans.", needs={"premises": ["kök"]})
    contributions.commit_to_idea(app_store, anna.token, kitchen, role="initiator")

    at = open_app("pages/network_map.py", facilitator=meeting.facilitator)
    at.session_state["map_highlight"] = kitchen
    at.run()
    assert "Passar förslagen?" in texts(at)
    next(b for b in at.button if b.label == "Passar").click().run()
    for _ in range(50):
        at.run()
        if "Ramsbergs Kafé AB — *markerad: passar*" in texts(at):
            break
        time.sleep(0.1)
    assert "Ramsbergs Kafé AB — *markerad: passar*" in texts(at)
    assert not at.exception
