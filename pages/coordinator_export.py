"""Export (coordinator): the map, the tables and the report to download; backup and restore.

The slow part, reading and measuring the process, runs once per change of the data and
choice of options (shown with a progress bar, and shared by every session and format);
each file is written only when its button is pressed, on the download's own thread, so
the page and other people's pages never wait for it.
"""

import streamlit as st

from ui.forms import attempt
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.network import analysis_revision, cached_analysis
from ui.store import get_store
from ui.tabs import sections
from workshop.exchange import service
from workshop.exchange.dataset import ExportOptions
from workshop.exchange.exports import FORMATS, file_name
from workshop.services import workshops

t = translator()
coordinator_or_stop(t)
store = get_store()
st.title(t("exchange.export.title"))

WHOLE = 0
all_workshops = workshops.list_workshops(store)
meetings = {w.id: f"{w.date.isoformat()} · {w.title}" for w in all_workshops}
titles = {w.id: w.title for w in all_workshops}


def scope_picker(key: str) -> int | None:
    chosen = st.selectbox(t("exchange.export.scope"), [WHOLE, *meetings], format_func=lambda v: t("exchange.whole_process") if v == WHOLE else meetings[v], key=key, placeholder=t("common.choose"))
    return None if chosen == WHOLE else chosen


def files_section() -> None:
    workshop_id = scope_picker("export_scope")
    personal = st.checkbox(t("exchange.export.personal_data"), key="export_personal", help=t("exchange.export.personal_data_help"))
    facilitator_notes = st.checkbox(t("exchange.export.facilitator_notes"), key="export_facilitator_notes")
    options = ExportOptions(workshop_id=workshop_id, include_personal_data=personal, include_facilitator_notes=facilitator_notes, language=t.language)
    bar = st.progress(0.0, text=t("exchange.progress.reading"))
    # The analysis the network pages show; formatted as it is when it is of the revision read.
    analysis = cached_analysis(analysis_revision())
    data = attempt(lambda: service.shared_export_data(store, staff_token(), options, analysis=analysis, progress=lambda f, key: bar.progress(f, text=t(key))), t)
    bar.empty()
    if data is None:
        return
    st.caption(t("exchange.export.ready", organisations=data.graph.number_of_nodes(), links=data.graph.number_of_edges(), ideas=len(data.ideas)))
    token = staff_token()
    title = titles.get(workshop_id) if workshop_id else t("exchange.whole_process")
    groups = (("exchange.export.group.map", ("html", "png", "svg")), ("exchange.export.group.graph", ("gexf", "graphml", "json")),
              ("exchange.export.group.tables", ("xlsx", "csv")), ("exchange.export.group.report", ("docx", "pdf", "md")))
    for group, formats in groups:
        st.markdown(f"**{t(group)}**")
        columns = st.columns(len(formats))
        for column, fmt in zip(columns, formats):
            # Written on the download's own thread when pressed (the audit trail records it then).
            column.download_button(
                t(f"exchange.format.{fmt}"),
                data=lambda fmt=fmt: service.export_file(store, token, data, fmt).data,
                file_name=file_name(title, fmt),
                mime=FORMATS[fmt].mime,
                key=f"export_download_{fmt}",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
            )


def backup_section() -> None:
    st.caption(t("exchange.backup.intro"))
    workshop_id = scope_picker("backup_scope")
    token = staff_token()
    name = f"projektberedskap-{'workshop-' + str(workshop_id) if workshop_id else 'allt'}.json"
    st.download_button(t("exchange.backup.download"), data=lambda: service.backup_file(store, token, workshop_id=workshop_id), file_name=name,
                       mime="application/json", key="backup_download", on_click="ignore", icon=":material/backup:")
    st.divider()
    st.markdown(f"**{t('exchange.restore.title')}**")
    st.caption(t("exchange.restore.intro"))
    upload = st.file_uploader(t("exchange.restore.file"), type=["json"], key="restore_file")
    other_process = st.checkbox(t("uploads.restore.other_process"), help=t("uploads.restore.other_process_help"), key="restore_other_process")
    if upload is not None and st.button(t("exchange.restore.button"), type="primary", key="restore_go"):
        summary = attempt(lambda: service.restore_file(store, staff_token(), upload.getvalue(), other_process=other_process), t)
        if summary is not None:
            inserted = sum(summary.inserted.values())
            st.success(t(f"exchange.restore.done_{summary.mode}", inserted=inserted, matched=sum(summary.matched.values())), icon=":material/check_circle:")


sections("export_tab", {t("exchange.export.tab.files"): files_section, t("exchange.export.tab.backup"): backup_section})
