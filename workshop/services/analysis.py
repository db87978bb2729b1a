"""The network analysis the pages show, assembled from the pure functions in
:mod:`workshop.network` on a snapshot read once per change of the data.

Pages cache each of these results under the analysed revision, so the work is done
once per change, whatever the number of open sessions; :func:`refresh` computes the
whole process's analysis, reusing from the previous revision what a write did not touch
(run off the pages' runs by :mod:`workshop.services.refresher`).

The map's functions over a view (the selection, the drawing, the slider) are in
:mod:`workshop.services.maps`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..network.constellations import IdeaConstellations, all_constellations
from ..network.graph import build_organisation_graph, filter_snapshot
from ..network.metrics import (
    Broker,
    DegreeStrength,
    Introduction,
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
from ..network.readiness import Readiness, all_readiness
from ..network.snapshot import NetworkSnapshot
from ..network.engine import one_conversion
from ..network.constellations import why_not as _why_not
from ..network.message import Message
from ..network.incremental import ConstellationState, graph_key, update_constellations
from ..network.plan import ProcessPlan, process_plan
from ..network.relevance import RelevanceIndex, relevance_inputs
from ..gcpolicy import full_collections_deferred

__all__ = [
    "NetworkFilter",
    "NetworkView",
    "NetworkInsights",
    "network_view",
    "network_insights",
    "ViewAnalysis",
    "view_analysis",
    "constellations",
    "Fit",
    "fit",
    "member_reasons",
    "why_not",
    "plan",
    "CarryOption",
    "could_carry",
    "readiness",
    "map_carry",
    "Analysis",
    "refresh",
]

# Above this many organisations betweenness is estimated from a seeded sample of sources:
# exact brokerage costs O(n·m) and the ranking of the top brokers is stable long before.
EXACT_BETWEENNESS_UP_TO = 300
BETWEENNESS_SAMPLE = 100


@dataclass(frozen=True)
class NetworkFilter:
    """Which part of the process to look at; the default is all of it."""

    workshop_ids: tuple[int, ...] | None = None
    locality: str | None = None
    leader_area: str | None = None
    up_to_meeting: int | None = None

    def apply(self, snapshot: NetworkSnapshot) -> NetworkSnapshot:
        if self == NetworkFilter():
            return snapshot
        return filter_snapshot(
            snapshot,
            workshop_ids=self.workshop_ids,
            locality=self.locality,
            leader_area=self.leader_area,
            up_to_meeting=self.up_to_meeting,
        )


@dataclass(frozen=True)
class NetworkView:
    """A filtered snapshot, its graph and the cheap measures the map needs."""

    snapshot: NetworkSnapshot
    graph: nx.Graph
    names: dict[int, str]
    community_of: dict[int, int]


@dataclass(frozen=True)
class NetworkInsights:
    strength: dict[int, DegreeStrength]
    brokers: tuple[Broker, ...]
    communities: tuple[frozenset, ...]
    isolated: tuple[int, ...]
    partner_gaps: tuple[PartnerGap, ...]
    introductions: tuple[Introduction, ...]
    growth: tuple[MeetingGrowth, ...]


def network_view(snapshot: NetworkSnapshot, network_filter: NetworkFilter = NetworkFilter()) -> NetworkView:
    filtered = network_filter.apply(snapshot)
    graph = build_organisation_graph(filtered)
    return NetworkView(
        snapshot=filtered,
        graph=graph,
        names={o.id: o.name for o in filtered.organisations},
        community_of=community_index(communities(graph)),
    )


@dataclass(frozen=True)
class Analysis:
    """The whole process's analysis at one revision: the view, its insights and every
    idea's constellations, with what they were computed from (for :func:`refresh`).

    ``reused`` names the parts carried over unchanged from the previous revision
    (``"graph_measures"``: betweenness, Burt's measures and communities; ``"relevance"``:
    the relevance index, when no organisation, idea, commitment or note changed;
    ``"everything"``: the snapshot was equal, as after a vote); ``searched`` the ideas
    whose constellations were searched again.
    """

    revision: int
    view: NetworkView
    insights: NetworkInsights
    fit: Fit
    graph_key: object
    constellation_state: ConstellationState
    reused: frozenset[str]
    searched: frozenset[int]


def refresh(snapshot: NetworkSnapshot, previous: Analysis | None = None, *, revision: int = 0) -> Analysis:
    """The analysis of ``snapshot``, reusing from ``previous`` whatever the change did not touch.

    Equal to computing :func:`network_view`, :func:`network_insights` and :func:`fit` from
    nothing: the network measures are reused only when the graph is the same (a note or
    a vote leaves it alone), and only ideas whose own inputs changed are searched again
    (:func:`workshop.network.incremental.update_constellations`).

    Runs without automatic full garbage collections
    (:func:`workshop.gcpolicy.full_collections_deferred`): at 3000 organisations they
    cost over a second of every run, walking the previous analysis.
    """
    with full_collections_deferred():
        return _refresh(snapshot, previous, revision)


def _refresh(snapshot: NetworkSnapshot, previous: Analysis | None, revision: int) -> Analysis:
    if previous is not None and previous.view.snapshot == snapshot:  # a vote: nothing the analysis reads
        return dataclasses.replace(previous, revision=revision, reused=frozenset({"everything"}), searched=frozenset())
    graph = build_organisation_graph(snapshot)
    key = graph_key(graph)
    same_graph = previous is not None and previous.graph_key == key
    with one_conversion(graph):  # communities and betweenness share one igraph copy
        groups = previous.insights.communities if same_graph else communities(graph)
        view = NetworkView(snapshot=snapshot, graph=graph, names={o.id: o.name for o in snapshot.organisations}, community_of=community_index(groups))
        insights = NetworkInsights(
            strength=previous.insights.strength if same_graph else degree_and_strength(graph),
            brokers=previous.insights.brokers if same_graph else brokers(graph, sample_size=betweenness_sample_size(graph)),
            communities=groups,
            isolated=previous.insights.isolated if same_graph else isolated_organisations(graph),
            partner_gaps=ideas_needing_partners(snapshot),
            introductions=suggested_introductions(graph, snapshot, limit=50),
            growth=growth_by_meeting(snapshot),
        )
    same_text = previous is not None and relevance_inputs(previous.fit.relevance.snapshot) == relevance_inputs(snapshot)
    relevance = previous.fit.relevance if same_text else RelevanceIndex(snapshot)
    state = update_constellations(graph, snapshot, previous.constellation_state if previous else None, relevance=relevance)
    result = Fit(view, relevance, state.results)
    # What each organisation could carry (the map's click panel) changes only with the constellations.
    same_results = previous is not None and previous.fit.carry is not None and not state.recomputed and previous.fit.results.keys() == state.results.keys()
    carry = previous.fit.carry if same_results else could_carry(result, limit=CARRY_LIMIT)
    return Analysis(
        revision=revision,
        view=view,
        insights=insights,
        fit=dataclasses.replace(result, carry=carry),
        graph_key=key,
        constellation_state=state,
        reused=frozenset(({"graph_measures"} if same_graph else set()) | ({"relevance"} if same_text else set())),
        searched=state.recomputed,
    )


def betweenness_sample_size(graph: nx.Graph) -> int | None:
    """How many sources brokerage is estimated from in ``graph``: ``None`` (exact) up to
    :data:`EXACT_BETWEENNESS_UP_TO` organisations, else :data:`BETWEENNESS_SAMPLE`."""
    return None if graph.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SAMPLE


def network_insights(view: NetworkView, full_snapshot: NetworkSnapshot) -> NetworkInsights:
    """All metrics of the filtered network; growth is always over the whole process."""
    graph = view.graph
    return NetworkInsights(
        strength=degree_and_strength(graph),
        brokers=brokers(graph, sample_size=betweenness_sample_size(graph)),
        communities=communities(graph),
        isolated=isolated_organisations(graph),
        partner_gaps=ideas_needing_partners(view.snapshot),
        introductions=suggested_introductions(graph, view.snapshot, limit=50),
        growth=growth_by_meeting(full_snapshot),
    )


@dataclass(frozen=True)
class ViewAnalysis:
    """A view with its insights and every idea's constellations: what an export formats."""

    view: NetworkView
    insights: NetworkInsights
    constellations: dict[int, IdeaConstellations]


def view_analysis(full_snapshot: NetworkSnapshot, network_filter: NetworkFilter = NetworkFilter(), *, stored: Analysis | None = None) -> ViewAnalysis:
    """The analysis of ``full_snapshot`` seen through ``network_filter``.

    ``stored`` is the app's analysis of the whole process (:func:`refresh`) at the revision
    ``full_snapshot`` was read at: the whole process's view is then taken from it as it is,
    nothing measured again. Otherwise (a filter, or no stored analysis) it is computed the
    way the pages compute a filtered view (:func:`network_view`, :func:`network_insights`).
    """
    if stored is not None and network_filter == NetworkFilter():
        return ViewAnalysis(stored.view, stored.insights, stored.fit.results)
    view = network_view(full_snapshot, network_filter)
    # Without ideas there is nothing to search (and the text model has no words to learn).
    found = constellations(view) if view.snapshot.ideas else {}
    return ViewAnalysis(view, network_insights(view, full_snapshot), found)


def constellations(view: NetworkView) -> dict[int, IdeaConstellations]:
    """Ranked constellations for every idea in the view."""
    return fit(view).results


@dataclass(frozen=True)
class Fit:
    """Every idea's constellations with the relevance index they came from.

    The index is never changed after it is built, so one object serves every session.
    """

    view: NetworkView
    relevance: RelevanceIndex
    results: dict[int, IdeaConstellations]
    # could_carry(self) for every organisation, when worked out with the analysis (off the page's run)
    carry: dict[int, tuple["CarryOption", ...]] | None = None


def fit(view: NetworkView) -> Fit:
    relevance = RelevanceIndex(view.snapshot)
    return Fit(view, relevance, all_constellations(view.graph, view.snapshot, relevance=relevance))


def member_reasons(result: Fit, idea_id: int, members: Iterable[int]) -> dict[int, tuple[Message, ...]]:
    """One reason per member, as messages to join into a sentence ("erbjuder storkök; var med i …")."""
    idea = result.relevance.ideas[idea_id]
    roles: dict[int, str] = {}
    rank = {"possible_owner": 0, "initiator": 1, "partner": 2, "contributor": 3}
    for c in result.view.snapshot.commitments:
        if c.idea_id == idea_id and rank.get(c.role, 3) < rank.get(roles.get(c.organisation_id, "contributor"), 4):
            roles[c.organisation_id] = c.role
    # A facilitator's "passar" is a reason of its own, said first (workshop.network.relevance.feedback).
    marked = result.relevance.verdicts.of(idea_id)
    return {
        m: ((Message("feedback.reason_fits"),) if marked.get(m) else ())
        + result.relevance.explain(idea_id, m).reasons(idea.locality, idea.leader_area, roles.get(m))
        for m in members
    }


def why_not(result: Fit, idea_id: int, organisation_id: int) -> tuple[Message, ...]:
    """Why an organisation is not in the idea's best constellation."""
    if (idea_id, organisation_id) in result.view.snapshot.declined:  # its own "Nej tack" (workshop.invitations)
        return (Message("invitations.why_not_declined"),)
    if result.relevance.verdicts.of(idea_id).get(organisation_id) is False:
        return (Message("feedback.why_not_marked"),)
    return _why_not(
        result.view.graph,
        result.view.snapshot,
        idea_id,
        organisation_id,
        result=result.results.get(idea_id),
        relevance=result.relevance,
    )


def plan(result: Fit, *, time_limit: float = 4.0) -> ProcessPlan:
    """The process plan within every organisation's capacity (its own, or the default)."""
    capacities = {o.id: o.capacity for o in result.view.snapshot.organisations}
    return process_plan(result.results, capacities, time_limit=time_limit)


@dataclass(frozen=True)
class CarryOption:
    """An idea an organisation could help carry: the best constellation with it, and its score."""

    idea_id: int
    members: tuple[int, ...]
    score: float
    in_best: bool


# How many ideas the map's click panel lists per organisation.
CARRY_LIMIT = 5


def could_carry(result: Fit, limit: int = CARRY_LIMIT, organisations: Iterable[int] | None = None) -> dict[int, tuple[CarryOption, ...]]:
    """For every organisation (or those in ``organisations``), the ideas where it is in a
    suggested constellation (the best such constellation per idea), best suggestions
    first, then by score (the analysis's own, worked out with it, when it has them)."""
    wanted = None if organisations is None else frozenset(organisations)
    if result.carry is not None and limit == CARRY_LIMIT:
        return result.carry if wanted is None else {o: options for o, options in result.carry.items() if o in wanted}
    options: dict[int, list[CarryOption]] = {}
    for idea_id, found in result.results.items():
        seen: set[int] = set()
        for position, candidate in enumerate(found.candidates):
            for member in candidate.members:
                if member not in seen and (wanted is None or member in wanted):
                    seen.add(member)
                    options.setdefault(member, []).append(CarryOption(idea_id, candidate.members, candidate.score, position == 0))
    return {
        organisation: tuple(sorted(found, key=lambda o: (not o.in_best, -o.score, o.idea_id))[:limit])
        for organisation, found in options.items()
    }


def map_carry(result: Fit, organisations: Iterable[int] | None = None) -> dict[int, list[tuple[str, list[str], bool]]]:
    """For the map's click panel: per organisation (those drawn, when given), the ideas it
    could help carry (:func:`could_carry`) as (idea title, the other members' names, is it the best)."""
    view = result.view
    titles = {i.id: i.title for i in view.snapshot.ideas}
    return {
        organisation: [
            (titles[option.idea_id], [view.names.get(m, "?") for m in option.members if m != organisation], option.in_best)
            for option in options
        ]
        for organisation, options in could_carry(result, organisations=organisations).items()
    }


def readiness(snapshot: NetworkSnapshot) -> dict[int, Readiness]:
    return all_readiness(snapshot)
