"""Storage limitation: people are anonymised once every meeting they attended is past its date.

Each workshop has ``retention_until`` (two years after the meeting unless the coordinator
set another day). A person who also attended a later meeting keeps that meeting's later
date. Run at start-up of every server and by ``python -m workshop retention``; running it
again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from ..db import Store
from ..models import Company, Idea, Invitation, Participant, Person, Workshop
from ..services.access import SYSTEM, record_audit
from .erasure import anonymise_people, scrub_free_space

__all__ = ["RetentionRun", "apply_retention", "due_for_retention"]


@dataclass(frozen=True)
class RetentionRun:
    people: int  # anonymised by this run
    workshops: tuple[int, ...]  # whose participants were anonymised, one audit entry each


def due_for_retention(rows: list[tuple[int, dt.date | None]], today: dt.date) -> set[int]:
    """The people (ids) whose every meeting is past its retention date.

    ``rows`` pairs a person with a meeting's retention date; a meeting without one keeps the
    person.

    >>> sorted(due_for_retention([(1, dt.date(2026, 1, 31)), (2, dt.date(2026, 1, 31)), (2, dt.date(2027, 1, 31)), (3, None)], dt.date(2026, 2, 1)))
    [1]
    >>> due_for_retention([(1, dt.date(2026, 1, 31))], dt.date(2026, 1, 31))  # kept until the end of that day
    set()
    """
    latest: dict[int, dt.date | None] = {}
    for person_id, until in rows:
        if person_id in latest and latest[person_id] is None:
            continue
        latest[person_id] = None if until is None else max(until, latest.get(person_id) or until)
    return {person_id for person_id, until in latest.items() if until is not None and until < today}


def apply_retention(store: Store, *, today: dt.date) -> RetentionRun:
    """Anonymise everyone due (:func:`due_for_retention`); audit per workshop as the system."""
    with store.unit_of_work(write=True) as session:
        rows = session.execute(
            select(Participant.person_id, Workshop.id, Workshop.retention_until)
            .join(Workshop, Workshop.id == Participant.workshop_id)
            .join(Person, Person.id == Participant.person_id)
            .where(Person.anonymised_at.is_(None))
        ).all()
        # A contact person named in an invitation's answer is kept as long as the idea's meeting.
        rows += session.execute(
            select(Invitation.contact_person_id, Workshop.id, Workshop.retention_until)
            .join(Idea, Idea.id == Invitation.idea_id)
            .join(Workshop, Workshop.id == Idea.workshop_id)
            .join(Person, Person.id == Invitation.contact_person_id)
            .where(Person.anonymised_at.is_(None))
            # The company register's contact persons are kept for the register (docs/companies.md).
            .where(Person.id.not_in(select(Company.contact_person_id).where(Company.contact_person_id.is_not(None))))
        ).all()
        due = due_for_retention([(person_id, until) for person_id, _w, until in rows], today)
        if not due:
            return RetentionRun(0, ())
        per_workshop: dict[int, set[int]] = defaultdict(set)
        for person_id, workshop_id, _until in rows:
            if person_id in due:
                per_workshop[workshop_id].add(person_id)
        anonymise_people(session, sorted(due))
        for workshop_id, people in sorted(per_workshop.items()):
            workshop = session.get(Workshop, workshop_id)
            record_audit(
                session, SYSTEM, "person.retention", subject_type="workshop", subject_id=workshop_id, subject_label=workshop.title,
                workshop_id=workshop_id, detail={"people": len(people), "retention_until": workshop.retention_until.isoformat()},
            )
        session.commit()
    scrub_free_space(store)
    return RetentionRun(len(due), tuple(sorted(per_workshop)))
