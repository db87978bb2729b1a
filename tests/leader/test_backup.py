"""LEADER cards survive a backup: restored exactly into an empty database and merged into one with data."""

from __future__ import annotations

import datetime as dt

from tests.factories import add_idea, commit, join, make_workshop
from workshop.db import create_store
from workshop.exchange.backup import restore_backup, take_backup
from workshop.leader import service


def test_a_workshop_backup_carries_its_ideas_cards_into_an_empty_and_a_used_database(store, tmp_path):
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna", "Ramsbergs bygdeförening", org_number="802412-4532")
    idea = add_idea(store, anna)
    commit(store, anna, idea, role="possible_owner")
    service.save_card(store, meeting.id, meeting.facilitator, idea, support_type="check_livskvalitet", budget={"services": 17_000},
                      volunteer_hours={anna.organisation_id: 15}, planned_start=dt.date(2027, 3, 1))
    document = take_backup(store, workshop_id=meeting.id)
    assert len(document["tables"]["leader_cards"]) == 1 and len(document["tables"]["leader_volunteer_hours"]) == 1

    for name, before in (("empty", None), ("used", "Vedevåg")):
        target = create_store(f"sqlite:///{tmp_path / name}.sqlite3")
        try:
            if before:  # another process's idea first, so the ids differ
                other = make_workshop(target, title=before, locality=before)
                add_idea(target, join(target, other, "Bo", "Vedevågs IF", locality=before), "Annat")
            restore_backup(target, document, other_process=bool(before))  # merging another process's backup is asked for
            restored = service.idea_check(target, service.find_idea(target, "Bygdekök i skolan"), today=dt.date(2026, 12, 2))
            assert restored.facts.card.support_type == "check_livskvalitet"
            assert restored.check.hours == 15 and restored.check.line("cofinancing").passed
        finally:
            target.engine.dispose()
