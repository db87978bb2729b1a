"""Moderation: open and close submissions, edit, hide and merge, move ideas through stages."""

import zlib

import streamlit as st

from ui.forms import FieldErrors, attempt, describe_error, idea_form, succeeds
from ui.identity import current_staff, facilitated_workshop_or_stop, facilitator_token
from ui.kept import kept
from ui.language import translator
from ui.limits import limited_text
from ui.live import cached_info, current_wall
from ui.moderation import idea_html, idea_overview_html, note_label, notes_html
from ui.store import get_store
from ui.tabs import sections
from ui.text import plain
from workshop.errors import ServiceError
from workshop.lengths import NAME_MAX, ORG_NUMBER_MAX, TAG_LIST_MAX, TEXT_MAX
from workshop.network.plan import DEFAULT_CAPACITY
from workshop.services import moderation, organisations, workshops
from workshop.services.capacity import MAX_CAPACITY, set_organisation_capacity
from workshop.vocabulary import IDEA_STAGES, NEED_CATEGORIES, ORGANISATION_KINDS

t = translator()
store = get_store()
workshop_id = facilitated_workshop_or_stop(t)
token = facilitator_token()

st.title(t("moderate.title"))
board = current_wall(workshop_id, facilitator=True)
info = cached_info(workshop_id, board.revision)

if st.session_state.pop("moderate_done", None):
    st.success(t("moderate.done"))


def done() -> None:
    st.session_state["moderate_done"] = True
    st.rerun()


is_open = st.toggle(t("moderate.submissions_open"), value=info.submissions_open, key="moderate_open_toggle")
if is_open != info.submissions_open and succeeds(lambda: workshops.set_submissions_open(store, workshop_id, token, is_open), t):
    done()


def ideas_section() -> None:
    titles = {i.id: i.title for i in board.ideas}
    if not board.ideas:
        st.info(t("wall.empty"))
        return
    # One idea at a time: a meeting can hold a hundred ideas (the table of all is a tab of its own).
    ids = list(titles)
    # The browser keeps the label it last showed for a picked option: after an edit the picker
    # would still say the old title. A key that changes with the titles draws it anew, at the
    # idea that was picked.
    before = st.session_state.get("moderate_idea_picked")
    names = "\x1f".join(titles.values()).encode("utf-8")
    picked = st.selectbox(
        t("moderate.pick_idea"), ids, format_func=titles.get, index=ids.index(before) if before in ids else 0,
        key=f"moderate_idea_pick_{zlib.crc32(names):08x}", placeholder=t("common.choose"),
    )
    st.session_state["moderate_idea_picked"] = picked
    idea = next((i for i in board.ideas if i.id == picked), None)
    if idea is None:
        return
    idea_actions(idea)
    # The idea is read first (one block); its forms are built only when their tab is opened.
    drawers = {
        t("moderate.tab.idea_content"): lambda: st.html(idea_html(t, idea)),
        t("staff_light.tab.idea_edit"): lambda: idea_content(idea),
        t("staff_light.tab.idea_merge"): lambda: idea_merge(idea, titles),
        t("moderate.tab.idea_leader"): lambda: idea_leader_details(idea),
    }
    # Streamlit forgets a tab's state when a run stops before drawing it (a database outage):
    # the facilitator comes back to the form they were typing in, not to the first tab.
    if "moderate_idea_section" not in st.session_state and st.session_state.get("moderate_idea_section_kept") in drawers:
        st.session_state["moderate_idea_section"] = st.session_state["moderate_idea_section_kept"]
    sections("moderate_idea_section", drawers)
    st.session_state["moderate_idea_section_kept"] = st.session_state.get("moderate_idea_section")


def overview_section() -> None:
    """Every idea of the meeting in one table: one escaped block built once per change, no data grid."""
    if not board.ideas:
        st.info(t("wall.empty"))
        return
    st.html(idea_overview_html(workshop_id, board.revision, t.language))


def stays_home(idea) -> bool:
    """A carried idea's record is its home meeting's: this meeting's facilitator only reads it."""
    return idea.carried and not ((actor := current_staff()) is not None and actor.is_coordinator)


def idea_actions(idea) -> None:
    """Hide or move to another stage: one row under the picked idea."""
    if stays_home(idea):
        st.info(t("carry.stays_home"))
        return
    col1, col2 = st.columns(2)
    if col1.button(t("moderate.unhide") if idea.hidden else t("moderate.hide"), key=f"moderate_hide_{idea.id}"):
        if succeeds(lambda: moderation.set_idea_hidden(store, workshop_id, token, idea.id, not idea.hidden), t):
            done()
    key = f"moderate_stage_{idea.id}"
    if st.session_state.get(f"{key}_saved") != idea.stage:  # what is saved, also after a change elsewhere
        st.session_state[key] = st.session_state[f"{key}_saved"] = idea.stage
    col2.selectbox(t("field.stage"), IDEA_STAGES, format_func=lambda s: t.choice("stage", s), key=key, on_change=move_stage, args=(idea.id, key), placeholder=t("common.choose"))
    refused = st.session_state.pop(f"{key}_refused", None)
    if refused:
        col2.error(refused, icon=":material/error:")


def idea_merge(idea, titles: dict[int, str]) -> None:
    """Merge the picked idea into a duplicate: on a tab of its own, so its list of every idea is sent only there."""
    if stays_home(idea):
        st.caption(t("carry.stays_home"))
        return
    others = [i for i in titles if i != idea.id]
    target = st.selectbox(t("moderate.merge_into"), others, format_func=titles.get, index=None, placeholder=t("common.choose"), key=f"moderate_merge_target_{idea.id}")
    if st.button(t("moderate.merge"), key=f"moderate_merge_{idea.id}", disabled=target is None):
        if succeeds(lambda: moderation.merge_ideas(store, workshop_id, token, idea.id, target), t):
            done()


def move_stage(idea_id: int, key: str) -> None:
    """Runs before the page: a refused move puts the box back to the saved stage."""
    try:
        moderation.set_idea_stage(store, workshop_id, token, idea_id, st.session_state[key])
    except ServiceError as error:
        st.session_state[key] = st.session_state[f"{key}_saved"]
        st.session_state[f"{key}_refused"] = describe_error(t, error)
    else:
        st.session_state["moderate_done"] = True


def idea_content(idea) -> None:
    if stays_home(idea):
        st.caption(t("carry.stays_home"))
        return
    save, fields, errors = idea_form(t, idea, f"moderate_idea_{idea.id}")
    if save and succeeds(lambda: moderation.moderate_idea(store, workshop_id, token, idea.id, **fields), t, errors):
        done()


def idea_leader_details(idea) -> None:
    """What a LEADER application asks for beyond the idea itself; the readiness check reads it."""
    if stays_home(idea):
        st.caption(t("carry.stays_home"))
        return
    form = f"moderate_leader_{idea.id}"
    errors = FieldErrors(t, form)
    with st.form(form):  # kept widgets from the stored idea: an outage loses nothing typed
        innovation = limited_text(t("field.innovation"), limit=TEXT_MAX, t=t, area=True, key=kept(f"{form}.innovation", idea.innovation))
        errors.slot("innovation")
        budget = st.number_input(t("field.budget_sek"), min_value=0, max_value=100_000_000, step=10_000, key=kept(f"{form}.budget_sek", idea.budget_sek))
        errors.slot("budget_sek")
        hours = st.number_input(t("field.cofinancing_hours"), min_value=0, max_value=1_000_000, step=10, key=kept(f"{form}.cofinancing_hours", idea.cofinancing_hours))
        errors.slot("cofinancing_hours")
        owners = [c.organisation_id for c in idea.commitments if c.organisation_kind != "private_person"]
        owner_names = {c.organisation_id: c.organisation_name for c in idea.commitments}
        owner = st.selectbox(
            t("field.owner"),
            owners,
            format_func=owner_names.get,
            index=owners.index(idea.owner_organisation_id) if idea.owner_organisation_id in owners else None,
            placeholder=t("moderate.owner_placeholder"),
            key=f"moderate_owner_{idea.id}",
        )
        errors.slot("owner")
        save = st.form_submit_button(t("common.save"))
    if save and succeeds(
        lambda: moderation.update_leader_details(
            store, workshop_id, token, idea.id, innovation=innovation, budget_sek=budget, cofinancing_hours=hours, owner_organisation_id=owner
        ),
        t,
        errors,
    ):
        done()


def organisations_section() -> None:
    is_coordinator = (actor := current_staff()) is not None and actor.is_coordinator
    all_orgs = organisations.list_organisations(store)
    org_names = {o.id: o.name for o in all_orgs}
    errors = FieldErrors(t, "moderate_org_form")
    chosen = st.selectbox(t("field.organisation"), list(org_names), format_func=org_names.get, index=None, placeholder=t("common.choose"), key="moderate_org_pick")
    if chosen is not None:
        org = next(o for o in all_orgs if o.id == chosen)
        form = f"moderate_org_form.{org.id}"  # kept widgets from the stored organisation
        with st.form("moderate_org_form"):
            name = limited_text(t("field.organisation_name"), limit=NAME_MAX, t=t, key=kept(f"{form}.name", org.name))
            errors.slot("name")
            kind = st.selectbox(t("field.kind"), ORGANISATION_KINDS, index=ORGANISATION_KINDS.index(org.kind), format_func=lambda k: t.choice("kind", k), placeholder=t("placeholder.choose"))
            locality = limited_text(t("field.locality"), limit=NAME_MAX, t=t, key=kept(f"{form}.locality", org.locality or ""))
            number = limited_text(t("field.org_number"), limit=ORG_NUMBER_MAX, t=t, cut=False, key=kept(f"{form}.org_number", org.org_number or ""))
            errors.slot("org_number")
            offers = {
                c: limited_text(t(f"offer.{c}"), limit=TAG_LIST_MAX, t=t, key=kept(f"{form}.offer_{c}", ", ".join(label for cat, label in org.offers if cat == c)))
                for c in NEED_CATEGORIES
            }
            errors.slot("offers")
            capacity = org.capacity
            if is_coordinator:  # how many projects it can take part in: the process plan respects it
                capacity = st.number_input(t("field.capacity"), min_value=0, max_value=MAX_CAPACITY, value=org.capacity if org.capacity is not None else DEFAULT_CAPACITY, step=1)
                errors.slot("capacity")
            save = st.form_submit_button(t("common.save"), type="primary")
        if save and attempt(
            lambda: organisations.update_organisation(store, workshop_id, token, org.id, name=name, kind=kind, locality=locality, org_number=number, offers=offers), t, errors
        ):
            if capacity == org.capacity or succeeds(lambda: set_organisation_capacity(store, token, org.id, capacity), t, errors):
                done()
        keep = st.selectbox(t("moderate.merge_org_into"), [i for i in org_names if i != org.id], format_func=org_names.get, index=None, placeholder=t("common.choose"), key="moderate_org_merge_target")
        if st.button(t("moderate.merge"), key="moderate_org_merge", disabled=keep is None):
            if succeeds(lambda: organisations.merge_organisations(store, workshop_id, token, org.id, keep), t):
                done()


def notes_section() -> None:
    """The notes as one escaped list; one picker and one button hide or show the note picked."""
    if not board.notes:
        st.caption(t("mine.none"))
        return
    st.html(notes_html(t, board.notes))
    notes = {note.id: note for note in board.notes}
    labels = {note_id: note_label(t, note) for note_id, note in notes.items()}
    picked = st.selectbox(t("staff_light.pick_note"), list(notes), format_func=labels.get, index=None, placeholder=t("common.choose"), key="moderate_note_pick")
    note = notes.get(picked)
    if note is not None and st.button(t("moderate.unhide") if note.hidden else t("moderate.hide"), key=f"moderate_note_{note.id}"):
        if succeeds(lambda: moderation.set_note_hidden(store, workshop_id, token, note.id, not note.hidden), t):
            done()


def carried_away_section() -> None:
    """Which of this meeting's ideas later meetings carried forward, and who did (from the audit trail)."""
    away = workshops.ideas_carried_away(store, workshop_id, token)
    st.subheader(t("carry.away_title"))
    if not away:
        st.caption(t("carry.away_none"))
    for item in away:
        who = t("carry.by_unknown") if not item.carried_by_role else f"{t.choice('carry.role', item.carried_by_role)} ({item.carried_by})"
        when = item.carried_at.strftime("%Y-%m-%d %H:%M") if item.carried_at else ""
        st.markdown(plain(t("carry.away_line", idea=item.idea_title, meeting=item.to_workshop_title, date=item.to_date.isoformat(), who=who, when=when)))


def carry_section() -> None:
    carried_away_section()
    st.subheader(t("carry.bring_title"))
    st.caption(t("moderate.carry_intro"))
    earlier = workshops.earlier_ideas(store, workshop_id)
    if not earlier:
        st.caption(t("mine.none"))
    else:
        labels = {i: f"{title} ({meeting})" for i, title, meeting in earlier}
        carry = st.selectbox(t("field.idea"), list(labels), format_func=labels.get, index=None, placeholder=t("common.choose"), key="moderate_carry_pick")
        if st.button(t("moderate.carry"), key="moderate_carry", disabled=carry is None):
            if succeeds(lambda: workshops.carry_idea_forward(store, workshop_id, token, carry), t):
                done()


sections(
    "moderate_section",
    {
        t("moderate.tab.ideas"): ideas_section,
        t("staff_light.tab.overview"): overview_section,
        t("moderate.tab.organisations"): organisations_section,
        t("moderate.tab.notes"): notes_section,
        t("moderate.tab.carry"): carry_section,
    },
)
