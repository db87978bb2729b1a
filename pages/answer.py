"""The answer to an invitation: a link with ``?kod=`` (or the code typed), no account, phone first.

The invited organisation reads the idea, why it was asked and who is in, and answers once:
"Ja, vi är med", "Berätta mer" or "Nej tack", with an optional message, what it could offer
and a contact person (the join form's consent rule). A named contact person gets, once, a
link with their own key to *Mina uppgifter* (workshop.privacy.contact_key). See
docs/after-the-meeting.md.
"""

import streamlit as st

from ui.connection import client
from ui.forms import FieldErrors, attempt, submit_once
from ui.invitations import format_code, invitation_text
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.privacy import contact_key_card
from ui.store import get_store
from ui.text import plain
from workshop.errors import DatabaseUnavailable
from workshop.invitations.answers import answer_invitation, open_invitation
from workshop.lengths import CODE_MAX, NAME_MAX, PHONE_MAX, SHORT_MAX, TEXT_MAX

t = translator()
store = get_store()
CODE, DONE, FORM = "answer_code", "answer_done", "answer_form"

st.title(t("invitations.answer.title"))

done = st.session_state.get(DONE)
if done is not None:  # answered in this browser: the code is spent, the thanks stay
    answer, organisation, idea, contact = done
    st.success(t(f"invitations.answer.thanks.{answer}", organisation=plain(organisation), idea=plain(idea)), icon=":material/task_alt:")
    if contact is not None:  # (name, key): the key is shown here and nowhere else
        contact_key_card(t, *contact)
    st.stop()

code = st.session_state.get(CODE) or st.query_params.get("kod")
view = None
errors = FieldErrors(t)
if code:
    # An outage is not a wrong code: the entry file says so, and the code stays in the address.
    view = attempt(lambda: open_invitation(store, code, client=client()), t, errors, passthrough=(DatabaseUnavailable,))
    if view is None:
        st.session_state.pop(CODE, None)
        st.query_params.pop("kod", None)
    else:
        st.session_state[CODE] = code

if view is None:
    st.markdown(t("invitations.answer.intro"))
    with st.form("answer_code_form"):
        typed = limited_text(t("invitations.answer.code_label"), limit=CODE_MAX, t=t, cut=False, placeholder="ABCD-EFGH-JKMN", key=kept("answer_code_form.code"))
        errors.slot("code")
        opened = st.form_submit_button(t("invitations.answer.open"), type="primary", width="stretch")
    if opened:
        if attempt(lambda: open_invitation(store, typed, client=client()), t, errors) is not None:
            st.session_state[CODE] = format_code(typed)
            st.query_params["kod"] = st.session_state[CODE]  # a reload keeps the invitation
            forget_kept("answer_code_form.")
            st.rerun()
    st.stop()

invitation_text(t, view)

st.subheader(t("invitations.answer.form_heading"))
form_errors = FieldErrors(t, FORM)
with st.form(FORM):
    message = limited_text(t("invitations.answer.message"), limit=TEXT_MAX, t=t, area=True, key=kept(f"{FORM}.message"))
    form_errors.slot("message")
    offer = limited_text(t("invitations.answer.offer"), limit=TEXT_MAX, t=t, area=True, key=kept(f"{FORM}.offer"))
    form_errors.slot("offer")
    st.markdown(f"**{t('invitations.answer.contact_heading')}**")
    contact_name = limited_text(t("invitations.answer.contact_name"), limit=NAME_MAX, t=t, key=kept(f"{FORM}.contact_name"))
    form_errors.slot("contact_name")
    email = limited_text(t("field.email"), limit=SHORT_MAX, t=t, cut=False, key=kept(f"{FORM}.email"))
    form_errors.slot("email")
    phone = limited_text(t("field.phone"), limit=PHONE_MAX, t=t, cut=False, key=kept(f"{FORM}.phone"))
    form_errors.slot("phone")
    consent = st.checkbox(t("privacy.consent"), help=t("privacy.consent_help"), key=kept(f"{FORM}.contact_consent"))
    form_errors.slot("contact_consent")
    form_errors.slot("answer")
    pressed = {
        "yes": st.form_submit_button(t("invitations.answer.yes"), type="primary", width="stretch", icon=":material/check_circle:"),
        "more": st.form_submit_button(t("invitations.answer.more"), width="stretch", icon=":material/help:"),
        "no": st.form_submit_button(t("invitations.answer.no"), width="stretch", icon=":material/do_not_disturb_on:"),
    }
chosen = next((answer for answer, clicked in pressed.items() if clicked), None)
if chosen is not None:
    given = submit_once(
        FORM,
        {"message": message, "offer": offer, "contact_name": contact_name, "email": email, "phone": phone},
        lambda: answer_invitation(
            store, code, chosen, message=message, offer=offer, contact_name=contact_name, contact_email=email,
            contact_phone=phone, contact_consent=consent, client=client(),
        ),
        t,
        form_errors,
        chosen={"answer": chosen, "consent": consent, "code": code},
    )
    if given is not None:
        contact = (contact_name.strip(), given.contact_key) if given.contact_key else None
        st.session_state[DONE] = (given.answer, view.organisation_name, view.idea_title, contact)
        st.session_state.pop(CODE, None)
        st.query_params.pop("kod", None)
        forget_kept(f"{FORM}.")  # a shared phone: the next person finds nothing typed
        st.rerun()
