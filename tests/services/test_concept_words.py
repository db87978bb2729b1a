"""A coordinator adds a word to a concept of the domain thesaurus, or removes one they added
(issue 20): the suggestions follow at once, every refusal says why in Swedish and writes
nothing, and the words survive a backup round trip and the migration that adds them."""

from __future__ import annotations

import json
import os

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from tests.conftest import BACKENDS, POSTGRES_URL_VARIABLE, _reset_postgres
from tests.exchange.test_backup import emptied
from tests.factories import add_idea, coordinator_token, count, join, make_workshop, row_counts
from workshop.db import PROJECT_ROOT, create_store, make_engine
from workshop.errors import NotAllowed, NotSignedIn
from workshop.exchange.backup import dumps, restore_backup, take_backup
from workshop.models import AuditEvent, ConceptWord
from workshop.services import analysis, thesaurus, workshops
from workshop.services.network import read_snapshot
from workshop.services.thesaurus import (
    EverydayWord,
    InvalidWord,
    UnknownConcept,
    WordAlreadyInConcept,
    WordNotAdded,
    add_concept_word,
    remove_concept_word,
)


@pytest.fixture
def carriage(store):
    """"Ekipage till julmarknaden" needs an ekipage (a horse and carriage), a word the
    thesaurus does not know. The bus company offers a minibus (a word of *transport*),
    the hall a kitchen; nothing else ties either to the idea."""
    meeting = make_workshop(store)
    hall = join(store, meeting, "Anna", "Ramsbergs bygdegårdsförening", offers={"premises": ["storkök"]})
    bus = join(store, meeting, "Bo", "Bergslagens Bussresor AB", kind="company", offers={"resource": ["minibuss"]})
    idea = add_idea(
        store, hall, "Ekipage till julmarknaden", description="Besökarna ska komma fram till marknaden på ett roligt sätt.",
        needs={"resource": ["ekipage"]},
    )
    return meeting, idea, bus.organisation_id


def _fit(store):
    return analysis.fit(analysis.network_view(read_snapshot(store)))


def _relevance(store):
    return _fit(store).relevance


def _suggested(fit, idea_id) -> set[int]:
    return {m for c in fit.results[idea_id].candidates for m in c.members}


def test_an_added_word_lets_an_idea_meet_an_offer_of_its_concept_and_removing_it_takes_that_back(store, carriage):
    _meeting, idea, bus = carriage
    token = coordinator_token(store)
    before = _fit(store)
    assert before.relevance.rank_of(idea, bus) is None and bus not in _suggested(before, idea)  # "ekipage" meets nothing yet

    kept = add_concept_word(store, token, "transport", "Ekipage")

    assert kept == "ekipage"
    after = _fit(store)
    assert after.relevance.rank_of(idea, bus) == 2  # right after the proposer's own hall, committed
    assert bus in after.results[idea].candidates[0].members
    evidence = after.relevance.explain(idea, bus)
    assert [(n.label, o.label) for n, o in evidence.met] == [("ekipage", "minibuss")]
    assert [(m.kind, m.concept) for m in evidence.met_how] == [("concept", "transport")]

    remove_concept_word(store, token, "transport", "ekipage")

    again = _fit(store)
    assert again.relevance.rank_of(idea, bus) is None and bus not in _suggested(again, idea)


def test_adding_and_removing_are_audited_and_listed_with_the_concept(store):
    token = coordinator_token(store)
    add_concept_word(store, token, "transport", "ekipage")
    view = next(v for v in thesaurus.list_concepts(store) if v.key == "transport")
    assert [w.word for w in view.added] == ["ekipage"] and view.added[0].added_by
    assert "minibuss" in view.file_words

    remove_concept_word(store, token, "transport", "ekipage")

    with store.unit_of_work() as session:
        actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["concept.word_add", "concept.word_remove"]
    assert count(store, ConceptWord) == 0


@pytest.mark.parametrize(
    "concept,word,error,key",
    [
        ("spaceships", "ekipage", UnknownConcept, "words.errors.unknown_concept"),
        (None, "ekipage", UnknownConcept, "words.errors.unknown_concept"),
        ("transport", "   ", InvalidWord, "words.errors.word_missing"),
        ("transport", "e" * 61, InvalidWord, "words.errors.word_too_long"),
        ("transport", "[vagn](javascript:alert(1))", InvalidWord, "words.errors.word_shape"),
        ("transport", "buss 42", InvalidWord, "words.errors.word_shape"),
        ("transport", "alla", EverydayWord, "words.errors.everyday"),  # a function word
        ("transport", "behöver", EverydayWord, "words.errors.everyday"),  # an everyday word
        ("transport", "och i", EverydayWord, "words.errors.everyday"),  # a phrase with no content word
        ("transport", "minibuss", WordAlreadyInConcept, "words.errors.already_there"),  # in the file
        ("transport", "Minibussar", WordAlreadyInConcept, "words.errors.already_there"),  # in the file, inflected
        ("accommodation", "sova över", WordAlreadyInConcept, "words.errors.already_there"),  # a phrase of the file
        ("transport", "hästskjuts", WordAlreadyInConcept, "words.errors.already_there"),  # added before (below)
    ],
)
def test_a_word_that_cannot_be_added_is_refused_with_its_reason_and_nothing_is_written(store, concept, word, error, key):
    token = coordinator_token(store)
    add_concept_word(store, token, "transport", "hästskjuts")
    before = (row_counts(store), workshops.process_revision(store))

    with pytest.raises(error) as refused:
        add_concept_word(store, token, concept, word)

    assert refused.value.message_key == key
    assert (row_counts(store), workshops.process_revision(store)) == before


@pytest.mark.parametrize(
    "concept,word,error",
    [
        ("transport", "minibuss", WordNotAdded),  # a word of the file is changed by review
        ("transport", "ekipage", WordNotAdded),  # never added
        ("accommodation", "hästskjuts", WordNotAdded),  # added to another concept
        ("spaceships", "hästskjuts", UnknownConcept),
        ("transport", "", InvalidWord),
    ],
)
def test_only_a_word_a_coordinator_added_can_be_removed(store, concept, word, error):
    token = coordinator_token(store)
    add_concept_word(store, token, "transport", "hästskjuts")
    before = row_counts(store)

    with pytest.raises(error):
        remove_concept_word(store, token, concept, word)

    assert row_counts(store) == before


@pytest.mark.parametrize("role", ["facilitator", "participant", "nobody"])
def test_only_a_coordinator_may_add_or_remove_a_word(store, role):
    meeting = make_workshop(store)
    add_concept_word(store, coordinator_token(store), "transport", "hästskjuts")
    token = {
        "facilitator": lambda: meeting.facilitator,
        "participant": lambda: join(store, meeting, "Anna", "Ramsbergs IF").token,
        "nobody": lambda: "no-such-token",
    }[role]()
    before = row_counts(store)

    with pytest.raises((NotAllowed, NotSignedIn)):
        add_concept_word(store, token, "transport", "ekipage")
    with pytest.raises((NotAllowed, NotSignedIn)):
        remove_concept_word(store, token, "transport", "hästskjuts")

    assert row_counts(store) == before


def test_added_words_survive_a_backup_round_trip_and_still_match(store, carriage, tmp_path):
    _meeting, idea, bus = carriage
    add_concept_word(store, coordinator_token(store), "transport", "ekipage")
    document = json.loads(dumps(take_backup(store)))
    assert [(r["concept"], r["word"]) for r in document["tables"]["concept_words"]] == [("transport", "ekipage")]

    target = emptied(store, tmp_path)
    restore_backup(target, document)

    assert read_snapshot(target).concept_words == (("transport", "ekipage"),)
    assert _relevance(target).rank_of(idea, bus) == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrading_from_0007_keeps_the_data_and_starts_with_no_added_words(tmp_path, backend):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = os.environ[POSTGRES_URL_VARIABLE]
        _reset_postgres(url)
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Bergslagens Bussresor AB', 'bergslagens bussresor ab', 'company', "
            "'[{\"category\": \"resource\", \"label\": \"minibuss\"}]', '', false, '2026-09-01')"
        ))
        connection.execute(text("INSERT INTO word_associations (id, need_word, offer_word, confirmations) VALUES (1, 'sy', 'tovning', 2)"))
    engine.dispose()

    store = create_store(url)  # upgrades to head, as the app does on start
    try:
        snapshot = read_snapshot(store)
        assert [o.name for o in snapshot.organisations] == ["Bergslagens Bussresor AB"]
        assert [(a.need_word, a.offer_word, a.confirmations) for a in snapshot.word_associations] == [("sy", "tovning", 2)]
        assert snapshot.concept_words == ()
        add_concept_word(store, coordinator_token(store), "transport", "ekipage")
        assert read_snapshot(store).concept_words == (("transport", "ekipage"),)
    finally:
        store.engine.dispose()
