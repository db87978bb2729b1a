"""Invitations on screen: "Bjud in" on the constellations page, and the invitation the answer page shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.connection import join_base_url
from ui.fit import reason_text
from ui.forms import FieldErrors, attempt, submit_once
from ui.identity import facilitator_token
from ui.kept import forget_kept, kept
from ui.limits import limited_text
from ui.store import get_store
from ui.text import plain
from workshop.documents.qr import qr_png
from workshop.i18n import Translator
from workshop.invitations import letters
from workshop.invitations.delivery import queue_invitation_emails
from workshop.invitations.service import InvitationView, create_invitations, idea_invitations, letter_facts
from workshop.lengths import SHORT_MAX
from workshop.mail import wake_sender
from workshop.mail.settings import MailSettingsInvalid, mail_settings
from workshop.security import normalise_join_code
from workshop.services import analysis

__all__ = ["format_code", "invitation_text", "invite_section"]

PREFIX = "constellations_invite"


def format_code(typed: str) -> str:
    """A typed code in its printed form, four characters a group ("abcd efgh jkmn" → "ABCD-EFGH-JKMN")."""
    folded = normalise_join_code(typed)
    return "-".join(folded[i : i + 4] for i in range(0, len(folded), 4))


@st.cache_data(show_spinner=False, max_entries=64)
def _qr(link: str) -> bytes:
    return qr_png(link, scale=6)


def invitation_text(t: Translator, view: InvitationView) -> None:
    """What the answer page shows of an invitation: who is asked, the idea, why, who is in, when."""
    st.markdown(t("invitations.answer.invited", organisation=plain(view.organisation_name)))
    st.subheader(plain(view.idea_title))
    if view.idea_description:
        st.markdown(plain(view.idea_description))
    if view.challenge:
        st.caption(t("invitations.answer.challenge", challenge=plain(view.challenge)))
    st.markdown(f"#### {t('invitations.answer.why_heading')}")
    st.markdown(plain(view.reasons or t("fit.no_reason")))
    st.markdown(f"#### {t('invitations.answer.others_heading')}")
    if view.others:
        st.markdown("\n".join(f"- {plain(name)}" for name in view.others))
    else:
        st.markdown(t("invitations.answer.nobody_yet"))
    date = view.meeting_date.isoformat() if view.meeting_date else ""
    if date and view.meeting_place:
        st.markdown(t("invitations.answer.meeting_place", date=date, place=plain(view.meeting_place)))
    elif date:
        st.markdown(t("invitations.answer.meeting", date=date))
    elif view.meeting_place:
        st.markdown(t("invitations.answer.meeting_place_only", place=plain(view.meeting_place)))
    st.caption(t("invitations.answer.expires", date=view.expires_at.date().isoformat()))


def invite_section(t: Translator, fit, idea_id: int, result, workshop_id: int) -> None:
    """"Bjud in": the suggested organisations not yet in, the next meeting, the letters; then who answered what.

    ``workshop_id`` is where the signed-in staff acts (a facilitator's own workshop, else the idea's).
    """
    store, token = get_store(), facilitator_token()
    snapshot = fit.view.snapshot
    kinds = {o.id: o.kind for o in snapshot.organisations}
    names = fit.view.names
    committed = {c.organisation_id for c in snapshot.commitments if c.idea_id == idea_id}
    suggested = [
        m for m in dict.fromkeys(m for c in (result.candidates if result else ()) for m in c.members)
        if m not in committed and kinds.get(m) != "private_person"
    ]
    rows = attempt(lambda: idea_invitations(store, token, workshop_id, idea_id), t) or ()
    status = {row.organisation_id: row.status for row in rows}
    # Said no: never again; already yes: committed. Waiting or expired ones may be asked again (a new code).
    choices = [m for m in suggested if status.get(m) not in ("no", "yes")]

    st.markdown(f"#### {t('invitations.invite.heading')}")
    st.caption(t("invitations.invite.help"))
    if not choices:
        st.caption(t("invitations.invite.nobody"))
    else:
        errors = FieldErrors(t, PREFIX)
        with st.form(f"{PREFIX}_{idea_id}"):
            chosen = st.multiselect(
                t("invitations.invite.members"), choices, placeholder=t("placeholder.organisation"), key=f"{PREFIX}_members_{idea_id}",
                format_func=lambda m: names.get(m, "?") + (f" ({t('invitations.status.' + status[m])})" if m in status else ""),
            )
            errors.slot("members")
            date = st.date_input(t("invitations.invite.meeting_date"), value=None, format="YYYY-MM-DD", key=f"{PREFIX}_date_{idea_id}")
            errors.slot("meeting_date")
            place = limited_text(t("invitations.invite.meeting_place"), limit=SHORT_MAX, t=t, key=kept(f"{PREFIX}_place_{idea_id}"))
            errors.slot("meeting_place")
            by_mail = st.checkbox(t("invitations.invite.by_mail"), value=True, key=f"{PREFIX}_mail_{idea_id}", help=t("invitations.invite.by_mail_help")) if _smtp() else False
            create = st.form_submit_button(t("invitations.invite.create"), type="primary", icon=":material/send:")
        if create:
            sv = Translator("sv")  # the letters are Swedish whatever the screen's language
            reasons = analysis.member_reasons(fit, idea_id, chosen)
            members = {m: reason_text(sv, reasons[m]) for m in chosen}
            # A second press must not make new codes that kill the links the first one showed.
            made = submit_once(
                f"{PREFIX}_{idea_id}", {"place": place}, lambda: create_invitations(store, token, workshop_id, idea_id, members, meeting_date=date, meeting_place=place),
                t, errors, chosen={"members": tuple(chosen), "date": date},
            )
            if made:
                facts = attempt(lambda: letter_facts(store, token, workshop_id, idea_id, made, join_base_url()), t) or ()
                mailed = attempt(lambda: queue_invitation_emails(store, token, workshop_id, idea_id, facts), t) if by_mail and facts else None
                if mailed and mailed.queued:
                    wake_sender(store)
                st.session_state[f"{PREFIX}_made"] = (idea_id, facts, letters.batch_zip(facts), letters.mail_merge_xlsx(facts), mailed)
                forget_kept(f"{PREFIX}_place_{idea_id}")  # made: the form is new
                st.rerun()
    _just_made(t, idea_id)
    if rows:
        st.markdown(f"#### {t('invitations.invite.list_heading')}")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("invitations.column.organisation"): row.organisation_name,
                        t("invitations.column.status"): t(f"invitations.status.{row.status}"),
                        t("invitations.column.invited"): row.created_at.date().isoformat(),
                        t("invitations.column.answered"): row.answered_at.date().isoformat() if row.answered_at else "",
                        t("invitations.column.mail"): t(f"mail.status.{row.mail_status}") if row.mail_status else "",
                        t("invitations.column.message"): row.answer_message,
                        t("invitations.column.offer"): row.answer_offer,
                    }
                    for row in rows
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _smtp() -> bool:
    """Whether an SMTP server is set up (a broken setting shows on the coordinator's page, not here)."""
    try:
        return mail_settings() is not None
    except MailSettingsInvalid:
        return False


def _just_made(t: Translator, idea_id: int) -> None:
    """The batch just made: each link and QR code (shown now, never again) and its files."""
    made = st.session_state.get(f"{PREFIX}_made")
    if not made or made[0] != idea_id:
        return
    _idea, facts, bundle, sheet, mailed = made
    st.success(t("invitations.invite.created", count=len(facts)), icon=":material/mark_email_read:")
    if mailed is not None:
        if mailed.queued:
            st.info(t("invitations.invite.mail_queued", names=", ".join(map(plain, mailed.queued))), icon=":material/outgoing_mail:")
        if mailed.without_address or mailed.not_current:
            st.warning(t("invitations.invite.mail_without", names=", ".join(map(plain, mailed.without_address + mailed.not_current))), icon=":material/markunread_mailbox:")
    for item in facts:
        with st.container(border=True):
            text, code = st.columns([4, 1])
            text.markdown(t("invitations.invite.link", organisation=plain(item.organisation_name), link=f"`{item.link}`"))
            text.caption(item.recipient or t("invitations.invite.no_address"))
            code.image(_qr(item.link), width=120)
    left, right = st.columns(2)
    left.download_button(t("invitations.invite.files"), bundle, file_name="inbjudningar.zip", mime="application/zip", icon=":material/folder_zip:", key=f"{PREFIX}_zip")
    right.download_button(
        t("invitations.invite.sheet"), sheet, file_name="kopplingslista.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/table:", key=f"{PREFIX}_xlsx",
    )
