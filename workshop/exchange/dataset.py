"""What every export shows, read once: tables, the network with its measures, the analysis.

The personal-data rule is applied here, in one place, before any format is written:
private persons' names (organisations of kind ``private_person`` and people's names),
e-mail and phone appear only with ``include_personal_data``; notes meant for facilitators
only with ``include_facilitator_notes``. A private person is shown as "Privatperson N",
numbered in the order they joined, so the map and the tables still count them. Without
personal data, notes about a person are left out and people's names in other notes' text
are replaced (:func:`~workshop.exchange.redaction.redact_names`).

A workshop's export holds its own view (:mod:`workshop.network.scope`) in its notes too:
a note recorded there about an organisation outside the view is left out (the whole
process's export has it), and the names of organisations outside the view read "en annan
organisation" in the other notes' text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import func, select

from ..db import Store
from ..errors import WorkshopNotFound
from ..i18n import Translator
from ..meeting.report import phase_rows
from ..models import Commitment, Idea, Locality, Note, Organisation, Participant, Person, Tie, Vote, VotingRound, Workshop
from ..network.maptext import MAP_LABEL_KEYS
from ..network.readiness import all_readiness
from ..services.analysis import Analysis, NetworkFilter, NetworkInsights, NetworkView, view_analysis
from ..services import revisions
from ..services.network import read_snapshot
from ..text import name_key
from ..vocabulary import sector_of
from .author import coordinator_name
from .redaction import display_names, redact_names

__all__ = ["ExportOptions", "ExportData", "Sheet", "read_export_data", "find_workshop"]


@dataclass(frozen=True)
class ExportOptions:
    workshop_id: int | None = None  # None: the whole process
    include_personal_data: bool = False
    include_facilitator_notes: bool = False
    language: str = "sv"  # the report and the headings; Swedish unless asked


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook: a name, Swedish headings and rows of plain values."""

    name: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ExportData:
    options: ExportOptions
    title: str
    challenges: tuple[tuple[str, str], ...]  # (workshop title, challenge)
    workshops: tuple[dict[str, Any], ...]
    graph: nx.Graph  # nodes: organisation ids with display names and measures
    sheets: tuple[Sheet, ...]
    ideas: tuple[dict[str, Any], ...]  # ranked by votes, with stage, constellations and readiness
    participation: dict[str, Any]  # counts by sector and locality
    key_figures: dict[str, Any]
    notes: tuple[dict[str, Any], ...]  # the shared notes shown in the report
    labels: dict[str, str] = field(default_factory=dict)  # the map's legend texts
    author: str = ""  # the municipality's coordinator, for the documents' metadata
    revision: int = 0  # the process revision every row was read at
    run_of_show: tuple[dict[str, Any], ...] = ()  # each phase, planned and actual (workshop/meeting)

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


def find_workshop(store: Store, title: str) -> int:
    """The id of the workshop titled ``title`` (case and spacing ignored), or :class:`WorkshopNotFound`."""
    with store.unit_of_work() as session:
        for workshop_id, workshop_title, code in session.execute(select(Workshop.id, Workshop.title, Workshop.join_code).order_by(Workshop.id)):
            if name_key(workshop_title) == name_key(title) or code == title.strip().upper():
                return workshop_id
    raise WorkshopNotFound(field="workshop")


def read_export_data(store: Store, options: ExportOptions = ExportOptions(), *, analysis: Analysis | None = None, progress=None) -> ExportData:
    """Everything an export shows, for one workshop or the whole process, at one revision.

    Every row is read in one transaction (on PostgreSQL a repeatable-read one), so a write
    landing meanwhile is in none of the export or in all of it; :attr:`ExportData.revision`
    is the process revision read. The measures are the analysis's
    (:func:`workshop.services.analysis.view_analysis`): ``analysis``, the app's analysis of
    the whole process, is formatted as it is when it is of that revision.

    ``progress``, when given, is called with a fraction and a catalog key as the work goes on.
    """
    t = Translator(options.language)
    step = progress or (lambda fraction, key: None)
    step(0.05, "exchange.progress.reading")
    with store.unit_of_work() as session:
        if store.dialect == "postgresql":  # one snapshot for every statement, not one per statement
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        revision = revisions.process_revision(session)
        full = read_snapshot(store, session=session)
        if options.workshop_id is not None and options.workshop_id not in {w.id for w in full.workshops}:
            raise WorkshopNotFound(field="workshop")
        network_filter = NetworkFilter(workshop_ids=(options.workshop_id,)) if options.workshop_id is not None else NetworkFilter()
        step(0.25, "exchange.progress.measuring")
        analysed = view_analysis(full, network_filter, stored=analysis if analysis is not None and analysis.revision == revision else None)
        view, insights, found = analysed.view, analysed.insights, analysed.constellations
        snapshot = view.snapshot
        names = display_names(full.organisations, t, personal_data=options.include_personal_data)
        G = _measured_graph(view, insights, names)
        step(0.45, "exchange.progress.constellations")
        readiness = all_readiness(snapshot)
        step(0.7, "exchange.progress.tables")
        workshops = _workshops(session, options.workshop_id)
        workshop_ids = [w["id"] for w in workshops]
        votes = _votes(session, workshop_ids)
        sheets, notes, participation = _sheets(session, options, names, workshop_ids, votes, G, found, t)
        author = coordinator_name(session)
        phases = phase_rows(session, workshop_ids)
    idea_rows = []
    for idea in sorted(snapshot.ideas, key=lambda i: (-votes.get(i.id, 0), i.title.casefold(), i.id)):
        best = found.get(idea.id)
        ready = readiness.get(idea.id)
        idea_rows.append(
            {
                "id": idea.id,
                "title": idea.title,
                "stage": idea.stage,
                "votes": votes.get(idea.id, 0),
                "locality": idea.locality,
                "constellations": [
                    {"members": [names.get(m, "?") for m in c.members], "owner": names.get(c.owner_id, "?"), "score": round(c.score, 3)}
                    for c in (best.candidates[:3] if best else ())
                ],
                "missing": [t.message(m.message) for m in (best.missing if best else ())],
                "ready": bool(ready and ready.ready),
                "criteria": [(t(f"readiness.criterion.{c.key}"), c.passed, t.message(c.message)) for c in (ready.criteria if ready else ())],
            }
        )
    key_figures = _key_figures(full, options.workshop_id, insights, names, view.graph, snapshot)
    title = workshops[0]["title"] if options.workshop_id is not None and workshops else t("exchange.whole_process")
    step(0.9, "exchange.progress.writing")
    return ExportData(
        options=options,
        title=title,
        challenges=tuple((w["title"], w["challenge"]) for w in workshops),
        workshops=tuple(workshops),
        graph=G,
        sheets=sheets,
        ideas=tuple(idea_rows),
        participation=participation,
        key_figures=key_figures,
        notes=tuple(notes),
        labels=map_labels(t),
        author=author,
        revision=revision,
        run_of_show=phases,
    )


def _measured_graph(view: NetworkView, insights: NetworkInsights, names: dict[int, str]) -> nx.Graph:
    """The view's graph with every organisation's name, facts and the analysis's measures."""
    measures = insights.strength
    betweenness = {b.organisation_id: b.betweenness for b in insights.brokers}
    G = nx.Graph()
    for org in view.snapshot.organisations:
        G.add_node(
            org.id,
            name=names[org.id],
            kind=org.kind,
            sector=org.sector,
            locality=org.locality,
            leader_area=org.leader_area,
            community=view.community_of.get(org.id, -1),
            degree=measures[org.id].degree if org.id in measures else 0,
            strength=round(measures[org.id].strength, 4) if org.id in measures else 0.0,
            betweenness=round(betweenness.get(org.id, 0.0), 6),
        )
    for a, b, data in view.graph.edges(data=True):
        G.add_edge(a, b, **data)
    return G


def map_labels(t: Translator) -> dict[str, str]:
    """The map's legend texts in ``t``'s language."""
    return {key: t(key) for key in MAP_LABEL_KEYS}


def _workshops(session, workshop_id: int | None) -> list[dict[str, Any]]:
    query = select(Workshop).order_by(Workshop.date, Workshop.id)
    if workshop_id is not None:
        query = query.where(Workshop.id == workshop_id)
    return [
        {"id": w.id, "title": w.title, "challenge": w.challenge, "date": w.date, "locality": w.locality, "join_code": w.join_code}
        for w in session.scalars(query)
    ]


def _votes(session, workshop_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(Vote.idea_id, func.sum(Vote.dots)).join(VotingRound, VotingRound.id == Vote.round_id).where(VotingRound.workshop_id.in_(workshop_ids)).group_by(Vote.idea_id)
    )
    return {idea_id: int(total) for idea_id, total in rows}


def _capabilities(items, t: Translator) -> str:
    return "; ".join(f"{t('need.' + item['category']).lower()}: {item['label']}" for item in items or ())


def _sheets(session, options: ExportOptions, names: dict[int, str], workshop_ids: list[int], votes: dict[int, int], G: nx.Graph, found, t: Translator):
    personal = options.include_personal_data
    titles = dict(session.execute(select(Workshop.id, Workshop.title)).all())
    organisations = [o for o in session.scalars(select(Organisation).where(Organisation.merged_into_id.is_(None)).order_by(Organisation.name_key)) if o.id in G]
    org_rows = tuple(
        (
            names[o.id],
            t(f"kind.{o.kind}"),
            t(f"sector.{sector_of(o.kind)}") if sector_of(o.kind) else "",
            o.locality or "",
            G.nodes[o.id]["leader_area"] or "",
            o.org_number or "",
            _capabilities(o.offers, t),
            (o.description or "") if (personal or o.kind != "private_person") else "",
            G.nodes[o.id]["community"] + 1 if G.nodes[o.id]["community"] >= 0 else "",
            G.nodes[o.id]["degree"],
            G.nodes[o.id]["strength"],
            G.nodes[o.id]["betweenness"],
        )
        for o in organisations
    )
    sheets = [Sheet(t("exchange.sheet.organisations"), tuple(t(f"exchange.col.{c}") for c in ("name", "kind", "sector", "locality", "leader_area", "org_number", "contributes", "description", "community", "degree", "strength", "betweenness")), org_rows)]

    people = session.execute(
        select(Person, Participant.workshop_id).join(Participant, Participant.person_id == Person.id).where(Participant.workshop_id.in_(workshop_ids)).order_by(Participant.workshop_id, Person.name_key, Person.id)
    ).all()
    participant_rows = []
    seen_people: set[tuple[int, int]] = set()
    by_sector: dict[str, int] = defaultdict(int)
    by_locality: dict[str, int] = defaultdict(int)
    counted_orgs: set[int] = set()
    for person, workshop_id in people:
        if (person.id, workshop_id) in seen_people:
            continue  # one person from two devices
        seen_people.add((person.id, workshop_id))
        org = session.get(Organisation, person.organisation_id) if person.organisation_id else None
        while org is not None and org.merged_into_id is not None:
            org = session.get(Organisation, org.merged_into_id)
        sector = sector_of(org.kind) if org else None
        by_sector[t(f"sector.{sector}") if sector else t("exchange.no_sector")] += 1
        if org is not None and org.id not in counted_orgs:
            counted_orgs.add(org.id)
        by_locality[(org.locality if org and org.locality else t("exchange.no_locality"))] += 1
        row = [titles.get(workshop_id, ""), names.get(org.id, "") if org else "", t(f"kind.{org.kind}") if org else ""]
        if personal:
            row = [person.name if person.anonymised_at is None else t("exchange.anonymised"), *row, person.email or "", person.phone or ""]
        participant_rows.append(tuple(row))
    headings = ("workshop", "organisation", "kind")
    if personal:
        headings = ("name", *headings, "email", "phone")
    sheets.append(Sheet(t("exchange.sheet.participants"), tuple(t(f"exchange.col.{c}") for c in headings), tuple(participant_rows)))

    ideas = session.scalars(select(Idea).where(Idea.workshop_id.in_(workshop_ids), Idea.merged_into_id.is_(None), Idea.hidden.is_(False)).order_by(Idea.id)).all()
    sheets.append(
        Sheet(
            t("exchange.sheet.ideas"),
            tuple(t(f"exchange.col.{c}") for c in ("title", "workshop", "locality", "stage", "votes", "themes", "needs", "description", "budget_sek", "cofinancing_hours")),
            tuple(
                (i.title, titles.get(i.workshop_id, ""), i.locality or "", t(f"stage.{i.stage}"), votes.get(i.id, 0), ", ".join(i.themes or ()), _capabilities(i.needs, t), i.description or "", i.budget_sek if i.budget_sek is not None else "", i.cofinancing_hours if i.cofinancing_hours is not None else "")
                for i in ideas
            ),
        )
    )
    idea_titles = {i.id: i.title for i in session.execute(select(Idea.id, Idea.title))}
    commitments = session.scalars(select(Commitment).where(Commitment.workshop_id.in_(workshop_ids)).order_by(Commitment.id)).all()
    sheets.append(
        Sheet(
            t("exchange.sheet.commitments"),
            tuple(t(f"exchange.col.{c}") for c in ("idea", "organisation", "role", "contribution", "workshop")),
            tuple((idea_titles.get(c.idea_id, ""), names.get(c.organisation_id, ""), t(f"role.{c.role}"), c.contribution or "", titles.get(c.workshop_id, "")) for c in commitments if c.organisation_id in names),
        )
    )
    note_query = select(Note).where(Note.workshop_id.in_(workshop_ids), Note.hidden.is_(False)).order_by(Note.id)
    if not options.include_facilitator_notes:
        note_query = note_query.where(Note.visibility == "all")
    notes = []
    note_rows = []
    known_names = {} if personal else _people_names(session, names, t)
    if options.workshop_id is not None:
        # A workshop's export holds what its own view holds: the names of organisations outside
        # it are taken out of the notes' text too (people's replacements win where both match).
        known_names = {**_outsiders(session, G, t), **known_names}
    for note in session.scalars(note_query):
        if note.subject == "person" and not personal:
            continue  # a note about a person says who they are in its text; not shared by default
        if note.subject == "organisation" and note.about_organisation_id not in G:
            continue  # about an organisation outside this view: it is in the whole process's export
        note_text = redact_names(note.text, known_names) if known_names else note.text
        if note.subject == "organisation":
            about = names.get(note.about_organisation_id, "")
        elif note.subject == "idea":
            about = idea_titles.get(note.about_idea_id, "")
        elif note.subject == "person" and not personal:
            about = t("exchange.a_person")
        else:
            about = note.about_text
        note_rows.append((t(f"note_kind.{note.kind}"), t(f"subject.{note.subject}"), about, note_text, t(f"visibility.{note.visibility}"), titles.get(note.workshop_id, "")))
        notes.append({"kind": t(f"note_kind.{note.kind}"), "about": about, "text": note_text, "visibility": note.visibility})
    sheets.append(Sheet(t("exchange.sheet.notes"), tuple(t(f"exchange.col.{c}") for c in ("note_kind", "subject", "about", "text", "visibility", "workshop")), tuple(note_rows)))
    ties = session.scalars(select(Tie).where(Tie.workshop_id.in_(workshop_ids)).order_by(Tie.id)).all()
    sheets.append(
        Sheet(
            t("exchange.sheet.ties"),
            tuple(t(f"exchange.col.{c}") for c in ("organisation_a", "organisation_b", "tie_kind", "workshop")),
            tuple((names.get(x.organisation_a_id, ""), names.get(x.organisation_b_id, ""), t(f"tie_kind.{x.kind}"), titles.get(x.workshop_id, "")) for x in ties if x.organisation_a_id in names and x.organisation_b_id in names),
        )
    )
    vote_rows = session.execute(
        select(VotingRound.workshop_id, VotingRound.number, Vote.idea_id, func.sum(Vote.dots), func.count(Vote.participant_id.distinct()))
        .join(Vote, Vote.round_id == VotingRound.id)
        .where(VotingRound.workshop_id.in_(workshop_ids))
        .group_by(VotingRound.workshop_id, VotingRound.number, Vote.idea_id)
        .order_by(VotingRound.workshop_id, VotingRound.number, func.sum(Vote.dots).desc(), Vote.idea_id)
    ).all()
    sheets.append(
        Sheet(
            t("exchange.sheet.votes"),
            tuple(t(f"exchange.col.{c}") for c in ("workshop", "round", "idea", "dots", "voters")),
            tuple((titles.get(w, ""), number, idea_titles.get(idea_id, ""), int(dots), int(voters)) for w, number, idea_id, dots, voters in vote_rows),
        )
    )
    constellation_rows = []
    for idea_id, result in sorted(found.items()):
        for rank, candidate in enumerate(result.candidates[:3], start=1):
            constellation_rows.append((idea_titles.get(idea_id, ""), rank, ", ".join(names.get(m, "?") for m in candidate.members), names.get(candidate.owner_id, "?"), round(candidate.score, 3)))
    sheets.append(Sheet(t("exchange.sheet.constellations"), tuple(t(f"exchange.col.{c}") for c in ("idea", "rank", "members", "owner", "score")), tuple(constellation_rows)))
    participation = {
        "people": len(seen_people),
        "organisations": len([o for o in counted_orgs]),
        "by_sector": dict(sorted(by_sector.items())),
        "by_locality": dict(sorted(by_locality.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    return tuple(sheets), notes, participation


def _outsiders(session, G: nx.Graph, t: Translator) -> dict[str, str]:
    """The organisations outside a workshop's view, each with "en annan organisation".

    A name that is also a place or a Leader area ("Leader Bergslagen" is both) stays: the
    note may mean the place. Private persons are the personal-data rule's (:func:`_people_names`).
    """
    places = set(session.scalars(select(Locality.name))) | {a for a in session.scalars(select(Locality.leader_area)) if a}
    places |= {d.get("leader_area") for _, d in G.nodes(data=True) if d.get("leader_area")}
    organisations = select(Organisation.id, Organisation.name).where(Organisation.merged_into_id.is_(None), Organisation.kind != "private_person")
    rows = session.execute(organisations)
    return {name: t("exchange.other_organisation") for org_id, name in rows if org_id not in G and name not in places}


def _people_names(session, names: dict[int, str], t: Translator) -> dict[str, str]:
    """Every person's name the database knows, with what a default export calls them.

    People (participants), the subjects of notes about a person, and private persons (as
    their "Privatperson N"); organisations' own names are not people's and stay.
    """
    known = {name: t("exchange.a_person") for name in session.scalars(select(Person.name))}
    known.update({about: t("exchange.a_person") for about in session.scalars(select(Note.about_text).where(Note.subject == "person")) if about})
    for org_id, org_name in session.execute(select(Organisation.id, Organisation.name).where(Organisation.kind == "private_person")):
        known[org_name] = names.get(org_id, t("exchange.a_person"))
    return known


def _key_figures(full, workshop_id, insights: NetworkInsights, names, graph, snapshot) -> dict[str, Any]:
    sequence = None
    if workshop_id is not None:
        sequence = next((w.sequence for w in full.workshops if w.id == workshop_id), None)
    elif full.workshops:
        sequence = max(w.sequence for w in full.workshops)
    edges = {g.sequence: g.edges for g in insights.growth}
    new_links = None
    if sequence is not None and sequence in edges:
        new_links = edges[sequence] - edges.get(sequence - 1, 0)
    titles = {i.id: i.title for i in snapshot.ideas}
    return {
        "organisations": graph.number_of_nodes(),
        "links": graph.number_of_edges(),
        "new_links": new_links,
        "brokers": [names.get(b.organisation_id, "?") for b in insights.brokers[:5] if b.betweenness > 0],
        "isolated": [names.get(n, "?") for n in insights.isolated],
        "short_of_partners": [titles.get(g.idea_id, "?") for g in insights.partner_gaps],
    }
