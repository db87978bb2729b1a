"""Facilitators mark suggested members "passar" / "passar inte" (issue 20): the idea's
ranking follows at once, confirmed words carry over to the whole process, and the
verdicts survive a backup round trip and the migration that adds them."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from tests.exchange.test_backup import emptied
from tests.factories import add_idea, coordinator_token, count, join, make_workshop, row_counts
from workshop.db import PROJECT_ROOT, create_store, make_engine
from workshop.errors import InvalidInput
from workshop.exchange.backup import dumps, restore_backup, take_backup
from workshop.models import AuditEvent, FitFeedback, WordAssociation
from workshop.services import analysis, contributions, workshops
from workshop.services.feedback import mark_fit
from workshop.services.network import read_snapshot


@pytest.fixture
def mending(store):
    """"Lagning av kläder" needs someone who can sew. The crafts club offers tovning av ull (felting), a
    word the app cannot tie to "sy" by itself; the second-hand shop writes about clothes
    (a profile about the same thing); a second idea needs curtains sewn."""
    meeting = make_workshop(store)
    hall = join(store, meeting, "Anna", "Ramsbergs bygdegårdsförening", offers={"premises": ["festsal"]})
    crafts = join(store, meeting, "Bo", "Slöjdarna", offers={"competence": ["tovning av ull"]})
    shop = join(store, meeting, "Cilla", "Kläder och Sånt AB", kind="company", offers={"resource": ["begagnade kläder"]})
    idea = add_idea(store, hall, "Lagning av kläder", description="Trasiga kläder lagas tillsammans en kväll i månaden.", needs={"competence": ["någon som kan sy"]})
    contributions.commit_to_idea(store, hall.token, idea, role="initiator")
    curtains = add_idea(store, hall, "Nya gardiner", description="Salen behöver nya gardiner före jul.", needs={"competence": ["sy gardiner"]})
    contributions.commit_to_idea(store, hall.token, curtains, role="initiator")
    return meeting, idea, curtains, crafts.organisation_id, shop.organisation_id, hall.organisation_id


def _fit(store):
    return analysis.fit(analysis.network_view(read_snapshot(store)))


def _suggested(fit, idea_id) -> set[int]:
    return {m for c in fit.results[idea_id].candidates for m in c.members}


def test_a_member_marked_passar_joins_the_best_constellation_and_passar_inte_leaves_them_all(store, mending):
    meeting, idea, _curtains, crafts, shop, _hall = mending
    before = _fit(store)
    assert crafts not in before.results[idea].candidates[0].members  # "sy" never meets "tovning av ull" on its own
    assert shop in _suggested(before, idea)  # its profile speaks of clothes

    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")
    mark_fit(store, meeting.id, meeting.facilitator, idea, shop, "does_not_fit")

    after = _fit(store)
    assert crafts in after.results[idea].candidates[0].members
    assert shop not in _suggested(after, idea)
    # The page says why: the mark is the first reason, and "Varför inte …?" names the mark.
    assert analysis.member_reasons(after, idea, [crafts])[crafts][0].key == "feedback.reason_fits"
    assert [m.key for m in analysis.why_not(after, idea, shop)] == ["feedback.why_not_marked"]


def test_confirmed_words_carry_over_to_another_idea_of_the_process(store, mending):
    meeting, idea, curtains, crafts, _shop, _hall = mending
    assert _fit(store).relevance.rank_of(curtains, crafts) is None  # no basis for the curtains either

    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")

    fit = _fit(store)
    assert fit.relevance.rank_of(curtains, crafts) is not None  # "sy" now meets "tovning" everywhere
    assert fit.relevance.explain(curtains, crafts).met  # as a need met, so the reasons can say which
    with store.unit_of_work() as session:
        assert ("sy", "tovning", 1) in {(a.need_word, a.offer_word, a.confirmations) for a in session.scalars(select(WordAssociation))}


def test_withdrawing_a_verdict_takes_back_its_words_and_restores_the_ranking(store, mending):
    meeting, idea, curtains, crafts, _shop, _hall = mending
    first = _fit(store)
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "does_not_fit")  # changed their mind
    assert count(store, WordAssociation) == 0
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, None)

    again = _fit(store)
    assert count(store, FitFeedback) == 0
    assert [c.members for c in again.results[idea].candidates] == [c.members for c in first.results[idea].candidates]
    assert again.relevance.rank_of(curtains, crafts) is None


def test_two_ideas_confirming_the_same_words_count_twice_and_each_verdict_is_audited(store, mending):
    meeting, idea, curtains, crafts, _shop, _hall = mending
    revision = workshops.process_revision(store)
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")
    mark_fit(store, meeting.id, coordinator_token(store), curtains, crafts, "fits")

    assert workshops.process_revision(store) > revision  # the shared caches follow
    with store.unit_of_work() as session:
        pairs = {(a.need_word, a.offer_word): a.confirmations for a in session.scalars(select(WordAssociation))}
        audited = [
            (e.subject_id, e.detail["after"], e.actor_role)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.action == "idea.fit_feedback").order_by(AuditEvent.id))
        ]
    assert pairs[("sy", "tovning")] == 2 and pairs[("gardiner", "tovning")] == 1 and pairs[("sy", "ull")] == 2
    assert audited == [(idea, "fits", "facilitator"), (curtains, "fits", "coordinator")]


@pytest.mark.parametrize(
    "verdict, member, key",
    [
        ("kanske", "crafts", "errors.fit_verdict_invalid"),  # only "passar" or "passar inte"
        ("fits", "hall", "errors.fit_committed"),  # the proposer is a member, not a suggestion
    ],
)
def test_a_verdict_that_cannot_be_given_is_refused_and_nothing_is_written(store, mending, verdict, member, key):
    meeting, idea, _curtains, crafts, _shop, hall = mending
    before = (row_counts(store), workshops.process_revision(store))
    with pytest.raises(InvalidInput) as refused:
        mark_fit(store, meeting.id, meeting.facilitator, idea, {"crafts": crafts, "hall": hall}[member], verdict)
    assert refused.value.message_key == key
    assert (row_counts(store), workshops.process_revision(store)) == before


def test_verdicts_and_learnt_words_survive_a_backup_round_trip(store, mending, tmp_path):
    meeting, idea, curtains, crafts, shop, _hall = mending
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")
    mark_fit(store, meeting.id, meeting.facilitator, idea, shop, "does_not_fit")
    document = json.loads(dumps(take_backup(store)))
    assert document["tables"]["fit_feedback"] and document["tables"]["word_associations"]
    ranked = {i: [c.members for c in r.candidates] for i, r in _fit(store).results.items()}

    target = emptied(store, tmp_path)
    restore_backup(target, document)

    snapshot = read_snapshot(target)
    assert {(v.idea_id, v.organisation_id, v.fits) for v in snapshot.verdicts} == {(idea, crafts, True), (idea, shop, False)}
    restored = analysis.fit(analysis.network_view(snapshot))
    assert {i: [c.members for c in r.candidates] for i, r in restored.results.items()} == ranked
    assert restored.relevance.rank_of(curtains, crafts) is not None


def test_upgrading_from_0006_keeps_the_data_and_starts_with_no_verdicts(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "workshop" / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO organisations (id, name, name_key, kind, offers, description, is_demo, created_at) "
            "VALUES (1, 'Slöjdarna', 'slöjdarna', 'association', '[{\"category\": \"competence\", \"label\": \"textilslöjd\"}]', '', 0, '2026-09-01')"
        ))
    engine.dispose()

    store = create_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")  # upgrades to head, as the app does on start
    try:
        snapshot = read_snapshot(store)
        assert [o.name for o in snapshot.organisations] == ["Slöjdarna"]
        assert snapshot.verdicts == () and snapshot.word_associations == ()
    finally:
        store.engine.dispose()


def test_deleting_an_idea_forgets_its_verdicts_and_takes_back_their_words(store, mending):
    meeting, idea, _curtains, crafts, _shop, hall = mending
    mark_fit(store, meeting.id, meeting.facilitator, idea, crafts, "fits")
    assert count(store, WordAssociation) > 0
    from workshop.services.contributions import purge_idea
    from workshop.models import Idea

    with store.unit_of_work(write=True) as session:
        purge_idea(session, session.get(Idea, idea))
        session.commit()
    assert count(store, FitFeedback) == 0 and count(store, WordAssociation) == 0


def test_removing_the_demo_removes_its_verdicts_too(store, demo):
    from workshop.services.demo_data import remove_demo_data

    snapshot = read_snapshot(store)
    fit = analysis.fit(analysis.network_view(snapshot))
    idea_id, result = next((i, r) for i, r in fit.results.items() if r.candidates and any(
        m not in {c.organisation_id for c in snapshot.commitments if c.idea_id == i} for m in r.candidates[0].members))
    committed = {c.organisation_id for c in snapshot.commitments if c.idea_id == idea_id}
    member = next(m for m in result.candidates[0].members if m not in committed)
    home = next(i.workshop_id for i in snapshot.ideas if i.id == idea_id)
    mark_fit(store, home, coordinator_token(store), idea_id, member, "fits")

    remove_demo_data(store, coordinator_token(store))
    assert count(store, FitFeedback) == 0 and count(store, WordAssociation) == 0
