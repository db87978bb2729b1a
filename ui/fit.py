"""How constellations fit their ideas, as the pages show it: the shared fit and plan, the
reasons as sentences, and the "passar / passar inte" a facilitator marks (issue 20)."""

from __future__ import annotations

import streamlit as st

from ui.forms import succeeds
from ui.identity import facilitator_token
from ui.network import WHOLE_PROCESS, cached_analysis, cached_view
from ui.store import get_store
from ui.text import plain
from workshop.i18n import Translator
from workshop.services import analysis, feedback

__all__ = ["cached_fit", "cached_plan", "reason_text", "verdict_controls"]


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_fit(revision: int, filter_key: tuple = WHOLE_PROCESS):
    """Relevance and constellations of every idea, once per change of the data, for every session."""
    if filter_key == WHOLE_PROCESS:  # computed with the analysis, off the page's run
        return cached_analysis(revision).fit
    return analysis.fit(cached_view(revision, filter_key))


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_plan(revision: int):
    """Which constellations to start first, given every organisation's capacity."""
    return analysis.plan(cached_fit(revision))


def reason_text(t: Translator, clauses) -> str:
    """One sentence from a member's reason clauses ("erbjuder storkök; finns i Ramsberg")."""
    return "; ".join(t.message(clause) for clause in clauses) or t("fit.no_reason")


def verdict_controls(t: Translator, snapshot, names: dict[int, str], idea_id: int, result, workshop_id: int, prefix: str) -> None:
    """"Passar" / "passar inte" for each suggested member of an idea (issue 20); the marked
    ones stay listed, with "Ångra". ``workshop_id`` is where the signed-in staff acts."""
    marked = {v.organisation_id: v.fits for v in snapshot.verdicts if v.idea_id == idea_id}
    committed = {c.organisation_id for c in snapshot.commitments if c.idea_id == idea_id}
    suggested = [m for m in dict.fromkeys(m for c in (result.candidates if result else ()) for m in c.members) if m not in committed]
    shown = suggested + [o for o in marked if o not in suggested and o in names and o not in committed]
    if not shown:
        return
    st.markdown(f"#### {t('feedback.heading')}")
    st.caption(t("feedback.help"))
    for organisation_id in shown:
        label, first, second = st.columns([3, 1, 1], vertical_alignment="center")
        verdict = marked.get(organisation_id)
        note = {True: t("feedback.marked_fits"), False: t("feedback.marked_does_not_fit")}.get(verdict)
        label.markdown(plain(names.get(organisation_id, "?")) + (f" — *{note}*" if note else ""))
        choices = [("fits", "feedback.fits"), ("does_not_fit", "feedback.does_not_fit")] if verdict is None else [(None, "feedback.withdraw")]
        for column, (value, text) in zip((first, second), choices):
            if column.button(t(text), key=f"{prefix}_verdict_{idea_id}_{organisation_id}_{value}"):
                if succeeds(lambda: feedback.mark_fit(get_store(), workshop_id, facilitator_token(), idea_id, organisation_id, value), t):
                    st.toast(t("feedback.saved"))
                    st.rerun()
