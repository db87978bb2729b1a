"""Facilitators mark suggested members "passar" / "passar inte"; the process learns its words.

The verdict changes that idea's ranking at once, and a "passar" confirms the pairs of
need and offer words for the whole process (:mod:`workshop.network.relevance.feedback`). Who may
mark: a coordinator, or the facilitator of a workshop whose wall shows the idea (brought
there or carried forward), as for an idea's stage (:mod:`workshop.services.access`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput
from ..models import Commitment, FitFeedback, ProcessState, WordAssociation, utcnow
from ..network.relevance.feedback import confirmed_pairs
from ..network.snapshot import Capability
from . import access
from .revisions import touch_idea
from .rows import get_idea_on_wall, get_organisation

__all__ = ["VERDICTS", "mark_fit", "forget_verdicts"]

# What a facilitator can say of a suggested member; None withdraws the verdict.
VERDICTS = ("fits", "does_not_fit")
_WORD_MAX = 80


def _capabilities(items: Any) -> list[Capability]:
    return [Capability(i["category"], i["label"]) for i in items or () if isinstance(i, dict) and "label" in i]


def _adjust(session: Session, pairs: list[list[str]] | list[tuple[str, str]], delta: int) -> None:
    """Add ``delta`` confirmations to each pair; a pair left with none is removed."""
    for need, offer in pairs:
        row = session.scalar(select(WordAssociation).where(WordAssociation.need_word == need, WordAssociation.offer_word == offer))
        if row is None:
            if delta > 0:
                session.add(WordAssociation(need_word=need, offer_word=offer, confirmations=delta))
        elif row.confirmations + delta > 0:
            row.confirmations += delta
        else:
            session.delete(row)
    session.flush()


def forget_verdicts(session: Session, *conditions: Any) -> None:
    """Delete the verdicts matching ``conditions`` (any of them) in the caller's unit of work,
    taking back the words their "passar" confirmed: for an idea or organisation being deleted."""
    rows = session.scalars(select(FitFeedback).where(or_(*conditions))).all()
    for row in rows:
        if row.fits:
            _adjust(session, row.pairs or [], -1)
        session.delete(row)
    session.flush()


def mark_fit(store: Store, workshop_id: int, token: Any, idea_id: int, organisation_id: int, verdict: str | None) -> None:
    """Mark ``organisation_id`` as fitting the idea ("fits") or not ("does_not_fit"); ``None`` withdraws.

    Raises
    ------
    NotSignedIn, NotAllowed, WorkshopNotFound
        ``token`` is no coordinator's nor the facilitator's of ``workshop_id``.
    NotFound
        The idea is not on the workshop's wall, or no such organisation.
    InvalidInput
        An unknown verdict (``errors.fit_verdict_invalid``), or the organisation has
        committed to the idea already (``errors.fit_committed``): it is a member, not a suggestion.
    """
    if verdict is not None and verdict not in VERDICTS:
        raise InvalidInput("errors.fit_verdict_invalid", field="verdict")
    with store.unit_of_work(write=True) as session:
        actor = access.authorise(session, token, "ideas", "fit_feedback", workshop_id=workshop_id)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        organisation = get_organisation(session, organisation_id)
        committed = session.scalar(select(Commitment.id).where(Commitment.idea_id == idea.id, Commitment.organisation_id == organisation.id))
        if committed is not None:
            raise InvalidInput("errors.fit_committed", field="organisation")
        # Word confirmations are counted across ideas: one writer at a time (rare writes).
        session.execute(select(ProcessState.id).where(ProcessState.id == 1).with_for_update())
        row = session.scalar(select(FitFeedback).where(FitFeedback.idea_id == idea.id, FitFeedback.organisation_id == organisation.id))
        before = None if row is None else ("fits" if row.fits else "does_not_fit")
        if before == verdict:
            return
        if row is not None and row.fits:
            _adjust(session, row.pairs or [], -1)
        if verdict is None:
            session.delete(row)
        else:
            pairs = []
            if verdict == "fits":
                pairs = [
                    [need, offer]
                    for need, offer in confirmed_pairs(_capabilities(idea.needs), _capabilities(organisation.offers))
                    if len(need) <= _WORD_MAX and len(offer) <= _WORD_MAX
                ]
                _adjust(session, pairs, +1)
            if row is None:
                row = FitFeedback(idea_id=idea.id, organisation_id=organisation.id, workshop_id=idea.workshop_id)
                session.add(row)
            row.fits, row.pairs, row.marked_by, row.marked_at = verdict == "fits", pairs, actor.name[:120], utcnow()
        access.record_audit(
            session,
            actor,
            "idea.fit_feedback",
            subject_type="idea",
            subject_id=idea.id,
            subject_label=idea.title,
            workshop_id=workshop_id,
            detail={"organisation_id": organisation.id, "organisation": organisation.name, "before": before, "after": verdict},
        )
        touch_idea(session, idea)
        session.commit()
