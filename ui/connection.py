"""Where this browser connects from, and where participants reach this server.

Wrong codes and keys are counted per browser and per address (:func:`client`); a browser on the
server itself may create the first coordinator (:func:`from_this_machine`); the join link and
QR code need an address a phone can reach (:func:`join_base_url`, :func:`join_address_check`).
"""

from __future__ import annotations

import ipaddress
import os
import re

import streamlit as st

from ui.cookies import BROWSER_COOKIE, COOKIE_MAX_AGE, cookie, set_cookie, write_cookie
from ui.live import workshop_revision
from ui.store import get_store, process_revision
from workshop import addresses
from workshop.errors import ServiceError
from workshop.i18n import Translator
from workshop.security import Client, new_token
from workshop.services import hall_address

__all__ = [
    "LOOPBACK_ADDRESS",
    "PUBLIC_URL_VARIABLE",
    "client",
    "from_this_machine",
    "join_address_check",
    "join_base_url",
    "public_base_url",
    "stored_address",
]

# The address counted for browsers on the server itself (Streamlit gives none for them).
LOOPBACK_ADDRESS = "loopback"
PUBLIC_URL_VARIABLE = "PROJEKTBEREDSKAP_PUBLIC_URL"


def _peer() -> str | None:
    """The connection's address as Streamlit gives it: ``None`` for 127.0.0.1, ::1 and no browser."""
    try:
        address = st.context.ip_address
    except Exception:
        address = None
    return address if isinstance(address, str) and address else None


def _header(name: str) -> str | None:
    try:
        value = st.context.headers.get(name)
    except Exception:  # no browser behind this session (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def _address() -> str:
    """Whom the per-address count is kept for: one address however it is written."""
    peer = _peer()
    if peer is None:
        return LOOPBACK_ADDRESS if from_this_machine() else "unknown"
    try:
        ip = ipaddress.ip_address(peer)
    except ValueError:
        return peer
    return str(getattr(ip, "ipv4_mapped", None) or ip)


def _browser_token() -> str:
    """This browser's own token for counting its wrong guesses, kept in a cookie.

    A browser that brings none (a first visit, or a guesser who throws cookies away) gets one
    before its first guess is counted, so its failures are its own from the first.
    """
    token = st.session_state.get("browser_token")
    if token is None:
        sent = cookie(BROWSER_COOKIE) or ""
        token = sent if re.fullmatch(r"[A-Za-z0-9_\-]{16,64}", sent) else new_token()
        st.session_state["browser_token"] = token
        if token != sent:
            set_cookie(BROWSER_COOKIE, token)
            # Also in this run, which shows the guess's answer: a reload right after it keeps the token.
            write_cookie(BROWSER_COOKIE, token, COOKIE_MAX_AGE)
    return token


def client() -> Client:
    """What wrong codes and keys are counted against: this browser (its cookie) and its address."""
    return Client(_address(), _browser_token())


def from_this_machine() -> bool:
    """Whether the browser runs on the server itself (``workshop.addresses.is_this_machine``).

    Behind a reverse proxy on the same machine that does not pass the visitor's address on
    (``X-Forwarded-For``), every visitor looks local: create the first coordinator from the
    command line before such a server is reachable (docs/security.md).
    """
    return addresses.is_this_machine(_peer(), _header("Host"), _header("Origin"))


def public_base_url() -> str:
    """Where participants reach this server: ``$PROJEKTBEREDSKAP_PUBLIC_URL`` or the browser's URL."""
    configured = os.environ.get(PUBLIC_URL_VARIABLE)
    if configured:
        return configured.rstrip("/")
    try:
        url = st.context.url or ""
    except Exception:
        url = ""
    match = re.match(r"^(https?://[^/?#]+)", url)
    return match.group(1) if match else "http://localhost:8501"


JOIN_BASE = "join_base_url"


@st.cache_data(show_spinner=False, max_entries=64)
def _stored_address(workshop_id: int | None, revision: int, process: int) -> str | None:
    # Keyed on the workshop's and the process's revisions: a pick elsewhere shows at once.
    store = get_store()
    return hall_address.workshop_address(store, workshop_id) if workshop_id is not None else hall_address.default_address(store)


def stored_address(workshop_id: int | None = None) -> str | None:
    """The hall address kept with the workshop (or a coordinator's default), or ``None``."""
    revision = workshop_revision(workshop_id) if workshop_id is not None else 0
    return _stored_address(workshop_id, revision, process_revision())


def join_base_url(workshop_id: int | None = None) -> str:
    """The address the join link, QR code and survey links use.

    ``$PROJEKTBEREDSKAP_PUBLIC_URL`` when set; else the hall address kept with the workshop
    (or a coordinator's default), so it survives a reload and a new tab; else one picked in
    this tab; else the browser's own.
    """
    if os.environ.get(PUBLIC_URL_VARIABLE):
        return public_base_url()
    return stored_address(workshop_id) or st.session_state.get(JOIN_BASE) or public_base_url()


def join_address_check(t: Translator, workshop_id: int | None = None, token: str | None = None) -> None:
    """Warn while the join link names this machine only (``localhost``): no phone can reach it.

    Offers the machine's own network addresses instead. With a staff ``token`` the pick is
    kept with the workshop ``workshop_id`` (and as a coordinator's default), or, without a
    workshop, as the coordinator's default;
    ``PROJEKTBEREDSKAP_PUBLIC_URL`` settles it for good. Shown on the facilitator's own pages,
    never on the projected wall.
    """
    current = public_base_url()
    if not addresses.is_loopback_url(current):
        return
    candidates = addresses.base_urls_for(current, addresses.machine_addresses())
    chosen = join_base_url(workshop_id)
    chosen = None if addresses.is_loopback_url(chosen) else chosen
    if chosen:
        st.caption(t("join_address.using", address=chosen))
    else:
        st.warning(t("join_address.loopback", address=current), icon=":material/wifi_off:")
    options = candidates + ([chosen] if chosen and chosen not in candidates else [])
    if options:
        picked = st.selectbox(
            t("join_address.pick"),
            options,
            index=options.index(chosen) if chosen in options else None,
            placeholder=t("join_address.placeholder"),
            key="join_address_pick",
            help=t("join_address.help"),
        )
        if picked is not None and picked != chosen:
            st.session_state[JOIN_BASE] = picked
            if token:
                try:
                    if workshop_id is not None:
                        hall_address.set_workshop_address(get_store(), workshop_id, token, picked)
                    else:
                        hall_address.set_default_address(get_store(), token, picked)
                except ServiceError:
                    pass  # not this person's to keep: the pick stays in this tab
                else:
                    _stored_address.clear()
                    workshop_revision.clear()  # this browser sees its pick at once
            st.rerun()
    else:
        st.caption(t("join_address.none_found"))
