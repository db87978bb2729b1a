"""Light staff pages (issue 25): *Samordnare* and *Insikter* send their lists as one escaped block.

What a coordinator notices: the workshops and the brokers read as typed (never as markup) in
one table instead of a data grid; a workshop created, a key revoked or a retention date saved
on the page shows in that table on the very next run although the lists are read once per
change of the process; the metric explanations come only when their fold is opened.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import add_idea, coordinator_token, join, make_workshop
from tests.pages.conftest import open_app, texts, widget
from tests.pages.html_tables import table_rows, tags_of
from workshop.services import contributions

HOSTILE = ["<script>alert('x')</script>", '<img src=x onerror="alert(1)">', "**fet** [länk](javascript:alert(1))", "Kök & bad < 3"]
# The tags table_html itself is built of, and those of the insights' isolated list beneath it.
TABLE_TAGS = {"style", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "h4", "p", "small"}


def coordinator_page(store):
    return open_app("pages/coordinator.py", coordinator=coordinator_token(store))


def workshop_row(at, title: str) -> dict[str, str]:
    return next(row for row in table_rows(at, "Workshoppar") if row["Rubrik"] == title)


def test_the_coordinator_sees_every_workshop_in_one_escaped_table_and_no_data_grid(app_store):
    for number, title in enumerate(HOSTILE):
        make_workshop(app_store, title=title, locality="<i>Ramsberg</i>", date=dt.date(2026, 11, 1 + number))
    at = coordinator_page(app_store)

    assert not at.exception and len(at.dataframe) == 0
    rows = table_rows(at, "Workshoppar")
    assert [row["Rubrik"] for row in rows] == HOSTILE  # read as typed, in the order of the meetings
    assert {row["Ort"] for row in rows} == {"<i>Ramsberg</i>"}
    assert all(row["Facilitatornyckel"] == "giltig" and row["Bidrag"] == "öppna" for row in rows)
    tables = [block.value for block in at.html if "pb-table" in block.value]
    assert len(tables) == 1  # the whole list: one element
    tags = tags_of(tables[0])
    assert tags.tags <= TABLE_TAGS, tags.tags - TABLE_TAGS  # no script, img, i or a from what was typed
    assert not {a for a in tags.attributes if a.startswith("on") or a in ("href", "src")}


def test_a_workshop_created_on_the_page_is_in_the_table_on_the_next_run(app_store):
    make_workshop(app_store, title="Framtidens Ramsberg")
    at = coordinator_page(app_store)
    assert [row["Rubrik"] for row in table_rows(at, "Workshoppar")] == ["Framtidens Ramsberg"]

    widget(at.text_input, "Rubrik").input("Framtidens Vedevåg")
    widget(at.text_area, "Utmaningsfråga").input("Hur får fler unga jobb här?")
    widget(at.selectbox, "Ort").set_value("Ramsberg")
    widget(at.button, "Skapa workshop").click().run()

    assert not at.exception
    assert "Framtidens Vedevåg" in [row["Rubrik"] for row in table_rows(at, "Workshoppar")]
    assert "Framtidens Vedevåg (" in " ".join(str(option) for option in at.selectbox(key="coordinator_workshop_pick").options)


def test_a_revoked_key_and_a_new_retention_date_show_in_the_table_on_the_next_run(app_store):
    meeting = make_workshop(app_store, title="Framtidens Ramsberg")
    at = coordinator_page(app_store)
    at.selectbox(key="coordinator_workshop_pick").set_value(meeting.id).run()

    widget(at.button, "Dra in nyckeln").click().run()
    assert "Nyckeln är indragen" in texts(at)
    at.run()
    assert workshop_row(at, "Framtidens Ramsberg")["Facilitatornyckel"] == "indragen"

    at.date_input[0].set_value(dt.date(2027, 6, 30))
    widget(at.button, "Spara").click().run()
    at.run()
    assert not at.exception
    assert workshop_row(at, "Framtidens Ramsberg")["Personuppgifter sparas till och med"] == "2027-06-30"


@pytest.fixture
def hostile_network(app_store):
    """A broker between two pairs, whose name is markup; and an organisation with no link at all."""
    meeting = make_workshop(app_store)
    broker = join(app_store, meeting, "Anna", HOSTILE[0])
    cafe = join(app_store, meeting, "Bo", "Ramsbergs Kafé AB", kind="company")
    sawmill = join(app_store, meeting, "Cilla", "Ramsbergs Såg AB", kind="company")
    join(app_store, meeting, "Dan", HOSTILE[1])
    kitchen = add_idea(app_store, broker, "Bygdekök")
    smithy = add_idea(app_store, sawmill, "Smedja")
    contributions.commit_to_idea(app_store, broker.token, kitchen, role="initiator")
    contributions.commit_to_idea(app_store, cafe.token, kitchen, role="partner")
    contributions.commit_to_idea(app_store, sawmill.token, smithy, role="initiator")
    contributions.commit_to_idea(app_store, broker.token, smithy, role="partner")
    return meeting


def test_the_insights_brokers_and_lone_organisations_come_as_one_escaped_block(hostile_network, app_store):
    at = open_app("pages/insights.py", coordinator=coordinator_token(app_store))

    assert not at.exception and len(at.dataframe) == 0
    brokers = table_rows(at, "Mäklare och ensamma")
    # The association sits between the café and the sawmill: the only path between them.
    assert brokers[0]["Organisation"] == HOSTILE[0]
    assert float(brokers[0]["Mäklarvärde"]) > 0
    blocks = [block.value for block in at.html if "pb-table" in block.value]
    assert len(blocks) == 1
    assert "Ensamma organisationer" in blocks[0] and "&lt;img src=x" in blocks[0]  # the lone one, escaped
    tags = tags_of(blocks[0])
    assert tags.tags <= TABLE_TAGS, tags.tags - TABLE_TAGS
    assert not {a for a in tags.attributes if a.startswith("on") or a in ("href", "src")}


def test_the_metric_explanations_are_sent_only_once_their_fold_is_opened(hostile_network, app_store):
    explanation = "Kontakter: hur många andra organisationer den har någon koppling till."
    at = open_app("pages/insights.py", coordinator=coordinator_token(app_store))
    assert "Vad måtten betyder" in [e.label for e in at.expander]
    assert explanation not in texts(at)

    at.session_state["insights_explanations"] = True  # the fold opened, as a click does
    at.run()
    assert not at.exception
    assert explanation in texts(at)
