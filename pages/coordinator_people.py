"""Personer: the coordinator finds a person across the whole process, exports their data
(a subject access request, GDPR art. 15) and erases them (art. 17)."""

import streamlit as st

from ui.forms import attempt, succeeds
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.limits import limited_text
from ui.privacy import show_person_data
from ui.store import get_store
from ui.text import plain
from workshop.lengths import NAME_MAX
from workshop.privacy import erasure, people, records
from workshop.services import moderation

t = translator()
store = get_store()
coordinator_or_stop(t)
token = staff_token()

st.title(t("privacy.people.title"))
st.caption(t("privacy.people.intro"))

erased = st.session_state.pop("people_erased", None)
if erased is not None:
    st.success(t("privacy.people.erased", **{k: erased.get(k, 0) for k in ("ideas", "commitments", "notes", "ties", "votes")}))

query = limited_text(t("privacy.people.search"), key="people_query", limit=NAME_MAX, t=t)
found = attempt(lambda: people.find_people(store, token, query), t) or ()
if not found:
    st.caption(t("privacy.people.none"))
    st.stop()
st.dataframe(
    [
        {
            t("privacy.person.name"): p.name,
            t("privacy.person.organisation"): p.organisation,
            t("privacy.person.email"): p.email or "",
            t("privacy.person.phone"): p.phone or "",
            t("privacy.people.workshops"): ", ".join(p.workshops),
        }
        for p in found
    ],
    hide_index=True,
)
labels = {p.id: f"{p.name} ({p.organisation})" if p.organisation and p.organisation != p.name else p.name for p in found}
picked = st.selectbox(t("privacy.people.pick"), list(labels), format_func=labels.get, index=None, placeholder=t("placeholder.person"), key="people_pick")
if picked is None:
    st.stop()

data = attempt(lambda: records.person_data(store, token, picked), t)
if data is None:
    st.stop()
show_person_data(t, data)

if data.notes_about:
    st.markdown(f"**{t('privacy.notes_about')}**")
    st.caption(t("privacy.notes_about_intro"))
    for note in data.notes_about:
        text_column, button_column = st.columns([4, 1])
        text_column.markdown(plain(f"{note['workshop'] or ''} · {note['about']}: {note['text']}"))
        if not note["hidden"] and button_column.button(t("privacy.hide_note"), key=f"people_hide_note_{note['id']}"):
            if succeeds(lambda: moderation.set_note_hidden(store, note["workshop_id"], token, note["id"], True), t):
                st.success(t("privacy.people.note_hidden"))

EXPORT = f"people_export_{picked}"
if st.button(t("privacy.people.prepare_export"), key="people_prepare_export"):
    exported = attempt(lambda: records.export_person(store, token, picked), t)
    if exported is not None:
        st.session_state[EXPORT] = exported
if EXPORT in st.session_state:
    st.download_button(
        t("privacy.people.download"),
        data=st.session_state[EXPORT].encode("utf-8"),
        file_name=f"personuppgifter-{picked}.json",
        mime="application/json",
        key="people_download",
        icon=":material/download:",
        on_click="ignore",
    )

st.divider()
st.subheader(t("privacy.people.erase_heading"))
st.markdown(t("privacy.people.erase_intro"))
choice = st.radio(
    t("privacy.delete_choice"),
    ["anonymise", "remove"],
    format_func=lambda c: t(f"privacy.delete_choice.{c}"),
    key="people_erase_choice",
)
confirm = st.checkbox(t("privacy.people.erase_confirm"), key=f"people_erase_confirm_{picked}")
if st.button(t("privacy.people.erase_button"), key="people_erase", type="primary", disabled=not confirm):
    removed = attempt(lambda: erasure.erase_person(store, token, picked, remove_contributions=choice == "remove"), t)
    if removed is not None:
        st.session_state.pop(EXPORT, None)
        st.session_state.pop("people_pick", None)
        st.session_state["people_erased"] = removed
        st.rerun()
