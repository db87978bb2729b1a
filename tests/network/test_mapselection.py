"""Which organisations a size-limited map draws: the most central, the searched and their neighbours."""

from __future__ import annotations

import networkx as nx
import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.graph import build_organisation_graph
from workshop.network.mapselection import map_selection, name_matches


def named(G: nx.Graph, names: dict) -> nx.Graph:
    nx.set_node_attributes(G, {node: names.get(node, f"Org {node}") for node in G}, "name")
    return G


def two_stars() -> nx.Graph:
    """A strong star around 0 (leaves 1-5) and a weak star around 10 (leaves 11-13)."""
    G = nx.Graph()
    for leaf in range(1, 6):
        G.add_edge(0, leaf, strength=2.0)
    for leaf in range(11, 14):
        G.add_edge(10, leaf, strength=0.25 * leaf / 10)
    return named(G, {10: "Ramsbergs bygdeförening", 12: "Ramsbergs Lanthandel", 13: "Kafé Ängen"})


def test_a_network_within_the_limit_is_drawn_whole():
    chosen = map_selection(two_stars(), limit=10, query="ramsbergs")
    assert chosen.nodes == tuple(sorted(two_stars())) and chosen.not_drawn == 0 and not chosen.limited
    # The search still names what it found (the page labels them).
    assert chosen.matches == (10, 12)


def test_above_the_limit_the_most_strongly_linked_are_drawn_and_the_rest_counted():
    chosen = map_selection(two_stars(), limit=4)
    # 0 holds 10.0 of strength, each of its leaves 2.0; the weak star is far behind. Equal
    # strengths go to the lowest id.
    assert chosen.nodes == (0, 1, 2, 3)
    assert chosen.not_drawn == 6 and chosen.limited


def test_a_searched_organisation_is_drawn_with_its_neighbours_beyond_the_limit():
    chosen = map_selection(two_stars(), limit=4, query="ängen")
    # 13 is a leaf of the weak star: it comes with its only neighbour, the hub 10.
    assert chosen.matches == (13,)
    assert set(chosen.nodes) == {0, 1, 2, 3, 10, 13}
    assert chosen.not_drawn == 10 - 6


@pytest.mark.parametrize(
    "query, expected",
    [
        ("RAMSBERGS", [10, 12]),  # case does not matter
        ("ramsbergs   lanthandel", [12]),  # nor runs of spaces
        ("kafé ä", [13]),
        ("kafe a", [13]),  # accents and å, ä, ö folded as in the wall's search: typed without them
        ("kafé ö", []),
        ("", []),
        ("   ", []),
    ],
)
def test_search_by_part_of_a_name(query, expected):
    assert name_matches(two_stars(), query) == expected


def test_the_highlighted_constellation_is_always_drawn():
    chosen = map_selection(two_stars(), limit=2, highlight=(11, 12, 999))  # 999 is not in the network
    assert {11, 12} <= set(chosen.nodes) and 999 not in chosen.nodes
    assert {0, 1} <= set(chosen.nodes)


def test_a_broad_search_draws_its_most_central_matches_and_counts_the_rest():
    G = named(nx.star_graph(30), {})  # every name is "Org n": all 31 match "org"
    for leaf in range(1, 31):
        G.edges[0, leaf]["strength"] = float(leaf)
    chosen = map_selection(G, limit=1, query="org", max_matches=3, neighbours=2)
    # The hub first (most strength), then the leaves with the strongest links.
    assert chosen.matches == (0, 30, 29) and chosen.more_matches == 28
    # The hub's two strongest neighbours (30, 29) are among the matches already; 29 and 30 bring the hub.
    assert set(chosen.nodes) == {0, 29, 30}


def test_a_hub_brings_only_its_strongest_neighbours():
    G = named(nx.star_graph(50), {0: "Navet"})
    for leaf in range(1, 51):
        G.edges[0, leaf]["strength"] = leaf / 10
    chosen = map_selection(G, limit=1, query="navet", neighbours=5)
    assert set(chosen.nodes) == {0, 46, 47, 48, 49, 50}


def test_another_ranking_chooses_whom_to_draw():
    G = two_stars()
    brokerage = {node: 0.0 for node in G} | {10: 1.0, 11: 0.5}
    assert map_selection(G, limit=2, rank=brokerage).nodes == (10, 11)


def test_at_3000_organisations_the_map_draws_a_few_hundred():
    G = build_organisation_graph(synthetic_snapshot(3000))
    chosen = map_selection(G, limit=300)
    assert len(chosen.nodes) == 300 and chosen.not_drawn == 2700
    strength = lambda node: sum(d["strength"] for _, _, d in G.edges(node, data=True))  # noqa: E731
    # No organisation left out is more strongly linked than one drawn.
    assert min(map(strength, chosen.nodes)) >= max(strength(node) for node in G if node not in set(chosen.nodes))


def test_the_map_of_a_selection_draws_it_with_the_whole_networks_groups():
    from tests.network.test_mapview import network_data
    from workshop.services import analysis, maps

    view = analysis.network_view(synthetic_snapshot(330, seed=2))
    chosen = maps.map_selection(view, query="förening")
    assert chosen.limited and chosen.matches
    part = network_data(maps.map_html(view, color_by="community", nodes=chosen.nodes, labelled=frozenset(chosen.matches)))
    whole = network_data(maps.map_html(view, color_by="community"))
    drawn = {node["id"] for node in part["nodes"]}
    assert drawn == set(chosen.nodes)
    assert all(edge["from"] in drawn and edge["to"] in drawn for edge in part["edges"])
    # An organisation keeps the colour of its group in the whole network.
    colour = {node["id"]: node["color"]["background"] for node in whole["nodes"]}
    assert all(node["color"]["background"] == colour[node["id"]] for node in part["nodes"])
    # The matches are named on the map even when they are not among the biggest.
    assert all(node["label"] for node in part["nodes"] if node["id"] in chosen.matches)


def test_the_click_panel_of_a_partial_map_holds_what_the_whole_one_holds_for_those_drawn():
    from workshop.services import analysis

    result = analysis.refresh(synthetic_snapshot(120, seed=4))
    drawn = sorted(result.view.graph)[::3]
    every = analysis.map_carry(result.fit)
    assert analysis.map_carry(result.fit, drawn) == {o: options for o, options in every.items() if o in set(drawn)}
    assert any(every.values())
