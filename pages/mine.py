"""My contributions: edit or delete what I added, and nothing that others added."""

import streamlit as st

from ui.cards import rows_html
from ui.forms import idea_form, succeeds
from ui.identity import participant_or_stop
from ui.kept import kept
from ui.language import translator
from ui.phase import follow_phase
from ui.live import current_wall
from ui.store import get_store
from ui.text import plain
from workshop.services import contributions, views

t = translator()
store = get_store()
me = participant_or_stop(t)
follow_phase(t, me.workshop_id, "pages/mine.py")  # the run of show: this phone follows "Nästa fas"

st.title(t("mine.title"))

board = current_wall(me.workshop_id, facilitator=True)
mine = views.contributions_by(board, me.participant_id)

if st.session_state.pop("mine_done", None):
    st.success(t("mine.done"))


def done() -> None:
    st.session_state["mine_done"] = True
    st.rerun()


# Taking something back is two taps: the button asks, "Ja, ta bort" does it. A withdrawn
# commitment can then be put back with "Ångra" until the next thing is done on this page.
undo = st.session_state.get("mine_undo")
if undo is not None:
    message, restore = undo
    info_column, undo_column = st.columns([4, 1])
    info_column.info(message, icon=":material/undo:")
    if undo_column.button(t("room.undo"), key="mine_undo_button", type="primary"):
        st.session_state.pop("mine_undo", None)
        if succeeds(restore, t):
            done()


def confirmed(key: str, label: str, place=st) -> bool:
    """A delete button that asks first: ``True`` once the person has said yes."""
    if st.session_state.get("mine_confirm") != key:
        if place.button(label, key=key):
            st.session_state["mine_confirm"] = key
            st.session_state.pop("mine_undo", None)  # the next thing done: the last one stays done
            st.rerun()
        return False
    place.warning(t("room.confirm_delete"), icon=":material/help:")
    if place.button(t("room.confirm_yes"), key=f"{key}_yes", type="primary"):
        st.session_state.pop("mine_confirm", None)
        return True
    if place.button(t("room.confirm_no"), key=f"{key}_no"):
        st.session_state.pop("mine_confirm", None)
        st.rerun()
    return False


st.subheader(t("mine.ideas"))
if not mine.ideas:
    st.caption(t("mine.none"))
for idea in mine.ideas:
    # Its open state is kept like the form's text: a failed save or an outage does not fold away
    # the form with what was typed (and its message). A closed idea sends only its title: the
    # form is drawn once it is opened (Streamlit runs a rerun-on-change expander's content lazily).
    open_key = kept(f"mine_edit_idea_{idea.id}.open")
    # The title is part of the fold's identity: set its state by key, so that a new title (my
    # save, a facilitator's edit) does not fold away the form and what was typed in it.
    st.session_state[open_key] = bool(st.session_state.get(open_key))
    box = st.expander(plain(idea.title), key=open_key, on_change="rerun")
    if not box.open:
        continue
    with box:
        save, fields, errors = idea_form(t, idea, f"mine_edit_idea_{idea.id}")
        if save and succeeds(lambda: contributions.edit_idea(store, me.token, idea.id, **fields), t, errors):
            done()
        if confirmed(f"mine_delete_idea_{idea.id}", t("common.delete")):
            if succeeds(lambda: contributions.delete_idea(store, me.token, idea.id), t):
                done()


def own_rows(heading: str, rows, describe, button: str, remove, key: str, restore=None) -> None:
    """A list of one's own contributions, and one button that takes back the chosen one (after asking).

    The list is one block of escaped text (ui/cards.py); with more than one row, a picker
    says which row the button takes back. ``restore(row)``, when given, is offered as
    "Ångra" once the row is gone.
    """
    st.subheader(heading)
    if not rows:
        st.caption(t("mine.none"))
        return
    st.html(rows_html(describe(row) for row in rows))
    by_id = {row_id(row): row for row in rows}
    chosen = next(iter(by_id))
    if len(rows) > 1:
        chosen = st.selectbox(t("light.which"), tuple(by_id), format_func=lambda i: describe(by_id[i]), key=f"{key}_which", placeholder=t("common.choose"))
        chosen = chosen if chosen in by_id else next(iter(by_id))
    row = by_id[chosen]
    if confirmed(f"{key}_{chosen}", button) and succeeds(lambda: remove(row), t):
        if restore is not None:
            st.session_state["mine_undo"] = (t("room.undo_message", what=describe(row)), lambda: restore(row))
        done()


def idea_of(commitment) -> int:
    """The idea a commitment of mine was on (the wall holds it; my list keeps only its title)."""
    return next(i.id for i in board.ideas if commitment in i.commitments)


def row_id(row) -> int:
    return row[0].id if isinstance(row, tuple) else row.id


own_rows(
    t("mine.commitments"),
    mine.commitments,
    lambda row: f"{row[1]} — {row[0].organisation_name}: {t.choice('role', row[0].role)} {row[0].contribution}",
    t("mine.withdraw"),
    lambda row: contributions.withdraw_commitment(store, me.token, row[0].id),
    "mine_withdraw",
    restore=lambda row: contributions.commit_to_idea(
        store, me.token, idea_of(row[0]), role=row[0].role, contribution=row[0].contribution, organisation_id=row[0].organisation_id
    ),
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
