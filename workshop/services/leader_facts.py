"""What LEADER's rules read from the database: the rulebook, an idea's facts, its chosen support's check.

Both the LEADER card's use cases (:mod:`workshop.leader.service`) and the move to
*Projektklar* (:mod:`workshop.services.readiness`) read an idea this way, so it sits in the
services layer below both. No access check here: the callers make theirs.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from ..db import Store
from ..leader.card import Card, IdeaFacts, Party
from ..leader.check import LeaderCheck
from ..leader.readiness import chosen_support_check
from ..leader.rules import Rulebook, load_rules
from ..models import Commitment, Idea, LeaderCard, LeaderVolunteerHours, Locality, Organisation, Workshop
from .proposer import INITIATOR, proposers
from .rows import check_row_id, get_idea

__all__ = ["rulebook", "leader_places", "idea_area", "card_facts", "read_facts", "support_check"]


@lru_cache(maxsize=1)
def rulebook() -> Rulebook:
    """The rules in ``data/leader/``, read once per process (a new file needs a restart)."""
    return load_rules()


def leader_places(session) -> dict[str, Any]:
    """Every place's Leader area and whether a boundary runs through it, by the place's name."""
    return {row.name: row for row in session.execute(select(Locality.name, Locality.leader_area, Locality.crosses_boundary))}


def idea_area(idea: Idea, locality: str | None, places: dict[str, Any]) -> tuple[bool, str | None]:
    """Whether a boundary runs through the idea's place, and the idea's Leader area: the place's,
    or the idea's own where a boundary runs through it (or the place has none).

    ``locality`` is the idea's place, else its workshop's; ``places`` from :func:`leader_places`.
    The card, its check and the follow-up page all read an idea's area through this rule.
    """
    place = places.get(locality) if locality else None
    boundary = bool(place and place.crosses_boundary)
    return boundary, (idea.leader_area if boundary or not (place and place.leader_area) else place.leader_area)


def card_facts(session, idea: Idea) -> tuple[IdeaFacts, bool]:
    """The idea as LEADER's check sees it, read in ``session``, and whether it has a card row.

    Parameters
    ----------
    session : sqlalchemy.orm.Session
        The open unit of work.
    idea : Idea
        The idea, already found (and access-checked by the caller when it must be).

    Returns
    -------
    tuple of (IdeaFacts, bool)
        Its place, LEADER area, parties (the proposer's organisation among them) and card;
        ``True`` when a card has been saved for it.
    """
    locality = idea.locality or session.scalar(select(Workshop.locality).where(Workshop.id == idea.workshop_id))
    places = leader_places(session)
    boundary, area = idea_area(idea, locality, places)
    rows = session.execute(
        select(Organisation.id, Organisation.name, Organisation.kind, Organisation.org_number, Organisation.locality, Commitment.role, Commitment.contribution)
        .join(Commitment, Commitment.organisation_id == Organisation.id)
        .where(Commitment.idea_id == idea.id, Organisation.merged_into_id.is_(None))
        .order_by(Organisation.id, Commitment.id)
    ).all()
    parties: dict[int, Party] = {}
    for r in rows:
        place_of = places.get(r.locality) if r.locality else None
        party_area = None if (place_of is None or place_of.crosses_boundary) else place_of.leader_area
        known = parties.get(r.id)
        roles = (known.roles if known else frozenset()) | {r.role}
        contribution = "; ".join(c for c in ((known.contribution if known else ""), r.contribution or "") if c)
        parties[r.id] = Party(r.id, r.name, r.kind, r.org_number, r.locality, party_area, roles, contribution)
    # The proposer's organisation is an initiator of its idea without a commitment row of its
    # own (workshop.services.proposer): a party of the card, its hours and the draft.
    proposer = proposers(session, [idea.id]).get(idea.id)
    if proposer is not None and proposer.organisation_id is not None:
        known = parties.get(proposer.organisation_id)
        if known is not None:
            parties[known.id] = Party(known.id, known.name, known.kind, known.org_number, known.locality, known.leader_area, known.roles | {INITIATOR}, known.contribution)
        else:
            r = session.execute(
                select(Organisation.id, Organisation.name, Organisation.kind, Organisation.org_number, Organisation.locality).where(Organisation.id == proposer.organisation_id)
            ).one()
            place_of = places.get(r.locality) if r.locality else None
            party_area = None if (place_of is None or place_of.crosses_boundary) else place_of.leader_area
            parties[r.id] = Party(r.id, r.name, r.kind, r.org_number, r.locality, party_area, frozenset({INITIATOR}))
        parties = dict(sorted(parties.items()))
    row = session.scalar(select(LeaderCard).where(LeaderCard.idea_id == idea.id))
    card = Card(innovation=idea.innovation or "")
    if row is not None:
        hours = tuple(session.execute(select(LeaderVolunteerHours.organisation_id, LeaderVolunteerHours.hours).where(LeaderVolunteerHours.idea_id == idea.id).order_by(LeaderVolunteerHours.organisation_id)).all())
        hours = tuple((int(o), int(h)) for o, h in hours)
        card = Card(
            support_type=row.support_type, benefit=row.benefit, budget={k: int(v) for k, v in (row.budget or {}).items()},
            support_sought_sek=row.support_sought_sek, focus_area=row.focus_area, goal=row.goal, innovation_type=row.innovation_type,
            innovation=idea.innovation or "", horizontal=dict(row.horizontal or {}), long_term=row.long_term or "", activities=row.activities or "",
            indicators=row.indicators or "", planned_start=row.planned_start, owner_sole_trader=row.owner_sole_trader, volunteer_hours=hours,
        )
    facts = IdeaFacts(
        id=idea.id, title=idea.title, locality=locality, crosses_boundary=boundary, leader_area=area,
        owner_organisation_id=idea.owner_organisation_id, parties=tuple(parties.values()), card=card,
        description=idea.description or "", workshop_id=idea.workshop_id,
        proposed_by_private_person=bool(proposer and proposer.private_person),
    )
    return facts, row is not None


def read_facts(store: Store, idea_id: int) -> IdeaFacts:
    """The idea as the check sees it (for the command line and the draft; no access check)."""
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    with store.unit_of_work() as session:
        return card_facts(session, get_idea(session, idea_id))[0]


def support_check(store: Store, idea_id: int, *, today: dt.date | None = None) -> LeaderCheck | None:
    """The check of the kind of support the idea's card names, ``None`` while it names none
    (:func:`workshop.leader.readiness.chosen_support_check`; no access check)."""
    with store.unit_of_work() as session:
        facts, has_card = card_facts(session, get_idea(session, idea_id))
    return chosen_support_check(rulebook(), facts, has_card, today or dt.date.today())
