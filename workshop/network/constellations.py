"""Project constellations: which groups of organisations could carry each idea.

A LEADER project is run by at least two actors, one of them the project owner. For
each idea this module searches the groups (constellations) of two to ``max_size``
organisations that satisfy the rules, scores them on seven explainable parts and
returns the best ones; for the organisations already committed it says what they
still lack and who in the network could fill each gap; and it sorts every idea into
one of three honest states (:data:`STATES`).

Rules for a valid constellation:

* every member is relevant to the idea (:mod:`workshop.network.relevance`): it has
  committed, meets a need, or its profile is about the same thing; so the network's
  hubs are never suggested for an idea they have nothing to do with;
* at least two distinct members that are not private persons (private persons may
  come along as extra members but never count toward the two);
* at least one member that may own a project (:data:`OWNER_ELIGIBLE_KINDS`);
* the organisation of the participant who proposed the idea
  (:attr:`~workshop.network.snapshot.IdeaRecord.proposer_id`) is a member: the idea is its own.

Score parts, each between 0 and 1 (see :class:`ScoreWeights` for the weights):

* ``fit``: mean relevance of the members to the idea, each against the idea's most
  relevant uncommitted organisation (:meth:`~workshop.network.relevance.RelevanceIndex.fit_scale`),
  1 for a committed member;
* ``coverage``: share of the idea's needs met by the members' offers, matched by
  meaning (0 when the idea lists no needs: nothing is known to be covered);
* ``ties``: mean over member pairs of ``min(1, strength / TIE_SATURATION)``, so a
  pair who cooperated before counts fully and a pair who only met once counts 1/8;
* ``sector_mix``: distinct LEADER sectors among the members, divided by 3;
* ``commitment``: share of members already committed to the idea;
* ``anchoring``: share of members in the idea's Leader area (0 when it has none);
* ``size``: ``2 / members``, so smaller groups, easier to run, score higher.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache
from itertools import combinations

import networkx as nx
import numpy as np

from workshop.network.graph import Message, UnknownIdea
from workshop.network.ownership import idea_ownership
from workshop.network.relevance import NEED_MET, RelevanceIndex
from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import OWNER_ELIGIBLE_KINDS, SECTORS

__all__ = [
    "PARTS",
    "PART_LABELS",
    "PART_HELP",
    "STATES",
    "TIE_SATURATION",
    "ScoreWeights",
    "DEFAULT_SCORE_WEIGHTS",
    "Constellation",
    "MissingItem",
    "IdeaConstellations",
    "idea_constellations",
    "all_constellations",
    "evaluate_constellation",
    "why_not",
    "relevance_inputs",
]

PARTS = ("fit", "coverage", "ties", "sector_mix", "commitment", "anchoring", "size")
# formed: two or more partners have committed, one of them may own the project;
# can_form: a suggestion exists, every member with a reason tied to this idea;
# insufficient: not enough is known; ``IdeaConstellations.ask`` says what to ask in the room.
STATES = ("formed", "can_form", "insufficient")
# Catalog keys naming each part, and explaining it in a sentence, for the score breakdown.
PART_LABELS = {part: f"constellation.part.{part}" for part in PARTS}
PART_HELP = {part: f"constellation.part.{part}.help" for part in PARTS}

# A pair counts as fully linked at the strength of one past cooperation (see EdgeWeights).
TIE_SATURATION = 2.0

# Pair tie values are rounded to multiples of 1/1024, far finer than anything that
# matters, so that sums over pairs are exact in floating point: a group's score is
# then the same whatever order its members are enumerated in, and ties between equal
# scores are broken by the rule below rather than by rounding noise.
_TIE_QUANTUM = 1024

# How many organisations a missing item suggests.
FILL_SUGGESTIONS = 5

PRIVATE_PERSON = "private_person"
# Lower is a stronger claim to be the project owner.
_ROLE_RANK = {"possible_owner": 0, "initiator": 1, "partner": 2, "contributor": 3}
_NOT_COMMITTED = 9
_RANK_ROLE = {rank: role for role, rank in _ROLE_RANK.items()}


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the score parts; they sum to 1 so a total score is between 0 and 1.

    ``fit`` weighs most: the members are there for this idea, not because they are
    well connected; ``coverage`` next because a group that cannot do the work is no
    project; existing ``ties`` because trust is what makes a project run (as much as
    ``sector_mix`` and ``commitment``: a tie says nothing about the idea, and weighing
    it more let a partner with a weak reason but a past cooperation beat the one the
    idea calls for); ``sector_mix`` and ``commitment`` (people who already said yes), as LEADER
    values cooperation across sectors; ``anchoring`` in the idea's own Leader area and
    a small ``size`` break the remaining ties. Every part but ``fit`` and ``coverage``
    rewards the network's hubs whatever the idea is, so together they weigh less than
    half.
    """

    fit: float = 0.40
    coverage: float = 0.20
    ties: float = 0.10
    sector_mix: float = 0.10
    commitment: float = 0.10
    anchoring: float = 0.05
    size: float = 0.05


DEFAULT_SCORE_WEIGHTS = ScoreWeights()


@dataclass(frozen=True)
class Constellation:
    """One group of organisations that could carry an idea.

    ``members`` are sorted ids; ``parts`` maps each name in :data:`PARTS` to its value;
    ``owner_id`` is the proposed project owner; ``reason`` is ``constellation.reason``
    with ``members``, ``partners`` (members that count as partners), ``committed``,
    ``covered``, ``needs``, ``sectors``, ``linked_pairs``, ``pairs``, ``anchored``,
    ``area`` and ``owner`` (name).
    """

    members: tuple[int, ...]
    score: float
    parts: dict[str, float]
    owner_id: int
    reason: Message


@dataclass(frozen=True)
class MissingItem:
    """Something the committed organisations still lack, and who could fill it.

    Keys: ``constellation.missing.partners`` (``count``: partners still needed),
    the unsettled owner's ``ownership.*`` sentence (no committed organisation named or
    offering to be project owner: :mod:`workshop.network.ownership`, the same words as the
    readiness checklist), ``constellation.missing.capability`` (``capability``,
    ``category``: no committed organisation holds it) and
    ``constellation.missing.capability_nowhere`` (nobody in the network holds it;
    ``could_fill`` is empty).
    """

    message: Message
    could_fill: tuple[int, ...]


@dataclass(frozen=True)
class IdeaConstellations:
    """The best constellations for one idea, the gaps of its committed group, its state.

    ``state`` is one of :data:`STATES`; ``ask`` holds what to ask in the room when not
    enough is known (``fit.ask.*``: a need nobody offers, a sector nobody relevant
    belongs to, too few relevant partners, no possible owner, no needs listed).
    """

    idea_id: int
    candidates: tuple[Constellation, ...]  # best first
    missing: tuple[MissingItem, ...]  # empty when the committed group is complete
    pool: tuple[int, ...]  # the organisations searched, in ranking order
    state: str = "insufficient"
    ask: tuple[Message, ...] = ()

    @property
    def can_form(self) -> bool:
        return bool(self.candidates)


def relevance_inputs(snapshot: NetworkSnapshot) -> tuple:
    """What a :class:`~workshop.network.relevance.RelevanceIndex` reads from a snapshot:
    two snapshots with equal inputs have the same relevance.

    >>> relevance_inputs(NetworkSnapshot()) == relevance_inputs(NetworkSnapshot(ties=()))
    True

    Notes
    -----
    O(1) to build; comparing two is linear in the records.
    """
    return (
        snapshot.organisations,
        snapshot.ideas,
        snapshot.commitments,
        snapshot.notes,
        snapshot.verdicts,
        snapshot.word_associations,
        snapshot.concept_words,
    )


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
    context = _Context(G, snapshot, relevance)
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
    context = _Context(G, snapshot, relevance)
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
    context = _Context(G, snapshot, relevance)
    idea = context.idea(idea_id)
    ids = sorted(set(members))
    unknown = [m for m in ids if m not in context.organisations]
    if unknown:
        raise KeyError(f"unknown organisations {unknown}")
    if len(ids) < 2:
        return None
    committed = context.committed.get(idea_id, {})
    pool = _Pool.build(context, idea, ids, committed)
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
    context = _Context(G, snapshot, relevance)
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
    pool = _Pool.build(context, idea, order, committed)
    scored = pool.evaluate(*_groups(len(order), min(max_size, len(order))), weights)
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


class _Context:
    """Indexes over one snapshot and graph, shared by all ideas."""

    def __init__(self, G: nx.Graph, snapshot: NetworkSnapshot, relevance: RelevanceIndex | None = None) -> None:
        self.organisations: dict[int, OrganisationRecord] = {o.id: o for o in snapshot.organisations}
        self.ideas: dict[int, IdeaRecord] = {i.id: i for i in snapshot.ideas}
        # A relevance index built from another snapshot still serves when everything it
        # reads is equal (the background analysis reuses it after a tie or a vote).
        usable = relevance is not None and (relevance.snapshot is snapshot or relevance_inputs(relevance.snapshot) == relevance_inputs(snapshot))
        self.relevance = relevance if usable else RelevanceIndex(snapshot)
        # Plain dicts: networkx's adjacency views cost a function call per lookup.
        self.strengths: dict[int, dict[int, float]] = {
            a: {b: data.get("strength", 1.0) for b, data in neighbours.items() if b in self.organisations}
            for a, neighbours in G.adj.items()
            if a in self.organisations
        }
        self.private = {o.id for o in snapshot.organisations if o.kind == PRIVATE_PERSON}
        self.eligible = {o.id for o in snapshot.organisations if o.kind in OWNER_ELIGIBLE_KINDS}
        # idea -> organisation -> its strongest role (lowest rank) in that idea
        self.committed: dict[int, dict[int, int]] = defaultdict(dict)
        for c in snapshot.commitments:
            if c.organisation_id in self.organisations and c.idea_id in self.ideas:
                roles = self.committed[c.idea_id]
                roles[c.organisation_id] = min(roles.get(c.organisation_id, _NOT_COMMITTED), _ROLE_RANK.get(c.role, 3))
        # idea -> the proposer's organisation, a member of every constellation of the idea
        self.required: dict[int, int] = {
            i.id: i.proposer_id for i in snapshot.ideas if i.proposer_id in self.organisations and i.proposer_id not in self.private
        }
        self._tiebreak_rank: dict[str | None, dict[int, int]] = {}
        self._holders: dict = {}

    def idea(self, idea_id: int) -> IdeaRecord:
        try:
            return self.ideas[idea_id]
        except KeyError:
            raise UnknownIdea(idea_id) from None

    def strength(self, a: int, b: int) -> float:
        return self.strengths.get(a, {}).get(b, 0.0)

    def tiebreak(self, area: str | None, organisation_id: int) -> tuple:
        """Same Leader area as the idea first, private persons last, then lowest id."""
        local = area is not None and self.organisations[organisation_id].leader_area == area
        return (not local, organisation_id in self.private, organisation_id)

    def tiebreak_rank(self, area: str | None) -> dict[int, int]:
        if area not in self._tiebreak_rank:
            order = sorted(self.organisations, key=lambda o: self.tiebreak(area, o))
            self._tiebreak_rank[area] = {o: rank for rank, o in enumerate(order)}
        return self._tiebreak_rank[area]

    def holders(self, need) -> frozenset[int]:
        """Every organisation with an offer that meets ``need``."""
        if need not in self._holders:
            index = self.relevance
            self._holders[need] = frozenset(index.org_ids[p] for p in np.flatnonzero(index.met_any[index.need_index[need]]))
        return self._holders[need]

    def pool_order(self, idea: IdeaRecord, committed: dict[int, int], pool_size: int) -> list[int]:
        required = self.required.get(idea.id)
        first = sorted(committed, key=lambda o: (o != required, o in self.private, committed[o], o))[:pool_size]
        pool, seen = list(first), set(first)
        for organisation_id, _ in self.relevance.ranked(idea.id):
            if len(pool) >= pool_size:
                break
            if organisation_id not in seen:
                pool.append(organisation_id)
                seen.add(organisation_id)
        return pool

    def pool_facts(self, idea: IdeaRecord, order: list[int], committed: dict[int, int]) -> "_PoolFacts":
        """What the search reads of a pool beyond the organisations' records: the link
        strength of every pair, and every member's fit and whether it is relevant."""
        strengths, none = self.strengths, {}
        pairs = tuple(strengths.get(a, none).get(b, 0.0) for i, a in enumerate(order) for b in order[i + 1 :])
        index = self.relevance
        scores = dict(index.ranked(idea.id))
        missing = [o for o in order if o not in scores and o not in committed]
        if missing:  # a hand-picked group may hold organisations beyond the ranked ones
            everyone = index.scores_for(idea.id)
            scores.update({o: everyone[o] for o in missing if everyone[o] >= 0})
        scale = index.fit_scale(idea.id)
        fit = tuple(
            round((1.0 if o in committed else min(1.0, scores.get(o, 0.0) / scale)) * _FIT_QUANTUM) / _FIT_QUANTUM for o in order
        )
        return _PoolFacts(pairs, fit, tuple(o in committed or o in scores for o in order))

    def constellations(self, idea_id: int, *, k: int, max_size: int, pool_size: int, weights: ScoreWeights) -> IdeaConstellations:
        return self.search_many([idea_id], k=k, max_size=max_size, pool_size=pool_size, weights=weights)[idea_id]

    def search_many(
        self,
        idea_ids: list[int],
        *,
        k: int,
        max_size: int,
        pool_size: int,
        weights: ScoreWeights,
        orders: dict[int, list[int]] | None = None,
        facts: dict[int, "_PoolFacts"] | None = None,
    ) -> dict[int, IdeaConstellations]:
        """Every idea's constellations; pools of the same size are scored together.

        Scoring a batch does exactly the arithmetic of scoring each pool alone (the same
        element-wise operations in the same order), so the results are the same; numpy's
        cost per call is paid once per batch instead of once per idea. ``orders`` holds
        pools already worked out by :meth:`pool_order` with the same ``pool_size``, ``facts``
        their :meth:`pool_facts`.
        """
        if max_size < 2:
            raise ValueError("a constellation has at least two members; max_size must be >= 2")
        prepared = []
        batches: dict[tuple[int, int], list[int]] = defaultdict(list)
        for idea_id in idea_ids:
            idea = self.idea(idea_id)
            committed = self.committed.get(idea_id, {})
            order = orders[idea_id] if orders is not None and idea_id in orders else self.pool_order(idea, committed, pool_size)
            known = facts.get(idea_id) if facts is not None else None
            pool = _PoolRow.of(self, idea, order, committed, known) if k > 0 and len(order) >= 2 else None
            if pool is not None:
                batches[(len(order), min(max_size, len(order)))].append(len(prepared))
            prepared.append((idea, committed, order, pool))
        top: dict[int, _Top] = {}
        for (p, size), members in batches.items():
            groups, sizes = _groups(p, size)
            for start in range(0, len(members), _BATCH):
                chunk = members[start : start + _BATCH]
                pools = [prepared[i][3] for i in chunk]
                batch = _Pool.evaluate_many(pools, groups, sizes, weights, _group_pairs(p, size))
                top.update(zip(chunk, batch.top([pool.ids for pool in pools], k)))
        found = {}
        for position, (idea, committed, order, pool) in enumerate(prepared):
            candidates = self.from_top(idea, pool.ids, top[position], committed) if pool is not None else []
            missing = self.missing(idea, committed, order)
            state, ask = self.state(idea, committed, candidates)
            found[idea.id] = IdeaConstellations(idea.id, tuple(candidates), missing, tuple(order), state, ask)
        return found

    def state(self, idea: IdeaRecord, committed: dict[int, int], candidates: list) -> tuple[str, tuple[Message, ...]]:
        partners = [o for o in committed if o not in self.private]
        if len(partners) >= 2 and any(o in self.eligible for o in partners):
            state = "formed"
        elif candidates:
            state = "can_form"
        else:
            state = "insufficient"
        if state != "insufficient":
            return state, ()
        relevant = [o for o, _ in self.relevance.ranked(idea.id)] + [o for o in committed]
        relevant_partners = sorted({o for o in relevant if o not in self.private})
        ask = []
        if not idea.needs:
            ask.append(Message("fit.ask.needs", {}))
        for need in sorted(idea.needs):
            if not self.holders(need):
                ask.append(Message("fit.ask.need_nowhere", {"need": need.label}))
        if len(relevant_partners) < 2:
            ask.append(Message("fit.ask.partners", {"count": len(relevant_partners)}))
        if not any(o in self.eligible for o in relevant_partners):
            ask.append(Message("fit.ask.owner", {}))
        present = {self.organisations[o].sector for o in relevant_partners}
        for sector in SECTORS:
            if sector not in present:
                ask.append(Message(f"fit.ask.sector.{sector}", {}))
        return state, tuple(ask)

    def constellation(self, idea: IdeaRecord, pool: "_Pool", scored: "_Scored", row: int, committed: dict[int, int]) -> Constellation:
        return self.records(idea, pool, scored, np.array([row]), committed)[0]

    def records(self, idea: IdeaRecord, pool: "_Pool", scored: "_Scored", rows: np.ndarray, committed: dict[int, int]) -> list[Constellation]:
        """The groups at ``rows`` of ``scored`` as constellations, with owner and reason."""
        member_ids = np.sort(pool.ids[scored.groups[rows]], axis=1)
        values = [getattr(scored, name)[rows].tolist() for name in _TOP_VALUES]
        return self.from_top(idea, pool.id_list, _Top.of(member_ids.tolist(), scored.sizes[rows].tolist(), values), committed)

    def from_top(self, idea: IdeaRecord, ids: list[int], top: "_Top", committed: dict[int, int]) -> list[Constellation]:
        """The groups of ``top`` as constellations, with owner and reason; ``ids`` are the
        pool's organisations in order, then -1 (the empty member).

        ``top`` holds Python numbers (equal to the array values), so building a record
        costs no numpy call.
        """
        area, named = idea.leader_area, idea.owner_organisation_id
        organisations, private, eligible = self.organisations, self.private, self.eligible
        # The owner: the one named for the idea, then the strongest committed role,
        # then :meth:`tiebreak` (same Leader area, not a private person, lowest id).
        # Each pool member's key is worked out once, not once per group it is in.
        owner_key = {
            m: (m != named, committed.get(m, _NOT_COMMITTED), not (area is not None and organisations[m].leader_area == area), m in private, m)
            for m in ids[:-1]
            if m in eligible
        }
        needs = len(idea.needs)
        found = []
        for position, row in enumerate(top.members):
            size = top.sizes[position]
            members = tuple(row[len(row) - size :])  # sorted, the padding (-1) first
            owner = min((m for m in members if m in owner_key), key=owner_key.__getitem__)
            reason = Message(
                "constellation.reason",
                {
                    "members": size,
                    "partners": sum(1 for m in members if m not in private),
                    "committed": sum(1 for m in members if m in committed),
                    "covered": int(top.covered[position]),
                    "needs": needs,
                    "sectors": int(top.sectors[position]),
                    "linked_pairs": int(top.linked[position]),
                    "pairs": size * (size - 1) // 2,
                    "anchored": int(top.anchored[position]),
                    "area": area or "",
                    "owner": organisations[owner].name,
                },
            )
            found.append(Constellation(members, float(top.total[position]), dict(zip(PARTS, top.parts[position])), owner, reason))
        return found

    def missing(self, idea: IdeaRecord, committed: dict[int, int], order: list[int]) -> tuple[MissingItem, ...]:
        items = []
        outside = [o for o in order if o not in committed]
        partners = [o for o in committed if o not in self.private]
        if len(partners) < 2:
            could = tuple(o for o in outside if o not in self.private)[:FILL_SUGGESTIONS]
            items.append(MissingItem(Message("constellation.missing.partners", {"count": 2 - len(partners)}), could))
        ownership = idea_ownership(
            idea.owner_organisation_id, {o: (_RANK_ROLE[r],) for o, r in committed.items()}, self.eligible, private_proposer=idea.proposed_by_private_person
        )
        if not ownership.settled:
            # Someone already committed could step up first; then the most relevant of the rest.
            could = tuple(list(ownership.could_own) + [o for o in outside if o in self.eligible])[:FILL_SUGGESTIONS]
            items.append(MissingItem(ownership.message({o: self.organisations[o].name for o in ownership.could_own}), could))
        ranked = [o for o, _ in self.relevance.ranked(idea.id)]
        for capability in sorted(idea.needs):
            holders = self.holders(capability)
            if not holders.isdisjoint(committed):
                continue
            params = {"capability": capability.label, "category": capability.category}
            if not holders:
                items.append(MissingItem(Message("constellation.missing.capability_nowhere", params), ()))
                continue
            # The most relevant holders first, then the others in tie-break order.
            closest = []
            for o in ranked:
                if o in holders and o not in committed:
                    closest.append(o)
                    if len(closest) == FILL_SUGGESTIONS:
                        break
            if len(closest) < FILL_SUGGESTIONS:
                rank = self.tiebreak_rank(idea.leader_area)
                rest = [o for o in holders if o not in committed and o not in closest]
                closest += heapq.nsmallest(FILL_SUGGESTIONS - len(closest), rest, key=rank.__getitem__)
            items.append(MissingItem(Message("constellation.missing.capability", params), tuple(closest)))
        return tuple(items)


@lru_cache(maxsize=256)
def _groups(n: int, max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every group of 2..max_size of ``n`` positions, padded to ``max_size`` columns
    with the position ``n`` (an empty member), and each group's size."""
    rows = [group + (n,) * (max_size - size) for size in range(2, max_size + 1) for group in combinations(range(n), size)]
    groups = np.array(rows, dtype=np.intp).reshape(-1, max_size)
    sizes = np.array([max_size - row.count(n) for row in rows], dtype=np.int64)
    groups.setflags(write=False)
    sizes.setflags(write=False)
    return groups, sizes


@dataclass(frozen=True)
class _Scored:
    groups: np.ndarray
    sizes: np.ndarray
    valid: np.ndarray
    total: np.ndarray
    fit: np.ndarray
    coverage: np.ndarray
    ties: np.ndarray
    sector_mix: np.ndarray
    commitment: np.ndarray
    anchoring: np.ndarray
    size: np.ndarray
    covered: np.ndarray
    sectors: np.ndarray
    anchored: np.ndarray
    linked: np.ndarray  # pairs of members with a link of their own


# The values of a scored group that its record holds.
_TOP_VALUES = ("total", *PARTS, "covered", "sectors", "anchored", "linked")


class _Top(NamedTuple):
    """The best groups of one pool, best first, as Python lists (one item per group)."""

    members: list  # each group's organisation ids, sorted, the padding (-1) first
    sizes: list
    total: list
    parts: list  # each group's values of PARTS, in that order
    covered: list
    sectors: list
    anchored: list
    linked: list

    @classmethod
    def of(cls, members: list, sizes: list, values: list[list]) -> "_Top":
        """From the columns of :data:`_TOP_VALUES`, each a list with one item per group."""
        total, *rest = values
        parts, counts = rest[: len(PARTS)], rest[len(PARTS) :]
        return cls(members, sizes, total, list(zip(*parts)), *counts)


@dataclass(frozen=True)
class _Batch(_Scored):
    """:meth:`_Pool.evaluate_many`'s scores: the arrays of :class:`_Scored` (``groups`` and
    ``sizes`` aside) with a leading axis, one row per pool."""

    def top(self, pool_ids: list[list[int]], k: int) -> list[_Top]:
        """Each pool's top ``k`` valid groups: score (highest first), size (smallest first),
        member ids; the whole batch in a few numpy calls. ``pool_ids`` holds each pool's
        organisation ids in order, then -1 (the empty member)."""
        count, width = self.total.shape
        if width > k:
            # Only groups scoring at least a pool's k-th best can make its top k.
            masked = np.where(self.valid, self.total, -np.inf)
            threshold = np.partition(masked, width - k, axis=1)[:, width - k]
            chosen = self.valid & (self.total >= threshold[:, None])
        else:
            chosen = self.valid
        pool_rows, group_rows = np.nonzero(chosen)
        ids = np.array(pool_ids, dtype=np.int64)
        member_ids = np.sort(ids[pool_rows[:, None], self.groups[group_rows]], axis=1)
        sizes = self.sizes[group_rows]
        keys = [member_ids[:, column] for column in reversed(range(member_ids.shape[1]))]
        order = np.lexsort(keys + [sizes, -self.total[pool_rows, group_rows], pool_rows])
        # Sorted by pool first: each pool's groups are one run, best first; keep k of each.
        per_pool = np.bincount(pool_rows, minlength=count)
        starts = np.cumsum(per_pool) - per_pool
        order = order[np.arange(len(order)) - starts[pool_rows[order]] < k]
        kept_rows, kept_groups = pool_rows[order], group_rows[order]
        values = [getattr(self, name)[kept_rows, kept_groups].tolist() for name in _TOP_VALUES]
        members, sizes = member_ids[order].tolist(), sizes[order].tolist()
        bounds = np.concatenate([[0], np.cumsum(np.bincount(kept_rows, minlength=count))]).tolist()
        return [_Top.of(members[a:b], sizes[a:b], [column[a:b] for column in values]) for a, b in zip(bounds, bounds[1:])]


_SCORED_ROWS = ("valid", *_TOP_VALUES)


# Five small counts packed in one integer, so one addition per member updates them all.
_FIELD_BITS = 12
_FIELD_MASK = (1 << _FIELD_BITS) - 1
# Member fit is summed as whole multiples of 1/1024 (like the ties), so a group's
# total does not depend on the order of its members.
_FIT_QUANTUM = 1024
# Ideas scored in one batch (bounds the memory: a batch of pools of 10 holds about
# 256 x 385 values per array), and the most needs one 64-bit mask holds here.
_BATCH = 256
_MAX_MASK_NEEDS = 62


class _PoolFacts(NamedTuple):
    """:meth:`_Context.pool_facts`: what scoring a pool reads beyond the records."""

    strengths: tuple[float, ...]  # every pair i < j of the pool, row by row; 0.0 without a link
    fit: tuple[float, ...]  # quantised relevance, 1 for a committed organisation
    relevant: tuple[bool, ...]


@lru_cache(maxsize=64)
def _pairs(p: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions (i, j), i < j, of a pool of ``p``, row by row as :meth:`_Context.pool_facts` lists them."""
    return np.triu_indices(p, 1)


def _pair_positions(groups: np.ndarray, side: int) -> np.ndarray:
    """Every group's member pairs (in :func:`itertools.combinations` order) as positions
    in a flattened ``side`` x ``side`` pair matrix."""
    columns = list(combinations(range(groups.shape[1]), 2))
    if not columns:
        return np.zeros((len(groups), 0), dtype=np.intp)
    return np.stack([groups[:, x] * side + groups[:, y] for x, y in columns], axis=1)


@lru_cache(maxsize=256)
def _group_pairs(n: int, max_size: int) -> np.ndarray:
    """:func:`_pair_positions` of :func:`_groups` ``(n, max_size)`` in a pool of ``n`` (and the empty member)."""
    pairs = _pair_positions(_groups(n, max_size)[0], n + 1)
    pairs.setflags(write=False)
    return pairs


class _PoolRow(NamedTuple):
    """One pool's per-organisation facts as Python lists (each with a last item for the
    empty member that pads small groups: it offers nothing, has no sector, counts nothing);
    a batch of rows becomes arrays in one call per fact (:meth:`_Pool.evaluate_many`)."""

    ids: list[int]  # organisation ids in pool order, then -1
    need_bits: list[int]  # bit j: an offer of the organisation meets the idea's j-th need (sorted)
    sector_bits: list[int]  # one bit per LEADER sector
    counts: list[int]  # committed | anchored | partner | eligible | irrelevant, packed
    fit: tuple[float, ...]  # quantised relevance, 1 for a committed organisation
    strengths: tuple[float, ...]  # every pair i < j, row by row; 0.0 without a link
    n_needs: int
    required: int = -1  # the proposer's position, a member of every valid group; -1: none

    @classmethod
    def of(cls, context: _Context, idea: IdeaRecord, order: list[int], committed: dict[int, int], facts: _PoolFacts | None = None) -> "_PoolRow":
        if facts is None:
            facts = context.pool_facts(idea, order, committed)
        holders = [context.holders(need) for need in sorted(idea.needs)]
        organisations = [context.organisations[o] for o in order]
        area, private, eligible = idea.leader_area, context.private, context.eligible
        counts = [
            (o.id in committed)
            | (area is not None and o.leader_area == area) << _FIELD_BITS
            | (o.id not in private) << 2 * _FIELD_BITS
            | (o.id in eligible) << 3 * _FIELD_BITS
            | (not relevant) << 4 * _FIELD_BITS
            for o, relevant in zip(organisations, facts.relevant)
        ]
        return cls(
            ids=[*order, -1],
            need_bits=[sum(1 << j for j, held in enumerate(holders) if o in held) for o in order] + [0],
            sector_bits=[_SECTOR_BIT.get(o.sector, 0) for o in organisations] + [0],
            counts=counts + [0],
            fit=facts.fit + (0.0,),
            strengths=facts.strengths,
            n_needs=len(holders),
            required=_required_position(context.required.get(idea.id), order),
        )


def _required_position(required: int | None, order: list[int]) -> int:
    """The pool position every valid group holds: -1 when none is required, and one past the
    empty member when the required organisation is not in the pool (then no group is valid)."""
    if required is None:
        return -1
    return order.index(required) if required in order else len(order) + 1


def _holds_required(groups: np.ndarray, required: np.ndarray) -> np.ndarray:
    """Whether each group holds its pool's required position (``required`` -1: no rule);
    ``required`` has one value per pool, the result one row per pool."""
    required = np.asarray(required, dtype=np.intp).reshape(-1, 1, 1)
    return (groups[None, :, :] == required).any(axis=2) | (required[:, :, 0] < 0)


_SECTOR_BIT = {sector: 1 << position for position, sector in enumerate(SECTORS)}


def _pair_matrices(rows: list[_PoolRow], p: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows' tie values (quantised ``min(1, strength / TIE_SATURATION)``) and links (1
    where a pair has a link of any strength) as flattened (p + 1) x (p + 1) matrices, one per row."""
    ties = np.zeros((len(rows), (p + 1) ** 2))
    links = np.zeros((len(rows), (p + 1) ** 2), dtype=np.int64)
    if p > 1:
        strengths = np.array([row.strengths for row in rows]).reshape(len(rows), -1)
        first, second = _pairs(p)
        upper, lower = first * (p + 1) + second, second * (p + 1) + first
        # round() of Python and np.round both round half to even: the same values as pair by pair.
        quantised = np.round(np.minimum(1.0, strengths / TIE_SATURATION) * _TIE_QUANTUM) / _TIE_QUANTUM
        ties[:, upper] = ties[:, lower] = quantised
        links[:, upper] = links[:, lower] = strengths > 0
    return ties, links


@dataclass(frozen=True)
class _Pool:
    """Per-organisation facts of a pool as arrays, so all groups are scored at once.

    Every array has one extra last row for the empty member that pads small groups:
    it offers nothing, has no sector, counts nothing and has no ties.
    """

    ids: np.ndarray  # organisation ids in pool order, then -1
    id_list: list  # the same as Python ints
    covers: np.ndarray  # bool (p + 1, needs): an offer of the organisation meets the need
    ties: np.ndarray  # float (p + 1, p + 1): quantised min(1, strength / TIE_SATURATION)
    links: np.ndarray  # int (p + 1, p + 1): 1 where the two have a link (any strength)
    fit: np.ndarray  # float (p + 1,): quantised relevance, 1 for a committed organisation
    sector_bits: np.ndarray  # int (p + 1,): one bit per LEADER sector
    counts: np.ndarray  # int (p + 1,): committed | anchored | partner | eligible | irrelevant, packed
    n_needs: int
    required: int = -1  # :attr:`_PoolRow.required`

    @classmethod
    def build(
        cls, context: _Context, idea: IdeaRecord, order: list[int], committed: dict[int, int], facts: _PoolFacts | None = None
    ) -> "_Pool":
        """The pool of ``order`` (with its :meth:`_Context.pool_facts`, worked out here when not given)."""
        return cls.of(_PoolRow.of(context, idea, order, committed, facts))

    @classmethod
    def of(cls, row: "_PoolRow") -> "_Pool":
        """The arrays of one :class:`_PoolRow`."""
        p = len(row.ids) - 1
        ties_of, links_of = _pair_matrices([row], p)
        return cls(
            ids=np.array(row.ids, dtype=np.int64),
            id_list=list(row.ids),
            covers=np.array([[(bits >> j) & 1 for j in range(row.n_needs)] for bits in row.need_bits], dtype=bool).reshape(p + 1, row.n_needs),
            ties=ties_of[0].reshape(p + 1, p + 1),
            links=links_of[0].reshape(p + 1, p + 1),
            fit=np.array(row.fit),
            sector_bits=np.array(row.sector_bits, dtype=np.int64),
            counts=np.array(row.counts, dtype=np.int64),
            n_needs=row.n_needs,
            required=row.required,
        )

    @staticmethod
    def evaluate_many(
        pools: list["_PoolRow"], groups: np.ndarray, sizes: np.ndarray, weights: ScoreWeights, pairs: np.ndarray
    ) -> _Batch:
        """Score every row of ``groups`` for each pool of the same size at once.

        Needs are bit masks here (one bit per need, for pools of up to 62 needs; larger
        ones are scored alone by :meth:`evaluate`); everything else is the arithmetic of
        :meth:`evaluate` on an extra leading axis, operation for operation. Fit and ties
        are whole multiples of 1/1024, so their sums are exact in any order. ``pairs`` is
        :func:`_pair_positions` of ``groups`` (:func:`_group_pairs` keeps them per pool and group size).
        """
        wide = [pool for pool in pools if pool.n_needs > _MAX_MASK_NEEDS]
        if wide:
            scored = [_Pool.of(pool).evaluate(groups, sizes, weights) for pool in pools]
            return _Batch(groups, sizes, *(np.stack([getattr(one, name) for one in scored]) for name in _SCORED_ROWS))
        need_bits = np.array([pool.need_bits for pool in pools], dtype=np.int64)
        sector_of = np.array([pool.sector_bits for pool in pools], dtype=np.int64)
        counts_of = np.array([pool.counts for pool in pools], dtype=np.int64)
        fit_of = np.array([pool.fit for pool in pools])
        # The pair matrices flattened, so one take per pool axis gathers every group's pairs.
        ties_of, links_of = _pair_matrices(pools, len(pools[0].ids) - 1)
        n_needs = np.array([pool.n_needs for pool in pools], dtype=np.int64)[:, None]
        shape = (len(pools), len(groups))
        covered_bits = np.zeros(shape, dtype=np.int64)
        sector_bits = np.zeros(shape, dtype=np.int64)
        counts = np.zeros(shape, dtype=np.int64)
        for column in range(groups.shape[1]):
            members = groups[:, column]
            covered_bits |= np.take(need_bits, members, axis=1)
            sector_bits |= np.take(sector_of, members, axis=1)
            counts += np.take(counts_of, members, axis=1)
        fit_sum = np.take(fit_of, groups, axis=1).sum(axis=2)
        tie_sum = np.take(ties_of, pairs, axis=1).sum(axis=2)
        linked = np.take(links_of, pairs, axis=1).sum(axis=2)
        committed = counts & _FIELD_MASK
        anchored = (counts >> _FIELD_BITS) & _FIELD_MASK
        partners = (counts >> 2 * _FIELD_BITS) & _FIELD_MASK
        eligible = (counts >> 3 * _FIELD_BITS) & _FIELD_MASK
        irrelevant = (counts >> 4 * _FIELD_BITS) & _FIELD_MASK
        covered = np.bitwise_count(covered_bits).astype(np.int64)
        sectors = np.bitwise_count(sector_bits)
        fit = fit_sum / sizes
        coverage = np.where(n_needs > 0, covered / np.maximum(n_needs, 1), 0.0)
        ties = tie_sum / (sizes * (sizes - 1) // 2)
        sector_mix = sectors / len(SECTORS)
        commitment = committed / sizes
        anchoring = anchored / sizes
        size_part = np.broadcast_to(2 / sizes, shape)
        total = weights.fit * fit
        total = total + weights.coverage * coverage
        total = total + weights.ties * ties
        total = total + weights.sector_mix * sector_mix
        total = total + weights.commitment * commitment
        total = total + weights.anchoring * anchoring
        total = total + weights.size * size_part
        valid = (partners >= 2) & (eligible >= 1) & (irrelevant == 0) & _holds_required(groups, [pool.required for pool in pools])
        return _Batch(
            groups=groups,
            sizes=sizes,
            valid=valid,
            total=total,
            fit=fit,
            coverage=coverage,
            ties=ties,
            sector_mix=sector_mix,
            commitment=commitment,
            anchoring=anchoring,
            size=size_part,
            covered=covered,
            sectors=sectors,
            anchored=anchored,
            linked=linked,
        )

    def evaluate(self, groups: np.ndarray, sizes: np.ndarray, weights: ScoreWeights) -> _Scored:
        """Score every row of ``groups`` (pool positions, padded with the empty member)."""
        covered_needs = np.zeros((len(groups), self.n_needs), dtype=bool)
        sector_bits = np.zeros(len(groups), dtype=np.int64)
        counts = np.zeros(len(groups), dtype=np.int64)
        fit_sum = np.zeros(len(groups))
        for column in range(groups.shape[1]):
            members = groups[:, column]
            covered_needs |= self.covers[members]
            sector_bits |= self.sector_bits[members]
            counts += self.counts[members]
            fit_sum += self.fit[members]
        tie_sum = np.zeros(len(groups))
        linked = np.zeros(len(groups), dtype=np.int64)
        for x, y in combinations(range(groups.shape[1]), 2):
            tie_sum += self.ties[groups[:, x], groups[:, y]]
            linked += self.links[groups[:, x], groups[:, y]]
        committed = counts & _FIELD_MASK
        anchored = (counts >> _FIELD_BITS) & _FIELD_MASK
        partners = (counts >> 2 * _FIELD_BITS) & _FIELD_MASK
        eligible = (counts >> 3 * _FIELD_BITS) & _FIELD_MASK
        irrelevant = (counts >> 4 * _FIELD_BITS) & _FIELD_MASK
        covered = covered_needs.sum(axis=1)
        sectors = np.bitwise_count(sector_bits)
        fit = fit_sum / sizes
        coverage = covered / self.n_needs if self.n_needs else np.zeros(len(groups))
        ties = tie_sum / (sizes * (sizes - 1) // 2)
        sector_mix = sectors / len(SECTORS)
        commitment = committed / sizes
        anchoring = anchored / sizes
        size_part = 2 / sizes
        # Summed in a fixed order so a group's total never depends on the batch it is in.
        total = weights.fit * fit
        total = total + weights.coverage * coverage
        total = total + weights.ties * ties
        total = total + weights.sector_mix * sector_mix
        total = total + weights.commitment * commitment
        total = total + weights.anchoring * anchoring
        total = total + weights.size * size_part
        return _Scored(
            groups=groups,
            sizes=sizes,
            valid=(partners >= 2) & (eligible >= 1) & (irrelevant == 0) & _holds_required(groups, [self.required])[0],
            total=total,
            fit=fit,
            coverage=coverage,
            ties=ties,
            sector_mix=sector_mix,
            commitment=commitment,
            anchoring=anchoring,
            size=size_part,
            covered=covered,
            sectors=sectors,
            anchored=anchored,
            linked=linked,
        )
