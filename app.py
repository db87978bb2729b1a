"""Projektberedskap: the entry file. Builds the menus by role and runs the chosen page.

Start with ``streamlit run app.py``. The database comes from
``$PROJEKTBEREDSKAP_DATABASE_URL`` (default: a SQLite file under ``data/``).
"""

import streamlit as st

from ui.accessibility import accessible_document, statement_link
from ui.cookies import write_cookies
from ui.failure import report_unexpected
from ui.identity import current_participant, current_staff, facilitated_workshop
from ui.kept import remember_typed_input
from ui.language import language_picker, translator
from ui.limits import live_counters
from ui.menu import menu_page
from ui.navigation import (
    close_menu_after_navigation,
    not_found_notice,
    not_found_page,
    settle_first_start_deep_link,
    take_pending_page,
    unknown_address,
)
from ui.recovery import database_back_notice, database_trouble
from ui.store import cached_demo_present
from workshop.errors import DatabaseUnavailable

st.set_page_config(page_title="Projektberedskap", page_icon="🌱", layout="wide")

remember_typed_input()  # before anything can meet a database outage: what was typed is kept
t = translator()
settle_first_start_deep_link()
write_cookies()
try:
    participant = current_participant()
    staff = current_staff()
    facilitating = facilitated_workshop()
    demo_present = staff is not None and cached_demo_present()
except DatabaseUnavailable:
    database_trouble(t)  # stops the run: without the database there is nothing to show
database_back_notice(t)

# The default page is served at "/" whatever its url_path says (so its own, "_", is never
# typed), and "/start" and "/hem" (an old link, a bookmark) need pages of their own: hidden
# ones that go to the start page, instead of Streamlit's English "Page not found".
start = menu_page("pages/home.py", title=t("nav.start"), icon=":material/login:", default=True, url_path="_")
start_aliases = [st.Page(lambda: st.switch_page(start), title=t("nav.start"), url_path=alias, visibility="hidden") for alias in ("start", "hem")]
facilitate = menu_page("pages/facilitate.py", title=t("nav.facilitate"), icon=":material/co_present:", url_path="leda")
coordinator = menu_page("pages/coordinator.py", title=t("nav.coordinator"), icon=":material/admin_panel_settings:", url_path="samordnare")
participant_pages = [
    ("pages/contribute.py", "nav.contribute", ":material/edit_note:", "bidra"),
    ("pages/wall.py", "nav.wall", ":material/dashboard:", "vagg"),
    ("pages/mine.py", "nav.mine", ":material/person:", "mina"),
    ("pages/my_data.py", "nav.my_data", ":material/shield_person:", "mina-uppgifter"),
    ("pages/results.py", "meeting.nav.results", ":material/emoji_events:", "resultat"),
]
facilitator_pages = [
    ("pages/projector.py", "nav.projector", ":material/tv:", "projektor"),
    ("pages/run_of_show.py", "meeting.nav", ":material/timer:", "korschema"),
    ("pages/moderate.py", "nav.moderate", ":material/tune:", "moderera"),
    ("pages/voting_admin.py", "nav.voting", ":material/how_to_vote:", "rostning"),
    ("pages/leader_card.py", "leader.nav.card", ":material/assignment:", "leader-kort"),
]
coordinator_pages: list[tuple[str, str, str, str]] = [
    ("pages/coordinator_import.py", "exchange.nav.import", ":material/upload_file:", "importera"),
    ("pages/coordinator_export.py", "exchange.nav.export", ":material/download:", "exportera"),
    ("pages/coordinator_people.py", "nav.people", ":material/person_search:", "personer"),
    ("pages/coordinator_leader.py", "leader.nav.rules", ":material/gavel:", "leader-regler"),
]
company_pages: list[tuple[str, str, str, str]] = [
    ("pages/companies_register.py", "companies.nav.register", ":material/store:", "foretag"),
    ("pages/companies_import.py", "companies.nav.import", ":material/upload_file:", "foretag-import"),
    ("pages/companies_overview.py", "companies.nav.overview", ":material/bar_chart:", "foretag-oversikt"),
    ("pages/companies_maturity.py", "survey.nav.maturity", ":material/monitoring:", "foretag-mognad"),
    ("pages/companies_office.py", "office.nav", ":material/storefront:", "grannskapskontor"),
]
# The survey a company fills in from its link: no account, so reachable by everyone, in no menu.
survey_page = menu_page("pages/survey.py", title=t("survey.nav.survey"), icon=":material/checklist:", url_path="enkat", visibility="hidden")
followup_pages = [("pages/followup.py", "followup.nav", ":material/checklist_rtl:", "uppfoljning")]
# The answer to an invitation, from the letter's link: no account either (issue 26).
answer_page = menu_page("pages/answer.py", title=t("invitations.nav.answer"), icon=":material/mark_email_read:", url_path="svar", visibility="hidden")
# The accessibility statement: public, linked from the foot of the sidebar on every page (ui/accessibility.py).
statement_page = menu_page("pages/accessibility.py", title=t("a11y.statement.nav"), icon=":material/accessibility_new:", url_path="tillganglighet", visibility="hidden")
network_pages = [
    ("pages/network_map.py", "nav.map", ":material/hub:", "karta"),
    ("pages/constellations.py", "nav.constellations", ":material/handshake:", "konstellationer"),
    ("pages/insights.py", "nav.insights", ":material/insights:", "insikter"),
]


def pages(specs, visible: bool) -> list[st.Page]:
    # A page outside this browser's role is still registered, hidden from the menu: a link or a
    # reload to it then opens the page, which says in Swedish who it is for, instead of
    # Streamlit's English "page not found".
    return [menu_page(path, title=t(title), icon=icon, url_path=url, visibility="visible" if visible else "hidden") for path, title, icon, url in specs]


start_section = t("nav.section.start")
is_coordinator = staff is not None and staff.is_coordinator
menus: dict[str, list[st.Page]] = {start_section: [start, facilitate] + ([] if is_coordinator else [coordinator]) + [survey_page, answer_page, statement_page, *start_aliases]}
if is_coordinator:
    menus[t("nav.section.coordinator")] = [coordinator]
for section, specs, allowed in (
    ("nav.section.participant", participant_pages, participant is not None),
    ("nav.section.facilitator", facilitator_pages, facilitating is not None),
    ("nav.section.coordinator", coordinator_pages, is_coordinator),
    ("nav.section.network", network_pages, staff is not None),
    ("followup.nav_section", followup_pages, staff is not None),
    ("nav.section.companies", company_pages, is_coordinator),
):
    if allowed:
        menus.setdefault(t(section), []).extend(pages(specs, True))
    else:
        menus[start_section] += pages(specs, False)

# Any other address: a hidden page of that name goes to the start page, which says in Swedish
# that there is no such page (ui/navigation.py), instead of Streamlit's English box.
missing = unknown_address({p.url_path for section in menus.values() for p in section} | {"_"})
if missing:
    menus[start_section].append(not_found_page(t, missing, start))

# Expanded: collapsed, Streamlit shows ten links and hides the rest behind an English
# "View 5 more", and a coordinator's network pages are among the hidden.
page = st.navigation(menus, expanded=True)
goto = take_pending_page()
if goto:
    st.switch_page(goto)
language_picker(t)
statement_link(t)
accessible_document(t)
live_counters(t)
close_menu_after_navigation(page.url_path)
not_found_notice(t)
# Streamlit's own English hints ("Press Enter to submit form") would leak into the Swedish UI.
st.html("<style>[data-testid='InputInstructions'] {display: none}</style>")
if demo_present and page.url_path != "projektor" and not st.session_state.get("wall_screen_mode"):
    # Demo data must not linger unnoticed in a real deployment: every staff page says so,
    # except the projected wall, which the whole room reads.
    st.warning(t("demo.banner"), icon=":material/science:")
try:
    page.run()
except DatabaseUnavailable:
    # A locked or unreachable database mid-page: a message and a retry, never a stack trace.
    database_trouble(t)
except Exception as error:  # st.stop() and st.rerun() are not Exceptions: they pass
    # Anything else: logged with an id the user can quote, never a traceback in the browser.
    report_unexpected(t, error, page.url_path)
