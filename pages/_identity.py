"""Who this browser is: a participant (by cookie), a facilitator or a coordinator (by a
server-side session whose token the cookie holds), and where the guesses come from."""

from __future__ import annotations

import ipaddress
import os
import re

import streamlit as st

from pages._store import get_store
from workshop.addresses import is_this_machine
from workshop.i18n import DEFAULT_LANGUAGE, Translator
from workshop.security import Client, new_token
from workshop.services import access, participants

__all__ = [
    "PARTICIPANT_COOKIE",
    "STAFF_COOKIE",
    "write_cookies",
    "settle_first_start_deep_link",
    "remember_participant",
    "current_participant",
    "forget_participant",
    "participant_or_stop",
    "remember_staff",
    "staff_token",
    "current_staff",
    "sign_out_staff",
    "facilitated_workshop",
    "facilitated_workshop_or_stop",
    "coordinator_or_stop",
    "facilitator_token",
    "stop_for_others",
    "FACILITATE",
    "go_to",
    "client",
    "from_this_machine",
    "public_base_url",
    "join_base_url",
    "join_address_check",
]

PARTICIPANT_COOKIE = "pb_participant"
STAFF_COOKIE = "pb_staff"
LANGUAGE_COOKIE = "pb_lang"
BROWSER_COOKIE = "pb_browser"  # a random token: whose wrong guesses are whose
# The address counted for browsers on the server itself (Streamlit gives none for them).
LOOPBACK_ADDRESS = "loopback"
PUBLIC_URL_VARIABLE = "PROJEKTBEREDSKAP_PUBLIC_URL"
COOKIE_MAX_AGE = 60 * 60 * 24 * 120  # a network process runs for months
STAFF_COOKIE_MAX_AGE = 60 * 60 * 24 * 3  # the server ends staff sessions sooner (access.SESSION_LIMITS)
# The workshop a coordinator chose to lead from the facilitator pages.
COORDINATOR_WORKSHOP = "coordinator_workshop"


def _t() -> Translator:
    return Translator(st.session_state.get("language", DEFAULT_LANGUAGE))


# --- cookies ----------------------------------------------------------------------------


def _set_cookie(name: str, value: str, max_age: int = COOKIE_MAX_AGE) -> None:
    # Tokens are URL-safe base64, so they need no quoting inside the script.
    if not re.fullmatch(r"[A-Za-z0-9_\-]*", value):
        raise ValueError("cookie values must be URL-safe tokens")
    # Written by write_cookies() on every later run: a script rendered in a run that ends
    # with st.rerun() may never reach the browser.
    st.session_state.setdefault("_cookies", {})[name] = (value, max_age)


def _sent_cookie(name: str) -> str | None:
    """The cookie the browser sent when this session began, unless this session has since changed it."""
    pending = st.session_state.get("_cookies", {}).get(name)
    return pending[0] if pending is not None else _cookie(name)


def write_cookies() -> None:
    """Called first thing by app.py on every run, before any page can st.rerun()."""
    for name, (value, max_age) in st.session_state.get("_cookies", {}).items():
        if (_cookie(name) or "") != value:  # what the browser sent when this session began
            _write_cookie(name, value, max_age)


def _write_cookie(name: str, value: str, max_age: int) -> None:
    st.html(
        f"<script>document.cookie = '{name}={value}; path=/; max-age={max_age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def _cookie(name: str) -> str | None:
    """The cookie the browser sent when this session's connection opened (read once per session)."""
    sent = st.session_state.get("_sent_cookies")
    if sent is None:
        try:
            cookies = st.context.cookies
            names = (PARTICIPANT_COOKIE, STAFF_COOKIE, LANGUAGE_COOKIE, BROWSER_COOKIE)
            sent = {key: value for key in names if isinstance(value := cookies.get(key), str)}
        except Exception:  # no browser behind this session (AppTest, bare mode)
            sent = {}
        st.session_state["_sent_cookies"] = sent
    return sent.get(name)


def settle_first_start_deep_link() -> None:
    """Close Streamlit's English "Page not found" box on the first run after a server start.

    Streamlit sees the ``pages/`` folder beside ``app.py`` and, until the first
    ``st.navigation`` call of the process, runs the first session through its old
    folder-based navigation, which knows none of our addresses (``/projektor``) and says so
    before ``app.py`` takes over and opens the right page. That is the projector on the wall
    reconnecting after a restart. Called by ``app.py`` before its own navigation.
    """
    from streamlit import config
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:  # every run but the process's first
        return
    if config.get_option("global.appTest"):  # AppTest has no browser, and resets the flag each run
        return
    st.html(
        """<script>
(() => {
  const until = Date.now() + 10000;
  const timer = setInterval(() => {
    for (const box of document.querySelectorAll('[role="dialog"]')) {
      if (box.querySelector("h2")?.textContent.trim() === "Page not found") {
        box.querySelector('button[aria-label="Close"]')?.click();
        clearInterval(timer);
      }
    }
    if (Date.now() > until) clearInterval(timer);
  }, 50);
})();
</script>""",
        unsafe_allow_javascript=True,
    )


def remembered_language() -> str | None:
    return _sent_cookie(LANGUAGE_COOKIE)


def remember_language(language: str) -> None:
    _set_cookie(LANGUAGE_COOKIE, language)


# --- participants -------------------------------------------------------------------------


def remember_participant(token: str) -> None:
    st.session_state["participant_token"] = token
    _set_cookie(PARTICIPANT_COOKIE, token)


@st.cache_data(ttl=5, show_spinner=False, max_entries=2048)
def _identify(token: str) -> participants.ParticipantIdentity | None:
    # Shared and short-lived: every rerun of every page asks, and the answer only changes
    # when a facilitator merges organisations.
    return participants.identify(get_store(), token)


def current_participant() -> participants.ParticipantIdentity | None:
    """The participant this browser joined as: kept across reloads and tabs by a cookie."""
    token = st.session_state.get("participant_token") or _sent_cookie(PARTICIPANT_COOKIE)
    if not token:
        return None
    identity = _identify(token)
    if identity is not None:
        st.session_state["participant_token"] = token
    return identity


def forget_participant() -> None:
    st.session_state.pop("participant_token", None)
    _identify.clear()
    _set_cookie(PARTICIPANT_COOKIE, "", max_age=0)


# Where each guard sends someone who may not see the page: (page, menu title, icon).
START = ("pages/home.py", "nav.start", ":material/login:")
FACILITATE = ("pages/facilitate.py", "nav.facilitate", ":material/co_present:")
COORDINATE = ("pages/coordinator.py", "nav.coordinator", ":material/admin_panel_settings:")


def stop_for_others(t: Translator, message_key: str, target: tuple[str, str, str]) -> None:
    """Say in the UI language whom the page is for, link to where to start, and stop the page."""
    st.warning(t(message_key))
    page, title, icon = target
    st.page_link(page, label=t(title), icon=icon)
    st.stop()


def participant_or_stop(t: Translator) -> participants.ParticipantIdentity:
    """The participant of this browser; a page for participants stops here for anyone else."""
    me = current_participant()
    if me is None:
        stop_for_others(t, "common.join_first", START)
    return me


# --- coordinators and facilitators ----------------------------------------------------------


def remember_staff(token: str) -> None:
    """Sign this browser in as the coordinator or facilitator whose session ``token`` is."""
    st.session_state["staff_token"] = token
    st.session_state.pop(COORDINATOR_WORKSHOP, None)
    _set_cookie(STAFF_COOKIE, token, max_age=STAFF_COOKIE_MAX_AGE)


def staff_token() -> str | None:
    """The signed-in coordinator's or facilitator's session token, for service calls."""
    return st.session_state.get("staff_token") or _sent_cookie(STAFF_COOKIE)


# Facilitator pages pass this token to the services: a coordinator's works for every workshop.
facilitator_token = staff_token


@st.cache_data(ttl=5, show_spinner=False, max_entries=256)
def _staff(token: str) -> access.Actor | None:
    # Shared and short-lived: the server ends a session (sign-out elsewhere, a re-issued key,
    # inactivity) and within five seconds every server's pages refuse it.
    return access.staff_actor(get_store(), token)


def current_staff() -> access.Actor | None:
    """The coordinator or facilitator this browser is signed in as, or ``None``."""
    token = staff_token()
    if not token:
        return None
    actor = _staff(token)
    if actor is None:
        st.session_state.pop("staff_token", None)
    else:
        st.session_state["staff_token"] = token
    return actor


def sign_out_staff() -> None:
    """End the session on the server (a copied cookie opens nothing after this) and forget it here."""
    token = staff_token()
    if token:
        access.end_staff_session(get_store(), token)
    _staff.clear()
    st.session_state.pop("staff_token", None)
    st.session_state.pop(COORDINATOR_WORKSHOP, None)
    _set_cookie(STAFF_COOKIE, "", max_age=0)


def lead_workshop(workshop_id: int | None) -> None:
    """A coordinator opens (or leaves) one workshop's facilitator pages."""
    if workshop_id is None:
        st.session_state.pop(COORDINATOR_WORKSHOP, None)
    else:
        st.session_state[COORDINATOR_WORKSHOP] = workshop_id


def facilitated_workshop() -> int | None:
    """The workshop this browser leads: a facilitator's own, or the one a coordinator opened."""
    actor = current_staff()
    if actor is None:
        return None
    if actor.role == "facilitator":
        return actor.workshop_id
    return st.session_state.get(COORDINATOR_WORKSHOP)


def facilitated_workshop_or_stop(t: Translator) -> int:
    """The workshop this browser leads; a facilitator page stops here for anyone else."""
    workshop_id = facilitated_workshop()
    if workshop_id is None:
        actor = current_staff()
        if actor is not None and actor.is_coordinator:
            stop_for_others(t, "common.pick_workshop_first", COORDINATE)
        stop_for_others(t, "common.facilitators_only", FACILITATE)
    return workshop_id


def coordinator_or_stop(t: Translator) -> access.Actor:
    """The signed-in coordinator; a coordinator page stops here for anyone else."""
    actor = current_staff()
    if actor is None or not actor.is_coordinator:
        stop_for_others(t, "common.coordinators_only", COORDINATE)
    return actor


def go_to(page_path: str) -> None:
    """Rerun and open ``page_path``: menus depend on who you are, so they are built anew first."""
    st.session_state["app_goto"] = page_path
    st.rerun()


# --- where a request comes from -------------------------------------------------------------


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
        sent = _sent_cookie(BROWSER_COOKIE) or ""
        token = sent if re.fullmatch(r"[A-Za-z0-9_\-]{16,64}", sent) else new_token()
        st.session_state["browser_token"] = token
        if token != sent:
            _set_cookie(BROWSER_COOKIE, token)
            # Also in this run, which shows the guess's answer: a reload right after it keeps the token.
            _write_cookie(BROWSER_COOKIE, token, COOKIE_MAX_AGE)
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
    return is_this_machine(_peer(), _header("Host"), _header("Origin"))


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
    from workshop.addresses import base_urls_for, is_loopback_url, machine_addresses

    current = public_base_url()
    if not is_loopback_url(current):
        return
    candidates = base_urls_for(current, machine_addresses())
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
