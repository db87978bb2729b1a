"""Contribute: ideas, commitments, tacit knowledge and ties between organisations."""

import streamlit as st

from ui.forms import FieldErrors, attempt, long_text, submit_once
from ui.identity import participant_or_stop
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.phase import follow_phase
from ui.live import current_wall
from ui.store import get_store
from ui.tabs import sections
from ui.text import plain
from workshop.errors import AlreadySubmitted, InvalidInput
from workshop.lengths import NAME_MAX, TAG_LIST_MAX, TEXT_MAX, TITLE_MAX
from workshop.services import contributions, organisations
from workshop.vocabulary import COMMITMENT_ROLES, NEED_CATEGORIES, NOTE_KINDS, NOTE_SUBJECTS, NOTE_VISIBILITIES, TIE_KINDS

t = translator()
store = get_store()
me = participant_or_stop(t)
follow_phase(t, me.workshop_id, "pages/contribute.py")  # the run of show: this phone follows "Nästa fas"

st.title(t("contribute.title"))
if me.organisation_kind == "private_person":  # their organisation is only themselves: the name once
    st.caption(t("room.contribute_as_private", name=plain(me.name)))
else:
    st.caption(t("contribute.as", name=plain(me.name), organisation=plain(me.organisation_name)))

# What the last press saved, said until a run of this page has drawn it to the end: a double
# tap's second press can cut short the run that first says it, and the run it starts must say it
# again, or the phone shows an empty form as if nothing was saved. Forgotten at the page's end.
_NOTICES = ("contribute_saved", "contribute_repeat")
if st.session_state.get("contribute_saved"):
    if st.session_state["contribute_saved"] != "toasted":
        st.toast(t("contribute.saved"), icon=":material/check_circle:")
        st.session_state["contribute_saved"] = "toasted"
    st.success(t("contribute.saved"))
if st.session_state.get("contribute_repeat"):
    st.info(t("errors.already_submitted"), icon=":material/done_all:")


def form_key(name: str) -> str:
    """The form's key for this round: a new one after each save, so the form comes back empty
    (a second tap then has nothing to send) while a refused form keeps what was typed."""
    return f"{name}_{st.session_state.get(f'{name}_round', 0)}"


def saved(name: str, *, repeat: bool = False) -> None:
    forget_kept(f"{name}_")  # what was typed is saved: the next form starts empty
    st.session_state[f"{name}_round"] = st.session_state.get(f"{name}_round", 0) + 1
    st.session_state["contribute_repeat" if repeat else "contribute_saved"] = True
    st.rerun()


def submit(name: str, values: dict, action, errors: FieldErrors, chosen: dict | None = None) -> None:
    """Send the form; a double tap shows what the first tap saved, a slow phone's retry is told it is already there."""
    try:
        done = submit_once(name, values, action, t, errors, chosen=chosen, passthrough=(AlreadySubmitted,)) is not None
    except AlreadySubmitted:
        saved(name, repeat=True)
    if done:
        saved(name)


def idea_titles() -> dict[int, str]:
    return {i.id: i.title for i in current_wall(me.workshop_id).ideas}


def organisation_names() -> dict[int, str]:
    return {o.id: o.name for o in organisations.list_organisations(store)}


def idea_section() -> None:
    localities = [loc.name for loc in organisations.list_localities(store)]
    errors = FieldErrors(t, "contribute_idea_form")
    key = form_key("contribute_idea_form")
    with st.form(key):
        # Kept widgets: what is typed survives a failed save, a retry and a database outage.
        title = long_text(errors, "title", t("field.title"), TITLE_MAX, placeholder=t("contribute.idea_title_placeholder"), key=kept(f"{key}.title"))
        description = long_text(errors, "description", t("field.description"), TEXT_MAX, area=True, key=kept(f"{key}.description"))
        locality = st.selectbox(t("field.locality"), localities, index=None, accept_new_options=True, placeholder=t("contribute.locality_placeholder"), key=kept(f"{key}.locality"))
        errors.slot("locality")
        themes = limited_text(t("field.themes"), limit=TAG_LIST_MAX, t=t, placeholder=t("contribute.themes_placeholder"), key=kept(f"{key}.themes"))
        errors.slot("themes")
        st.markdown(f"**{t('contribute.needs_heading')}**")
        needs = {}
        for category in NEED_CATEGORIES:
            needs[category] = limited_text(t(f"need.{category}"), limit=TAG_LIST_MAX, t=t, placeholder=t(f"contribute.need_placeholder.{category}"), key=kept(f"{key}.need_{category}"))
        errors.slot("needs")
        submitted = st.form_submit_button(t("contribute.add_idea"), type="primary")
    if submitted:
        typed = {"title": title, "description": description, "locality": locality, "themes": themes, "needs": needs}
        submit("contribute_idea_form", typed, lambda: contributions.add_idea(store, me.token, title=title, description=description, locality=locality, themes=themes, needs=needs), errors)


def commitment_section() -> None:
    ideas = idea_titles()
    if not ideas:
        st.info(t("contribute.no_ideas_yet"))
    else:
        errors = FieldErrors(t, "contribute_commit_form")
        key = form_key("contribute_commit_form")
        with st.form(key):
            idea_id = st.selectbox(t("field.idea"), list(ideas), format_func=ideas.get, index=None, placeholder=t("contribute.pick_idea"), key=form_key("contribute_commit_idea"))
            errors.slot("idea")
            role = st.radio(t("field.role"), COMMITMENT_ROLES, format_func=lambda r: t.choice("role", r))
            errors.slot("role")
            contribution = limited_text(t("field.contribution"), limit=TEXT_MAX, t=t, help=t("contribute.contribution_help"), key=kept(f"{key}.contribution"))
            errors.slot("contribution")
            st.caption(t("contribute.commit_for", organisation=plain(me.organisation_name)))
            submitted = st.form_submit_button(t("contribute.commit"), type="primary")
        if submitted:
            if idea_id is None:
                errors.show(InvalidInput("errors.required", field="idea"))
            else:
                submit("contribute_commit_form", {"idea": idea_id, "contribution": contribution}, lambda: contributions.commit_to_idea(store, me.token, idea_id, role=role, contribution=contribution), errors, {"role": role})


def note_section() -> None:
    st.caption(t("contribute.note_intro"))
    ideas, org_names = idea_titles(), organisation_names()
    subject = st.radio(t("field.subject"), NOTE_SUBJECTS, format_func=lambda s: t.choice("subject", s), horizontal=True, key="contribute_note_subject")
    errors = FieldErrors(t, "contribute_note_form")
    key = form_key("contribute_note_form")
    with st.form(key):
        kind = st.selectbox(t("field.note_kind"), NOTE_KINDS, format_func=lambda k: t.choice("note_kind", k), placeholder=t("common.choose"))
        about_org = about_idea = None
        about_text = ""
        if subject == "organisation":
            about_org = st.selectbox(t("field.about"), list(org_names), format_func=org_names.get, index=None, placeholder=t("contribute.pick_organisation"), key="contribute_note_org")
        elif subject == "idea":
            about_idea = st.selectbox(t("field.about"), list(ideas), format_func=ideas.get, index=None, placeholder=t("contribute.pick_idea"), key="contribute_note_idea")
        else:
            about_text = limited_text(t("field.about"), limit=NAME_MAX, t=t, placeholder=t(f"contribute.about_placeholder.{subject}"), key=kept(f"{key}.about_{subject}"))
        errors.slot("about")
        text = long_text(errors, "text", t("field.text"), TEXT_MAX, area=True, placeholder=t("contribute.note_placeholder"), key=kept(f"{key}.text"))
        visibility = st.radio(t("field.visibility"), NOTE_VISIBILITIES, format_func=lambda v: t.choice("visibility", v), horizontal=True)
        submitted = st.form_submit_button(t("contribute.add_note"), type="primary")
    if submitted:
        submit(
            "contribute_note_form",
            {"text": text, "organisation": about_org, "idea": about_idea, "about": about_text},
            lambda: contributions.add_note(
                store, me.token, kind=kind, text=text, subject=subject, about_organisation_id=about_org, about_idea_id=about_idea, about_text=about_text, visibility=visibility
            ),
            errors,
            {"kind": kind, "subject": subject, "visibility": visibility},
        )


def tie_section() -> None:
    org_names = organisation_names()
    st.caption(t("contribute.tie_intro"))
    errors = FieldErrors(t, "contribute_tie_form")
    with st.form(form_key("contribute_tie_form")):
        ids = list(org_names)
        first = st.selectbox(
            t("field.organisation_a"), ids, format_func=org_names.get, index=ids.index(me.organisation_id) if me.organisation_id in ids else None,
            placeholder=t("contribute.pick_organisation"), key="contribute_tie_first"
        )
        errors.slot("organisation_a")
        kind = st.radio(t("field.tie_kind"), TIE_KINDS, format_func=lambda k: t.choice("tie_kind", k), horizontal=True)
        second = st.selectbox(t("field.organisation_b"), ids, format_func=org_names.get, index=None, placeholder=t("contribute.pick_organisation"), key="contribute_tie_second")
        errors.slot("organisation_b")
        submitted = st.form_submit_button(t("contribute.add_tie"), type="primary")
    if submitted:
        if first is None or second is None:
            errors.show(InvalidInput("errors.required", field="organisation_b" if first else "organisation_a"))
        else:
            submit("contribute_tie_form", {"a": first, "b": second}, lambda: contributions.add_tie(store, me.token, organisation_a_id=first, organisation_b_id=second, kind=kind), errors, {"kind": kind})


def offers_section() -> None:
    st.caption(t("contribute.offers_intro", organisation=plain(me.organisation_name)))
    own = organisations.get_organisation_view(store, me.organisation_id)
    errors = FieldErrors(t, "contribute_offers_form")
    with st.form("contribute_offers_form"):
        # Kept widgets that start from what is stored: typed offers survive a database outage.
        offers = {
            category: limited_text(
                t(f"offer.{category}"), limit=TAG_LIST_MAX, t=t,
                placeholder=t(f"contribute.need_placeholder.{category}"),
                key=kept(f"contribute_offers_form.offer_{category}", ", ".join(label for c, label in own.offers if c == category)),
            )
            for category in NEED_CATEGORIES
        }
        errors.slot("offers")
        description = limited_text(t("field.org_description"), limit=TEXT_MAX, t=t, area=True, key=kept("contribute_offers_form.description", own.description))
        errors.slot("description")
        submitted = st.form_submit_button(t("contribute.save_offers"), type="primary")
    if submitted and attempt(lambda: organisations.describe_own_organisation(store, me.token, offers=offers, description=description), t, errors):
        saved("contribute_offers_form")


sections(
    "contribute_section",
    {
        t("contribute.tab.idea"): idea_section,
        t("contribute.tab.commitment"): commitment_section,
        t("contribute.tab.note"): note_section,
        t("contribute.tab.tie"): tie_section,
        t("contribute.tab.offers"): offers_section,
    },
)
for notice in _NOTICES:  # drawn to the end: said once
    st.session_state.pop(notice, None)
