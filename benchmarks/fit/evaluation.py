"""Do the suggestions fit the idea? Held-out partners, baselines and the hub test.

The measure: for every idea with a commitment, hide one committed organisation
(seeded), run a ranking on what is left, and see where the hidden one comes back
among the organisations the ranking suggests (not counting those still committed).
``recall@k`` is the share of ideas where it is among the first ``k``; the mean
reciprocal rank averages ``1 / rank`` (0 when it does not come back).

All ideas are measured on one snapshot with one commitment hidden from each, so
every idea also loses the evidence its hidden partner gave the others: harder than
hiding one at a time, and one search instead of one per idea.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from workshop.network.constellations import IdeaConstellations, all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.relevance import NEED_MET, label_match
from workshop.network.snapshot import NetworkSnapshot
from benchmarks.synthetic import PlantedProcess

__all__ = [
    "HeldOut",
    "hide_one_commitment",
    "suggested_members",
    "held_out_scores",
    "fit_ranking",
    "most_connected_ranking",
    "HubShare",
    "hub_shares",
]

Ranking = Callable[[NetworkSnapshot], Mapping[int, Sequence[int]]]


@dataclass(frozen=True)
class HeldOut:
    ideas: int
    recall_at_3: float
    recall_at_5: float
    mrr: float


def hide_one_commitment(snapshot: NetworkSnapshot, *, seed: int = 0) -> tuple[NetworkSnapshot, dict[int, int]]:
    """The snapshot without one (seeded) commitment of every idea, and who was hidden.

    The idea's proposer is never the one hidden; an idea only its proposer is committed to
    hides nothing.

    Examples
    --------
    >>> from workshop.network.snapshot import CommitmentRecord
    >>> snapshot = NetworkSnapshot(commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)))
    >>> left, hidden = hide_one_commitment(snapshot, seed=3)
    >>> len(left.commitments), hidden[10] in (1, 2), hidden[10] != left.commitments[0].organisation_id
    (1, True, True)
    """
    rng = random.Random(seed)
    # The proposer's organisation is never hidden: the app knows who brought the idea (its
    # initiator commitment is derived from the idea itself, so hiding it would hide nothing).
    proposer = {i.id: i.proposer_id for i in snapshot.ideas}
    by_idea: dict[int, list[int]] = {}
    for c in snapshot.commitments:
        if c.organisation_id == proposer.get(c.idea_id):
            continue
        by_idea.setdefault(c.idea_id, [])
        if c.organisation_id not in by_idea[c.idea_id]:
            by_idea[c.idea_id].append(c.organisation_id)
    hidden = {idea_id: rng.choice(members) for idea_id, members in sorted(by_idea.items())}
    kept = tuple(c for c in snapshot.commitments if hidden.get(c.idea_id) != c.organisation_id)
    return replace(snapshot, commitments=kept), hidden


def suggested_members(result: IdeaConstellations, committed: frozenset[int] | set[int]) -> list[int]:
    """The organisations a result suggests, in order: members of its constellations
    best first, then the rest of its pool; those already committed left out."""
    order: dict[int, None] = {}
    for candidate in result.candidates:
        order.update(dict.fromkeys(m for m in candidate.members if m not in committed))
    order.update(dict.fromkeys(m for m in result.pool if m not in committed))
    return list(order)


def held_out_scores(rankings: Mapping[int, Sequence[int]], hidden: Mapping[int, int]) -> HeldOut:
    """Recall@3, recall@5 and mean reciprocal rank of the hidden organisations.

    Examples
    --------
    >>> held_out_scores({10: [4, 2, 7], 11: [1, 2, 3, 5, 6, 9]}, {10: 2, 11: 9})
    HeldOut(ideas=2, recall_at_3=0.5, recall_at_5=0.5, mrr=0.3333333333333333)
    """
    ranks = []
    for idea_id, organisation_id in hidden.items():
        ranked = list(rankings.get(idea_id, ()))
        ranks.append(ranked.index(organisation_id) + 1 if organisation_id in ranked else None)
    n = len(ranks) or 1
    return HeldOut(
        ideas=len(ranks),
        recall_at_3=sum(1 for r in ranks if r is not None and r <= 3) / n,
        recall_at_5=sum(1 for r in ranks if r is not None and r <= 5) / n,
        mrr=sum(1 / r for r in ranks if r is not None) / n,
    )


def _committed(snapshot: NetworkSnapshot) -> dict[int, set[int]]:
    committed: dict[int, set[int]] = {}
    for c in snapshot.commitments:
        committed.setdefault(c.idea_id, set()).add(c.organisation_id)
    return committed


def fit_ranking(snapshot: NetworkSnapshot) -> dict[int, list[int]]:
    """The suggestions of :func:`~workshop.network.constellations.all_constellations`."""
    results = all_constellations(build_organisation_graph(snapshot), snapshot)
    committed = _committed(snapshot)
    return {idea_id: suggested_members(result, committed.get(idea_id, set())) for idea_id, result in results.items()}


def most_connected_ranking(snapshot: NetworkSnapshot) -> dict[int, list[int]]:
    """The baseline that ignores the idea: everyone by summed link strength."""
    G = build_organisation_graph(snapshot)
    strength = dict(G.degree(weight="strength")) if G.number_of_nodes() else {}
    everyone = sorted((o.id for o in snapshot.organisations), key=lambda o: (-strength.get(o, 0.0), o))
    committed = _committed(snapshot)
    return {i.id: [o for o in everyone if o not in committed.get(i.id, set())] for i in snapshot.ideas}


@dataclass(frozen=True)
class HubShare:
    """How often a hub is in the best constellation of ideas it has nothing to do with,
    against its fair share: ``unrelated × mean best size / organisations``."""

    organisation_id: int
    unrelated: int
    appearances: int
    fair_share: float


def hub_shares(process: PlantedProcess, results: Mapping[int, IdeaConstellations]) -> tuple[HubShare, ...]:
    """For every hub of a planted process: appearances in unrelated ideas' best groups.

    An idea is unrelated to a hub when the hub has not committed to it and none of
    its offers meets any of the idea's needs (hubs have no topic).
    """
    snapshot = process.snapshot
    organisations = {o.id: o for o in snapshot.organisations}
    committed = _committed(snapshot)
    best = {i: r.candidates[0].members for i, r in results.items() if r.candidates}
    mean_size = sum(len(m) for m in best.values()) / len(best) if best else 0.0
    shares = []
    for hub in sorted(process.hubs):
        offers = organisations[hub].offers
        unrelated = [
            i.id
            for i in snapshot.ideas
            if hub not in committed.get(i.id, set())
            and not any(label_match(need, offer) >= NEED_MET for need in i.needs for offer in offers)
        ]
        appearances = sum(1 for i in unrelated if hub in best.get(i, ()))
        shares.append(HubShare(hub, len(unrelated), appearances, len(unrelated) * mean_size / len(organisations)))
    return tuple(shares)
