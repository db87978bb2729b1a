"""The constellation search as it was before issue 9 ("constellations that fit the idea").

Kept verbatim, only to measure the new ranking against it (``python -m workshop
evaluate-fit``): needs matched by equal labels, ``coverage`` 1 for an idea without
needs, and a pool filled with whoever is best linked. Nothing in the app uses it.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import networkx as nx
import numpy as np

from workshop.network.message import Message, UnknownIdea
from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import OWNER_ELIGIBLE_KINDS, SECTORS

__all__ = [
    "PARTS",
    "PART_LABELS",
    "PART_HELP",
    "TIE_SATURATION",
    "ScoreWeights",
    "DEFAULT_SCORE_WEIGHTS",
    "Constellation",
    "MissingItem",
    "IdeaConstellations",
    "idea_constellations",
    "all_constellations",
    "evaluate_constellation",
]

PARTS = ("coverage", "ties", "sector_mix", "commitment", "anchoring", "size")
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


@dataclass(frozen=True)
class ScoreWeights:
    """Weights of the score parts; they sum to 1 so a total score is between 0 and 1.

    ``coverage`` weighs most because a group that cannot do the work is no project;
    existing ``ties`` next because trust is what makes a project run; ``sector_mix``
    and ``commitment`` (people who already said yes) follow, as LEADER values
    cooperation across sectors; ``anchoring`` in the idea's own Leader area and a
    small ``size`` break the remaining ties.
    """

    coverage: float = 0.30
    ties: float = 0.20
    sector_mix: float = 0.15
    commitment: float = 0.15
    anchoring: float = 0.10
    size: float = 0.10


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
    ``constellation.missing.owner`` (no committed organisation named or offering to be
    project owner), ``constellation.missing.capability`` (``capability``,
    ``category``: no committed organisation holds it) and
    ``constellation.missing.capability_nowhere`` (nobody in the network holds it;
    ``could_fill`` is empty).
    """

    message: Message
    could_fill: tuple[int, ...]


@dataclass(frozen=True)
class IdeaConstellations:
    """The best constellations for one idea and the gaps of its committed group."""

    idea_id: int
    candidates: tuple[Constellation, ...]  # best first
    missing: tuple[MissingItem, ...]  # empty when the committed group is complete
    pool: tuple[int, ...]  # the organisations searched, in ranking order

    @property
    def can_form(self) -> bool:
        return bool(self.candidates)


def idea_constellations(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    idea_id: int,
    *,
    k: int = 5,
    max_size: int = 4,
    pool_size: int = 12,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
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
        organisations committed to the idea (non-private first, then by role:
        possible owner, initiator, partner, contributor; then id); then organisations
        linked to a committed one or offering something the idea needs, ranked by
        needs they cover that the committed group lacks, then summed link strength to
        the committed group; then everyone else. Within equal rank: same Leader area
        as the idea first, private persons last, then lowest id.
    weights : ScoreWeights, optional

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
    >>> kitchen = Capability("premises", "storkök")
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(
    ...         OrganisationRecord(1, "Bygdeföreningen", "association", "nonprofit", "Ramsberg", "Leader Bergslagen"),
    ...         OrganisationRecord(2, "Lanthandeln", "company", "private", "Ramsberg", "Leader Bergslagen", offers=frozenset({kitchen})),
    ...         OrganisationRecord(3, "Karin Berg", "private_person", None, "Ramsberg", "Leader Bergslagen")),
    ...     ideas=(IdeaRecord(10, "Bygdekök", 1, "Ramsberg", "Leader Bergslagen", needs=frozenset({kitchen})),),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 3, "partner", 1)))
    >>> result = idea_constellations(build_organisation_graph(snapshot), snapshot, 10, k=2)
    >>> [(c.members, c.owner_id) for c in result.candidates]  # Karin comes along, the association owns
    [((1, 2, 3), 1), ((1, 2), 1)]
    >>> [item.message.key for item in result.missing]
    ['constellation.missing.partners', 'constellation.missing.owner', 'constellation.missing.capability']
    >>> result.missing[0].could_fill
    (2,)

    Notes
    -----
    Building the pool is O(n log n) in the worst case (usually O(d + p) for the
    committed organisations' degree d); scoring evaluates all
    ``sum(C(p, s) for s in 2..max_size)`` groups of the pool (781 for p = 12) at once
    with numpy, so no pruning is needed to stay exact. An idea takes about half a
    millisecond at the default sizes.
    """
    return _Context(G, snapshot).constellations(idea_id, k=k, max_size=max_size, pool_size=pool_size, weights=weights)


def all_constellations(
    G: nx.Graph,
    snapshot: NetworkSnapshot,
    *,
    k: int = 5,
    max_size: int = 4,
    pool_size: int = 12,
    weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
    idea_ids: Iterable[int] | None = None,
) -> dict[int, IdeaConstellations]:
    """Return :func:`idea_constellations` for every idea (or those in ``idea_ids``).

    The indexes over organisations and commitments are built once for all ideas.

    Examples
    --------
    >>> all_constellations(nx.Graph(), NetworkSnapshot())
    {}

    Notes
    -----
    About 0.5 ms per idea at the default sizes: the 990 ideas of a synthetic network
    of 300 organisations take 0.5 to 0.7 s on a 2-core machine.
    """
    context = _Context(G, snapshot)
    wanted = sorted(context.ideas) if idea_ids is None else list(idea_ids)
    return {
        idea_id: context.constellations(idea_id, k=k, max_size=max_size, pool_size=pool_size, weights=weights)
        for idea_id in wanted
    }


def evaluate_constellation(
    G: nx.Graph, snapshot: NetworkSnapshot, idea_id: int, members: Iterable[int], *, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS
) -> Constellation | None:
    """Score one group of organisations for an idea; ``None`` if it breaks a rule.

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
    context = _Context(G, snapshot)
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
    if not (scored.valid & context.holds_proposer(idea, pool, scored))[0]:
        return None
    return context.constellation(idea, pool, scored, 0, committed)


class _Context:
    """Indexes over one snapshot and graph, shared by all ideas."""

    def __init__(self, G: nx.Graph, snapshot: NetworkSnapshot) -> None:
        self.organisations: dict[int, OrganisationRecord] = {o.id: o for o in snapshot.organisations}
        self.ideas: dict[int, IdeaRecord] = {i.id: i for i in snapshot.ideas}
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
        self.offerers: dict = defaultdict(list)
        for organisation_id in sorted(self.organisations):
            for capability in self.organisations[organisation_id].offers:
                self.offerers[capability].append(organisation_id)
        # The proposer's organisation is in every constellation of its idea (as in the search).
        self.required = {i.id: i.proposer_id for i in snapshot.ideas if i.proposer_id in self.organisations and i.proposer_id not in self.private}
        self._fill_order: dict[str | None, list[int]] = {}
        self._tiebreak_rank: dict[str | None, dict[int, int]] = {}

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

    def fill_order(self, area: str | None) -> list[int]:
        """Everyone, in :meth:`tiebreak` order for ideas in ``area``."""
        if area not in self._fill_order:
            self._fill_order[area] = sorted(self.organisations, key=lambda o: self.tiebreak(area, o))
            self._tiebreak_rank[area] = {o: rank for rank, o in enumerate(self._fill_order[area])}
        return self._fill_order[area]

    def tiebreak_rank(self, area: str | None) -> dict[int, int]:
        self.fill_order(area)
        return self._tiebreak_rank[area]

    def ranked_candidates(self, idea: IdeaRecord, committed: dict[int, int], limit: int) -> tuple[list[int], dict[int, float]]:
        """The ``limit`` best organisations linked to the committed group or holding a
        need, and every organisation's summed link strength to the committed group."""
        lacking = idea.needs - frozenset().union(*(self.organisations[o].offers for o in committed))
        strength_to_group: dict[int, float] = defaultdict(float)
        for member in committed:
            for other, strength in self.strengths.get(member, {}).items():
                if other not in committed:
                    strength_to_group[other] += strength
        covering: dict[int, int] = defaultdict(int)
        for capability in idea.needs:
            for other in self.offerers.get(capability, ()):
                if other not in committed:
                    covering[other] += capability in lacking
        rank = self.tiebreak_rank(idea.leader_area)
        keys = [(-covering.get(o, 0), -strength_to_group.get(o, 0.0), rank[o]) for o in strength_to_group.keys() | covering.keys()]
        best = heapq.nsmallest(limit, keys) if limit > 0 else []
        order = self.fill_order(idea.leader_area)
        return [order[key[2]] for key in best], strength_to_group

    def pool_order(self, idea: IdeaRecord, committed: dict[int, int], pool_size: int) -> tuple[list[int], dict[int, float]]:
        required = self.required.get(idea.id)
        first = sorted(committed, key=lambda o: (o != required, o in self.private, committed[o], o))[:pool_size]
        pool, seen = list(first), set(first)
        ranked, strength_to_group = self.ranked_candidates(idea, committed, pool_size - len(pool))
        for source in (ranked, self.fill_order(idea.leader_area)):
            for organisation_id in source:
                if len(pool) >= pool_size:
                    return pool, strength_to_group
                if organisation_id not in seen:
                    pool.append(organisation_id)
                    seen.add(organisation_id)
        return pool, strength_to_group

    def constellations(self, idea_id: int, *, k: int, max_size: int, pool_size: int, weights: ScoreWeights) -> IdeaConstellations:
        if max_size < 2:
            raise ValueError("a constellation has at least two members; max_size must be >= 2")
        idea = self.idea(idea_id)
        committed = self.committed.get(idea_id, {})
        order, strength_to_group = self.pool_order(idea, committed, pool_size)
        candidates = []
        if k > 0 and len(order) >= 2:
            pool = _Pool.build(self, idea, order, committed)
            scored = pool.evaluate(*_groups(len(order), min(max_size, len(order))), weights)
            rows = np.flatnonzero(scored.valid & self.holds_proposer(idea, pool, scored))
            if len(rows) > k:
                # Only groups scoring at least the k-th best can make the top k.
                threshold = np.partition(scored.total[rows], len(rows) - k)[len(rows) - k]
                rows = rows[scored.total[rows] >= threshold]
            # Sorted ids per group; the padding (-1) comes first and only ever meets
            # padding, because size is compared before the ids.
            member_ids = np.sort(pool.ids[scored.groups[rows]], axis=1)
            keys = [member_ids[:, column] for column in reversed(range(member_ids.shape[1]))]
            ranking = np.lexsort(keys + [scored.sizes[rows], -scored.total[rows]])
            candidates = [self.constellation(idea, pool, scored, int(rows[best]), committed) for best in ranking[:k]]
        missing = self.missing(idea, committed, order, strength_to_group)
        return IdeaConstellations(idea_id, tuple(candidates), missing, tuple(order))

    def holds_proposer(self, idea: IdeaRecord, pool: "_Pool", scored: "_Scored") -> np.ndarray:
        """Whether each scored group holds the idea's proposer (all true when it has none)."""
        required = self.required.get(idea.id)
        if required is None:
            return np.ones(len(scored.groups), dtype=bool)
        return (pool.ids[scored.groups] == required).any(axis=1)

    def constellation(self, idea: IdeaRecord, pool: "_Pool", scored: "_Scored", row: int, committed: dict[int, int]) -> Constellation:
        members = tuple(sorted(int(pool.ids[p]) for p in scored.groups[row] if p < len(pool.ids) - 1))
        owner = min(
            (m for m in members if m in self.eligible),
            key=lambda m: (m != idea.owner_organisation_id, committed.get(m, _NOT_COMMITTED), *self.tiebreak(idea.leader_area, m)),
        )
        pairs = list(combinations(members, 2))
        parts = {name: float(getattr(scored, name)[row]) for name in PARTS}
        reason = Message(
            "constellation.reason",
            {
                "members": len(members),
                "partners": sum(1 for m in members if m not in self.private),
                "committed": sum(1 for m in members if m in committed),
                "covered": int(scored.covered[row]),
                "needs": len(idea.needs),
                "sectors": int(scored.sectors[row]),
                "linked_pairs": sum(1 for a, b in pairs if self.strength(a, b) > 0),
                "pairs": len(pairs),
                "anchored": int(scored.anchored[row]),
                "area": idea.leader_area or "",
                "owner": self.organisations[owner].name,
            },
        )
        return Constellation(members, float(scored.total[row]), parts, owner, reason)

    def missing(
        self, idea: IdeaRecord, committed: dict[int, int], order: list[int], strength_to_group: dict[int, float]
    ) -> tuple[MissingItem, ...]:
        items = []
        outside = [o for o in order if o not in committed]
        partners = [o for o in committed if o not in self.private]
        if len(partners) < 2:
            could = tuple(o for o in outside if o not in self.private)[:FILL_SUGGESTIONS]
            items.append(MissingItem(Message("constellation.missing.partners", {"count": 2 - len(partners)}), could))
        named = idea.owner_organisation_id in committed and idea.owner_organisation_id in self.eligible
        offered = any(role == _ROLE_RANK["possible_owner"] and o in self.eligible for o, role in committed.items())
        if not (named or offered):
            # Someone already committed could step up first; then the best of the rest.
            inside = sorted((o for o in committed if o in self.eligible), key=lambda o: (committed[o], o))
            could = tuple(inside + [o for o in outside if o in self.eligible])[:FILL_SUGGESTIONS]
            items.append(MissingItem(Message("constellation.missing.owner", {}), could))
        held = frozenset().union(*(self.organisations[o].offers for o in committed))
        for capability in sorted(idea.needs - held):
            holders = [o for o in self.offerers.get(capability, ()) if o not in committed]
            params = {"capability": capability.label, "category": capability.category}
            if not holders:
                items.append(MissingItem(Message("constellation.missing.capability_nowhere", params), ()))
                continue
            rank = self.tiebreak_rank(idea.leader_area)
            closest = heapq.nsmallest(FILL_SUGGESTIONS, holders, key=lambda o: (-strength_to_group.get(o, 0.0), rank[o]))
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
    coverage: np.ndarray
    ties: np.ndarray
    sector_mix: np.ndarray
    commitment: np.ndarray
    anchoring: np.ndarray
    size: np.ndarray
    covered: np.ndarray
    sectors: np.ndarray
    anchored: np.ndarray


# Four small counts packed in one integer, so one addition per member updates them all.
_FIELD_BITS = 12
_FIELD_MASK = (1 << _FIELD_BITS) - 1


@dataclass(frozen=True)
class _Pool:
    """Per-organisation facts of a pool as arrays, so all groups are scored at once.

    Every array has one extra last row for the empty member that pads small groups:
    it offers nothing, has no sector, counts nothing and has no ties.
    """

    ids: np.ndarray  # organisation ids in pool order, then -1
    covers: np.ndarray  # bool (p + 1, needs): the organisation offers the need
    ties: np.ndarray  # float (p + 1, p + 1): quantised min(1, strength / TIE_SATURATION)
    sector_bits: np.ndarray  # int (p + 1,): one bit per LEADER sector
    counts: np.ndarray  # int (p + 1,): committed | anchored | partner | eligible, packed
    n_needs: int

    @classmethod
    def build(cls, context: _Context, idea: IdeaRecord, order: list[int], committed: dict[int, int]) -> "_Pool":
        needs = sorted(idea.needs)
        organisations = [context.organisations[o] for o in order]
        p = len(order)
        ties = np.zeros((p + 1, p + 1))
        for i, a in enumerate(order):
            row = context.strengths.get(a, {})
            for j in range(i + 1, p):
                strength = row.get(order[j])
                if strength:
                    ties[i, j] = ties[j, i] = round(min(1.0, strength / TIE_SATURATION) * _TIE_QUANTUM) / _TIE_QUANTUM
        covers = np.zeros((p + 1, len(needs)), dtype=bool)
        for i, o in enumerate(organisations):
            covers[i] = [need in o.offers for need in needs]
        sector_bit = {sector: 1 << position for position, sector in enumerate(SECTORS)}
        counts = [
            (o.id in committed)
            | (idea.leader_area is not None and o.leader_area == idea.leader_area) << _FIELD_BITS
            | (o.id not in context.private) << 2 * _FIELD_BITS
            | (o.id in context.eligible) << 3 * _FIELD_BITS
            for o in organisations
        ]
        return cls(
            ids=np.array(order + [-1], dtype=np.int64),
            covers=covers,
            ties=ties,
            sector_bits=np.array([sector_bit.get(o.sector, 0) for o in organisations] + [0], dtype=np.int64),
            counts=np.array(counts + [0], dtype=np.int64),
            n_needs=len(needs),
        )

    def evaluate(self, groups: np.ndarray, sizes: np.ndarray, weights: ScoreWeights) -> _Scored:
        """Score every row of ``groups`` (pool positions, padded with the empty member)."""
        covered_needs = np.zeros((len(groups), self.n_needs), dtype=bool)
        sector_bits = np.zeros(len(groups), dtype=np.int64)
        counts = np.zeros(len(groups), dtype=np.int64)
        for column in range(groups.shape[1]):
            members = groups[:, column]
            covered_needs |= self.covers[members]
            sector_bits |= self.sector_bits[members]
            counts += self.counts[members]
        tie_sum = np.zeros(len(groups))
        for x, y in combinations(range(groups.shape[1]), 2):
            tie_sum += self.ties[groups[:, x], groups[:, y]]
        committed = counts & _FIELD_MASK
        anchored = (counts >> _FIELD_BITS) & _FIELD_MASK
        partners = (counts >> 2 * _FIELD_BITS) & _FIELD_MASK
        eligible = (counts >> 3 * _FIELD_BITS) & _FIELD_MASK
        covered = covered_needs.sum(axis=1)
        sectors = np.bitwise_count(sector_bits)
        coverage = covered / self.n_needs if self.n_needs else np.ones(len(groups))
        ties = tie_sum / (sizes * (sizes - 1) // 2)
        sector_mix = sectors / len(SECTORS)
        commitment = committed / sizes
        anchoring = anchored / sizes
        size_part = 2 / sizes
        # Summed in a fixed order so a group's total never depends on the batch it is in.
        total = weights.coverage * coverage
        total = total + weights.ties * ties
        total = total + weights.sector_mix * sector_mix
        total = total + weights.commitment * commitment
        total = total + weights.anchoring * anchoring
        total = total + weights.size * size_part
        return _Scored(
            groups=groups,
            sizes=sizes,
            valid=(partners >= 2) & (eligible >= 1),
            total=total,
            coverage=coverage,
            ties=ties,
            sector_mix=sector_mix,
            commitment=commitment,
            anchoring=anchoring,
            size=size_part,
            covered=covered,
            sectors=sectors,
            anchored=anchored,
        )
