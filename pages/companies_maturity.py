"""The coordinator's view of the digital-maturity surveys: links, interviews, profiles, analysis."""

import streamlit as st

from ui.connection import join_address_check, join_base_url
from ui.forms import FieldErrors, attempt, submit_once
from ui.identity import coordinator_or_stop, staff_token
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.store import get_store
from ui.survey_form import dimension_labels, radar, show_scores, survey_steps
from ui.tabs import sections
from ui.text import plain
from workshop.companies import assessments
from workshop.companies import maturity
from workshop.companies.vocabulary import DIMENSIONS, SMALL_GROUP
from workshop.lengths import NAME_MAX, SHORT_MAX

t = translator()
coordinator_or_stop(t)
store = get_store()
token = staff_token()
PREFIX = "maturity"
labels = dimension_labels(t)  # the survey file names the dimensions, in both languages

st.title(t("survey.maturity.title"))
st.caption(t("survey.maturity.intro", n=SMALL_GROUP))

records = attempt(lambda: assessments.maturity_records(store, token), t) or ()


def when(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "–"


def score(value) -> str:
    return f"{value:.0f}" if value is not None else "–"


def surveys_tab() -> None:
    if not records:
        st.info(t("survey.maturity.no_companies"))
        return
    names = {c.id: c.name for c in records}
    company_id = st.selectbox(t("survey.maturity.company"), list(names), format_func=names.get, key=f"{PREFIX}_company", placeholder=t("common.choose"))
    company = next(c for c in records if c.id == company_id)

    link_col, interview_col = st.columns(2)
    with link_col:
        st.markdown(f"**{t('survey.maturity.link_title')}**")
        st.caption(t("survey.maturity.link_help"))
        join_address_check(t, None, token)  # a link a company's phone can open, not localhost
        if st.button(t("survey.maturity.make_link"), key=f"{PREFIX}_make_link", icon=":material/link:"):
            link = submit_once(f"{PREFIX}_link", {}, lambda: assessments.create_self_link(store, token, company_id), t, chosen={"company": company_id})
            if link is not None:
                st.session_state[f"{PREFIX}_new_link"] = (company_id, f"{join_base_url()}/enkat?kod={link.code}")
                st.rerun()  # the new survey then shows among those in progress
        shown = st.session_state.get(f"{PREFIX}_new_link")
        if shown and shown[0] == company_id:
            st.success(t("survey.maturity.link_made"), icon=":material/link:")
            st.code(shown[1], language=None)
    with interview_col:
        st.markdown(f"**{t('survey.maturity.interview_title')}**")
        errors = FieldErrors(t, form=f"{PREFIX}_interview_form")
        with st.form(f"{PREFIX}_interview_form"):
            interviewer = limited_text(t("field.survey_interviewer"), limit=NAME_MAX, t=t, key=kept(f"{PREFIX}_interview_form.interviewer"))
            errors.slot("survey_interviewer")
            occasion = limited_text(t("field.survey_occasion"), limit=SHORT_MAX, t=t, placeholder=t("survey.maturity.occasion_example"), key=kept(f"{PREFIX}_interview_form.occasion"))
            errors.slot("survey_occasion")
            started = st.form_submit_button(t("survey.maturity.start_interview"), icon=":material/record_voice_over:")
        if started:
            new = submit_once(
                f"{PREFIX}_interview_form", {"interviewer": interviewer, "occasion": occasion},
                lambda: assessments.start_interview(store, token, company_id, interviewer=interviewer, occasion=occasion), t, errors, chosen={"company": company_id},
            )
            if new is not None:
                forget_kept(f"{PREFIX}_interview_form.")
                st.session_state[f"{PREFIX}_filling"] = new
                st.rerun()

    filling = st.session_state.get(f"{PREFIX}_filling")
    open_ones = company.in_progress
    if open_ones:
        st.markdown(f"**{t('survey.maturity.in_progress')}**")
        for a in open_ones:
            label = t(f"survey.mode.{a.mode}") + f" · {when(a.started_at)}"
            if st.button(t("survey.maturity.fill", survey=label), key=f"{PREFIX}_fill_{a.id}"):
                st.session_state[f"{PREFIX}_filling"] = a.id
                st.rerun()
    if filling and any(a.id == filling for a in company.in_progress):
        state = attempt(lambda: assessments.survey_state(store, token, filling), t)
        if state is not None:
            st.subheader(t("survey.maturity.filling", company=state.company_name))
            if state.mode == "interview":
                st.caption(t("survey.maturity.interview_by", interviewer=plain(state.interviewer or ""), occasion=plain(state.occasion or "")))

            def save(question, value):
                return assessments.save_answer(store, filling, question, value, token=token)

            def submit():
                if attempt(lambda: assessments.submit(store, filling, token=token), t) is not None:
                    st.session_state.pop(f"{PREFIX}_filling", None)
                    st.rerun()

            with st.container(border=True):
                survey_steps(t, PREFIX, state, save, submit)

    profile = maturity.profile(company)
    st.subheader(t("survey.maturity.profile"))
    if profile.latest is None:
        st.info(t("survey.maturity.no_result"))
        return
    series = [(t("survey.radar.first", date=when(profile.first.submitted_at)), profile.first.scores)]
    if profile.latest is not profile.first:
        series.append((t("survey.radar.latest", date=when(profile.latest.submitted_at)), profile.latest.scores))
    radar(t, series, t("survey.radar.title", company=company.name))
    if profile.change:
        st.markdown(f"**{t('survey.maturity.change')}**")
        st.dataframe(
            [{t("survey.maturity.col.dimension"): labels[k] if k != "overall" else t("survey.overall"),
              t("survey.maturity.col.first"): score(profile.first.scores.get(k)), t("survey.maturity.col.latest"): score(profile.latest.scores.get(k)),
              t("survey.maturity.col.change"): f"{profile.change[k]:+.0f}" if k in profile.change else "–"} for k in (*DIMENSIONS, "overall")],
            hide_index=True,
        )
    else:
        show_scores(t, profile.latest.scores)
    st.markdown(f"**{t('survey.maturity.history')}**")
    st.dataframe(
        [{t("survey.maturity.col.mode"): t(f"survey.mode.{a.mode}"), t("survey.maturity.col.started"): when(a.started_at),
          t("survey.maturity.col.submitted"): when(a.submitted_at), t("survey.overall"): score(a.scores.get("overall")) if a.submitted_at else "–",
          t("field.needs"): ", ".join(t(f"survey.need.{n}") for n in a.needs)} for a in company.assessments],
        hide_index=True,
    )


def group_name(group) -> str:
    return group if group is not None else t("survey.aggregate.unknown")


def aggregates_tab() -> None:
    withheld = t("survey.aggregate.withheld", n=SMALL_GROUP)
    groups = {g: maturity.aggregates(records, g) for g in maturity.GROUPINGS}
    for grouping, rows in groups.items():
        st.subheader(t(f"survey.grouping.{grouping}"))
        if not rows:
            st.caption(t("survey.aggregate.none"))
            continue
        st.dataframe(
            [{t("survey.aggregate.group"): group_name(a.group), t("survey.aggregate.answers"): withheld if a.withheld else a.answers,
              **{labels[k]: (withheld if a.scores[k] is None else f"{a.scores[k]:.0f}") for k in DIMENSIONS},
              t("survey.overall"): withheld if a.scores["overall"] is None else f"{a.scores['overall']:.0f}"} for a in rows],
            hide_index=True,
        )
    sheets = maturity.aggregate_sheets(groups, t)
    csv_col, xlsx_col = st.columns(2)
    csv_col.download_button(t("survey.aggregate.download_csv"), maturity.export_aggregates(sheets, "csv"), file_name="digital-mognad.csv", mime="text/csv",
                            key=f"{PREFIX}_csv", icon=":material/download:")
    xlsx_col.download_button(t("survey.aggregate.download_xlsx"), maturity.export_aggregates(sheets, "xlsx"), file_name="digital-mognad.xlsx",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{PREFIX}_xlsx", icon=":material/download:")


def needs_tab() -> None:
    st.subheader(t("survey.needs_area.title"))
    for group in maturity.common_needs(records):
        if group.withheld:
            st.markdown(f"**{plain(group_name(group.group))}** — {t('survey.aggregate.withheld', n=SMALL_GROUP)}")
            continue
        ranked = ", ".join(t("survey.needs_area.item", need=t(f"survey.need.{n}"), count=c) for n, c in group.needs) or t("survey.needs_area.nothing")
        st.markdown(f"**{plain(group_name(group.group))}** ({t('survey.needs_area.answers', n=group.answers)}): {ranked}")
    st.subheader(t("survey.match.title"))
    found = maturity.matches(records)
    if not found:
        st.caption(t("survey.match.none"))
    for m in found:
        reasons = []
        if m.a_gets:
            reasons.append(t("survey.match.gets", needing=plain(m.a.name), offering=plain(m.b.name), needs=", ".join(t(f"survey.need.{n}") for n in m.a_gets)))
        if m.b_gets:
            reasons.append(t("survey.match.gets", needing=plain(m.b.name), offering=plain(m.a.name), needs=", ".join(t(f"survey.need.{n}") for n in m.b_gets)))
        where = t("survey.match.same_point", point=plain(m.a.development_point or "")) if m.same_point else t("survey.match.other_points")
        st.markdown(f"- **{plain(m.a.name)}** ↔ **{plain(m.b.name)}** ({where}): " + " ".join(reasons))


sections(f"{PREFIX}_tab", {t("survey.tab.surveys"): surveys_tab, t("survey.tab.aggregates"): aggregates_tab, t("survey.tab.needs"): needs_tab})
