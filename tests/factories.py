"""Builders for workshops, participants, organisations and ideas used across the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workshop.db import Store
from workshop.services import contributions, participants, workshops
from workshop.services.participants import ParticipantIdentity
from workshop.services.workshops import WorkshopCreated


@dataclass
class Meeting:
    """A created workshop and the facilitator's credentials."""

    created: WorkshopCreated

    @property
    def id(self) -> int:
        return self.created.workshop_id

    @property
    def facilitator(self) -> str:
        return self.created.facilitator_token


def make_workshop(store: Store, *, title: str = "Framtidens Ramsberg", locality: str = "Ramsberg", date: dt.date = dt.date(2026, 11, 30), challenge: str = "Hur kan fler idéer bli projekt i Ramsberg?") -> Meeting:
    return Meeting(workshops.create_workshop(store, title=title, challenge=challenge, date=date, locality=locality))


def join(store: Store, meeting: Meeting, name: str, organisation: str | None = None, *, kind: str = "association", locality: str = "Ramsberg", org_number: str | None = None, offers=None) -> ParticipantIdentity:
    """Join as ``name``; from ``organisation`` (created, or reused when it exists) or as a private person."""
    if organisation is None:
        return participants.join_workshop(store, meeting.id, name=name)
    from workshop.errors import DuplicateOrganisation

    try:
        return participants.join_workshop(
            store, meeting.id, name=name, new_organisation={"name": organisation, "kind": kind, "locality": locality, "org_number": org_number, "offers": offers}
        )
    except DuplicateOrganisation as duplicate:
        return participants.join_workshop(store, meeting.id, name=name, organisation_id=duplicate.existing_id)


def add_idea(store: Store, who: ParticipantIdentity, title: str = "Bygdekök i skolan", **fields) -> int:
    fields.setdefault("description", "Ett gemensamt kök för föreningar och företag.")
    fields.setdefault("locality", "Ramsberg")
    return contributions.add_idea(store, who.token, title=title, **fields)
