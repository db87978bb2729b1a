"""The bit-packed candidate pool: one idea's candidates as arrays, every group scored at once.

Needs, sectors and five counts are bits and packed fields, so a group's values are one
``or`` or one addition per member; fit and ties are whole multiples of 1/1024, so their
sums are exact in any order and a group scores the same in any batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

import numpy as np

from workshop.network.constellations.score import TIE_SATURATION, Batch, Scored, ScoreWeights, TOP_VALUES
from workshop.network.snapshot import IdeaRecord
from workshop.vocabulary import SECTORS

__all__ = ["PoolFacts", "PoolRow", "Pool", "all_groups", "group_pairs"]

# Pair tie values are rounded to multiples of 1/1024, far finer than anything that
# matters, so that sums over pairs are exact in floating point: a group's score is
# then the same whatever order its members are enumerated in, and ties between equal
# scores are broken by the rule below rather than by rounding noise.
_TIE_QUANTUM = 1024


@lru_cache(maxsize=256)
def all_groups(n: int, max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every group of 2..max_size of ``n`` positions, padded to ``max_size`` columns
    with the position ``n`` (an empty member), and each group's size."""
    rows = [group + (n,) * (max_size - size) for size in range(2, max_size + 1) for group in combinations(range(n), size)]
    groups = np.array(rows, dtype=np.intp).reshape(-1, max_size)
    sizes = np.array([max_size - row.count(n) for row in rows], dtype=np.int64)
    groups.setflags(write=False)
    sizes.setflags(write=False)
    return groups, sizes


_SCORED_ROWS = ("valid", *TOP_VALUES)


# Five small counts packed in one integer, so one addition per member updates them all.
_FIELD_BITS = 12
_FIELD_MASK = (1 << _FIELD_BITS) - 1
# The most needs one 64-bit mask holds here.
_MAX_MASK_NEEDS = 62


class PoolFacts(NamedTuple):
    """What scoring a pool reads beyond the records
    (:meth:`~workshop.network.constellations.search.SearchContext.pool_facts`)."""

    strengths: tuple[float, ...]  # every pair i < j of the pool, row by row; 0.0 without a link
    fit: tuple[float, ...]  # quantised relevance, 1 for a committed organisation
    relevant: tuple[bool, ...]


@lru_cache(maxsize=64)
def _pairs(p: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions (i, j), i < j, of a pool of ``p``, row by row as :class:`PoolFacts` lists them."""
    return np.triu_indices(p, 1)


def _pair_positions(groups: np.ndarray, side: int) -> np.ndarray:
    """Every group's member pairs (in :func:`itertools.combinations` order) as positions
    in a flattened ``side`` x ``side`` pair matrix."""
    columns = list(combinations(range(groups.shape[1]), 2))
    if not columns:
        return np.zeros((len(groups), 0), dtype=np.intp)
    return np.stack([groups[:, x] * side + groups[:, y] for x, y in columns], axis=1)


@lru_cache(maxsize=256)
def group_pairs(n: int, max_size: int) -> np.ndarray:
    """:func:`_pair_positions` of :func:`all_groups` ``(n, max_size)`` in a pool of ``n`` (and the empty member)."""
    pairs = _pair_positions(all_groups(n, max_size)[0], n + 1)
    pairs.setflags(write=False)
    return pairs


class PoolRow(NamedTuple):
    """One pool's per-organisation facts as Python lists (each with a last item for the
    empty member that pads small groups: it offers nothing, has no sector, counts nothing);
    a batch of rows becomes arrays in one call per fact (:meth:`Pool.evaluate_many`)."""

    ids: list[int]  # organisation ids in pool order, then -1
    need_bits: list[int]  # bit j: an offer of the organisation meets the idea's j-th need (sorted)
    sector_bits: list[int]  # one bit per LEADER sector
    counts: list[int]  # committed | anchored | partner | eligible | irrelevant, packed
    fit: tuple[float, ...]  # quantised relevance, 1 for a committed organisation
    strengths: tuple[float, ...]  # every pair i < j, row by row; 0.0 without a link
    n_needs: int
    required: int = -1  # the proposer's position, a member of every valid group; -1: none

    @classmethod
    def of(cls, context, idea: IdeaRecord, order: list[int], committed: dict[int, int], facts: PoolFacts | None = None) -> "PoolRow":
        """The pool of ``order`` for ``idea``; ``context`` is the
        :class:`~workshop.network.constellations.search.SearchContext` that ranked it (its
        :meth:`~workshop.network.constellations.search.SearchContext.pool_facts` are worked
        out here when ``facts`` is not given)."""
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


def _pair_matrices(rows: list[PoolRow], p: int) -> tuple[np.ndarray, np.ndarray]:
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
class Pool:
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
    required: int = -1  # :attr:`PoolRow.required`

    @classmethod
    def build(
        cls, context, idea: IdeaRecord, order: list[int], committed: dict[int, int], facts: PoolFacts | None = None
    ) -> "Pool":
        """The pool of ``order`` (with its facts, worked out here when not given);
        ``context`` and ``facts`` as for :meth:`PoolRow.of`."""
        return cls.of(PoolRow.of(context, idea, order, committed, facts))

    @classmethod
    def of(cls, row: "PoolRow") -> "Pool":
        """The arrays of one :class:`PoolRow`."""
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
        pools: list["PoolRow"], groups: np.ndarray, sizes: np.ndarray, weights: ScoreWeights, pairs: np.ndarray
    ) -> Batch:
        """Score every row of ``groups`` for each pool of the same size at once.

        Needs are bit masks here (one bit per need, for pools of up to 62 needs; larger
        ones are scored alone by :meth:`evaluate`); everything else is the arithmetic of
        :meth:`evaluate` on an extra leading axis, operation for operation. Fit and ties
        are whole multiples of 1/1024, so their sums are exact in any order. ``pairs`` is
        :func:`_pair_positions` of ``groups`` (:func:`group_pairs` keeps them per pool and group size).
        """
        wide = [pool for pool in pools if pool.n_needs > _MAX_MASK_NEEDS]
        if wide:
            scored = [Pool.of(pool).evaluate(groups, sizes, weights) for pool in pools]
            return Batch(groups, sizes, *(np.stack([getattr(one, name) for one in scored]) for name in _SCORED_ROWS))
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
        return Batch(
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

    def evaluate(self, groups: np.ndarray, sizes: np.ndarray, weights: ScoreWeights) -> Scored:
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
        return Scored(
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
