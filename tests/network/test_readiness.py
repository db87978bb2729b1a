"""The LEADER readiness checklist: each criterion passes or says what is missing."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.message import UnknownIdea
from workshop.network.readiness import CRITERIA, MIN_INNOVATION_CHARS, all_readiness, idea_readiness
from workshop.network.snapshot import CommitmentRecord, IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import sector_of

MALARDALEN = "Leader Mälardalen"


def org(organisation_id, kind="association", area=MALARDALEN):
    return OrganisationRecord(organisation_id, f"Org {organisation_id}", kind, sector_of(kind), "Fellingsbro", area)


ORGANISATIONS = (org(1), org(2, "company"), org(3, "private_person"), org(4, "public_body", area="Leader Bergslagen"))

# Everything in order: two organisations from the area, 1 offers to own, the innovation is one
# real sentence, the budget is under Leader Mälardalen's 1.3 MSEK and volunteer time is estimated.
READY_IDEA = IdeaRecord(
    10,
    "Matmarknad i bygdegården",
    1,
    "Fellingsbro",
    MALARDALEN,
    innovation="Lokala producenter säljer tillsammans.",
    budget_sek=900_000,
    cofinancing_hours=300,
)
READY_COMMITMENTS = ((1, "possible_owner"), (2, "partner"))


def check(commitments=READY_COMMITMENTS, **changes):
    snapshot = NetworkSnapshot(
        organisations=ORGANISATIONS,
        ideas=(dataclasses.replace(READY_IDEA, **changes),),
        commitments=tuple(CommitmentRecord(10, o, role, 1) for o, role in commitments),
        leader_caps={MALARDALEN: 1_300_000},
    )
    return idea_readiness(snapshot, 10)


def test_an_idea_that_meets_every_criterion_is_ready():
    result = check()
    assert result.ready and result.failed == ()
    assert [c.key for c in result.criteria] == list(CRITERIA)
    assert result.summary.key == "readiness.ready"
    assert {c.key: c.message.key for c in result.criteria} == {
        "partners": "readiness.partners.ok",
        "owner": "readiness.owner.ok",
        "anchoring": "readiness.anchoring.ok",
        "innovation": "readiness.innovation.ok",
        "budget": "readiness.budget.ok",
        "cofinancing": "readiness.cofinancing.ok",
    }


@pytest.mark.parametrize(
    "commitments, changes, criterion, key, params",
    [
        # --- at least two cooperating actors
        pytest.param(
            [(1, "possible_owner"), (3, "partner")], {}, "partners", "readiness.partners.missing", {"count": 1, "missing": 1},
            id="a private person is no partner",
        ),
        pytest.param(
            [(1, "possible_owner"), (1, "initiator")], {}, "partners", "readiness.partners.missing", {"count": 1, "missing": 1},
            id="one organisation with two roles is one",
        ),
        # --- project owner
        pytest.param(
            [(1, "initiator"), (2, "partner")], {}, "owner", "ownership.open", {"names": "Org 1, Org 2"},
            id="an initiator is not yet an owner: it and the partner could take it on",
        ),
        pytest.param(
            [(1, "initiator"), (2, "partner"), (3, "possible_owner")], {}, "owner", "ownership.open", {"names": "Org 1, Org 2"},
            id="a private person cannot offer to own",
        ),
        pytest.param(
            [(3, "possible_owner")], {}, "owner", "ownership.missing", {}, id="nobody committed may own a project",
        ),
        pytest.param(
            [(3, "initiator")], {"proposed_by_private_person": True}, "owner", "ownership.private_proposer", {},
            id="an idea from a private person needs an organisation to own it",
        ),
        pytest.param(
            [(1, "initiator"), (2, "partner"), (3, "partner")], {"owner_organisation_id": 3}, "owner", "readiness.owner.not_eligible",
            {"owner": "Org 3"}, id="a named private person cannot own",
        ),
        pytest.param(
            [(1, "initiator"), (2, "partner")], {"owner_organisation_id": 4}, "owner", "readiness.owner.not_committed",
            {"owner": "Org 4"}, id="the named owner has not committed",
        ),
        # --- local anchoring
        pytest.param(READY_COMMITMENTS, {"locality": None}, "anchoring", "readiness.anchoring.no_locality", {}, id="no locality"),
        pytest.param(
            READY_COMMITMENTS, {"leader_area": None}, "anchoring", "readiness.anchoring.unknown_area", {"locality": "Fellingsbro"},
            id="locality without a known Leader area",
        ),
        pytest.param(
            [(4, "possible_owner"), (2, "partner")], {"leader_area": "Leader Bergslagen"}, "anchoring",
            "readiness.anchoring.ok", {"locality": "Fellingsbro", "area": "Leader Bergslagen", "count": 1},
            id="one local member is enough",
        ),
        pytest.param(
            READY_COMMITMENTS, {"leader_area": "Leader Bergslagen"}, "anchoring",
            "readiness.anchoring.no_local_member", {"locality": "Fellingsbro", "area": "Leader Bergslagen"},
            id="nobody from the area",
        ),
        # --- innovation: at least 20 characters after stripping
        pytest.param(
            READY_COMMITMENTS, {"innovation": "   Ny idé.   "}, "innovation", "readiness.innovation.too_short",
            {"chars": 7, "minimum": MIN_INNOVATION_CHARS}, id="too short",
        ),
        pytest.param(
            READY_COMMITMENTS, {"innovation": "  " + "x" * MIN_INNOVATION_CHARS + "  "}, "innovation", "readiness.innovation.ok",
            {"chars": MIN_INNOVATION_CHARS}, id="exactly long enough",
        ),
        # --- budget within the area's cap
        pytest.param(READY_COMMITMENTS, {"budget_sek": None}, "budget", "readiness.budget.missing", {}, id="no budget"),
        pytest.param(READY_COMMITMENTS, {"budget_sek": 0}, "budget", "readiness.budget.not_positive", {"budget": 0}, id="zero budget"),
        pytest.param(
            READY_COMMITMENTS, {"budget_sek": 1_300_000}, "budget", "readiness.budget.ok",
            {"budget": 1_300_000, "cap": 1_300_000, "area": MALARDALEN}, id="exactly the cap",
        ),
        pytest.param(
            READY_COMMITMENTS, {"budget_sek": 1_300_001}, "budget", "readiness.budget.over_cap",
            {"budget": 1_300_001, "cap": 1_300_000, "area": MALARDALEN, "excess": 1}, id="one krona over the cap",
        ),
        pytest.param(
            [(4, "possible_owner"), (2, "partner")], {"leader_area": "Leader Bergslagen", "budget_sek": 5_000_000}, "budget",
            "readiness.budget.ok_no_cap", {"budget": 5_000_000}, id="an area without a known cap",
        ),
        # --- co-financing: any estimate, 0 included
        pytest.param(READY_COMMITMENTS, {"cofinancing_hours": None}, "cofinancing", "readiness.cofinancing.missing", {}, id="no estimate"),
        pytest.param(READY_COMMITMENTS, {"cofinancing_hours": 0}, "cofinancing", "readiness.cofinancing.ok", {"hours": 0}, id="zero hours"),
        pytest.param(
            READY_COMMITMENTS, {"cofinancing_hours": -5}, "cofinancing", "readiness.cofinancing.negative", {"hours": -5},
            id="negative hours",
        ),
    ],
)
def test_each_criterion_explains_its_verdict(commitments, changes, criterion, key, params):
    result = check(commitments, **changes)
    [found] = [c for c in result.criteria if c.key == criterion]
    assert (found.message.key, dict(found.message.params)) == (key, params)
    assert found.passed is (key.endswith(".ok") or key.endswith(".ok_no_cap"))
    assert result.ready is all(c.passed for c in result.criteria)


@pytest.mark.parametrize(
    "commitments, owner, expected",
    [
        pytest.param([(1, "possible_owner"), (2, "partner")], None, 1, id="the one who offered"),
        pytest.param([(1, "possible_owner"), (2, "possible_owner")], None, 1, id="lowest id when several offer"),
        pytest.param([(1, "possible_owner"), (2, "partner")], 2, 2, id="the named owner first"),
        # The named private person cannot own, but 1 offered.
        pytest.param([(1, "possible_owner"), (2, "partner"), (3, "partner")], 3, 1, id="an offer covers an ineligible name"),
    ],
)
def test_the_owner_is_the_named_one_or_one_who_offered(commitments, owner, expected):
    [found] = [c for c in check(commitments, owner_organisation_id=owner).criteria if c.key == "owner"]
    assert found.passed and found.message.params == {"owner": f"Org {expected}", "owner_id": expected}


def test_an_idea_failing_anything_is_not_ready():
    result = check(budget_sek=None, cofinancing_hours=None)
    assert not result.ready
    assert [c.key for c in result.failed] == ["budget", "cofinancing"]
    assert result.summary.key == "readiness.not_ready"


def test_all_readiness_checks_every_idea_like_one_by_one():
    snapshot = synthetic_snapshot(50, seed=9)
    everything = all_readiness(snapshot)
    assert list(everything) == sorted(i.id for i in snapshot.ideas)
    assert all(everything[i.id] == idea_readiness(snapshot, i.id) for i in snapshot.ideas)


def test_an_unknown_idea_is_an_error():
    with pytest.raises(UnknownIdea):
        idea_readiness(NetworkSnapshot(), 10)
