"""Pairs of organisations without a link who would gain from meeting."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from workshop.network.message import Message
from workshop.network.snapshot import Capability, NetworkSnapshot

__all__ = ["INTRODUCTION_WEIGHTS", "Introduction", "IntroductionWeights", "suggested_introductions"]


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
