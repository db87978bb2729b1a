"""The follow-up read model: every idea's way from idea to application, one row per idea.

A row holds the idea's stage (the one the wall and the move to *Projektklar* use), its owner,
its next step in force, its LEADER check status and whether it has stood still. The check is
the LEADER card's own (:func:`workshop.services.leader_facts.card_facts` read, then
:func:`workshop.leader.readiness.chosen_support_check`), so the page and the card never
disagree. The development point is the nearest of the five to the idea's place
(:mod:`workshop.companies.localities`, the same map the company register uses).

*Stale*: no new step and no other change (the idea's record, a commitment) for
:data:`STALE_AFTER` days. A parked idea is never stale: parking is itself a decision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..companies.localities import DEVELOPMENT_POINTS, locality_map
from ..db import Store
from ..invitations.service import InvitationCounts, invitation_counts
from ..leader.readiness import chosen_support_check
from ..models import CarriedIdea, Commitment, Idea, LeaderCard, Organisation, Participant, Person, Workshop
from ..services.access import require_coordinator, require_staff
from ..services.leader_facts import card_facts, idea_area, leader_places, rulebook
from ..services.revisions import walls_showing
from ..services.rows import check_row_id, get_idea_on_wall
from .steps import StepView, current_steps

__all__ = ["STALE_AFTER", "FollowUpRow", "Choices", "follow_up", "follow_up_rows", "filter_choices", "assignee_choices"]

#: An idea with no new step and no other change for this long is flagged.
STALE_AFTER = dt.timedelta(days=30)


@dataclass(frozen=True)
class FollowUpRow:
    """One idea on the follow-up page.

    ``leader_status`` is ``"no_support"`` (no kind of support chosen on the card yet),
    ``"ready"`` (every line of the chosen kind's check holds) or ``"missing"`` (then
    ``leader_missing`` names the failed lines as ``leader.check.line.<key>`` catalog keys).
    ``invitations``: how the idea's invitations to suggested partners stand (sent, answered,
    waiting, and the answers; all zero when none was sent).
    """

    idea_id: int
    title: str
    workshop_id: int
    workshop_title: str
    locality: str | None
    development_point: str | None
    leader_area: str | None
    stage: str
    owner_id: int | None
    owner: str
    step: StepView | None
    leader_status: str
    leader_missing: tuple[str, ...]
    last_change: dt.datetime
    stale: bool
    invitations: InvitationCounts | None = None


def follow_up(
    session: Session,
    *,
    development_point: str | None = None,
    leader_area: str | None = None,
    workshop_id: int | None = None,
    today: dt.date | None = None,
) -> list[FollowUpRow]:
    """Every visible idea (or those on ``workshop_id``'s wall), filtered, stale ones first.

    Parameters
    ----------
    session : Session
        An open unit of work; no access check here (see :func:`follow_up_rows`).
    development_point, leader_area : str, optional
        Only ideas nearest this development point / in this Leader area.
    workshop_id : int, optional
        Only ideas brought to or carried into this workshop.
    today : datetime.date, optional
        The day the stale flag and the LEADER check count from.

    Returns
    -------
    list of FollowUpRow
        Stale first, then by due date (none last), then by title.

    Notes
    -----
    A fixed number of queries, plus one read of the LEADER facts (a handful of queries) per
    idea whose card names a kind of support: only those have a check to run.
    """
    today = today or dt.date.today()
    query = select(Idea).where(Idea.merged_into_id.is_(None), Idea.hidden.is_(False))
    if workshop_id is not None:
        carried = select(CarriedIdea.idea_id).where(CarriedIdea.workshop_id == workshop_id)
        query = query.where(or_(Idea.workshop_id == workshop_id, Idea.id.in_(carried)))
    ideas = list(session.scalars(query.order_by(Idea.id)))
    ids = [idea.id for idea in ideas]
    steps = current_steps(session, ids)
    titles = dict(session.execute(select(Workshop.id, Workshop.title)).all())
    owners = {idea.owner_organisation_id for idea in ideas if idea.owner_organisation_id is not None}
    owner_names = dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(owners))).all()) if owners else {}
    last_commitment = dict(session.execute(select(Commitment.idea_id, func.max(Commitment.created_at)).where(Commitment.idea_id.in_(ids)).group_by(Commitment.idea_id)).all()) if ids else {}
    book, points, places = rulebook(), locality_map(), leader_places(session)
    workshop_places = dict(session.execute(select(Workshop.id, Workshop.locality)).all())
    # Only an idea whose card names a kind of support has a check to run (chosen_support_check
    # returns None for the others): the card's facts are read for those alone.
    chosen = set(session.scalars(select(LeaderCard.idea_id).where(LeaderCard.idea_id.in_(ids), LeaderCard.support_type.is_not(None), LeaderCard.support_type != ""))) if ids else set()
    rows = []
    for idea in ideas:
        locality = idea.locality or workshop_places.get(idea.workshop_id)
        _, area = idea_area(idea, locality, places)
        point = points.nearest(locality)
        if development_point and point != development_point:
            continue
        if leader_area and area != leader_area:
            continue
        check = None
        if idea.id in chosen:
            facts, has_card = card_facts(session, idea)
            check = chosen_support_check(book, facts, has_card, today)
        if check is None:
            status, missing = "no_support", ()
        else:
            missing = tuple(f"leader.check.line.{line.key}" for line in check.failed)
            status = "missing" if missing else "ready"
        step = steps.get(idea.id)
        moments = [idea.created_at, idea.updated_at, last_commitment.get(idea.id), step.set_at if step else None]
        last = max(m for m in moments if m is not None)
        stale = idea.stage != "parked" and today - last.date() >= STALE_AFTER
        rows.append(
            FollowUpRow(
                idea.id, idea.title, idea.workshop_id, titles.get(idea.workshop_id, ""), locality, point, area, idea.stage,
                idea.owner_organisation_id, owner_names.get(idea.owner_organisation_id, ""), step, status, missing, last, stale,
            )
        )
    counts = invitation_counts(session, [row.idea_id for row in rows])
    rows = [replace(row, invitations=counts.get(row.idea_id, InvitationCounts())) for row in rows]
    rows.sort(key=lambda r: (not r.stale, r.step is None or r.step.due_date is None, r.step.due_date if r.step and r.step.due_date else dt.date.max, r.title.casefold()))
    return rows


def follow_up_rows(
    store: Store, token: Any, *, workshop_id: int | None = None, development_point: str | None = None, leader_area: str | None = None, today: dt.date | None = None,
) -> list[FollowUpRow]:
    """:func:`follow_up` for the signed-in staff: a coordinator sees every idea (or one
    workshop's), a facilitator only the ideas on their own workshop's wall."""
    with store.unit_of_work() as session:
        if workshop_id is None:
            require_coordinator(session, token)
        else:
            require_staff(session, workshop_id, token)
        return follow_up(session, development_point=development_point or None, leader_area=leader_area or None, workshop_id=workshop_id, today=today)


@dataclass(frozen=True)
class Choices:
    """What the page's filters and the step's "who" offer."""

    development_points: tuple[str, ...]
    leader_areas: tuple[str, ...]


def filter_choices() -> Choices:
    """The five development points and the Leader areas the rule files know."""
    return Choices(DEVELOPMENT_POINTS, tuple(sorted(rulebook().areas)))


def assignee_choices(store: Store, workshop_id: int, token: Any, idea_id: int) -> tuple[dict[int, str], dict[int, str]]:
    """Who can be named to do an idea's step: the participants of the meetings whose wall
    shows it (id → name) and the organisations that are not private persons (id → name)."""
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        walls = walls_showing(session, idea)
        people: dict[int, str] = {}
        seen: set[int] = set()
        for participant_id, person_id, name in session.execute(
            select(Participant.id, Person.id, Person.name).join(Person, Person.id == Participant.person_id)
            .where(Participant.workshop_id.in_(walls), Person.anonymised_at.is_(None)).order_by(Person.name, Participant.id)
        ):
            if person_id not in seen:  # a person who joined from two devices is offered once
                seen.add(person_id)
                people[participant_id] = name
        organisations = dict(
            session.execute(
                select(Organisation.id, Organisation.name).where(Organisation.merged_into_id.is_(None), Organisation.kind != "private_person").order_by(Organisation.name)
            ).all()
        )
    return people, organisations
