"""Building the organisation graph from a snapshot, and cutting snapshots down to a view."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.graph import EdgeWeights, build_organisation_graph, filter_snapshot
from workshop.network.snapshot import (
    AttendanceRecord,
    CommitmentRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    TieRecord,
    WorkshopRecord,
)


def org(organisation_id, kind="association", locality="Ramsberg", area="Leader Bergslagen", first=None):
    sector = {"association": "nonprofit", "company": "private", "public_body": "public"}.get(kind)
    return OrganisationRecord(organisation_id, f"Org {organisation_id}", kind, sector, locality, area, first_workshop_id=first)


def idea(idea_id, workshop_id=1, locality="Ramsberg", area="Leader Bergslagen"):
    return IdeaRecord(idea_id, f"Idé {idea_id}", workshop_id, locality, area)


def meeting(workshop_id, sequence=None, locality="Ramsberg"):
    return WorkshopRecord(workshop_id, f"Träff {workshop_id}", dt.date(2026, 1, workshop_id), locality, sequence or workshop_id)


TWO = (org(1), org(2))


@pytest.mark.parametrize(
    "snapshot, expected",
    [
        pytest.param(
            # Both committed to ideas 10 and 11: two shared ideas at 1.0 each.
            NetworkSnapshot(
                organisations=TWO,
                ideas=(idea(10), idea(11)),
                commitments=tuple(CommitmentRecord(i, o, "partner", 1) for i in (10, 11) for o in (1, 2)),
            ),
            {"shared_ideas": 2, "tie_kinds": (), "shared_workshops": 0, "strength": 2.0, "distance": 0.5},
            id="two shared ideas",
        ),
        pytest.param(
            # Each entered the same tie about the other: one relationship, counted once.
            NetworkSnapshot(organisations=TWO, ties=(TieRecord(1, 2, "know", 1), TieRecord(2, 1, "know", 1))),
            {"shared_ideas": 0, "tie_kinds": ("know",), "shared_workshops": 0, "strength": 1.0, "distance": 1.0},
            id="a tie entered from both sides counts once",
        ),
        pytest.param(
            # People who cooperated also know each other: the strongest kind (2.0) counts, not the sum.
            NetworkSnapshot(organisations=TWO, ties=(TieRecord(1, 2, "know", 1), TieRecord(1, 2, "cooperated", 1))),
            {"shared_ideas": 0, "tie_kinds": ("cooperated", "know"), "shared_workshops": 0, "strength": 2.0, "distance": 0.5},
            id="strongest tie kind only",
        ),
        pytest.param(
            # Three meetings together at 0.25 each.
            NetworkSnapshot(
                organisations=TWO,
                workshops=(meeting(1), meeting(2), meeting(3)),
                attendances=tuple(AttendanceRecord(o, w) for o in (1, 2) for w in (1, 2, 3)),
            ),
            {"shared_ideas": 0, "tie_kinds": (), "shared_workshops": 3, "strength": 0.75, "distance": 1 / 0.75},
            id="three meetings together",
        ),
        pytest.param(
            # 1 idea (1.0) + want (0.5) + 2 meetings (0.5) = 2.0.
            NetworkSnapshot(
                organisations=TWO,
                ideas=(idea(10),),
                commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)),
                ties=(TieRecord(1, 2, "want", 1),),
                attendances=tuple(AttendanceRecord(o, w) for o in (1, 2) for w in (1, 2)),
            ),
            {"shared_ideas": 1, "tie_kinds": ("want",), "shared_workshops": 2, "strength": 2.0, "distance": 0.5},
            id="all evidence adds up",
        ),
    ],
)
def test_an_edge_records_its_evidence_and_a_weighted_strength(snapshot, expected):
    G = build_organisation_graph(snapshot)
    assert list(G.edges) == [(1, 2)]
    assert G.edges[1, 2] == expected  # all weights are exact binary fractions


def test_every_organisation_is_a_node_with_its_attributes_and_private_persons_are_flagged_by_kind():
    snapshot = NetworkSnapshot(organisations=(org(1), org(2, kind="private_person", locality=None, area=None)))
    G = build_organisation_graph(snapshot)
    assert dict(G.nodes(data=True)) == {
        1: {"name": "Org 1", "kind": "association", "sector": "nonprofit", "locality": "Ramsberg", "leader_area": "Leader Bergslagen"},
        2: {"name": "Org 2", "kind": "private_person", "sector": None, "locality": None, "leader_area": None},
    }
    assert G.number_of_edges() == 0


def test_one_organisation_committing_twice_to_an_idea_shares_it_once():
    # Organisation 1 is both initiator and possible owner of idea 10: still one shared idea with 2.
    snapshot = NetworkSnapshot(
        organisations=TWO,
        ideas=(idea(10),),
        commitments=tuple(CommitmentRecord(10, o, role, 1) for o, role in [(1, "initiator"), (1, "possible_owner"), (2, "partner")]),
    )
    assert build_organisation_graph(snapshot).edges[1, 2]["shared_ideas"] == 1


def test_records_about_unknown_organisations_or_ideas_and_ties_with_oneself_are_ignored():
    snapshot = NetworkSnapshot(
        organisations=TWO,
        ideas=(idea(10),),
        commitments=(CommitmentRecord(10, 1, "partner", 1), CommitmentRecord(10, 99, "partner", 1), CommitmentRecord(77, 1, "partner", 1)),
        ties=(TieRecord(1, 1, "know", 1), TieRecord(1, 99, "know", 1)),
        attendances=(AttendanceRecord(1, 1), AttendanceRecord(99, 1)),
    )
    G = build_organisation_graph(snapshot)
    assert sorted(G.nodes) == [1, 2] and G.number_of_edges() == 0


def test_evidence_with_weight_zero_makes_no_edge():
    # Only a shared meeting links 1 and 2; with that weight at 0 there is nothing to draw.
    snapshot = NetworkSnapshot(organisations=TWO, attendances=(AttendanceRecord(1, 1), AttendanceRecord(2, 1)))
    assert build_organisation_graph(snapshot, weights=EdgeWeights(shared_workshop=0.0)).number_of_edges() == 0
    assert build_organisation_graph(snapshot).number_of_edges() == 1


def test_the_graph_does_not_depend_on_the_order_of_the_records():
    snapshot = synthetic_snapshot(40, seed=3)
    shuffled = NetworkSnapshot(
        workshops=snapshot.workshops[::-1],
        organisations=snapshot.organisations[::-1],
        ideas=snapshot.ideas[::-1],
        commitments=snapshot.commitments[::-1],
        ties=snapshot.ties[::-1],
        attendances=snapshot.attendances[::-1],
    )
    G, H = build_organisation_graph(snapshot), build_organisation_graph(shuffled)
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(data=True)) == list(H.edges(data=True))


# Two meetings: organisation 1 appears at the first, 2 at the second, 3 was registered
# outside the meetings, 4 lives in Fellingsbro and first came to meeting 1 but is only
# active (a tie) at meeting 2.
HISTORY = NetworkSnapshot(
    workshops=(meeting(1), meeting(2, locality="Fellingsbro")),
    organisations=(
        org(1, first=1),
        org(2, kind="company", first=2),
        org(3, first=None),
        org(4, locality="Fellingsbro", area="Leader Mälardalen", first=1),
    ),
    ideas=(idea(10, workshop_id=1), idea(11, workshop_id=2, locality="Fellingsbro", area="Leader Mälardalen")),
    commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 2), CommitmentRecord(11, 4, "initiator", 2)),
    ties=(TieRecord(1, 3, "know", 1), TieRecord(4, 2, "want", 2)),
    attendances=(AttendanceRecord(1, 1), AttendanceRecord(4, 1), AttendanceRecord(1, 2), AttendanceRecord(2, 2)),
    leader_caps={"Leader Mälardalen": 1_300_000},
)


@pytest.mark.parametrize(
    "filters, organisations, ideas, commitments, ties, attendances",
    [
        pytest.param({}, [1, 2, 3, 4], [10, 11], 3, 2, 4, id="no filter"),
        # After meeting 1: organisation 2 and idea 11 had not appeared; 3 has no first meeting and stays.
        pytest.param({"up_to_meeting": 1}, [1, 3, 4], [10], 1, 1, 2, id="up to meeting 1"),
        pytest.param({"up_to_meeting": 2}, [1, 2, 3, 4], [10, 11], 3, 2, 4, id="up to meeting 2"),
        # Meeting 2 alone: 1 attended it and idea 10 got a commitment there, so both stay;
        # 3 came in outside the meetings and did nothing at meeting 2, so it is not its organisation.
        pytest.param({"workshop_ids": [2]}, [1, 2, 4], [10, 11], 2, 1, 2, id="meeting 2 only"),
        # Meeting 1 alone: 3 is there through the tie recorded at it, 2 came only to meeting 2.
        pytest.param({"workshop_ids": [1]}, [1, 3, 4], [10], 1, 1, 2, id="meeting 1 only"),
        pytest.param({"locality": "Fellingsbro"}, [4], [11], 1, 0, 1, id="one locality"),
        pytest.param({"leader_area": "Leader Bergslagen"}, [1, 2, 3], [10], 2, 1, 3, id="one Leader area"),
        pytest.param({"up_to_meeting": 1, "leader_area": "Leader Bergslagen"}, [1, 3], [10], 1, 1, 1, id="filters combine"),
    ],
)
def test_filtering_keeps_a_consistent_part_of_the_process(filters, organisations, ideas, commitments, ties, attendances):
    result = filter_snapshot(HISTORY, **filters)
    assert [o.id for o in result.organisations] == organisations
    assert [i.id for i in result.ideas] == ideas
    assert (len(result.commitments), len(result.ties), len(result.attendances)) == (commitments, ties, attendances)
    assert result.leader_caps == HISTORY.leader_caps


@pytest.mark.parametrize("seed", [0, 1])
def test_every_record_kept_by_a_filter_points_at_something_kept(seed):
    snapshot = synthetic_snapshot(60, seed=seed)
    for filters in [{"up_to_meeting": 2}, {"workshop_ids": [3, 4]}, {"locality": "Vedevåg"}, {"leader_area": "Leader Mälardalen"}]:
        result = filter_snapshot(snapshot, **filters)
        workshops = {w.id for w in result.workshops}
        organisations = {o.id for o in result.organisations}
        ideas = {i.id for i in result.ideas}
        assert all(c.workshop_id in workshops and c.organisation_id in organisations and c.idea_id in ideas for c in result.commitments)
        assert all(t.workshop_id in workshops and {t.organisation_a, t.organisation_b} <= organisations for t in result.ties)
        assert all(a.workshop_id in workshops and a.organisation_id in organisations for a in result.attendances)


def test_the_network_only_grows_from_meeting_to_meeting():
    snapshot = synthetic_snapshot(80, seed=2)
    sizes = []
    for sequence in range(1, len(snapshot.workshops) + 1):
        G = build_organisation_graph(filter_snapshot(snapshot, up_to_meeting=sequence))
        sizes.append((G.number_of_nodes(), G.number_of_edges()))
    assert sizes == sorted(sizes) and sizes[-1] == (80, build_organisation_graph(snapshot).number_of_edges())
