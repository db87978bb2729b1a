"""The follow-up page's helpers: the table of ideas, the next meeting's form and the downloads
(.ics and the A4 poster) that the follow-up page and the facilitator's page both offer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from ui.connection import join_base_url
from ui.forms import FieldErrors, attempt
from ui.kept import kept
from ui.limits import limited_text
from workshop.followup import calendar, meetings, poster
from workshop.followup.overview import FollowUpRow
from workshop.i18n import Translator
from workshop.lengths import SHORT_MAX

__all__ = ["join_link", "rows_table", "next_meeting_form", "downloads", "step_text"]


def join_link(join_code: str) -> str:
    """The join link the projector shows and its QR code holds."""
    return f"{join_base_url()}/?code={join_code}"


def step_text(t: Translator, row: FollowUpRow) -> tuple[str, str, str]:
    """The step in force as (what, due, who), empty where nothing is set."""
    step = row.step
    if step is None:
        return "", "", ""
    return step.what, step.due_date.isoformat() if step.due_date else "", step.assignee


def _leader(t: Translator, row: FollowUpRow) -> str:
    if row.leader_status == "missing":
        return t("followup.leader.missing", count=len(row.leader_missing), lines=", ".join(t(k) for k in row.leader_missing))
    return t(f"followup.leader.{row.leader_status}")


def rows_table(t: Translator, rows: list[FollowUpRow], today: dt.date, *, with_workshop: bool = True) -> list[dict[str, Any]]:
    """One dict per idea, the columns in the page's order (user text stays text: a dataframe).

    ``with_workshop=False`` leaves out the meeting column (one meeting's rows: it says the same on every row)."""
    table = []
    for row in rows:
        what, due, who = step_text(t, row)
        table.append(
            {
                t("followup.col.stale"): t("followup.stale_days", days=(today - row.last_change.date()).days) if row.stale else "",
                t("followup.col.idea"): row.title,
                **({t("followup.col.workshop"): row.workshop_title} if with_workshop else {}),
                t("followup.col.point"): row.development_point or "",
                t("followup.col.area"): row.leader_area or "",
                t("followup.col.stage"): t(f"stage.{row.stage}"),
                t("followup.col.owner"): row.owner,
                t("followup.col.step"): what,
                t("followup.col.due"): due,
                t("followup.col.who"): who,
                t("followup.col.leader"): _leader(t, row),
                t("followup.col.invitations"): invitations_text(t, row.invitations),
            }
        )
    return table


def invitations_text(t: Translator, counts) -> str:
    """"3 skickade · 1 ja · 1 väntar" for an idea's invitations; empty when none was sent."""
    if counts is None or not counts.sent:
        return ""
    parts = [t("followup.invitations.sent", n=counts.sent)]
    parts += [t(f"followup.invitations.{name}", n=getattr(counts, name)) for name in ("yes", "more", "no", "waiting", "expired") if getattr(counts, name)]
    return " · ".join(parts)


def next_meeting_form(t: Translator, store, workshop_id: int, token: str, current: meetings.MeetingView | None) -> None:
    """Set when and where the workshop meets next; errors under their fields."""
    form = f"followup_meeting_{workshop_id}"
    errors = FieldErrors(t, form)
    with st.form(form):
        columns = st.columns(3)
        with columns[0]:
            day = st.date_input(t("field.meeting_date"), value=current.starts_at.date() if current else None, format="YYYY-MM-DD", key=f"{form}.date")
            errors.slot("meeting_date")
        with columns[1]:
            time = st.time_input(t("field.meeting_time"), value=current.starts_at.time() if current else dt.time(18, 30), step=dt.timedelta(minutes=15), key=f"{form}.time")
            errors.slot("meeting_time")
        with columns[2]:
            minutes = st.number_input(t("field.meeting_minutes"), min_value=meetings.MIN_MINUTES, max_value=meetings.MAX_MINUTES, step=15, value=current.minutes if current else 120, key=f"{form}.minutes")
            errors.slot("meeting_minutes")
        place = limited_text(t("field.meeting_place"), limit=SHORT_MAX, t=t, key=kept(f"{form}.place", current.place if current else ""))
        errors.slot("meeting_place")
        saved = st.form_submit_button(t("followup.meeting.save"), type="primary")
    if saved:
        done = attempt(lambda: meetings.set_next_meeting(store, workshop_id, token, date=day, time=time, minutes=int(minutes), place=place), t, errors)
        if done is not None:
            st.session_state["followup_meeting_saved"] = True
            st.rerun()


def downloads(t: Translator, store, workshop_id: int, token: str, *, language: str = "sv") -> None:
    """The next meeting's .ics and the workshop's A4 poster, as download buttons (each file is
    written when its button is clicked, not on every run of the page)."""
    data = attempt(lambda: poster.poster_data(store, workshop_id, token), t)
    if data is None:
        return
    link = join_link(data.join_code)
    left, right = st.columns(2)
    with left:
        if data.meeting is None:
            st.caption(t("followup.meeting.none"))
        else:
            meeting = data.meeting
            st.download_button(
                t("followup.download.ics"), lambda: calendar.meeting_ics(meeting, join_link=link, language=language), file_name=calendar.ics_file_name(data.meeting),
                mime="text/calendar", icon=":material/event:", key=f"followup_ics_{workshop_id}",
            )
    with right:
        st.download_button(
            t("followup.download.poster"), lambda: poster.poster_pdf(data, link, language=language), file_name=poster.poster_file_name(data),
            mime="application/pdf", icon=":material/picture_as_pdf:", key=f"followup_poster_{workshop_id}",
        )
