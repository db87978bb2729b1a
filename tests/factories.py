"""Builders for workshops, participants, organisations and ideas used across the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from workshop.db import Store
from workshop.models import Base
from workshop.services import contributions, participants, voting, workshops
from workshop.services.participants import ParticipantIdentity
from workshop.services.voting import RoundView
from workshop.services.workshops import WorkshopCreated


TEST_COORDINATOR = "Kim Samordnare"


def coordinator_token(store: Store, name: str = TEST_COORDINATOR) -> str:
    """A signed-in coordinator's session token (the coordinator is created the first time)."""
    from workshop.services import coordinators

    from workshop.errors import WrongCoordinatorKey

    known = _coordinator_keys.get((str(store.engine.url), name))
    if known is not None:
        try:
            return coordinators.coordinator_sign_in(store, name, known)
        except WrongCoordinatorKey:  # another test's database at the same address (PostgreSQL)
            pass
    if any(c.name == name for c in coordinators.list_coordinators(store)):
        key = coordinators.reset_coordinator_key(store, name)
    else:
        key = coordinators.add_coordinator(store, name).key
    _coordinator_keys[(str(store.engine.url), name)] = key
    return coordinators.coordinator_sign_in(store, name, key)


# Signing in again must not end a session handed out earlier in the test: keep the key.
_coordinator_keys: dict[tuple[str, str], str] = {}


@dataclass
class Meeting:
    """A created workshop and the facilitator's credentials."""

    created: WorkshopCreated
    store: Store
    _facilitator: str | None = None

    @property
    def id(self) -> int:
        return self.created.workshop_id

    @property
    def facilitator(self) -> str:
        """A facilitator session of this workshop, signed in with its key the first time."""
        if self._facilitator is None:
            self._facilitator = workshops.facilitator_sign_in(self.store, self.id, self.key)
        return self._facilitator

    @property
    def join_code(self) -> str:
        return self.created.join_code

    @property
    def key(self) -> str:
        return self.created.facilitator_key


def make_workshop(store: Store, *, title: str = "Framtidens Ramsberg", locality: str = "Ramsberg", date: dt.date = dt.date(2026, 11, 30), challenge: str = "Hur kan fler idéer bli projekt i Ramsberg?") -> Meeting:
    created = workshops.create_workshop(store, coordinator_token(store), title=title, challenge=challenge, date=date, locality=locality)
    meeting = Meeting(created, store)
    meeting.facilitator  # signed in now, so that later row counts see no surprise session
    return meeting


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


def commit(store: Store, who: ParticipantIdentity, idea_id: int, role: str = "partner", contribution: str = "") -> int:
    """``who``'s organisation wants to take part in the idea."""
    return contributions.commit_to_idea(store, who.token, idea_id, role=role, contribution=contribution)


def add_note(
    store: Store,
    who: ParticipantIdentity,
    text: str = "Skolans kök står tomt på kvällarna.",
    *,
    subject: str = "place",
    kind: str = "local_knowledge",
    about_text: str = "Ramsberg",
    visibility: str = "all",
    **about,
) -> int:
    """A tacit-knowledge note; by default about a place. Pass ``about_idea_id`` or ``about_organisation_id`` with the subject."""
    return contributions.add_note(
        store, who.token, kind=kind, text=text, subject=subject, about_text=about_text, visibility=visibility, **about
    )


def add_tie(
    store: Store, who: ParticipantIdentity, a: ParticipantIdentity | int, b: ParticipantIdentity | int, kind: str = "cooperated"
) -> int:
    """A tie between two organisations, given as ids or as participants from them."""
    a_id = a if isinstance(a, int) else a.organisation_id
    b_id = b if isinstance(b, int) else b.organisation_id
    return contributions.add_tie(store, who.token, organisation_a_id=a_id, organisation_b_id=b_id, kind=kind)


def open_round(store: Store, meeting: Meeting, *, dots: int = 5, per_idea: int = 3, results_visible: bool = False) -> RoundView:
    return voting.open_voting_round(
        store, meeting.id, meeting.facilitator, dots_per_participant=dots, max_dots_per_idea=per_idea, results_visible=results_visible
    )


# Reading the database back, for tests that check what was (or was not) written.


def count(store: Store, model, *conditions) -> int:
    with store.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*conditions)))


def row_counts(store: Store) -> dict[str, int]:
    """Rows in every table, to show that a refused action wrote nothing."""
    tables = Base.metadata.sorted_tables
    counts = select(*(select(func.count()).select_from(table).scalar_subquery().label(table.name) for table in tables))
    with store.unit_of_work() as session:  # one query, not one per table: it runs twice in hundreds of tests
        row = session.execute(counts).one()
    return {table.name: int(count) for table, count in zip(tables, row, strict=True)}


def make_company(
    store: Store,
    name: str,
    *,
    locality: str = "Ramsberg",
    development_point: str | None = "Ramsberg",
    size_class: str | None = "1-4",
    sni_codes: tuple[str, ...] = ("56100",),
    legal_form: str = "limited_company",
    org_number: str | None = None,
) -> int:
    """A company row and its organisation (kind ``company``), written directly: the register's
    own service and import are tested in tests/companies; other tests only need companies."""
    from workshop.models import Company, Organisation
    from workshop.text import name_key

    with store.unit_of_work(write=True) as session:
        organisation = Organisation(name=name, name_key=name_key(name), kind="company", locality=locality, org_number=org_number, offers=[], description="")
        session.add(organisation)
        session.flush()
        company = Company(organisation_id=organisation.id, legal_form=legal_form, sni_codes=list(sni_codes), size_class=size_class, development_point=development_point, source="test", address="")
        session.add(company)
        session.flush()
        company_id = company.id
        session.commit()
    return company_id


def add_assessment(store: Store, company_id: int, *, scores: dict | None = None, needs: tuple[str, ...] = (), offers: tuple[str, ...] = (), submitted: bool = True, mode: str = "self", answers: dict | None = None, when: dt.datetime | None = None) -> int:
    """A maturity assessment row written directly (its scores as the survey's scoring stores them)."""
    from workshop.models import MaturityAssessment, utcnow

    at = when or utcnow()
    with store.unit_of_work(write=True) as session:
        row = MaturityAssessment(
            company_id=company_id, mode=mode, answers=answers or {}, needs=list(needs), offers=list(offers),
            scores=scores, scoring_version=1 if scores is not None else None, started_at=at, updated_at=at, submitted_at=at if submitted else None,
        )
        session.add(row)
        session.flush()
        assessment_id = row.id
        session.commit()
    return assessment_id
