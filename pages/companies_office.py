"""Grannskapskontor (coordinator): for a chosen development point, the requirements of a shared
neighbourhood office with the figures behind each; the texts editable, the draft to download,
and the draft turned into an idea that the constellation search finds partners for.

Edits live in this session's text areas (keyed by point, requirement and language); the
files and the idea are made from them, the evidence is always the computed one.
"""

import streamlit as st

from ui.forms import FieldErrors, attempt
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.limits import limited_text
from ui.store import get_store
from ui.text import plain
from workshop.companies.office import rules, service, words
from workshop.exchange.exports import file_name
from workshop.i18n import Translator
from workshop.services import workshops

t = translator()
coordinator_or_stop(t)
store = get_store()
token = staff_token()
st.title(t("office.title"))
st.caption(t("office.intro"))

points = service.development_points(store)
if not points:
    st.info(t("office.no_points"))
    st.stop()
point = st.selectbox(t("office.point"), points, key="office_point", placeholder=t("common.choose"))
draft = attempt(lambda: service.coordinator_draft(store, token, point), t)
if draft is None:
    st.stop()

evidence = draft.evidence
within, answered, unanswered = st.columns(3)
within.metric(t("office.metric.within"), evidence.within)
answered.metric(t("office.metric.answered"), evidence.answered)
unanswered.metric(t("office.metric.unanswered"), evidence.unanswered)
if not evidence.answered:
    st.info(t("office.draft.no_answers"))


def evidence_list(requirement) -> None:
    st.markdown("\n".join(f"- {plain(words.evidence_text(line, t))}" for line in requirement.evidence))


edits: dict[str, str] = {}
if draft.supported:
    st.subheader(t("office.draft.requirements"))
    st.caption(t("office.edit_caption"))
for requirement in draft.supported:
    title = words.requirement_title(requirement, t)
    generated = words.generated_text(requirement, t)
    st.markdown(f"**{plain(title)}**")
    typed = limited_text(
        t("office.text_label", title=title), rules.EDIT_MAX, t=t, area=True, value=generated, height=120,
        key=f"office_text_{t.language}_{point}_{requirement.key}",
    )
    if typed.strip() and typed.strip() != generated:
        edits[requirement.key] = typed
    st.caption(t("office.draft.basis"))
    evidence_list(requirement)

if draft.unsupported:
    st.subheader(t("office.draft.unsupported"))
    st.caption(t("office.no_evidence"))
    for requirement in draft.unsupported:
        st.markdown(f"**{plain(words.requirement_title(requirement, t))}**")
        evidence_list(requirement)

cleaned = attempt(lambda: words.clean_edits(edits), t)
if cleaned is None:
    st.stop()

st.subheader(t("office.downloads"))
stem = file_name(t("office.idea.title", point=point), "md").rsplit(".", 1)[0] + "-kravutkast"
mimes = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf", "md": "text/markdown"}
for column, fmt in zip(st.columns(len(mimes)), mimes):
    # Written when pressed, on the download's own thread, with the texts as they stand now.
    column.download_button(
        t("office.download", format=fmt.upper()),
        data=lambda fmt=fmt: service.draft_file(store, token, point, fmt, cleaned, t.language),
        file_name=f"{stem}.{fmt}", mime=mimes[fmt], key=f"office_download_{fmt}", on_click="ignore",
    )

st.subheader(t("office.to_idea"))
st.caption(t("office.to_idea_intro"))
meetings = {w.id: f"{w.date.isoformat()} · {w.title}" for w in workshops.list_workshops(store)}
if not meetings:
    st.info(t("office.no_workshops"))
    st.stop()
errors = FieldErrors(t, "office_idea_form")
with st.form("office_idea_form"):
    chosen = st.selectbox(t("office.workshop"), list(meetings), format_func=meetings.get, key="office_workshop", placeholder=t("common.choose"))
    errors.slot("workshop")
    errors.slot("office_point")
    errors.slot("office_edits")
    create = st.form_submit_button(t("office.create"), type="primary")
if create:
    # The idea's text is Swedish whatever the page's language: the network's texts are, and
    # the constellation search reads them with a Swedish stemmer.
    idea_id = attempt(lambda: service.create_office_idea(store, token, point, chosen, cleaned, "sv"), t, errors)
    if idea_id is not None:
        st.session_state["office_created"] = (point, Translator("sv")("office.idea.title", point=point), meetings[chosen])
created = st.session_state.get("office_created")
if created and created[0] == point:
    st.success(t("office.created", title=plain(created[1]), workshop=plain(created[2])))
    st.page_link("pages/constellations.py", label=t("office.constellations"), icon=":material/handshake:")
    st.caption(t("office.constellations_hint"))
