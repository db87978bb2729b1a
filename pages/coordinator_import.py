"""Import (coordinator): the municipality's lists in, after a preview that shows every problem."""

import pandas as pd
import streamlit as st

from ui.forms import attempt
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.limits import limited_text
from ui.problems import problem_table
from ui.store import get_store
from ui.text import plain
from workshop.exchange import service
from workshop.exchange.importing.results import describe_written
from workshop.lengths import TITLE_MAX
from workshop.services import workshops

t = translator()
coordinator_or_stop(t)
store = get_store()

st.title(t("exchange.import.title"))
st.caption(t("exchange.import.intro"))

NEW = "new"
meetings = {w.id: f"{w.date.isoformat()} · {w.title}" for w in workshops.list_workshops(store)}
choice = st.selectbox(t("exchange.import.workshop"), [NEW, *meetings], format_func=lambda v: t("exchange.import.new_workshop") if v == NEW else meetings[v], key="import_workshop", placeholder=t("common.choose"))
title = limited_text(t("exchange.import.new_title"), key="import_new_title", limit=TITLE_MAX, t=t) if choice == NEW else None
target = {"workshop_title": title} if choice == NEW else {"workshop_id": choice}
uploads = st.file_uploader(t("exchange.import.files"), type=["csv", "xlsx", "txt"], accept_multiple_files=True, key="import_files")
files = [(upload.name, upload.getvalue()) for upload in uploads or []]


def show_preview(preview) -> None:
    st.subheader(t("exchange.import.preview"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("exchange.import.col.file"): s.source,
                    t("exchange.import.col.table"): t(f"exchange.table.{s.kind}"),
                    t("exchange.import.col.rows"): s.rows,
                    t("exchange.import.col.valid"): s.valid,
                    t("exchange.import.col.new"): s.new,
                    t("exchange.import.col.existing"): s.existing,
                }
                for s in preview.tables
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if preview.problems:
        st.error(t("exchange.import.problems", count=preview.invalid_rows), icon=":material/error:")
        st.dataframe(problem_table(t, preview.problems), hide_index=True, width="stretch")
    else:
        st.success(t("exchange.import.no_problems"), icon=":material/check_circle:")
    if preview.notices:
        with st.expander(t("exchange.import.notices", count=len(preview.notices))):
            st.dataframe(problem_table(t, preview.notices), hide_index=True, width="stretch")


if not files:
    st.info(t("exchange.import.choose_files"))
    st.stop()
if choice == NEW and not (title or "").strip():
    st.info(t("exchange.import.name_the_workshop"))
    st.stop()

preview = attempt(lambda: service.preview_lists(store, staff_token(), files, **target), t)
if preview is None:
    st.stop()
show_preview(preview)
skip = False
if preview.problems:
    skip = st.checkbox(t("exchange.import.skip_invalid", count=preview.invalid_rows), key="import_skip_invalid")
if st.button(t("exchange.import.button"), type="primary", disabled=bool(preview.problems) and not skip, key="import_go"):
    # The files are checked again inside the import's own transaction: nothing half-written.
    result = attempt(lambda: service.import_lists(store, staff_token(), files, skip_invalid=skip, **target), t)
    if result is not None:
        st.success(t("exchange.import.done", written=describe_written(result.written, t.language)), icon=":material/check_circle:")
        if result.workshop_created:
            st.info(t("exchange.import.created", code=result.join_code, facilitator_key=plain(result.facilitator_key or "")), icon=":material/key:")
