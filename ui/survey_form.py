"""The survey's questions as widgets, shared by the self-fill page and the interviewer's page.

One step at a time (a dimension, then the needs), big touch targets, every answer saved the
moment it changes (a callback calls ``save``) with a small "Sparat" under the question.
Widget values start from the stored answers the first time a survey is shown in a browser
session, so a reload shows what was saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui.forms import describe_error
from ui.kept import kept
from ui.limits import limited_text
from ui.recovery import recover_when_database_answers
from ui.text import esc, plain
from workshop.companies.assessments import COMMENT_FIELD, COMMENT_MAX, NEEDS_FIELD, OFFERS_FIELD, SurveyState
from workshop.companies.questions import SCALE_MAX, Question, survey
from workshop.companies.radar import radar_svg
from workshop.companies.scoring import answered_count
from workshop.companies.vocabulary import DIMENSIONS, NEEDS
from workshop.errors import DatabaseUnavailable, ServiceError
from workshop.i18n import Translator

__all__ = ["STEPS", "survey_steps", "show_scores", "dimension_labels", "radar"]

STEPS = (*DIMENSIONS, "needs")
# Radio buttons and checkboxes as big as a thumb, on a phone as on a desktop.
_TOUCH_CSS = """<style>
.st-key-{prefix}-form [data-testid="stRadioOption"], .st-key-{prefix}-form [data-testid="stCheckbox"] label {{
  min-height: 44px; align-items: center; width: 100%; }}
.st-key-{prefix}-form [data-testid="stRadioOption"] > div > div:first-child,
.st-key-{prefix}-form [data-testid="stCheckbox"] label > div:first-of-type {{ transform: scale(1.3); margin-right: 8px; }}
.st-key-{prefix}-form [data-testid="stRadioGroup"] {{ gap: 2px; }}
.st-key-{prefix}-form .stButton button {{ min-height: 48px; }}
/* The 0-5 scale: each number under its own circle, six equal columns, the meaning of the ends
   under the first and the last, so "0 ◯ 1 ◯" cannot be read as the wrong pair on a phone. */
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stElementContainer"],
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadio"] {{ width: 100% !important; }}
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadioGroup"] {{
  display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 0; width: 100%; }}
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadioOption"] {{ justify-content: center; width: 100%; margin: 0; }}
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadioOption"] > div {{
  display: flex; flex-direction: column; align-items: center; gap: 6px; }}
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadioOption"] > div > div:first-child {{ margin-right: 0; }}
.st-key-{prefix}-form [class*="st-key-scale-"] [data-testid="stRadioOption"] [data-testid="stMarkdownContainer"] p {{
  font-weight: 700; text-align: center; margin: 0; }}
.st-key-{prefix}-form .pb-scale-ends {{ display: flex; justify-content: space-between; gap: 1em; font-size: .875rem; margin: 0; }}
.st-key-{prefix}-form .pb-scale-ends span:last-child {{ text-align: right; }}
</style>"""


def dimension_labels(t: Translator) -> dict[str, str]:
    return {d: survey().dimension(d).text(t.language) for d in DIMENSIONS}


def radar(t: Translator, series, title: str) -> None:
    # An image, not st.html: Streamlit's HTML sanitiser drops SVG, and as an image no text in it can run.
    labels = dimension_labels(t)
    # Its text alternative (WCAG 1.1.1): every score of every series, as the picture shows them.
    values = "; ".join(
        t("a11y.radar.series", name=name, scores=", ".join(f"{labels[d]} {scores[d]:.0f}" for d in DIMENSIONS if scores.get(d) is not None))
        for name, scores in series
    )
    st.image(radar_svg(series, labels, title=title), width=360, alt=t("a11y.radar.alt", title=title, values=values))
    st.caption(plain(" · ".join(name for name, _ in series)))  # the legend as text too


def show_scores(t: Translator, scores: dict[str, float] | None) -> None:
    """Each dimension's score and the overall one, in words a one-person company reads."""
    scores = scores or {}
    lines = []
    for d in DIMENSIONS:
        value = scores.get(d)
        shown = t("survey.score.value", score=f"{value:.0f}") if value is not None else t("survey.score.none")
        lines.append(f"- **{plain(survey().dimension(d).text(t.language))}**: {shown}")
    st.markdown("\n".join(lines))
    overall = scores.get("overall")
    st.metric(t("survey.overall"), f"{overall:.0f} / 100" if overall is not None else "–")
    if overall is None:
        st.caption(t("survey.score.no_overall"))


def _key(prefix: str, state: SurveyState, name: str) -> str:
    return f"{prefix}_{state.assessment_id}_{name}"


def _cut_in_place(key: str, limit: int) -> str:
    """In a widget's own callback: its text cut at ``limit``, put back in the field."""
    st.session_state[key] = st.session_state[key][:limit]
    return st.session_state[key]


def _saver(t: Translator, prefix: str, state: SurveyState, save: Callable[[str, Any], Any], field: str, read: Callable[[], Any]):
    def changed() -> None:
        saved, errors = f"{prefix}_saved", f"{prefix}_errors"
        st.session_state[errors] = {}
        value = read()
        try:
            save(field, value)
        except DatabaseUnavailable:
            # The answer stays chosen (a kept widget) and waits: it is saved once the database answers.
            _pending(prefix, state)[field] = value
            st.session_state[f"{prefix}_pending_new"] = True
            st.session_state[errors] = {field: t("kept.survey_pending")}
            st.session_state[saved] = None
        except ServiceError as error:
            st.session_state[errors] = {field: describe_error(t, error)}
            st.session_state[saved] = None
        else:
            _pending(prefix, state).pop(field, None)
            st.session_state[saved] = field

    return changed


def _pending(prefix: str, state: SurveyState) -> dict[str, Any]:
    """This survey's answers given while the database was away, by field: saved once it answers."""
    return st.session_state.setdefault(_key(prefix, state, "pending"), {})


def _save_pending(t: Translator, prefix: str, state: SurveyState, save: Callable[[str, Any], Any]) -> None:
    """Save the answers that waited for the database; while it is still away, wait on.

    Not in the run whose own save just met the outage (it waited its turn already): the page
    then polls the database (ui/recovery.py) and comes back here when it answers.
    """
    pending = _pending(prefix, state)
    if not pending:
        return
    if not st.session_state.pop(f"{prefix}_pending_new", False):
        for field, value in list(pending.items()):
            try:
                save(field, value)
            except DatabaseUnavailable:
                break
            except ServiceError as error:
                del pending[field]
                st.session_state[f"{prefix}_errors"] = {field: describe_error(t, error)}
            else:
                del pending[field]
                st.session_state[f"{prefix}_errors"] = {}
                st.session_state[f"{prefix}_saved"] = field
        if not pending:
            st.rerun()  # saved: the progress and the stored answers are read again
    recover_when_database_answers(t, back="kept.survey_back")


def _feedback(t: Translator, prefix: str, field: str) -> None:
    error = (st.session_state.get(f"{prefix}_errors") or {}).get(field)
    if error:
        st.error(error, icon=":material/error:")
    elif st.session_state.get(f"{prefix}_saved") == field:
        st.caption(f":material/check_circle: {t('survey.saved')}")


def _question(t: Translator, prefix: str, state: SurveyState, question: Question, save) -> None:
    lang = t.language
    stored = state.answers.get(question.id)
    st.markdown(f"**{plain(question.text(lang))}**")
    if question.help(lang):
        st.caption(plain(question.help(lang)))
    # Kept widgets that start from the stored answers: an answer that waits for the database
    # stays chosen even through a run that could not draw the question (ui/kept.py).
    if question.type == "single":
        key = kept(_key(prefix, state, question.id), stored if stored in [o.key for o in question.options] else None)
        labels = {o.key: o.text(lang) for o in question.options}
        st.radio(question.text(lang), [o.key for o in question.options], index=None, format_func=labels.get, key=key, label_visibility="collapsed",
                 on_change=_saver(t, prefix, state, save, question.id, lambda: st.session_state[key]))
    elif question.type == "scale":
        key = kept(_key(prefix, state, question.id), stored if isinstance(stored, int) else None)
        with st.container(key=f"scale-{prefix}-{question.id}"):
            st.radio(question.text(lang), list(range(SCALE_MAX + 1)), index=None, horizontal=True, key=key, label_visibility="collapsed",
                     on_change=_saver(t, prefix, state, save, question.id, lambda: st.session_state[key]))
            st.html(
                f'<p class="pb-scale-ends"><span>{esc(t("forgive.scale_low", low=question.low(lang)))}</span>'
                f'<span>{esc(t("forgive.scale_high", high=question.high(lang), max=SCALE_MAX))}</span></p>'
            )
    else:
        ticked = set(stored or ())
        keys = {o.key: kept(_key(prefix, state, f"{question.id}__{o.key}"), o.key in ticked) for o in question.options}

        def chosen(changed_option: str) -> Callable[[], list[str]]:
            def read() -> list[str]:
                # "None of these" unticks the others, and the others untick it.
                option = question.option(changed_option)
                if st.session_state[keys[changed_option]]:
                    for other in question.options:
                        if other.key != changed_option and (option.exclusive or other.exclusive):
                            st.session_state[keys[other.key]] = False
                return [o.key for o in question.options if st.session_state[keys[o.key]]]

            return read

        for option in question.options:
            st.checkbox(option.text(lang), key=keys[option.key], on_change=_saver(t, prefix, state, save, question.id, chosen(option.key)))
    _feedback(t, prefix, question.id)


def _needs_step(t: Translator, prefix: str, state: SurveyState, save) -> None:
    for field, stored in ((NEEDS_FIELD, state.needs), (OFFERS_FIELD, state.offers)):
        st.markdown(f"**{t(f'survey.{field}.question')}**")
        st.caption(t(f"survey.{field}.help"))
        keys = {n: kept(_key(prefix, state, f"{field}__{n}"), n in stored) for n in NEEDS}
        for need in NEEDS:
            st.checkbox(t(f"survey.need.{need}"), key=keys[need], help=None,
                        on_change=_saver(t, prefix, state, save, field, lambda keys=keys: [n for n in NEEDS if st.session_state[keys[n]]]))
            st.caption(t(f"survey.need_help.{need}"))
        _feedback(t, prefix, field)
    key = kept(_key(prefix, state, COMMENT_FIELD), state.comment)
    # Saved as it changes: a paste over the limit is saved cut, as the counter under it said,
    # and the field shows what was saved.
    limited_text(t("survey.comment.label"), COMMENT_MAX, t=t, area=True, key=key, help=None,
                 on_change=_saver(t, prefix, state, save, COMMENT_FIELD, lambda: _cut_in_place(key, COMMENT_MAX)))
    st.caption(t("survey.comment.help"))
    _feedback(t, prefix, COMMENT_FIELD)


def _first_open_step(state: SurveyState) -> int:
    for number, dimension in enumerate(DIMENSIONS):
        if any(q.id not in state.answers for q in survey().in_dimension(dimension)):
            return number
    return len(STEPS) - 1


def survey_steps(t: Translator, prefix: str, state: SurveyState, save: Callable[[str, Any], Any], submit: Callable[[], Any]) -> None:
    """The survey in progress, one step at a time, with the progress and the way on."""
    step_key = f"{prefix}_{state.assessment_id}_step"
    if step_key not in st.session_state:
        st.session_state[step_key] = _first_open_step(state)  # a reload continues where it was left
    step = max(0, min(len(STEPS) - 1, int(st.session_state[step_key])))
    _save_pending(t, prefix, state, save)
    st.html(_TOUCH_CSS.format(prefix=prefix))
    answered, total = answered_count(state.answers)
    st.progress(answered / total, text=t("survey.progress", step=step + 1, steps=len(STEPS), answered=answered, total=total))
    with st.container(key=f"{prefix}-form"):
        name = STEPS[step]
        if name == "needs":
            st.subheader(t("survey.needs.title"))
            _needs_step(t, prefix, state, save)
        else:
            dimension = survey().dimension(name)
            st.subheader(dimension.text(t.language))
            st.caption(plain(dimension.intro(t.language)))
            for question in survey().in_dimension(name):
                _question(t, prefix, state, question, save)
                st.divider()

        def go(to: int) -> Callable[[], None]:
            def move() -> None:
                st.session_state[step_key] = to
                st.session_state[f"{prefix}_saved"] = None

            return move

        back, forward = st.columns(2)
        if step > 0:
            back.button(t("survey.back"), key=f"{prefix}_back", on_click=go(step - 1), width="stretch", icon=":material/arrow_back:")
        if step < len(STEPS) - 1:
            forward.button(t("survey.next"), key=f"{prefix}_next", on_click=go(step + 1), width="stretch", type="primary", icon=":material/arrow_forward:")
        else:
            if answered < total:
                st.caption(t("survey.submit_unanswered", missing=total - answered))
            if forward.button(t("survey.submit"), key=f"{prefix}_submit", width="stretch", type="primary", icon=":material/send:"):
                submit()
    st.html(f'<p style="color:#666;font-size:0.85em">{esc(t("survey.autosave"))}</p>')
