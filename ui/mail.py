"""E-mail on the pages: whether SMTP is set up, a test message, and the outbox's status table.

``mail_section`` is the coordinator page's "E-post" tab; ``status_table`` shows the messages
of one ``about`` prefix with Swedish statuses and a "Försök igen" for the failed ones, so a
feature's page (invitations) can show its own messages the same way.
"""

from __future__ import annotations

import streamlit as st

from ui.forms import FieldErrors, attempt
from ui.limits import limited_text
from ui.text import plain
from workshop.i18n import Translator
from workshop.mail.service import ADDRESS_MAX, mail_setup, messages, retry, send_test_message

__all__ = ["STATUS_KEYS", "mail_section", "status_table"]

STATUS_KEYS = {
    "queued": "mail.status.queued",
    "sending": "mail.status.sending",
    "sent": "mail.status.sent",
    "failed": "mail.status.failed",
    "bounced": "mail.status.bounced",
}
SECURITY_KEYS = {"starttls": "mail.security.starttls", "tls": "mail.security.tls", "none": "mail.security.none"}
_NOTICE = "mail_notice"


def _status_text(t: Translator, message) -> str:
    text = t(STATUS_KEYS.get(message.status, "mail.status.queued"))
    if message.status == "queued" and message.attempts and message.next_attempt_at is not None:
        text += f" ({t('mail.next_attempt', when=f'{message.next_attempt_at:%Y-%m-%d %H:%M}')})"
    return text


def status_table(t: Translator, store, token: str, about: str = "", *, key: str = "mail") -> None:
    """The messages whose ``about`` starts with ``about``, newest first, and a retry for a failed one."""
    found = attempt(lambda: messages(store, token, about), t)
    if found is None:
        return
    if not found:
        st.caption(t("mail.none"))
        return
    st.dataframe(
        [
            {
                t("mail.col.recipient"): m.recipient,
                t("mail.col.subject"): m.subject,
                t("mail.col.about"): m.about,
                t("mail.col.status"): _status_text(t, m),
                t("mail.col.attempts"): m.attempts,
                t("mail.col.error"): t(m.error_key, detail=m.error_detail or "") if m.error_key and m.status != "sent" else "",
                t("mail.col.when"): f"{m.created_at:%Y-%m-%d %H:%M}",
                t("mail.col.sent"): f"{m.sent_at:%Y-%m-%d %H:%M}" if m.sent_at else "",
            }
            for m in found
        ],
        hide_index=True,
    )
    failed = {m.id: f"{m.recipient} – {m.subject}" for m in found if m.status == "failed"}
    if not failed:
        return
    picked = st.selectbox(t("mail.retry_pick"), list(failed), format_func=failed.get, index=None, placeholder=t("common.choose"), key=f"{key}_retry_pick")
    if st.button(t("mail.retry"), key=f"{key}_retry", disabled=picked is None):
        again = attempt(lambda: retry(store, token, picked), t)
        if again is not None:
            st.session_state[_NOTICE] = t("mail.retried", recipient=plain(again.recipient))
            st.rerun()


def mail_section(t: Translator, store, token: str) -> None:
    """The coordinator's "E-post": the setup (never the password), a test message, the outbox."""
    st.caption(t("mail.intro"))
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.success(notice)
    setup = mail_setup()
    if setup.problem:
        st.error(t("mail.settings_invalid", variable=setup.problem))
    elif not setup.configured:
        st.info(t("mail.not_configured_info"))
    else:
        st.success(t("mail.configured", host=plain(setup.host), port=setup.port, security=t(SECURITY_KEYS[setup.security]), sender=plain(setup.sender)))
        if setup.user:
            st.caption(t("mail.configured_user", user=plain(setup.user)))
    st.subheader(t("mail.test_heading"))
    errors = FieldErrors(t, "mail_test_form")
    with st.form("mail_test_form"):
        address = limited_text(t("field.mail_address"), limit=ADDRESS_MAX, t=t, cut=False, placeholder=t("mail.address_placeholder"), key="mail_test_address")
        errors.slot("mail_address")
        send = st.form_submit_button(t("mail.test_send"), type="primary")
    if send:
        queued = attempt(lambda: send_test_message(store, token, address), t, errors)
        if queued is not None:
            st.session_state[_NOTICE] = t("mail.test_queued", address=plain(address.strip()))
            st.rerun()
    st.subheader(t("mail.outbox_heading"))
    status_table(t, store, token, key="mail")
