"""Analysis that survives a write: recompute only what a change of the data touches.

During a meeting every idea, note, vote or tie is a new revision of the process. Most of
them change little of the analysis: a vote changes nothing in it, a note changes the
text the relevance reads but not one link of the network, a commitment changes one
idea's group and a few links. These functions compare what each part of the analysis
is computed from with what the previous result was computed from, and reuse the parts
whose inputs are equal, so the result is exactly what computing from nothing gives.

* :func:`graph_key`: the graph's nodes (with names) and links (with strength and
  length); betweenness, Burt's measures and the communities depend on nothing else.
* :func:`update_constellations`: an idea's constellations depend on its record, its
  committed organisations and their roles, its ranked relevant organisations (their
  ids in order), its searched pool with the links among it and each member's fit (the
  relevance score against the idea's best, quantised to 1/1024 as the search scores
  it), and the organisations' records (kinds, sectors, areas, offers, names). When the
  records are unchanged, only the ideas whose own inputs changed are searched again: a
  note that shifts every score by a hair leaves most ideas' search as it was.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from workshop.network.constellations import DEFAULT_SCORE_WEIGHTS, IdeaConstellations, ScoreWeights
from workshop.network.constellations.pool import PoolFacts
from workshop.network.constellations.search import SearchContext
from workshop.network.relevance import RelevanceIndex
from workshop.network.snapshot import IdeaRecord, NetworkSnapshot

__all__ = ["graph_key", "ConstellationState", "update_constellations"]


def graph_key(G: nx.Graph) -> Hashable:
    """What the network measures are computed from: nodes with names, links with weights.

    Two graphs with equal keys have equal betweenness, constraint, effective size and
    communities, so those can be reused.

    Examples
    --------
    >>> G = nx.Graph(); G.add_edge(1, 2, strength=1.0, distance=1.0)
    >>> H = nx.Graph(); H.add_edge(2, 1, strength=1.0, distance=1.0)
    >>> graph_key(G) == graph_key(H)
    True
    >>> H.add_edge(2, 3, strength=0.5, distance=2.0)
    >>> graph_key(G) == graph_key(H)
    False

    Notes
    -----
    O(n log n + m log m).
    """
    nodes = tuple(sorted((node, G.nodes[node].get("name")) for node in G))
    edges = tuple(
        sorted((min(a, b), max(a, b), data.get("strength", 1.0), data.get("distance", 1.0)) for a, b, data in G.edges(data=True))
    )
    return nodes, edges


@dataclass(frozen=True)
class ConstellationState:
    """Every idea's constellations, with what each was computed from.

    ``recomputed`` holds the ideas searched for this state (all of them when nothing
    could be reused); the others were carried over from the previous state.
    """

    results: dict[int, IdeaConstellations]
    organisations: tuple
    inputs: dict[int, Hashable] = field(repr=False)
    settings: tuple
    recomputed: frozenset[int]


class _IdeaInputs(NamedTuple):
    """Everything one idea's search reads, besides the organisations' records."""

    idea: IdeaRecord
    committed: tuple[tuple[int, int], ...]
    ranked: tuple[int, ...]  # the ranked organisations' ids (their order says who fills a gap)
    pool: tuple[int, ...]
    facts: PoolFacts  # the pool's link strengths and quantised fits


def _idea_inputs(context: SearchContext, idea_id: int, pool_size: int) -> _IdeaInputs:
    idea = context.ideas[idea_id]
    committed = context.committed.get(idea_id, {})
    ranked = tuple(organisation for organisation, _ in context.relevance.ranked(idea_id))
    pool = context.pool_order(idea, committed, pool_size)
    return _IdeaInputs(idea, tuple(sorted(committed.items())), ranked, tuple(pool), context.pool_facts(idea, pool, committed))


def update_constellations(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    previous: ConstellationState | None = None,
    *,
    k: int = 5,
    max_size: int = 4,
    pool_size: int = 10,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    relevance: RelevanceIndex | None = None,
) -> ConstellationState:
    """Return :func:`~workshop.network.constellations.all_constellations` for
    ``snapshot``, searching again only the ideas whose inputs differ from ``previous``.

    Parameters
    ----------
    G, snapshot, k, max_size, pool_size, weights, relevance
        As for :func:`~workshop.network.constellations.all_constellations`.
    previous : ConstellationState, optional
        The state of an earlier revision; ``None`` searches every idea.

    Returns
    -------
    ConstellationState
        ``results`` equal to ``all_constellations(G, snapshot, ...)``.

    Examples
    --------
    A vote or a word elsewhere changes nothing here: the second state searches nothing.

    >>> from workshop.network.snapshot import CommitmentRecord, IdeaRecord, OrganisationRecord
    >>> from workshop.network.graph import build_organisation_graph
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Föreningen", "association", "nonprofit", None, None),
    ...                    OrganisationRecord(2, "Kommunen", "public_body", "public", None, None)),
    ...     ideas=(IdeaRecord(10, "Bastuflotte", 1, None, None), IdeaRecord(11, "Bygdekök", 1, None, None)),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)))
    >>> G = build_organisation_graph(snapshot)
    >>> first = update_constellations(G, snapshot)
    >>> sorted(first.recomputed), first.results[10].state
    ([10, 11], 'formed')
    >>> update_constellations(G, snapshot, first).recomputed
    frozenset()

    Notes
    -----
    Ranking every idea's relevant organisations is done in full (it is what tells
    which ideas changed); the search, the costly part, runs only for the changed ideas:
    O(I p) to compare inputs for I ideas and pools of p, plus the search of the changed.
    """
    context = SearchContext(G, snapshot, relevance)
    context.relevance.prepare()
    settings = (k, max_size, pool_size, weights)
    organisations = tuple(sorted(snapshot.organisations, key=lambda o: o.id))
    inputs = {idea_id: _idea_inputs(context, idea_id, pool_size) for idea_id in sorted(context.ideas)}
    reusable = previous is not None and previous.organisations == organisations and previous.settings == settings
    if reusable:
        changed = [i for i in inputs if previous.inputs.get(i) != inputs[i] or i not in previous.results]
    else:
        changed = list(inputs)
    # The context built above serves the search too (all_constellations would build
    # another: 0.25 s of indexes at 3000 organisations); every idea is already ranked.
    # The pools and their facts were worked out for the inputs: the search takes them as they are.
    orders = {i: list(inputs[i].pool) for i in changed}
    facts = {i: inputs[i].facts for i in changed}
    fresh = context.search_many(changed, k=k, max_size=max_size, pool_size=pool_size, weights=weights, orders=orders, facts=facts)
    results = {i: fresh[i] if i in fresh else previous.results[i] for i in inputs}
    return ConstellationState(results, organisations, inputs, settings, frozenset(changed))
