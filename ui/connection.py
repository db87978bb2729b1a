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
from workshop import addresses
from workshop.i18n import Translator
from workshop.security import Client, new_token

__all__ = [
    "LOOPBACK_ADDRESS",
    "PUBLIC_URL_VARIABLE",
    "client",
    "from_this_machine",
    "join_address_check",
    "join_base_url",
    "public_base_url",
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


def join_base_url() -> str:
    """The address the join link and QR code use: one the facilitator picked, else the public one."""
    return st.session_state.get(JOIN_BASE) or public_base_url()


def join_address_check(t: Translator) -> None:
    """Warn while the join link names this machine only (``localhost``): no phone can reach it.

    Offers the machine's own network addresses instead; ``PROJEKTBEREDSKAP_PUBLIC_URL`` settles
    it for good.
    """
    current = public_base_url()
    if not addresses.is_loopback_url(current):
        return
    candidates = addresses.base_urls_for(current, addresses.machine_addresses())
    chosen = st.session_state.get(JOIN_BASE)
    if chosen and chosen in candidates:
        st.caption(t("join_address.using", address=chosen))
    else:
        st.warning(t("join_address.loopback", address=current), icon=":material/wifi_off:")
    if candidates:
        picked = st.selectbox(
            t("join_address.pick"),
            candidates,
            index=candidates.index(chosen) if chosen in candidates else None,
            placeholder=t("join_address.placeholder"),
            key="join_address_pick",
            help=t("join_address.help"),
        )
        if picked != chosen:
            st.session_state[JOIN_BASE] = picked
            st.rerun()
    else:
        st.caption(t("join_address.none_found"))
