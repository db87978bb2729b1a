"""The LEADER rules the check reads: every area's file, each rule with its source and date."""

import streamlit as st

from ui.identity import coordinator_or_stop
from ui.language import translator
from ui.text import plain
from workshop.services.leader_facts import rulebook

t = translator()
coordinator_or_stop(t)
book = rulebook()

st.title(t("leader.rules.title"))
st.caption(t("leader.rules.intro"))

national = book.national
st.subheader(t("leader.rules.national", period=next(iter(book.areas.values())).period if book.areas else ""))
st.markdown(plain(t(
    "leader.rules.rates",
    public=f"{national.public_rate[0]}–{national.public_rate[1]} %",
    commercial=f"{national.commercial_rate[0]}–{national.commercial_rate[1]} %",
    cap=t.number(national.commercial_support_cap_sek),
)))
st.dataframe(
    [{t("leader.rules.col.name"): name, t("leader.rules.col.source"): rule.source, t("leader.rules.col.checked"): rule.checked.isoformat()} for name, rule in national.rules.items()],
    hide_index=True,
    column_config={t("leader.rules.col.source"): st.column_config.LinkColumn()},
)


def volunteer(kind) -> str:
    if kind.volunteer_percent == 0:
        return t("leader.rules.volunteer_none")
    return t(f"leader.rules.volunteer_{kind.volunteer_basis}", percent=kind.volunteer_percent)


def support(kind) -> str:
    low = f"{t.number(kind.min_support_sek)}–" if kind.min_support_sek else ""
    return f"{low}{t.number(kind.max_support_sek)}" if kind.max_support_sek else "—"


for area in book.areas.values():
    st.subheader(t("leader.rules.area", area=area.area, period=area.period, file=area.file_name))
    st.markdown(plain(t("leader.rules.hour_value", value=area.hour_value_sek)))
    if "coverage" in area.rules and area.rules["coverage"].note:
        st.caption(area.rules["coverage"].note)
    st.markdown(f"**{t('leader.rules.support_types')}**")
    st.dataframe(
        [
            {
                t("leader.rules.col.name"): k.name, t("leader.rules.col.support"): support(k), t("leader.rules.col.rate"): f"{k.max_rate_percent} %",
                t("leader.rules.col.volunteer"): volunteer(k), t("leader.rules.col.investments"): t.number(k.investment_max_sek) if k.investment_max_sek else "—",
                t("leader.rules.col.partners"): k.min_partners,
                t("leader.rules.col.applicants"): ", ".join(t(f"legal_form.{a}") for a in k.applicants) or t("leader.rules.national_list"),
                t("leader.rules.col.source"): k.rule.source, t("leader.rules.col.checked"): k.rule.checked.isoformat(),
            }
            for k in area.support_types
        ],
        hide_index=True,
        column_config={t("leader.rules.col.source"): st.column_config.LinkColumn()},
    )
    st.markdown(f"**{t('leader.rules.focus_areas')}**")
    st.dataframe(
        [{t("leader.rules.col.focus"): f.name, t("leader.rules.col.goals"): "; ".join(f.goals), t("leader.rules.col.source"): f.rule.source,
          t("leader.rules.col.checked"): f.rule.checked.isoformat()} for f in area.focus_areas],
        hide_index=True,
        column_config={t("leader.rules.col.source"): st.column_config.LinkColumn()},
    )
    if area.selection is not None:
        selection = area.selection
        st.markdown(f"**{t('leader.rules.selection')}**")
        if selection.self_check:
            st.caption(t("leader.rules.selection_self_check", scale=selection.scale_max, max=selection.max_points))
        else:
            st.caption(t("leader.rules.selection_rule", scale=selection.scale_max, max=selection.max_points, threshold=selection.threshold))
        st.dataframe(
            [
                {t("leader.rules.col.criterion"): c.name, t("leader.rules.col.weight"): c.weight,
                 t("leader.rules.col.source"): (c.rule or selection.rule).source, t("leader.rules.col.checked"): (c.rule or selection.rule).checked.isoformat()}
                for c in selection.criteria
            ],
            hide_index=True,
            column_config={t("leader.rules.col.source"): st.column_config.LinkColumn()},
        )

# Places an area boundary splits: what each area's own page says, and the part none claims.
places = book.split_places()
if places:
    st.subheader(t("leader.rules.places"))
    rows = []
    for place in places:
        said = [t("leader.rules.place_part", part=part, area=area) for area, part in place.parts]
        said += [t("leader.rules.place_excluded", area=area, locality=place.locality) for area in place.excluded_by]
        if place.rest_unknown:
            said.append(t("leader.rules.place_rest_unknown", locality=place.locality))
        rows.append({t("leader.rules.col.place"): place.locality, t("leader.rules.col.says"): " · ".join(said)})
    st.dataframe(rows, hide_index=True)
    for place in places:
        if place.rest_unknown:
            st.warning(plain(t("leader.rules.place_rest_unknown", locality=place.locality)), icon=":material/help:")
