"""Lead a workshop: sign in with the workshop's code and the key the coordinator gave you."""

import streamlit as st

from ui.connection import client, join_address_check
from ui.followup import downloads
from ui.forms import FieldErrors, attempt
from ui.identity import current_staff, facilitated_workshop, remember_staff, sign_out_staff, staff_token
from ui.language import translator
from ui.limits import limited_text
from ui.live import cached_info, workshop_revision
from ui.navigation import go_to
from ui.store import get_store
from ui.text import plain
from workshop.lengths import CODE_MAX, KEY_MAX
from workshop.services import workshops

t = translator()
store = get_store()

st.title(t("facilitate.title"))

actor = current_staff()
if actor is not None and actor.role == "facilitator":
    info = cached_info(actor.workshop_id, workshop_revision(actor.workshop_id))
    st.info(t("facilitate.signed_in", title=plain(info.title)))
    st.markdown(plain(info.challenge))
    join_address_check(t, actor.workshop_id, staff_token())
    st.page_link("pages/projector.py", label=t("nav.projector"), icon=":material/tv:")
    downloads(t, store, actor.workshop_id, staff_token(), language=t.language)  # the poster and the next meeting's .ics
    if st.button(t("facilitate.sign_out"), key="facilitate_sign_out"):
        sign_out_staff()
        st.rerun()
    st.stop()
if actor is not None:  # a coordinator leads a workshop by opening it from the coordinator page
    leading = facilitated_workshop()
    if leading is not None:  # the address for phones is kept here, off the projected wall
        info = cached_info(leading, workshop_revision(leading))
        st.info(t("forgive.leading", title=plain(info.title)))
        join_address_check(t, leading, staff_token())
        st.page_link("pages/projector.py", label=t("nav.projector"), icon=":material/tv:")
    st.info(t("facilitate.coordinator_hint"))
    st.page_link("pages/coordinator.py", label=t("nav.coordinator"), icon=":material/admin_panel_settings:")
    st.stop()

st.caption(t("facilitate.intro"))
errors = FieldErrors(t, "facilitate_sign_in_form")
with st.form("facilitate_sign_in_form"):
    code = limited_text(t("field.code"), limit=CODE_MAX, t=t, cut=False, key="facilitate_sign_in_form.code")
    errors.slot("code")
    key = limited_text(t("field.key"), type="password", limit=KEY_MAX, t=t, cut=False, key="facilitate_sign_in_form.key")
    errors.slot("key")
    signed = st.form_submit_button(t("facilitate.sign_in"), type="primary")
if signed:
    who = client()
    found = attempt(lambda: workshops.find_workshop_by_code(store, code, client=who), t, errors)
    if found is not None:
        token = attempt(lambda: workshops.facilitator_sign_in(store, found.id, key, client=who), t, errors)
        if token is not None:
            remember_staff(token)
            go_to("pages/projector.py")
