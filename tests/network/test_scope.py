"""Which organisations a view of the network holds: the one rule every output uses."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop.network.scope import organisations_in_scope, scope_reasons
from workshop.network.snapshot import (
    AttendanceRecord,
    CommitmentRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    TieRecord,
    WorkshopRecord,
)


def org(id_: int, first: int | None) -> OrganisationRecord:
    return OrganisationRecord(id_, f"Org {id_}", "association", "nonprofit", "Vedevåg", None, first_workshop_id=first)


# Meeting 1 in Ramsberg, meeting 2 in Vedevåg. 1 sat in both; 2 came to meeting 2; 3 was
# registered at meeting 2 by its facilitator and never sat there; 4 is a register company
# tied to 2 at meeting 2; 5 committed at meeting 2 to an idea carried from meeting 1;
# 6 and 7 are register companies that never came; 8 is tied to 1 at meeting 1 only.
PROCESS = NetworkSnapshot(
    workshops=(WorkshopRecord(1, "Ramsberg", dt.date(2026, 9, 1), "Ramsberg", 1), WorkshopRecord(2, "Vedevåg", dt.date(2026, 10, 1), "Vedevåg", 2)),
    organisations=(org(1, 1), org(2, 2), org(3, 2), org(4, None), org(5, 1), org(6, None), org(7, None), org(8, None)),
    ideas=(IdeaRecord(10, "Isbana", 1, "Vedevåg", None),),
    commitments=(CommitmentRecord(10, 5, "partner", 2),),
    ties=(TieRecord(2, 4, "know", 2), TieRecord(1, 8, "cooperated", 1)),
    attendances=(AttendanceRecord(1, 1), AttendanceRecord(1, 2), AttendanceRecord(2, 2)),
)


@pytest.mark.parametrize(
    "workshops, expected",
    [
        pytest.param([2], {1: {"took_part"}, 2: {"took_part", "registered", "tied"}, 3: {"registered"}, 4: {"tied"}, 5: {"committed"}}, id="Vedevåg"),
        # 5 was registered at meeting 1 (it committed only later, at meeting 2).
        pytest.param([1], {1: {"took_part", "registered", "tied"}, 5: {"registered"}, 8: {"tied"}}, id="Ramsberg"),
        pytest.param([], {}, id="no meeting"),
    ],
)
def test_each_organisation_is_in_a_workshops_view_for_the_reasons_recorded_there(workshops, expected):
    assert scope_reasons(PROCESS, workshops) == {o: frozenset(why) for o, why in expected.items()}


def test_register_companies_that_never_came_are_in_no_workshop_but_in_the_whole_process():
    assert not {6, 7} & (organisations_in_scope(PROCESS, [1]) | organisations_in_scope(PROCESS, [2]))
    assert organisations_in_scope(PROCESS) == frozenset(range(1, 9))


def test_the_process_up_to_a_meeting_holds_what_came_outside_the_meetings_but_not_later_arrivals():
    # After meeting 1: 2 and 3 first appeared at meeting 2; 4, 6, 7, 8 have no first meeting.
    assert organisations_in_scope(PROCESS, [1], whole_process=True) == {1, 4, 5, 6, 7, 8}


def test_records_about_organisations_not_in_the_snapshot_bring_nobody_in():
    snapshot = NetworkSnapshot(organisations=(org(1, None),), attendances=(AttendanceRecord(99, 1),), ties=(TieRecord(1, 98, "know", 1),))
    assert scope_reasons(snapshot, [1]) == {1: frozenset({"tied"})}
