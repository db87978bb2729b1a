"""Forms and their errors: a service call whose business error shows under its field, and the forms more than one page uses."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import streamlit as st

from ui.kept import kept
from ui.limits import CUT_KEY, limited_text
from ui.recovery import recover_when_database_answers
from ui.text import plain
from workshop.errors import DatabaseUnavailable, ServiceError
from workshop.i18n import Translator
from workshop.lengths import NAME_MAX, TAG_LIST_MAX, TEXT_MAX, TITLE_MAX
from workshop.vocabulary import NEED_CATEGORIES

__all__ = ["REPEAT_SECONDS", "BLANK_REPEAT_SECONDS", "FieldErrors", "attempt", "describe_error", "idea_form", "forget_submitted", "submit_once", "succeeds"]

T = TypeVar("T")


# --- errors at the field they concern ------------------------------------------------------


class FieldErrors:
    """Error messages under the fields they concern, so an error shows where the value was typed.

    In a form (``form`` names it) nothing is drawn until there is an error: the message is
    kept for the form and the page reruns once, drawing it under its field; the typed values
    stay in the form. Outside a form (a widget that acts as soon as it changes) each field
    gets a placeholder up front, filled in the same run.
    """

    def __init__(self, t: Translator, form: str | None = None):
        self.t = t
        self._form = form
        self._slots: dict[str, Any] = {}
        self._pending: dict[str, str] = st.session_state.pop(self._state_key, {}) if form else {}
        self.limits: dict[str, tuple[str, str, int]] = {}  # field: (widget key, value, longest)

    @property
    def _state_key(self) -> str:
        return f"_field_errors_{self._form}"

    def slot(self, field: str) -> None:
        if self._form is None:
            self._slots[field] = st.empty()
            return
        self._slots[field] = None
        if field in self._pending:
            st.error(self._pending[field], icon=":material/error:")

    def cut_long_text(self) -> bool:
        """Cut every :func:`long_text` value over its limit, say so under it, and redraw: ``True`` if any.

        The cut text is put back in the field, so the person sees where it ends and presses
        again; nothing is saved from this press.
        """
        over = {field: entry for field, entry in self.limits.items() if len(entry[1]) > entry[2]}
        if not over or self._form is None:
            return False
        cuts = st.session_state.setdefault(CUT_KEY, {})
        messages = {}
        for field, (key, value, limit) in over.items():
            cuts[key] = value[:limit]
            messages[field] = self.t("forgive.cut", field=self.t("field." + field), typed=len(value), limit=limit)
        st.session_state[self._state_key] = messages
        st.rerun()
        return True  # pragma: no cover - st.rerun() does not return

    def show(self, error: ServiceError) -> None:
        message = describe_error(self.t, error)
        field = error.field or ""
        if self._form is not None and field in self._slots:
            st.session_state[self._state_key] = {field: message}
            st.rerun()
        slot = self._slots.get(field)
        (slot or st).error(message, icon=":material/error:")


def long_text(errors: FieldErrors, field: str, label: str, limit: int, *, key: str, area: bool = False, **kwargs: Any) -> str:
    """A text field of a form with errors under its fields: :func:`ui.limits.limited_text` with its slot.

    It takes a paste longer than it holds, counts while typing, and on submit
    :meth:`FieldErrors.cut_long_text` cuts it at ``limit`` with a message under the field.
    """
    return limited_text(label, limit, key=key, t=errors.t, area=area, errors=errors, field=field, **kwargs)


def describe_error(t: Translator, error: ServiceError) -> str:
    # Parameters may carry user text (an organisation's name): alerts render markdown.
    # A list parameter holds catalog keys (e.g. the missing LEADER criteria).
    params = {k: plain(", ".join(t(str(x)) for x in v) if isinstance(v, (list, tuple)) else str(v)) for k, v in error.params.items()}
    message = t(error.message_key, **params)
    if error.field:
        return f"{t('field.' + error.field)}: {message}"
    return message


def attempt(
    action: Callable[[], T],
    t: Translator,
    errors: FieldErrors | None = None,
    *,
    passthrough: tuple[type[ServiceError], ...] = (),
) -> T | None:
    """Run a service call; show its business error in Swedish (or English) instead of raising.

    A locked or unreachable database gets its own message, a retry button and a page that
    reruns by itself once the database answers (the form keeps what was typed); errors
    in ``passthrough`` are re-raised for the page to handle (e.g. offer a duplicate;
    ``DatabaseUnavailable`` there lets the entry file stop the page with its message).
    """
    if errors is not None and errors.cut_long_text():
        return None
    try:
        return action()
    except DatabaseUnavailable:
        if issubclass(DatabaseUnavailable, passthrough):
            raise  # the page has no form to keep: the entry file shows the message and recovers
        st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")
        st.button(t("common.retry"), key=f"retry_{id(action)}")
        recover_when_database_answers(t)
        return None
    except ServiceError as error:
        if isinstance(error, passthrough):
            raise
        if errors is not None:
            errors.show(error)
        else:
            st.error(describe_error(t, error), icon=":material/error:")
        return None


def succeeds(action: Callable[[], object], t: Translator, errors: FieldErrors | None = None) -> bool:
    """Like :func:`attempt`, for actions that return nothing: ``True`` when it went through."""
    return attempt(lambda: (action(), True)[1], t, errors) is True


# --- a second press shows the first result -------------------------------------------------

# How long after a form went through a second press of it is taken for the same press: with
# the same values (the browser had not redrawn the form yet), or with none at all (the tap
# landed on the form that came back empty after the save).
REPEAT_SECONDS = 120.0
BLANK_REPEAT_SECONDS = 15.0
_SUBMITTED = "_forms_submitted"


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Mapping):
        return all(_blank(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    return False


def _fingerprint(values: Mapping[str, Any]) -> str:
    return repr(sorted((str(k), repr(v)) for k, v in values.items()))


def submit_once(
    form: str,
    values: Mapping[str, Any],
    action: Callable[[], T],
    t: Translator,
    errors: FieldErrors | None = None,
    *,
    chosen: Mapping[str, Any] | None = None,
    passthrough: tuple[type[ServiceError], ...] = (),
) -> T | None:
    """Like :func:`attempt`, for a form's create or submit: a second press returns the first result.

    ``form`` names the form (the same for every round of it), ``values`` are what was typed,
    ``chosen`` what was picked with a default (a kind, a date, a role: never blank).
    Within :data:`REPEAT_SECONDS` of a press that went through, a press with the same values
    calls nothing and returns what the first returned; within :data:`BLANK_REPEAT_SECONDS`, so
    does a press whose typed text is all empty (a double tap that landed on the emptied form),
    instead of "Rubrik: måste fyllas i". So a double press makes one record, shows its result,
    and is never an error. Kept per browser session, so it needs no table.
    """
    fingerprint = _fingerprint({**values, **{f"chosen.{k}": v for k, v in (chosen or {}).items()}})
    texts = list(values.values())
    earlier = st.session_state.get(_SUBMITTED, {}).get(form)
    if earlier is not None:
        then, before, result = earlier
        age = time.monotonic() - then
        if (before == fingerprint and age < REPEAT_SECONDS) or (texts and _blank(texts) and age < BLANK_REPEAT_SECONDS):
            return result
    result = attempt(action, t, errors, passthrough=passthrough)
    if result is not None:
        # Stored before any other Streamlit call: a second press that interrupts this run at
        # its next st.* call already finds it.
        st.session_state.setdefault(_SUBMITTED, {})[form] = (time.monotonic(), fingerprint, result)
    return result


def forget_submitted(prefix: str = "") -> None:
    """Forget the presses of the forms whose name starts with ``prefix``: the next press is new.

    For a shared device: after one person leaves, the next one's press must not get theirs.
    """
    submitted = st.session_state.get(_SUBMITTED, {})
    for form in [f for f in submitted if f.startswith(prefix)]:
        del submitted[form]


# --- forms more than one page uses -------------------------------------------------------


def idea_form(t: Translator, idea, form_key: str) -> tuple[bool, dict, FieldErrors]:
    """The idea's own fields, for its author (my contributions) and for facilitators (moderation).

    Returns whether it was submitted, the typed fields (as the services take them) and the
    error slots under each field.
    """
    errors = FieldErrors(t, form_key)
    # Kept widgets that start from the stored idea: what is typed survives a failed save, a
    # retry and a database outage, and is never overwritten by a change made elsewhere.
    with st.form(form_key):
        fields = {"title": long_text(errors, "title", t("field.title"), TITLE_MAX, key=kept(f"{form_key}.title", idea.title))}
        fields["description"] = long_text(errors, "description", t("field.description"), TEXT_MAX, area=True, key=kept(f"{form_key}.description", idea.description))
        fields["locality"] = limited_text(t("field.locality"), limit=NAME_MAX, t=t, key=kept(f"{form_key}.locality", idea.locality or ""))
        errors.slot("locality")
        fields["themes"] = limited_text(t("field.themes"), limit=TAG_LIST_MAX, t=t, key=kept(f"{form_key}.themes", ", ".join(idea.themes)))
        errors.slot("themes")
        fields["needs"] = {
            category: limited_text(
                t(f"need.{category}"), limit=TAG_LIST_MAX, t=t, key=kept(f"{form_key}.need_{category}", ", ".join(label for c, label in idea.needs if c == category))
            )
            for category in NEED_CATEGORIES
        }
        errors.slot("needs")
        submitted = st.form_submit_button(t("common.save"), type="primary")
    return submitted, fields, errors
