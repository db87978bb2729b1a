"""My contributions: edit or delete what I added, and nothing that others added."""

import streamlit as st

from pages._shared import current_wall, get_store, idea_form, participant_or_stop, plain, succeeds, translator
from workshop.services import contributions, views

t = translator()
store = get_store()
me = participant_or_stop(t)

st.title(t("mine.title"))

mine = views.contributions_by(current_wall(me.workshop_id, facilitator=True), me.participant_id)

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
        save, fields, errors = idea_form(t, idea, f"mine_edit_idea_{idea.id}")
        if save and succeeds(lambda: contributions.edit_idea(store, me.token, idea.id, **fields), t, errors):
            done()
        if st.button(t("common.delete"), key=f"mine_delete_idea_{idea.id}"):
            if succeeds(lambda: contributions.delete_idea(store, me.token, idea.id), t):
                done()


def own_rows(heading: str, rows, describe, button: str, remove, key: str) -> None:
    """A list of one's own contributions, each with a button that takes it back."""
    st.subheader(heading)
    if not rows:
        st.caption(t("mine.none"))
    for row in rows:
        text_column, button_column = st.columns([4, 1])
        text_column.markdown(plain(describe(row)))
        if button_column.button(button, key=f"{key}_{row_id(row)}") and succeeds(lambda: remove(row), t):
            done()


def row_id(row) -> int:
    return row[0].id if isinstance(row, tuple) else row.id


own_rows(
    t("mine.commitments"),
    mine.commitments,
    lambda row: f"{row[1]} — {row[0].organisation_name}: {t.choice('role', row[0].role)} {row[0].contribution}",
    t("mine.withdraw"),
    lambda row: contributions.withdraw_commitment(store, me.token, row[0].id),
    "mine_withdraw",
)
own_rows(
    t("mine.notes"),
    mine.notes,
    lambda note: f"{t.choice('note_kind', note.kind)} · {note.about}: {note.text}",
    t("common.delete"),
    lambda note: contributions.delete_note(store, me.token, note.id),
    "mine_delete_note",
)
own_rows(
    t("mine.ties"),
    mine.ties,
    lambda tie: f"{tie.organisation_a} — {tie.organisation_b}: {t.choice('tie_kind', tie.kind)}",
    t("common.delete"),
    lambda tie: contributions.delete_tie(store, me.token, tie.id),
    "mine_delete_tie",
)
