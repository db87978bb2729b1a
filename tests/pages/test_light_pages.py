"""Light participant pages (issue 25): a list of ideas is sent as one escaped block, not an element per line.

What a phone notices: the wall and *Mina bidrag* rerun fast because each rerun sends a few
elements, however many ideas there are; what people typed still reads as typed and never
becomes markup; voting, folding and taking things back still work.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.factories import add_idea, add_note, join, make_workshop, open_round
from tests.pages.conftest import open_app, texts, wall_cards, widget
from workshop.services import views, voting

HOSTILE_TITLES = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "**fet** [länk](javascript:alert(1))", "Kök & bad < 3"]
# The tags the cards themselves are built of: anything else in the HTML came from user text.
CARD_TAGS = {"style", "ul", "li", "div", "h3", "p", "em", "strong", "details", "summary"}


def elements(at) -> int:
    """How many elements the page sends: every block and leaf under the main area."""

    def walk(node) -> int:
        children = getattr(node, "children", {})
        return 1 + sum(walk(child) for child in children.values())

    return walk(at.main)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


@pytest.mark.parametrize("ideas", [3, 15])
def test_the_wall_sends_the_same_few_elements_for_three_ideas_as_for_fifteen(app_store, ideas):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for number in range(ideas):
        add_idea(app_store, anna, f"Idé {number}", description="En rad.", themes=["mat"])
    at = open_app("pages/wall.py", participant=anna.token)
    assert len(wall_cards(at)) == ideas
    # Title, screen toggle, search, "showing" and one block of cards: the count of ideas is not in it.
    assert elements(at) <= 12, elements(at)
    assert at.markdown == [] or all("Idé" not in m.value for m in at.markdown)


def test_the_wall_block_shows_hostile_titles_as_text_and_builds_no_tag_from_them(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "<b>Anna</b>", "Ramsbergs IF")
    for title in HOSTILE_TITLES:
        add_idea(app_store, anna, title, description=f"{title}\nandra raden", locality="<i>Ramsberg</i>")
    at = open_app("pages/wall.py", participant=anna.token)

    assert sorted(card["title"] for card in wall_cards(at)) == sorted(HOSTILE_TITLES)  # read as typed
    assert all("<b>Anna</b>" in card["text"] and "<i>Ramsberg</i>" in card["text"] for card in wall_cards(at))
    tags = Tags()
    cards = [block.value for block in at.html if "pb-wall-idea" in block.value]
    assert len(cards) == 1  # the whole list: one element
    tags.feed(cards[0])
    assert tags.tags <= CARD_TAGS, tags.tags - CARD_TAGS  # no script, img, b, i or a from what was typed
    assert not {a for a in tags.attributes if a.startswith("on") or a in ("href", "src")}
    assert "&lt;script&gt;" in cards[0]


def test_while_a_round_is_open_each_card_keeps_its_dots_field_and_a_dot_is_saved(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    first, second = add_idea(app_store, anna, "Bygdekök"), add_idea(app_store, anna, "Skidspår")
    open_round(app_store, meeting, dots=3, per_idea=2)
    at = open_app("pages/wall.py", participant=anna.token)
    assert [card["title"] for card in wall_cards(at)] == ["Skidspår", "Bygdekök"]
    assert [n.label for n in at.number_input] == ["Mina prickar", "Mina prickar"]

    at.number_input[1].set_value(2).run()  # the second card, Bygdekök
    assert not at.exception
    assert voting.voting_state(app_store, meeting.id, token=anna.token).my_dots == {first: 2}
    assert "du har 1 av 3 prickar kvar" in texts(at)
    assert second not in voting.voting_state(app_store, meeting.id, token=anna.token).my_dots


def test_mine_sends_a_closed_idea_as_its_title_alone_and_its_form_once_opened(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    ideas = [add_idea(app_store, anna, f"Idé {n}", description="Text.") for n in range(6)]
    at = open_app("pages/mine.py", participant=anna.token)
    assert [e.label for e in at.expander] == [f"Idé {n}" for n in range(5, -1, -1)]
    assert at.text_input == [] and at.text_area == []  # six closed folds: no forms sent

    at.session_state[f"kept:mine_edit_idea_{ideas[2]}.open"] = True
    at.run()
    assert widget(at.text_input, "Rubrik").value == "Idé 2"  # the one opened, and only it
    assert len([w for w in at.text_input if w.label == "Rubrik"]) == 1


def test_mine_lists_my_notes_as_one_block_and_takes_back_the_one_chosen(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for text in ("<script>första</script>", "Andra & sista"):
        add_note(app_store, anna, text)
    at = open_app("pages/mine.py", participant=anna.token)
    block = next(h.value for h in at.html if "<li>" in h.value)
    assert "&lt;script&gt;första&lt;/script&gt;" in block and "Andra &amp; sista" in block
    assert "<script>" not in block

    which = at.selectbox(key="mine_delete_note_which")
    which.select_index(next(i for i, option in enumerate(which.options) if "Andra & sista" in option)).run()
    widget(at.button, "Ta bort").click().run()
    widget(at.button, "Ja, ta bort").click().run()
    assert not at.exception
    assert [n.text for n in views.wall(app_store, meeting.id).notes] == ["<script>första</script>"]
