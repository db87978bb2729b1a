"""LEADER constellations: for every idea, who could carry it together, and why."""

import pandas as pd
import streamlit as st

from pages._shared import (
    Translator,
    cached_constellations,
    cached_readiness,
    cached_view,
    current_wall,
    network_scope_or_stop,
    plain,
    process_revision,
    sections,
    translator,
)
from workshop.network import PARTS

t = translator()
scope = network_scope_or_stop(t)
st.title(t("constellations.title"))
st.caption(t("constellations.intro"))
if scope is not None:
    st.caption(t("network.scope_facilitator"))
revision = process_revision()
view = cached_view(revision)
found = cached_constellations(revision)
ready = cached_readiness(revision)
names = view.names
ideas = {i.id: i for i in view.snapshot.ideas}
if scope is not None:  # a facilitator: the ideas on their own wall (carried ones too)
    on_wall = {card.id for card in current_wall(scope[0]).ideas}
    ideas = {idea_id: idea for idea_id, idea in ideas.items() if idea_id in on_wall}

if not ideas:
    st.info(t("wall.empty"))
    st.stop()


def members_text(members) -> str:
    return ", ".join(names.get(m, "?") for m in members)


@st.cache_data(show_spinner=False, max_entries=8)
def overview_table(revision: int, language: str, scope: tuple[int, ...] | None) -> pd.DataFrame:
    """Every idea's best constellation: built once per change, language and scope, for every session."""
    t = Translator(language)
    rows = []
    for idea_id, idea in ideas.items():
        result = found.get(idea_id)
        best = result.candidates[0] if result and result.candidates else None
        check = ready.get(idea_id)
        rows.append(
            {
                t("field.idea"): idea.title,
                t("field.stage"): t.choice("stage", idea.stage),
                t("constellations.best"): members_text(best.members) if best else "–",
                t("constellations.score"): round(best.score, 2) if best else 0.0,
                t("constellations.can_form"): bool(best),
                t("constellations.ready"): f"{sum(c.passed for c in check.criteria)}/{len(check.criteria)}" if check else "–",
                t("constellations.missing"): " · ".join(t.message(m.message) for m in result.missing) if result else "",
            }
        )
    return pd.DataFrame(rows).sort_values(t("constellations.score"), ascending=False)


def overview_section() -> None:
    # A dataframe shows user text as text, and lets the coordinator sort by any column.
    st.dataframe(overview_table(revision, t.language, scope), hide_index=True, width="stretch")


def idea_section() -> None:
    chosen = st.selectbox(t("field.idea"), list(ideas), format_func=lambda i: ideas[i].title, key="constellations_idea")
    idea = ideas[chosen]
    result = found.get(chosen)
    st.subheader(plain(idea.title))
    area = idea.leader_area or t("constellations.unknown_area")
    st.caption(t("constellations.idea_meta", locality=plain(idea.locality or "–"), area=plain(area)))

    if result is None or not result.candidates:
        st.warning(t("constellations.none"))
    else:
        for rank, candidate in enumerate(result.candidates, start=1):
            with st.container(border=True):
                st.markdown(f"**{rank}. {plain(members_text(candidate.members))}** — {t('constellations.score')} {candidate.score:.2f}")
                st.markdown(plain(t.message(candidate.reason)))
                st.caption(t("constellations.owner", owner=plain(names.get(candidate.owner_id, "?"))))
                st.dataframe(
                    pd.DataFrame(
                        [{t("constellations.part"): t(f"constellation.part.{p}"), t("constellations.value"): round(candidate.parts[p], 2), t("constellations.why"): t(f"constellation.part.{p}.help")} for p in PARTS]
                    ),
                    hide_index=True,
                    width="stretch",
                )

    if result is not None and result.missing:
        st.markdown(f"#### {t('constellations.missing_heading')}")
        for item in result.missing:
            who = members_text(item.could_fill[:5]) if item.could_fill else t("constellations.nobody_yet")
            st.markdown(f"- {plain(t.message(item.message))}  \n  {t('constellations.could_fill')} {plain(who)}")

    check = ready.get(chosen)
    if check is not None:
        st.markdown(f"#### {t('constellations.readiness_heading')}")
        st.markdown(t("readiness.ready") if check.ready else t("readiness.not_ready"))
        for criterion in check.criteria:
            mark = "✅" if criterion.passed else "❌"
            st.markdown(f"{mark} **{t(f'readiness.criterion.{criterion.key}')}** — {plain(t.message(criterion.message))}")


sections("constellations_section", {t("constellations.tab.overview"): overview_section, t("constellations.tab.idea"): idea_section})
