"""LEADER constellations: for every idea, who could carry it together, and why."""

import pandas as pd
import streamlit as st

from ui.cards import table_html
from ui.fit import cached_fit, cached_plan, reason_text, verdict_controls
from ui.invitations import invite_section
from ui.language import translator
from ui.live import current_wall
from ui.network import analysis_revision, cached_readiness, network_scope_or_stop
from ui.tabs import sections
from ui.text import plain
from workshop.i18n import Translator
from workshop.network.constellations import PARTS
from workshop.network.plan import DEFAULT_CAPACITY
from workshop.services import analysis

t = translator()
scope = network_scope_or_stop(t)
st.title(t("constellations.title"))
st.caption(t("constellations.intro"))
if scope is not None:
    st.caption(t("network.scope_facilitator"))
    # A workshop's idea may be carried with partners from other meetings (docs/constellations.md).
    st.caption(t("constellations.scope_process"))
revision = analysis_revision(t)
fit = cached_fit(revision)
view = fit.view
found = fit.results
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


# The overview shows this many ideas at a time, best first; "Visa fler" adds as many again.
OVERVIEW_PAGE = 20


@st.cache_resource(show_spinner=False, max_entries=8)
def overview_rows(revision: int, language: str, scope: tuple[int, ...] | None) -> tuple[dict, ...]:
    """Every idea's state and best constellation, best score first.

    Built once per change, language and scope, for every session."""
    t = Translator(language)
    rows = []
    for idea_id, idea in ideas.items():
        result = found.get(idea_id)
        best = result.candidates[0] if result and result.candidates else None
        check = ready.get(idea_id)
        to_ask = result.ask if result and result.state == "insufficient" else ()
        rows.append(
            (
                -(best.score if best else 0.0),
                idea.title.casefold(),
                {
                    t("field.idea"): idea.title,
                    t("field.stage"): t.choice("stage", idea.stage),
                    t("fit.state"): t(f"fit.state.{result.state}") if result else "–",
                    t("constellations.best"): members_text(best.members) if best else "–",
                    t("constellations.score"): f"{best.score:.2f}" if best else "0.00",
                    t("constellations.ready"): f"{sum(c.passed for c in check.criteria)}/{len(check.criteria)}" if check else "–",
                    t("constellations.missing"): " · ".join(
                        [t.message(m) for m in to_ask] + [t.message(m.message) for m in (result.missing if result else ())]
                    ),
                },
            )
        )
    return tuple(row for *_order, row in sorted(rows, key=lambda r: (r[0], r[1])))


@st.cache_resource(show_spinner=False, max_entries=16)
def overview_html(revision: int, language: str, scope: tuple[int, ...] | None, shown: int) -> str:
    """The first ``shown`` rows of the overview as one escaped HTML table, a card per row on a phone (ui/tables.py)."""
    t = Translator(language)
    return table_html(t("constellations.tab.overview"), list(overview_rows(revision, language, scope)[:shown]), stacked=True)


def overview_section() -> None:
    # One escaped HTML block, not a data grid: a grid is a canvas the browser decodes and draws
    # again on every rerun, and a thousand ideas do not fit a phone anyway. Best first, a page
    # at a time, a card per idea on a phone; every value is escaped where the HTML is built (ui/tables.py).
    total = len(overview_rows(revision, t.language, scope))
    shown = min(total, st.session_state.setdefault("constellations_overview_shown", OVERVIEW_PAGE))
    st.html(overview_html(revision, t.language, scope, shown))
    if total > shown:
        st.caption(t("constellations.overview_shown", shown=shown, total=total))
        if st.button(t("constellations.overview_more", count=min(OVERVIEW_PAGE, total - shown)), key="constellations_overview_more"):
            st.session_state["constellations_overview_shown"] = shown + OVERVIEW_PAGE
            st.rerun()


def owner_settled(check) -> bool:
    """Someone has undertaken to own the project (the checklist's owner line, workshop.network.ownership)."""
    return check is not None and any(c.key == "owner" and c.passed for c in check.criteria)


@st.cache_resource(show_spinner=False, max_entries=64)
def member_reasons(revision: int, idea_id: int) -> dict:
    """Why each suggested member of the idea's constellations is there: once per change and idea, for every session."""
    result = found.get(idea_id)
    members = sorted({m for c in result.candidates for m in c.members}) if result else []
    return analysis.member_reasons(fit, idea_id, members)


def idea_section() -> None:
    chosen = st.selectbox(t("field.idea"), list(ideas), format_func=lambda i: ideas[i].title, key="constellations_idea", placeholder=t("common.choose"))
    idea = ideas[chosen]
    result = found.get(chosen)
    st.subheader(plain(idea.title))
    area = idea.leader_area or t("constellations.unknown_area")
    st.caption(t("constellations.idea_meta", locality=plain(idea.locality or "–"), area=plain(area)))

    state = result.state if result else "insufficient"
    shown = {"formed": st.success, "can_form": st.info, "insufficient": st.warning}[state]
    shown(f"**{t(f'fit.state.{state}')}** — {t(f'fit.state.{state}.help')}")
    # Whose idea it is: the proposer's organisation is in every constellation; a private person's
    # idea needs an organisation to own it (said once here, in the same words as the gaps).
    if idea.proposer_id is not None and idea.proposer_id in names:
        st.caption(t("proposer.initiator", name=plain(names[idea.proposer_id])))
    elif idea.proposed_by_private_person and not owner_settled(ready.get(chosen)):
        st.caption(t("ownership.private_proposer"))
    if result is not None and result.ask:
        st.markdown(f"#### {t('fit.ask_heading')}")
        st.markdown("\n".join(f"- {plain(t.message(m))}" for m in result.ask))

    if result is None or not result.candidates:
        st.warning(t("constellations.none"))
    else:
        reasons = member_reasons(revision, chosen)
        for rank, candidate in enumerate(result.candidates, start=1):
            with st.container(border=True):
                st.markdown(f"**{rank}. {plain(members_text(candidate.members))}** — {t('constellations.score')} {candidate.score:.2f}")
                st.markdown(
                    "\n".join(
                        f"- {t('fit.member_reason', name=plain(names.get(m, '?')), reason=plain(reason_text(t, reasons[m])))}"
                        for m in candidate.members
                    )
                )
                # The reason names the proposed owner already: said once per line.
                st.caption(plain(t.message(candidate.reason)))
                # One escaped block, not a data grid per constellation (a canvas drawn again on every rerun).
                st.html(
                    table_html(
                        t("constellations.parts_caption"),
                        [{t("constellations.part"): t(f"constellation.part.{p}"), t("constellations.value"): f"{candidate.parts[p]:.2f}", t("constellations.why"): t(f"constellation.part.{p}.help")} for p in PARTS],
                    )
                )

    feedback_section(chosen, idea, result)
    invite_section(t, fit, chosen, result, scope[0] if scope is not None else idea.workshop_id)

    if result is not None and result.missing:
        st.markdown(f"#### {t('constellations.missing_heading')}")
        for item in result.missing:
            who = members_text(item.could_fill[:5]) if item.could_fill else t("constellations.nobody_yet")
            st.markdown(f"- {plain(t.message(item.message))}  \n  {t('constellations.could_fill')} {plain(who)}")

    st.markdown(f"#### {t('fit.why_not.heading')}")
    picked = st.selectbox(
        t("fit.why_not.pick"), sorted(names, key=lambda o: names[o].casefold()), format_func=names.get, index=None,
        placeholder=t("placeholder.organisation"), key="constellations_why_not"
    )
    if picked is not None:
        st.markdown("\n".join(f"- {plain(t.message(m))}" for m in analysis.why_not(fit, chosen, picked)))

    check = ready.get(chosen)
    if check is not None:
        st.markdown(f"#### {t('constellations.readiness_heading')}")
        st.markdown(t("readiness.ready") if check.ready else t("readiness.not_ready"))
        for criterion in check.criteria:
            mark = "✅" if criterion.passed else "❌"
            st.markdown(f"{mark} **{t(f'readiness.criterion.{criterion.key}')}** — {plain(t.message(criterion.message))}")


def feedback_section(idea_id: int, idea, result) -> None:
    # A facilitator acts in their own workshop (the idea is on its wall); a coordinator in the idea's.
    verdict_controls(t, view.snapshot, names, idea_id, result, scope[0] if scope is not None else idea.workshop_id, "constellations")


def plan_section() -> None:
    plan = cached_plan(revision)
    st.caption(t("fit.plan.intro", default=DEFAULT_CAPACITY))
    served = sum(1 for e in plan.entries if e.constellation is not None)
    st.markdown(t("fit.plan.total", total=f"{plan.total:.2f}", served=served, ideas=len(plan.entries)))
    st.caption(t("fit.plan.optimal") if plan.optimal else t("fit.plan.gap", gap=f"{100 * plan.gap:.1f}"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("fit.plan.idea"): ideas[e.idea_id].title,
                    t("fit.plan.members"): members_text(e.constellation.members) if e.constellation else t("fit.plan.none"),
                    t("fit.plan.rank"): e.rank or 0,
                }
                for e in plan.entries
                if e.idea_id in ideas
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"#### {t('fit.plan.loads_heading')}")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("fit.plan.organisation"): names.get(load.organisation_id, "?"),
                    t("fit.plan.assigned"): load.assigned,
                    t("fit.plan.capacity"): load.capacity,
                    t("fit.plan.wanted"): load.wanted,
                }
                for load in plan.loads[:30]
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"#### {t('fit.plan.contested_heading')}")
    if not plan.contested:
        st.caption(t("fit.plan.nothing_contested"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("fit.plan.organisation"): names.get(c.organisation_id, "?"),
                        t("fit.plan.capacity"): c.capacity,
                        t("fit.plan.contested_ideas"): " · ".join(ideas[i].title for i in c.idea_ids if i in ideas),
                        t("fit.plan.granted"): " · ".join(ideas[i].title for i in c.granted if i in ideas),
                    }
                    for c in plan.contested[:30]
                ]
            ),
            hide_index=True,
            width="stretch",
        )


sections(
    "constellations_section",
    {t("constellations.tab.overview"): overview_section, t("constellations.tab.idea"): idea_section, t("fit.tab.plan"): plan_section},
)
