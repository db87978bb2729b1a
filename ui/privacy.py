"""Showing what is stored about a person: shared by *Mina uppgifter* and the coordinator's *Personer*."""

from __future__ import annotations

import streamlit as st

from ui.text import plain
from workshop.i18n import Translator
from workshop.privacy.records import PersonData

__all__ = ["show_person_data"]


def show_person_data(t: Translator, data: PersonData) -> None:
    """The person's fields, then one table per kind of contribution (tables show text as text)."""
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
    _table(t, "privacy.participations", [{t("field.title"): p["workshop"], t("field.date"): p["date"], t("field.locality"): p["locality"], t("field.retention_until"): p["retention_until"] or none} for p in data.participations])
    _table(t, "privacy.ideas", [{t("field.title"): i["title"], t("field.description"): i["description"], t("field.locality"): i["locality"] or "", t("privacy.participations"): i["workshop"]} for i in data.ideas])
    _table(t, "privacy.commitments", [{t("field.idea"): c["idea"], t("field.organisation"): c["organisation"], t("field.role"): t.choice("role", c["role"]), t("field.contribution"): c["contribution"]} for c in data.commitments])
    _table(t, "privacy.notes", [_note_row(t, n) for n in data.notes])
    _table(t, "privacy.ties", [{t("field.organisation_a"): x["organisation_a"], t("field.organisation_b"): x["organisation_b"], t("field.tie_kind"): t.choice("tie_kind", x["kind"])} for x in data.ties])
    _table(t, "privacy.votes", [{t("field.idea"): v["idea"], t("field.round"): v["round"], t("field.dots"): v["dots"]} for v in data.votes])
    if data.invitations:  # a contact person named in an invitation's answer (issue 26)
        _table(t, "invitations.privacy.answers", [{t("field.idea"): i["idea"], t("field.organisation"): i["organisation"], t("field.answer"): t(f"invitations.status.{i['answer']}"), t("field.message"): i["message"]} for i in data.invitations])


def _note_row(t: Translator, note: dict) -> dict:
    return {
        t("field.note_kind"): t.choice("note_kind", note["kind"]),
        t("field.about"): note["about"],
        t("field.text"): note["text"],
        t("field.visibility"): t.choice("visibility", note["visibility"]) + (f" ({t('privacy.hidden')})" if note["hidden"] else ""),
    }


def _table(t: Translator, heading: str, rows: list[dict]) -> None:
    st.markdown(f"**{t(heading)}** ({len(rows)})")
    if rows:
        st.dataframe(rows, hide_index=True)
