"""Network analysis of the workshop process: pure functions over a NetworkSnapshot.

Nothing here touches the database or Streamlit. Storage reads a
:class:`~workshop.network.snapshot.NetworkSnapshot`; these functions build the
organisation graph, measure it, search project constellations, check LEADER readiness
and draw the map. Text for people is always a :class:`Message` (catalog key and
params), translated by ``workshop/i18n/<lang>/network.json``.
"""

from workshop.network.constellations import (
    DEFAULT_SCORE_WEIGHTS,
    PART_HELP,
    PART_LABELS,
    PARTS,
    TIE_SATURATION,
    Constellation,
    IdeaConstellations,
    MissingItem,
    ScoreWeights,
    all_constellations,
    evaluate_constellation,
    idea_constellations,
)
from workshop.network.graph import (
    DEFAULT_WEIGHTS,
    EdgeWeights,
    Message,
    UnknownIdea,
    build_organisation_graph,
    filter_snapshot,
)
from workshop.network.mapselection import MAP_NODE_LIMIT, MapSelection, map_selection
from workshop.network.mapview import MAP_LABEL_KEYS, network_map_html, weak_link_threshold
from workshop.network.metrics import (
    INTRODUCTION_WEIGHTS,
    METRIC_EXPLANATIONS,
    Broker,
    DegreeStrength,
    Introduction,
    IntroductionWeights,
    MeetingGrowth,
    PartnerGap,
    brokers,
    communities,
    community_index,
    degree_and_strength,
    growth_by_meeting,
    ideas_needing_partners,
    isolated_organisations,
    suggested_introductions,
)
from workshop.network.readiness import CRITERIA, CRITERION_LABELS, Criterion, Readiness, all_readiness, idea_readiness
from workshop.network.snapshot import (
    AttendanceRecord,
    Capability,
    CommitmentRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    TieRecord,
    WorkshopRecord,
)
from workshop.network.synthetic import synthetic_snapshot

__all__ = [
    # records
    "AttendanceRecord",
    "Capability",
    "CommitmentRecord",
    "IdeaRecord",
    "NetworkSnapshot",
    "OrganisationRecord",
    "TieRecord",
    "WorkshopRecord",
    # graph
    "Message",
    "UnknownIdea",
    "EdgeWeights",
    "DEFAULT_WEIGHTS",
    "build_organisation_graph",
    "filter_snapshot",
    # metrics
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
    # constellations
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
    # readiness
    "CRITERIA",
    "CRITERION_LABELS",
    "Criterion",
    "Readiness",
    "idea_readiness",
    "all_readiness",
    # map
    "MAP_LABEL_KEYS",
    "network_map_html",
    "weak_link_threshold",
    "MAP_NODE_LIMIT",
    "MapSelection",
    "map_selection",
    # synthetic data
    "synthetic_snapshot",
]
