"""Build the organisation network from a snapshot, and cut snapshots down to a view.

The organisation graph is the common ground of every analysis in this package: one
node per organisation (private persons included, they can be brokers), one edge per
pair of organisations that are linked by shared ideas, by ties the participants
entered, or by having sat in the same meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from workshop.network.scope import organisations_in_scope
from workshop.network.snapshot import NetworkSnapshot

__all__ = [
    "EdgeWeights",
    "DEFAULT_WEIGHTS",
    "build_organisation_graph",
    "filter_snapshot",
]


@dataclass(frozen=True)
class EdgeWeights:
    """How much each kind of evidence adds to the ``strength`` of a link.

    The values rank the evidence by how much it says about two organisations being
    able to run a project together:

    * ``cooperated`` (2.0): they have already worked together; the best predictor.
    * ``shared_idea`` (1.0 per idea): both committed to the same idea, an explicit
      statement of a common interest, as strong as simply knowing each other.
    * ``know`` (1.0): they know each other.
    * ``want`` (0.5): one wants to work with the other; an intention, not a relation.
    * ``shared_workshop`` (0.25 per meeting): they sat in the same room; weak, because
      a meeting of 30 gives 435 such pairs, but it adds up over several meetings.

    Tie kinds describe degrees of one relationship (people who cooperated also know
    each other), so a pair with several tie kinds gets the weight of the strongest one,
    not the sum: otherwise the same relationship would be counted twice.
    """

    shared_idea: float = 1.0
    cooperated: float = 2.0
    know: float = 1.0
    want: float = 0.5
    shared_workshop: float = 0.25

    def tie_weight(self, kind: str) -> float:
        return {"cooperated": self.cooperated, "know": self.know, "want": self.want}[kind]


DEFAULT_WEIGHTS = EdgeWeights()


def build_organisation_graph(snapshot: NetworkSnapshot, *, weights: EdgeWeights = DEFAULT_WEIGHTS) -> nx.Graph:
    """Return the undirected, weighted network of organisations in ``snapshot``.

    Parameters
    ----------
    snapshot : NetworkSnapshot
        The data read from storage (possibly cut down with :func:`filter_snapshot`).
    weights : EdgeWeights, optional
        What each kind of evidence adds to an edge's ``strength``; see
        :class:`EdgeWeights` for the reasoning behind the defaults.

    Returns
    -------
    G : networkx.Graph
        Nodes are organisation ids with attributes ``name``, ``kind``, ``sector``,
        ``locality`` and ``leader_area``; private persons are nodes with
        ``kind == "private_person"``. Each edge carries

        * ``shared_ideas``: number of ideas both organisations committed to,
        * ``tie_kinds``: sorted tuple of the tie kinds entered between them,
        * ``shared_workshops``: number of meetings both attended,
        * ``strength``: ``shared_ideas * w.shared_idea + max tie weight +
          shared_workshops * w.shared_workshop``,
        * ``distance``: ``1 / strength``, for shortest paths and betweenness.

        Records that point at organisations or ideas missing from the snapshot are
        ignored, and so are ties of an organisation with itself. An edge whose
        strength would be 0 (all its evidence has weight 0) is left out.

    Examples
    --------
    >>> from workshop.network.snapshot import (
    ...     CommitmentRecord, IdeaRecord, OrganisationRecord, TieRecord)
    >>> orgs = (OrganisationRecord(1, "Ramsbergs bygdeförening", "association", "nonprofit", "Ramsberg", "Leader Bergslagen"),
    ...         OrganisationRecord(2, "Ramsbergs lanthandel", "company", "private", "Ramsberg", "Leader Bergslagen"))
    >>> snapshot = NetworkSnapshot(
    ...     organisations=orgs,
    ...     ideas=(IdeaRecord(10, "Bygdekök", 1, "Ramsberg", "Leader Bergslagen"),),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)),
    ...     ties=(TieRecord(1, 2, "know", 1), TieRecord(2, 1, "cooperated", 1)))
    >>> G = build_organisation_graph(snapshot)
    >>> G.edges[1, 2]["shared_ideas"], G.edges[1, 2]["tie_kinds"], G.edges[1, 2]["strength"]
    (1, ('cooperated', 'know'), 3.0)

    Notes
    -----
    Runs in O(n + t + sum over ideas of c_i**2 + sum over meetings of a_w**2) for n
    organisations, t ties, c_i commitments to idea i and a_w attendees of meeting w.
    Nodes and edges are inserted in sorted order so that seeded algorithms run on the
    graph (Louvain, layouts) give the same answer for the same data.
    """
    known = {organisation.id for organisation in snapshot.organisations}
    idea_ids = {idea.id for idea in snapshot.ideas}

    committed_by_idea: dict[int, set[int]] = defaultdict(set)
    for commitment in snapshot.commitments:
        if commitment.organisation_id in known and commitment.idea_id in idea_ids:
            committed_by_idea[commitment.idea_id].add(commitment.organisation_id)
    shared_ideas: dict[tuple[int, int], int] = defaultdict(int)
    for organisation_ids in committed_by_idea.values():
        for pair in combinations(sorted(organisation_ids), 2):
            shared_ideas[pair] += 1

    tie_kinds: dict[tuple[int, int], set[str]] = defaultdict(set)
    for tie in snapshot.ties:
        a, b = tie.organisation_a, tie.organisation_b
        if a != b and a in known and b in known:
            tie_kinds[(min(a, b), max(a, b))].add(tie.kind)

    attendees_by_workshop: dict[int, set[int]] = defaultdict(set)
    for attendance in snapshot.attendances:
        if attendance.organisation_id in known:
            attendees_by_workshop[attendance.workshop_id].add(attendance.organisation_id)
    shared_workshops: dict[tuple[int, int], int] = defaultdict(int)
    for organisation_ids in attendees_by_workshop.values():
        for pair in combinations(sorted(organisation_ids), 2):
            shared_workshops[pair] += 1

    G = nx.Graph()
    for organisation in sorted(snapshot.organisations, key=lambda o: o.id):
        G.add_node(
            organisation.id,
            name=organisation.name,
            kind=organisation.kind,
            sector=organisation.sector,
            locality=organisation.locality,
            leader_area=organisation.leader_area,
        )
    for a, b in sorted(shared_ideas.keys() | tie_kinds.keys() | shared_workshops.keys()):
        kinds = tuple(sorted(tie_kinds.get((a, b), ())))
        n_ideas = shared_ideas.get((a, b), 0)
        n_workshops = shared_workshops.get((a, b), 0)
        strength = (
            n_ideas * weights.shared_idea
            + max((weights.tie_weight(kind) for kind in kinds), default=0.0)
            + n_workshops * weights.shared_workshop
        )
        if strength <= 0:
            continue
        G.add_edge(a, b, shared_ideas=n_ideas, tie_kinds=kinds, shared_workshops=n_workshops, strength=strength, distance=1.0 / strength)
    return G


def filter_snapshot(
    snapshot: NetworkSnapshot,
    *,
    workshop_ids: Collection[int] | None = None,
    locality: str | None = None,
    leader_area: str | None = None,
    up_to_meeting: int | None = None,
) -> NetworkSnapshot:
    """Return the part of ``snapshot`` that a view of the network should show.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    workshop_ids : collection of int, optional
        Keep only what was brought to these meetings.
    locality : str, optional
        Keep only organisations and ideas in this locality (those with no locality
        are dropped by this filter).
    leader_area : str, optional
        Keep only organisations and ideas in this Leader area.
    up_to_meeting : int, optional
        The network as it stood after the meeting with this sequence number: only
        meetings with ``sequence <= up_to_meeting`` count.

    Returns
    -------
    NetworkSnapshot
        The meetings kept are those passing both meeting filters. The organisations
        kept are those :func:`workshop.network.scope.organisations_in_scope` gives for
        the kept meetings: with ``workshop_ids`` only those that took part in, committed
        at, were tied at or were registered at a chosen meeting (a company from the
        register joins a workshop only by taking part); without it the whole process,
        so also every organisation with no recorded first meeting (added outside the
        meetings). An idea is kept when it was brought to a kept
        meeting or got a commitment in one. Commitments, ties and attendances are kept
        when they were given in a kept meeting and everything they point at is kept,
        so the result is always consistent. ``leader_caps`` is copied unchanged.

    Examples
    --------
    >>> import datetime as dt
    >>> from workshop.network.snapshot import IdeaRecord, OrganisationRecord, WorkshopRecord
    >>> meetings = (WorkshopRecord(1, "Start", dt.date(2026, 1, 10), "Ramsberg", 1),
    ...             WorkshopRecord(2, "Fortsättning", dt.date(2026, 2, 10), "Ramsberg", 2))
    >>> orgs = (OrganisationRecord(1, "Bygdeföreningen", "association", "nonprofit", "Ramsberg", "Leader Bergslagen", first_workshop_id=1),
    ...         OrganisationRecord(2, "Lanthandeln", "company", "private", "Ramsberg", "Leader Bergslagen", first_workshop_id=2))
    >>> ideas = (IdeaRecord(10, "Bygdekök", 2, "Ramsberg", "Leader Bergslagen"),)
    >>> first = filter_snapshot(NetworkSnapshot(meetings, orgs, ideas), up_to_meeting=1)
    >>> [o.id for o in first.organisations], first.ideas
    ([1], ())

    Notes
    -----
    Linear in the size of the snapshot.
    """
    workshops = snapshot.workshops
    if up_to_meeting is not None:
        workshops = tuple(w for w in workshops if w.sequence <= up_to_meeting)
    if workshop_ids is not None:
        wanted = set(workshop_ids)
        workshops = tuple(w for w in workshops if w.id in wanted)
    if workshops is snapshot.workshops and locality is None and leader_area is None:
        return snapshot
    kept_workshops = {w.id for w in workshops}

    def in_place(record_locality: str | None, record_area: str | None) -> bool:
        return (locality is None or record_locality == locality) and (leader_area is None or record_area == leader_area)

    # One rule for every view (workshop.network.scope): chosen workshops hold only their own
    # organisations; the process (up to a meeting) also those that came outside the meetings.
    in_scope = organisations_in_scope(snapshot, kept_workshops, whole_process=workshop_ids is None)
    organisations = tuple(o for o in snapshot.organisations if o.id in in_scope and in_place(o.locality, o.leader_area))
    kept_organisations = {o.id for o in organisations}

    committed_ideas = {c.idea_id for c in snapshot.commitments if c.workshop_id in kept_workshops}
    ideas = tuple(
        i
        for i in snapshot.ideas
        if (i.workshop_id in kept_workshops or i.id in committed_ideas) and in_place(i.locality, i.leader_area)
    )
    kept_ideas = {i.id for i in ideas}

    return NetworkSnapshot(
        workshops=workshops,
        organisations=organisations,
        ideas=ideas,
        commitments=tuple(
            c
            for c in snapshot.commitments
            if c.workshop_id in kept_workshops and c.idea_id in kept_ideas and c.organisation_id in kept_organisations
        ),
        ties=tuple(
            t
            for t in snapshot.ties
            if t.workshop_id in kept_workshops and t.organisation_a in kept_organisations and t.organisation_b in kept_organisations
        ),
        attendances=tuple(
            a for a in snapshot.attendances if a.workshop_id in kept_workshops and a.organisation_id in kept_organisations
        ),
        leader_caps=dict(snapshot.leader_caps),
        notes=tuple(
            n
            for n in snapshot.notes
            if n.workshop_id in kept_workshops
            and (n.organisation_id is None or n.organisation_id in kept_organisations)
            and (n.idea_id is None or n.idea_id in kept_ideas)
        ),
        # Verdicts follow their idea and organisation; the words learnt belong to the whole process.
        verdicts=tuple(v for v in snapshot.verdicts if v.idea_id in kept_ideas and v.organisation_id in kept_organisations),
        word_associations=snapshot.word_associations,
        concept_words=snapshot.concept_words,
        declined=tuple((i, o) for i, o in snapshot.declined if i in kept_ideas and o in kept_organisations),
    )
