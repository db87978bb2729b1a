"""Network analysis of the workshop process: pure functions over a NetworkSnapshot.

Nothing here touches the database or Streamlit. Storage reads a
:class:`~workshop.network.snapshot.NetworkSnapshot`; these functions build the
organisation graph, measure it, search project constellations, check LEADER readiness
and draw the map. Text for people is always a :class:`Message` (catalog key and
params), translated by ``workshop/i18n/<lang>/network.json``.

The names below are loaded on first use (PEP 562): ``from workshop.network.readiness import
idea_readiness`` or ``workshop.network.Message`` loads only the modules it needs. The whole
analysis pulls in scikit-learn, SciPy and pandas (about 3 s on a cold start); a LEADER check or a
move to *Projektklar* need none of them.
"""

from __future__ import annotations

import importlib

_MODULE_NAMES: dict[str, tuple[str, ...]] = {
    "snapshot": (
        "AttendanceRecord",
        "Capability",
        "CommitmentRecord",
        "IdeaRecord",
        "NetworkSnapshot",
        "OrganisationRecord",
        "TieRecord",
        "WorkshopRecord",
    ),
    "scope": ("SCOPE_REASONS", "scope_reasons", "organisations_in_scope"),
    "message": ("Message", "UnknownIdea"),
    "graph": ("EdgeWeights", "DEFAULT_WEIGHTS", "build_organisation_graph", "filter_snapshot"),
    "metrics": (
        "METRIC_EXPLANATIONS",
        "INTRODUCTION_WEIGHTS",
        "IntroductionWeights",
        "DegreeStrength",
        "Broker",
        "PartnerGap",
        "Introduction",
        "MeetingGrowth",
        "degree_and_strength",
        "brokers",
        "communities",
        "community_index",
        "isolated_organisations",
        "ideas_needing_partners",
        "suggested_introductions",
        "growth_by_meeting",
    ),
    "constellations": (
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
    ),
    "readiness": ("CRITERIA", "CRITERION_LABELS", "Criterion", "Readiness", "idea_readiness", "all_readiness"),
    "maptext": ("MAP_LABEL_KEYS",),
    "mapview": ("network_map_html", "weak_link_threshold"),
    "mapselection": ("MAP_NODE_LIMIT", "MapSelection", "map_selection"),
}
_MODULE_OF = {name: module for module, names in _MODULE_NAMES.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [name for names in _MODULE_NAMES.values() for name in names]
