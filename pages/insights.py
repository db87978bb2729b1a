"""Network insights: brokers, isolated organisations, groups, ideas short of partners,
suggested introductions and how the network grew from meeting to meeting."""

import streamlit as st

from ui.insight_tables import brokers_html, growth_frame, growth_html
from ui.language import translator
from ui.network import cached_insights, network_page
from ui.tabs import sections
from ui.text import plain
from workshop.network.metrics import METRIC_EXPLANATIONS

t = translator()
revision, filter_key, view = network_page(t, "insights.title", "insights")
insights = cached_insights(revision, filter_key)
names = view.names

# Folded, its text is not built or sent (an expander that reruns on change runs its content lazily).
explained = st.expander(t("insights.explanations"), key="insights_explanations", on_change="rerun")
if explained.open:
    with explained:
        st.markdown("\n".join(f"- {t(key)}" for key in METRIC_EXPLANATIONS.values()))


def brokers_section() -> None:
    st.caption(t("network.metric.betweenness"))
    # The table and the organisations without a link: one escaped block, built once per analysis.
    st.html(brokers_html(revision, filter_key, t.language))


def groups_section() -> None:
    st.caption(t("network.metric.community"))
    groups = [
        f"**{t('insights.group', number=number, count=len(group))}** — " + plain(", ".join(sorted(names.get(n, "?") for n in group)))
        for number, group in enumerate(insights.communities, start=1)
        if len(group) >= 2
    ]
    # One block of text rather than one element per group: a big network has dozens.
    st.markdown("\n\n".join(groups) if groups else t("insights.none"))


def gaps_section() -> None:
    if not insights.partner_gaps:
        st.success(t("insights.no_gaps"))
        return
    st.markdown("\n".join(f"- {plain(t.message(gap.message))}" for gap in insights.partner_gaps))


def introductions_section() -> None:
    st.caption(t("network.metric.introduction"))
    if not insights.introductions:
        st.caption(t("insights.none"))
        return
    lines = []
    for intro in insights.introductions[:30]:
        pair = f"{names.get(intro.organisation_a, '?')} ↔ {names.get(intro.organisation_b, '?')}"
        reasons = " ".join(t.message(r) for r in intro.reasons)
        lines.append(f"**{plain(pair)}**  \n{plain(reasons)}")
    st.markdown("\n\n".join(lines))


def growth_section() -> None:
    st.caption(t("insights.growth_intro"))
    if insights.growth:
        st.line_chart(growth_frame(revision, filter_key, t.language))
        st.html(growth_html(revision, filter_key, t.language))


sections(
    "insights_section",
    {
        t("insights.tab.brokers"): brokers_section,
        t("insights.tab.groups"): groups_section,
        t("insights.tab.gaps"): gaps_section,
        t("insights.tab.introductions"): introductions_section,
        t("insights.tab.growth"): growth_section,
    },
)
