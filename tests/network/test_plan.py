"""The process plan: capacities are never exceeded, and the plan is the best one there is."""

from __future__ import annotations

from collections import Counter
from itertools import product

import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.constellations import Constellation, IdeaConstellations, all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.message import Message
from workshop.network.plan import DEFAULT_CAPACITY, process_plan


def option(members, score):
    return Constellation(tuple(members), score, {}, members[0], Message("constellation.reason"))


def ideas(*options_per_idea):
    return {
        idea_id: IdeaConstellations(idea_id, tuple(option(m, s) for m, s in options), (), ())
        for idea_id, options in enumerate(options_per_idea, start=10)
    }


def test_no_organisation_is_asked_beyond_its_capacity_in_a_whole_process():
    # 40 organisations and their 132 ideas (80 and 264 cost the solver a hundred times more):
    # enough that a capacity of one binds, as the first assertion shows.
    snapshot = synthetic_snapshot(40, seed=4)
    results = all_constellations(build_organisation_graph(snapshot), snapshot)
    capacities = {o.id: (1 if o.id % 3 == 0 else None) for o in snapshot.organisations}
    unbounded = Counter(m for e in process_plan(results, {}, time_limit=10).entries if e.constellation for m in e.constellation.members)
    assert any(count > 1 for organisation_id, count in unbounded.items() if capacities[organisation_id] == 1)
    plan = process_plan(results, capacities, time_limit=10)
    asked = Counter(m for e in plan.entries if e.constellation for m in e.constellation.members)
    for organisation_id, count in asked.items():
        assert count <= (capacities[organisation_id] or DEFAULT_CAPACITY)
    assert {load.organisation_id: load.assigned for load in plan.loads if load.assigned} == dict(asked)
    # Each idea gets one of its own suggestions, and the loads are listed most asked first.
    for entry in plan.entries:
        if entry.constellation is not None:
            assert results[entry.idea_id].candidates[entry.rank - 1] == entry.constellation
    assert [load.assigned for load in plan.loads] == sorted((load.assigned for load in plan.loads), reverse=True)


def test_the_plan_is_the_best_assignment_there_is():
    # Three ideas all want organisation 1, which can take one project. Each idea's own best
    # (0.9, 0.8) is not the plan: giving 1 to idea 12 (0.7, its only option) and the second
    # options to 10 and 11 (0.3 + 0.5) serves all three, 1.5 in all against 0.9 + 0.5.
    results = ideas([((1, 2), 0.9), ((2, 5), 0.3)], [((1, 3), 0.8), ((3, 4), 0.5)], [((1, 4), 0.7)])
    plan = process_plan(results, {1: 1})
    # Brute force over every choice (or none) per idea.
    best = 0.0
    choices = [list(range(len(r.candidates))) + [None] for r in results.values()]
    for picks in product(*choices):
        chosen = [results[i].candidates[p] for i, p in zip(results, picks) if p is not None]
        use = Counter(m for c in chosen for m in c.members)
        if use[1] <= 1 and all(n <= DEFAULT_CAPACITY for n in use.values()):
            best = max(best, sum(c.score for c in chosen))
    assert plan.optimal and plan.total == pytest.approx(best) == pytest.approx(1.5)
    assert [(e.idea_id, e.rank) for e in plan.entries] == [(10, 2), (11, 2), (12, 1)]
    assert [(c.organisation_id, c.idea_ids, c.granted) for c in plan.contested] == [(1, (10, 11, 12), (12,))]


def test_a_capacity_of_zero_keeps_an_organisation_out_of_the_plan():
    plan = process_plan(ideas([((1, 2), 0.9)], [((2, 3), 0.4)]), {2: 0})
    assert all(e.constellation is None for e in plan.entries) and plan.total == 0.0
