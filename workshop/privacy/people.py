"""The coordinator's register of people: find a person across the whole process."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..db import Store
from ..models import Organisation, Participant, Person, Workshop
from ..services.access import require_coordinator
from ..text import search_key

__all__ = ["PersonSummary", "find_people"]

LIMIT = 200


@dataclass(frozen=True)
class PersonSummary:
    id: int
    name: str
    organisation: str
    organisation_kind: str
    email: str | None
    phone: str | None
    workshops: tuple[str, ...]  # titles, in date order


def find_people(store: Store, coordinator_token: Any, query: str = "") -> tuple[PersonSummary, ...]:
    """People not yet anonymised whose name, organisation, e-mail or phone holds every word of ``query``.

    An empty query lists everyone (at most :data:`LIMIT`, by name). Words match as on the wall:
    case and accents ignored.
    """
    words = [search_key(word) for word in str(query or "").split()]
    with store.unit_of_work() as session:
        require_coordinator(session, coordinator_token)
        rows = session.execute(
            select(Person, Organisation)
            .outerjoin(Organisation, Organisation.id == Person.organisation_id)
            .where(Person.anonymised_at.is_(None))
            .order_by(Person.name, Person.id)
        ).all()
        found = [
            (person, organisation)
            for person, organisation in rows
            if all(word in search_key(" ".join(filter(None, (person.name, organisation.name if organisation else "", person.email, person.phone)))) for word in words)
        ][:LIMIT]
        attended: dict[int, list[str]] = defaultdict(list)
        if found:
            for person_id, title in session.execute(
                select(Participant.person_id, Workshop.title)
                .join(Workshop, Workshop.id == Participant.workshop_id)
                .where(Participant.person_id.in_([p.id for p, _o in found]))
                .distinct()
                .order_by(Participant.person_id, Workshop.title)
            ):
                attended[person_id].append(title)
        return tuple(
            PersonSummary(p.id, p.name, o.name if o else "", o.kind if o else "", p.email, p.phone, tuple(attended.get(p.id, ())))
            for p, o in found
        )


