"""Start: join a workshop with its code, without an account."""

import streamlit as st

from ui.connection import client, from_this_machine
from ui.forms import FieldErrors, attempt, submit_once
from ui.identity import current_participant, forget_participant, remember_participant
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.live import cached_info, workshop_revision
from ui.phase import follow_phase
from ui.store import cached_demo_present, demo_credentials, get_store
from ui.text import plain
from workshop.errors import DuplicateOrganisation, InvalidInput
from workshop.lengths import CODE_MAX, NAME_MAX, ORG_NUMBER_MAX, PHONE_MAX, SHORT_MAX
from workshop.services import coordinators, organisations, participants, workshops
from workshop.vocabulary import ORGANISATION_KINDS

t = translator()
store = get_store()
# The join form's typed fields are kept (ui/kept.py): a database hiccup loses none of them.
JOIN_FORM = "home_join_form"


def demo_keys_for_this_machine(t) -> None:
    """The demo's keys, only for a browser on the server itself: nobody else can read them."""
    if not (from_this_machine() and cached_demo_present()):
        return
    credentials = demo_credentials()
    if credentials is None:
        return
    with st.expander(t("demo.credentials_heading"), icon=":material/science:"):
        st.caption(t("demo.credentials_intro"))
        st.markdown(t("demo.credentials_coordinator", name=plain(credentials.coordinator_name), key=credentials.coordinator_key))
        for meeting in credentials.workshops:
            st.markdown(t("demo.credentials_workshop", title=plain(meeting.title), code=meeting.join_code, key=meeting.facilitator_key))


def first_coordinator_for_this_machine(t) -> None:
    """On a fresh installation, the server's own browser is told it can create the first coordinator."""
    if not from_this_machine() or coordinators.has_coordinator(store):
        return
    st.info(t("home.first_coordinator"), icon=":material/admin_panel_settings:")
    st.page_link("pages/coordinator.py", label=t("nav.coordinator"), icon=":material/admin_panel_settings:")


def privacy_part(t, info, errors) -> dict:
    """The join form's data-protection part: what is stored and why, and contact details only with consent."""
    until = info.retention_until.isoformat() if info.retention_until else t("privacy.until_unknown")
    with st.expander(t("privacy.notice_heading"), icon=":material/shield_person:"):
        st.markdown(t("privacy.notice", until=until))
    email = limited_text(t("field.email"), limit=SHORT_MAX, t=t, cut=False, key=kept(f"{JOIN_FORM}.email"))
    errors.slot("email")
    phone = limited_text(t("field.phone"), limit=PHONE_MAX, t=t, cut=False, key=kept(f"{JOIN_FORM}.phone"))
    errors.slot("phone")
    consent = st.checkbox(t("privacy.consent"), help=t("privacy.consent_help"), key=kept(f"{JOIN_FORM}.contact_consent"))
    errors.slot("contact_consent")
    return {"email": email, "phone": phone, "contact_consent": consent}


def forget_contact_fields() -> None:
    """Joined: the next person at this shared device must not find the name or contact details typed."""
    forget_kept(f"{JOIN_FORM}.")


st.title(t("app.title"))
st.caption(t("home.tagline"))
if st.session_state.pop("privacy_deleted", None):  # back from deleting oneself under Mina uppgifter
    st.success(t("privacy.deleted"))

me = current_participant()
if me is not None:
    info = cached_info(me.workshop_id, workshop_revision(me.workshop_id))
    if me.organisation_kind == "private_person":  # their organisation is only themselves: the name once
        st.success(t("room.joined_as_private", name=plain(me.name), workshop=plain(info.title)))
    else:
        st.success(t("home.joined_as", name=plain(me.name), organisation=plain(me.organisation_name), workshop=plain(info.title)))
    st.markdown(f"**{t('workshop.challenge')}:** {plain(info.challenge)}")
    col1, col2 = st.columns(2)
    col1.page_link("pages/contribute.py", label=t("home.go_contribute"), icon=":material/edit_note:")
    if col2.button(t("home.leave"), key="home_leave"):
        forget_participant()
        st.rerun()
    follow_phase(t, me.workshop_id, "pages/home.py")  # the run of show: a phone that just joined follows too
    st.stop()

# Step 1: the code (from the join link's ?code=, or typed).
workshop_id = st.session_state.get("home_workshop_id")
if workshop_id is None:
    st.subheader(t("home.join_heading"))
    code_errors = FieldErrors(t, "home_code_form")
    with st.form("home_code_form"):
        code = limited_text(
            t("field.code"), value=st.query_params.get("code", ""), limit=CODE_MAX, t=t, cut=False, help=t("home.code_help"),
            key="home_code_form.code." + st.query_params.get("code", ""),  # a new link's code is a new field
        )
        code_errors.slot("code")
        submitted = st.form_submit_button(t("home.continue"), type="primary")
    if submitted:
        found = attempt(lambda: workshops.find_workshop_by_code(store, code, client=client()), t, code_errors)
        if found is not None:
            st.session_state["home_workshop_id"] = found.id
            st.rerun()
    st.divider()
    st.page_link("pages/facilitate.py", label=t("home.facilitator_link"), icon=":material/co_present:")
    demo_keys_for_this_machine(t)
    first_coordinator_for_this_machine(t)
    st.stop()

# Step 2: who you are.
info = cached_info(workshop_id, workshop_revision(workshop_id))
st.subheader(t("home.welcome", title=plain(info.title)))
st.markdown(f"**{t('workshop.challenge')}:** {plain(info.challenge)}")
if not info.submissions_open:
    st.warning(t("errors.submissions_closed"))

mode = st.radio(
    t("home.organisation_mode"),
    ["existing", "new", "none"],
    format_func=lambda m: t(f"home.organisation_mode.{m}"),
    horizontal=True,
    key="home_org_mode",
)
known = organisations.list_organisations(store, include_private=False)
errors = FieldErrors(t, JOIN_FORM)
with st.form(JOIN_FORM):
    name = limited_text(t("field.name"), limit=NAME_MAX, t=t, placeholder=t("home.name_placeholder"), key=kept(f"{JOIN_FORM}.name"))
    errors.slot("name")
    new_organisation = None
    organisation_id = None
    if mode == "existing":
        chosen = st.selectbox(
            t("field.organisation"), [o.id for o in known], format_func={o.id: o.name for o in known}.get, index=None, placeholder=t("home.pick_organisation")
        )
        errors.slot("organisation")
        organisation_id = chosen
    elif mode == "new":
        org_name = limited_text(t("field.organisation_name"), limit=NAME_MAX, t=t, key=kept(f"{JOIN_FORM}.organisation_name"))
        errors.slot("organisation_name")
        kind = st.selectbox(t("field.kind"), [k for k in ORGANISATION_KINDS if k != "private_person"], format_func=lambda k: t.choice("kind", k), placeholder=t("common.choose"))
        org_locality = limited_text(t("field.locality"), limit=NAME_MAX, t=t, key=kept(f"{JOIN_FORM}.locality", info.locality))
        org_number = limited_text(t("field.org_number"), limit=ORG_NUMBER_MAX, t=t, cut=False, placeholder="NNNNNN-NNNN", help=t("home.org_number_help"), key=kept(f"{JOIN_FORM}.org_number"))
        errors.slot("org_number")
        new_organisation = {"name": org_name, "kind": kind, "locality": org_locality, "org_number": org_number}
    contact = privacy_part(t, info, errors)
    joined = st.form_submit_button(t("home.join"), type="primary")

if joined:
    if mode == "existing" and organisation_id is None:
        errors.show(InvalidInput("errors.required", field="organisation"))
    else:
        try:
            identity = submit_once(
                f"{JOIN_FORM}_{workshop_id}",
                {"name": name, "organisation": organisation_id, "new_organisation": new_organisation, "email": contact["email"], "phone": contact["phone"]},
                lambda: participants.join_workshop(store, workshop_id, name=name, organisation_id=organisation_id, new_organisation=new_organisation, **contact),
                t,
                errors,
                chosen={"mode": mode, "contact_consent": contact["contact_consent"]},
                passthrough=(DuplicateOrganisation,),
            )
        except DuplicateOrganisation as duplicate:
            # Offer the existing organisation instead of creating a second one.
            st.session_state["home_duplicate"] = (duplicate.existing_id, duplicate.existing_name, name)
            identity = None
        if identity is not None:
            remember_participant(identity.token)
            forget_contact_fields()
            st.session_state.pop("home_workshop_id", None)
            st.rerun()

duplicate = st.session_state.get("home_duplicate")
if duplicate is not None:
    existing_id, existing_name, typed_name = duplicate
    st.warning(t("home.duplicate_offer", name=plain(existing_name)))
    if st.button(t("home.use_existing", name=plain(existing_name)), key="home_use_existing", type="primary"):
        identity = attempt(lambda: participants.join_workshop(store, workshop_id, name=typed_name, organisation_id=existing_id, **contact), t, errors)
        if identity is not None:
            st.session_state.pop("home_duplicate", None)
            remember_participant(identity.token)
            forget_contact_fields()
            st.session_state.pop("home_workshop_id", None)
            st.rerun()

if st.button(t("home.other_code"), key="home_other_code"):
    st.session_state.pop("home_workshop_id", None)
    st.session_state.pop("home_duplicate", None)
    st.rerun()
