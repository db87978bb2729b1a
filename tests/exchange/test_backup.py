"""Backup and restore: the round trip gives the same document, merging duplicates nothing."""

from __future__ import annotations

import json
import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import POSTGRES_URL_VARIABLE, _empty_postgres, make_test_store
from tests.factories import coordinator_token, add_idea, add_note, add_tie, commit, join, make_workshop, open_round, row_counts
from workshop.exchange.backup import BackupFromAnotherProcess, InvalidBackup, JoinCodeTaken, dumps, restore_backup, take_backup
from workshop.services import moderation, organisations, voting

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def emptied(store, tmp_path, name="target"):
    """An empty migrated database of the same kind: a new SQLite file, or the PostgreSQL test database truncated."""
    if store.dialect == "sqlite":
        (tmp_path / name).mkdir(exist_ok=True)
        return make_test_store("sqlite", tmp_path / name)
    _empty_postgres(store)
    return store


def content(document):
    """Everything but the process revision counter, which every write bumps."""
    return {name: rows for name, rows in document["tables"].items() if name != "process_state"}


def small_process(store):
    """Two meetings with every kind of row: merged organisations, a carried idea, votes, notes."""
    first = make_workshop(store, title="Ramsberg 1")
    second = make_workshop(store, title="Ramsberg 2", locality="Vedevåg")
    anna = join(store, first, "Anna Ås", "Ramsbergs bygdeförening", org_number="802000-1221")
    bo = join(store, first, "Bo Öst", "Kafé Ö AB", kind="company", offers={"premises": ["kök"]})
    cilla = join(store, second, "Cilla", "Kafe O AB", kind="company")
    karin = join(store, second, "Karin Privat")
    kitchen = add_idea(store, anna, "Bygdekök", needs={"premises": ["kök"]})
    commit(store, anna, kitchen, "initiator")
    commit(store, bo, kitchen)
    add_tie(store, anna, anna, bo)
    add_note(store, bo, "Köket står tomt på kvällarna", visibility="facilitators")
    smithy = add_idea(store, cilla, "Smedja")
    add_tie(store, cilla, cilla, anna, kind="know")
    organisations.merge_organisations(store, second.id, coordinator_token(store), cilla.organisation_id, bo.organisation_id)
    from workshop.services import workshops

    workshops.carry_idea_forward(store, second.id, second.facilitator, kitchen)
    round_ = open_round(store, second)
    assert round_.id
    voting.set_dots(store, karin.token, kitchen, 2)
    moderation.set_idea_hidden(store, second.id, coordinator_token(store), smithy, True)
    return first, second


def test_backup_restore_backup_gives_the_same_document_for_the_demo(store, demo, tmp_path):
    document = take_backup(store)
    assert document["tables"]["organisations"] and document["tables"]["votes"]
    target = emptied(store, tmp_path)
    summary = restore_backup(target, json.loads(dumps(document)))
    assert summary.mode == "exact"
    assert dumps(take_backup(target)) == dumps(document)


def test_the_backup_leaves_out_signed_in_sessions_and_failed_guesses_and_keeps_the_audit_trail(store):
    small_process(store)
    tables = take_backup(store)["tables"]
    assert "staff_sessions" not in tables and "access_attempts" not in tables
    assert "audit_events" in tables and "coordinators" in tables


def test_a_backup_taken_on_sqlite_restores_on_postgresql(tmp_path):
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        pytest.skip("needs PROJEKTBEREDSKAP_TEST_POSTGRES_URL")
    source = make_test_store("sqlite", tmp_path)
    small_process(source)
    document = take_backup(source)
    target = make_test_store("postgresql", None)
    try:
        assert restore_backup(target, document).mode == "exact"
        assert content(take_backup(target)) == content(document)
        # The sequences moved past the restored ids: the next workshop gets a new id.
        assert make_workshop(target, title="Efter återläsning").id > max(w["id"] for w in document["tables"]["workshops"])
    finally:
        target.engine.dispose()
        source.engine.dispose()


def test_restoring_into_a_database_with_data_merges_without_duplicates(store, tmp_path):
    small_process(store)
    document = take_backup(store)
    target = emptied(store, tmp_path)
    other = make_workshop(target, title="Fellingsbro", locality="Fellingsbro")
    join(target, other, "Dora", "Ramsbergs Bygdeförening")  # the same association, entered there
    # The target is another process (its own first coordinator): merged only when asked for.
    assert restore_backup(target, document, other_process=True).mode == "merge"
    once = row_counts(target)
    summary = restore_backup(target, document, other_process=True)
    assert sum(summary.inserted.values()) == 0
    assert {k: v for k, v in row_counts(target).items() if k != "process_state"} == {k: v for k, v in once.items() if k != "process_state"}
    names = [o["name"] for o in take_backup(target)["tables"]["organisations"]]
    assert len([n for n in names if n.lower() == "ramsbergs bygdeförening"]) == 1


def test_a_workshop_backup_holds_that_workshop_and_what_it_refers_to(store, tmp_path):
    first, second = small_process(store)
    document = take_backup(store, workshop_id=first.id)
    assert document["scope"] == {"kind": "workshop", "join_code": first.join_code}
    assert [w["title"] for w in document["tables"]["workshops"]] == ["Ramsberg 1"]
    assert {i["title"] for i in document["tables"]["ideas"]} == {"Bygdekök"}
    target = emptied(store, tmp_path)
    restore_backup(target, document)
    assert content(take_backup(target, workshop_id=first.id)) == content(document)


@pytest.mark.parametrize(
    "document",
    [{"format": "something else"}, {"format": "projektberedskap-backup", "version": 99, "schema_revision": None, "scope": {"kind": "database"}, "tables": {}},
     {"format": "projektberedskap-backup", "version": 1, "schema_revision": "0003", "scope": {"kind": "database"}, "tables": {"secrets": []}}],
    ids=["not a backup", "a newer version", "an unknown table"],
)
def test_a_file_that_is_not_a_backup_of_this_version_is_refused_and_nothing_written(store, document):
    before = row_counts(store)
    with pytest.raises(InvalidBackup):
        restore_backup(store, document)
    assert row_counts(store) == before


names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")), min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    organisations_=st.lists(st.tuples(names, st.sampled_from(["association", "company", "public_body"])), min_size=1, max_size=5),
    # The same person adding the same idea twice in a moment is refused (AlreadySubmitted), so titles differ.
    ideas=st.lists(names, min_size=0, max_size=4, unique_by=lambda title: " ".join(unicodedata.normalize("NFC", title).split()).casefold()),
    links=st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), max_size=6),
    note=names,
)
def test_backup_restore_backup_is_identical_for_any_process(store, tmp_path_factory, organisations_, ideas, links, note):
    tmp_path = tmp_path_factory.mktemp("roundtrip")
    source = emptied(store, tmp_path, "source")
    meeting = make_workshop(source)
    people = []
    for number, (name, kind) in enumerate(organisations_):
        people.append(join(source, meeting, f"Person {number}", name.strip(), kind=kind))
    idea_ids = [add_idea(source, people[n % len(people)], title.strip()) for n, title in enumerate(ideas)]
    for a, b in links:
        who, other = people[a % len(people)], people[b % len(people)]
        if idea_ids:
            commit(source, who, idea_ids[b % len(idea_ids)])
        if who.organisation_id != other.organisation_id:
            add_tie(source, who, who, other)
    add_note(source, people[0], note.strip())
    document = take_backup(source)
    if source is store:  # PostgreSQL: one test database, emptied between the two halves
        target = emptied(store, tmp_path)
    else:
        target = emptied(store, tmp_path, "target")
    restore_backup(target, json.loads(dumps(document)))
    assert dumps(take_backup(target)) == dumps(document)
    if target is not store:
        target.engine.dispose()
        source.engine.dispose()


def test_a_backup_from_another_process_is_refused_unless_asked_for(store, tmp_path):
    small_process(store)
    document = take_backup(store)
    assert document["process"]  # the first coordinator identifies the process
    target = emptied(store, tmp_path)
    make_workshop(target, title="Fellingsbro", locality="Fellingsbro")
    before = row_counts(target)
    with pytest.raises(BackupFromAnotherProcess):
        restore_backup(target, document)
    assert row_counts(target) == before
    # A backup of the process itself merges without being asked.
    assert restore_backup(target, take_backup(target)).mode == "merge"


def test_a_workshop_whose_join_code_is_another_workshops_here_is_refused_not_merged_into_it(store):
    first, _second = small_process(store)
    document = take_backup(store, workshop_id=first.id)
    other = make_workshop(store, title="Fellingsbro", locality="Fellingsbro")
    document["tables"]["workshops"][0]["join_code"] = other.join_code
    before = row_counts(store)
    with pytest.raises(JoinCodeTaken) as refused:
        restore_backup(store, document)
    assert refused.value.params == {"code": other.join_code, "title": "Ramsberg 1", "other": "Fellingsbro"}
    assert row_counts(store) == before


def test_an_idea_pointing_at_a_workshop_not_in_the_file_is_refused_with_its_title(store):
    first, _second = small_process(store)
    document = take_backup(store, workshop_id=first.id)
    document["tables"]["ideas"][0]["workshop_id"] = 999
    before = row_counts(store)
    with pytest.raises(InvalidBackup) as refused:
        restore_backup(store, document)
    assert refused.value.message_key == "uploads.backup.missing_reference"
    assert refused.value.params["title"] == "Bygdekök" and refused.value.params["target"] == "workshops"
    assert row_counts(store) == before
