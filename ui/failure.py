"""An unexpected error in a page: kept in the server's log under a short id, shown as a Swedish
message the user can quote; never a traceback or a file path in the browser.

``.streamlit/config.toml`` sets ``client.showErrorDetails = "none"`` for whatever escapes this
(Streamlit then shows only a generic notice); this is what the pages' own errors get instead.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import streamlit as st
from streamlit import config
from streamlit.logger import get_logger

from workshop.errors import DatabaseUnavailable
from workshop.i18n import Translator
from workshop.security import CODE_ALPHABET

__all__ = ["new_error_id", "report_unexpected", "reported_live"]

_LOG = get_logger("projektberedskap.pages")
ERROR_ID_LENGTH = 6


def new_error_id() -> str:
    """Six characters from the join codes' alphabet: easy to read out over the phone.

    >>> len(new_error_id()), set(new_error_id()) <= set(CODE_ALPHABET)
    (6, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(ERROR_ID_LENGTH))


def _under_apptest() -> bool:
    return bool(config.get_option("global.appTest"))


def report_unexpected(t: Translator, error: Exception, page: str = "") -> str:
    """Log ``error`` with its traceback under a new id, tell the user that id; return it.

    Under Streamlit's AppTest the error is also shown in full (``st.exception`` ignores
    ``client.showErrorDetails``), so that the tests' ``at.exception`` still sees every
    unexpected error, with its message and traceback.
    """
    error_id = new_error_id()
    _LOG.error("unexpected error, id %s, on page %s", error_id, page or "?", exc_info=error)
    _show(t, error, error_id)
    return error_id


def _show(t: Translator, error: Exception, error_id: str) -> None:
    st.error(t("errors.unexpected", error_id=error_id), icon=":material/report:")
    if _under_apptest():
        st.exception(error)


def reported_live(t: Translator, draw: Callable[[], None], page: str) -> None:
    """Run the body of a fragment that refreshes itself (the projector's wall), keeping its errors inside.

    An unreachable database gets the Swedish database message and the fragment keeps
    refreshing, so the view comes back by itself; anything else is reported as
    :func:`report_unexpected` does (instead of Streamlit's English notice without an id).
    The same error on every tick is logged once and keeps its id until the view draws again.
    """
    last = f"_failure_live_{page}"
    try:
        draw()
    except DatabaseUnavailable:
        st.session_state.pop(last, None)
        st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")
    except Exception as error:  # st.rerun() and st.stop() are not Exceptions: they pass
        signature = (type(error).__qualname__, str(error))
        seen = st.session_state.get(last)
        if seen is not None and seen[0] == signature:
            _show(t, error, seen[1])
        else:
            st.session_state[last] = (signature, report_unexpected(t, error, page))
    else:
        st.session_state.pop(last, None)
