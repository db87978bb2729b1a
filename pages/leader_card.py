"""The LEADER card of an idea: what an application asks for, the check against the area's
rules for its kind of support, the self-check score and the application draft."""

import streamlit as st

from ui.forms import FieldErrors, attempt, succeeds
from ui.identity import current_staff, facilitated_workshop_or_stop, facilitator_token
from ui.kept import kept
from ui.language import translator
from ui.limits import limited_text
from ui.live import current_wall
from ui.store import get_store
from ui.tabs import sections
from ui.text import plain
from workshop.leader import COST_TYPES, HORIZONTAL
from workshop.leader import service as leader
from workshop.leader.check import split_params
from workshop.leader.rules import BENEFITS
from workshop.lengths import TEXT_MAX
from workshop.services.leader_facts import rulebook

t = translator()
store = get_store()
workshop_id = facilitated_workshop_or_stop(t)
token = facilitator_token()

st.title(t("leader.card.title"))
st.caption(t("leader.card.intro"))
if st.session_state.pop("leader_card_saved", None):
    st.success(t("leader.card.saved"))

board = current_wall(workshop_id, facilitator=True)
titles = {i.id: i.title for i in board.ideas}
if not titles:
    st.info(t("leader.card.no_ideas"))
    st.stop()
idea_id = st.selectbox(t("leader.card.pick_idea"), list(titles), format_func=titles.get, index=0, key="leader_card_idea", placeholder=t("common.choose"))
view = attempt(lambda: leader.card_view(store, workshop_id, token, idea_id), t)
if view is None:
    st.stop()
facts, card, check = view.facts, view.facts.card, view.check


def _index(options: list, value) -> int | None:
    return options.index(value) if value in options else None


def card_form() -> None:
    carried = next((i.carried for i in board.ideas if i.id == idea_id), False)
    if carried and not ((actor := current_staff()) is not None and actor.is_coordinator):
        st.info(t("carry.stays_home"))  # the card is the home meeting's; the check and score tabs show it
        return
    form = f"leader_card_form_{idea_id}"
    errors = FieldErrors(t, form)
    # The typed fields (amounts, hours, texts) are kept widgets that start from the stored card:
    # a failed save, a retry or a database outage loses none of them (ui/kept.py).
    with st.form(form):
        area_name = facts.leader_area
        if facts.crosses_boundary:
            place = rulebook().coverage(facts.locality)
            if place is not None and place.rest_unknown:  # part of the place is in no area: ask, do not guess
                st.warning(plain(t("leader.card.split_unknown", **split_params(place))), icon=":material/call_split:")
            else:
                st.warning(t("leader.card.boundary", locality=facts.locality), icon=":material/call_split:")
            area_name = st.selectbox(t("leader.field.leader_area"), list(view.areas), index=_index(list(view.areas), facts.leader_area), placeholder=t("common.choose"))
            errors.slot("leader_area")
        elif view.area is not None:
            st.markdown(plain(t("leader.card.area_by_place", area=view.area.area, locality=facts.locality or "")))
        else:
            st.warning(t("leader.card.no_area"))
        rules = rulebook().for_area(area_name)
        kinds = {k.key: k.name for k in rules.support_types} if rules else {}
        support_type = st.selectbox(t("leader.field.support_type"), list(kinds), format_func=kinds.get, index=_index(list(kinds), card.support_type), placeholder=t("common.choose"))
        errors.slot("support_type")
        benefit = st.radio(t("leader.field.benefit"), BENEFITS, format_func=lambda b: t(f"leader.benefit.{b}"), index=_index(list(BENEFITS), card.benefit), horizontal=True)
        errors.slot("benefit")
        st.markdown(f"**{t('leader.card.budget_heading')}**")
        budget = {}
        columns = st.columns(3)
        for n, cost in enumerate(COST_TYPES):
            budget[cost] = columns[n % 3].number_input(t(f"leader.cost.{cost}"), min_value=0, max_value=leader.MAX_SEK, step=1_000, key=kept(f"{form}.budget_{cost}", card.budget.get(cost, 0)))
        errors.slot("budget")
        sought = st.number_input(t("leader.field.support_sought_sek"), min_value=0, max_value=leader.MAX_SEK, step=1_000, key=kept(f"{form}.sought", card.support_sought_sek))
        errors.slot("support_sought_sek")
        st.markdown(f"**{t('leader.card.hours_heading')}**")
        given = dict(card.volunteer_hours)
        hours = {}
        if not facts.parties:
            st.caption(t("leader.card.no_parties"))
        for party in facts.parties:
            hours[party.id] = st.number_input(party.name, min_value=0, max_value=leader.MAX_HOURS, step=1, key=kept(f"{form}.hours_{party.id}", given.get(party.id, 0)))
        errors.slot("volunteer_hours")
        focus_areas = {f.key: f for f in rules.focus_areas} if rules else {}
        focus = st.selectbox(t("leader.field.focus_area"), list(focus_areas), format_func=lambda k: focus_areas[k].name, index=_index(list(focus_areas), card.focus_area), placeholder=t("common.choose"))
        errors.slot("focus_area")
        goals = sorted({g for f in focus_areas.values() for g in f.goals})
        goal = st.selectbox(t("leader.field.goal"), goals, index=_index(goals, card.goal), placeholder=t("common.choose"))
        errors.slot("goal")
        types = list(rulebook().national.innovation_types)
        innovation_type = st.selectbox(t("leader.field.innovation_type"), types, format_func=lambda k: t(f"leader.innovation.{k}"), index=_index(types, card.innovation_type), placeholder=t("common.choose"))
        errors.slot("innovation_type")
        innovation = limited_text(t("leader.field.innovation"), limit=TEXT_MAX, t=t, area=True, key=kept(f"{form}.innovation", card.innovation))
        errors.slot("innovation")
        horizontal = {h: limited_text(t(f"leader.horizontal.{h}"), limit=TEXT_MAX, t=t, area=True, height=80, key=kept(f"{form}.horizontal_{h}", card.horizontal.get(h, ""))) for h in HORIZONTAL}
        texts = {f: limited_text(t(f"leader.field.{f}"), limit=TEXT_MAX, t=t, area=True, height=80, key=kept(f"{form}.{f}", getattr(card, f))) for f in ("activities", "indicators", "long_term")}
        start = st.date_input(t("leader.field.planned_start"), value=card.planned_start, format="YYYY-MM-DD")
        errors.slot("planned_start")
        sole_trader = st.checkbox(t("leader.field.owner_sole_trader"), value=card.owner_sole_trader)
        save = st.form_submit_button(t("common.save"), type="primary")
    if save and succeeds(
        lambda: leader.save_card(
            store, workshop_id, token, idea_id,
            leader_area=area_name if facts.crosses_boundary else None, support_type=support_type, benefit=benefit, budget=budget,
            support_sought_sek=sought, volunteer_hours=hours, focus_area=focus, goal=goal, innovation_type=innovation_type,
            innovation=innovation, horizontal=horizontal, planned_start=start, owner_sole_trader=sole_trader, **texts,
        ),
        t,
        errors,
    ):
        st.session_state["leader_card_saved"] = True
        st.rerun()


def check_section() -> None:
    if check.ready:
        st.success(t("leader.card.ready"))
    else:
        st.warning(t("leader.card.not_ready", count=len(check.failed)))
    st.caption(t("leader.card.figures", total=t.number(check.total_sek), sought=t.number(check.sought_sek), hours=check.hours, value=t.number(check.volunteer_sek)))
    for line in check.lines:
        mark = "✅" if line.passed else "❌"
        shown = " · ".join(t.message(f) for f in line.facts)
        st.markdown(f"{mark} **{plain(t(f'leader.check.line.{line.key}'))}** — {plain(t.message(line.message))}" + (f" ({plain(shown)})" if shown else ""))


def score_section() -> None:
    st.info(t("leader.score.label"), icon=":material/fact_check:")
    if view.score is None:
        st.markdown(plain(t("leader.score.none", area=view.area.area if view.area else "—")))
        return
    score = view.score
    st.dataframe(
        [
            {t("leader.score.col.criterion"): line.name, t("leader.score.col.weight"): line.weight, t("leader.score.col.grade"): line.grade,
             t("leader.score.col.points"): line.points, t("leader.score.col.reason"): t.message(line.reason)}
            for line in score.lines
        ],
        hide_index=True,
    )
    if score.self_check:
        # The office has not published its criteria in full: say what this is built from.
        st.caption(t("leader.score.self_check_note", area=view.area.area))
    if score.threshold is None:
        st.markdown(plain(t("leader.score.total_no_threshold", points=score.points, max=score.max_points)))
    else:
        st.markdown(plain(t("leader.score.total", points=score.points, max=score.max_points, threshold=score.threshold)))
        st.markdown(plain(t("leader.score.reaches") if score.reaches_threshold else t("leader.score.below")))


def draft_section() -> None:
    st.caption(t("leader.draft.caption"))
    mimes = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "pdf": "application/pdf", "md": "text/markdown"}
    fmt = st.radio(t("field.format"), list(mimes), horizontal=True, key="leader_card_draft_format")
    from workshop.exchange.exports import file_name  # the exports load seconds of libraries; only this tab needs them

    name = file_name(facts.title, "md").rsplit(".", 1)[0] + f"-ansokan.{fmt}"
    staff = current_staff()
    # Names are the coordinator's choice; the service refuses them to anyone else as well.
    coordinator = staff is not None and staff.is_coordinator
    if coordinator and st.checkbox(t("leader.draft.with_names"), key="leader_card_draft_names", help=t("leader.draft.with_names_help")):
        # Written (and recorded in the audit trail) when pressed, not on every rerun of the page.
        st.download_button(
            t("leader.draft.download_named", format=fmt.upper()),
            data=lambda: leader.application_draft(store, idea_id, fmt, token=token, personal_data=True),
            file_name=name, mime=mimes[fmt], on_click="ignore", key="leader_card_draft_named",
        )
        return
    data = attempt(lambda: leader.application_draft(store, idea_id, fmt), t)
    if data is not None:
        st.download_button(t("leader.draft.download", format=fmt.upper()), data, file_name=name, mime=mimes[fmt])


sections(
    "leader_card_section",
    {t("leader.card.tab.card"): card_form, t("leader.card.tab.check"): check_section, t("leader.card.tab.score"): score_section, t("leader.card.tab.draft"): draft_section},
)
