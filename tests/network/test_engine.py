"""The igraph engine gives the answers networkx gives (workshop/network/engine.py)."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import synthetic_snapshot
from workshop.network import engine
from workshop.network.graph import build_organisation_graph
from workshop.network.metrics import COMMUNITY_SEED, brokers, communities

# Link lengths that are exact binary fractions: sums of them are exact in floating point,
# so two paths of equal length are equal in both engines and the answers must agree exactly.
DYADIC = st.sampled_from([0.25, 0.5, 1.0, 2.0, 4.0])


@st.composite
def graphs(draw):
    n = draw(st.integers(min_value=3, max_value=14))
    G = nx.Graph()
    G.add_nodes_from(range(1, n + 1))
    pairs = [(a, b) for a in range(1, n + 1) for b in range(a + 1, n + 1)]
    for a, b in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))):
        G.add_edge(a, b, distance=draw(DYADIC), strength=draw(DYADIC))
    return G


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_exact_betweenness_equals_networkx_on_any_small_network(G):
    expected = nx.betweenness_centrality(G, weight="distance", normalized=True)
    found = engine.betweenness(G, weight="distance")
    assert found.keys() == expected.keys()
    for node in G:
        assert found[node] == pytest.approx(expected[node], abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(graphs(), st.integers(min_value=2, max_value=5), st.integers(min_value=0, max_value=10_000))
def test_sampled_betweenness_equals_networkx_with_the_same_seed(G, k, seed):
    # Both draw the same sources, so the estimate is the same estimate, not just close.
    k = min(k, G.number_of_nodes() - 1)
    expected = nx.betweenness_centrality(G, k=k, weight="distance", normalized=True, seed=seed)
    found = engine.betweenness(G, weight="distance", sample_size=k, seed=seed)
    for node in G:
        assert found[node] == pytest.approx(expected[node], abs=1e-9)


def test_brokers_rank_the_synthetic_network_as_networkx_does():
    # Real 1/strength lengths: near-equal paths may differ in the last bit (see the module),
    # which moves betweenness by far less than the gaps between the top brokers.
    G = build_organisation_graph(synthetic_snapshot(80, seed=4))
    expected = nx.betweenness_centrality(G, weight="distance", normalized=True)
    found = {b.organisation_id: b.betweenness for b in brokers(G)}
    assert max(abs(found[node] - expected[node]) for node in G) < 1e-3
    top = sorted(expected, key=lambda node: (-expected[node], node))[:5]
    assert [b.organisation_id for b in brokers(G, top=5)] == top


def test_an_empty_network_and_a_single_organisation_have_no_betweenness_to_speak_of():
    assert engine.betweenness(nx.Graph()) == {}
    G = nx.Graph()
    G.add_node(7)
    assert engine.betweenness(G) == {7: 0.0}
    assert engine.louvain_communities(nx.Graph()) == []


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_groups_split_every_small_network_into_a_partition_with_isolated_ones_alone(G):
    # On a handful of nodes either Louvain may stop in a poorer local optimum than the
    # other, so quality is compared on networks of a realistic size below.
    ours = communities(G)
    assert sorted(node for group in ours for node in group) == sorted(G)
    for node in G:
        if G.degree(node) == 0:
            assert frozenset({node}) in ours


@pytest.mark.parametrize("size,seed", [(40, 1), (60, 2), (90, 3), (120, 4), (150, 5), (300, 0)])
def test_groups_of_a_synthetic_process_are_as_good_as_networkx_louvain_by_modularity(size, seed):
    G = build_organisation_graph(synthetic_snapshot(size, seed=seed))
    ours = communities(G)
    theirs = nx.community.louvain_communities(G, weight="strength", seed=COMMUNITY_SEED)
    assert nx.community.modularity(G, ours, weight="strength") >= nx.community.modularity(G, theirs, weight="strength") - 0.01


def test_clear_cut_groups_come_out_as_the_same_groups_networkx_finds():
    # Three cliques of five held together by single weak links: any good method finds them.
    G = nx.Graph()
    for start in (0, 5, 10):
        for a in range(start, start + 5):
            for b in range(a + 1, start + 5):
                G.add_edge(a, b, strength=2.0)
    G.add_edge(4, 5, strength=0.125)
    G.add_edge(9, 10, strength=0.125)
    theirs = nx.community.louvain_communities(G, weight="strength", seed=COMMUNITY_SEED)
    assert set(communities(G)) == {frozenset(group) for group in theirs}


def test_the_same_data_always_gives_the_same_groups():
    G = build_organisation_graph(synthetic_snapshot(120, seed=2))
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(sorted(G)))
    shuffled.add_edges_from(reversed(list(G.edges(data=True))))
    assert communities(G) == communities(G) == communities(shuffled)


@settings(max_examples=60, deadline=None)
@given(graphs(), st.integers(min_value=0, max_value=3))
def test_one_shared_igraph_copy_gives_the_very_answers_of_a_copy_per_call(G, seed):
    # The analysis converts its graph once for communities and betweenness; a copy made
    # for each call (with only the one weight) must give the same groups and values.
    alone = (engine.louvain_communities(G, seed=seed), engine.betweenness(G), engine.betweenness(G, weight="strength"))
    with engine.one_conversion(G):
        shared = (engine.louvain_communities(G, seed=seed), engine.betweenness(G), engine.betweenness(G, weight="strength"))
    assert shared == alone


def test_the_shared_copy_is_only_for_the_graph_it_was_made_for():
    # Another graph inside the block is converted on its own (a path's middle is its broker).
    G, H = nx.complete_graph(4), nx.path_graph(3)
    with engine.one_conversion(G):
        assert engine.betweenness(H) == {0: 0.0, 1: 1.0, 2: 0.0}
