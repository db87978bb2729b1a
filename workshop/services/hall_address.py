"""The address phones reach the app on in the hall, kept with the workshop and as a coordinator's default.

A join link or QR code built from the facilitator's own browser address says ``localhost`` when
the app runs on the facilitator's laptop, and no phone reaches that. Picked once on
Projektorvy, the hall address is stored with the workshop, so the wall, the join link and the
QR code keep it after a reload, in a new tab and on another staff browser. A coordinator's pick
is also their default: for workshops that have none yet and for the companies' survey links.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from ..db import Store
from ..errors import InvalidInput
from ..lengths import SHORT_MAX
from ..models import Coordinator, Workshop
from ..validation import as_text
from .access import authorise
from .revisions import touch
from .rows import get_workshop

__all__ = ["clean_address", "set_workshop_address", "set_default_address", "workshop_address", "default_address"]


def clean_address(value: Any) -> str:
    """The base address (``scheme://host[:port]``) from what was picked or typed.

    >>> clean_address(" http://192.168.1.20:8501/ ")
    'http://192.168.1.20:8501'
    >>> clean_address("https://beredskap.lindesberg.se")
    'https://beredskap.lindesberg.se'
    >>> clean_address("192.168.1.20:8501")
    Traceback (most recent call last):
    ...
    workshop.errors.InvalidInput: errors.invalid address
    """
    text = as_text(value, "address").strip().rstrip("/")
    if not text or len(text) > SHORT_MAX:
        raise InvalidInput("errors.invalid", field="address")
    parts = urlsplit(text)
    try:
        parts.port  # a port that is no number raises here
    except ValueError:
        raise InvalidInput("errors.invalid", field="address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query or parts.fragment or parts.username:
        raise InvalidInput("errors.invalid", field="address")
    return f"{parts.scheme}://{parts.netloc}"


def set_workshop_address(store: Store, workshop_id: int, token: str, address: Any) -> str:
    """The workshop's staff keep the hall address with it; a coordinator's pick is also their default.

    Returns the stored address. Bumps the workshop's revision, so every wall redraws its link.
    """
    address = clean_address(address)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "workshops", "address", workshop_id=workshop_id)
        workshop = get_workshop(session, workshop_id)
        workshop.participant_address = address
        if actor.coordinator_id is not None:
            coordinator = session.get(Coordinator, actor.coordinator_id)
            if coordinator is not None:
                coordinator.participant_address = address
        touch(session, workshop.id)
        session.commit()
    return address


def set_default_address(store: Store, token: str, address: Any) -> str:
    """A coordinator's own default address for phones (survey links, workshops without their own)."""
    address = clean_address(address)
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "coordinators", "address")
        coordinator = session.get(Coordinator, actor.coordinator_id) if actor.coordinator_id is not None else None
        if coordinator is None:  # the command line has no row to keep it on
            raise InvalidInput("errors.invalid", field="address")
        coordinator.participant_address = address
        touch(session, None)  # walls without an address of their own use it
        session.commit()
    return address


def workshop_address(store: Store, workshop_id: int) -> str | None:
    """Where phones reach this workshop: its own address, else a coordinator's default, else ``None``."""
    with store.unit_of_work() as session:
        own = session.scalar(select(Workshop.participant_address).where(Workshop.id == workshop_id))
        if own:
            return own
        return session.scalar(select(Coordinator.participant_address).where(Coordinator.participant_address.is_not(None)).order_by(Coordinator.id).limit(1))


def default_address(store: Store, coordinator_id: int | None = None) -> str | None:
    """A coordinator's default address (the given one's, else the first one set), or ``None``."""
    with store.unit_of_work() as session:
        if coordinator_id is not None:
            own = session.scalar(select(Coordinator.participant_address).where(Coordinator.id == coordinator_id))
            if own:
                return own
        return session.scalar(select(Coordinator.participant_address).where(Coordinator.participant_address.is_not(None)).order_by(Coordinator.id).limit(1))
