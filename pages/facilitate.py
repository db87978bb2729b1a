"""Lead a workshop: create one (and get its code and key) or sign in with the key."""

import datetime as dt

import streamlit as st

from pages._shared import (
    FieldErrors,
    attempt,
    client_key,
    facilitated_workshop,
    forget_facilitator,
    get_store,
    go_to,
    plain,
    remember_facilitator,
    translator,
)
from workshop.services import organisations, workshops

t = translator()
store = get_store()

st.title(t("facilitate.title"))

created = st.session_state.get("facilitate_created")
if created is not None:
    # The key is shown this once: only its hash is stored.
    st.success(t("facilitate.created", code=created.join_code))
    st.markdown(f"### {t('facilitate.key_heading')}")
    st.code(created.facilitator_key, language=None)
    st.warning(t("facilitate.key_once"))
    if st.button(t("facilitate.key_noted"), type="primary", key="facilitate_key_noted"):
        st.session_state.pop("facilitate_created", None)
        go_to("pages/projector.py")
    st.stop()

current = facilitated_workshop()
if current is not None:
    info = workshops.workshop_info(store, current)
    st.info(t("facilitate.signed_in", title=plain(info.title)))
    st.markdown(plain(info.challenge))
    if st.button(t("facilitate.sign_out"), key="facilitate_sign_out"):
        forget_facilitator()
        st.rerun()

create_tab, sign_in_tab = st.tabs([t("facilitate.create_tab"), t("facilitate.sign_in_tab")])

with create_tab:
    localities = [loc.name for loc in organisations.list_localities(store)]
    errors = FieldErrors(t, "facilitate_create_form")
    with st.form("facilitate_create_form"):
        title = st.text_input(t("field.title"), max_chars=160, placeholder=t("facilitate.title_placeholder"))
        errors.slot("title")
        challenge = st.text_area(t("field.challenge"), max_chars=4000, placeholder=t("facilitate.challenge_placeholder"))
        errors.slot("challenge")
        date = st.date_input(t("field.date"), value=dt.date.today(), format="YYYY-MM-DD")
        errors.slot("date")
        locality = st.selectbox(t("field.locality"), localities, index=None, accept_new_options=True, placeholder=t("facilitate.locality_placeholder"))
        errors.slot("locality")
        submitted = st.form_submit_button(t("facilitate.create"), type="primary")
    if submitted:
        result = attempt(lambda: workshops.create_workshop(store, title=title, challenge=challenge, date=date, locality=locality or ""), t, errors)
        if result is not None:
            remember_facilitator(result.facilitator_token)
            st.session_state["facilitate_created"] = result
            st.rerun()

with sign_in_tab:
    errors = FieldErrors(t, "facilitate_sign_in_form")
    with st.form("facilitate_sign_in_form"):
        code = st.text_input(t("field.code"), max_chars=12)
        errors.slot("code")
        key = st.text_input(t("field.key"), type="password", max_chars=40)
        errors.slot("key")
        signed = st.form_submit_button(t("facilitate.sign_in"), type="primary")
    if signed:
        found = attempt(lambda: workshops.find_workshop_by_code(store, code, client_key=client_key()), t, errors)
        if found is not None:
            token = attempt(lambda: workshops.facilitator_sign_in(store, found.id, key), t, errors)
            if token is not None:
                remember_facilitator(token)
                go_to("pages/projector.py")
