"""Catalog keys that explain each metric in plain language, for help texts and legends."""

from __future__ import annotations

__all__ = ["METRIC_EXPLANATIONS"]

# Catalog keys with a layperson's explanation of each metric, for help texts and legends.
METRIC_EXPLANATIONS = {
    "degree": "network.metric.degree",
    "strength": "network.metric.strength",
    "betweenness": "network.metric.betweenness",
    "constraint": "network.metric.constraint",
    "effective_size": "network.metric.effective_size",
    "community": "network.metric.community",
    "isolated": "network.metric.isolated",
    "density": "network.metric.density",
    "introduction": "network.metric.introduction",
}
