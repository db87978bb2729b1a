"""The digital-maturity survey a company fills in on its own: a link with ``?kod=``, no account.

Works on a phone: one step at a time, every answer saved as it is given, and a reload (the
code stays in the address) opens the survey where it was left.
"""

import streamlit as st

from ui.connection import client
from ui.forms import FieldErrors, attempt
from ui.kept import forget_kept, kept
from ui.language import translator
from ui.limits import limited_text
from ui.store import get_store
from ui.survey_form import radar, show_scores, survey_steps
from ui.text import plain
from workshop.companies import assessments
from workshop.errors import DatabaseUnavailable
from workshop.lengths import CODE_MAX
from workshop.security import normalise_join_code

t = translator()
store = get_store()
CODE = "survey_code"

st.title(t("survey.title"))


def use_code(code: str) -> None:
    st.session_state[CODE] = code
    st.query_params["kod"] = code  # a reload, or a bookmark, keeps the survey


code = st.session_state.get(CODE) or st.query_params.get("kod")
state = None
errors = FieldErrors(t)
if code:
    # A database outage is not a wrong code: it goes on to the entry file (the message, and the
    # page comes back by itself), so the code stays in the address and the answers are kept.
    state = attempt(lambda: assessments.open_survey(store, code, client=client()), t, errors, passthrough=(DatabaseUnavailable,))
    if state is None:  # a wrong code, or one that must wait: ask again
        st.session_state.pop(CODE, None)
        st.query_params.pop("kod", None)
    else:
        st.session_state[CODE] = code

if state is None:
    st.markdown(t("survey.intro"))
    with st.form("survey_code_form"):
        typed = limited_text(t("survey.code.label"), limit=CODE_MAX, t=t, cut=False, placeholder="ABCD-EFGH-JKMN", key=kept("survey_code_form.code"))
        errors.slot("code")
        opened = st.form_submit_button(t("survey.code.open"), type="primary", width="stretch")
    if opened:
        found = attempt(lambda: assessments.open_survey(store, typed, client=client()), t, errors)
        if found is not None:
            folded = normalise_join_code(typed)
            use_code("-".join(folded[i : i + 4] for i in range(0, len(folded), 4)))
            forget_kept("survey_code_form.")  # in the address now; not left in a shared browser
            st.rerun()
    st.stop()

st.caption(t("survey.for_company", company=plain(state.company_name)))
if state.submitted:
    st.success(t("survey.thanks"), icon=":material/task_alt:")
    show_scores(t, state.scores)
    radar(t, [(t("survey.radar.this"), state.scores or {})], t("survey.radar.title", company=state.company_name))
    st.caption(t("survey.submitted_final"))
    st.stop()


def save(question, value):
    return assessments.save_answer(store, code, question, value, client=client())


def submit():
    if attempt(lambda: assessments.submit(store, code, client=client()), t) is not None:
        st.rerun()


survey_steps(t, "survey", state, save, submit)
