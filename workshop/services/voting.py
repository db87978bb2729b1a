"""Dot voting in rounds: N dots per participant, at most M on one idea."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, update

from ..db import Store
from ..errors import InvalidInput, NotFound, VoteBudgetExceeded, UnknownParticipant, VotingClosed, WorkshopNotFound
from ..models import Vote, VotingRound
from ..validation import clean_flag, clean_int
from .access import authorise
from .revisions import touch
from .rows import check_row_id, get_idea_on_wall, get_participant, get_row, get_workshop

__all__ = ["RoundView", "open_voting_round", "close_voting_round", "reveal_results", "set_dots", "voting_state"]


@dataclass(frozen=True)
class RoundView:
    id: int
    number: int
    dots_per_participant: int
    max_dots_per_idea: int
    is_open: bool
    results_visible: bool


@dataclass(frozen=True)
class VotingState:
    rounds: tuple[RoundView, ...]
    current: RoundView | None  # the newest round
    my_dots: dict[int, int]  # idea id -> my dots in the current round
    dots_left: int
    totals: dict[int, dict[int, int]]  # round id -> idea id -> dots, only where visible to the viewer


def _view(r: VotingRound) -> RoundView:
    return RoundView(r.id, r.number, r.dots_per_participant, r.max_dots_per_idea, r.is_open, r.results_visible)


def open_voting_round(store: Store, workshop_id: int, facilitator_token: str, *, dots_per_participant: int, max_dots_per_idea: int, results_visible: bool = False) -> RoundView:
    """Start a new round; earlier rounds are closed and kept."""
    dots = clean_int(dots_per_participant, "dots_per_participant", minimum=1, maximum=50, required=True)
    per_idea = clean_int(max_dots_per_idea, "max_dots_per_idea", minimum=1, maximum=50, required=True)
    if per_idea > dots:
        raise InvalidInput("errors.max_per_idea_over_budget", field="max_dots_per_idea", max=dots)
    results_visible = clean_flag(results_visible, "results_visible")
    with store.unit_of_work(write=True) as session:
        authorise(session, facilitator_token, "voting", "open", workshop_id=workshop_id)
        get_workshop(session, workshop_id, lock=True)  # two tabs opening a round: one after the other
        session.execute(update(VotingRound).where(VotingRound.workshop_id == workshop_id).values(is_open=False))
        number = (session.scalar(select(func.max(VotingRound.number)).where(VotingRound.workshop_id == workshop_id)) or 0) + 1
        voting_round = VotingRound(
            workshop_id=workshop_id, number=number, dots_per_participant=dots, max_dots_per_idea=per_idea, is_open=True, results_visible=results_visible
        )
        session.add(voting_round)
        touch(session, workshop_id)
        session.commit()
        return _view(voting_round)


def _facilitator_round(session, workshop_id: int, facilitator_token: str, round_id: int, action: str) -> VotingRound:
    authorise(session, facilitator_token, "voting", action, workshop_id=workshop_id)
    voting_round = get_row(session, VotingRound, round_id, field="round")
    if voting_round.workshop_id != workshop_id:
        raise NotFound(field="round")
    return voting_round


def close_voting_round(store: Store, workshop_id: int, facilitator_token: str, round_id: int) -> None:
    with store.unit_of_work(write=True) as session:
        _facilitator_round(session, workshop_id, facilitator_token, round_id, "close").is_open = False
        touch(session, workshop_id)
        session.commit()


def reveal_results(store: Store, workshop_id: int, facilitator_token: str, round_id: int, visible: bool = True) -> None:
    visible = clean_flag(visible, "visible")
    with store.unit_of_work(write=True) as session:
        _facilitator_round(session, workshop_id, facilitator_token, round_id, "reveal").results_visible = visible
        touch(session, workshop_id)
        session.commit()


# Built once with bound parameters (see workshop.services.rows): these run on every vote.
_NEWEST_ROUND = select(VotingRound).where(VotingRound.workshop_id == bindparam("workshop")).order_by(VotingRound.number.desc()).limit(1)
_MY_VOTES = select(Vote).where(Vote.round_id == bindparam("round"), Vote.participant_id == bindparam("participant"))


def set_dots(store: Store, token: str, idea_id: int, dots: int) -> int:
    """Put ``dots`` of the participant's dots on an idea in the open round (0 takes them back).

    Returns the dots left. The participant's row is locked for the check, so two tabs
    voting at once cannot overspend (SQLite serialises writers anyway).
    """
    dots = clean_int(dots, "dots", minimum=0, maximum=50, required=True)
    with store.unit_of_work(write=True) as session:
        participant = get_participant(session, token, lock=True)
        workshop = get_workshop(session, participant.workshop_id)
        voting_round = session.scalar(_NEWEST_ROUND, {"workshop": workshop.id})
        if voting_round is None or not voting_round.is_open:
            raise VotingClosed(field="dots")
        idea = get_idea_on_wall(session, workshop.id, idea_id)
        if dots > voting_round.max_dots_per_idea:
            raise VoteBudgetExceeded("errors.vote_over_idea_limit", field="dots", max=voting_round.max_dots_per_idea)
        mine = {v.idea_id: v for v in session.scalars(_MY_VOTES, {"round": voting_round.id, "participant": participant.id})}
        spent_elsewhere = sum(v.dots for i, v in mine.items() if i != idea.id)
        if spent_elsewhere + dots > voting_round.dots_per_participant:
            # Said the way the wall's heading says it ("du har 0 av 5 prickar kvar"), and what
            # this idea can hold when it already has some of them.
            here = mine[idea.id].dots if idea.id in mine else 0
            left = voting_round.dots_per_participant - spent_elsewhere - here
            if here:
                raise VoteBudgetExceeded("forgive.vote_budget_here", field="dots", left=left, total=voting_round.dots_per_participant, most=here + left)
            raise VoteBudgetExceeded("forgive.vote_budget", field="dots", left=left, total=voting_round.dots_per_participant)
        existing = mine.get(idea.id)
        if dots == 0:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            session.add(Vote(round_id=voting_round.id, participant_id=participant.id, idea_id=idea.id, dots=dots))
        else:
            existing.dots = dots
        touch(session, workshop.id)
        session.commit()
        return voting_round.dots_per_participant - spent_elsewhere - dots


def voting_state(store: Store, workshop_id: int, *, token: str | None = None, facilitator: bool = False) -> VotingState:
    """Rounds, the viewer's dots, and totals where results are revealed (or for facilitators)."""
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    facilitator = clean_flag(facilitator, "facilitator")
    if token is not None and not isinstance(token, str):
        raise UnknownParticipant()
    with store.unit_of_work() as session:
        rounds = session.scalars(select(VotingRound).where(VotingRound.workshop_id == workshop_id).order_by(VotingRound.number)).all()
        views = tuple(_view(r) for r in rounds)
        current = views[-1] if views else None
        my_dots: dict[int, int] = {}
        if token and current is not None:
            participant = get_participant(session, token)
            my_dots = dict(
                session.execute(select(Vote.idea_id, Vote.dots).where(Vote.round_id == current.id, Vote.participant_id == participant.id)).all()
            )
        dots_left = (current.dots_per_participant - sum(my_dots.values())) if current else 0
        totals: dict[int, dict[int, int]] = {}
        visible_ids = [r.id for r in views if r.results_visible or facilitator]
        if visible_ids:
            for round_id, idea_id, total in session.execute(
                select(Vote.round_id, Vote.idea_id, func.sum(Vote.dots)).where(Vote.round_id.in_(visible_ids)).group_by(Vote.round_id, Vote.idea_id)
            ):
                totals.setdefault(round_id, {})[idea_id] = int(total)
        return VotingState(views, current, my_dots, dots_left, totals)
