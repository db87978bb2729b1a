"""Centrality, brokers, groups, gaps, introductions and growth of the organisation network."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.metrics import introductions
from workshop.network.graph import EdgeWeights, build_organisation_graph, filter_snapshot
from workshop.network.metrics import (
    brokers,
    communities,
    community_index,
    degree_and_strength,
    growth_by_meeting,
    ideas_needing_partners,
    isolated_organisations,
    suggested_introductions,
)
from workshop.network.snapshot import Capability, CommitmentRecord, IdeaRecord, NetworkSnapshot, OrganisationRecord

KITCHEN = Capability("premises", "storkök")
GUIDE = Capability("competence", "naturguidning")


def org(organisation_id, kind="association", locality="Ramsberg", offers=()):
    sector = {"association": "nonprofit", "company": "private", "public_body": "public"}.get(kind)
    area = "Leader Bergslagen"
    return OrganisationRecord(organisation_id, f"Org {organisation_id}", kind, sector, locality, area, offers=frozenset(offers))


def weighted(edges, strength=1.0):
    G = nx.Graph()
    for a, b in edges:
        G.add_edge(a, b, strength=strength, distance=1 / strength, name=None)
    for node in G:
        G.nodes[node]["name"] = f"Org {node}"
    return G


# Two triangles joined only through node 3: every path between the sides runs through it.
BOW_TIE = [(1, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 5)]
# One hub with four contacts who do not know each other.
STAR = [(0, 1), (0, 2), (0, 3), (0, 4)]


def test_degree_counts_links_and_strength_sums_them():
    G = weighted(STAR, strength=0.5)
    G.add_node(9)
    result = degree_and_strength(G)
    assert (result[0].degree, result[0].strength) == (4, 2.0)
    assert (result[1].degree, result[1].strength) == (1, 0.5)
    assert (result[9].degree, result[9].strength) == (0, 0.0)


@pytest.mark.parametrize(
    "edges, top, unlinked_pairs",
    [
        # 2 x 2 of the 6 shortest paths between the two sides go through 3; its four contacts form
        # 6 pairs of which (1, 2) and (4, 5) are linked.
        pytest.param(BOW_TIE, 3, 4, id="bow tie"),
        # The hub is on every path between leaves and none of its 6 contact pairs is linked.
        pytest.param(STAR, 0, 6, id="star"),
    ],
)
def test_the_organisation_in_the_middle_is_the_top_broker(edges, top, unlinked_pairs):
    best = brokers(weighted(edges))[0]
    assert best.organisation_id == top
    assert best.reason.key == "network.broker.reason"
    assert best.reason.params == {"name": f"Org {top}", "contacts": len(list(weighted(edges)[top])), "unlinked_pairs": unlinked_pairs}


@pytest.mark.parametrize("seed", range(5))
def test_constraint_and_effective_size_agree_with_networkx(seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(25, 0.2, seed=seed)
    G.add_node(99)  # isolated: both measures undefined
    for a, b in G.edges:
        strength = rng.choice([0.25, 0.5, 1.0, 2.0, 3.25])
        G.edges[a, b].update(strength=strength, distance=1 / strength)
    # nodes given: with scipy installed, networkx's whole-graph shortcut for effective_size
    # answers differently on weighted graphs; the per-node path is Burt's definition.
    expected_constraint = nx.constraint(G, nodes=list(G), weight="strength")
    expected_effective = nx.effective_size(G, nodes=list(G), weight="strength")
    for broker in brokers(G):
        node = broker.organisation_id
        if math.isnan(expected_constraint[node]):
            assert broker.constraint is None and broker.effective_size is None
        else:
            assert broker.constraint == pytest.approx(expected_constraint[node])
            assert broker.effective_size == pytest.approx(expected_effective[node])


def test_brokers_are_ranked_by_betweenness_then_constraint_then_id():
    ranked = brokers(weighted(BOW_TIE))
    keys = [(-b.betweenness, b.constraint if b.constraint is not None else math.inf, b.organisation_id) for b in ranked]
    assert keys == sorted(keys)
    assert [b.organisation_id for b in brokers(weighted(BOW_TIE), top=2)] == [b.organisation_id for b in ranked[:2]]


def test_sampled_betweenness_is_reproducible():
    G = build_organisation_graph(synthetic_snapshot(60, seed=4))
    assert brokers(G, sample_size=10) == brokers(G, sample_size=10)


def test_brokers_of_an_empty_network_are_none():
    assert brokers(nx.Graph()) == ()


def two_cliques_with_a_weak_bridge(order):
    # A triangle {1, 2, 3} and a four-clique {4, 5, 6, 7} of strong ties, bridged by a weak 3-4.
    G = nx.Graph()
    edges = [(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7)]
    for a, b in edges[::order]:
        G.add_edge(a, b, strength=2.0)
    G.add_edge(3, 4, strength=0.25)
    G.add_node(8)
    return G


def test_groups_are_numbered_largest_first_then_by_smallest_member():
    # The four-clique is larger, so it is group 0; the lonely 8 comes last.
    assert communities(two_cliques_with_a_weak_bridge(1)) == (frozenset({4, 5, 6, 7}), frozenset({1, 2, 3}), frozenset({8}))


def test_groups_do_not_depend_on_the_order_the_graph_was_built_in():
    assert communities(two_cliques_with_a_weak_bridge(1)) == communities(two_cliques_with_a_weak_bridge(-1))
    G = build_organisation_graph(synthetic_snapshot(120, seed=5))
    H = nx.Graph()
    H.add_nodes_from(sorted(G, reverse=True))
    H.add_edges_from(sorted(G.edges(data=True), reverse=True))
    assert communities(G) == communities(H)


def test_community_index_maps_each_member_to_its_group_number():
    groups = communities(two_cliques_with_a_weak_bridge(1))
    assert community_index(groups) == {4: 0, 5: 0, 6: 0, 7: 0, 1: 1, 2: 1, 3: 1, 8: 2}


def test_isolated_organisations_are_those_without_any_link():
    G = weighted(STAR)
    G.add_nodes_from([12, 11])
    assert isolated_organisations(G) == (11, 12)


@pytest.mark.parametrize(
    "committers, expected",
    [
        pytest.param([], (), id="nobody"),
        pytest.param([1], (1,), id="one association"),
        # The private person does not count toward the two.
        pytest.param([1, 3], (1,), id="association and private person"),
        # Same organisation with two roles is still one.
        pytest.param([1, 1], (1,), id="one organisation twice"),
        pytest.param([1, 2], None, id="two organisations are enough"),
    ],
)
def test_ideas_need_two_distinct_organisations_that_are_not_private_persons(committers, expected):
    snapshot = NetworkSnapshot(
        organisations=(org(1), org(2, kind="company"), org(3, kind="private_person")),
        ideas=(IdeaRecord(10, "Bastuflotte", 1, "Ramsberg", "Leader Bergslagen"),),
        commitments=tuple(CommitmentRecord(10, o, role, 1) for o, role in zip(committers, ["initiator", "possible_owner"])),
    )
    gaps = ideas_needing_partners(snapshot)
    if expected is None:
        assert gaps == ()
    else:
        [gap] = gaps
        assert gap.committed == expected
        assert gap.message.key == "network.idea_needs_partners"
        assert gap.message.params == {"title": "Bastuflotte", "committed": len(expected), "missing": 2 - len(expected)}


def introduction_network(*, linked=False, kitchen_in_group=False, same_place=False, themes=((), ())):
    # 1 is committed to idea 10, which needs a kitchen; 2 has one and is committed to idea 11.
    organisations = (
        org(1, locality="Ramsberg", offers=[KITCHEN] if kitchen_in_group else []),
        org(2, kind="company", locality="Ramsberg" if same_place else "Vedevåg", offers=[KITCHEN]),
    )
    ideas = (
        IdeaRecord(10, "Bygdekök", 1, "Ramsberg", None, needs=frozenset({KITCHEN}), themes=frozenset(themes[0])),
        IdeaRecord(11, "Cykelled", 1, "Vedevåg", None, themes=frozenset(themes[1])),
    )
    commitments = [CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(11, 2, "initiator", 1)]
    if linked:
        commitments.append(CommitmentRecord(11, 1, "partner", 1))
    return NetworkSnapshot(organisations=organisations, ideas=ideas, commitments=tuple(commitments))


@pytest.mark.parametrize(
    "options, score, keys",
    [
        # 2 has the kitchen that idea 10 of organisation 1 lacks: 2.0.
        pytest.param({}, 2.0, ["network.introduction.offers_need"], id="one offers what the other's idea lacks"),
        # 1 already has a kitchen itself, so nothing is lacking and they have no reason to meet.
        pytest.param({"kitchen_in_group": True}, None, [], id="a need already covered is no reason"),
        # Two shared themes at 1.0 each.
        pytest.param(
            {"kitchen_in_group": True, "themes": (("mat", "turism"), ("turism", "mat"))},
            2.0,
            ["network.introduction.shared_themes"],
            id="shared themes",
        ),
        pytest.param({"kitchen_in_group": True, "same_place": True}, 0.5, ["network.introduction.same_locality"], id="same locality"),
        pytest.param(
            {"same_place": True, "themes": (("mat",), ("mat",))},
            3.5,
            ["network.introduction.offers_need", "network.introduction.shared_themes", "network.introduction.same_locality"],
            id="all reasons add up",
        ),
        # Already linked through idea 11: no introduction needed.
        pytest.param({"linked": True}, None, [], id="already linked"),
    ],
)
def test_introductions_are_suggested_for_unlinked_pairs_with_a_reason_to_meet(options, score, keys):
    snapshot = introduction_network(**options)
    result = suggested_introductions(build_organisation_graph(snapshot), snapshot)
    if score is None:
        assert result == ()
        return
    [introduction] = result
    assert (introduction.organisation_a, introduction.organisation_b, introduction.score) == (1, 2, score)
    assert [reason.key for reason in introduction.reasons] == keys


@pytest.mark.parametrize("limit", [1, 7, 50, 400])
def test_the_first_introductions_are_the_head_of_the_whole_ranking(limit):
    # The limit only sorts the pairs that can make the top (many pairs tie on score):
    # the list must be the head of the full ranking, highest score first, then by ids.
    snapshot = synthetic_snapshot(120, seed=3)
    G = build_organisation_graph(snapshot)
    everything = suggested_introductions(G, snapshot, limit=None)
    assert len(everything) > 400
    assert [(i.score, i.organisation_a, i.organisation_b) for i in everything] == sorted(
        ((i.score, i.organisation_a, i.organisation_b) for i in everything), key=lambda row: (-row[0], row[1], row[2])
    )
    assert suggested_introductions(G, snapshot, limit=limit) == everything[:limit]
    assert all(not G.has_edge(i.organisation_a, i.organisation_b) and i.organisation_a < i.organisation_b for i in everything)


@pytest.mark.parametrize("limit", [1, 7, 50, None])
def test_introductions_scored_a_block_of_rows_at_a_time_are_those_of_the_whole_matrix(monkeypatch, limit):
    # Each block keeps only the pairs that can make the top; the pairs it drops must be
    # ones the whole ranking would not return (blocks of 16 rows: 8 blocks at 120).
    snapshot = synthetic_snapshot(120, seed=3)
    G = build_organisation_graph(snapshot)
    monkeypatch.setattr(introductions, "_INTRODUCTION_BLOCK", 10_000)
    whole = suggested_introductions(G, snapshot, limit=limit)
    monkeypatch.setattr(introductions, "_INTRODUCTION_BLOCK", 16)
    assert suggested_introductions(G, snapshot, limit=limit) == whole


def test_an_introduction_names_who_gives_what_to_which_idea():
    snapshot = introduction_network()
    [introduction] = suggested_introductions(build_organisation_graph(snapshot), snapshot)
    assert introduction.reasons[0].params == {
        "giver": "Org 2",
        "giver_id": 2,
        "receiver": "Org 1",
        "receiver_id": 1,
        "capability": "storkök",
        "category": "premises",
        "idea": "Bygdekök",
        "idea_id": 10,
    }


def test_introductions_come_best_first_and_are_limited():
    snapshot = synthetic_snapshot(80, seed=6)
    G = build_organisation_graph(snapshot)
    everything = suggested_introductions(G, snapshot, limit=None)
    top = suggested_introductions(G, snapshot, limit=10)
    assert top == everything[:10]
    keys = [(-i.score, i.organisation_a, i.organisation_b) for i in everything]
    assert keys == sorted(keys)
    assert all(i.organisation_a < i.organisation_b and not G.has_edge(i.organisation_a, i.organisation_b) for i in everything)
    assert all(i.reasons for i in everything)


@pytest.mark.parametrize("size, seed", [(40, 0), (90, 1), (150, 2)])
def test_growth_by_meeting_counts_what_filtering_up_to_each_meeting_gives(size, seed):
    snapshot = synthetic_snapshot(size, seed=seed)
    expected = []
    for meeting in sorted(snapshot.workshops, key=lambda w: w.sequence):
        part = filter_snapshot(snapshot, up_to_meeting=meeting.sequence)
        G = build_organisation_graph(part)
        expected.append((meeting.sequence, meeting.id, len(part.organisations), len(part.ideas), G.number_of_edges(), nx.density(G)))
    rows = growth_by_meeting(snapshot)
    assert [(r.sequence, r.workshop_id, r.organisations, r.ideas, r.edges) for r in rows] == [e[:5] for e in expected]
    assert [r.density for r in rows] == pytest.approx([e[5] for e in expected])


def test_growth_by_meeting_leaves_out_evidence_with_weight_zero():
    snapshot = synthetic_snapshot(40, seed=3)
    weights = EdgeWeights(shared_workshop=0.0, want=0.0)
    last = growth_by_meeting(snapshot, weights=weights)[-1]
    assert last.edges == build_organisation_graph(snapshot, weights=weights).number_of_edges()


def test_degree_and_strength_count_a_self_loop_as_networkx_does():
    # degree_and_strength reads the adjacency once; a self-loop is two ends of one link
    # for the degree and one link's strength, as G.degree and G.edges(node) count it.
    import networkx as nx

    from workshop.network.metrics import degree_and_strength

    G = nx.Graph()
    G.add_edge(1, 1, strength=0.5)
    G.add_edge(1, 2, strength=2.0)
    G.add_edge(2, 3)
    found = degree_and_strength(G)
    for node in G:
        assert found[node].degree == G.degree(node)
        assert found[node].strength == sum(d.get("strength", 1.0) for _, _, d in G.edges(node, data=True))
    assert (found[1].degree, found[1].strength) == (3, 2.5)
