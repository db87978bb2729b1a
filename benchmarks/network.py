"""Timings of the network analysis on synthetic networks of growing size.

The CLI prints these and ``docs/benchmarks.md`` records them; this module only
measures. Every step is timed with :func:`time.perf_counter`, as the best of
``repeats`` runs for networks up to :data:`REPEAT_LIMIT` organisations and one run
above (where a single betweenness run already takes tens of seconds).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from workshop.network.constellations import all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.mapview import network_map_html
from workshop.network.metrics import (
    brokers,
    communities,
    degree_and_strength,
    growth_by_meeting,
    ideas_needing_partners,
    isolated_organisations,
    suggested_introductions,
)
from workshop.network.readiness import all_readiness
from benchmarks.synthetic import synthetic_snapshot

__all__ = ["REPEAT_LIMIT", "BROKER_SAMPLE", "run_network_benchmark"]

REPEAT_LIMIT = 300
# Sources sampled for the estimated betweenness that is timed next to the exact one.
BROKER_SAMPLE = 100


def run_network_benchmark(sizes: Iterable[int] = (50, 300, 1000), *, repeats: int = 3, seed: int = 0) -> list[dict]:
    """Time each analysis step on :func:`synthetic_snapshot` networks of the given sizes.

    Parameters
    ----------
    sizes : iterable of int
        Numbers of organisations (ideas are 3.3 times as many).
    repeats : int, optional
        Runs per step for sizes up to :data:`REPEAT_LIMIT`; the best time is kept.
    seed : int, optional
        Seed of the synthetic networks.

    Returns
    -------
    list of dict
        One dict per size with the counts ``organisations``, ``ideas``,
        ``commitments``, ``edges``, ``runs`` and the times in seconds:
        ``build_graph_s``; ``degree_s``, ``brokers_s`` (exact betweenness plus
        constraint and effective size), ``brokers_sampled_s`` (betweenness from
        :data:`BROKER_SAMPLE` sources), ``communities_s``, ``isolated_s``,
        ``partner_gaps_s``, ``introductions_s``, ``growth_s`` and their sum
        ``metrics_s`` (the exact brokers, not the sampled); ``constellations_s``
        (every idea), ``readiness_s`` (every idea), ``map_html_s`` (sector colours,
        strength sizes) and ``map_html_community_s``.

    Examples
    --------
    >>> [row] = run_network_benchmark(sizes=(20,), repeats=1)
    >>> row["organisations"], row["ideas"], row["constellations_s"] < 5
    (20, 66, True)
    """
    rows = []
    for n in sizes:
        runs = repeats if n <= REPEAT_LIMIT else 1
        snapshot = synthetic_snapshot(n, seed=seed)

        def best(step: Callable[[], object]) -> float:
            times = []
            for _ in range(max(1, runs)):
                start = time.perf_counter()
                step()
                times.append(time.perf_counter() - start)
            return min(times)

        G = build_organisation_graph(snapshot)
        row: dict = {
            "organisations": len(snapshot.organisations),
            "ideas": len(snapshot.ideas),
            "commitments": len(snapshot.commitments),
            "edges": G.number_of_edges(),
            "runs": runs,
            "build_graph_s": best(lambda: build_organisation_graph(snapshot)),
        }
        metric_steps = {
            "degree_s": lambda: degree_and_strength(G),
            "brokers_s": lambda: brokers(G),
            "communities_s": lambda: communities(G),
            "isolated_s": lambda: isolated_organisations(G),
            "partner_gaps_s": lambda: ideas_needing_partners(snapshot),
            "introductions_s": lambda: suggested_introductions(G, snapshot),
            "growth_s": lambda: growth_by_meeting(snapshot),
        }
        for key, step in metric_steps.items():
            row[key] = best(step)
        row["metrics_s"] = sum(row[key] for key in metric_steps)
        row["brokers_sampled_s"] = best(lambda: brokers(G, sample_size=BROKER_SAMPLE))
        row["constellations_s"] = best(lambda: all_constellations(G, snapshot))
        row["readiness_s"] = best(lambda: all_readiness(snapshot))
        row["map_html_s"] = best(lambda: network_map_html(G))
        row["map_html_community_s"] = best(lambda: network_map_html(G, color_by="community"))
        rows.append(row)
    return rows
