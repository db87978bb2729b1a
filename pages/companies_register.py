"""Företagsregistret (coordinator): the companies of the digital journey, searched and filtered,
and one company added or corrected with each error under its field."""

import datetime as dt

import streamlit as st

from ui.forms import FieldErrors, attempt, submit_once
from ui.identity import coordinator_or_stop, staff_token
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.store import get_store
from ui.text import plain
from workshop.companies import register
from workshop.companies.localities import DEVELOPMENT_POINTS
from workshop.companies.sni import SECTIONS, shown
from workshop.companies.vocabulary import SIZE_CLASSES
from workshop.lengths import IDENTITY_MAX, NAME_MAX, NUMBER_MAX, PHONE_MAX, POSTCODE_MAX, SEARCH_MAX, SHORT_MAX, TAG_LIST_MAX

t = translator()
coordinator_or_stop(t)
store = get_store()
token = staff_token()

st.title(t("companies.register.title"))
st.caption(t("companies.register.intro"))

saved = st.session_state.pop("companies_register_saved", None)
if saved:
    st.success(t("companies.register.saved", name=plain(saved)), icon=":material/check_circle:")

ALL, NONE = "__all__", ""
search, point_column, section_column, size_column = st.columns([3, 2, 2, 2])
with search:
    query = limited_text(t("companies.register.search"), limit=SEARCH_MAX, t=t, key="companies_register_query")
point = point_column.selectbox(
    t("companies.field.development_point"), [ALL, *DEVELOPMENT_POINTS, NONE], key="companies_register_point",
    format_func=lambda v: t("companies.filter.all") if v == ALL else (v or t("companies.no_development_point")), placeholder=t("common.choose"),
)
section = section_column.selectbox(
    t("companies.field.section"), [ALL, *SECTIONS], key="companies_register_section",
    format_func=lambda v: t("companies.filter.all") if v == ALL else f"{v} {t(f'companies.sni.section.{v}')}", placeholder=t("common.choose"),
)
size = size_column.selectbox(
    t("companies.field.size_class"), [ALL, *SIZE_CLASSES], key="companies_register_size",
    format_func=lambda v: t("companies.filter.all") if v == ALL else t(f"companies.size.{v}"), placeholder=t("common.choose"),
)
found = attempt(
    lambda: register.list_companies(
        store, token, query=query, development_point=None if point == ALL else point,
        section=None if section == ALL else section, size_class=None if size == ALL else size,
    ),
    t,
)
if found is None:
    st.stop()

st.caption(t("companies.register.count", count=len(found)))
if found:
    st.dataframe(
        [
            {
                t("companies.field.name"): c.name,
                t("companies.field.identity"): c.identity_shown,
                t("companies.field.legal_form"): t(f"legal_form.{c.legal_form}"),
                t("companies.field.sni"): ", ".join(shown(code) for code in c.sni_codes),
                t("companies.field.section"): c.sni_section or "",
                t("companies.field.size_class"): t(f"companies.size.{c.size_class}") if c.size_class else "",
                t("companies.field.turnover"): t(f"companies.turnover.{c.turnover_class}") if c.turnover_class else "",
                t("companies.field.locality"): c.locality or "",
                t("companies.field.development_point"): c.development_point or "",
                t("companies.field.contact_name"): c.contact_name or "",
                t("companies.field.surveyed"): t("companies.yes") if c.surveyed else t("companies.no"),
                t("companies.field.source"): f"{c.source} {c.source_date.isoformat() if c.source_date else ''}".strip(),
            }
            for c in found
        ],
        hide_index=True,
        width="stretch",
    )

st.subheader(t("companies.register.edit_title"))
NEW = 0
labels = {NEW: t("companies.register.new"), **{c.id: f"{c.name} ({c.identity_shown})" for c in found}}
chosen = st.selectbox(t("companies.register.pick"), list(labels), format_func=labels.get, key="companies_register_pick", placeholder=t("common.choose"))
current = next((c for c in found if c.id == chosen), None)

if current is not None and current.is_sole_trader:
    st.caption(t("companies.register.personal_number_hidden", masked=current.personal_number_masked))
    if st.button(t("companies.register.reveal"), key="companies_register_reveal"):
        number = attempt(lambda: register.reveal_personal_number(store, token, current.id), t)
        if number:
            st.info(t("companies.register.revealed", number=number), icon=":material/visibility:")

form_key = f"companies_register_form_{chosen}"
errors = FieldErrors(t, form_key)
# Kept widgets that start from the stored company: an outage loses nothing typed (ui/kept.py).
with st.form(form_key):
    values = {"name": limited_text(t("companies.field.name"), limit=NAME_MAX, t=t, key=kept(f"{form_key}.name", current.name if current else ""))}
    errors.slot("company_name")
    values["identity_number"] = limited_text(
        t("companies.field.identity"), limit=IDENTITY_MAX, t=t, cut=False, help=t("companies.field.identity_help"),
        key=kept(f"{form_key}.identity_number", (current.org_number or "") if current else ""),
    )
    errors.slot("company_identity")
    values["sni_codes"] = limited_text(t("companies.field.sni"), limit=TAG_LIST_MAX, t=t, cut=False, help=t("companies.field.sni_help"), key=kept(f"{form_key}.sni_codes", ", ".join(shown(c) for c in current.sni_codes) if current else ""))
    errors.slot("company_sni")
    sizes = ["", *SIZE_CLASSES]
    values["size_class"] = st.selectbox(
        t("companies.field.size_class"), sizes, index=sizes.index(current.size_class or "") if current else 0, placeholder=t("placeholder.choose"),
        format_func=lambda v: t(f"companies.size.{v}") if v else t("companies.unknown"),
    )
    errors.slot("company_size")
    values["turnover"] = limited_text(
        t("companies.field.turnover_sek"), limit=NUMBER_MAX, t=t, cut=False, help=t("companies.field.turnover_help"),
        key=kept(f"{form_key}.turnover", str(current.turnover_sek) if current and current.turnover_sek is not None else ""),
    )
    errors.slot("company_turnover")
    values["address"] = limited_text(t("companies.field.address"), limit=SHORT_MAX, t=t, key=kept(f"{form_key}.address", current.address if current else ""))
    errors.slot("company_address")
    values["postcode"] = limited_text(t("companies.field.postcode"), limit=POSTCODE_MAX, t=t, cut=False, key=kept(f"{form_key}.postcode", current.postcode or "" if current else ""))
    errors.slot("company_postcode")
    values["locality"] = limited_text(t("companies.field.locality"), limit=NAME_MAX, t=t, help=t("companies.field.locality_help"), key=kept(f"{form_key}.locality", current.locality or "" if current else ""))
    errors.slot("company_locality")
    values["contact_name"] = limited_text(t("companies.field.contact_name"), limit=NAME_MAX, t=t, key=kept(f"{form_key}.contact_name", current.contact_name or "" if current else ""))
    errors.slot("company_contact_name")
    values["contact_email"] = limited_text(t("companies.field.contact_email"), limit=SHORT_MAX, t=t, cut=False, key=kept(f"{form_key}.contact_email", current.contact_email or "" if current else ""))
    errors.slot("company_contact_email")
    values["contact_phone"] = limited_text(t("companies.field.contact_phone"), limit=PHONE_MAX, t=t, cut=False, key=kept(f"{form_key}.contact_phone", current.contact_phone or "" if current else ""))
    errors.slot("company_contact_phone")
    values["contact_consent"] = st.checkbox(t("companies.field.contact_consent"), value=bool(current and (current.contact_email or current.contact_phone)))
    values["source"] = limited_text(t("companies.field.source"), limit=SHORT_MAX, t=t, key=kept(f"{form_key}.source", current.source if current else t("companies.register.source_manual")))
    errors.slot("company_source")
    values["source_date"] = st.date_input(t("companies.field.source_date"), value=(current.source_date if current and current.source_date else dt.date.today()), format="YYYY-MM-DD")
    errors.slot("company_source_date")
    submitted = st.form_submit_button(t("common.save"), type="primary")

if submitted:
    if current is None:
        typed = {k: v for k, v in values.items() if v is None or isinstance(v, str)}
        chosen = {k: v for k, v in values.items() if k not in typed}
        result = submit_once("companies_register_new", typed, lambda: register.add_company(store, token, **values), t, errors, chosen=chosen)
    else:
        result = attempt(lambda: register.update_company(store, token, current.id, **values), t, errors)
    if result is not None:
        forget_kept(f"{form_key}.")  # saved: a new company's form starts empty, an edited one from the record
        st.session_state["companies_register_saved"] = result.name
        st.rerun()
