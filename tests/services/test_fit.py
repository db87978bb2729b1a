"""Fit of constellations to ideas through the service layer: what the snapshot reads, the
coordinator's capacity, the migration that adds it, and the command line's JSON."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from tests.factories import add_idea, coordinator_token, join, make_workshop
from workshop.__main__ import main
from workshop.db import PROJECT_ROOT, create_store, make_engine
from workshop.errors import InvalidInput, NotAllowed, NotSignedIn
from workshop.services import contributions, organisations
from workshop.services.capacity import set_organisation_capacity
from workshop.services.network import read_snapshot


@pytest.fixture
def kitchen(store):
    """Bygdekök needs a kitchen; the association has a storkök and committed; the café writes
    about its kitchen in a note; the sports club is in the same village and nothing more."""
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs bygdeförening", offers={"premises": ["storkök"]})
    bo = join(store, meeting, "Bo", "Kaffestugan AB", kind="company")
    join(store, meeting, "Cilla", "Ramsbergs skytteförening")
    idea = add_idea(store, anna, "Bygdekök", description="Laga mat tillsammans i köket.", needs={"premises": ["kök"]})
    contributions.commit_to_idea(store, anna.token, idea, role="initiator")
    contributions.add_note(
        store, bo.token, kind="resources", text="Kaffestugan har ett kök som står tomt på kvällarna.",
        subject="organisation", about_organisation_id=bo.organisation_id,
    )
    return meeting, idea, anna, bo


def test_the_snapshot_carries_descriptions_notes_and_capacities(store, kitchen):
    _meeting, idea, anna, bo = kitchen
    snapshot = read_snapshot(store)
    by_id = {o.id: o for o in snapshot.organisations}
    assert by_id[anna.organisation_id].capacity is None  # the default until a coordinator says
    assert next(i for i in snapshot.ideas if i.id == idea).description == "Laga mat tillsammans i köket."
    assert [(n.organisation_id, n.text) for n in snapshot.notes] == [(bo.organisation_id, "Kaffestugan har ett kök som står tomt på kvällarna.")]


def test_a_coordinator_sets_a_capacity_and_the_plan_reads_it(store, kitchen):
    _meeting, _idea, anna, _bo = kitchen
    set_organisation_capacity(store, coordinator_token(store), anna.organisation_id, 1)
    assert {o.id: o.capacity for o in read_snapshot(store).organisations}[anna.organisation_id] == 1
    set_organisation_capacity(store, coordinator_token(store), anna.organisation_id, None)
    assert {o.id: o.capacity for o in read_snapshot(store).organisations}[anna.organisation_id] is None


@pytest.mark.parametrize("capacity", [-1, 51, 2.5, "3", True])
def test_a_capacity_that_is_not_a_whole_number_from_0_to_50_is_refused(store, kitchen, capacity):
    _meeting, _idea, anna, _bo = kitchen
    with pytest.raises(InvalidInput) as refused:
        set_organisation_capacity(store, coordinator_token(store), anna.organisation_id, capacity)
    assert (refused.value.message_key, refused.value.field) == ("errors.capacity_invalid", "capacity")
    assert {o.id: o.capacity for o in read_snapshot(store).organisations}[anna.organisation_id] is None


def test_only_a_coordinator_may_set_a_capacity(store, kitchen):
    meeting, _idea, anna, _bo = kitchen
    with pytest.raises(NotAllowed):
        set_organisation_capacity(store, meeting.facilitator, anna.organisation_id, 2)
    for token in (anna.token, "no such token"):  # a participant's token is no staff session
        with pytest.raises(NotSignedIn):
            set_organisation_capacity(store, token, anna.organisation_id, 2)
    assert {o.id: o.capacity for o in read_snapshot(store).organisations}[anna.organisation_id] is None


def test_the_command_line_prints_each_ideas_state_constellations_and_reasons_as_json(store, kitchen, capsys):
    _meeting, _idea, _anna, _bo = kitchen
    assert main(["constellations", "--db", str(store.engine.url.render_as_string(hide_password=False)), "--idea", "Bygdekök", "--json", "--plan"]) == 0
    printed = json.loads(capsys.readouterr().out)
    [idea] = printed["ideas"]
    assert idea["title"] == "Bygdekök" and idea["state"] == "can_form"
    best = idea["constellations"][0]
    assert [m["name"] for m in best["members"]] == ["Ramsbergs bygdeförening", "Kaffestugan AB"]
    reasons = {m["name"]: m["reason"] for m in best["members"]}
    assert reasons["Ramsbergs bygdeförening"].startswith("har tagit initiativet; erbjuder storkök (idén behöver kök)")
    assert "dold kunskap nämner kök" in reasons["Kaffestugan AB"]
    # The sports club in the same village has nothing tied to the idea: never suggested.
    assert all(m["name"] != "Ramsbergs skytteförening" for c in idea["constellations"] for m in c["members"])
    assert set(best["parts"]) == {"fit", "coverage", "ties", "sector_mix", "commitment", "anchoring", "size"}
    assert printed["plan"]["entries"] == [{"id": idea["id"], "title": "Bygdekök", "members": ["Ramsbergs bygdeförening", "Kaffestugan AB"], "rank": 1}]


def test_the_command_line_refuses_an_unknown_idea(store, kitchen, capsys):
    assert main(["constellations", "--db", str(store.engine.url.render_as_string(hide_password=False)), "--idea", "Finns inte"]) == 2
    assert "Ingen idé heter 'Finns inte'." in capsys.readouterr().err


def test_upgrading_from_0003_keeps_the_organisations_and_gives_them_the_default_capacity(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Ramsbergs bygdeförening', 'ramsbergsbygdeförening', 'association', '[]', 'Bygdegården', 0, '2026-09-01')"
        ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")  # upgrades to head, as the app does on start
    try:
        [organisation] = organisations.list_organisations(store)
        assert organisation.name == "Ramsbergs bygdeförening"
        assert [o.capacity for o in read_snapshot(store).organisations] == [None]
        with store.engine.connect() as connection:
            from tests.services.test_migrations import _head

            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
    finally:
        store.engine.dispose()
