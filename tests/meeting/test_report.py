"""The workshop report says how the meeting ran: each phase with its planned and actual time,
read back from the DOCX, the PDF and the Markdown by their own readers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import update

from tests.exchange.test_exports import report_text
from tests.factories import make_workshop
from workshop.meeting import service as meeting
from workshop.models import MeetingPhase


@pytest.fixture
def ran(sqlite_store):
    store = sqlite_store
    ramsberg = make_workshop(store)
    phases = meeting.use_template(store, ramsberg.id, ramsberg.facilitator).phases
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=None)
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=phases[0].id)
    meeting.next_phase(store, ramsberg.id, ramsberg.facilitator, seen=phases[1].id)
    # The times as an evening in December ran them (UTC in the database; 18:00 in the hall).
    times = {phases[0].id: (dt.datetime(2026, 12, 7, 17, 0), dt.datetime(2026, 12, 7, 17, 12)), phases[1].id: (dt.datetime(2026, 12, 7, 17, 12), dt.datetime(2026, 12, 7, 17, 40))}
    with store.unit_of_work(write=True) as session:
        for phase_id, (start, end) in times.items():
            session.execute(update(MeetingPhase).where(MeetingPhase.id == phase_id).values(started_at=start, ended_at=end))
        session.commit()
    return store, ramsberg


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_the_report_lists_each_phase_with_its_planned_and_actual_times(ran, fmt):
    store, ramsberg = ran
    flat = re.sub(r"\\(.)", r"\1", " ".join(report_text(store, fmt, workshop_id=ramsberg.id).split()))

    assert "Mötets gång" in flat
    # Utmaningen: 10 planned, 18:00–18:12, 12 actual; Idéer: 25 planned, 18:12–18:40, 28 actual.
    for row in (("Utmaningen", "10", "18:00", "18:12", "12"), ("Idéer", "25", "18:12", "18:40", "28")):
        assert re.search(r"\W+".join(map(re.escape, row)), flat), (row, flat[:600])
    assert "Konstellationer och åtaganden" in flat  # the phases that did not run are listed too, without times


def test_a_workshop_without_a_run_of_show_gets_no_such_section(sqlite_store):
    store = sqlite_store
    ramsberg = make_workshop(store)
    assert "Mötets gång" not in report_text(store, "md", workshop_id=ramsberg.id)
