"""The run of show: prepare the meeting's phases, and move the room on with "Nästa fas"."""

import streamlit as st

from ui.forms import FieldErrors, attempt, submit_once, succeeds
from ui.identity import facilitated_workshop_or_stop, facilitator_token
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.live import cached_info, workshop_revision
from ui.phase import PHASE_CSS, countdown_html
from ui.store import get_store
from ui.text import esc, plain
from workshop.lengths import TEXT_MAX, TITLE_MAX
from workshop.meeting import service as meeting
from workshop.meeting.clock import hall_time
from workshop.meeting.template import FORMS, MINUTES_MAX

t = translator()
store = get_store()
workshop_id = facilitated_workshop_or_stop(t)
token = facilitator_token()

st.title(t("meeting.title"))
st.caption(t("meeting.intro", title=plain(cached_info(workshop_id, workshop_revision(workshop_id)).title)))
state = meeting.meeting_state(store, workshop_id)


def form_label(form: str) -> str:
    return t(f"meeting.form.{form}")


def reuse_section() -> None:
    """Start from the template, or from another workshop's sequence ("reusable for the next village")."""
    st.markdown(f"**{t('meeting.reuse_heading')}**")
    if state.phases:
        st.caption(t("meeting.reuse_replaces"))
    left, right = st.columns(2)
    if left.button(t("meeting.use_template"), key="run_of_show_template"):
        if succeeds(lambda: meeting.use_template(store, workshop_id, token), t):
            st.rerun()
    others = {w[0]: w for w in meeting.sequences_to_copy(store, workshop_id)}
    with right:
        if others:
            chosen = st.selectbox(
                t("meeting.copy_from"), list(others), index=None, placeholder=t("meeting.copy_placeholder"),
                format_func=lambda w: t("meeting.copy_choice", title=others[w][1], date=others[w][2].isoformat(), count=others[w][3]), key="run_of_show_copy_from",
            )
            errors = FieldErrors(t, "run_of_show_copy")
            errors.slot("from_workshop")
            if st.button(t("meeting.copy"), key="run_of_show_copy", disabled=chosen is None):
                if attempt(lambda: meeting.copy_phases(store, workshop_id, token, chosen), t, errors) is not None:
                    st.rerun()
        else:
            st.caption(t("meeting.copy_none"))


if not state.phases:
    st.info(t("meeting.empty"))
    reuse_section()
    st.stop()

# --- during the meeting ---------------------------------------------------------------------
with st.container(border=True):
    current = state.current
    if current is not None:
        st.html(PHASE_CSS + f'<p style="font-size:1.4rem;margin:0"><b>{esc(t("meeting.now", title=current.title))}</b> &nbsp; {countdown_html(t, current)}</p>')
        if current.instruction:
            st.caption(plain(current.instruction))
    elif state.finished:
        st.success(t("meeting.finished"))
    else:
        st.info(t("meeting.not_started"))
    upcoming = state.upcoming
    if upcoming is not None:
        label = t("meeting.next", title=upcoming.title) if current is not None else t("meeting.start", title=upcoming.title)
    elif current is not None:
        label = t("meeting.end")
    else:
        label = None
    if label is not None and st.button(label, key="run_of_show_next", type="primary", icon=":material/skip_next:"):
        if succeeds(lambda: meeting.next_phase(store, workshop_id, token, seen=current.id if current else None), t):
            st.rerun()
    st.page_link("pages/projector.py", label=t("nav.projector"), icon=":material/tv:")

# --- the sequence -----------------------------------------------------------------------------
st.subheader(t("meeting.sequence"))


for number, phase in enumerate(state.phases, start=1):
    status = t("meeting.status.running") if phase.running else t("meeting.status.done") if phase.has_run else ""
    times = t("meeting.ran", start=hall_time(phase.started_at), end=hall_time(phase.ended_at)) if phase.has_run else ""
    with st.expander(f"{number}. {phase.title} · {t('meeting.minutes_short', minutes=phase.minutes)} · {form_label(phase.form)}" + (f" · {status}" if status else "")):
        if times:
            st.caption(times)
        form_key = f"run_of_show_phase_{phase.id}"
        errors = FieldErrors(t, form_key)
        with st.form(form_key):
            title = limited_text(t("field.title"), limit=TITLE_MAX, t=t, key=kept(f"{form_key}.title", phase.title))
            errors.slot("title")
            instruction = limited_text(t("meeting.field.instruction"), limit=TEXT_MAX, t=t, area=True, key=kept(f"{form_key}.instruction", phase.instruction))
            errors.slot("instruction")
            minutes = st.number_input(t("meeting.field.minutes"), min_value=1, max_value=MINUTES_MAX, step=1, key=kept(f"{form_key}.minutes", phase.minutes))
            errors.slot("minutes")
            form = st.selectbox(t("meeting.field.form"), FORMS, format_func=form_label, key=kept(f"{form_key}.form", phase.form), placeholder=t("common.choose"))
            errors.slot("form")
            saved = st.form_submit_button(t("meeting.save"), type="primary")
        if saved and attempt(lambda: meeting.update_phase(store, workshop_id, token, phase.id, title=title, instruction=instruction, minutes=minutes, form=form), t, errors) is not None:
            st.rerun()
        if not phase.has_run:
            up, down, remove = st.columns(3)
            if up.button(t("meeting.move_up"), key=f"run_of_show_up_{phase.id}", icon=":material/arrow_upward:", disabled=number == 1):
                if succeeds(lambda: meeting.move_phase(store, workshop_id, token, phase.id, -1), t):
                    st.rerun()
            if down.button(t("meeting.move_down"), key=f"run_of_show_down_{phase.id}", icon=":material/arrow_downward:", disabled=number == len(state.phases)):
                if succeeds(lambda: meeting.move_phase(store, workshop_id, token, phase.id, 1), t):
                    st.rerun()
            if remove.button(t("meeting.remove"), key=f"run_of_show_remove_{phase.id}", icon=":material/delete:"):
                if succeeds(lambda: meeting.remove_phase(store, workshop_id, token, phase.id), t):
                    st.rerun()

with st.expander(t("meeting.add_heading"), icon=":material/add:"):
    errors = FieldErrors(t, "run_of_show_add")
    with st.form("run_of_show_add"):
        title = limited_text(t("field.title"), limit=TITLE_MAX, t=t, key=kept("run_of_show_add.title"))
        errors.slot("title")
        instruction = limited_text(t("meeting.field.instruction"), limit=TEXT_MAX, t=t, area=True, key=kept("run_of_show_add.instruction"))
        errors.slot("instruction")
        minutes = st.number_input(t("meeting.field.minutes"), min_value=1, max_value=MINUTES_MAX, value=10, step=1)
        errors.slot("minutes")
        form = st.selectbox(t("meeting.field.form"), FORMS, format_func=form_label, placeholder=t("common.choose"))  # first "none": phones stay put
        added = st.form_submit_button(t("meeting.add"), type="primary")
    if added and submit_once(
        "run_of_show_add", {"title": title, "instruction": instruction}, lambda: meeting.add_phase(store, workshop_id, token, title=title, instruction=instruction, minutes=minutes, form=form),
        t, errors, chosen={"minutes": minutes, "form": form},
    ) is not None:
        forget_kept("run_of_show_add.")
        st.rerun()

reuse_section()
