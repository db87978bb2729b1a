"""Import of a business-register extract (coordinator): a preview with every problem, then one transaction."""

import datetime as dt

import streamlit as st

from ui.forms import attempt
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.problems import problem_table
from ui.store import get_store
from workshop.companies import importing

t = translator()
coordinator_or_stop(t)
store = get_store()
token = staff_token()

st.title(t("companies.import.title"))
st.caption(t("companies.import.intro"))
with st.expander(t("companies.import.columns_title")):
    st.markdown(t("companies.import.columns"))

uploads = st.file_uploader(t("companies.import.files"), type=["csv", "xlsx", "txt"], accept_multiple_files=True, key="companies_import_files")
source_date = st.date_input(t("companies.import.source_date"), value=dt.date.today(), format="YYYY-MM-DD", key="companies_import_date")
files = [(upload.name, upload.getvalue()) for upload in uploads or []]


if not files:
    st.info(t("companies.import.choose_files"))
    st.stop()

preview = attempt(lambda: importing.preview_extract(store, token, files, source_date=source_date), t)
if preview is None:
    st.stop()
st.subheader(t("exchange.import.preview"))
columns = st.columns(4)
columns[0].metric(t("exchange.import.col.rows"), preview.rows)
columns[1].metric(t("companies.import.new"), preview.new)
columns[2].metric(t("companies.import.existing"), preview.existing)
columns[3].metric(t("companies.import.merged"), preview.merged_rows)
if preview.problems:
    st.error(t("companies.import.problems", count=preview.invalid_rows), icon=":material/error:")
    st.dataframe(problem_table(t, preview.problems), hide_index=True, width="stretch")
else:
    st.success(t("exchange.import.no_problems"), icon=":material/check_circle:")
if preview.notices:
    with st.expander(t("exchange.import.notices", count=len(preview.notices))):
        st.dataframe(problem_table(t, preview.notices), hide_index=True, width="stretch")

skip = False
if preview.problems:
    skip = st.checkbox(t("exchange.import.skip_invalid", count=preview.invalid_rows), key="companies_import_skip")
if st.button(t("companies.import.button"), type="primary", disabled=bool(preview.problems) and not skip, key="companies_import_go"):
    # Checked again inside the import's own transaction: nothing half-written.
    result = attempt(lambda: importing.import_extract(store, token, files, skip_invalid=skip, source_date=source_date), t)
    if result is not None:
        st.success(t("companies.import.done", added=result.added, updated=result.updated, unchanged=result.unchanged), icon=":material/check_circle:")
