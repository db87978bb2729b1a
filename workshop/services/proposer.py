"""Who proposed an idea, as an organisation: the one rule every reader of commitments shares.

The organisation of the participant who added an idea is committed to it as initiator
(issue 20: "the proposer belongs to the idea"), unless that person came as a private
individual; then an organisation must take ownership. No commitment row is written for
it: the network snapshot (:func:`workshop.services.network.read_snapshot`) and the LEADER
card (:mod:`workshop.leader.service`) derive it here from the idea's author, so a merge of
organisations, a withdrawn commitment or an import can never leave a stale row behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from ..models import Idea, Organisation, Participant, Person

__all__ = ["INITIATOR", "Proposer", "proposers"]

# The role the proposer's organisation has in its own idea.
INITIATOR = "initiator"
_PRIVATE_PERSON = "private_person"


@dataclass(frozen=True)
class Proposer:
    """``organisation_id``: the proposer's organisation (after merges), None when it is a
    private person or unknown; ``private_person``: the proposer came as a private individual."""

    organisation_id: int | None
    private_person: bool = False


def proposers(session, idea_ids: Iterable[int] | None = None) -> dict[int, Proposer]:
    """The proposer of each idea (all ideas, or those in ``idea_ids``) that has a known author.

    An organisation merged into another is followed to the one that remains. Two queries,
    whatever the number of ideas.
    """
    query = (
        select(Idea.id, Organisation.id.label("organisation_id"), Organisation.kind, Organisation.merged_into_id)
        .join(Participant, Participant.id == Idea.author_id)
        .join(Person, Person.id == Participant.person_id)
        .join(Organisation, Organisation.id == Person.organisation_id)
    )
    if idea_ids is not None:
        wanted = sorted(set(idea_ids))
        if not wanted:
            return {}
        query = query.where(Idea.id.in_(wanted))
    rows = session.execute(query).all()
    merged = {}
    if any(r.merged_into_id is not None for r in rows):
        merged = dict(session.execute(select(Organisation.id, Organisation.merged_into_id).where(Organisation.merged_into_id.is_not(None))).tuples())
    kinds = {}
    found = {}
    for r in rows:
        organisation_id, seen = r.organisation_id, set()
        while organisation_id in merged and organisation_id not in seen:
            seen.add(organisation_id)
            organisation_id = merged[organisation_id]
        kind = r.kind
        if organisation_id != r.organisation_id:
            if organisation_id not in kinds:
                kinds[organisation_id] = session.scalar(select(Organisation.kind).where(Organisation.id == organisation_id))
            kind = kinds[organisation_id]
        private = kind == _PRIVATE_PERSON
        found[r.id] = Proposer(None if private else organisation_id, private)
    return found
