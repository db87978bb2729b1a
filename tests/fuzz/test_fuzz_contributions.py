"""Ideas, commitments, notes and ties from participants, with hostile input.

Properties 1 and 2 (only ServiceErrors; a refusal writes nothing): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import (
    OMIT,
    hostile_choice,
    hostile_id,
    hostile_value,
    valid_capabilities,
    valid_optional_text,
    valid_tags,
    valid_text,
)
from tests.fuzz.world import fuzz
from workshop.lengths import NAME_MAX, TEXT_MAX, TITLE_MAX
from workshop.services import contributions
from workshop.vocabulary import COMMITMENT_ROLES, NEED_CATEGORIES, NOTE_KINDS, NOTE_SUBJECTS, NOTE_VISIBILITIES, TIE_KINDS

IDEA_FIELDS = {
    "title": valid_text(TITLE_MAX),
    "description": valid_optional_text(TEXT_MAX),
    "locality": valid_optional_text(NAME_MAX),
    "themes": st.one_of(st.just(OMIT), valid_tags),
    "needs": st.one_of(st.just(OMIT), valid_capabilities(NEED_CATEGORIES)),
}
HOSTILE_IDEA_FIELDS = {name: hostile_value for name in IDEA_FIELDS}


def _tokens(world):
    """Mostly Anna's (meeting a, open); any participant's (Erik's meeting is closed); or anything."""
    return st.one_of(st.just(world.anna.token), st.sampled_from(world.tokens)), st.one_of(
        hostile_value, st.sampled_from(world.facilitator_tokens)
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_adding_an_idea_refuses_hostile_input_cleanly(world, data):
    token, hostile_token = _tokens(world)
    fuzz(
        world,
        data,
        contributions.add_idea,
        valid={"token": token, **IDEA_FIELDS},
        hostile={"token": hostile_token, **HOSTILE_IDEA_FIELDS},
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_editing_an_idea_refuses_hostile_input_cleanly(world, data):
    token, hostile_token = _tokens(world)
    fuzz(
        world,
        data,
        contributions.edit_idea,
        # Anna's own idea, mostly; the others are someone else's, merged, or another meeting's.
        valid={"token": token, "idea_id": st.one_of(st.just(world.ideas["a_anna"]), st.sampled_from(world.idea_ids)), **IDEA_FIELDS},
        hostile={"token": hostile_token, "idea_id": hostile_id(world.idea_ids), **HOSTILE_IDEA_FIELDS},
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_committing_to_an_idea_refuses_hostile_input_cleanly(world, data):
    token, hostile_token = _tokens(world)
    fuzz(
        world,
        data,
        contributions.commit_to_idea,
        valid={
            "token": token,
            "idea_id": st.sampled_from(world.idea_ids),
            "role": st.sampled_from(COMMITMENT_ROLES),  # a contributor must say what they contribute
            "contribution": valid_optional_text(TEXT_MAX),
            "organisation_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.organisation_ids)),
        },
        hostile={
            "token": hostile_token,
            "idea_id": hostile_id(world.idea_ids),
            "role": hostile_choice(COMMITMENT_ROLES),
            "contribution": hostile_value,
            "organisation_id": hostile_id(world.organisation_ids),
        },
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_adding_a_note_refuses_hostile_input_cleanly(world, data):
    token, hostile_token = _tokens(world)
    fuzz(
        world,
        data,
        contributions.add_note,
        valid={
            "token": token,
            "kind": st.sampled_from(NOTE_KINDS),
            "text": valid_text(TEXT_MAX),
            "subject": st.sampled_from(NOTE_SUBJECTS),  # an organisation or idea needs its id, a place or person its name
            "about_organisation_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.organisation_ids)),
            "about_idea_id": st.one_of(st.just(OMIT), st.none(), st.sampled_from(world.idea_ids)),
            "about_text": valid_optional_text(NAME_MAX),
            "visibility": st.one_of(st.just(OMIT), st.sampled_from(NOTE_VISIBILITIES)),
        },
        hostile={
            "token": hostile_token,
            "kind": hostile_choice(NOTE_KINDS),
            "text": hostile_value,
            "subject": hostile_choice(NOTE_SUBJECTS),
            "about_organisation_id": hostile_id(world.organisation_ids),
            "about_idea_id": hostile_id(world.idea_ids),
            "about_text": hostile_value,
            "visibility": hostile_choice(NOTE_VISIBILITIES),
        },
    )


@fuzz_settings(max_examples=60)
@given(data=st.data())
def test_adding_a_tie_refuses_hostile_input_cleanly(world, data):
    token, hostile_token = _tokens(world)
    organisation_ids = st.sampled_from(world.organisation_ids)  # the merged one is its survivor: a tie to oneself
    fuzz(
        world,
        data,
        contributions.add_tie,
        valid={
            "token": token,
            "organisation_a_id": organisation_ids,
            "organisation_b_id": organisation_ids,
            "kind": st.sampled_from(TIE_KINDS),
        },
        hostile={
            "token": hostile_token,
            "organisation_a_id": hostile_id(world.organisation_ids),
            "organisation_b_id": hostile_id(world.organisation_ids),
            "kind": hostile_choice(TIE_KINDS),
        },
    )
