"""The wall's search takes anything typed into it: it never fails, and it finds what was written."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import hostile_text, valid_text
from workshop.lengths import TEXT_MAX, TITLE_MAX
from workshop.services.views import IdeaCard, matching_ideas


def card(number: int, title: str, description: str = "") -> IdeaCard:
    return IdeaCard(number, title, description, None, (), (), "idea", False, None, "", "", False, (), dt.datetime(2026, 11, 30))


@fuzz_settings(max_examples=200)
@given(titles=st.lists(valid_text(TITLE_MAX), max_size=5), query=st.one_of(hostile_text, st.text()))
def test_any_search_gives_some_of_the_ideas_in_their_order(titles, query):
    ideas = tuple(card(number, title) for number, title in enumerate(titles))
    found = matching_ideas(ideas, query)
    assert [i.id for i in found] == sorted(i.id for i in found)
    assert set(found) <= set(ideas)
    if not query.split():
        assert found == ideas


@fuzz_settings(max_examples=200)
@given(title=valid_text(TITLE_MAX), description=valid_text(TEXT_MAX), data=st.data())
def test_every_word_of_an_idea_finds_it_in_any_case(title, description, data):
    idea = card(1, title, description)
    words = (title + " " + description).split()
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    query = data.draw(st.sampled_from([word, word.upper(), word.lower(), f"  {word}  "]))
    assert matching_ideas((idea,), query) == (idea,)
