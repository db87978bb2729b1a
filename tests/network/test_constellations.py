"""Project constellations: the rules, the score, the gaps, and exactness against brute force."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.constellations import (
    DEFAULT_SCORE_WEIGHTS,
    PARTS,
    ScoreWeights,
    all_constellations,
    evaluate_constellation,
    idea_constellations,
)
from workshop.network.constellations.pool import Pool
from workshop.network.constellations.search import SearchContext
from workshop.network.graph import build_organisation_graph
from workshop.network.message import UnknownIdea
from workshop.network.relevance import FIT_FLOOR, NEED_MET, RelevanceIndex, label_match
from workshop.network.snapshot import Capability, CommitmentRecord, IdeaRecord, NetworkSnapshot, OrganisationRecord, TieRecord
from workshop.vocabulary import ORGANISATION_KINDS, OWNER_ELIGIBLE_KINDS, sector_of

AREA = "Leader Bergslagen"
KITCHEN = Capability("premises", "storkök")
GUIDE = Capability("competence", "naturguidning")
MONEY = Capability("money", "medfinansiering")


# Every organisation these tests build is about the idea (a basis), unless told otherwise.
ABOUT_THE_IDEA = "Vill vara med och bygga ett bygdekök."


def org(organisation_id, kind="association", area=AREA, offers=(), description=ABOUT_THE_IDEA):
    return OrganisationRecord(
        organisation_id, f"Org {organisation_id}", kind, sector_of(kind), "Ramsberg", area, offers=frozenset(offers), description=description
    )


def network(organisations, commitments=(), ties=(), needs=(), owner=None, area=AREA):
    snapshot = NetworkSnapshot(
        organisations=tuple(organisations),
        ideas=(IdeaRecord(10, "Bygdekök", 1, "Ramsberg", area, needs=frozenset(needs), owner_organisation_id=owner),),
        commitments=tuple(CommitmentRecord(10, o, role, 1) for o, role in commitments),
        ties=tuple(TieRecord(a, b, kind, 1) for a, b, kind in ties),
    )
    return build_organisation_graph(snapshot), snapshot


@pytest.mark.parametrize(
    "organisations, members, valid",
    [
        pytest.param([org(1), org(2, "company")], [1, 2], True, id="two organisations"),
        # A private person never counts toward the two partners.
        pytest.param([org(1), org(2, "private_person")], [1, 2], False, id="one organisation and a private person"),
        pytest.param([org(1, "private_person"), org(2, "private_person")], [1, 2], False, id="two private persons"),
        # ...but may come along as an extra member.
        pytest.param([org(1), org(2, "company"), org(3, "private_person")], [1, 2, 3], True, id="private person as extra member"),
        pytest.param([org(1), org(2)], [1], False, id="one member"),
    ],
)
def test_a_constellation_needs_two_organisations_that_are_not_private_persons(organisations, members, valid):
    G, snapshot = network(organisations)
    assert (evaluate_constellation(G, snapshot, 10, members) is not None) is valid


def test_the_score_is_the_weighted_sum_of_parts_computed_by_hand():
    # Idea needs kitchen, guide and money; 1 (committed, in the area) offers the kitchen, 2 (a
    # company in another area) the guide; they know each other (1.0 of a cooperation's 2.0).
    G, snapshot = network(
        [org(1, offers=[KITCHEN]), org(2, "company", area="Leader Mälardalen", offers=[GUIDE])],
        commitments=[(1, "initiator")],
        ties=[(1, 2, "know")],
        needs=[KITCHEN, GUIDE, MONEY],
    )
    result = evaluate_constellation(G, snapshot, 10, [2, 1])
    # 1 is committed (fit 1); 2's fit is its relevance against the best uncommitted one (2
    # itself, here under the floor of 0.5), quantised to 1/1024 like the search does.
    relevance_of_2 = RelevanceIndex(snapshot).explain(10, 2).score
    fit_of_2 = round(min(1.0, relevance_of_2 / max(FIT_FLOOR, relevance_of_2)) * 1024) / 1024
    expected = {
        "fit": (1 + fit_of_2) / 2,
        "coverage": 2 / 3,
        "ties": 0.5,
        "sector_mix": 2 / 3,
        "commitment": 0.5,
        "anchoring": 0.5,
        "size": 1.0,
    }
    assert result.members == (1, 2)
    assert result.parts == pytest.approx(expected)
    w = DEFAULT_SCORE_WEIGHTS
    assert result.score == pytest.approx(sum(getattr(w, part) * value for part, value in expected.items()))
    assert result.reason.key == "constellation.reason"
    assert result.reason.params == {
        "members": 2,
        "partners": 2,
        "committed": 1,
        "covered": 2,
        "needs": 3,
        "sectors": 2,
        "linked_pairs": 1,
        "pairs": 1,
        "anchored": 1,
        "area": AREA,
        "owner": "Org 1",
    }


def test_an_idea_without_needs_has_nothing_covered_and_an_idea_without_area_anchors_nobody():
    # Before issue 9 an idea listing no needs counted as fully covered by anyone.
    G, snapshot = network([org(1), org(2)], area=None)
    result = evaluate_constellation(G, snapshot, 10, [1, 2])
    assert (result.parts["coverage"], result.parts["anchoring"]) == (0.0, 0.0)


def test_a_member_with_nothing_tied_to_the_idea_breaks_the_rules():
    G, snapshot = network([org(1), org(2, "company", description="Vi säljer bildäck.")])
    assert evaluate_constellation(G, snapshot, 10, [1, 2]) is None
    assert idea_constellations(G, snapshot, 10).candidates == ()


@pytest.mark.parametrize(
    "commitments, owner, expected",
    [
        # The named owner wins, if it is a member.
        pytest.param([(1, "possible_owner"), (2, "initiator")], 3, 3, id="named owner"),
        pytest.param([(1, "initiator"), (2, "possible_owner")], None, 2, id="possible owner before initiator"),
        pytest.param([(1, "partner"), (2, "initiator")], None, 2, id="initiator before partner"),
        # Nobody committed: same Leader area first (2 and 3 are elsewhere), then lowest id.
        pytest.param([], None, 1, id="local before others"),
        # The private person initiated, but cannot own.
        pytest.param([(4, "initiator")], None, 1, id="never a private person"),
    ],
)
def test_the_proposed_owner_is_the_strongest_eligible_claim(commitments, owner, expected):
    organisations = [org(1), org(2, "company", area="Elsewhere"), org(3, "public_body", area="Elsewhere"), org(4, "private_person")]
    G, snapshot = network(organisations, commitments=commitments, owner=owner)
    assert evaluate_constellation(G, snapshot, 10, [1, 2, 3, 4]).owner_id == expected


def test_committed_organisations_then_the_most_relevant_make_up_the_pool_and_nobody_else():
    # 1 and 2 committed; 5 holds the kitchen they lack; 3 only writes about the idea; 4 is
    # unrelated to it, though it cooperated with 1: linked is not relevant.
    G, snapshot = network(
        [org(1), org(2, "company"), org(3), org(4, description="Skytteföreningen tränar på vintern."), org(5, offers=[KITCHEN])],
        commitments=[(2, "partner"), (1, "initiator")],
        ties=[(1, 4, "cooperated")],
        needs=[KITCHEN],
    )
    assert idea_constellations(G, snapshot, 10, pool_size=3).pool == (1, 2, 5)
    assert idea_constellations(G, snapshot, 10, pool_size=10).pool == (1, 2, 5, 3)


def test_gaps_name_what_the_committed_group_lacks_and_who_could_fill_it():
    # Only a private person and an initiator association are committed; 2 has the kitchen and
    # cooperated with 1; nobody has a guide.
    G, snapshot = network(
        [org(1), org(2, "company", offers=[KITCHEN]), org(3, "private_person"), org(4)],
        commitments=[(1, "initiator"), (3, "partner")],
        ties=[(1, 2, "cooperated")],
        needs=[KITCHEN, GUIDE],
    )
    missing = {item.message.key: item for item in idea_constellations(G, snapshot, 10).missing}
    assert missing["constellation.missing.partners"].message.params == {"count": 1}
    assert missing["constellation.missing.partners"].could_fill == (2, 4)
    # The committed initiator could step up first.
    assert missing["ownership.open"].could_fill == (1, 2, 4)
    assert missing["ownership.open"].message.params == {"names": "Org 1"}
    assert missing["constellation.missing.capability"].message.params == {"capability": "storkök", "category": "premises"}
    assert missing["constellation.missing.capability"].could_fill == (2,)
    assert missing["constellation.missing.capability_nowhere"].message.params == {"capability": "naturguidning", "category": "competence"}
    assert missing["constellation.missing.capability_nowhere"].could_fill == ()


def test_a_complete_committed_group_lacks_nothing():
    G, snapshot = network(
        [org(1, offers=[KITCHEN]), org(2, "company")],
        commitments=[(1, "possible_owner"), (2, "partner")],
        needs=[KITCHEN],
    )
    result = idea_constellations(G, snapshot, 10)
    assert result.missing == ()
    assert result.candidates[0].members == (1, 2)


def test_an_idea_that_cannot_form_a_constellation_says_so():
    G, snapshot = network([org(1), org(2, "private_person")], commitments=[(1, "initiator")])
    result = idea_constellations(G, snapshot, 10)
    assert not result.can_form and result.candidates == ()
    # Missing: a second partner (2 is a private person) and an owner (1 only initiated; it could step up).
    assert [(item.message.key, item.could_fill) for item in result.missing] == [
        ("constellation.missing.partners", ()),
        ("ownership.open", (1,)),
    ]


def test_asking_about_an_unknown_idea_or_groups_of_one_is_an_error():
    G, snapshot = network([org(1), org(2)])
    with pytest.raises(UnknownIdea):
        idea_constellations(G, snapshot, 99)
    with pytest.raises(ValueError):
        idea_constellations(G, snapshot, 10, max_size=1)


def test_all_constellations_gives_the_same_as_asking_idea_by_idea():
    snapshot = synthetic_snapshot(40, seed=7)
    G = build_organisation_graph(snapshot)
    everything = all_constellations(G, snapshot, k=3)
    assert sorted(everything) == sorted(i.id for i in snapshot.ideas)
    for idea_id in list(everything)[:15]:
        assert everything[idea_id] == idea_constellations(G, snapshot, idea_id, k=3)


def test_every_candidate_follows_the_rules_and_has_an_eligible_owner():
    snapshot = synthetic_snapshot(60, seed=8)
    G = build_organisation_graph(snapshot)
    kinds = {o.id: o.kind for o in snapshot.organisations}
    for result in all_constellations(G, snapshot).values():
        for candidate in result.candidates:
            assert 2 <= len(candidate.members) <= 4 and list(candidate.members) == sorted(set(candidate.members))
            assert sum(kinds[m] != "private_person" for m in candidate.members) >= 2
            assert kinds[candidate.owner_id] in OWNER_ELIGIBLE_KINDS and candidate.owner_id in candidate.members
            assert set(candidate.parts) == set(PARTS) and all(0 <= v <= 1 for v in candidate.parts.values())
            assert 0 <= candidate.score <= 1


# --- exactness: the search equals brute force -------------------------------------------------

CAPABILITIES = (KITCHEN, GUIDE, MONEY, Capability("resource", "frivilliga"), Capability("competence", "ekonomi"))
AREAS = (AREA, "Leader Mälardalen", None)


@st.composite
def small_networks(draw):
    n = draw(st.integers(min_value=2, max_value=9))
    organisations = [
        OrganisationRecord(
            i,
            f"Org {i}",
            kind := draw(st.sampled_from(ORGANISATION_KINDS)),
            sector_of(kind),
            None,
            draw(st.sampled_from(AREAS)),
            offers=frozenset(draw(st.sets(st.sampled_from(CAPABILITIES), max_size=3))),
        )
        for i in range(1, n + 1)
    ]
    ids = st.integers(min_value=1, max_value=n)
    ideas = tuple(
        IdeaRecord(
            idea_id,
            f"Idé {idea_id}",
            1,
            None,
            draw(st.sampled_from(AREAS)),
            needs=frozenset(draw(st.sets(st.sampled_from(CAPABILITIES), max_size=4))),
            owner_organisation_id=draw(st.none() | ids),
            # The proposer's organisation: committed as initiator and in every constellation.
            proposer_id=draw(st.none() | ids),
        )
        for idea_id in (10, 11)
    )
    roles = st.sampled_from(["initiator", "partner", "contributor", "possible_owner"])
    commitments = draw(st.lists(st.builds(CommitmentRecord, st.sampled_from([10, 11]), ids, roles, st.just(1)), max_size=8))
    ties = draw(st.lists(st.builds(TieRecord, ids, ids, st.sampled_from(["cooperated", "know", "want"]), st.just(1)), max_size=12))
    return NetworkSnapshot(organisations=tuple(organisations), ideas=ideas, commitments=tuple(commitments), ties=tuple(ties))


def naive_fit(index, idea, member, committed, organisations):
    """Relevance against the best of the uncommitted (at least FIT_FLOOR); 1 when committed."""
    if member in committed:
        return 1.0
    best = max([FIT_FLOOR] + [index.explain(idea.id, o).score for o in organisations if o not in committed])
    return round(min(1.0, index.explain(idea.id, member).score / best) * 1024) / 1024


def naive_score(G, snapshot, idea, members, index, weights=DEFAULT_SCORE_WEIGHTS):
    """The score written straight from the definitions, as a second opinion."""
    by_id = {o.id: o for o in snapshot.organisations}
    committed = {c.organisation_id for c in snapshot.commitments if c.idea_id == idea.id}
    covered = {n for n in idea.needs for m in members if any(label_match(n, offer) >= NEED_MET for offer in by_id[m].offers)}
    pairs = list(combinations(members, 2))
    parts = {
        "fit": sum(naive_fit(index, idea, m, committed, by_id) for m in members) / len(members),
        "coverage": len(covered) / len(idea.needs) if idea.needs else 0.0,
        "ties": sum(min(1.0, G.edges[a, b]["strength"] / 2.0) if G.has_edge(a, b) else 0.0 for a, b in pairs) / len(pairs),
        "sector_mix": len({by_id[m].sector for m in members} - {None}) / 3,
        "commitment": sum(m in committed for m in members) / len(members),
        "anchoring": sum(idea.leader_area is not None and by_id[m].leader_area == idea.leader_area for m in members) / len(members),
        "size": 2 / len(members),
    }
    return sum(getattr(weights, part) * value for part, value in parts.items())


def relevant_to(snapshot, idea_id, index=None):
    """Committed, or with a basis for the idea: the only organisations a constellation may hold."""
    index = index or RelevanceIndex(snapshot)
    return {o.id for o in snapshot.organisations if index.explain(idea_id, o.id).relevant}


def naive_valid(snapshot, members, relevant, idea):
    kinds = {o.id: o.kind for o in snapshot.organisations}
    proposer = idea.proposer_id if idea.proposer_id in kinds and kinds[idea.proposer_id] != "private_person" else None
    return (
        (proposer is None or proposer in members)
        and sum(kinds[m] != "private_person" for m in members) >= 2
        and any(kinds[m] in OWNER_ELIGIBLE_KINDS for m in members)
        and set(members) <= relevant
    )


class RememberedRelevance:
    """``RelevanceIndex.explain``, each pair computed once.

    The naive score asks for the same (idea, organisation) pairs for every combination it
    scores (the best uncommitted fit alone reads every organisation each time); relevance
    is a pure function of the snapshot, so remembering the answers changes nothing but time.
    """

    def __init__(self, index):
        self.index, self.known = index, {}

    def explain(self, idea_id, organisation_id):
        if (idea_id, organisation_id) not in self.known:
            self.known[idea_id, organisation_id] = self.index.explain(idea_id, organisation_id)
        return self.known[idea_id, organisation_id]


def brute_force(G, snapshot, idea_id, candidates, k, max_size=4):
    """The top ``k`` of every group of 2 to ``max_size`` of ``candidates``, each group scored.

    Every combination is scored in one call of the pool's plain scorer (``Pool.evaluate``, the
    arithmetic ``evaluate_constellation`` runs for one group; a group's facts do not depend on
    the others in the pool, so scoring them together changes nothing but time), and each is
    checked against the rules and score written from the definitions (``naive_valid``,
    ``naive_score``). The groups in the top ``k`` are scored once more through
    ``evaluate_constellation``, the public door. It does no pruning, so a bound in the search
    that cuts a group that belongs in the top ``k`` makes the lists differ.
    """
    # One index for the whole brute force: relevance is a pure function of the snapshot.
    index = RelevanceIndex(snapshot)
    remembered = RememberedRelevance(index)
    relevant = relevant_to(snapshot, idea_id, remembered)
    idea = next(i for i in snapshot.ideas if i.id == idea_id)
    context = SearchContext(G, snapshot, index)
    ids = sorted(candidates)
    pool = Pool.build(context, idea, ids, context.committed.get(idea_id, {}))
    combos = [group for size in range(2, max_size + 1) for group in combinations(range(len(ids)), size)]
    groups = np.full((len(combos), max_size), len(ids), dtype=np.intp)  # padded with the empty member
    for row, group in enumerate(combos):
        groups[row, : len(group)] = group
    scored = pool.evaluate(groups, np.array([len(group) for group in combos]), DEFAULT_SCORE_WEIGHTS)
    found = []
    for row, group in enumerate(combos):
        members = tuple(ids[p] for p in group)
        assert bool(scored.valid[row]) == naive_valid(snapshot, members, relevant, idea)
        if scored.valid[row]:
            score = float(scored.total[row])
            assert score == pytest.approx(naive_score(G, snapshot, idea, members, remembered), abs=1e-12)
            found.append((-score, len(members), members))
    top = [(members, -negative) for negative, _, members in sorted(found)[:k]]
    for members, score in top:
        assert evaluate_constellation(G, snapshot, idea_id, members, relevance=index).score == score
    return top


@settings(max_examples=100, deadline=None)
@given(snapshot=small_networks(), k=st.integers(min_value=1, max_value=8))
def test_the_search_returns_exactly_the_brute_force_top_k_over_all_organisations(snapshot, k):
    G = build_organisation_graph(snapshot)
    everyone = [o.id for o in snapshot.organisations]
    for idea in snapshot.ideas:
        result = idea_constellations(G, snapshot, idea.id, k=k, pool_size=len(everyone))
        # The pool is everyone with a basis for the idea; brute force still tries everyone.
        assert sorted(result.pool) == sorted(relevant_to(snapshot, idea.id))
        assert [(c.members, c.score) for c in result.candidates] == brute_force(G, snapshot, idea.id, everyone, k)


@settings(max_examples=60, deadline=None)
@given(snapshot=small_networks(), pool_size=st.integers(min_value=2, max_value=5), max_size=st.integers(min_value=2, max_value=5))
def test_with_a_small_pool_the_search_is_exact_over_the_pool(snapshot, pool_size, max_size):
    G = build_organisation_graph(snapshot)
    for idea in snapshot.ideas:
        result = idea_constellations(G, snapshot, idea.id, k=4, pool_size=pool_size, max_size=max_size)
        assert len(result.pool) == min(pool_size, len(relevant_to(snapshot, idea.id)))
        expected = brute_force(G, snapshot, idea.id, result.pool, 4, max_size=max_size)
        assert [(c.members, c.score) for c in result.candidates] == expected


def test_custom_weights_change_the_ranking():
    # 1 and 2 cooperated but cover nothing; 1 and 3 never met but 3 has the kitchen.
    G, snapshot = network(
        [org(1), org(2), org(3, offers=[KITCHEN])], commitments=[(1, "initiator")], ties=[(1, 2, "cooperated")], needs=[KITCHEN]
    )
    only_ties = ScoreWeights(fit=0, coverage=0, ties=1, sector_mix=0, commitment=0, anchoring=0, size=0)
    only_coverage = ScoreWeights(fit=0, coverage=1, ties=0, sector_mix=0, commitment=0, anchoring=0, size=0)
    assert idea_constellations(G, snapshot, 10, k=1, weights=only_ties).candidates[0].members == (1, 2)
    assert idea_constellations(G, snapshot, 10, k=1, weights=only_coverage).candidates[0].members == (1, 3)


def test_organisations_missing_from_the_graph_simply_have_no_links():
    G, snapshot = network([org(1), org(2)], ties=[(1, 2, "cooperated")])
    result = idea_constellations(nx.Graph(), snapshot, 10)
    assert result.candidates[0].parts["ties"] == 0.0
    assert idea_constellations(G, snapshot, 10).candidates[0].parts["ties"] == 1.0
