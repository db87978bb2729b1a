"""Ideas on the wall: adding, editing and deleting one's own, and what text is accepted."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from tests.concurrency import at_the_same_instant
from tests.factories import add_idea, add_note, commit, count, join, open_round, row_counts
from workshop.errors import AlreadySubmitted, InvalidInput, NotFound, NotYourContribution, SubmissionsClosed, UnknownParticipant
from workshop.models import Commitment, Idea, Note, Vote, utcnow
from workshop.services import contributions, moderation, views, voting, workshops


def _card(store, meeting, idea_id, *, facilitator=False):
    return {card.id: card for card in views.wall(store, meeting.id, facilitator=facilitator).ideas}.get(idea_id)


def test_added_idea_is_on_the_wall_with_its_author(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")

    idea_id = add_idea(store, anna, "Bygdekök i skolan", description="Ett kök för alla.", themes=["mat"])

    card = _card(store, meeting, idea_id)
    assert (card.title, card.description, card.locality, card.themes, card.stage) == (
        "Bygdekök i skolan",
        "Ett kök för alla.",
        "Ramsberg",
        ("mat",),
        "idea",
    )
    assert (card.author_name, card.author_organisation) == ("Anna Berg", "Ramsbergs IF")


def test_private_persons_idea_names_no_organisation(store, meeting):
    bo = join(store, meeting, "Bo Ek")

    card = _card(store, meeting, add_idea(store, bo))

    assert (card.author_name, card.author_organisation) == ("Bo Ek", "")


def test_author_edits_their_idea(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    idea_id = add_idea(store, anna, "Bygdekök")

    contributions.edit_idea(store, anna.token, idea_id, title="Bygdekök i skolan", description="Öppet på kvällarna.", themes="Mat, turism")

    card = _card(store, meeting, idea_id)
    assert (card.title, card.description, card.themes) == ("Bygdekök i skolan", "Öppet på kvällarna.", ("mat", "turism"))


def test_author_deletes_their_idea_with_what_hangs_on_it(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    idea_id = add_idea(store, anna)
    kept_id = add_idea(store, anna, "Cykelled längs Arbogaån")
    commit(store, anna, idea_id)
    add_note(store, anna, "Skolan har ett storkök.", subject="idea", about_idea_id=idea_id)
    open_round(store, meeting)
    voting.set_dots(store, anna.token, idea_id, 2)

    contributions.delete_idea(store, anna.token, idea_id)

    assert [card.id for card in views.wall(store, meeting.id, facilitator=True).ideas] == [kept_id]
    assert (count(store, Commitment), count(store, Note), count(store, Vote)) == (0, 0, 0)


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
@pytest.mark.parametrize("action", ["edit", "delete"])
def test_nobody_edits_or_deletes_someone_elses_idea(store, meeting, action):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    bo = join(store, meeting, "Bo Ek")
    idea_id = add_idea(store, anna, "Bygdekök i skolan")

    with pytest.raises(NotYourContribution):
        if action == "edit":
            contributions.edit_idea(store, bo.token, idea_id, title="Bos idé nu")
        else:
            contributions.delete_idea(store, bo.token, idea_id)

    assert _card(store, meeting, idea_id).title == "Bygdekök i skolan"


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "fields,field,message_key",
    [
        ({"title": ""}, "title", "errors.required"),
        ({"title": " \n\t "}, "title", "errors.required"),
        ({"title": "x" * 161}, "title", "errors.too_long"),
        ({"title": "Bygdekök\x00"}, "title", "errors.control_characters"),
        ({"title": "Bygdekök\x07"}, "title", "errors.control_characters"),
        ({"description": "Rad ett\x1b[2J"}, "description", "errors.control_characters"),
        ({"description": "x" * 4001}, "description", "errors.too_long"),
        ({"locality": "Rams\x7fberg"}, "locality", "errors.control_characters"),
        ({"themes": ["x" * 61]}, "themes", "errors.too_long"),
        ({"themes": [f"tema {n}" for n in range(21)]}, "themes", "errors.too_many_items"),
        ({"needs": {"magic": ["trollstav"]}}, "needs", "errors.invalid_choice"),
    ],
)
def test_idea_with_unusable_text_is_refused_at_the_field_and_nothing_is_written(store, meeting, fields, field, message_key):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        contributions.add_idea(store, anna.token, **{"title": "Bygdekök", **fields})

    assert (refused.value.field, refused.value.message_key) == (field, message_key)
    assert row_counts(store) == before


def test_line_breaks_and_tabs_are_text_not_control_characters(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")

    idea_id = add_idea(store, anna, description="Första raden\nAndra raden\n\tindragen")

    assert _card(store, meeting, idea_id).description == "Första raden\nAndra raden\n\tindragen"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "Mat & dryck <b>i</b> 'Ramsberg'",
        "{{ 7*7 }} ${7*7} %s",
    ],
)
def test_markup_is_stored_and_returned_exactly_as_typed(store, meeting, text):
    # Escaping is the page's job; the service must neither strip nor pre-escape.
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")

    idea_id = add_idea(store, anna, text, description=text)

    card = _card(store, meeting, idea_id)
    assert (card.title, card.description) == (text, text)


@pytest.mark.parametrize(
    "themes,cleaned",
    [
        (["Mat", " mat ", "Turism"], ("mat", "turism")),
        ("Mat, turism;MAT\nLokal  mat", ("mat", "turism", "lokal mat")),
        (["", "  ", "Natur"], ("natur",)),
        (None, ()),
    ],
)
def test_themes_are_lower_case_and_unique_in_the_order_typed(store, meeting, themes, cleaned):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")

    assert _card(store, meeting, add_idea(store, anna, themes=themes)).themes == cleaned


@pytest.mark.parametrize(
    "needs,cleaned",
    [
        ({"premises": ["Kök", "kök "], "money": "Medfinansiering"}, (("premises", "kök"), ("money", "medfinansiering"))),
        ([("competence", "Bokföring"), {"category": "competence", "label": "BOKFÖRING"}], (("competence", "bokföring"),)),
    ],
    ids=["by category", "as pairs"],
)
def test_needs_are_cleaned_like_themes_within_each_category(store, meeting, needs, cleaned):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")

    assert _card(store, meeting, add_idea(store, anna, needs=needs)).needs == cleaned


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_no_new_ideas_once_submissions_are_closed(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    workshops.set_submissions_open(store, meeting.id, meeting.facilitator, False)

    with pytest.raises(SubmissionsClosed):
        add_idea(store, anna)

    assert views.wall(store, meeting.id).ideas == ()


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_idea_from_an_unknown_token_is_refused(store, meeting):
    with pytest.raises(UnknownParticipant):
        contributions.add_idea(store, "forged-token", title="Bygdekök")


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
def test_a_merged_duplicate_can_no_longer_be_edited(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    keep, duplicate = add_idea(store, anna, "Bygdekök"), add_idea(store, anna, "Kök i skolan")
    moderation.merge_ideas(store, meeting.id, meeting.facilitator, duplicate, keep)

    with pytest.raises(NotFound):
        contributions.edit_idea(store, anna.token, duplicate, title="Kök i skolan igen")


def test_author_can_delete_an_idea_after_a_duplicate_was_merged_into_it(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    bo = join(store, meeting, "Bo Ek")
    keep, duplicate = add_idea(store, anna, "Bygdekök"), add_idea(store, bo, "Kök i skolan")
    moderation.merge_ideas(store, meeting.id, meeting.facilitator, duplicate, keep)

    contributions.delete_idea(store, anna.token, keep)

    assert views.wall(store, meeting.id, facilitator=True).ideas == ()


def test_the_same_idea_sent_twice_in_a_moment_is_stored_once(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    first = add_idea(store, anna, "Skidspår", description="Runt sjön.")

    with pytest.raises(AlreadySubmitted) as repeat:
        add_idea(store, anna, " Skidspår ", description="Runt sjön.")

    assert repeat.value.existing_id == first
    assert count(store, Idea) == 1


def test_two_taps_at_the_same_instant_store_the_idea_once(store, meeting):
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    taps = [lambda: (add_idea(store, anna, "Skidspår", description="Runt sjön."), "saved")[1] for _ in range(4)]

    outcomes = at_the_same_instant(taps, expected=(AlreadySubmitted,))

    assert outcomes.count("AlreadySubmitted") == 3
    assert count(store, Idea) == 1


def test_another_person_may_send_the_same_idea_and_so_may_the_same_person_later(store, meeting):
    anna, bo = join(store, meeting, "Anna Berg", "Ramsbergs IF"), join(store, meeting, "Bo Ek", "Bryggeriet AB", kind="company")
    add_idea(store, anna, "Skidspår", description="Runt sjön.")
    add_idea(store, bo, "Skidspår", description="Runt sjön.")
    with store.unit_of_work(write=True) as session:
        session.execute(update(Idea).values(created_at=utcnow() - dt.timedelta(minutes=5)))
        session.commit()

    add_idea(store, anna, "Skidspår", description="Runt sjön.")

    assert count(store, Idea) == 3
