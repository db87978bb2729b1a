"""Tillgänglighetsredogörelse: the accessibility statement the law (2018:1937) asks for, in DIGG's model.

Public: no sign-in, linked from the foot of every page's sidebar.
"""

import streamlit as st

from ui.accessibility import ASSESSED, AXE_CORE, statement_contact
from ui.language import translator

t = translator()

st.title(t("a11y.statement.title"))
st.markdown(t("a11y.statement.intro"))
st.header(t("a11y.statement.how.title"))
st.markdown(t("a11y.statement.how.body"))
st.markdown(t("wall2.statement_motion"))  # the wall's pause (WCAG 2.2.2) and "Visa mer" on phones
st.header(t("a11y.statement.gaps.title"))
st.markdown(t("a11y.statement.gaps.body"))
st.header(t("a11y.statement.report.title"))
st.markdown(t("a11y.statement.report.body", contact=statement_contact(t)))
st.header(t("a11y.statement.enforcement.title"))
st.markdown(t("a11y.statement.enforcement.body"))
st.header(t("a11y.statement.assessment.title"))
st.markdown(t("a11y.statement.assessment.body", axe=AXE_CORE, date=ASSESSED))
