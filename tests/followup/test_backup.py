"""A workshop's backup carries its ideas' next steps and its next meeting; restored elsewhere they
are the same steps, in the same order (the history survives a move to another server)."""

from __future__ import annotations

import datetime as dt

from tests.factories import add_idea, coordinator_token, make_workshop
from workshop.db import create_store
from workshop.exchange import service as exchange
from workshop.followup import meetings, steps
from workshop.followup.overview import follow_up_rows
from workshop.services.reference import ensure_reference_data

TODAY = dt.date(2026, 12, 7)


def test_a_workshops_backup_restored_into_an_empty_database_keeps_steps_and_the_next_meeting(sqlite_store, tmp_path):
    store = sqlite_store
    from tests.factories import join

    meeting = make_workshop(store)
    idea = add_idea(store, join(store, meeting, "Anna Berg", "Ramsbergs IF"), "Bygdekök")
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Boka köket", today=TODAY)
    steps.set_next_step(store, meeting.id, meeting.facilitator, idea, what="Skicka budgeten", due_date=dt.date(2027, 2, 1), today=TODAY)
    meetings.set_next_meeting(store, meeting.id, meeting.facilitator, date=dt.date(2027, 1, 14), time=dt.time(18, 30), place="Bygdegården", today=TODAY)
    data = exchange.backup_file(store, coordinator_token(store), workshop_id=meeting.id)

    target = create_store(f"sqlite:///{tmp_path / 'target.sqlite3'}")
    try:
        ensure_reference_data(target)
        token = coordinator_token(target)
        exchange.restore_file(target, token, data, other_process=True)
        (row,) = follow_up_rows(target, token, today=TODAY)
        assert (row.title, row.step.what, row.step.due_date) == ("Bygdekök", "Skicka budgeten", dt.date(2027, 2, 1))
        assert [v.what for v in steps.idea_steps(target, row.workshop_id, token, row.idea_id)] == ["Skicka budgeten", "Boka köket"]
        moved = meetings.next_meeting(target, row.workshop_id, token)
        assert (moved.starts_at, moved.place) == (dt.datetime(2027, 1, 14, 18, 30), "Bygdegården")
    finally:
        target.engine.dispose()
