"""Light staff pages (issue 25): "Moderera" and "Prickröstning" send their lists as one escaped block.

What a facilitator notices: the pages rerun fast because a rerun sends a few elements
however many ideas, notes and dots the meeting holds; what people typed reads as typed and
never becomes markup; hiding, editing, voting rounds and their totals still work, and the
totals follow every vote.
"""

from __future__ import annotations

import html

import pytest

from tests.factories import add_idea, add_note, join, make_workshop, open_round
from tests.pages.conftest import errors, open_app, open_tab, texts, widget
from tests.pages.html_tables import tags_of
from workshop.i18n import Translator
from workshop.services import views, voting

sv = Translator("sv")
HOSTILE_TITLES = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "**fet** [länk](javascript:alert(1))", "Kök & bad < 3"]
# The tags the blocks themselves are built of: anything else in the HTML came from user text.
BLOCK_TAGS = {"span", "style", "ul", "li", "div", "h3", "p", "em", "strong", "s", "details", "summary", "section", "table", "caption", "thead", "tbody", "tr", "th", "td"}


def elements(at) -> int:
    """How many elements the page sends: every block and leaf under the main area."""

    def walk(node) -> int:
        return 1 + sum(walk(child) for child in getattr(node, "children", {}).values())

    return walk(at.main)


def tags(block: str) -> set[str]:
    return tags_of(block).tags


def block_with(at, marker: str) -> str:
    return next(h.value for h in at.html if marker in h.value)


@pytest.mark.parametrize("ideas", [3, 15])
def test_moderation_sends_the_same_few_elements_for_three_ideas_as_for_fifteen(app_store, ideas):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for number in range(ideas):
        add_idea(app_store, anna, f"Idé {number}")
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    # One picker and the picked idea, read, not edited until "Redigera" is chosen: no form is sent.
    assert len(widget(at.selectbox, "Idé att moderera").options) == ideas
    assert at.text_input == [] and at.text_area == [] and at.get("arrow_data_frame") == []
    assert not [h for h in at.html if "pb-moderate-overview" in h.value]
    assert elements(at) <= 30, elements(at)

    at = open_tab(at, sv("staff_light.tab.overview"))  # every idea: one table, no data grid to draw
    overview = block_with(at, "pb-moderate-overview")
    assert all(f"<td>Idé {number}</td>" in overview for number in range(ideas))
    assert f"Alla idéer i mötet ({ideas})" in overview
    assert at.get("arrow_data_frame") == [] and elements(at) <= 12, elements(at)


def test_the_moderation_overview_and_the_picked_idea_show_hostile_titles_as_text(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "<b>Anna</b>", "Ramsbergs IF")
    for title in HOSTILE_TITLES:
        add_idea(app_store, anna, title, description=title)
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    assert widget(at.selectbox, "Idé att moderera").value is not None
    blocks = [block_with(at, "pb-moderate-idea"), block_with(open_tab(at, sv("staff_light.tab.overview")), "pb-moderate-overview")]
    for block in blocks:
        assert tags(block) <= BLOCK_TAGS, tags(block) - BLOCK_TAGS
        assert "<script>" not in block and "<b>Anna" not in block
    assert blocks[0].count("<h3>") == 1
    shown = html.unescape(blocks[1])
    assert all(title in shown for title in HOSTILE_TITLES)


def test_an_edit_under_the_edit_tab_saves_and_the_picker_and_overview_show_the_new_title(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Skidspår")
    at = open_tab(open_app("pages/moderate.py", facilitator=meeting.facilitator), sv("staff_light.tab.idea_edit"))
    widget(at.text_input, "Rubrik").input("Skidspår runt sjön")
    at = widget(at.button, "Spara").click().run()
    assert not at.exception and errors(at) == []
    assert [i.title for i in views.wall(app_store, meeting.id, facilitator=True).ideas if i.id == idea] == ["Skidspår runt sjön"]
    picker = widget(at.selectbox, "Idé att moderera")
    assert picker.value == idea and picker.format_func(idea) == "Skidspår runt sjön"
    assert "<td>Skidspår runt sjön</td>" in block_with(open_tab(at, sv("staff_light.tab.overview")), "pb-moderate-overview")


def test_hiding_an_idea_says_so_in_the_overview_and_in_the_idea_read(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    idea = add_idea(app_store, anna, "Skidspår")
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    at = widget(at.button, "Dölj").click().run()
    assert not at.exception
    assert [i.hidden for i in views.wall(app_store, meeting.id, facilitator=True).ideas if i.id == idea] == [True]
    assert "<strong>Dold</strong>" in block_with(at, "pb-moderate-idea")
    assert widget(at.button, "Visa igen").label == "Visa igen"
    assert "<td>Dold</td>" in block_with(open_tab(at, sv("staff_light.tab.overview")), "pb-moderate-overview")


def test_moderation_lists_the_notes_as_one_block_and_hides_the_one_picked(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for text in ("<script>första</script>", "Andra & sista", "Tredje"):
        add_note(app_store, anna, text)
    at = open_tab(open_app("pages/moderate.py", facilitator=meeting.facilitator), sv("moderate.tab.notes"))
    block = block_with(at, "pb-moderate-notes")
    assert "&lt;script&gt;första&lt;/script&gt;" in block and "Andra &amp; sista" in block and "<script>" not in block
    assert len(at.main.button) == 0 and len(at.main.selectbox) == 1  # one picker, not a button per note

    which = at.selectbox(key="moderate_note_pick")
    assert which.value is None and which.proto.placeholder == "Välj …" and any("Andra & sista" in option for option in which.options)
    second = next(n.id for n in views.wall(app_store, meeting.id, facilitator=True).notes if n.text == "Andra & sista")
    which.set_value(second).run()
    at = widget(at.button, "Dölj").click().run()
    assert not at.exception and errors(at) == []
    hidden = {n.text: n.hidden for n in views.wall(app_store, meeting.id, facilitator=True).notes}
    assert hidden == {"<script>första</script>": False, "Andra & sista": True, "Tredje": False}
    assert "<s>" in block_with(at, "pb-moderate-notes") and "(Dold)" in block_with(at, "pb-moderate-notes")


def test_voting_admin_shows_a_rounds_totals_as_one_block_most_dots_first_and_follows_every_vote(app_store):
    meeting = make_workshop(app_store)
    anna, bo = join(app_store, meeting, "Anna", "Ramsbergs IF"), join(app_store, meeting, "Bo", "Vedevågs IF")
    kitchen, hostile = add_idea(app_store, anna, "Bygdekök"), add_idea(app_store, anna, HOSTILE_TITLES[0])
    open_round(app_store, meeting, dots=5, per_idea=3)
    voting.set_dots(app_store, anna.token, kitchen, 1)
    voting.set_dots(app_store, bo.token, hostile, 3)
    at = open_app("pages/voting_admin.py", facilitator=meeting.facilitator)
    block = block_with(at, "pb-voting-round")
    assert "Omgång 1 · öppen" in block and "5 prickar per deltagare, högst 3 per idé" in block
    assert tags(block) <= BLOCK_TAGS and "<script>" not in block
    assert at.get("arrow_data_frame") == []
    shown = html.unescape(block)
    assert shown.index(HOSTILE_TITLES[0]) < shown.index("Bygdekök")  # three dots before one

    voting.set_dots(app_store, bo.token, kitchen, 2)  # a vote after the page was drawn: the next rerun shows it
    at.run()
    assert "<td>Bygdekök</td><td>3</td>" in block_with(at, "pb-voting-round")
    at = widget(at.button, "Stäng omgången").click().run()
    assert not at.exception and "Omgång 1 · stängd" in block_with(at, "pb-voting-round")
    assert not voting.voting_state(app_store, meeting.id, facilitator=True).rounds[0].is_open


def test_voting_admin_says_when_a_round_has_no_dots_yet(app_store):
    meeting = make_workshop(app_store)
    open_round(app_store, meeting)
    at = open_app("pages/voting_admin.py", facilitator=meeting.facilitator)
    assert "Inga prickar ännu." in texts(at)


def test_a_refused_new_round_keeps_what_was_typed_and_opening_another_closes_the_first(app_store):
    meeting = make_workshop(app_store)
    at = open_app("pages/voting_admin.py", facilitator=meeting.facilitator)
    widget(at.number_input, "Prickar per deltagare").set_value(3)
    at = widget(at.button, "Öppna omgången").click().run()
    assert not at.exception and "Omgång 1 · öppen" in block_with(at, "pb-voting-round")

    widget(at.number_input, "Prickar per deltagare").set_value(4)
    widget(at.number_input, "Högst prickar på en idé").set_value(5)
    at = widget(at.button, "Öppna omgången").click().run()
    # Refused at the field, with what was typed still there, and nothing written:
    assert errors(at) == ["Högst prickar på en idé: kan inte vara fler än prickarna per deltagare (4)."]
    assert widget(at.number_input, "Prickar per deltagare").value == 4
    rounds = voting.voting_state(app_store, meeting.id, facilitator=True).rounds
    assert [(r.number, r.is_open) for r in rounds] == [(1, True)]
    widget(at.number_input, "Högst prickar på en idé").set_value(2)
    at = widget(at.button, "Öppna omgången").click().run()
    rounds = voting.voting_state(app_store, meeting.id, facilitator=True).rounds
    assert [(r.number, r.is_open, r.dots_per_participant) for r in rounds] == [(1, False, 3), (2, True, 4)]
    shown = [h.value for h in at.html if "pb-voting-round" in h.value]
    assert "Omgång 2 · öppen" in shown[0] and "Omgång 1 · stängd" in shown[1]  # the newest first


def test_a_duplicate_is_merged_from_its_own_tab_and_leaves_the_picker(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    kitchen = add_idea(app_store, anna, "Bygdekök")
    duplicate = add_idea(app_store, anna, "Kök i skolan")
    at = open_app("pages/moderate.py", facilitator=meeting.facilitator)
    assert [w.label for w in at.selectbox if w.label == "Slå ihop med (dubblett av)"] == []  # sent only on its tab
    at.selectbox(key=next(w.key for w in at.selectbox if w.label == "Idé att moderera")).set_value(duplicate).run()
    at = open_tab(at, sv("staff_light.tab.idea_merge"))
    merge = widget(at.button, "Slå ihop")
    assert merge.disabled  # nothing picked yet
    widget(at.selectbox, "Slå ihop med (dubblett av)").set_value(kitchen).run()
    at = widget(at.button, "Slå ihop").click().run()
    assert not at.exception and errors(at) == []
    assert [i.id for i in views.wall(app_store, meeting.id, facilitator=True).ideas] == [kitchen]
    assert widget(at.selectbox, "Idé att moderera").options == ["Bygdekök"]
