"""The coordinator (samordnare): signs in, creates workshops and hands out their keys,
keeps places and Leader areas and the thesaurus's added words, reads the audit trail,
sees whether e-mail is set up and sends a test message, and removes demo data."""

import datetime as dt

import streamlit as st

from ui.connection import client, from_this_machine
from ui.forms import FieldErrors, attempt, long_text, submit_once, succeeds
from ui.identity import current_staff, lead_workshop, remember_staff, sign_out_staff
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.mail import mail_section
from ui.navigation import go_to
from ui.process_lists import cached_leader_areas, cached_localities, cached_workshops, workshops_table_html
from ui.store import cached_demo_present, get_store, process_revision
from ui.tabs import sections
from ui.text import plain
from workshop.lengths import KEY_MAX, NAME_MAX, TEXT_MAX, TITLE_MAX
from workshop.services import coordinators, demo_data, organisations, thesaurus, workshops

t = translator()
store = get_store()
st.title(t("coordinator.title"))

SHOWN_KEY = "coordinator_shown_key"


def show_key_once() -> None:
    """A new key is shown on this one run and then forgotten: only its hash is stored."""
    shown = st.session_state.pop(SHOWN_KEY, None)
    if shown is None:
        return
    heading, lines, key = shown
    st.success(heading)
    for line in lines:
        st.markdown(line)
    st.code(key, language=None)
    st.warning(t("coordinator.key_once"))


def sign_in() -> None:
    if not coordinators.has_coordinator(store):
        if from_this_machine():
            st.info(t("coordinator.first_intro"))
            errors = FieldErrors(t, "coordinator_first_form")
            with st.form("coordinator_first_form"):
                name = limited_text(t("field.name"), limit=NAME_MAX, t=t, key="coordinator_first_form.name")
                errors.slot("name")
                create = st.form_submit_button(t("coordinator.first_create"), type="primary")
            if create:
                made = attempt(lambda: coordinators.create_first_coordinator(store, name, from_this_machine=from_this_machine()), t, errors)
                if made is not None:
                    remember_staff(made.token)
                    st.session_state[SHOWN_KEY] = (t("coordinator.first_created", name=plain(made.coordinator.name)), [t("coordinator.your_key")], made.key)
                    st.rerun()
        else:
            st.warning(t("coordinator.none_yet"))
            st.code("python -m workshop coordinator add \"Förnamn Efternamn\"", language="bash")
        return
    errors = FieldErrors(t, "coordinator_sign_in_form")
    with st.form("coordinator_sign_in_form"):
        name = limited_text(t("field.name"), limit=NAME_MAX, t=t, key="coordinator_sign_in_form.name")
        errors.slot("name")
        key = limited_text(t("field.coordinator_key"), type="password", limit=KEY_MAX, t=t, cut=False, key="coordinator_sign_in_form.key")
        errors.slot("coordinator_key")
        signed = st.form_submit_button(t("coordinator.sign_in"), type="primary")
    if signed:
        token = attempt(lambda: coordinators.coordinator_sign_in(store, name, key, client=client()), t, errors)
        if token is not None:
            remember_staff(token)
            st.rerun()


actor = current_staff()
show_key_once()
if actor is None:
    sign_in()
    st.stop()
if not actor.is_coordinator:
    st.warning(t("common.coordinators_only"))
    st.stop()

token = st.session_state.get("staff_token")
# Two elements, not a row of columns around them: beside a bare page the columns cost about
# half its rerun again in the browser (the light bench's pages measured side by side).
st.caption(t("coordinator.signed_in", name=plain(actor.name)))
if st.button(t("coordinator.sign_out"), key="coordinator_sign_out"):
    sign_out_staff()
    st.rerun()


def workshops_section() -> None:
    all_workshops = cached_workshops()
    if all_workshops:
        # One escaped table, built once per change of the process, instead of a data grid.
        st.html(workshops_table_html(t.language))
        labels = {w.id: f"{w.sequence}. {w.title} ({w.date:%Y-%m-%d})" for w in all_workshops}
        picked = st.selectbox(t("coordinator.pick_workshop"), list(labels), format_func=labels.get, index=None, placeholder=t("common.choose"), key="coordinator_workshop_pick")
        if picked is not None:
            workshop_actions(next(w for w in all_workshops if w.id == picked))
    st.subheader(t("coordinator.create_heading"))
    if not created_card():
        create_form()


CREATED = "coordinator_created"


def created_card() -> bool:
    """The workshop just created, its code and key shown until dismissed, in place of the form.

    An empty form right under a key that vanishes on the next click invites a second press and
    loses the first key; so the form comes back only once the coordinator says the key is kept.
    """
    created = st.session_state.get(CREATED)
    if created is None:
        return False
    title, code, key = created
    with st.container(border=True):
        st.success(t("facilitate.created", code=code))
        st.markdown(t("forgive.created_title", title=plain(title)))
        st.markdown(t("coordinator.hand_key"))
        st.code(key, language=None)
        st.caption(t("forgive.key_until_dismissed"))
        if st.button(t("forgive.key_dismiss"), key="coordinator_created_dismiss", type="primary"):
            st.session_state.pop(CREATED, None)
            st.rerun()
    return True


def workshop_actions(info) -> None:
    col1, col2, col3 = st.columns(3)
    if col1.button(t("coordinator.lead"), key=f"coordinator_lead_{info.id}", type="primary"):
        lead_workshop(info.id)
        go_to("pages/projector.py")
    confirm = col2.checkbox(t("coordinator.reissue_confirm"), key=f"coordinator_reissue_confirm_{info.id}")
    if col2.button(t("coordinator.reissue"), key=f"coordinator_reissue_{info.id}", disabled=not confirm):
        key = attempt(lambda: workshops.issue_facilitator_key(store, token, info.id), t)
        if key is not None:
            process_revision.clear()  # the lists are read per process revision: this browser sees the change at once
            st.session_state[SHOWN_KEY] = (t("coordinator.key_issued", title=plain(info.title)), [t("coordinator.code_line", code=info.join_code)], key)
            st.rerun()
    if col3.button(t("coordinator.revoke"), key=f"coordinator_revoke_{info.id}", disabled=not info.has_facilitator_key):
        if succeeds(lambda: workshops.revoke_facilitator_key(store, token, info.id), t):
            process_revision.clear()
            st.success(t("coordinator.revoked"))
    errors = FieldErrors(t, f"coordinator_retention_{info.id}")
    with st.form(f"coordinator_retention_{info.id}"):
        until = st.date_input(t("field.retention_until"), value=info.retention_until, min_value=info.date, format="YYYY-MM-DD", help=t("coordinator.retention_help"))
        errors.slot("retention_until")
        save = st.form_submit_button(t("common.save"))
    if save and succeeds(lambda: workshops.set_retention(store, token, info.id, until), t, errors):
        process_revision.clear()
        st.success(t("coordinator.saved"))


def create_form() -> None:
    localities = [loc.name for loc in cached_localities()]
    errors = FieldErrors(t, "coordinator_create_form")
    with st.form("coordinator_create_form"):
        title = long_text(errors, "title", t("field.title"), TITLE_MAX, placeholder=t("facilitate.title_placeholder"), key=kept("coordinator_create_form.title"))
        challenge = long_text(errors, "challenge", t("field.challenge"), TEXT_MAX, area=True, placeholder=t("facilitate.challenge_placeholder"), key=kept("coordinator_create_form.challenge"))
        date = st.date_input(t("field.date"), value=dt.date.today(), format="YYYY-MM-DD")
        errors.slot("date")
        locality = st.selectbox(t("field.locality"), localities, index=None, accept_new_options=True, placeholder=t("facilitate.locality_placeholder"), key=kept("coordinator_create_form.locality"))
        errors.slot("locality")
        retention = st.date_input(t("field.retention_until"), value=None, format="YYYY-MM-DD", help=t("coordinator.retention_default"))
        errors.slot("retention_until")
        submitted = st.form_submit_button(t("facilitate.create"), type="primary")
    if submitted:
        created = submit_once(
            "coordinator_create_form",
            {"title": title, "challenge": challenge, "locality": locality},
            lambda: workshops.create_workshop(store, token, title=title, challenge=challenge, date=date, locality=locality or "", retention_until=retention),
            t,
            errors,
            chosen={"date": date, "retention_until": retention},
        )
        if created is not None:
            forget_kept("coordinator_create_form.")  # created: the next workshop starts empty
            process_revision.clear()  # the new workshop is in the table on the rerun
            st.session_state[CREATED] = (title, created.join_code, created.facilitator_key)
            st.rerun()


def places_section() -> None:
    st.caption(t("moderate.places_intro"))
    places = cached_localities()
    st.dataframe(
        [{t("field.locality"): p.name, t("field.leader_area"): p.leader_area or "–", t("moderate.development_point"): "✓" if p.is_development_point else ""} for p in places],
        hide_index=True,
    )
    errors = FieldErrors(t, "coordinator_place_form")
    areas = list(cached_leader_areas())
    with st.form("coordinator_place_form"):
        place = st.selectbox(t("field.locality"), [p.name for p in places], index=None, placeholder=t("common.choose"), accept_new_options=True)
        errors.slot("locality")
        area = st.selectbox(t("field.leader_area"), areas, index=None, placeholder=t("common.choose"), accept_new_options=True)
        errors.slot("leader_area")
        save = st.form_submit_button(t("common.save"))
    if save and succeeds(lambda: organisations.set_locality_area(store, token, place or "", area), t, errors):
        process_revision.clear()
        st.success(t("coordinator.saved"))


WORD_SAVED = "coordinator_word_saved"


def words_section() -> None:
    st.caption(t("words.intro"))
    views = {v.key: v for v in thesaurus.list_concepts(store)}
    key = st.selectbox(
        t("field.concept"), list(views), format_func=lambda k: views[k].label, index=None,
        placeholder=t("words.choose_concept"), key="coordinator_concept_pick",
    )
    saved = st.session_state.pop(WORD_SAVED, None)
    if saved:
        st.success(saved)
    if key is None:
        return
    view = views[key]
    st.markdown(f"**{t('words.file_words')}**")
    st.text(", ".join(view.file_words))
    st.markdown(f"**{t('words.added_heading')}**")
    if view.added:
        st.dataframe(
            [
                {t("words.word"): w.word, t("words.added_by"): w.added_by, t("words.added_at"): f"{w.added_at:%Y-%m-%d %H:%M}"}
                for w in view.added
            ],
            hide_index=True,
        )
    else:
        st.caption(t("words.none_added"))
    errors = FieldErrors(t, "coordinator_word_form")
    with st.form("coordinator_word_form"):
        word = limited_text(t("field.word"), limit=thesaurus.WORD_MAX, t=t, placeholder=t("words.word_placeholder"), key="coordinator_word_new")
        errors.slot("word")
        add = st.form_submit_button(t("words.add"))
    if add:
        kept = attempt(lambda: thesaurus.add_concept_word(store, token, key, word), t, errors)
        if kept is not None:
            st.session_state[WORD_SAVED] = t("words.added", word=plain(kept), concept=view.label)
            process_revision.clear()  # this browser sees the change at once
            st.rerun()
    if view.added:
        removing = st.selectbox(
            t("words.remove_pick"),
            [w.word for w in view.added],
            index=None,
            placeholder=t("common.choose"),
            key="coordinator_word_remove_pick",
        )
        if st.button(t("words.remove"), key="coordinator_word_remove", disabled=removing is None):
            if succeeds(lambda: thesaurus.remove_concept_word(store, token, key, removing), t):
                st.session_state[WORD_SAVED] = t("words.removed", word=plain(removing), concept=view.label)
                process_revision.clear()
                st.rerun()


def audit_section() -> None:
    st.caption(t("coordinator.audit_intro"))
    entries = attempt(lambda: coordinators.audit_trail(store, token), t) or []
    if not entries:
        st.caption(t("mine.none"))
        return
    st.dataframe(
        [
            {
                t("audit.when"): f"{e.at:%Y-%m-%d %H:%M}",
                t("audit.who"): f"{t('staff_role.' + e.actor_role)}: {e.actor_name}",
                t("audit.what"): t("audit.action." + e.action),
                t("audit.about"): e.subject_label,
            }
            for e in entries
        ],
        hide_index=True,
    )


def demo_section() -> None:
    st.warning(t("demo.present"))
    st.caption(t("demo.remove_intro"))
    confirm = st.checkbox(t("demo.remove_confirm"), key="coordinator_demo_confirm")
    if st.button(t("demo.remove"), key="coordinator_demo_remove", type="primary", disabled=not confirm):
        counts = attempt(lambda: demo_data.remove_demo_data(store, token), t)
        if counts is not None:
            st.session_state["coordinator_demo_removed"] = counts
            process_revision.clear()  # this browser sees the change at once, not a second later
            st.rerun()


removed = st.session_state.pop("coordinator_demo_removed", None)
if removed is not None:
    st.success(t("demo.removed", workshops=removed["workshops"], organisations=removed["organisations"]))

drawers = {
    t("coordinator.tab.workshops"): workshops_section,
    t("coordinator.tab.places"): places_section,
    t("coordinator.tab.words"): words_section,
    t("coordinator.tab.audit"): audit_section,
    t("mail.tab"): lambda: mail_section(t, store, token),
}
if cached_demo_present():
    drawers[t("coordinator.tab.demo")] = demo_section
sections("coordinator_section", drawers)
