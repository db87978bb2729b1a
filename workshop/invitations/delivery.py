"""Invitations sent by e-mail through the municipality's SMTP server (docs/after-the-meeting.md).

The codes exist only while a batch is being made (their hashes are kept), so the e-mails are
queued right after :func:`~workshop.invitations.service.create_invitations`, from the letters'
facts of that batch. Each goes into the outbox (:mod:`workshop.mail.outbox`) under
``invitation:<id>``, and the server's sender thread delivers it; the invitations' table shows its
delivery. Only an address :func:`~workshop.invitations.addressing.pick_recipient` allows is
written to (an organisational address, or one given with consent): read again here, not taken
from the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..db import Store
from ..mail.outbox import enqueue
from ..models import Invitation
from ..security import link_code_hash
from ..services.access import authorise, record_audit
from ..services.roles import require
from ..services.rows import get_idea_on_wall
from .letters import invitation_email
from .service import CODE_LENGTH, LetterFacts, mail_about, recipient_of

__all__ = ["QueuedInvitations", "queue_invitation_emails"]


@dataclass(frozen=True)
class QueuedInvitations:
    """What became of a batch's e-mails: queued to an address, or left to the letter."""

    queued: tuple[str, ...]  # the organisations' names
    without_address: tuple[str, ...]  # no address the app may write to: send the letter
    not_current: tuple[str, ...]  # answered, or replaced by a newer invitation since the batch was made


def _code(link: str) -> str:
    """The answer code in an answer link.

    >>> _code("http://192.168.1.20:8501/svar?kod=ABCD-EFGH-JKMN")
    'ABCD-EFGH-JKMN'
    """
    return parse_qs(urlsplit(link).query).get("kod", [""])[0]


def queue_invitation_emails(store: Store, token: Any, workshop_id: int, idea_id: int, facts: Iterable[LetterFacts], *, sender: str | None = None) -> QueuedInvitations:
    """Queue one e-mail per invitation of a batch just made, in one unit of work.

    Parameters
    ----------
    store : Store
    token : str
        The same staff who may invite to the idea (the roles table's ``invitations.email``).
    workshop_id, idea_id : int
        Where the batch was made.
    facts : iterable of LetterFacts
        The batch's letters (:func:`~workshop.invitations.service.letter_facts`), with their links.
    sender : str, optional
        The ``From`` address; the sender thread fills in the configured one when none is given.

    Returns
    -------
    QueuedInvitations
        Which organisations' invitations were queued and which need their letter instead.

    Raises
    ------
    NotAllowed, NotSignedIn
        The roles table refuses the token.
    """
    facts = tuple(facts)
    queued: list[str] = []
    without: list[str] = []
    stale: list[str] = []
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "invitations", "email", workshop_id=workshop_id)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        require(actor, "invitations", "email", workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
        for item in facts:
            row = session.get(Invitation, item.invitation_id)
            # A link whose code is no longer the invitation's (a newer batch replaced it) or an
            # invitation answered since would only meet a refusal: not sent.
            if row is None or row.idea_id != idea.id or row.status != "waiting" or row.code_hash != link_code_hash(_code(item.link), CODE_LENGTH):
                stale.append(item.organisation_name)
                continue
            recipient = recipient_of(session, row.organisation_id)
            if recipient is None:
                without.append(item.organisation_name)
                continue
            message = invitation_email(replace(item, recipient=recipient), sender=sender)
            del message["X-Unsent"]  # a draft marker for the .eml file, not for a sent message
            enqueue(session, message, about=mail_about(row.id))
            record_audit(
                session, actor, "invitation.email", subject_type="idea", subject_id=idea.id, subject_label=idea.title,
                workshop_id=idea.workshop_id, detail={"organisation": item.organisation_name, "invitation_id": row.id},
            )
            queued.append(item.organisation_name)
        session.commit()
    return QueuedInvitations(tuple(queued), tuple(without), tuple(stale))
