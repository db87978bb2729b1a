"""A facilitator's network pages show the workshop's own organisations; the constellation
search for its ideas still looks for partners in the whole process, and says so."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, commit, join, make_company, make_workshop
from tests.pages.conftest import open_app, texts
from tests.pages.html_tables import html_table


@pytest.fixture
def vedevag(app_store):
    """Vedevåg's new workshop: three organisations, next to 12 register companies and an
    earlier Ramsberg meeting whose café has the kitchen Vedevåg's idea needs."""
    ramsberg = make_workshop(app_store)
    join(app_store, ramsberg, "Bo", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    for number in range(12):
        make_company(app_store, f"Fellingsbro Företag {number} AB", locality="Fellingsbro", development_point="Fellingsbro")
    meeting = make_workshop(app_store, title="Vedevåg framåt", locality="Vedevåg")
    cecilia = join(app_store, meeting, "Cecilia", "Vedevågs IF", locality="Vedevåg")
    join(app_store, meeting, "David", "Vedevågs Bruk AB", kind="company", locality="Vedevåg")
    join(app_store, meeting, "Eva", "Vedevågs hembygdsförening", locality="Vedevåg")
    idea = add_idea(app_store, cecilia, "Kök i bruksmagasinet", locality="Vedevåg", needs={"premises": ["kök"]})
    commit(app_store, cecilia, idea, "initiator")
    return meeting


def test_the_facilitators_map_counts_only_the_workshops_three_organisations(vedevag):
    at = open_app("pages/network_map.py", facilitator=vedevag.facilitator)
    shown = texts(at)
    # Three organisations sat together: three links (one per pair), and no register company.
    assert "3 organisationer, 3 kopplingar." in shown
    assert "Fellingsbro" not in shown
    assert not at.exception


def test_the_constellations_page_may_suggest_a_partner_from_another_meeting_and_says_so(vedevag):
    at = open_app("pages/constellations.py", facilitator=vedevag.facilitator)
    assert "Förslagen söker partner i hela processen" in texts(at)
    best = {row["Idé"]: row["Bästa konstellation"] for row in html_table(at)}
    # The kitchen the idea needs is at the Ramsberg café: the search finds it across the process.
    assert "Ramsbergs Kafé AB" in best["Kök i bruksmagasinet"]
    assert not at.exception
