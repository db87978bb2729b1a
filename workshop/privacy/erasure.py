"""Erasure (GDPR art. 17): a participant deleting themselves, a coordinator erasing a person.

Anonymising keeps the person's row and contributions but nothing that identifies them:
the name becomes "En deltagare", contact details go, every browser token of theirs is
replaced by a random hash (no browser identifies as them again), every contact person's key
naming them is dropped (:mod:`.contact_key`), every e-mail to their address leaves the outbox
(queued ones are not sent), and a private-person organisation named after them is renamed the
same way. Audit entries naming them are rewritten to "en deltagare (id N)". The text of
contributions, and notes others wrote about them (subject "person"), are not rewritten: a
coordinator can hide such notes.

Removing contributions also deletes their ideas (with what hangs on them), commitments,
notes, ties and votes.

Afterwards no trace stays in the database's free space (:func:`scrub_free_space`): on SQLite
the file is vacuumed with ``secure_delete`` on and its write-ahead log truncated, also when a
reader held a transaction open; on PostgreSQL the rewritten tables are vacuumed.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from sqlalchemy import String, cast, delete, literal, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..companies.personal import forget_contacts
from ..db import Store
from ..errors import NotFound
from ..lengths import SHORT_MAX
from ..mail.outbox import forget_recipients
from ..models import AuditEvent, Commitment, Idea, Invitation, Note, Organisation, Participant, Person, Tie, Vote, utcnow
from ..security import new_token, token_hash
from ..services.access import Actor, authorise, record_audit
from ..services.contributions import purge_idea
from ..services.revisions import bump_everything
from ..services.rows import get_participant
from . import ANONYMOUS_NAME
from .records import _get_person, anonymous_label

log = logging.getLogger(__name__)

__all__ = ["withdraw_contact_consent", "delete_myself", "erase_person", "anonymise_person", "anonymise_people", "scrub_free_space"]


def withdraw_contact_consent(store: Store, token: str) -> None:
    """The participant takes back their consent: e-mail and phone are deleted at once (art. 7(3))."""
    with store.unit_of_work(write=True) as session:
        participant = get_participant(session, token)
        person = session.get(Person, participant.person_id, with_for_update=True)
        forget_recipients(session, [person.email])  # nothing more goes to it, and no copy stays
        person.email = person.phone = person.contact_consent_at = None
        session.commit()
    scrub_free_space(store)


def delete_myself(store: Store, token: str, *, remove_contributions: bool) -> None:
    """The participant of this browser deletes themselves (*Mina uppgifter*).

    Their identity goes everywhere; ``remove_contributions`` removes what was added from
    this browser (what they added from other devices stays anonymised: this browser proves
    only that it joined under their name, see :mod:`workshop.privacy.records`).
    """
    remove_contributions = remove_contributions is True
    with store.unit_of_work(write=True) as session:
        participant = get_participant(session, token, lock=True)
        actor = Actor("participant", anonymous_label(participant.person_id))
        removed = anonymise_person(session, participant.person_id, remove_from={participant.id} if remove_contributions else set())
        record_audit(
            session, actor, "person.self_delete", subject_type="person", subject_id=participant.person_id,
            subject_label=anonymous_label(participant.person_id), workshop_id=participant.workshop_id,
            detail={"removed_contributions": remove_contributions, **removed},
        )
        session.commit()
    scrub_free_space(store)


def erase_person(store: Store, coordinator_token: Any, person_id: int, *, remove_contributions: bool) -> dict[str, int]:
    """A coordinator erases a person across the whole process; returns what was removed (counts)."""
    remove_contributions = remove_contributions is True
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "people", "erase")
        person = _get_person(session, person_id)
        if person.anonymised_at is not None and not remove_contributions:
            raise NotFound("errors.person_already_anonymised", field="person")
        every = set(session.scalars(select(Participant.id).where(Participant.person_id == person.id)))
        removed = anonymise_person(session, person.id, remove_from=every if remove_contributions else set())
        record_audit(
            session, actor, "person.erase", subject_type="person", subject_id=person.id, subject_label=anonymous_label(person.id),
            detail={"removed_contributions": remove_contributions, **removed},
        )
        session.commit()
    scrub_free_space(store)
    return removed


def anonymise_person(session: Session, person_id: int, *, remove_from: set[int] = frozenset()) -> dict[str, int]:
    """Anonymise one person in the caller's unit of work; remove the contributions of ``remove_from``.

    Returns how many contributions of each kind were removed.
    """
    return anonymise_people(session, [person_id], remove_from=remove_from)


def anonymise_people(session: Session, person_ids: list[int], *, remove_from: set[int] = frozenset()) -> dict[str, int]:
    """Anonymise several people at once (a retention run): a few set-wise statements, whatever their number.

    Bumps every revision: a name may be on any wall (carried ideas), any map, any cached page.
    """
    removed = _remove_contributions(session, remove_from) if remove_from else {}
    wanted = sorted(set(person_ids))
    found = session.execute(
        select(Person.id, Person.name, Person.organisation_id, Person.anonymised_at, Person.email).where(Person.id.in_(wanted)).with_for_update()
    ).all()
    if len(found) != len(wanted):
        raise NotFound("errors.person_not_found", field="person")
    now = utcnow()
    people = [row for row in found if row.anonymised_at is None]
    labels: dict[str, str] = {row.name: anonymous_label(row.id) for row in people}  # a name as stored -> the trail's words
    owner = {row.organisation_id: row.id for row in people if row.organisation_id is not None}
    private = _private_organisations(session, owner)
    for _organisation_id, name, person_id in private:
        labels.setdefault(name, anonymous_label(person_id))
    if private:
        session.execute(
            update(Organisation)
            .where(Organisation.id.in_([organisation_id for organisation_id, _name, _person in private]))
            .values(name=ANONYMOUS_NAME, name_key=literal("anonym-organisation-") + cast(Organisation.id, String), description="", org_number=None)
            .execution_options(synchronize_session=False)
        )
    if people:
        session.execute(
            update(Person),
            [{"id": row.id, "name": ANONYMOUS_NAME, "name_key": f"anonym-{row.id}", "email": None, "phone": None,
              "contact_consent_at": None, "anonymised_at": now} for row in people],
        )
        browsers = session.scalars(select(Participant.id).where(Participant.person_id.in_([row.id for row in people]))).all()
        if browsers:  # a random hash no browser holds: nobody is them any more
            session.execute(update(Participant), [{"id": pid, "token_hash": token_hash(new_token())} for pid in browsers])
        # A contact person's keys to Mina uppgifter (workshop.privacy.contact_key) open nothing any more.
        session.execute(
            update(Invitation).where(Invitation.contact_person_id.in_([row.id for row in people])).values(contact_key_hash=None)
            .execution_options(synchronize_session=False)
        )
    # E-mail queued or sent to their address (an invitation to their organisation) goes too.
    forget_recipients(session, [row.email for row in people])
    # A sole trader's personnummer goes with its owner.
    forget_contacts(session, [row.id for row in people])
    _rewrite_audit(session, labels)
    bump_everything(session)
    session.flush()  # the audit rewrite, before the bulk updates make loaded rows stale
    session.expire_all()
    return removed


def _private_organisations(session: Session, owner: dict[int, int]) -> list[tuple[int, str, int]]:
    """The private-person organisations the people are recorded under, and their merged duplicates.

    ``owner`` maps an organisation to the person recorded under it; returns (id, name, person).
    """
    found: dict[int, tuple[str, int]] = {}
    for org_id, name in session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(list(owner)), Organisation.kind == "private_person")
    ):
        found[org_id] = (name, owner[org_id])
    frontier = {org_id: person_id for org_id, (_name, person_id) in found.items()}
    while frontier:  # duplicates merged into them carry the same name
        merged = session.execute(
            select(Organisation.id, Organisation.name, Organisation.merged_into_id)
            .where(Organisation.merged_into_id.in_(list(frontier)), Organisation.kind == "private_person")
        ).all()
        following: dict[int, int] = {}
        for org_id, name, into in merged:
            if org_id not in found:
                found[org_id] = (name, frontier[into])
                following[org_id] = frontier[into]
        frontier = following
    return [(org_id, name, person_id) for org_id, (name, person_id) in found.items()]


def _remove_contributions(session: Session, participant_ids: set[int]) -> dict[str, int]:
    ids = list(participant_ids)
    ideas = session.scalars(select(Idea).where(Idea.author_id.in_(ids))).all()
    for idea in ideas:
        session.flush()
        if session.get(Idea, idea.id) is not None:  # not already gone with a duplicate it was merged into
            purge_idea(session, idea)
    session.flush()
    counts = {"ideas": len(ideas)}
    for name, model, column in (
        ("commitments", Commitment, Commitment.participant_id),
        ("notes", Note, Note.author_id),
        ("ties", Tie, Tie.author_id),
        ("votes", Vote, Vote.participant_id),
    ):
        counts[name] = session.execute(delete(model).where(column.in_(ids))).rowcount or 0
    return counts


def _rewrite_audit(session: Session, labels: dict[str, str]) -> None:
    """Earlier audit entries naming the people (e.g. editing their private organisation) name them no more.

    Names are matched as whole words, case-insensitively: erasing "Bo" leaves "Bondegården".
    """
    by_folded = {name.casefold(): label for name, label in labels.items() if name and name != ANONYMOUS_NAME}
    if not by_folded:
        return
    alternatives = "|".join(re.escape(n) for n in sorted(by_folded, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def replace(match: re.Match) -> str:
        return by_folded.get(match.group(0).casefold(), next(iter(by_folded.values())))

    # Read and matched in Python: JSON details are stored differently by each database, and
    # erasures are rare while the trail is short.
    for event in session.scalars(select(AuditEvent)).all():
        if pattern.search(event.subject_label or ""):
            event.subject_label = pattern.sub(replace, event.subject_label)[:SHORT_MAX]
        if event.detail and pattern.search(json.dumps(event.detail, ensure_ascii=False)):
            event.detail = _scrub(event.detail, pattern, replace)


def _scrub(value: Any, pattern: re.Pattern, replace) -> Any:
    if isinstance(value, str):
        return pattern.sub(replace, value)
    if isinstance(value, dict):
        return {k: _scrub(v, pattern, replace) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, pattern, replace) for v in value]
    return value


# The tables an erasure rewrites: on PostgreSQL their dead row versions are vacuumed at once.
_ERASED_TABLES = ("people", "participants", "organisations", "audit_events", "ideas", "notes", "commitments", "ties", "votes", "invitations", "mail_outbox")


def scrub_free_space(store: Store) -> None:
    """Leave no erased text in freed pages or the write-ahead log.

    On SQLite every connection runs with ``secure_delete`` (deleted content and freed pages
    are zeroed), ``VACUUM`` rebuilds the file from live rows, and a ``TRUNCATE`` checkpoint
    copies the log into the file and empties it. A read transaction open on another
    connection (a projector refreshing) pins old log frames: the checkpoint waits for it
    (bounded, :data:`workshop.db.LOG_TRUNCATION_WAIT_S`), and if it outlasts the wait the
    store truncates the log at the end of the first unit of work after it has closed
    (:meth:`workshop.db.Store.truncate_log`).

    On PostgreSQL a query never sees the old row versions; ``VACUUM`` on the tables an
    erasure rewrites marks their space free for new rows at once instead of at the next
    autovacuum (see docs/privacy.md for what it does not do).
    """
    if store.dialect == "postgresql":
        _vacuum_postgresql(store)
        return
    if store.dialect != "sqlite":
        return
    raw = store.engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()
        cursor.execute("VACUUM")
        cursor.close()
    finally:
        raw.close()
    store.truncate_log()


def _vacuum_postgresql(store: Store) -> None:
    try:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM " + ", ".join(_ERASED_TABLES)))
    except DBAPIError:  # not the tables' owner, or a moment of trouble: autovacuum does it later
        log.warning("VACUUM after an erasure failed; autovacuum will reclaim the rows later", exc_info=True)
