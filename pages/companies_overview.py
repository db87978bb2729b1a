"""Översikt (coordinator): the register by development point, SNI section, size class and
turnover, by locality, and the gaps the mapping still has. Charts are Streamlit's own."""

import pandas as pd
import streamlit as st

from ui.forms import attempt
from ui.identity import coordinator_or_stop, staff_token
from ui.language import translator
from ui.store import get_store
from ui.text import plain
from workshop.companies import overview as companies_overview

t = translator()
coordinator_or_stop(t)
store = get_store()
token = staff_token()

st.title(t("companies.overview.title"))
st.caption(t("companies.overview.intro"))
data = attempt(lambda: companies_overview.company_overview(store, token), t)
if data is None:
    st.stop()

total, surveyed = st.columns(2)
total.metric(t("companies.overview.total"), data.total)
surveyed.metric(t("companies.overview.surveyed"), data.surveyed)
if not data.total:
    st.info(t("companies.overview.empty"))
    st.stop()


def counts(pairs, label, name) -> pd.DataFrame:
    return pd.DataFrame({label: [name(key) for key, _n in pairs], t("companies.overview.companies"): [n for _key, n in pairs]})


def chart(title: str, frame: pd.DataFrame, label: str) -> None:
    st.subheader(title)
    left, right = st.columns([3, 2])
    left.bar_chart(frame, x=label, y=t("companies.overview.companies"), sort=False, horizontal=True)
    right.dataframe(frame, hide_index=True, width="stretch")


point_label = t("companies.field.development_point")
chart(t("companies.overview.by_point"), counts(data.by_development_point, point_label, lambda p: p or t("companies.no_development_point")), point_label)
section_label = t("companies.field.section")
chart(
    t("companies.overview.by_section"),
    counts([(k, n) for k, n in data.by_section if n or k is None], section_label, lambda s: f"{s} {t(f'companies.sni.section.{s}')}" if s else t("companies.unknown")),
    section_label,
)
size_label = t("companies.field.size_class")
chart(t("companies.overview.by_size"), counts(data.by_size_class, size_label, lambda s: t(f"companies.size.{s}") if s else t("companies.unknown")), size_label)
st.caption(" · ".join(f"{t(f'companies.band.{band}')}: {n}" for band, n in data.by_size_band))
turnover_label = t("companies.field.turnover")
chart(t("companies.overview.by_turnover"), counts(data.by_turnover, turnover_label, lambda b: t(f"companies.turnover.{b}") if b else t("companies.unknown")), turnover_label)

st.subheader(t("companies.overview.by_locality"))
st.dataframe(
    [
        {
            t("companies.field.locality"): row.locality or t("companies.unknown"),
            point_label: row.development_point or (t("companies.outside") if row.outside else t("companies.no_development_point")),
            t("companies.overview.companies"): row.companies,
            t("companies.overview.surveyed"): row.surveyed,
        }
        for row in data.by_locality
    ],
    hide_index=True,
    width="stretch",
)

st.subheader(t("companies.overview.gaps"))
st.caption(t("companies.overview.gaps_intro", few=companies_overview.FEW))
if data.few_points:
    st.warning(t("companies.overview.few_points", points=", ".join(f"{plain(p)} ({n})" for p, n in data.few_points), few=companies_overview.FEW), icon=":material/warning:")
else:
    st.success(t("companies.overview.no_few_points", few=companies_overview.FEW), icon=":material/check_circle:")
if data.localities_without_point:
    st.warning(t("companies.overview.unmapped", localities=", ".join(f"{plain(l) or t('companies.unknown')} ({n})" for l, n in data.localities_without_point)), icon=":material/location_off:")
st.markdown(f"**{t('companies.overview.without_survey', count=len(data.without_survey))}**")
if data.without_survey:
    st.dataframe(
        [{t("companies.field.name"): gap.name, point_label: gap.development_point or ""} for gap in data.without_survey],
        hide_index=True,
        width="stretch",
    )
