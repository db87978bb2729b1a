"""Light participant pages (issue 25): a list of ideas is sent as one escaped block, not an element per line.

What a phone notices: the wall and *Mina bidrag* rerun fast because each rerun sends a few
elements, however many ideas there are; what people typed still reads as typed and never
becomes markup; voting, folding and taking things back still work.
"""

from __future__ import annotations


import pytest

from tests.factories import add_idea, add_note, join, make_workshop, open_round
from tests.pages.conftest import errors, open_app, texts, wall_cards, widget
from tests.pages.html_tables import tags_of
from workshop.services import views, voting

HOSTILE_TITLES = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "**fet** [länk](javascript:alert(1))", "Kök & bad < 3"]
# The tags the cards themselves are built of: anything else in the HTML came from user text.
CARD_TAGS = {"span", "style", "ul", "li", "div", "h3", "p", "em", "strong", "details", "summary"}


def elements(at) -> int:
    """How many elements the page sends: every block and leaf under the main area."""

    def walk(node) -> int:
        children = getattr(node, "children", {})
        return 1 + sum(walk(child) for child in children.values())

    return walk(at.main)


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
    cards = [block.value for block in at.html if "pb-wall-idea" in block.value]
    assert len(cards) == 1  # the whole list: one element
    tags = tags_of(cards[0])
    assert tags.tags <= CARD_TAGS, tags.tags - CARD_TAGS  # no script, img, b, i or a from what was typed
    assert not {a for a in tags.attributes if a.startswith("on") or a in ("href", "src")}
    assert "&lt;script&gt;" in cards[0]


def place(at, idea: int, dots: int):
    """Pick ``idea`` in the wall's dot picker, type ``dots`` and press "Lägg prickar"."""
    widget(at.selectbox, "Idé").set_value(idea)
    widget(at.number_input, "Mina prickar").set_value(dots)
    return widget(at.button, "Lägg prickar").click().run()


def test_while_a_round_is_open_one_picker_places_my_dots_and_each_card_says_mine(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    first, second = add_idea(app_store, anna, "Bygdekök"), add_idea(app_store, anna, "Skidspår")
    open_round(app_store, meeting, dots=3, per_idea=2)
    at = open_app("pages/wall.py", participant=anna.token)
    assert [card["title"] for card in wall_cards(at)] == ["Skidspår", "Bygdekök"]
    picker = widget(at.selectbox, "Idé")
    assert picker.value is None and picker.proto.placeholder == "Välj den idé du vill ge prickar"
    assert picker.options == ["Skidspår", "Bygdekök"]  # the ideas shown, in the wall's order

    at = place(at, first, 2)
    assert not at.exception and errors(at) == []
    assert voting.voting_state(app_store, meeting.id, token=anna.token).my_dots == {first: 2}
    assert "du har 1 av 3 prickar kvar" in texts(at)
    mine = {card["title"]: card["text"] for card in wall_cards(at)}
    assert "Mina prickar: 2" in mine["Bygdekök"] and "Mina prickar: 0" in mine["Skidspår"]
    assert second not in voting.voting_state(app_store, meeting.id, token=anna.token).my_dots


@pytest.mark.parametrize("ideas", [3, 15])
def test_an_open_round_sends_one_dot_picker_however_many_ideas_are_shown(app_store, ideas):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for number in range(ideas):
        add_idea(app_store, anna, f"Idé {number}")
    open_round(app_store, meeting, dots=3, per_idea=2)
    at = open_app("pages/wall.py", participant=anna.token)
    assert len(wall_cards(at)) == ideas
    assert len(at.main.number_input) == 1 and len(at.main.selectbox) == 1  # not a field per card
    # The few elements of the closed wall, the round's status and the picker's form of four.
    assert elements(at) <= 18, elements(at)


def test_placing_dots_without_choosing_an_idea_says_so_at_the_picker_and_saves_nothing(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    add_idea(app_store, anna, "Bygdekök")
    open_round(app_store, meeting, dots=3, per_idea=2)
    at = open_app("pages/wall.py", participant=anna.token)
    widget(at.number_input, "Mina prickar").set_value(2)
    at = widget(at.button, "Lägg prickar").click().run()
    assert not at.exception
    assert errors(at) == ["Idé: välj först vilken idé prickarna ska till."]
    assert voting.voting_state(app_store, meeting.id, token=anna.token).my_dots == {}


def test_taking_my_dots_back_to_zero_frees_them_for_another_idea(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    first, second = add_idea(app_store, anna, "Bygdekök"), add_idea(app_store, anna, "Skidspår")
    open_round(app_store, meeting, dots=2, per_idea=2)
    voting.set_dots(app_store, anna.token, first, 2)
    at = place(open_app("pages/wall.py", participant=anna.token), first, 0)
    at = place(at, second, 2)
    assert errors(at) == [] and "du har 0 av 2 prickar kvar" in texts(at)
    assert voting.voting_state(app_store, meeting.id, token=anna.token).my_dots == {second: 2}


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


def test_my_data_sends_its_tables_as_one_escaped_block_not_data_grids(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna", "Ramsbergs IF")
    for title in HOSTILE_TITLES:
        add_idea(app_store, anna, title, description="rad ett\nrad två")
    add_note(app_store, anna, "<script>kunskap</script>")
    at = open_app("pages/my_data.py", participant=anna.token)
    assert not at.exception and len(at.dataframe) == 0  # no grid to draw on a phone
    tables = [block.value for block in at.html if "pb-table" in block.value]
    assert len(tables) == 1
    assert "Idéer (4)" in tables[0] and "&lt;script&gt;kunskap&lt;/script&gt;" in tables[0]
    tags = tags_of(tables[0])
    assert tags.tags <= {"style", "div", "table", "caption", "thead", "tbody", "tr", "th", "td"}, tags.tags
    assert not {a for a in tags.attributes if a.startswith("on") or a in ("href", "src")}
