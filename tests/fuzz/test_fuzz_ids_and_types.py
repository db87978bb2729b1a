"""The service calls the other fuzz tests leave out: deleting, hiding, closing, carrying, reading.

Mostly ids, tokens and yes/no flags: each drawn valid, of another row, of no row, beyond
any id (``2**70``), or of another type (``"3"``, ``[3]``, ``3.0``, ``b"3"``, ``True``).
Properties 1, 2 and 4 (only ServiceErrors; a refusal writes nothing; a value of the wrong
type is refused): see :func:`tests.fuzz.world.attempt`.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from tests.fuzz.strategies import OMIT, hostile_id, hostile_value, wrong_types
from tests.fuzz.world import World, facilitator_arguments, fuzz, hostile_facilitator_arguments
from workshop.errors import UnknownParticipant
from workshop.models import Base
from workshop.services import access, contributions, moderation, organisations, participants, readiness, views, voting, workshops
from workshop.vocabulary import IDEA_STAGES


def ids(world: World, table: str) -> list[int]:
    """The ids of ``table``'s rows in the world."""
    at = list(Base.metadata.tables[table].columns.keys()).index("id")
    return sorted(row[at] for row in world.rows[table])


def flags() -> st.SearchStrategy:
    """A yes/no argument as pages give it, or anything: ``1``, ``"False"``, ``[]`` and ``None`` are not yes or no."""
    return st.one_of(st.booleans(), hostile_value, st.sampled_from([0, 1, "True", "False", "", [], None]))


def participant_tokens(world: World):
    return st.one_of(st.just(world.anna.token), st.sampled_from(world.tokens)), st.one_of(
        hostile_value, st.sampled_from(world.facilitator_tokens)
    )


# (service, valid arguments, hostile arguments), each a function of the world.
PARTICIPANT_CALLS = {
    "delete_idea": (
        contributions.delete_idea,
        lambda w: {"idea_id": st.sampled_from(w.idea_ids)},
        lambda w: {"idea_id": hostile_id(w.idea_ids)},
    ),
    "withdraw_commitment": (
        contributions.withdraw_commitment,
        lambda w: {"commitment_id": st.sampled_from(ids(w, "commitments"))},
        lambda w: {"commitment_id": hostile_id(ids(w, "commitments"))},
    ),
    "delete_note": (
        contributions.delete_note,
        lambda w: {"note_id": st.sampled_from(ids(w, "notes"))},
        lambda w: {"note_id": hostile_id(ids(w, "notes"))},
    ),
    "delete_tie": (
        contributions.delete_tie,
        lambda w: {"tie_id": st.sampled_from(ids(w, "ties"))},
        lambda w: {"tie_id": hostile_id(ids(w, "ties"))},
    ),
    "describe_own_organisation": (
        organisations.describe_own_organisation,
        lambda w: {"offers": st.just(OMIT), "description": st.just("Lokal och kök")},
        lambda w: {"offers": hostile_value, "description": hostile_value},
    ),
}


@pytest.mark.parametrize("name", sorted(PARTICIPANT_CALLS))
@fuzz_settings(max_examples=30)
@given(data=st.data())
def test_a_participants_call_refuses_a_wrong_id_token_or_type_cleanly(world, data, name):
    service, valid, hostile = PARTICIPANT_CALLS[name]
    token, hostile_token = participant_tokens(world)
    fuzz(world, data, service, valid={"token": token, **valid(world)}, hostile={"token": hostile_token, **hostile(world)})


FACILITATOR_CALLS = {
    "set_idea_hidden": (
        moderation.set_idea_hidden,
        lambda w: {"idea_id": st.sampled_from(w.idea_ids), "hidden": st.booleans()},
        lambda w: {"idea_id": hostile_id(w.idea_ids), "hidden": flags()},
    ),
    "set_note_hidden": (
        moderation.set_note_hidden,
        lambda w: {"note_id": st.sampled_from(ids(w, "notes")), "hidden": st.booleans()},
        lambda w: {"note_id": hostile_id(ids(w, "notes")), "hidden": flags()},
    ),
    "set_idea_stage": (
        moderation.set_idea_stage,
        lambda w: {"idea_id": st.sampled_from(w.idea_ids), "stage": st.sampled_from([s for s in IDEA_STAGES if s != "project_ready"])},
        lambda w: {"idea_id": hostile_id(w.idea_ids), "stage": st.one_of(st.just("project_ready"), hostile_value)},
    ),
    "close_voting_round": (
        voting.close_voting_round,
        lambda w: {"round_id": st.just(w.round_id)},
        lambda w: {"round_id": hostile_id([w.round_id])},
    ),
    "reveal_results": (
        voting.reveal_results,
        lambda w: {"round_id": st.just(w.round_id), "visible": st.one_of(st.just(OMIT), st.booleans())},
        lambda w: {"round_id": hostile_id([w.round_id]), "visible": flags()},
    ),
    "set_submissions_open": (
        workshops.set_submissions_open,
        lambda w: {"is_open": st.booleans()},
        lambda w: {"is_open": flags()},
    ),
    "carry_idea_forward": (
        workshops.carry_idea_forward,
        lambda w: {"idea_id": st.sampled_from(w.idea_ids)},
        lambda w: {"idea_id": hostile_id(w.idea_ids)},
    ),
}


@pytest.mark.parametrize("name", sorted(FACILITATOR_CALLS))
@fuzz_settings(max_examples=30)
@given(data=st.data())
def test_a_facilitators_call_refuses_a_wrong_id_token_or_type_cleanly(world, data, name):
    service, valid, hostile = FACILITATOR_CALLS[name]
    fuzz(
        world,
        data,
        service,
        valid={**facilitator_arguments(world), **valid(world)},
        hostile={**hostile_facilitator_arguments(world), **hostile(world)},
    )


def refused_when_none(lookup):
    """``lookup`` (which answers ``None`` for "nobody") as a call that refuses instead: so that
    "a wrong token identifies nobody" is checked as a refusal."""

    def call(store, **arguments):
        found = lookup(store, **arguments)
        if found is None:
            raise UnknownParticipant()
        return found

    return call


# Reads: what a page asks on every rerun, with what a broken page or a stale tab might pass.
READS = {
    "workshop_info": (workshops.workshop_info, lambda w: {"workshop_id": st.sampled_from(w.workshop_ids)}),
    "workshop_revision": (workshops.workshop_revision, lambda w: {"workshop_id": st.sampled_from(w.workshop_ids)}),
    "earlier_ideas": (workshops.earlier_ideas, lambda w: {"workshop_id": st.sampled_from(w.workshop_ids)}),
    "staff_actor": (
        refused_when_none(access.staff_actor),
        lambda w: {"token": st.sampled_from(w.facilitator_tokens)},
    ),
    "identify": (refused_when_none(participants.identify), lambda w: {"token": st.sampled_from(w.tokens)}),
    "wall": (
        views.wall,
        lambda w: {"workshop_id": st.sampled_from(w.workshop_ids), "facilitator": st.one_of(st.just(OMIT), st.booleans())},
    ),
    "my_contributions": (
        views.my_contributions,
        lambda w: {"workshop_id": st.sampled_from(w.workshop_ids), "participant_id": st.sampled_from(ids(w, "participants"))},
    ),
    "voting_state": (
        voting.voting_state,
        lambda w: {
            "workshop_id": st.sampled_from(w.workshop_ids),
            "token": st.one_of(st.just(OMIT), st.none(), st.sampled_from(w.tokens)),
            "facilitator": st.one_of(st.just(OMIT), st.booleans()),
        },
    ),
    "get_organisation_view": (organisations.get_organisation_view, lambda w: {"organisation_id": st.sampled_from(w.organisation_ids)}),
    "list_organisations": (organisations.list_organisations, lambda w: {"include_private": st.one_of(st.just(OMIT), st.booleans())}),
    "require_project_ready": (readiness.require_project_ready, lambda w: {"idea_id": st.sampled_from(w.idea_ids)}),
}


def _hostile_read_argument(world: World, name: str) -> st.SearchStrategy:
    if name.endswith("_id"):
        return hostile_id(world.workshop_ids + world.idea_ids)
    if name in ("facilitator", "include_private"):
        return flags()
    return st.one_of(hostile_value, wrong_types)  # tokens


@pytest.mark.parametrize("name", sorted(READS))
@fuzz_settings(max_examples=30)
@given(data=st.data())
def test_a_read_refuses_a_wrong_id_token_or_type_cleanly(world, data, name):
    service, valid = READS[name]
    arguments = valid(world)
    fuzz(world, data, service, valid=arguments, hostile={key: _hostile_read_argument(world, key) for key in arguments})
