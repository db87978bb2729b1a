"""Use cases of invitations on the staff's side: invite a constellation's uncommitted members, follow them.

The invited side, opening and answering by code, is :mod:`workshop.invitations.answers`.

Who may do what (rows ``invitations`` of :data:`workshop.services.roles.RULES`):

=========================================  ====================================  ===========================
what                                       staff                                 anyone holding the link
=========================================  ====================================  ===========================
invite organisations to an idea            the idea's home facilitator, a        no
                                           coordinator
see an idea's invitations and their files  the same                              no
open the invitation, answer it once        no                                    that invitation only
=========================================  ====================================  ===========================

An answer code is random (:func:`workshop.security.new_link_code`, like a survey's) and shown
once; only its SHA-256 is kept. Inviting the same organisation to the same idea again gives
it a new code and the old one stops working. Wrong, expired and used codes are counted as
failed guesses and slowed down exactly like wrong join codes (purpose ``invitation``).

A "Ja, vi är med" becomes a :class:`~workshop.models.Commitment` of the organisation (so the
idea's state follows: it can become *bildad* from answers alone); a "Nej tack" is kept, and the
snapshot (:mod:`workshop.services.network`) keeps the organisation out of that idea's
suggestions. Every write is audited and bumps the revisions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, ServiceError
from ..lengths import NAME_MAX, SHORT_MAX, TEXT_MAX
from ..mail.outbox import statuses
from ..models import Commitment, Idea, Invitation, Organisation, Participant, Person, Workshop, utcnow
from ..security import link_code_hash, new_link_code
from ..services.access import authorise, record_audit, require_staff
from ..services.revisions import touch
from ..services.roles import require
from ..services.rows import check_row_id, get_idea_on_wall, get_organisation
from ..validation import clean_text
from .addressing import ContactAddress, pick_recipient

__all__ = [
    "ANSWERS", "CODE_LENGTH", "VALID_DAYS", "ANSWER_PATH",
    "InvitationNotFound", "InvitationExpired", "InvitationUsed",
    "NewInvitation", "InvitationView", "InvitationRow", "InvitationCounts", "LetterFacts",
    "effective_status", "create_invitations", "idea_invitations", "invitation_counts", "mail_about", "recipient_of",
    "letter_facts", "answer_link",
]

CODE_LENGTH = 12
VALID_DAYS = 30
ANSWERS = ("yes", "more", "no")
ANSWER_PATH = "svar"
_ANSWERED = frozenset(ANSWERS)


class InvitationNotFound(ServiceError):
    """No invitation has this code: a wrong guess, or a code replaced by a newer invitation."""

    message_key = "invitations.error.unknown_code"


class InvitationExpired(ServiceError):
    """The invitation's answer time is over."""

    message_key = "invitations.error.expired"


class InvitationUsed(ServiceError):
    """The invitation has been answered already: a code answers once."""

    message_key = "invitations.error.used"


@dataclass(frozen=True)
class NewInvitation:
    invitation_id: int
    organisation_id: int
    organisation_name: str
    code: str  # shown once; only its hash is kept


@dataclass(frozen=True)
class InvitationView:
    """An invitation as the answer page shows it (nothing about any private person)."""

    idea_title: str
    idea_description: str
    challenge: str
    organisation_name: str
    reasons: str
    others: tuple[str, ...]
    meeting_date: dt.date | None
    meeting_place: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class InvitationRow:
    """One invitation of an idea as the staff see it."""

    invitation_id: int
    organisation_id: int
    organisation_name: str
    status: str  # "waiting", "yes", "more", "no" or "expired"
    created_at: dt.datetime
    expires_at: dt.datetime
    answered_at: dt.datetime | None
    answer_message: str
    answer_offer: str
    mail_status: str | None = None  # the e-mail's delivery ("queued", "sent", "failed" …); None: not e-mailed


@dataclass(frozen=True)
class InvitationCounts:
    """How an idea's invitations stand (the follow-up page): sent = answered + waiting + expired."""

    sent: int = 0
    answered: int = 0
    waiting: int = 0
    yes: int = 0
    no: int = 0
    more: int = 0
    expired: int = 0


@dataclass(frozen=True)
class LetterFacts:
    """What one invitation's letter, sheet row and e-mail say; no private person's data."""

    invitation_id: int
    organisation_name: str
    idea_title: str
    idea_description: str
    challenge: str
    reasons: str
    others: tuple[str, ...]
    meeting_date: dt.date | None
    meeting_place: str
    expires_at: dt.datetime
    link: str
    recipient: str | None  # the organisation's address the e-mail may go to (workshop.invitations.addressing)


def answer_link(base_url: str, code: str) -> str:
    """The personal answer link of a code.

    >>> answer_link("http://192.168.1.20:8501/", "ABCD-EFGH-JKMN")
    'http://192.168.1.20:8501/svar?kod=ABCD-EFGH-JKMN'
    """
    return f"{str(base_url).rstrip('/')}/{ANSWER_PATH}?kod={code}"


def effective_status(row: Invitation, now: dt.datetime) -> str:
    if row.status == "waiting" and row.expires_at <= now:
        return "expired"
    return row.status


def _others(session: Session, idea: Idea, but: Iterable[int] = ()) -> list[str]:
    """The organisations already in: committed ones and the proposer's, never a private person."""
    ids = set(session.scalars(select(Commitment.organisation_id).where(Commitment.idea_id == idea.id)))
    if idea.author_id is not None:
        proposer = session.scalar(select(Person.organisation_id).join(Participant, Participant.person_id == Person.id).where(Participant.id == idea.author_id))
        if proposer is not None:
            ids.add(proposer)
    ids -= set(but)
    if not ids:
        return []
    rows = session.execute(select(Organisation.name, Organisation.kind).where(Organisation.id.in_(ids), Organisation.merged_into_id.is_(None)))
    return sorted((name for name, kind in rows if kind != "private_person"), key=str.casefold)


def _clean_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput("errors.invalid", field="meeting_date")
    return value


def create_invitations(
    store: Store,
    token: Any,
    workshop_id: int,
    idea_id: int,
    members: Mapping[int, str],
    *,
    meeting_date: dt.date | None = None,
    meeting_place: str = "",
    valid_days: int = VALID_DAYS,
    now: dt.datetime | None = None,
) -> tuple[NewInvitation, ...]:
    """Invite the organisations of ``members`` (id → the reason the constellations page gives).

    Parameters
    ----------
    store : Store
    token : str
        A coordinator's or the idea's home facilitator's session token.
    workshop_id : int
        The workshop acted in (the facilitator's own; a coordinator passes the idea's).
    idea_id : int
        An idea on that workshop's wall, brought to it (``ideas`` rows are HOME-scoped).
    members : mapping of int to str
        Each invited organisation and why it was suggested, as the page showed it.
    meeting_date, meeting_place : optional
        The next meeting, said in the letter.
    valid_days : int
        How long the code answers (30 days unless said otherwise).

    Returns
    -------
    tuple of NewInvitation
        One per organisation, with its code: shown once, never again.

    Raises
    ------
    InvalidInput
        No organisation chosen (``invitations.error.none_chosen``), a private person
        (``invitations.error.private_person``), an organisation already committed
        (``invitations.error.committed``) or one that said no (``invitations.error.declined``).
    NotAllowed, NotSignedIn
        The roles table refuses the token.
    """
    if not isinstance(members, Mapping) or not members:
        raise InvalidInput("invitations.error.none_chosen", field="members")
    reasons = {check_row_id(o, "members", "errors.organisation_not_found"): clean_text(r, "members", max_length=TEXT_MAX, required=False) for o, r in members.items()}
    meeting_date = _clean_date(meeting_date)
    meeting_place = clean_text(meeting_place, "meeting_place", max_length=SHORT_MAX, required=False)
    if not isinstance(valid_days, int) or isinstance(valid_days, bool) or not 1 <= valid_days <= 365:
        raise InvalidInput("errors.invalid", field="valid_days")
    now = now or utcnow()
    made: list[NewInvitation] = []
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "invitations", "create", workshop_id=workshop_id)
        idea = get_idea_on_wall(session, workshop_id, idea_id, lock=True)
        require(actor, "invitations", "create", workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
        committed = set(session.scalars(select(Commitment.organisation_id).where(Commitment.idea_id == idea.id)))
        others = _others(session, idea)
        for organisation_id, reason in reasons.items():
            organisation = get_organisation(session, organisation_id, field="members")
            if organisation.kind == "private_person":
                raise InvalidInput("invitations.error.private_person", field="members", name=organisation.name)
            if organisation.id in committed:
                raise InvalidInput("invitations.error.committed", field="members", name=organisation.name)
            row = session.scalar(select(Invitation).where(Invitation.idea_id == idea.id, Invitation.organisation_id == organisation.id))
            if row is not None and row.status == "no":
                raise InvalidInput("invitations.error.declined", field="members", name=organisation.name)
            code = new_link_code(CODE_LENGTH)
            if row is None:
                row = Invitation(idea_id=idea.id, organisation_id=organisation.id)
                session.add(row)
            # A new invitation for the pair replaces the old one: a new code, a new answer time.
            row.code_hash = link_code_hash(code, CODE_LENGTH)
            row.reasons, row.others = reason, others
            row.meeting_date, row.meeting_place = meeting_date, meeting_place
            row.created_by, row.created_at = actor.name[:NAME_MAX], now
            row.expires_at = now + dt.timedelta(days=valid_days)
            row.status, row.answer_message, row.answer_offer, row.contact_person_id, row.answered_at = "waiting", "", "", None, None
            session.flush()
            record_audit(
                session, actor, "invitation.create", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
                workshop_id=idea.workshop_id, detail={"organisation": organisation.name, "organisation_id": organisation.id, "invitation_id": row.id},
            )
            made.append(NewInvitation(row.id, organisation.id, organisation.name, code))
        touch(session, None)  # no wall shows invitations; the follow-up page's counts do
        session.commit()
    return tuple(made)


def idea_invitations(store: Store, token: Any, workshop_id: int, idea_id: int, *, now: dt.datetime | None = None) -> tuple[InvitationRow, ...]:
    """An idea's invitations and their answers, for its staff (newest first)."""
    now = now or utcnow()
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        rows = session.execute(
            select(Invitation, Organisation.name).join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(Invitation.idea_id == idea.id).order_by(Invitation.created_at.desc(), Invitation.id.desc())
        ).all()
        mailed = statuses(session, [mail_about(r.id) for r, _name in rows])
        return tuple(
            InvitationRow(
                r.id, r.organisation_id, name, effective_status(r, now), r.created_at, r.expires_at, r.answered_at, r.answer_message, r.answer_offer,
                mailed[mail_about(r.id)].status if mail_about(r.id) in mailed else None,
            )
            for r, name in rows
        )


def mail_about(invitation_id: int) -> str:
    """What an invitation's e-mail is filed under in the outbox.

    >>> mail_about(17)
    'invitation:17'
    """
    return f"invitation:{invitation_id}"


def invitation_counts(session: Session, idea_ids: Iterable[int], *, now: dt.datetime | None = None) -> dict[int, InvitationCounts]:
    """Per idea: invitations sent, answered, waiting, and the answers (ideas without any are left out).

    >>> InvitationCounts(sent=3, answered=2, waiting=1, yes=1, no=1)
    InvitationCounts(sent=3, answered=2, waiting=1, yes=1, no=1, more=0, expired=0)
    """
    ids = sorted({i for i in idea_ids if isinstance(i, int)})
    if not ids:
        return {}
    now = now or utcnow()
    tally: dict[int, dict[str, int]] = {}
    for row in session.scalars(select(Invitation).where(Invitation.idea_id.in_(ids))):
        status = effective_status(row, now)
        counts = tally.setdefault(row.idea_id, dict.fromkeys(("sent", "answered", "waiting", "yes", "no", "more", "expired"), 0))
        counts["sent"] += 1
        counts[status] += 1
        if status in _ANSWERED:
            counts["answered"] += 1
    return {idea_id: InvitationCounts(**counts) for idea_id, counts in tally.items()}


def recipient_of(session: Session, organisation_id: int) -> str | None:
    """The organisation's address an invitation may be e-mailed to (:func:`pick_recipient`), if any."""
    addresses = [
        ContactAddress(email, consented=True)
        for email, in session.execute(
            select(Person.email).where(Person.organisation_id == organisation_id, Person.email.is_not(None), Person.contact_consent_at.is_not(None), Person.anonymised_at.is_(None)).order_by(Person.id)
        )
    ]
    return pick_recipient(addresses)


def letter_facts(store: Store, token: Any, workshop_id: int, idea_id: int, made: Iterable[NewInvitation], base_url: str) -> tuple[LetterFacts, ...]:
    """What the files of a batch say, one per new invitation (the codes are only in ``made``)."""
    made = tuple(made)
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        challenge = session.scalar(select(Workshop.challenge).where(Workshop.id == idea.workshop_id)) or ""
        facts = []
        for new in made:
            row = session.get(Invitation, new.invitation_id)
            if row is None or row.idea_id != idea.id:
                continue
            facts.append(
                LetterFacts(
                    row.id, new.organisation_name, idea.title, idea.description or "", challenge, row.reasons or "", tuple(row.others or ()),
                    row.meeting_date, row.meeting_place or "", row.expires_at, answer_link(base_url, new.code), recipient_of(session, row.organisation_id),
                )
            )
        return tuple(facts)
