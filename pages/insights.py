"""Network insights: brokers, isolated organisations, groups, ideas short of partners,
suggested introductions and how the network grew from meeting to meeting."""

import pandas as pd
import streamlit as st

from ui.language import translator
from ui.network import cached_insights, network_page
from ui.tabs import sections
from ui.text import plain
from workshop.i18n import Translator
from workshop.network.metrics import METRIC_EXPLANATIONS

t = translator()
revision, filter_key, view = network_page(t, "insights.title", "insights")
insights = cached_insights(revision, filter_key)
names = view.names


@st.cache_data(show_spinner=False, max_entries=16)
def broker_table(revision: int, filter_key: tuple, language: str) -> pd.DataFrame:
    # Built once per change and language, not on every rerun of every session.
    t = Translator(language)
    return pd.DataFrame(
        [
            {
                t("field.organisation"): names.get(b.organisation_id, "?"),
                t("insights.betweenness"): round(b.betweenness, 3),
                t("insights.constraint"): None if b.constraint is None else round(b.constraint, 2),
                t("insights.effective_size"): None if b.effective_size is None else round(b.effective_size, 1),
                t("insights.contacts"): insights.strength[b.organisation_id].degree if b.organisation_id in insights.strength else 0,
                t("insights.strength"): round(insights.strength[b.organisation_id].strength, 2) if b.organisation_id in insights.strength else 0,
                t("insights.why"): t.message(b.reason),
            }
            for b in insights.brokers[:25]
        ]
    )


@st.cache_data(show_spinner=False, max_entries=16)
def growth_table(revision: int, filter_key: tuple, language: str) -> pd.DataFrame:
    t = Translator(language)
    return pd.DataFrame(
        [
            {
                t("insights.meeting"): g.sequence,
                t("insights.organisations"): g.organisations,
                t("insights.links"): g.edges,
                t("insights.ideas"): g.ideas,
                t("insights.density"): round(g.density, 3),
            }
            for g in insights.growth
        ]
    )

with st.expander(t("insights.explanations")):
    for key in METRIC_EXPLANATIONS.values():
        st.markdown(f"- {t(key)}")



def brokers_section() -> None:
    st.caption(t("network.metric.betweenness"))
    st.dataframe(broker_table(revision, filter_key, t.language), hide_index=True, width="stretch")
    st.markdown(f"#### {t('insights.isolated')}")
    st.caption(t("network.metric.isolated"))
    if insights.isolated:
        st.markdown(plain(", ".join(names.get(n, "?") for n in insights.isolated)))
    else:
        st.caption(t("insights.none"))


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
        frame = growth_table(revision, filter_key, t.language)
        st.line_chart(frame.set_index(t("insights.meeting"))[[t("insights.organisations"), t("insights.links"), t("insights.ideas")]])
        st.dataframe(frame, hide_index=True, width="stretch")


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
