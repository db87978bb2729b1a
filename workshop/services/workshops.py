"""Creating workshops, signing facilitators in, and the workshop's own settings.

Size: just over 400 lines because it holds one meeting's whole life: creation, facilitator keys,
settings, revisions and the ideas carried to and from other meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..db import Store
from ..errors import InvalidInput, NotAllowed, NotFound, WorkshopNotFound, WrongFacilitatorKey
from ..lengths import NAME_MAX, TEXT_MAX, TITLE_MAX
from ..models import (
    AuditEvent,
    CarriedIdea,
    Idea,
    Locality,
    Workshop,
)
from ..security import (
    ANONYMOUS,
    CODE_ALPHABET,
    Client,
    JOIN_CODE_LENGTH,
    check_not_throttled,
    clear_failures,
    hash_secret,
    new_facilitator_key,
    new_join_code,
    normalise_join_code,
    record_failure,
    verify_secret,
)
from ..validation import as_text, clean_flag, clean_name, clean_text
from .access import authorise, end_workshop_sessions, open_staff_session, record_audit, require_staff
from . import revisions
from .revisions import touch
from .rows import check_row_id, get_idea, get_workshop

__all__ = [
    "WorkshopCreated",
    "WorkshopInfo",
    "create_workshop",
    "find_workshop_by_code",
    "facilitator_sign_in",
    "issue_facilitator_key",
    "revoke_facilitator_key",
    "set_retention",
    "workshop_info",
    "list_workshops",
    "set_submissions_open",
    "carry_idea_forward",
    "CarriedAway",
    "ideas_carried_away",
    "earlier_ideas",
    "workshop_revision",
    "process_revision",
]


@dataclass(frozen=True)
class WorkshopCreated:
    workshop_id: int
    join_code: str
    facilitator_key: str  # shown once to the coordinator; only its hash is stored


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    title: str
    challenge: str
    date: dt.date
    locality: str
    join_code: str
    submissions_open: bool
    revision: int
    sequence: int  # the meeting's number in the process, by date
    retention_until: dt.date | None = None
    is_demo: bool = False
    has_facilitator_key: bool = True


# People who took part are kept this long after the meeting unless the coordinator says otherwise.
DEFAULT_RETENTION = dt.timedelta(days=730)


def create_workshop(
    store: Store,
    coordinator_token: str,
    *,
    title: str,
    challenge: str,
    date: dt.date | None,
    locality: str,
    retention_until: dt.date | None = None,
    facilitator_key: str | None = None,
    join_code: str | None = None,
    is_demo: bool = False,
) -> WorkshopCreated:
    """A coordinator creates a workshop; the key and code are random unless given.

    The facilitator key is returned once, for the coordinator to hand to the facilitator.
    """
    title = clean_name(title, "title", max_length=TITLE_MAX)
    challenge = clean_text(challenge, "challenge", max_length=TEXT_MAX)
    locality = clean_name(locality, "locality", max_length=NAME_MAX)
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):  # a moment is not a day
        raise InvalidInput("errors.required", field="date")
    retention = _clean_retention(retention_until, date)
    is_demo = clean_flag(is_demo, "is_demo")
    key = clean_text(facilitator_key, "key", max_length=TEXT_MAX, required=False) or new_facilitator_key()
    if join_code is not None:
        join_code = normalise_join_code(clean_text(join_code, "code", max_length=TEXT_MAX, required=False))
        if len(join_code) != JOIN_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in join_code):
            raise InvalidInput("errors.invalid", field="code")
    for _attempt in range(1 if join_code else 10):  # a clash of random codes is rare; try another
        code = join_code or new_join_code()
        try:
            with store.unit_of_work(write=True) as session:
                actor = authorise(session, coordinator_token, "workshops", "create")
                workshop = Workshop(
                    title=title,
                    challenge=challenge,
                    date=date,
                    locality=locality,
                    join_code=code,
                    facilitator_key_hash=hash_secret(key),
                    retention_until=retention,
                    is_demo=is_demo,
                )
                session.add(workshop)
                if session.scalar(select(Locality.id).where(Locality.name == locality)) is None:
                    session.add(Locality(name=locality, leader_area=None))
                session.flush()
                record_audit(session, actor, "workshop.create", subject_type="workshop", subject_id=workshop.id, subject_label=title, workshop_id=workshop.id)
                touch(session, None)
                session.commit()
                return WorkshopCreated(workshop.id, code, key)
        except IntegrityError:
            if join_code:
                raise InvalidInput("errors.join_code_taken", field="code") from None
            continue
    raise RuntimeError("could not find a free join code")  # pragma: no cover


def _clean_retention(value: object, date: dt.date) -> dt.date:
    if value is None:
        return date + DEFAULT_RETENTION
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidInput("errors.invalid", field="retention_until")
    if value < date:
        raise InvalidInput("errors.retention_before_meeting", field="retention_until")
    return value


def find_workshop_by_code(store: Store, code: str, *, client: Client = ANONYMOUS) -> WorkshopInfo:
    """The workshop with join code ``code``; one client's wrong codes are slowed down."""
    normalised = normalise_join_code(as_text(code, "code"))  # text only, and text a database can hold
    if not normalised:
        raise InvalidInput("errors.required", field="code")
    with store.unit_of_work(write=True) as session:
        check_not_throttled(session, "join", "any", client)
        workshop = None
        if len(normalised) == JOIN_CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised):
            workshop = session.scalar(select(Workshop).where(Workshop.join_code == normalised))
        if workshop is None:
            record_failure(session, "join", "any", client)
            session.commit()
            raise WorkshopNotFound(field="code")
        clear_failures(session, "join", "any", client)
        session.commit()
        return _info(session, workshop)


def facilitator_sign_in(store: Store, workshop_id: int, key: str, *, client: Client = ANONYMOUS) -> str:
    """Check the facilitator key and return a session token for the browser's cookie.

    Wrong keys are counted for this client and this workshop only: a stranger's guesses
    never delay the real facilitator's key typed in another browser.
    """
    if not isinstance(key, str):
        raise WrongFacilitatorKey(field="key")
    with store.unit_of_work(write=True) as session:
        workshop = get_workshop(session, workshop_id)
        check_not_throttled(session, "facilitator", str(workshop.id), client)
        if not isinstance(key, str) or not verify_secret(key, workshop.facilitator_key_hash):
            record_failure(session, "facilitator", str(workshop.id), client)
            session.commit()
            raise WrongFacilitatorKey(field="key")
        clear_failures(session, "facilitator", str(workshop.id), client)
        token = open_staff_session(session, "facilitator", workshop_id=workshop.id)
        session.commit()
        return token


def issue_facilitator_key(store: Store, coordinator_token: str, workshop_id: int) -> str:
    """A new facilitator key for the workshop (shown once); the old key and its sessions stop working."""
    key = new_facilitator_key()
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "workshops", "issue_key")
        workshop = get_workshop(session, workshop_id, lock=True)
        workshop.facilitator_key_hash = hash_secret(key)
        end_workshop_sessions(session, workshop.id)
        record_audit(session, actor, "workshop.key_issued", subject_type="workshop", subject_id=workshop.id, subject_label=workshop.title, workshop_id=workshop.id)
        touch(session, workshop.id)
        session.commit()
    return key


def revoke_facilitator_key(store: Store, coordinator_token: str, workshop_id: int) -> None:
    """No key leads the workshop any more and every facilitator session of it ends."""
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "workshops", "revoke_key")
        workshop = get_workshop(session, workshop_id, lock=True)
        workshop.facilitator_key_hash = ""  # verify_secret never accepts an empty hash
        end_workshop_sessions(session, workshop.id)
        record_audit(session, actor, "workshop.key_revoked", subject_type="workshop", subject_id=workshop.id, subject_label=workshop.title, workshop_id=workshop.id)
        touch(session, workshop.id)
        session.commit()


def set_retention(store: Store, coordinator_token: str, workshop_id: int, retention_until: dt.date) -> None:
    """The coordinator sets until when the workshop's participants are kept."""
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "workshops", "retention")
        workshop = get_workshop(session, workshop_id)
        workshop.retention_until = _clean_retention(retention_until, workshop.date)
        record_audit(
            session, actor, "workshop.retention", subject_type="workshop", subject_id=workshop.id, subject_label=workshop.title,
            workshop_id=workshop.id, detail={"retention_until": workshop.retention_until.isoformat()},
        )
        touch(session, workshop.id)
        session.commit()


def _sequence(session, workshop: Workshop) -> int:
    earlier = session.scalar(
        select(func.count(Workshop.id)).where(
            (Workshop.date < workshop.date) | ((Workshop.date == workshop.date) & (Workshop.id < workshop.id))
        )
    )
    return int(earlier or 0) + 1


def _info(session, workshop: Workshop) -> WorkshopInfo:
    return WorkshopInfo(
        id=workshop.id,
        title=workshop.title,
        challenge=workshop.challenge,
        date=workshop.date,
        locality=workshop.locality,
        join_code=workshop.join_code,
        submissions_open=workshop.submissions_open,
        revision=workshop.revision,
        sequence=_sequence(session, workshop),
        retention_until=workshop.retention_until,
        is_demo=workshop.is_demo,
        has_facilitator_key=bool(workshop.facilitator_key_hash),
    )


def workshop_info(store: Store, workshop_id: int) -> WorkshopInfo:
    with store.unit_of_work() as session:
        return _info(session, get_workshop(session, workshop_id))


def list_workshops(store: Store) -> list[WorkshopInfo]:
    """Every meeting of the process, in order (for the coordinator's filters)."""
    with store.unit_of_work() as session:
        workshops = session.scalars(select(Workshop).order_by(Workshop.date, Workshop.id)).all()
        return [
            WorkshopInfo(
                w.id, w.title, w.challenge, w.date, w.locality, w.join_code, w.submissions_open, w.revision, n,
                w.retention_until, w.is_demo, bool(w.facilitator_key_hash),
            )
            for n, w in enumerate(workshops, start=1)
        ]


def set_submissions_open(store: Store, workshop_id: int, facilitator_token: str, is_open: bool) -> None:
    is_open = clean_flag(is_open, "is_open")
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, facilitator_token, "workshops", "submissions", workshop_id=workshop_id)
        workshop = get_workshop(session, workshop_id)
        workshop.submissions_open = is_open
        record_audit(session, actor, "workshop.open" if is_open else "workshop.close", subject_type="workshop", subject_id=workshop.id, subject_label=workshop.title, workshop_id=workshop.id)
        touch(session, workshop_id)
        session.commit()


def _meeting_order(workshop: Workshop) -> tuple[dt.date, int]:
    """Where a meeting stands in the process: by date, then by when it was created."""
    return (workshop.date, workshop.id)


def carry_idea_forward(store: Store, workshop_id: int, facilitator_token: str, idea_id: int) -> None:
    """Bring an idea from an earlier meeting to this workshop's wall.

    Only an idea its home meeting shows (not hidden, not merged away), from a meeting earlier
    in the process than this one, can be carried: a facilitator cannot reach into a later
    meeting, nor bring back what its own facilitator hid. The carry is audited under the
    home workshop, so its facilitator sees where the idea went and who took it
    (:func:`ideas_carried_away`). Carrying gives no write to the idea itself: its text, stage,
    card and budget stay with the home meeting (see :mod:`workshop.services.access`).
    """
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, facilitator_token, "workshops", "carry", workshop_id=workshop_id)
        receiving = get_workshop(session, workshop_id, lock=True)  # a double click carries the idea once
        idea = get_idea(session, idea_id)
        if idea.workshop_id == workshop_id:
            return
        if idea.hidden:  # not visible in its own meeting: as if it were not there
            raise NotFound("errors.idea_not_found", field="idea")
        home = get_workshop(session, idea.workshop_id)
        if _meeting_order(home) >= _meeting_order(receiving):
            raise NotAllowed("errors.carry_only_from_earlier", field="idea")
        exists = session.scalar(
            select(CarriedIdea.id).where(CarriedIdea.workshop_id == workshop_id, CarriedIdea.idea_id == idea_id)
        )
        if exists is None:
            session.add(CarriedIdea(workshop_id=workshop_id, idea_id=idea_id))
            record_audit(
                session, actor, "idea.carry", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
                workshop_id=home.id, detail={"to_workshop_id": receiving.id, "to_workshop_title": receiving.title},
            )
            touch(session, workshop_id)
            touch(session, home.id)  # the home wall shows where its idea went
            session.commit()


@dataclass(frozen=True)
class CarriedAway:
    """An idea of this meeting that a later meeting carried forward, and who carried it."""

    idea_id: int
    idea_title: str
    to_workshop_id: int
    to_workshop_title: str
    to_date: dt.date
    carried_by_role: str  # "coordinator", "facilitator", "system", or "" when not recorded
    carried_by: str
    carried_at: dt.datetime | None


def ideas_carried_away(store: Store, workshop_id: int, facilitator_token: str) -> list[CarriedAway]:
    """For the home meeting's staff: which of its ideas later meetings carried, when and by whom."""
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, facilitator_token)
        rows = session.execute(
            select(Idea.id, Idea.title, Workshop.id, Workshop.title, Workshop.date)
            .join(CarriedIdea, CarriedIdea.idea_id == Idea.id)
            .join(Workshop, Workshop.id == CarriedIdea.workshop_id)
            .where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None))
            .order_by(Workshop.date, Workshop.id, Idea.id)
        ).all()
        events = session.execute(
            select(AuditEvent.subject_id, AuditEvent.detail, AuditEvent.actor_role, AuditEvent.actor_name, AuditEvent.at)
            .where(AuditEvent.action == "idea.carry", AuditEvent.workshop_id == workshop_id)
            .order_by(AuditEvent.id)
        ).all()
        who = {(e.subject_id, (e.detail or {}).get("to_workshop_id")): e for e in events}
        found = []
        for idea_id, title, to_id, to_title, to_date in rows:
            event = who.get((idea_id, to_id))
            found.append(
                CarriedAway(
                    idea_id, title, to_id, to_title, to_date,
                    event.actor_role if event else "", event.actor_name if event else "", event.at if event else None,
                )
            )
        return found


def workshop_revision(store: Store, workshop_id: int) -> int:
    """A number that changes whenever anything on the workshop's wall changes."""
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    with store.unit_of_work() as session:
        revision = session.scalar(select(Workshop.revision).where(Workshop.id == workshop_id))
        if revision is None:
            raise WorkshopNotFound()
        return int(revision)


def process_revision(store: Store) -> int:
    """A number that changes whenever anything in the whole network process changes."""
    with store.unit_of_work() as session:
        return revisions.process_revision(session)


def carried_idea_ids(session, workshop_id: int) -> list[int]:
    return list(session.scalars(select(CarriedIdea.idea_id).where(CarriedIdea.workshop_id == workshop_id)))


def earlier_ideas(store: Store, workshop_id: int) -> list[tuple[int, str, str]]:
    """Ideas from earlier meetings that could be carried forward: (id, title, workshop title).

    The same rule as :func:`carry_idea_forward`: visible ideas of meetings before this one.
    """
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    with store.unit_of_work() as session:
        receiving = get_workshop(session, workshop_id)
        rows = session.execute(
            select(Idea.id, Idea.title, Workshop.title)
            .join(Workshop, Workshop.id == Idea.workshop_id)
            .where(
                Idea.workshop_id != workshop_id, Idea.merged_into_id.is_(None), Idea.hidden.is_(False),
                (Workshop.date < receiving.date) | ((Workshop.date == receiving.date) & (Workshop.id < receiving.id)),
            )
            .order_by(Workshop.date, Idea.id)
        ).all()
        carried = set(carried_idea_ids(session, workshop_id))
        return [(i, t, w) for i, t, w in rows if i not in carried]
