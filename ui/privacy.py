"""Showing what is stored about a person: shared by *Mina uppgifter* and the coordinator's *Personer*.

Also the contact person's side (issue 26): the key the answer page shows once
(:func:`contact_key_card`) and *Mina uppgifter* opened by that key (:func:`contact_person_view`).
"""

from __future__ import annotations

import streamlit as st

from ui.connection import client, public_base_url
from ui.cards import table_html
from ui.forms import attempt, succeeds
from ui.store import get_store
from ui.text import plain
from workshop.documents.qr import qr_png
from workshop.i18n import Translator
from workshop.privacy import contact_key, records
from workshop.privacy.records import PersonData

__all__ = ["show_person_data", "contact_key_card", "contact_person_view"]

CONTACT = "my_data_contact"  # session-state keys of the contact person's view


def show_person_data(t: Translator, data: PersonData, *, light: bool = False) -> None:
    """The person's fields, then one table per kind of contribution (tables show text as text).

    ``light`` (a participant's *Mina uppgifter*, read on a phone): each table is plain escaped
    HTML instead of a data grid; the coordinator's page keeps the grids (sorting, search).
    """
    person = data.person
    none = t("privacy.person.none")
    organisation = person["organisation"]
    st.subheader(t("privacy.person_heading"))
    for label, value in (
        ("privacy.person.name", person["name"]),
        ("privacy.person.organisation", organisation["name"] if organisation else None),
        ("privacy.person.email", person["email"]),
        ("privacy.person.phone", person["phone"]),
        ("privacy.person.consent_at", person["contact_consent_at"]),
    ):
        st.markdown(f"**{t(label)}:** {plain(value) if value else none}")
    tables: list[tuple[str, list[dict]]] = []  # (heading's key, rows)
    tables.append(("privacy.participations", [{t("field.title"): p["workshop"], t("field.date"): p["date"], t("field.locality"): p["locality"], t("field.retention_until"): p["retention_until"] or none} for p in data.participations]))
    tables.append(("privacy.ideas", [{t("field.title"): i["title"], t("field.description"): i["description"], t("field.locality"): i["locality"] or "", t("privacy.participations"): i["workshop"]} for i in data.ideas]))
    tables.append(("privacy.commitments", [{t("field.idea"): c["idea"], t("field.organisation"): c["organisation"], t("field.role"): t.choice("role", c["role"]), t("field.contribution"): c["contribution"]} for c in data.commitments]))
    tables.append(("privacy.notes", [_note_row(t, n) for n in data.notes]))
    tables.append(("privacy.ties", [{t("field.organisation_a"): x["organisation_a"], t("field.organisation_b"): x["organisation_b"], t("field.tie_kind"): t.choice("tie_kind", x["kind"])} for x in data.ties]))
    tables.append(("privacy.votes", [{t("field.idea"): v["idea"], t("field.round"): v["round"], t("field.dots"): v["dots"]} for v in data.votes]))
    if data.invitations:  # a contact person named in an invitation's answer (issue 26)
        tables.append(("invitations.privacy.answers", [{t("field.idea"): i["idea"], t("field.organisation"): i["organisation"], t("field.answer"): t(f"invitations.status.{i['answer']}"), t("field.message"): i["message"]} for i in data.invitations]))
    if light:
        st.html("".join(table_html(t(heading), rows) for heading, rows in tables))
        return
    for heading, rows in tables:
        _grid(t, heading, rows)


def _note_row(t: Translator, note: dict) -> dict:
    return {
        t("field.note_kind"): t.choice("note_kind", note["kind"]),
        t("field.about"): note["about"],
        t("field.text"): note["text"],
        t("field.visibility"): t.choice("visibility", note["visibility"]) + (f" ({t('privacy.hidden')})" if note["hidden"] else ""),
    }


def _grid(t: Translator, heading: str, rows: list[dict]) -> None:
    st.markdown(f"**{t(heading)}** ({len(rows)})")
    if rows:
        st.dataframe(rows, hide_index=True)


def contact_key_card(t: Translator, name: str, key: str) -> None:
    """The contact person's key on the answer's confirmation: a link, its QR code and a file to keep.

    Shown once: the key exists nowhere else but as its hash.
    """
    link = contact_key.self_link(public_base_url(), key)
    with st.container(border=True):
        st.markdown(f"#### {t('self.answer.key_heading')}")
        st.markdown(t("self.answer.key_intro", name=plain(name)))
        st.markdown(t("self.answer.key_link", link=f"[{link}]({link})"))
        st.image(qr_png(link, scale=5), width=160, alt=t("self.answer.qr_alt"))
        st.info(t("self.answer.key_only_way"), icon=":material/key:")
        st.download_button(
            t("self.answer.key_download"), t("self.answer.key_file", link=link, key=key).encode("utf-8"),
            file_name="mina-uppgifter-lank.txt", mime="text/plain", icon=":material/download:", key="answer_key_download", on_click="ignore",
        )


def contact_person_view(t: Translator, key: str) -> None:
    """*Mina uppgifter* for an answer's contact person, opened by their key: see, download, withdraw, delete."""
    store = get_store()
    st.title(t("self.view.title"))
    if not key and st.session_state.get(f"{CONTACT}_deleted"):  # the key has just been spent
        st.success(t("self.view.deleted"), icon=":material/task_alt:")
        return
    st.caption(t("self.view.intro"))
    data = attempt(lambda: contact_key.contact_person_data(store, key, client=client()), t)
    if data is None:
        return
    show_person_data(t, data)
    st.download_button(
        t("privacy.download"), data=records.as_json(data).encode("utf-8"), file_name="mina-uppgifter.json",
        mime="application/json", key=f"{CONTACT}_download", icon=":material/download:", on_click="ignore",
    )
    if data.person["email"] or data.person["phone"]:
        if st.button(t("privacy.withdraw_consent"), key=f"{CONTACT}_withdraw", help=t("self.view.withdraw_help")):
            if succeeds(lambda: contact_key.withdraw_consent_by_key(store, key, client=client()), t):
                st.session_state[f"{CONTACT}_withdrawn"] = True
                st.rerun()
    if st.session_state.pop(f"{CONTACT}_withdrawn", None):
        st.success(t("privacy.consent_withdrawn"))
    st.divider()
    st.subheader(t("privacy.delete_heading"))
    st.markdown(t("self.view.delete_intro"))
    confirm = st.checkbox(t("privacy.delete_confirm"), key=f"{CONTACT}_confirm")
    if st.button(t("privacy.delete_button"), key=f"{CONTACT}_delete", type="primary", disabled=not confirm):
        if succeeds(lambda: contact_key.delete_by_key(store, key, client=client()), t):
            st.session_state[f"{CONTACT}_deleted"] = True
            st.query_params.pop(contact_key.KEY_PARAMETER, None)  # the spent key leaves the address bar
            st.rerun()
