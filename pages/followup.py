"""Uppföljning: every idea's way from idea to application, its next step, and the next meeting.

For coordinators (every idea, or one meeting's) and facilitators (the ideas on their own wall).
"""

import datetime as dt

import streamlit as st

from ui.followup import downloads, next_meeting_form, rows_table
from ui.forms import FieldErrors, attempt, submit_once
from ui.identity import FACILITATE, current_staff, staff_token, stop_for_others
from ui.kept import kept
from ui.language import translator
from ui.limits import limited_text
from ui.store import get_store
from ui.text import plain
from workshop.followup import meetings, steps
from workshop.followup.overview import assignee_choices, filter_choices, follow_up_rows
from workshop.lengths import NAME_MAX, SHORT_MAX
from workshop.services.workshops import list_workshops

t = translator()
store = get_store()
actor = current_staff()
if actor is None:
    stop_for_others(t, "followup.for_staff", FACILITATE)
token = staff_token()
today = dt.date.today()

st.title(t("followup.title"))
st.caption(t("followup.intro"))
if st.session_state.pop("followup_step_saved", None):
    st.success(t("followup.step.saved"))
if st.session_state.pop("followup_meeting_saved", None):
    st.success(t("followup.meeting.saved"))

# Which ideas: a facilitator's own wall; a coordinator picks a meeting or the whole process.
if actor.is_coordinator:
    meetings_by_id = {w.id: w.title for w in list_workshops(store)}
    workshop_id = st.selectbox(
        t("followup.filter.workshop"), [None, *meetings_by_id], format_func=lambda w: t("followup.filter.all_workshops") if w is None else meetings_by_id[w], key="followup_workshop", placeholder=t("common.choose"),
    )
else:
    workshop_id = actor.workshop_id
choices = filter_choices()
left, right = st.columns(2)
point = left.selectbox(t("followup.filter.point"), [None, *choices.development_points], format_func=lambda p: t("followup.filter.all") if p is None else p, key="followup_point", placeholder=t("common.choose"))
area = right.selectbox(t("followup.filter.area"), [None, *choices.leader_areas], format_func=lambda a: t("followup.filter.all") if a is None else a, key="followup_area", placeholder=t("common.choose"))

rows = attempt(lambda: follow_up_rows(store, token, workshop_id=workshop_id, development_point=point, leader_area=area, today=today), t)
if rows is None:
    st.stop()
stale = sum(1 for r in rows if r.stale)
if stale:
    st.warning(t("followup.stale_count", count=stale), icon=":material/hourglass_empty:")
if not rows:
    st.info(t("followup.empty"))
else:
    st.dataframe(rows_table(t, rows, today, with_workshop=workshop_id is None), hide_index=True, width="stretch")

    st.subheader(t("followup.step.heading"))
    by_id = {r.idea_id: r for r in rows}
    idea_id = st.selectbox(t("followup.step.pick"), list(by_id), format_func=lambda i: by_id[i].title, key="followup_idea", placeholder=t("common.choose"))
    row = by_id[idea_id]
    # The step is the idea's own record: set at its home meeting (a coordinator acts there too).
    acting_in = row.workshop_id if actor.is_coordinator else workshop_id
    if not actor.is_coordinator and row.workshop_id != workshop_id:
        st.info(t("carry.stays_home"))
    else:
        found = attempt(lambda: assignee_choices(store, acting_in, token, idea_id), t)
        if found is not None:
            people, organisations = found
            step = row.step
            form = f"followup_step_{idea_id}"
            errors = FieldErrors(t, form)
            kinds = ["nobody", "participant", "organisation", "text"]
            with st.form(form):
                what = limited_text(t("field.step_what"), limit=SHORT_MAX, t=t, key=kept(f"{form}.what", step.what if step else ""))
                errors.slot("step_what")
                due = st.date_input(t("field.step_due"), value=step.due_date if step else None, format="YYYY-MM-DD", key=f"{form}.due")
                errors.slot("step_due")
                kind = st.radio(
                    t("followup.step.who_kind"), kinds, format_func=lambda k: t(f"followup.who.{k}"), horizontal=True,
                    index=kinds.index(step.assignee_kind) if step and step.assignee_kind else 0, key=f"{form}.kind",
                )
                columns = st.columns(3)
                person = columns[0].selectbox(
                    t("followup.who.participant"), list(people), format_func=people.get, placeholder=t("common.choose"),
                    index=list(people).index(step.assignee_id) if step and step.assignee_kind == "participant" and step.assignee_id in people else None, key=f"{form}.person",
                )
                organisation = columns[1].selectbox(
                    t("followup.who.organisation"), list(organisations), format_func=organisations.get, placeholder=t("common.choose"),
                    index=list(organisations).index(step.assignee_id) if step and step.assignee_kind == "organisation" and step.assignee_id in organisations else None,
                    key=f"{form}.organisation",
                )
                with columns[2]:
                    free = limited_text(t("followup.who.text"), limit=NAME_MAX, t=t, key=kept(f"{form}.text", step.assignee if step and step.assignee_kind == "text" else ""))
                errors.slot("step_assignee")
                owner = st.selectbox(
                    t("field.owner"), list(organisations), format_func=organisations.get, placeholder=t("common.choose"),
                    index=list(organisations).index(row.owner_id) if row.owner_id in organisations else None, key=f"{form}.owner",
                )
                errors.slot("owner")
                saved = st.form_submit_button(t("followup.step.save"), type="primary")
            if saved:
                who = None if kind == "nobody" else (kind, {"participant": person, "organisation": organisation, "text": free}[kind])
                fields = {"what": what, "due_date": due, "assignee": who}
                if owner != row.owner_id:  # the owner changes only when it was changed here
                    fields["owner_organisation_id"] = owner
                done = submit_once(
                    f"{form}.save", {"what": what, "text": free}, lambda: steps.set_next_step(store, acting_in, token, idea_id, today=today, **fields),
                    t, errors, chosen={"idea": idea_id, "kind": kind, "due": due, "person": person, "organisation": organisation, "owner": owner},
                )
                if done is not None:
                    st.session_state["followup_step_saved"] = True
                    st.rerun()
        history = attempt(lambda: steps.idea_steps(store, acting_in, token, idea_id), t)
        if history:
            with st.expander(t("followup.step.history", count=len(history))):
                for version in history:
                    due_text = version.due_date.isoformat() if version.due_date else "–"
                    st.markdown(plain(t("followup.step.version", at=version.set_at.strftime("%Y-%m-%d %H:%M"), by=version.set_by, what=version.what, due=due_text, who=version.assignee or "–")))

if workshop_id is not None:
    st.subheader(t("followup.meeting.heading"))
    current = attempt(lambda: meetings.next_meeting(store, workshop_id, token), t)
    next_meeting_form(t, store, workshop_id, token, current)
    downloads(t, store, workshop_id, token, language=t.language)
