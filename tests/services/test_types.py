"""Wrong types and impossible ids: the app's own refusal at the right field, nothing written.

A broken page, a stale tab or a script may hand a service ``"1"`` or ``[1]`` where an id
belongs, ``2**70`` (which SQLite cannot hold: ``OverflowError``), a list or bytes where
text belongs (which used to be stored as ``"['x']"``), text with a lone surrogate (which
no database encoding can hold: ``UnicodeEncodeError``), or ``1`` where yes or no belongs.
Names and titles lose direction overrides and zero-width characters on entry.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import add_idea, add_note, add_tie, commit, coordinator_token, join, make_workshop, open_round, row_counts
from workshop.errors import InvalidInput, InvalidOrganisationNumber, NotFound, UnknownParticipant, WorkshopNotFound
from workshop.services import access, contributions, moderation, organisations, participants, views, voting, workshops
from workshop.services.rows import is_row_id

SURROGATE = "Bygdek\ud800k"
# Each an id of a row that exists in another shape, a number beyond any id, or no number.
IMPOSSIBLE_IDS = {
    "2**70": lambda real: 2**70,
    "-2**70": lambda real: -(2**70),
    "the-id-as-text": lambda real: str(real),
    "the-id-in-a-list": lambda real: [real],
    "the-id-as-a-float": lambda real: float(real),
    "the-id-as-bytes": lambda real: str(real).encode(),
    "true": lambda real: True,
    "zero": lambda real: 0,
}


@pytest.mark.parametrize(
    "value,names_a_row",
    [
        (1, True),
        (2**31 - 1, True),  # PostgreSQL's largest integer
        (2**31, False),
        (2**70, False),  # SQLite cannot even hold it: OverflowError
        (0, False),
        (-1, False),
        (-(2**70), False),
        ("1", False),
        ([1], False),
        (1.0, False),
        (b"1", False),
        (True, False),  # a bool is an int in Python, never an id
        (None, False),
    ],
)
def test_only_a_whole_number_in_postgresqls_integer_range_names_a_row(value, names_a_row):
    assert is_row_id(value) is names_a_row


@pytest.fixture
def world(store):
    """A meeting with an idea, a commitment, a note, a tie and an open round, by Anna and Bo."""
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Berg", "Ramsbergs IF")
    bo = join(store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    idea = add_idea(store, anna, "Bygdekök i skolan")
    return {
        "meeting": meeting,
        "anna": anna,
        "bo": bo,
        "idea": idea,
        "commitment": commit(store, anna, idea),
        "note": add_note(store, anna, "Skolans kök står tomt på kvällarna."),
        "tie": add_tie(store, anna, anna, bo),
        "round": open_round(store, meeting).id,
        "coordinator": coordinator_token(store),
    }


# (call taking the world and the id to use, which row's id it is, the error, its field)
ID_CALLS = {
    "edit_idea": (lambda s, w, i: contributions.edit_idea(s, w["anna"].token, i, title="Nytt namn"), "idea", NotFound, "idea"),
    "delete_idea": (lambda s, w, i: contributions.delete_idea(s, w["anna"].token, i), "idea", NotFound, "idea"),
    "commit_to_idea": (lambda s, w, i: contributions.commit_to_idea(s, w["bo"].token, i, role="partner"), "idea", NotFound, "idea"),
    "commit_for_organisation": (
        lambda s, w, i: contributions.commit_to_idea(s, w["bo"].token, w["idea"], role="partner", organisation_id=i),
        "bo_organisation",
        NotFound,
        "organisation",
    ),
    "withdraw_commitment": (lambda s, w, i: contributions.withdraw_commitment(s, w["anna"].token, i), "commitment", NotFound, "commitment"),
    "delete_note": (lambda s, w, i: contributions.delete_note(s, w["anna"].token, i), "note", NotFound, "note"),
    "delete_tie": (lambda s, w, i: contributions.delete_tie(s, w["anna"].token, i), "tie", NotFound, "tie"),
    "note_about_organisation": (
        lambda s, w, i: contributions.add_note(s, w["anna"].token, kind="experience", text="Bra", subject="organisation", about_organisation_id=i),
        "bo_organisation",
        NotFound,
        "about",
    ),
    "note_about_an_idea_unused_for_a_place": (
        lambda s, w, i: contributions.add_note(s, w["anna"].token, kind="experience", text="Bra", subject="place", about_text="Skolan", about_idea_id=i),
        "idea",
        NotFound,
        "about",
    ),
    "tie": (
        lambda s, w, i: contributions.add_tie(s, w["anna"].token, organisation_a_id=w["anna"].organisation_id, organisation_b_id=i, kind="know"),
        "bo_organisation",
        NotFound,
        "organisation_b",
    ),
    "set_dots": (lambda s, w, i: voting.set_dots(s, w["anna"].token, i, 1), "idea", NotFound, "idea"),
    "hide_idea": (lambda s, w, i: moderation.set_idea_hidden(s, w["meeting"].id, w["meeting"].facilitator, i, True), "idea", NotFound, "idea"),
    "hide_note": (lambda s, w, i: moderation.set_note_hidden(s, w["meeting"].id, w["meeting"].facilitator, i, True), "note", NotFound, "note"),
    "close_round": (lambda s, w, i: voting.close_voting_round(s, w["meeting"].id, w["meeting"].facilitator, i), "round", NotFound, "round"),
    "leader_owner": (
        lambda s, w, i: moderation.update_leader_details(s, w["meeting"].id, w["meeting"].facilitator, w["idea"], owner_organisation_id=i),
        "bo_organisation",
        NotFound,
        "owner",
    ),
    "carry_forward": (lambda s, w, i: workshops.carry_idea_forward(s, w["meeting"].id, w["meeting"].facilitator, i), "idea", NotFound, "idea"),
    "join_workshop": (lambda s, w, i: participants.join_workshop(s, i, name="Cilla Nord"), "workshop", WorkshopNotFound, None),
    "join_organisation": (
        lambda s, w, i: participants.join_workshop(s, w["meeting"].id, name="Cilla Nord", organisation_id=i),
        "bo_organisation",
        NotFound,
        "organisation",
    ),
    "sign_in": (lambda s, w, i: workshops.facilitator_sign_in(s, i, w["meeting"].key), "workshop", WorkshopNotFound, None),
    "workshop_revision": (lambda s, w, i: workshops.workshop_revision(s, i), "workshop", WorkshopNotFound, None),
    "voting_state": (lambda s, w, i: voting.voting_state(s, i), "workshop", WorkshopNotFound, None),
    "wall": (lambda s, w, i: views.wall(s, i), "workshop", WorkshopNotFound, None),
    "earlier_ideas": (lambda s, w, i: workshops.earlier_ideas(s, i), "workshop", WorkshopNotFound, None),
    "organisation_view": (lambda s, w, i: organisations.get_organisation_view(s, i), "bo_organisation", NotFound, "organisation"),
}


def real_id(world, row: str) -> int:
    return {"bo_organisation": world["bo"].organisation_id, "workshop": world["meeting"].id}.get(row) or world[row]


@pytest.mark.one_engine(
    "refused by is_row_id before any SQL; a door without the check fails on SQLite too (2**70 overflows there)"
)
@pytest.mark.parametrize("name", sorted(ID_CALLS))
def test_an_impossible_id_is_not_found_and_nothing_is_written(store, world, subtests, name):
    # Every door, every impossible id; one world per door (building it is what costs).
    call, row, error, field = ID_CALLS[name]
    before = row_counts(store)

    for shape, impossible in IMPOSSIBLE_IDS.items():
        with subtests.test(shape):
            with pytest.raises(error) as refused:
                call(store, world, impossible(real_id(world, row)))

            assert refused.value.field == field
            assert row_counts(store) == before


# Text where text belongs: anything else is refused at its field, never stored printed.
WRONG_TEXT = {
    "a-list": (["Bygdekök"], "errors.invalid"),
    "a-tuple": (("Bygdekök",), "errors.invalid"),
    "bytes": (b"Bygdek\xc3\xb6k", "errors.invalid"),
    "a-number": (5, "errors.invalid"),
    "a-dict": ({"title": "Bygdekök"}, "errors.invalid"),
    "a-lone-surrogate": (SURROGATE, "errors.unencodable_text"),
}

TEXT_CALLS = {
    "idea_title": (lambda s, w, v: contributions.add_idea(s, w["anna"].token, title=v), "title"),
    "idea_description": (lambda s, w, v: contributions.add_idea(s, w["anna"].token, title="Kök", description=v), "description"),
    "idea_locality": (lambda s, w, v: contributions.add_idea(s, w["anna"].token, title="Kök", locality=v), "locality"),
    "edited_title": (lambda s, w, v: contributions.edit_idea(s, w["anna"].token, w["idea"], title=v), "title"),
    "moderated_title": (
        lambda s, w, v: moderation.moderate_idea(s, w["meeting"].id, w["meeting"].facilitator, w["idea"], title=v),
        "title",
    ),
    "contribution": (
        lambda s, w, v: contributions.commit_to_idea(s, w["bo"].token, w["idea"], role="contributor", contribution=v),
        "contribution",
    ),
    "note_text": (lambda s, w, v: contributions.add_note(s, w["anna"].token, kind="experience", text=v, subject="place", about_text="Skolan"), "text"),
    "note_about": (lambda s, w, v: contributions.add_note(s, w["anna"].token, kind="experience", text="Bra", subject="place", about_text=v), "about"),
    "innovation": (
        lambda s, w, v: moderation.update_leader_details(s, w["meeting"].id, w["meeting"].facilitator, w["idea"], innovation=v),
        "innovation",
    ),
    "participant_name": (lambda s, w, v: participants.join_workshop(s, w["meeting"].id, name=v), "name"),
    "organisation_name": (lambda s, w, v: organisations.register_organisation(s, name=v, kind="association"), "name"),
    "organisation_description": (
        lambda s, w, v: organisations.register_organisation(s, name="Vedevågs IF", kind="association", description=v),
        "description",
    ),
    "own_description": (lambda s, w, v: organisations.describe_own_organisation(s, w["anna"].token, description=v), "description"),
    "corrected_name": (
        lambda s, w, v: organisations.update_organisation(s, w["meeting"].id, w["meeting"].facilitator, w["bo"].organisation_id, name=v),
        "name",
    ),
    "locality": (lambda s, w, v: organisations.set_locality_area(s, w["coordinator"], v, None), "locality"),
    "leader_area": (lambda s, w, v: organisations.set_locality_area(s, w["coordinator"], "Ramsberg", v), "leader_area"),
    "workshop_title": (
        lambda s, w, v: workshops.create_workshop(s, w["coordinator"], title=v, challenge="Hur?", date=dt.date(2026, 12, 1), locality="Ramsberg"),
        "title",
    ),
    "workshop_challenge": (
        lambda s, w, v: workshops.create_workshop(s, w["coordinator"], title="Träff", challenge=v, date=dt.date(2026, 12, 1), locality="Ramsberg"),
        "challenge",
    ),
    "facilitator_key": (
        lambda s, w, v: workshops.create_workshop(s, w["coordinator"], title="Träff", challenge="Hur?", date=dt.date(2026, 12, 1), locality="Ramsberg", facilitator_key=v),
        "key",
    ),
    "join_code": (lambda s, w, v: workshops.find_workshop_by_code(s, v), "code"),
    "a_theme": (lambda s, w, v: contributions.add_idea(s, w["anna"].token, title="Kök", themes=["mat", v]), "themes"),
    "a_need": (lambda s, w, v: contributions.add_idea(s, w["anna"].token, title="Kök", needs={"premises": [v]}), "needs"),
    "an_offer": (lambda s, w, v: organisations.describe_own_organisation(s, w["anna"].token, offers=[("premises", v)]), "offers"),
}


@pytest.mark.one_engine(
    "refused by validation before any SQL; a door without the check fails on SQLite too (its driver "
    "refuses a lone surrogate and stores a list printed, as PostgreSQL's does)"
)
@pytest.mark.parametrize("name", sorted(TEXT_CALLS))
def test_a_value_that_is_not_text_is_refused_at_its_field_and_nothing_is_written(store, world, subtests, name):
    call, field = TEXT_CALLS[name]
    before = row_counts(store)

    for shape, (value, message_key) in WRONG_TEXT.items():
        with subtests.test(shape):
            with pytest.raises(InvalidInput) as refused:
                call(store, world, value)

            assert refused.value.field == field
            if name not in ("a_theme", "a_need", "an_offer") or message_key == "errors.unencodable_text":
                assert refused.value.message_key == message_key
            assert row_counts(store) == before


@pytest.mark.one_engine("refused by validation in Python before any SQL: the engine is never asked")
@pytest.mark.parametrize(
    "call,field",
    [
        pytest.param(lambda s, w, v: moderation.set_idea_hidden(s, w["meeting"].id, w["meeting"].facilitator, w["idea"], v), "hidden", id="hide-idea"),
        pytest.param(lambda s, w, v: moderation.set_note_hidden(s, w["meeting"].id, w["meeting"].facilitator, w["note"], v), "hidden", id="hide-note"),
        pytest.param(lambda s, w, v: workshops.set_submissions_open(s, w["meeting"].id, w["meeting"].facilitator, v), "is_open", id="open"),
        pytest.param(lambda s, w, v: voting.reveal_results(s, w["meeting"].id, w["meeting"].facilitator, w["round"], v), "visible", id="reveal"),
        pytest.param(
            lambda s, w, v: voting.open_voting_round(s, w["meeting"].id, w["meeting"].facilitator, dots_per_participant=5, max_dots_per_idea=2, results_visible=v),
            "results_visible",
            id="open-round",
        ),
    ],
)
def test_yes_or_no_takes_only_true_or_false(store, world, subtests, call, field):
    before = row_counts(store)
    revision = workshops.workshop_revision(store, world["meeting"].id)

    for value in [1, 0, "True", "", None, [True]]:
        with subtests.test(repr(value)):
            with pytest.raises(InvalidInput) as refused:
                call(store, world, value)

            assert (refused.value.field, refused.value.message_key) == (field, "errors.invalid")
            assert row_counts(store) == before and workshops.workshop_revision(store, world["meeting"].id) == revision


@pytest.mark.one_engine("refused by validation in Python before any SQL: the engine is never asked")
def test_a_count_of_dots_is_a_whole_number_not_its_look_alike(store, world, subtests):
    for value in [2.0, 2.5, "2.0", "٢", "1_0", [2], b"2", True]:
        with subtests.test(repr(value)):
            with pytest.raises(InvalidInput) as refused:
                voting.set_dots(store, world["anna"].token, world["idea"], value)

            assert (refused.value.field, refused.value.message_key) == ("dots", "errors.not_a_number")


@pytest.mark.one_engine("refused by validation in Python before any SQL: the engine is never asked")
def test_a_token_that_is_not_text_is_nobody(store, world, subtests):
    before = row_counts(store)

    for token in [[1], b"token", 5, SURROGATE, None, ""]:
        with subtests.test(repr(token)):
            with pytest.raises(UnknownParticipant):
                contributions.add_idea(store, token, title="Kök")
            with pytest.raises(UnknownParticipant):
                voting.set_dots(store, token, world["idea"], 1)

            assert participants.identify(store, token) is None
            assert access.staff_actor(store, token) is None
            assert row_counts(store) == before


@pytest.mark.one_engine("refused by validation in Python before any SQL: the engine is never asked")
def test_an_organisation_number_given_as_a_number_is_refused_not_stripped_of_its_zeros(store):
    with pytest.raises(InvalidOrganisationNumber) as refused:
        organisations.register_organisation(store, name="Ramsbergs IF", kind="association", org_number=8020001234)

    assert refused.value.field == "org_number"


@pytest.mark.parametrize(
    "typed,stored",
    [
        pytest.param("\u202eFIsgrebmaR", "FIsgrebmaR", id="right-to-left-override"),
        pytest.param("Vede\u200bvågs\u200c IF\u200d", "Vedevågs IF", id="zero-width-space-non-joiner-joiner"),
        pytest.param("\u2066Vedevågs IF\u2069", "Vedevågs IF", id="isolates"),
        pytest.param("\ufeffVedevågs\u2060 IF\u200e\u200f\u061c", "Vedevågs IF", id="bom-word-joiner-marks"),
        pytest.param("\u202a\u202b\u202cשלום IF\u202d", "שלום IF", id="embeddings-around-hebrew"),
    ],
)
def test_invisible_direction_and_zero_width_characters_are_removed_from_names_and_titles(store, world, typed, stored):
    meeting, anna = world["meeting"], world["anna"]
    organisation = organisations.register_organisation(store, name=typed, kind="association")
    idea = contributions.add_idea(store, anna.token, title=typed, description=f"{typed} beskrivning", locality=typed, themes=[typed])
    person = participants.join_workshop(store, meeting.id, name=typed)

    assert organisations.get_organisation_view(store, organisation.id).name == stored
    card = next(i for i in views.wall(store, meeting.id).ideas if i.id == idea)
    assert (card.title, card.locality, card.themes) == (stored, stored, (stored.lower(),))
    assert card.description == f"{typed} beskrivning"  # descriptions keep their marks and joiners
    assert (person.name, person.organisation_name) == (stored, stored)


@pytest.mark.one_engine("refused by validation in Python before any SQL: the engine is never asked")
def test_a_name_that_is_only_invisible_characters_is_required(store, world):
    with pytest.raises(InvalidInput) as refused:
        contributions.add_idea(store, world["anna"].token, title="\u202e\u200b\u2060")

    assert (refused.value.field, refused.value.message_key) == ("title", "errors.required")


def test_a_name_that_differs_only_by_invisible_characters_is_the_same_organisation(store, world):
    from workshop.errors import DuplicateOrganisation

    with pytest.raises(DuplicateOrganisation) as duplicate:
        organisations.register_organisation(store, name="Ramsbergs\u200b I\u202eF", kind="association")

    assert duplicate.value.existing_id == world["anna"].organisation_id
