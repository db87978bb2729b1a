"""The score of a constellation: its seven parts, their weights, and the scored groups.

Every part is between 0 and 1 and the weights sum to 1 (see the package's introduction,
:mod:`workshop.network.constellations`, for what each part measures). The arrays of
:class:`Scored` and :class:`Batch` hold every group of a pool at once; :class:`Top` the
best groups as Python lists, ready to become records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

__all__ = ["PARTS", "PART_LABELS", "PART_HELP", "TIE_SATURATION", "ScoreWeights", "DEFAULT_SCORE_WEIGHTS"]

PARTS = ("fit", "coverage", "ties", "sector_mix", "commitment", "anchoring", "size")
# Catalog keys naming each part, and explaining it in a sentence, for the score breakdown.
PART_LABELS = {part: f"constellation.part.{part}" for part in PARTS}
PART_HELP = {part: f"constellation.part.{part}.help" for part in PARTS}

# A pair counts as fully linked at the strength of one past cooperation (see EdgeWeights).
TIE_SATURATION = 2.0


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
class Scored:
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
TOP_VALUES = ("total", *PARTS, "covered", "sectors", "anchored", "linked")


class Top(NamedTuple):
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
    def of(cls, members: list, sizes: list, values: list[list]) -> "Top":
        """From the columns of :data:`TOP_VALUES`, each a list with one item per group."""
        total, *rest = values
        parts, counts = rest[: len(PARTS)], rest[len(PARTS) :]
        return cls(members, sizes, total, list(zip(*parts)), *counts)


@dataclass(frozen=True)
class Batch(Scored):
    """:meth:`Pool.evaluate_many`'s scores: the arrays of :class:`Scored` (``groups`` and
    ``sizes`` aside) with a leading axis, one row per pool."""

    def top(self, pool_ids: list[list[int]], k: int) -> list[Top]:
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
        values = [getattr(self, name)[kept_rows, kept_groups].tolist() for name in TOP_VALUES]
        members, sizes = member_ids[order].tolist(), sizes[order].tolist()
        bounds = np.concatenate([[0], np.cumsum(np.bincount(kept_rows, minlength=count))]).tolist()
        return [Top.of(members[a:b], sizes[a:b], [column[a:b] for column in values]) for a, b in zip(bounds, bounds[1:])]


