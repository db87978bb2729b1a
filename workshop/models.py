"""The data model, mapped with SQLAlchemy 2.x declarative classes.

Organisations, people and localities belong to the whole network process and persist
across workshops; everything a participant adds is tied to the workshop it was added in.
Schema changes go through Alembic migrations in ``workshop/migrations``; never call
``Base.metadata.create_all`` outside tests of the migrations themselves.

Size: one topic, the schema: every table is here, so a migration is checked against one file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .lengths import NAME_MAX, SHORT_MAX, TITLE_MAX

# Stable constraint names so that Alembic batch migrations on SQLite can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Locality(Base):
    """A place and the Leader area it belongs to: data a facilitator can correct."""

    __tablename__ = "localities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    leader_area: Mapped[str | None] = mapped_column(String(NAME_MAX))
    is_development_point: Mapped[bool] = mapped_column(Boolean, default=False)
    # A Leader area boundary runs through the place (Fellingsbro): an idea there names its own area.
    crosses_boundary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LeaderArea(Base):
    """A LEADER area and its budget cap per project (None when not known)."""

    __tablename__ = "leader_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    budget_cap_sek: Mapped[int | None] = mapped_column(Integer)


class ProcessState(Base):
    """A single row holding the revision counter of changes no wall shows (the thesaurus,
    an organisation registered by a coordinator...).

    The process revision readers cache the network analysis on is this counter plus every
    workshop's revision (workshop/services/revisions.py): a write to a wall never locks this row.
    """

    __tablename__ = "process_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)


class StoredAnalysis(Base):
    """The network analysis of one process revision, computed by one server for all of them.

    ``payload`` is the pickled analysis (workshop/services/shared_analysis.py); a cache the
    servers share, never part of a backup, rebuilt from the data whenever it is missing.
    """

    __tablename__ = "stored_analyses"

    revision: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    seconds: Mapped[float] = mapped_column(Float)  # how long the computation took
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Workshop(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    challenge: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    locality: Mapped[str] = mapped_column(String(NAME_MAX))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    facilitator_key_hash: Mapped[str] = mapped_column(String(200))
    submissions_open: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped by every change to the workshop's contributions; caches key on it.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # After this day the people who took part are anonymised (GDPR storage limitation).
    retention_until: Mapped[dt.date | None] = mapped_column(Date)
    # Loaded by the demo: every coordinator and facilitator page says so while it is present.
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Where phones reach the app in the hall (the join link and QR code): picked on Projektorvy.
    participant_address: Mapped[str | None] = mapped_column(String(SHORT_MAX))


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    # Name folded for duplicate detection: case, spacing and punctuation ignored.
    name_key: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    locality: Mapped[str | None] = mapped_column(String(NAME_MAX))
    org_number: Mapped[str | None] = mapped_column(String(11), index=True)
    # [{"category": "premises", "label": "samlingslokal"}, ...]
    offers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    # How many projects it can take part in at once (set by the coordinator); None: the default.
    capacity: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    first_workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Person(Base):
    """Someone who has taken part; found again by name and organisation at later meetings."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_MAX), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # Contact details are kept only with the person's explicit consent, given at that time.
    email: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    phone: Mapped[str | None] = mapped_column(String(40))
    contact_consent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Set when the person was erased or reached retention: the row stays, nothing identifies them.
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    organisation: Mapped[Organisation | None] = relationship()


class Participant(Base):
    """One browser's presence of a person at one workshop, with the hashed token it holds.

    A person who joins again from another device gets another participant row, so
    nobody can take over a device's identity by typing the same name.
    """

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    joined_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    person: Mapped[Person] = relationship()


class Idea(Base):
    __tablename__ = "ideas"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    description: Mapped[str] = mapped_column(Text, default="")
    locality: Mapped[str | None] = mapped_column(String(NAME_MAX))
    themes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    needs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    stage: Mapped[str] = mapped_column(String(20), default="idea")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    # What a LEADER application asks for; filled in while the idea is refined.
    innovation: Mapped[str] = mapped_column(Text, default="")
    budget_sek: Mapped[int | None] = mapped_column(Integer)
    cofinancing_hours: Mapped[int | None] = mapped_column(Integer)
    owner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # The idea's own Leader area, asked for where a boundary runs through its locality.
    leader_area: Mapped[str | None] = mapped_column(String(NAME_MAX))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class LeaderCard(Base):
    """What a LEADER application asks of an idea beyond its text (workshop.leader)."""

    __tablename__ = "leader_cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), unique=True)
    support_type: Mapped[str | None] = mapped_column(String(40))
    benefit: Mapped[str | None] = mapped_column(String(20))  # "public" or "commercial"
    # {"personnel": 120000, "services": 40000, ...} in whole SEK (workshop.leader.card.COST_TYPES)
    budget: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    support_sought_sek: Mapped[int | None] = mapped_column(Integer)
    focus_area: Mapped[str | None] = mapped_column(String(60))
    goal: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    innovation_type: Mapped[str | None] = mapped_column(String(40))
    # {"equality": "...", "non_discrimination": "...", "environment": "..."}
    horizontal: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    long_term: Mapped[str] = mapped_column(Text, default="")
    activities: Mapped[str] = mapped_column(Text, default="")
    indicators: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[dt.date | None] = mapped_column(Date)
    owner_sole_trader: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class LeaderVolunteerHours(Base):
    """Volunteer hours ("ideell tid") an organisation promises to an idea's project."""

    __tablename__ = "leader_volunteer_hours"
    __table_args__ = (UniqueConstraint("idea_id", "organisation_id"), CheckConstraint("hours >= 0", name="hours_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    hours: Mapped[int] = mapped_column(Integer)


class FitFeedback(Base):
    """A facilitator's verdict on a suggested member: it fits the idea ("passar") or not.

    ``pairs`` are the (need word, offer word) pairs a "fits" verdict confirmed in
    ``word_associations`` when it was given, so that withdrawing it takes back exactly those.
    ``workshop_id`` is the idea's home workshop (the verdict travels with the idea).
    """

    __tablename__ = "fit_feedback"
    __table_args__ = (UniqueConstraint("idea_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    fits: Mapped[bool] = mapped_column(Boolean)
    pairs: Mapped[list[Any]] = mapped_column(JSON, default=list)
    marked_by: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class WordAssociation(Base):
    """A need word and an offer word the process has confirmed belong together ("sy" / "textilslöjd")."""

    __tablename__ = "word_associations"
    __table_args__ = (UniqueConstraint("need_word", "offer_word"), CheckConstraint("confirmations > 0", name="confirmed"))

    id: Mapped[int] = mapped_column(primary_key=True)
    need_word: Mapped[str] = mapped_column(String(80))
    offer_word: Mapped[str] = mapped_column(String(80))
    confirmations: Mapped[int] = mapped_column(Integer)


class ConceptWord(Base):
    """A word (or phrase) a coordinator added to a concept of the domain thesaurus
    (``data/vocabulary/concepts.toml`` holds the concepts and their reviewed words)."""

    __tablename__ = "concept_words"
    __table_args__ = (UniqueConstraint("concept", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concept: Mapped[str] = mapped_column(String(40))
    word: Mapped[str] = mapped_column(String(60))
    added_by: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CarriedIdea(Base):
    """An idea from an earlier meeting brought forward to a later workshop."""

    __tablename__ = "carried_ideas"
    __table_args__ = (UniqueConstraint("workshop_id", "idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))


class Commitment(Base):
    """"My organisation wants to take part in this idea", with a role."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("idea_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    contribution: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Note(Base):
    """Tacit knowledge ("dold kunskap") about an organisation, idea, place or person."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(20))
    about_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    about_idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id"))
    about_text: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    visibility: Mapped[str] = mapped_column(String(20), default="all")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Tie(Base):
    """A relation between two organisations; ``organisation_a`` < ``organisation_b``."""

    __tablename__ = "ties"
    __table_args__ = (
        UniqueConstraint("organisation_a_id", "organisation_b_id", "kind"),
        CheckConstraint("organisation_a_id < organisation_b_id", name="ordered_pair"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_a_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    organisation_b_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class VotingRound(Base):
    __tablename__ = "voting_rounds"
    __table_args__ = (UniqueConstraint("workshop_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    dots_per_participant: Mapped[int] = mapped_column(Integer)
    max_dots_per_idea: Mapped[int] = mapped_column(Integer)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    results_visible: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("round_id", "participant_id", "idea_id"),
        CheckConstraint("dots > 0", name="positive_dots"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"))
    dots: Mapped[int] = mapped_column(Integer)


class Coordinator(Base):
    """The municipality's person who owns the network process (samordnare)."""

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_MAX), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The coordinator's default address for phones: workshops without their own, survey links.
    participant_address: Mapped[str | None] = mapped_column(String(SHORT_MAX))


class StaffSession(Base):
    """A signed-in coordinator's or facilitator's browser: the cookie holds a token, we keep its hash.

    A facilitator session is for one workshop; a coordinator session for the whole process.
    Ended by signing out (``ended_at``), by a re-issued facilitator key, or by inactivity.
    """

    __tablename__ = "staff_sessions"
    __table_args__ = (CheckConstraint("role IN ('coordinator', 'facilitator')", name="known_role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinators.id"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who (role and name) changed, hid, merged or erased what, and when.

    Plain columns without foreign keys: an entry outlives what it is about (an erased
    person, a deleted workshop), and it never names an erased person.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(NAME_MAX))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    subject_label: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    workshop_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AccessAttempt(Base):
    """Failed attempts per key (a client, or a workshop's facilitator login), for slowing guesses.

    Kept in the database so that several servers share the count.
    """

    __tablename__ = "access_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # Indexed: attempts older than a day are pruned as new ones are recorded.
    last_failure_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Company(Base):
    """A micro or small company in the digital journey, with its register facts.

    The company is an organisation of kind ``company`` in the network (name, place and an
    organisationsnummer live there); this row holds what the business register says about it.
    A sole trader's identity number is a personnummer: personal data, kept here and never on
    the organisation. The contact person is a :class:`Person` of the organisation, so the
    personal-data rules (consent, export, erasure, retention) apply to them as to anyone.
    See docs/companies.md.
    """

    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    legal_form: Mapped[str] = mapped_column(String(40))  # a ``legal_form.*`` key, or "sole_trader"
    personal_number: Mapped[str | None] = mapped_column(String(13))  # a sole trader's personnummer
    sni_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # five-digit SNI 2007 codes, main first
    size_class: Mapped[str | None] = mapped_column(String(10))  # SCB's class: "0", "1-4", ... "500+"
    turnover_sek: Mapped[int | None] = mapped_column(BigInteger)
    turnover_class: Mapped[str | None] = mapped_column(String(20))  # when only the class is known
    address: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    postcode: Mapped[str | None] = mapped_column(String(10))
    development_point: Mapped[str | None] = mapped_column(String(NAME_MAX))  # nearest, from the locality
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    source: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    source_date: Mapped[dt.date | None] = mapped_column(Date)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation] = relationship()


class MaturityAssessment(Base):
    """One measurement of a company's digital maturity and needs (the DMA survey).

    Filled in by the company itself through a link with a code (only the code's SHA-256 is
    kept), saved answer by answer, or by an interviewer at an interview or an open meeting.
    A company answers again later to show the effect of support: each answering is a row.
    ``scores`` is computed from ``answers`` when the survey is submitted (per dimension and
    ``overall``, 0-100), with the version of the scoring that computed it.
    """

    __tablename__ = "maturity_assessments"
    __table_args__ = (CheckConstraint("mode IN ('self', 'interview')", name="known_mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    mode: Mapped[str] = mapped_column(String(20))
    interviewer: Mapped[str | None] = mapped_column(String(NAME_MAX))
    occasion: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # question id -> answer
    needs: Mapped[list[Any]] = mapped_column(JSON, default=list)  # need keys, see workshop/companies
    offers: Mapped[list[Any]] = mapped_column(JSON, default=list)  # what the company could offer others
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    scoring_version: Mapped[int | None] = mapped_column(Integer)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    company: Mapped[Company] = relationship()


# Mail outbox (issue 26)


class OutboxMessage(Base):
    """One e-mail on its way: queued by a feature, claimed and sent by a server's sender thread.

    ``about`` lets the feature that queued it find it again ("invitation:17"). ``status``
    moves queued → sending → sent, or back to queued with a later ``next_attempt_at`` after
    a temporary failure, or to failed (attempts used up, or a permanent refusal) or bounced
    (the recipient's address was refused). ``last_error`` is a Swedish summary of the last
    failure; ``error_key`` and ``error_detail`` let a page show it in the reader's language.
    """

    __tablename__ = "mail_outbox"
    __table_args__ = (CheckConstraint("status IN ('queued', 'sending', 'sent', 'failed', 'bounced')", name="known_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(400), default="")
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    about: Mapped[str] = mapped_column(String(120), index=True)
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    error_key: Mapped[str | None] = mapped_column(String(60))
    error_detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
class NextStep(Base):
    """One version of an idea's next step: what, by when, who does it, and the idea's owner.

    Append-only: every change is a new row (the newest is the step in force), so the way an
    idea went from meeting to meeting can be read back. Who does it is a participant, an
    organisation or a free text (``assignee_text``); the owner is the organisation that
    carries the idea, the same one as ``ideas.owner_organisation_id`` when the row was set.
    ``workshop_id`` is the idea's home workshop (a workshop backup takes its steps along).
    See docs/after-the-meeting.md.
    """

    __tablename__ = "next_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    what: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    assignee_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"))
    assignee_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    assignee_text: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    owner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    set_by: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    set_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class NextMeeting(Base):
    """When and where a workshop meets next (local time in Europe/Stockholm), for the .ics file."""

    __tablename__ = "next_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), unique=True)
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)  # wall-clock time in Stockholm, naive
    minutes: Mapped[int] = mapped_column(Integer, default=120)
    place: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    # A stable UID for the calendar event: a changed time updates the same entry in a calendar.
    uid: Mapped[str] = mapped_column(String(80))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
# Invitations (issue 26)


class Invitation(Base):
    """An organisation asked to join an idea's constellation, and its answer (workshop.invitations).

    One row per (idea, organisation): inviting again replaces the code, so the old link stops
    working. What the invitation said (why this organisation, who else is in, the next meeting)
    is kept as text at the time of inviting, so the answer page shows what the letter said.
    Only the code's SHA-256 is kept. A "no" keeps the organisation out of the idea's suggestions;
    a "yes" is a :class:`Commitment`. The contact person is a :class:`Person` of the organisation,
    with the rights every person has (export, erasure, retention by the idea's workshop).
    """

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("idea_id", "organisation_id"),
        CheckConstraint("status IN ('waiting', 'yes', 'more', 'no', 'expired')", name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    reasons: Mapped[str] = mapped_column(Text, default="")
    others: Mapped[list[Any]] = mapped_column(JSON, default=list)  # names of the organisations already in
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    meeting_place: Mapped[str] = mapped_column(String(SHORT_MAX), default="")
    created_by: Mapped[str] = mapped_column(String(NAME_MAX), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    answer_message: Mapped[str] = mapped_column(Text, default="")
    answer_offer: Mapped[str] = mapped_column(Text, default="")
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    # The contact person's own key to *Mina uppgifter* (workshop.privacy.contact_key): shown once
    # on the answer's confirmation, only its SHA-256 kept; gone when the person is anonymised.
    contact_key_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
class MeetingPhase(Base):
    """One phase of a workshop's run of show (workshop/meeting), in the order of ``position``.

    The facilitator edits title, instruction, time box and the participant form it opens; a
    phase that has run keeps its actual start and end, so the report can say how the meeting
    ran. The current phase is the one started and not ended (at most one per workshop).
    """

    __tablename__ = "meeting_phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))  # the template's key, or "custom"
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    instruction: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[int] = mapped_column(Integer)
    form: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class MeetingResults(Base):
    """A results moment: the wall shows a revealed voting round's top ideas until it is ended."""

    __tablename__ = "meeting_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
