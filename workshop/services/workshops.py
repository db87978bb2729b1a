"""Creating workshops, signing facilitators in, and the workshop's own settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..db import Store
from ..errors import InvalidInput, WorkshopNotFound, WrongFacilitatorKey
from ..models import (
    NAME_MAX,
    TEXT_MAX,
    TITLE_MAX,
    CarriedIdea,
    StaffSession,
    Idea,
    Locality,
    ProcessState,
    Workshop,
)
from ..security import (
    CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    check_not_throttled,
    clear_failures,
    hash_secret,
    new_facilitator_key,
    new_join_code,
    new_token,
    normalise_join_code,
    record_failure,
    token_hash,
    verify_secret,
)
from ..validation import as_text, clean_flag, clean_name, clean_text
from ._common import check_row_id, get_idea, get_workshop, require_facilitator, token_key, touch

__all__ = [
    "WorkshopCreated",
    "WorkshopInfo",
    "create_workshop",
    "find_workshop_by_code",
    "facilitator_sign_in",
    "facilitator_session_workshop",
    "workshop_info",
    "list_workshops",
    "set_submissions_open",
    "carry_idea_forward",
    "workshop_revision",
    "process_revision",
]


@dataclass(frozen=True)
class WorkshopCreated:
    workshop_id: int
    join_code: str
    facilitator_key: str  # shown once; only its hash is stored
    facilitator_token: str  # signs the creating browser in


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


def create_workshop(
    store: Store,
    *,
    title: str,
    challenge: str,
    date: dt.date | None,
    locality: str,
    facilitator_key: str | None = None,
    join_code: str | None = None,
) -> WorkshopCreated:
    """Create a workshop; the key and code are random unless given (the demo data gives both)."""
    title = clean_name(title, "title", max_length=TITLE_MAX)
    challenge = clean_text(challenge, "challenge", max_length=TEXT_MAX)
    locality = clean_name(locality, "locality", max_length=NAME_MAX)
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):  # a moment is not a day
        raise InvalidInput("errors.required", field="date")
    key = clean_text(facilitator_key, "key", max_length=TEXT_MAX, required=False) or new_facilitator_key()
    facilitator_token = new_token()
    if join_code is not None:
        join_code = normalise_join_code(clean_text(join_code, "code", max_length=TEXT_MAX, required=False))
        if len(join_code) != JOIN_CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in join_code):
            raise InvalidInput("errors.invalid", field="code")
    for _attempt in range(1 if join_code else 10):  # a clash of random codes is rare; try another
        code = join_code or new_join_code()
        try:
            with store.unit_of_work(write=True) as session:
                workshop = Workshop(
                    title=title,
                    challenge=challenge,
                    date=date,
                    locality=locality,
                    join_code=code,
                    facilitator_key_hash=hash_secret(key),
                )
                session.add(workshop)
                if session.scalar(select(Locality.id).where(Locality.name == locality)) is None:
                    session.add(Locality(name=locality, leader_area=None))
                session.flush()
                session.add(StaffSession(role="facilitator", workshop_id=workshop.id, token_hash=token_hash(facilitator_token)))
                touch(session, None)
                session.commit()
                return WorkshopCreated(workshop.id, code, key, facilitator_token)
        except IntegrityError:
            if join_code:
                raise InvalidInput("errors.join_code_taken", field="code") from None
            continue
    raise RuntimeError("could not find a free join code")  # pragma: no cover


def find_workshop_by_code(store: Store, code: str, *, client_key: str = "anonymous") -> WorkshopInfo:
    """The workshop with join code ``code``; wrong codes from one client are slowed down."""
    normalised = normalise_join_code(as_text(code, "code"))
    if not normalised:
        raise InvalidInput("errors.required", field="code")
    # Hashed: whatever identifies the client, the key fits its column and holds no address.
    throttle_key = f"join:{token_hash(client_key)}"
    with store.unit_of_work(write=True) as session:
        check_not_throttled(session, throttle_key)
        workshop = None
        if len(normalised) == JOIN_CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised):
            workshop = session.scalar(select(Workshop).where(Workshop.join_code == normalised))
        if workshop is None:
            record_failure(session, throttle_key)
            session.commit()
            raise WorkshopNotFound(field="code")
        clear_failures(session, throttle_key)
        session.commit()
        return _info(session, workshop)


def facilitator_sign_in(store: Store, workshop_id: int, key: str) -> str:
    """Check the facilitator key and return a session token for the browser's cookie."""
    throttle_key = f"facilitator:{workshop_id}"
    with store.unit_of_work(write=True) as session:
        workshop = get_workshop(session, workshop_id)
        check_not_throttled(session, throttle_key)
        if not isinstance(key, str) or not verify_secret(key, workshop.facilitator_key_hash):
            record_failure(session, throttle_key)
            session.commit()
            raise WrongFacilitatorKey(field="key")
        clear_failures(session, throttle_key)
        token = new_token()
        session.add(StaffSession(role="facilitator", workshop_id=workshop_id, token_hash=token_hash(token)))
        session.commit()
        return token


def facilitator_session_workshop(store: Store, facilitator_token: str) -> int | None:
    """The workshop a facilitator token signs in to, or ``None``."""
    with store.unit_of_work() as session:
        return session.scalar(
            select(StaffSession.workshop_id).where(StaffSession.token_hash == (token_key(facilitator_token) or ""))
        )


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
    )


def workshop_info(store: Store, workshop_id: int) -> WorkshopInfo:
    with store.unit_of_work() as session:
        return _info(session, get_workshop(session, workshop_id))


def list_workshops(store: Store) -> list[WorkshopInfo]:
    """Every meeting of the process, in order (for the coordinator's filters)."""
    with store.unit_of_work() as session:
        workshops = session.scalars(select(Workshop).order_by(Workshop.date, Workshop.id)).all()
        return [
            WorkshopInfo(w.id, w.title, w.challenge, w.date, w.locality, w.join_code, w.submissions_open, w.revision, n)
            for n, w in enumerate(workshops, start=1)
        ]


def set_submissions_open(store: Store, workshop_id: int, facilitator_token: str, is_open: bool) -> None:
    is_open = clean_flag(is_open, "is_open")
    with store.unit_of_work(write=True) as session:
        require_facilitator(session, workshop_id, facilitator_token)
        get_workshop(session, workshop_id).submissions_open = is_open
        touch(session, workshop_id)
        session.commit()


def carry_idea_forward(store: Store, workshop_id: int, facilitator_token: str, idea_id: int) -> None:
    """Bring an idea from an earlier meeting to this workshop's wall."""
    with store.unit_of_work(write=True) as session:
        require_facilitator(session, workshop_id, facilitator_token)
        get_workshop(session, workshop_id, lock=True)  # a double click carries the idea once
        idea = get_idea(session, idea_id)
        if idea.workshop_id == workshop_id:
            return
        exists = session.scalar(
            select(CarriedIdea.id).where(CarriedIdea.workshop_id == workshop_id, CarriedIdea.idea_id == idea_id)
        )
        if exists is None:
            session.add(CarriedIdea(workshop_id=workshop_id, idea_id=idea_id))
            touch(session, workshop_id)
            session.commit()


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
        return int(session.scalar(select(ProcessState.revision).where(ProcessState.id == 1)) or 0)


def carried_idea_ids(session, workshop_id: int) -> list[int]:
    return list(session.scalars(select(CarriedIdea.idea_id).where(CarriedIdea.workshop_id == workshop_id)))


def earlier_ideas(store: Store, workshop_id: int) -> list[tuple[int, str, str]]:
    """Ideas from other meetings that could be carried forward: (id, title, workshop title)."""
    check_row_id(workshop_id, None, not_found=WorkshopNotFound)
    with store.unit_of_work() as session:
        rows = session.execute(
            select(Idea.id, Idea.title, Workshop.title)
            .join(Workshop, Workshop.id == Idea.workshop_id)
            .where(Idea.workshop_id != workshop_id, Idea.merged_into_id.is_(None), Idea.hidden.is_(False))
            .order_by(Workshop.date, Idea.id)
        ).all()
        carried = set(carried_idea_ids(session, workshop_id))
        return [(i, t, w) for i, t, w in rows if i not in carried]
