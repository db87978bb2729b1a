"""What the organisation network says: who is central, who bridges, who is alone.

Every function takes the graph from :func:`~workshop.network.graph.build_organisation_graph`
(and the snapshot where ideas matter) and returns frozen records. Text for the UI is a
:class:`~workshop.network.graph.Message`; :data:`METRIC_EXPLANATIONS` maps each metric to
the catalog key that explains it in plain language.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import chain, combinations

import networkx as nx
import numpy as np
from scipy import sparse

from workshop.network import engine
from workshop.network.graph import DEFAULT_WEIGHTS, EdgeWeights, Message
from workshop.network.snapshot import Capability, NetworkSnapshot

__all__ = [
    "METRIC_EXPLANATIONS",
    "COMMUNITY_SEED",
    "INTRODUCTION_WEIGHTS",
    "DegreeStrength",
    "Broker",
    "PartnerGap",
    "Introduction",
    "IntroductionWeights",
    "MeetingGrowth",
    "degree_and_strength",
    "brokers",
    "communities",
    "community_index",
    "isolated_organisations",
    "ideas_needing_partners",
    "suggested_introductions",
    "growth_by_meeting",
]

# Catalog keys with a layperson's explanation of each metric, for help texts and legends.
METRIC_EXPLANATIONS = {
    "degree": "network.metric.degree",
    "strength": "network.metric.strength",
    "betweenness": "network.metric.betweenness",
    "constraint": "network.metric.constraint",
    "effective_size": "network.metric.effective_size",
    "community": "network.metric.community",
    "isolated": "network.metric.isolated",
    "density": "network.metric.density",
    "introduction": "network.metric.introduction",
}

# Louvain shuffles nodes with this seed; fixed so that groups (and their colours on the
# map) stay the same between refreshes of the same data.
COMMUNITY_SEED = 20221

PRIVATE_PERSON = "private_person"
# Links whose common contacts are summed at once in Burt's measures (bounds the memory).
_LINK_CHUNK = 20_000


@dataclass(frozen=True)
class DegreeStrength:
    """``degree``: number of organisations linked to; ``strength``: sum of link strengths."""

    degree: int
    strength: float


@dataclass(frozen=True)
class Broker:
    """How much an organisation bridges between others.

    ``betweenness`` is the normalised share of shortest paths (by ``distance``) that run
    through it; ``constraint`` is Burt's constraint (low = its contacts are not linked to
    each other, so it spans structural holes) and ``effective_size`` Burt's number of
    non-redundant contacts. Both are ``None`` for an isolated organisation.
    """

    organisation_id: int
    betweenness: float
    constraint: float | None
    effective_size: float | None
    reason: Message


@dataclass(frozen=True)
class PartnerGap:
    """An idea with fewer than two distinct, non-private organisations committed."""

    idea_id: int
    committed: tuple[int, ...]  # the non-private organisations already committed
    message: Message


@dataclass(frozen=True)
class Introduction:
    """Two organisations without a link who have reasons to meet."""

    organisation_a: int
    organisation_b: int
    score: float
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class IntroductionWeights:
    """How much each reason adds to an introduction's score.

    A capability one holds and the other's idea lacks is a concrete reason to talk
    (2.0 per capability); a shared theme shows a common interest (1.0 per theme); living
    in the same locality only makes a meeting easy (0.5).
    """

    capability: float = 2.0
    theme: float = 1.0
    locality: float = 0.5


INTRODUCTION_WEIGHTS = IntroductionWeights()


@dataclass(frozen=True)
class MeetingGrowth:
    """The size of the network as it stood after one meeting."""

    sequence: int
    workshop_id: int
    organisations: int
    ideas: int
    edges: int
    density: float


def degree_and_strength(G: nx.Graph) -> dict[Hashable, DegreeStrength]:
    """Return each organisation's number of links and summed link strength.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, strength=2.0); G.add_edge(1, 3, strength=0.25); G.add_node(4)
    >>> degree_and_strength(G)[1], degree_and_strength(G)[4]
    (DegreeStrength(degree=2, strength=2.25), DegreeStrength(degree=0, strength=0.0))

    Notes
    -----
    O(n + m).
    """
    # One pass over the adjacency (G.degree and G.edges per node cost twice as much);
    # a self-loop counts twice in the degree and once in the strength, as in networkx.
    return {
        node: DegreeStrength(len(neighbours) + (node in neighbours), float(sum(data.get("strength", 1.0) for data in neighbours.values())))
        for node, neighbours in G.adjacency()
    }


def brokers(G: nx.Graph, *, top: int | None = None, sample_size: int | None = None, seed: int = COMMUNITY_SEED) -> tuple[Broker, ...]:
    """Return organisations ranked by how much they bridge between others.

    Parameters
    ----------
    G : networkx.Graph
        With ``distance`` and ``strength`` on the edges.
    top : int, optional
        Return only the first ``top`` brokers.
    sample_size : int, optional
        Estimate betweenness from this many seeded source nodes instead of all of them
        (networkx's ``k``); exact when ``None``. Useful above a few hundred nodes.
    seed : int, optional
        Seed for the sample.

    Returns
    -------
    tuple of Broker
        Sorted by betweenness (highest first), then constraint (lowest first), then id.
        Each reason is ``network.broker.reason`` with ``name``, ``contacts`` (degree)
        and ``unlinked_pairs``: pairs of its contacts with no link of their own, the
        introductions only this organisation can make directly.

    Examples
    --------
    A bow tie: two triangles joined only through organisation 3.

    >>> G = nx.Graph()
    >>> for a, b in [(1, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 5)]:
    ...     G.add_edge(a, b, strength=1.0, distance=1.0)
    >>> best = brokers(G, top=1)[0]
    >>> best.organisation_id, best.betweenness, best.reason.params["unlinked_pairs"]
    (3, 0.6666666666666666, 4)

    Notes
    -----
    Betweenness (Brandes, weighted) is O(n m + n^2 log n), the dominant cost. It runs
    in igraph (:func:`workshop.network.engine.betweenness`, equal to networkx's
    ``betweenness_centrality``, with the same sample when sampled): 0.06 s at 300
    organisations (8 000 edges) where networkx took 2.5 s, 12 s exact at 3000
    (100 000 edges); ``sample_size=100`` cuts that to a few tenths of a second.
    Constraint and effective size are computed together from sparse products over
    the links, O(sum of d_i d_j over links (i, j)) time, 0.1-0.3 s at 3000
    organisations (networkx's own versions take minutes without scipy).
    """
    nodes = sorted(G)
    if not nodes:
        return ()
    k = sample_size if sample_size is not None and sample_size < len(nodes) else None
    betweenness = engine.betweenness(G, weight="distance", sample_size=k, seed=seed)
    constraint, effective, unlinked = _structural_holes(G, nodes)
    ranked = sorted(
        nodes,
        key=lambda node: (-betweenness[node], constraint[node] if constraint[node] is not None else float("inf"), node),
    )
    if top is not None:
        ranked = ranked[:top]
    return tuple(
        Broker(
            organisation_id=node,
            betweenness=betweenness[node],
            constraint=constraint[node],
            effective_size=effective[node],
            reason=Message(
                "network.broker.reason",
                {"name": G.nodes[node].get("name", str(node)), "contacts": G.degree(node), "unlinked_pairs": unlinked[node]},
            ),
        )
        for node in ranked
    )


def _structural_holes(G: nx.Graph, nodes: list) -> tuple[dict, dict, dict]:
    """Burt's constraint and effective size (weighted by strength), and unlinked contact pairs.

    With W the strengths, s_i = sum_q W_iq and M_i = max_q W_iq, Burt's p_ij = W_ij / s_i
    and marginal strength m_jq = W_jq / M_j. Only linked pairs (i, j) enter the sums, so
    for each link only three sums over the two organisations' common contacts q are
    needed: X_ij = sum_q W_iq W_jq / s_q (the indirect share, (p p)_ij = X_ij / s_i),
    Y_ij = sum_q W_iq W_jq ((p m^T)_ij = Y_ij / (s_i M_j)) and the common contacts C_ij
    (triangles). They are sparse row products over the links, O(sum over links of the
    degrees) instead of three dense n x n matrix products.
    """
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = {}
    for a, b, data in G.edges(data=True):
        if a != b:
            i, j = index[a], index[b]
            pairs[(min(i, j), max(i, j))] = data.get("strength", 1.0)
    if pairs:
        first, second = (np.array(column, dtype=np.int64) for column in zip(*pairs))
        weight = np.array(list(pairs.values()), dtype=np.float64)
    else:
        first = second = np.zeros(0, dtype=np.int64)
        weight = np.zeros(0)
    rows = np.concatenate([first, second])
    cols = np.concatenate([second, first])
    values = np.concatenate([weight, weight])
    W = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
    A = sparse.csr_matrix((np.ones_like(values), (rows, cols)), shape=(n, n))
    row_sum = np.asarray(W.sum(axis=1)).ravel()
    row_max = W.max(axis=1).toarray().ravel() if n else np.zeros(0)
    isolated = row_sum == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse_sum = np.where(isolated, 0.0, 1.0 / row_sum)
    X = np.zeros(len(first))
    Y = np.zeros(len(first))
    C = np.zeros(len(first))
    for start in range(0, len(first), _LINK_CHUNK):
        i, j = first[start : start + _LINK_CHUNK], second[start : start + _LINK_CHUNK]
        # One product of the two rows holds W_iq W_jq for every common contact q: its row
        # sums are Y, its sums weighted by 1 / s_q are X, its entries per row are C
        # (strengths are positive, so no product is an explicit zero).
        common = W[i].multiply(W[j]).tocsr()
        X[start : start + _LINK_CHUNK] = common @ inverse_sum
        Y[start : start + _LINK_CHUNK] = np.asarray(common.sum(axis=1)).ravel()
        C[start : start + _LINK_CHUNK] = np.diff(common.indptr)
    # X, Y and C are symmetric in (i, j); each link counts for both of its ends.
    constraint = np.zeros(n)
    effective = np.zeros(n)
    triangles = np.zeros(n)
    for own, other in ((first, second), (second, first)):
        with np.errstate(divide="ignore", invalid="ignore"):
            share = weight / row_sum[own] + X / row_sum[own]
            redundancy = Y / (row_sum[own] * row_max[other])
        np.add.at(constraint, own, share**2)
        np.add.at(effective, own, 1.0 - redundancy)
        np.add.at(triangles, own, C)
    degree = np.asarray(A.sum(axis=1)).ravel()
    # Linked pairs among i's contacts: each triangle through i is counted at both of its links.
    unlinked = np.rint(degree * (degree - 1) / 2 - triangles / 2)
    return (
        {node: None if isolated[i] else float(constraint[i]) for i, node in enumerate(nodes)},
        {node: None if isolated[i] else float(effective[i]) for i, node in enumerate(nodes)},
        {node: int(unlinked[i]) for i, node in enumerate(nodes)},
    )


def communities(G: nx.Graph, *, seed: int = COMMUNITY_SEED) -> tuple[frozenset, ...]:
    """Return groups of organisations more linked to each other than to the rest.

    Uses Louvain on ``strength`` (igraph's multilevel,
    :func:`workshop.network.engine.louvain_communities`) with a fixed seed, on a copy
    of ``G`` with nodes and edges in sorted order, so the same data always gives the
    same groups.

    Returns
    -------
    tuple of frozenset
        Largest group first; groups of equal size by their smallest member. The
        position is the group's number (and colour) on the map. Isolated
        organisations form groups of one.

    Examples
    --------
    Two triangles joined by a weak link are two groups.

    >>> G = nx.Graph()
    >>> for a, b in [(1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6)]:
    ...     G.add_edge(a, b, strength=2.0)
    >>> G.add_edge(3, 4, strength=0.25)
    >>> communities(G)
    (frozenset({1, 2, 3}), frozenset({4, 5, 6}))

    Notes
    -----
    Louvain runs in about O(m log n): 0.01 s at 300 organisations, 0.3 s at 3000.
    The groups are as good as networkx's Louvain by modularity, not necessarily the
    same ones (see :mod:`workshop.network.engine`).
    """
    groups = engine.louvain_communities(G, weight="strength", seed=seed)
    return tuple(sorted((frozenset(group) for group in groups), key=lambda group: (-len(group), min(group))))


def community_index(groups: tuple[frozenset, ...]) -> dict[Hashable, int]:
    """Map each organisation to the position of its group in ``groups``.

    >>> community_index((frozenset({3, 4}), frozenset({1})))
    {3: 0, 4: 0, 1: 1}
    """
    return {node: number for number, group in enumerate(groups) for node in sorted(group)}


def isolated_organisations(G: nx.Graph) -> tuple[Hashable, ...]:
    """Return the organisations with no link at all, sorted.

    >>> G = nx.Graph([(1, 2)]); G.add_node(3)
    >>> isolated_organisations(G)
    (3,)
    """
    return tuple(sorted(nx.isolates(G)))


def ideas_needing_partners(snapshot: NetworkSnapshot) -> tuple[PartnerGap, ...]:
    """Return the ideas with fewer than two distinct organisations that count as partners.

    Private persons may commit but do not count: LEADER projects need at least two
    actors that are legal entities.

    Returns
    -------
    tuple of PartnerGap
        In idea id order. The message is ``network.idea_needs_partners`` with
        ``title``, ``committed`` (how many count) and ``missing`` (how many more are
        needed).

    Examples
    --------
    >>> from workshop.network.snapshot import CommitmentRecord, IdeaRecord, OrganisationRecord
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Föreningen", "association", "nonprofit", None, None),
    ...                    OrganisationRecord(2, "Karin Berg", "private_person", None, None, None)),
    ...     ideas=(IdeaRecord(10, "Bastuflotte", 1, None, None),),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)))
    >>> gap = ideas_needing_partners(snapshot)[0]
    >>> gap.committed, gap.message.params["missing"]
    ((1,), 1)

    Notes
    -----
    Linear in the number of commitments and ideas.
    """
    partners = _committed_partners(snapshot)
    gaps = []
    for idea in sorted(snapshot.ideas, key=lambda i: i.id):
        committed = tuple(sorted(partners.get(idea.id, ())))
        if len(committed) < 2:
            gaps.append(
                PartnerGap(
                    idea.id,
                    committed,
                    Message(
                        "network.idea_needs_partners",
                        {"title": idea.title, "committed": len(committed), "missing": 2 - len(committed)},
                    ),
                )
            )
    return tuple(gaps)


def _committed_partners(snapshot: NetworkSnapshot) -> dict[int, set[int]]:
    kinds = {o.id: o.kind for o in snapshot.organisations}
    partners: dict[int, set[int]] = defaultdict(set)
    for commitment in snapshot.commitments:
        kind = kinds.get(commitment.organisation_id)
        if kind is not None and kind != PRIVATE_PERSON:
            partners[commitment.idea_id].add(commitment.organisation_id)
    return partners


# Rows of the pair scores computed at once by suggested_introductions (256 x 3000 floats: 6 MB).
_INTRODUCTION_BLOCK = 256


def suggested_introductions(
    G: nx.Graph, snapshot: NetworkSnapshot, *, limit: int | None = 50, weights: IntroductionWeights = INTRODUCTION_WEIGHTS
) -> tuple[Introduction, ...]:
    """Return pairs of organisations without a link who would gain from meeting.

    A pair qualifies when the two share a theme through ideas they committed to, live
    in the same locality, or one offers a capability that an idea the other committed
    to still lacks (not covered by anyone committed to it).

    Parameters
    ----------
    G : networkx.Graph
        Pairs linked in ``G`` already know of each other and are skipped.
    snapshot : NetworkSnapshot
    limit : int or None, optional
        How many to return (all when ``None``).
    weights : IntroductionWeights, optional

    Returns
    -------
    tuple of Introduction
        Highest score first, then by ids; ``organisation_a < organisation_b``. Reasons,
        in this order:

        * ``network.introduction.offers_need``: ``giver``, ``giver_id``, ``receiver``,
          ``receiver_id``, ``capability``, ``category``, ``idea``, ``idea_id``, one per
          capability and direction;
        * ``network.introduction.shared_themes``: ``themes`` (comma separated), ``count``;
        * ``network.introduction.same_locality``: ``locality``.

    Examples
    --------
    >>> from workshop.network.snapshot import CommitmentRecord, IdeaRecord, OrganisationRecord
    >>> from workshop.network.graph import build_organisation_graph
    >>> kitchen = Capability("premises", "storkök")
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Bygdegården", "association", "nonprofit", "Ramsberg", None, offers=frozenset({kitchen})),
    ...                    OrganisationRecord(2, "Matkollektivet", "association", "nonprofit", "Vedevåg", None)),
    ...     ideas=(IdeaRecord(10, "Matfestival", 1, "Vedevåg", None, needs=frozenset({kitchen})),),
    ...     commitments=(CommitmentRecord(10, 2, "initiator", 1),))
    >>> [intro] = suggested_introductions(build_organisation_graph(snapshot), snapshot)
    >>> intro.score, intro.reasons[0].key, intro.reasons[0].params["idea"]
    (2.0, 'network.introduction.offers_need', 'Matfestival')

    Notes
    -----
    Scores every pair with dense matrix products, a block of rows at a time:
    O(n^2 (t + c)) time for t themes and c capabilities, O(b n) memory for blocks of b
    rows (:data:`_INTRODUCTION_BLOCK`); each block keeps only the pairs scoring at least
    its ``limit``-th best, and only the pairs scoring at least the ``limit``-th best of
    those are sorted (O(q log q) for q of them). Reasons are built for the returned
    pairs only.
    """
    organisations = sorted(snapshot.organisations, key=lambda o: o.id)
    n = len(organisations)
    if n < 2:
        return ()
    index = {o.id: i for i, o in enumerate(organisations)}
    by_id = {o.id: o for o in organisations}
    ideas = {idea.id: idea for idea in snapshot.ideas}

    committed_by_idea: dict[int, set[int]] = defaultdict(set)
    for commitment in snapshot.commitments:
        if commitment.organisation_id in index and commitment.idea_id in ideas:
            committed_by_idea[commitment.idea_id].add(commitment.organisation_id)
    open_needs_by_idea = {
        idea_id: ideas[idea_id].needs - frozenset().union(*(by_id[o].offers for o in members))
        for idea_id, members in committed_by_idea.items()
    }

    themes = sorted({theme for idea_id in committed_by_idea for theme in ideas[idea_id].themes})
    capabilities = sorted({c for o in organisations for c in o.offers} | {c for needs in open_needs_by_idea.values() for c in needs})
    theme_index = {theme: i for i, theme in enumerate(themes)}
    capability_index = {c: i for i, c in enumerate(capabilities)}

    T = np.zeros((n, len(themes)))  # organisation is committed to an idea with the theme
    N = np.zeros((n, len(capabilities)))  # an idea it committed to still lacks the capability
    for idea_id, members in committed_by_idea.items():
        for organisation_id in members:
            for theme in ideas[idea_id].themes:
                T[index[organisation_id], theme_index[theme]] = 1.0
            for capability in open_needs_by_idea[idea_id]:
                N[index[organisation_id], capability_index[capability]] = 1.0
    O = np.zeros((n, len(capabilities)))
    for o in organisations:
        for capability in o.offers:
            O[index[o.id], capability_index[capability]] = 1.0
    localities = {place: i for i, place in enumerate(sorted({o.locality for o in organisations if o.locality}))}
    place = np.array([localities.get(o.locality, -1) for o in organisations])

    linked = np.array([(index[a], index[b]) for a, b in G.edges() if a in index and b in index], dtype=np.intp).reshape(-1, 2)
    linked = np.concatenate([linked, linked[:, ::-1]])  # both directions: a row holds all of its links
    linked = linked[np.argsort(linked[:, 0], kind="stable")]
    N_t, O_t, T_t = N.T.copy(), O.T.copy(), T.T.copy()
    found_flat, found_values = [], []
    # A block of rows at a time: the n x n score matrix is never held (at 3000
    # organisations it is 72 MB per array, and every operation on it misses the cache).
    for start in range(0, n, _INTRODUCTION_BLOCK):
        stop = min(n, start + _INTRODUCTION_BLOCK)
        # gives[a, b]: capabilities a offers that b's ideas lack; received[a, b] = gives[b, a]
        gives, received = O[start:stop] @ N_t, N[start:stop] @ O_t
        score = weights.capability * (gives + received) + weights.theme * (T[start:stop] @ T_t)
        score += weights.locality * ((place[start:stop, None] == place[None, :]) & (place[start:stop, None] >= 0))
        own = linked[np.searchsorted(linked[:, 0], start) : np.searchsorted(linked[:, 0], stop)]
        score[own[:, 0] - start, own[:, 1]] = 0.0
        # Pairs a < b with a positive score, as flat positions a * n + b: in (a, b) order.
        rows, cols = np.nonzero(score > 0)
        upper = cols > rows + start
        rows, cols = rows[upper], cols[upper]
        values = score[rows, cols]
        if limit is not None and len(values) > limit:
            # Only pairs scoring at least this block's limit-th best can be among the limit best.
            threshold = np.partition(values, len(values) - limit)[len(values) - limit]
            keep = values >= threshold
            rows, cols, values = rows[keep], cols[keep], values[keep]
        found_flat.append((rows + start).astype(np.int64) * n + cols)
        found_values.append(values)
    flat = np.concatenate(found_flat)
    values = np.concatenate(found_values)
    if limit is not None and len(values) > limit:
        # Only pairs scoring at least the limit-th best can be returned: sort those alone.
        threshold = np.partition(values, len(values) - limit)[len(values) - limit]
        flat, values = flat[values >= threshold], values[values >= threshold]
    order = np.lexsort((flat, -values))  # ids are sorted, so positions order like ids
    if limit is not None:
        order = order[:limit]
    rows, cols = flat // n, flat % n

    needing_ideas: dict[tuple[int, Capability], int] = {}
    for idea_id in sorted(committed_by_idea):
        for organisation_id in committed_by_idea[idea_id]:
            for capability in open_needs_by_idea[idea_id]:
                needing_ideas.setdefault((organisation_id, capability), idea_id)
    themes_of: dict[int, set[str]] = defaultdict(set)
    for idea_id, members in committed_by_idea.items():
        for organisation_id in members:
            themes_of[organisation_id] |= ideas[idea_id].themes

    introductions = []
    for position in order:
        a, b = organisations[rows[position]], organisations[cols[position]]
        reasons = []
        for giver, receiver in ((a, b), (b, a)):
            for capability in sorted(giver.offers):
                idea_id = needing_ideas.get((receiver.id, capability))
                if idea_id is not None:
                    reasons.append(
                        Message(
                            "network.introduction.offers_need",
                            {
                                "giver": giver.name,
                                "giver_id": giver.id,
                                "receiver": receiver.name,
                                "receiver_id": receiver.id,
                                "capability": capability.label,
                                "category": capability.category,
                                "idea": ideas[idea_id].title,
                                "idea_id": idea_id,
                            },
                        )
                    )
        shared = sorted(themes_of[a.id] & themes_of[b.id])
        if shared:
            reasons.append(Message("network.introduction.shared_themes", {"themes": ", ".join(shared), "count": len(shared)}))
        if a.locality and a.locality == b.locality:
            reasons.append(Message("network.introduction.same_locality", {"locality": a.locality}))
        introductions.append(Introduction(a.id, b.id, float(values[position]), tuple(reasons)))
    return tuple(introductions)


def growth_by_meeting(snapshot: NetworkSnapshot, *, weights: EdgeWeights = DEFAULT_WEIGHTS) -> tuple[MeetingGrowth, ...]:
    """Return the size of the network as it stood after each meeting.

    Row ``N`` counts what ``filter_snapshot(snapshot, up_to_meeting=N)`` keeps and the
    edges of the graph built from it, without building that graph for every meeting.

    Returns
    -------
    tuple of MeetingGrowth
        One row per meeting, in sequence order; ``density`` is the share of all
        possible pairs that are linked (0 with fewer than two organisations).

    Examples
    --------
    >>> import datetime as dt
    >>> from workshop.network.snapshot import AttendanceRecord, OrganisationRecord, WorkshopRecord
    >>> meetings = tuple(WorkshopRecord(i, "Träff", dt.date(2026, 1, i), "Ramsberg", i) for i in (1, 2))
    >>> orgs = tuple(OrganisationRecord(i, f"Org {i}", "association", "nonprofit", None, None, first_workshop_id=w)
    ...              for i, w in [(1, 1), (2, 1), (3, 2)])
    >>> attended = tuple(AttendanceRecord(o, w) for o, w in [(1, 1), (2, 1), (1, 2), (3, 2)])
    >>> [(row.organisations, row.edges, row.density) for row in growth_by_meeting(NetworkSnapshot(meetings, orgs, attendances=attended))]
    [(2, 1, 1.0), (3, 2, 0.6666666666666666)]

    Notes
    -----
    Each record becomes visible at the first meeting from which the filter would keep
    it, and each pair at the first meeting where some evidence with positive weight
    for it is visible; counting is then one pass per meeting. Cost is that of
    building the graph once, plus O((n + i + m) log(n + i + m) + w log(n + i + m)) to
    count for w meetings.
    """
    meetings = sorted(snapshot.workshops, key=lambda w: (w.sequence, w.id))
    sequence_of = {w.id: w.sequence for w in snapshot.workshops}
    never = float("inf")

    def at(workshop_id: int | None) -> float:
        return sequence_of.get(workshop_id, never)

    known_ids = {o.id for o in snapshot.organisations}
    idea_ids = {i.id for i in snapshot.ideas}
    # Visibility as filter_snapshot defines it: from the first meeting, or any meeting
    # where the organisation or idea took part in something.
    org_seen = {o.id: (-never if o.first_workshop_id is None else at(o.first_workshop_id)) for o in snapshot.organisations}

    def seen_in(organisation_id: int, workshop_id: int) -> None:
        if organisation_id in org_seen:
            org_seen[organisation_id] = min(org_seen[organisation_id], at(workshop_id))

    for c in snapshot.commitments:
        seen_in(c.organisation_id, c.workshop_id)
    for a in snapshot.attendances:
        seen_in(a.organisation_id, a.workshop_id)
    for t in snapshot.ties:
        seen_in(t.organisation_a, t.workshop_id)
        seen_in(t.organisation_b, t.workshop_id)
    idea_seen = {i.id: at(i.workshop_id) for i in snapshot.ideas}
    for c in snapshot.commitments:
        if c.idea_id in idea_seen:
            idea_seen[c.idea_id] = min(idea_seen[c.idea_id], at(c.workshop_id))

    pair_seen: dict[tuple[int, int], float] = {}

    def evidence(pairs_with_time) -> None:
        for pair, when in pairs_with_time:
            if when < pair_seen.get(pair, never):
                pair_seen[pair] = when

    if weights.shared_idea > 0:
        by_idea: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for c in snapshot.commitments:
            if c.organisation_id in known_ids and c.idea_id in idea_ids:
                by_idea[c.idea_id].append((c.organisation_id, max(at(c.workshop_id), idea_seen[c.idea_id], org_seen[c.organisation_id])))
        evidence(chain.from_iterable(_pair_times(entries) for entries in by_idea.values()))
    for t in snapshot.ties:
        a, b = t.organisation_a, t.organisation_b
        if a != b and a in known_ids and b in known_ids and weights.tie_weight(t.kind) > 0:
            evidence([((min(a, b), max(a, b)), max(at(t.workshop_id), org_seen[a], org_seen[b]))])
    if weights.shared_workshop > 0:
        by_workshop: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for a in snapshot.attendances:
            if a.organisation_id in known_ids:
                by_workshop[a.workshop_id].append((a.organisation_id, max(at(a.workshop_id), org_seen[a.organisation_id])))
        evidence(chain.from_iterable(_pair_times(entries) for entries in by_workshop.values()))

    # Sorted visibility times: what is visible after a meeting is one binary search away
    # (a pass over every pair per meeting was 0.5 s at 3000 organisations and 40 meetings).
    org_times = np.sort(np.fromiter(org_seen.values(), dtype=np.float64, count=len(org_seen)))
    pair_times = np.sort(np.fromiter(pair_seen.values(), dtype=np.float64, count=len(pair_seen)))
    idea_times = np.sort(np.fromiter(idea_seen.values(), dtype=np.float64, count=len(idea_seen)))
    rows = []
    for meeting in meetings:
        n = int(np.searchsorted(org_times, meeting.sequence, side="right"))
        edges = int(np.searchsorted(pair_times, meeting.sequence, side="right"))
        ideas = int(np.searchsorted(idea_times, meeting.sequence, side="right"))
        density = 2 * edges / (n * (n - 1)) if n > 1 else 0.0
        rows.append(MeetingGrowth(meeting.sequence, meeting.id, n, ideas, edges, density))
    return tuple(rows)


def _pair_times(entries: list[tuple[int, float]]):
    # One organisation may appear twice (two roles); keep its earliest visibility.
    earliest: dict[int, float] = {}
    for organisation_id, when in entries:
        earliest[organisation_id] = min(when, earliest.get(organisation_id, float("inf")))
    for (a, when_a), (b, when_b) in combinations(sorted(earliest.items()), 2):
        yield (a, b), max(when_a, when_b)
