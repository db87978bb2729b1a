"""My contributions: edit or delete what I added, and nothing that others added."""

import streamlit as st

from pages._shared import FieldErrors, current_participant, get_store, plain, succeeds, translator
from workshop.services import contributions, views
from workshop.vocabulary import NEED_CATEGORIES

t = translator()
store = get_store()
me = current_participant()
if me is None:
    st.warning(t("common.join_first"))
    st.stop()

st.title(t("mine.title"))

mine = views.my_contributions(store, me.workshop_id, me.participant_id)

if st.session_state.pop("mine_done", None):
    st.success(t("mine.done"))


def done() -> None:
    st.session_state["mine_done"] = True
    st.rerun()


st.subheader(t("mine.ideas"))
if not mine.ideas:
    st.caption(t("mine.none"))
for idea in mine.ideas:
    with st.expander(plain(idea.title)):
        errors = FieldErrors(t)
        with st.form(f"mine_edit_idea_{idea.id}"):
            title = st.text_input(t("field.title"), value=idea.title, max_chars=160)
            errors.slot("title")
            description = st.text_area(t("field.description"), value=idea.description, max_chars=4000)
            errors.slot("description")
            locality = st.text_input(t("field.locality"), value=idea.locality or "", max_chars=120)
            themes = st.text_input(t("field.themes"), value=", ".join(idea.themes))
            needs = {
                category: st.text_input(t(f"need.{category}"), value=", ".join(label for c, label in idea.needs if c == category), key=f"mine_need_{idea.id}_{category}")
                for category in NEED_CATEGORIES
            }
            errors.slot("needs")
            save = st.form_submit_button(t("common.save"), type="primary")
        if save and succeeds(lambda: contributions.edit_idea(store, me.token, idea.id, title=title, description=description, locality=locality, themes=themes, needs=needs), t, errors):
            done()
        if st.button(t("common.delete"), key=f"mine_delete_idea_{idea.id}"):
            if succeeds(lambda: contributions.delete_idea(store, me.token, idea.id), t):
                done()

st.subheader(t("mine.commitments"))
if not mine.commitments:
    st.caption(t("mine.none"))
for commitment, idea_title in mine.commitments:
    col1, col2 = st.columns([4, 1])
    col1.markdown(plain(f"{idea_title} — {commitment.organisation_name}: {t.choice('role', commitment.role)} {commitment.contribution}"))
    if col2.button(t("mine.withdraw"), key=f"mine_withdraw_{commitment.id}"):
        if succeeds(lambda: contributions.withdraw_commitment(store, me.token, commitment.id), t):
            done()

st.subheader(t("mine.notes"))
if not mine.notes:
    st.caption(t("mine.none"))
for note in mine.notes:
    col1, col2 = st.columns([4, 1])
    col1.markdown(plain(f"{t.choice('note_kind', note.kind)} · {note.about}: {note.text}"))
    if col2.button(t("common.delete"), key=f"mine_delete_note_{note.id}"):
        if succeeds(lambda: contributions.delete_note(store, me.token, note.id), t):
            done()

st.subheader(t("mine.ties"))
if not mine.ties:
    st.caption(t("mine.none"))
for tie in mine.ties:
    col1, col2 = st.columns([4, 1])
    col1.markdown(plain(f"{tie.organisation_a} — {tie.organisation_b}: {t.choice('tie_kind', tie.kind)}"))
    if col2.button(t("common.delete"), key=f"mine_delete_tie_{tie.id}"):
        if succeeds(lambda: contributions.delete_tie(store, me.token, tie.id), t):
            done()
