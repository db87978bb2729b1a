"""The process plan: one constellation per idea, for the whole process at once.

Each idea's search (:mod:`workshop.network.constellations`) is blind to the others,
so the same few well-fitting organisations can be asked to carry ten projects. The
plan picks at most one of each idea's ranked constellations so that the total score
is as high as possible while no organisation is asked to take part in more projects
than its capacity: a 0/1 integer programme, solved exactly with HiGHS through
:func:`scipy.optimize.milp` within a time limit (with the best plan found so far when
the limit is hit).

    maximise    sum score(i, c) · x(i, c)
    subject to  sum_c x(i, c) <= 1                     for every idea i
                sum_{(i, c) : o in c} x(i, c) <= cap(o) for every organisation o
                x(i, c) in {0, 1}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from workshop.network.constellations import Constellation, IdeaConstellations

__all__ = ["DEFAULT_CAPACITY", "PlanEntry", "Load", "Contention", "ProcessPlan", "process_plan"]

# Projects an organisation can take part in at once when the coordinator has not said:
# three is what a small association's board can follow alongside its own work.
DEFAULT_CAPACITY = 3


@dataclass(frozen=True)
class PlanEntry:
    """The constellation the plan gives an idea (``None``: none fits within capacity).

    ``rank`` is its place in the idea's own ranking (1 = the idea's best).
    """

    idea_id: int
    constellation: Constellation | None
    rank: int | None


@dataclass(frozen=True)
class Load:
    """How many projects the plan asks of an organisation, against its capacity.

    ``wanted`` counts the ideas whose own best constellation includes it.
    """

    organisation_id: int
    assigned: int
    capacity: int
    wanted: int


@dataclass(frozen=True)
class Contention:
    """Ideas whose best constellation needs the same organisation beyond its capacity."""

    organisation_id: int
    capacity: int
    idea_ids: tuple[int, ...]  # every idea whose best constellation includes it
    granted: tuple[int, ...]  # those the plan gives it to


@dataclass(frozen=True)
class ProcessPlan:
    entries: tuple[PlanEntry, ...]  # by idea id
    loads: tuple[Load, ...]  # most asked first
    contested: tuple[Contention, ...]  # most wanted first
    total: float
    optimal: bool  # False when the time limit stopped the solver before it proved optimality
    # Proven bound on how far the total may be from the best possible, as a share (0 when optimal).
    gap: float = 0.0


def process_plan(
    results: Mapping[int, IdeaConstellations],
    capacities: Mapping[int, int | None] | None = None,
    *,
    default_capacity: int = DEFAULT_CAPACITY,
    time_limit: float = 4.0,
) -> ProcessPlan:
    """Assign constellations to ideas maximising the total score within capacities.

    Parameters
    ----------
    results : mapping of idea id to IdeaConstellations
        From :func:`~workshop.network.constellations.all_constellations`; each idea's
        ``candidates`` are its options.
    capacities : mapping of organisation id to int or None, optional
        Projects each organisation can take part in; missing or ``None``:
        ``default_capacity``.
    default_capacity : int, optional
    time_limit : float, optional
        Seconds the solver may use; then the best plan found so far is returned.

    Returns
    -------
    ProcessPlan
        One entry per idea of ``results``; ties between equally good plans are
        broken by HiGHS, deterministically for the same input.

    Examples
    --------
    Two ideas both want Bygdegården (capacity 1); the second has another option.

    >>> from workshop.network.constellations import Constellation
    >>> from workshop.network.message import Message
    >>> def option(members, score):
    ...     return Constellation(members, score, {}, members[0], Message("constellation.reason"))
    >>> results = {
    ...     10: IdeaConstellations(10, (option((1, 2), 0.9),), (), (1, 2)),
    ...     11: IdeaConstellations(11, (option((1, 3), 0.8), option((3, 4), 0.6)), (), (1, 3, 4)),
    ... }
    >>> plan = process_plan(results, {1: 1})
    >>> [(e.idea_id, e.constellation.members) for e in plan.entries]
    [(10, (1, 2)), (11, (3, 4))]
    >>> round(plan.total, 2), plan.optimal
    (1.5, True)
    >>> [(c.organisation_id, c.idea_ids, c.granted) for c in plan.contested]
    [(1, (10, 11), (10,))]

    Notes
    -----
    One binary variable per candidate (about ``k`` per idea) and one constraint per
    idea and per organisation. The LP relaxation is tight in most processes, so HiGHS
    usually proves optimality quickly (see docs/benchmarks.md); when capacities are tight the limit
    may stop it, and ``gap`` says how close the plan is proven to be.
    """
    capacities = capacities or {}
    idea_ids = sorted(results)
    options: list[tuple[int, int, Constellation]] = [
        (idea_id, rank, candidate)
        for idea_id in idea_ids
        for rank, candidate in enumerate(results[idea_id].candidates, start=1)
    ]
    organisations = sorted({m for _, _, c in options for m in c.members})
    org_row = {o: len(idea_ids) + r for r, o in enumerate(organisations)}
    idea_row = {i: r for r, i in enumerate(idea_ids)}

    def capacity(organisation_id: int) -> int:
        value = capacities.get(organisation_id)
        return default_capacity if value is None else max(0, int(value))

    chosen = np.zeros(len(options), dtype=bool)
    optimal, gap = True, 0.0
    if options:
        rows, columns = [], []
        for column, (idea_id, _, candidate) in enumerate(options):
            rows.append(idea_row[idea_id])
            columns.append(column)
            for member in candidate.members:
                rows.append(org_row[member])
                columns.append(column)
        A = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(idea_ids) + len(organisations), len(options)))
        upper = np.array([1.0] * len(idea_ids) + [float(capacity(o)) for o in organisations])
        scores = np.array([c.score for _, _, c in options])
        result = milp(
            -scores,
            constraints=LinearConstraint(A, -np.inf, upper),
            integrality=np.ones(len(options)),
            bounds=Bounds(0, 1),
            options={"time_limit": float(time_limit), "mip_rel_gap": 0.0},
        )
        optimal = result.status == 0
        gap = 0.0 if optimal else float(getattr(result, "mip_gap", np.nan) or 0.0)
        if result.x is not None:
            chosen = result.x > 0.5
        else:
            chosen = _greedy(options, capacity)

    picked: dict[int, tuple[int, Constellation]] = {}
    for column in np.flatnonzero(chosen):
        idea_id, rank, candidate = options[column]
        picked[idea_id] = (rank, candidate)
    entries = tuple(
        PlanEntry(i, picked[i][1], picked[i][0]) if i in picked else PlanEntry(i, None, None) for i in idea_ids
    )

    assigned: dict[int, int] = defaultdict(int)
    granted: dict[int, list[int]] = defaultdict(list)
    for idea_id, (_, candidate) in sorted(picked.items()):
        for member in candidate.members:
            assigned[member] += 1
            granted[member].append(idea_id)
    wanted: dict[int, list[int]] = defaultdict(list)
    for idea_id in idea_ids:
        if results[idea_id].candidates:
            for member in results[idea_id].candidates[0].members:
                wanted[member].append(idea_id)
    loads = tuple(
        sorted(
            (Load(o, assigned[o], capacity(o), len(wanted[o])) for o in organisations),
            key=lambda load: (-load.assigned, -load.wanted, load.organisation_id),
        )
    )
    contested = tuple(
        sorted(
            (
                Contention(o, capacity(o), tuple(wanted[o]), tuple(i for i in granted[o] if i in wanted[o]))
                for o in organisations
                if len(wanted[o]) > capacity(o)
            ),
            key=lambda c: (-len(c.idea_ids), c.organisation_id),
        )
    )
    total = float(sum(candidate.score for _, candidate in picked.values()))
    return ProcessPlan(entries, loads, contested, total, optimal, gap)


def _greedy(options: list[tuple[int, int, Constellation]], capacity) -> np.ndarray:
    """Best score first, skipping what breaks a capacity: only when the solver found nothing."""
    chosen = np.zeros(len(options), dtype=bool)
    used: dict[int, int] = defaultdict(int)
    served: set[int] = set()
    for column in sorted(range(len(options)), key=lambda c: -options[c][2].score):
        idea_id, _, candidate = options[column]
        if idea_id in served or any(used[m] >= capacity(m) for m in candidate.members):
            continue
        chosen[column] = True
        served.add(idea_id)
        for m in candidate.members:
            used[m] += 1
    return chosen
