"""Mina uppgifter: what is stored about me, a download of it, and deleting myself (GDPR art. 15, 17, 20).

Opened with ``?nyckel=`` it is the view of an invitation answer's contact person, who has a
key instead of a participant's browser (workshop.privacy.contact_key, issue 26).
"""

import streamlit as st

from ui.forms import attempt, succeeds
from ui.identity import forget_participant, participant_or_stop
from ui.language import translator
from ui.navigation import go_to
from ui.privacy import CONTACT, contact_person_view, show_person_data
from ui.store import get_store
from workshop.privacy import erasure, records
from workshop.privacy.contact_key import KEY_PARAMETER

t = translator()
store = get_store()
key = st.query_params.get(KEY_PARAMETER)
if key or st.session_state.get(f"{CONTACT}_deleted"):  # a contact person's key, not a participant's browser
    contact_person_view(t, key or "")
    st.stop()
me = participant_or_stop(t)

st.title(t("privacy.my_data.title"))
st.caption(t("privacy.my_data.intro"))

data = attempt(lambda: records.participant_data(store, me.token), t)
if data is None:
    st.stop()
show_person_data(t, data, light=True)  # a phone: plain tables, no data grids
st.download_button(
    t("privacy.download"),
    data=records.as_json(data).encode("utf-8"),
    file_name="mina-uppgifter.json",
    mime="application/json",
    key="my_data_download",
    icon=":material/download:",
    on_click="ignore",
)

if data.person["email"] or data.person["phone"]:
    if st.button(t("privacy.withdraw_consent"), key="my_data_withdraw_consent", help=t("privacy.withdraw_consent_help")):
        if succeeds(lambda: erasure.withdraw_contact_consent(store, me.token), t):
            st.session_state["my_data_withdrawn"] = True
            st.rerun()
if st.session_state.pop("my_data_withdrawn", None):
    st.success(t("privacy.consent_withdrawn"))

st.divider()
st.subheader(t("privacy.delete_heading"))
st.markdown(t("privacy.delete_intro"))
choice = st.radio(
    t("privacy.delete_choice"),
    ["anonymise", "remove"],
    format_func=lambda c: t(f"privacy.delete_choice.{c}"),
    key="my_data_delete_choice",
)
if choice == "remove":
    st.caption(t("privacy.delete_remove_scope"))
confirm = st.checkbox(t("privacy.delete_confirm"), key="my_data_delete_confirm")
if st.button(t("privacy.delete_button"), key="my_data_delete", type="primary", disabled=not confirm):
    if succeeds(lambda: erasure.delete_myself(store, me.token, remove_contributions=choice == "remove"), t):
        forget_participant()
        st.session_state["privacy_deleted"] = True
        go_to("pages/home.py")
