"""The constellation search's public functions: search one idea or all, score a given
group, and say why an organisation is not in the best group."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from workshop.network.constellations.pool import Pool, all_groups
from workshop.network.constellations.results import Constellation, IdeaConstellations
from workshop.network.constellations.score import DEFAULT_SCORE_WEIGHTS, ScoreWeights
from workshop.network.constellations.search import SearchContext
from workshop.network.message import Message
from workshop.network.relevance import RelevanceIndex
from workshop.network.snapshot import NetworkSnapshot

__all__ = ["idea_constellations", "all_constellations", "evaluate_constellation", "why_not"]


def idea_constellations(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    idea_id: int,
    *,
    k: int = 5,
    max_size: int = 4,
    pool_size: int = 10,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    relevance: RelevanceIndex | None = None,
) -> IdeaConstellations:
    """Return the ``k`` best constellations for one idea, and what it still lacks.

    Parameters
    ----------
    G : networkx.Graph
        The organisation graph; its ``strength`` gives the ``ties`` part and ranks the
        pool. Organisations missing from ``G`` simply have no links.
    snapshot : NetworkSnapshot
        Ideas, organisations and commitments.
    idea_id : int
    k : int, optional
        How many constellations to return.
    max_size : int, optional
        Largest group considered (at least 2).
    pool_size : int, optional
        How many organisations to search among. The pool is, in this order: the
        proposer's organisation; the other organisations committed to the idea (non-private first, then by role:
        possible owner, initiator, partner, contributor; then id); then the other
        organisations relevant to the idea, most relevant first (equal relevance:
        lowest id). Organisations without a basis for this idea are never in it.
    weights : ScoreWeights, optional
    relevance : RelevanceIndex, optional
        Built from ``snapshot`` when not given; pass one to share it between calls.

    Returns
    -------
    IdeaConstellations
        ``candidates`` are the true top ``k`` by score among all valid groups of 2 to
        ``max_size`` pool members, ordered by score (highest first), then size
        (smallest first), then member ids. With ``pool_size`` at least the number of
        organisations this equals a brute force over every organisation.

    Raises
    ------
    UnknownIdea
        If ``idea_id`` is not in the snapshot.
    ValueError
        If ``max_size < 2``.

    Examples
    --------
    A company that has the kitchen and an association that already committed.

    >>> from workshop.network.snapshot import Capability, CommitmentRecord, IdeaRecord, OrganisationRecord
    >>> from workshop.network.graph import build_organisation_graph
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(
    ...         OrganisationRecord(1, "Bygdeföreningen", "association", "nonprofit", "Ramsberg", "Leader Bergslagen"),
    ...         OrganisationRecord(2, "Lanthandeln", "company", "private", "Ramsberg", "Leader Bergslagen",
    ...                            offers=frozenset({Capability("premises", "storkök")})),
    ...         OrganisationRecord(3, "Karin Berg", "private_person", None, "Ramsberg", "Leader Bergslagen"),
    ...         OrganisationRecord(4, "Skytteföreningen", "association", "nonprofit", "Ramsberg", "Leader Bergslagen")),
    ...     ideas=(IdeaRecord(10, "Bygdekök", 1, "Ramsberg", "Leader Bergslagen", needs=frozenset({Capability("premises", "kök")})),),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 3, "partner", 1)))
    >>> result = idea_constellations(build_organisation_graph(snapshot), snapshot, 10, k=2)
    >>> [(c.members, c.owner_id) for c in result.candidates]  # Karin comes along; the shooting club has no basis
    [((1, 2, 3), 1), ((1, 2), 1)]
    >>> result.state, [item.message.key for item in result.missing]
    ('can_form', ['constellation.missing.partners', 'ownership.open', 'constellation.missing.capability'])
    >>> result.missing[0].could_fill
    (2,)

    Notes
    -----
    Building the pool is O(n log n) in the worst case (usually O(d + p) for the
    committed organisations' degree d); scoring evaluates all
    ``sum(C(p, s) for s in 2..max_size)`` groups of the pool (375 for p = 10) at once
    with numpy, so no pruning is needed to stay exact. An idea takes about half a
    millisecond at the default sizes, after the relevance index is built.
    """
    context = SearchContext(G, snapshot, relevance)
    return context.constellations(idea_id, k=k, max_size=max_size, pool_size=pool_size, weights=weights)


def all_constellations(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    *,
    k: int = 5,
    max_size: int = 4,
    pool_size: int = 10,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    idea_ids: Iterable[int] | None = None,
    relevance: RelevanceIndex | None = None,
) -> dict[int, IdeaConstellations]:
    """Return :func:`idea_constellations` for every idea (or those in ``idea_ids``).

    The indexes over organisations and commitments, and the relevance of every
    organisation to every idea, are built once for all ideas.

    Examples
    --------
    >>> all_constellations(nx.Graph(), NetworkSnapshot())
    {}

    Notes
    -----
    Pools of the same size are scored together, 256 ideas per batch, with the very
    arithmetic of scoring one pool, so the result does not depend on the batch.
    About 0.3 ms per idea at the default sizes plus the relevance index (see
    docs/benchmarks.md for measured figures at 300 and 3000 organisations).
    """
    context = SearchContext(G, snapshot, relevance)
    wanted = sorted(context.ideas) if idea_ids is None else list(idea_ids)
    context.relevance.prepare(wanted)
    return context.search_many(wanted, k=k, max_size=max_size, pool_size=pool_size, weights=weights)


def evaluate_constellation(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    idea_id: int,
    members: Iterable[int],
    *,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    relevance: RelevanceIndex | None = None,
) -> Constellation | None:
    """Score one group of organisations for an idea; ``None`` if it breaks a rule
    (a member without a basis for the idea breaks one).

    Gives exactly the score the search gives the same group, so it can check a group
    the facilitators put together by hand, and serve as the reference in tests.

    Examples
    --------
    >>> from workshop.network.snapshot import IdeaRecord, OrganisationRecord
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Kommunen", "public_body", "public", None, None),
    ...                    OrganisationRecord(2, "Karin Berg", "private_person", None, None, None)),
    ...     ideas=(IdeaRecord(10, "Bastuflotte", 1, None, None),))
    >>> evaluate_constellation(nx.Graph(), snapshot, 10, [1, 2]) is None  # only one partner
    True
    """
    context = SearchContext(G, snapshot, relevance)
    idea = context.idea(idea_id)
    ids = sorted(set(members))
    unknown = [m for m in ids if m not in context.organisations]
    if unknown:
        raise KeyError(f"unknown organisations {unknown}")
    if len(ids) < 2:
        return None
    committed = context.committed.get(idea_id, {})
    pool = Pool.build(context, idea, ids, committed)
    group = np.arange(len(ids), dtype=np.intp)[None, :]
    scored = pool.evaluate(group, np.array([len(ids)]), weights)
    if not scored.valid[0]:
        return None
    return context.constellation(idea, pool, scored, 0, committed)


def why_not(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    idea_id: int,
    organisation_id: int,
    *,
    result: IdeaConstellations | None = None,
    max_size: int = 4,
    pool_size: int = 10,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    relevance: RelevanceIndex | None = None,
) -> tuple[Message, ...]:
    """Why ``organisation_id`` is not in the best constellation for the idea.

    Returns catalog messages (``fit.whynot.*``), most telling first: it is in the best
    group; it has no basis for this idea (no offer meets a need, its profile shares
    nothing with the idea, it has not committed); it is relevant but ``rank`` others
    are more so and the search looks at ``pool`` of them; or the best group with it
    (``members``) scores ``score`` against the best's ``best``; or no valid group of
    the pool includes it. A private person never counts as one of the two partners
    (``fit.whynot.private``).

    Examples
    --------
    >>> from workshop.network.snapshot import Capability, IdeaRecord, OrganisationRecord
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Kommunen", "public_body", "public", None, None, description="Skolor och vägar."),
    ...                    OrganisationRecord(2, "Fiskeklubben", "association", "nonprofit", None, None, description="Fiske.")),
    ...     ideas=(IdeaRecord(10, "Bygdekök", 1, None, None, needs=frozenset({Capability("premises", "kök")})),))
    >>> [m.key for m in why_not(nx.Graph(), snapshot, 10, 2)]
    ['fit.whynot.no_basis']

    Notes
    -----
    One relevance row (O(n)) and one scoring of the pool's groups.
    """
    context = SearchContext(G, snapshot, relevance)
    idea = context.idea(idea_id)
    if organisation_id not in context.organisations:
        raise KeyError(f"unknown organisation {organisation_id}")
    if result is None:
        result = context.constellations(idea_id, k=1, max_size=max_size, pool_size=pool_size, weights=weights)
    best = result.candidates[0] if result.candidates else None
    if best is not None and organisation_id in best.members:
        return (Message("fit.whynot.in_best", {}),)
    messages = []
    if organisation_id in context.private:
        messages.append(Message("fit.whynot.private", {}))
    rank = context.relevance.rank_of(idea_id, organisation_id)
    if rank is None:
        needs = ", ".join(sorted(n.label for n in idea.needs))
        messages.append(Message("fit.whynot.no_basis", {"needs": needs or "–"}))
        return tuple(messages)
    order = list(result.pool)
    if organisation_id not in order:
        messages.append(Message("fit.whynot.outranked", {"rank": rank, "pool": len(order)}))
        return tuple(messages)
    committed = context.committed.get(idea_id, {})
    pool = Pool.build(context, idea, order, committed)
    scored = pool.evaluate(*all_groups(len(order), min(max_size, len(order))), weights)
    position = order.index(organisation_id)
    rows = np.flatnonzero(scored.valid & (scored.groups == position).any(axis=1))
    if len(rows) == 0:
        messages.append(Message("fit.whynot.no_group", {}))
        return tuple(messages)
    top = rows[np.lexsort((scored.sizes[rows], -scored.total[rows]))[0]]
    members = sorted(int(pool.ids[p]) for p in scored.groups[top] if p < len(order))
    names = ", ".join(context.organisations[m].name for m in members)
    messages.append(
        Message(
            "fit.whynot.lower",
            {"members": names, "score": round(float(scored.total[top]), 2), "best": round(best.score, 2) if best else 0.0},
        )
    )
    return tuple(messages)


