"""Reading the whole network process into a :class:`NetworkSnapshot` for the analysis.

A handful of queries, one per table, whatever the size: the analysis then runs on
plain records. Pages cache the snapshot and everything derived from it under the
process revision, so it is read once per change, not once per session.
"""

from __future__ import annotations

from contextlib import nullcontext

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..models import Commitment, ConceptWord, FitFeedback, Idea, Invitation, LeaderArea, Locality, Note, Organisation, Participant, Person, Tie, WordAssociation, Workshop
from ..network.snapshot import (
    AttendanceRecord,
    Capability,
    CommitmentRecord,
    FitVerdictRecord,
    IdeaRecord,
    NetworkSnapshot,
    NoteRecord,
    OrganisationRecord,
    TieRecord,
    WordAssociationRecord,
    WorkshopRecord,
)
from ..vocabulary import sector_of
from .proposer import proposers

__all__ = ["read_snapshot"]


def _capabilities(items) -> frozenset[Capability]:
    return frozenset(Capability(i["category"], i["label"]) for i in items or ())


def read_snapshot(store: Store, *, session: Session | None = None) -> NetworkSnapshot:
    """The whole process, read in a unit of work of its own, or in ``session`` when given
    (a reader that holds one transaction for more than the snapshot: the exports)."""
    with (store.unit_of_work() if session is None else nullcontext(session)) as session:
        # A place a Leader boundary runs through (Fellingsbro) has no area of its own: an idea
        # there names its area itself (workshop.leader), an organisation there is local by place.
        areas = {name: (None if boundary else area) for name, area, boundary in session.execute(select(Locality.name, Locality.leader_area, Locality.crosses_boundary))}
        caps = {name: cap for name, cap in session.execute(select(LeaderArea.name, LeaderArea.budget_cap_sek)) if cap}
        workshop_rows = session.execute(select(Workshop.id, Workshop.title, Workshop.date, Workshop.locality).order_by(Workshop.date, Workshop.id)).all()
        workshop_locality = {w.id: w.locality for w in workshop_rows}
        workshops = tuple(WorkshopRecord(w.id, w.title, w.date, w.locality, n) for n, w in enumerate(workshop_rows, start=1))

        # Plain column rows, not ORM objects: this reads every row of the process.
        organisation_rows = session.execute(
            select(
                Organisation.id, Organisation.name, Organisation.kind, Organisation.locality, Organisation.offers,
                Organisation.first_workshop_id, Organisation.description, Organisation.capacity,
            )
            .where(Organisation.merged_into_id.is_(None))
            .order_by(Organisation.id)
        ).all()
        organisations = tuple(
            OrganisationRecord(
                id=o.id,
                name=o.name,
                kind=o.kind,
                sector=sector_of(o.kind),
                locality=o.locality,
                leader_area=areas.get(o.locality) if o.locality else None,
                offers=_capabilities(o.offers),
                first_workshop_id=o.first_workshop_id,
                description=o.description or "",
                capacity=o.capacity,
            )
            for o in organisation_rows
        )
        live_organisations = {o.id for o in organisations}

        idea_rows = session.execute(
            select(
                Idea.id, Idea.title, Idea.workshop_id, Idea.locality, Idea.themes, Idea.needs, Idea.stage,
                Idea.innovation, Idea.budget_sek, Idea.cofinancing_hours, Idea.owner_organisation_id, Idea.description, Idea.leader_area,
            )
            .where(Idea.merged_into_id.is_(None), Idea.hidden.is_(False))
            .order_by(Idea.id)
        ).all()
        # The proposer's organisation is an initiator of its idea (the snapshot adds the commitment).
        proposed = proposers(session)
        ideas = []
        for i in idea_rows:
            proposer = proposed.get(i.id)
            locality = i.locality or workshop_locality.get(i.workshop_id)
            ideas.append(
                IdeaRecord(
                    id=i.id,
                    title=i.title,
                    workshop_id=i.workshop_id,
                    locality=locality,
                    leader_area=i.leader_area or (areas.get(locality) if locality else None),
                    themes=frozenset(i.themes or ()),
                    needs=_capabilities(i.needs),
                    stage=i.stage,
                    innovation=i.innovation or "",
                    budget_sek=i.budget_sek,
                    cofinancing_hours=i.cofinancing_hours,
                    owner_organisation_id=i.owner_organisation_id,
                    description=i.description or "",
                    proposer_id=proposer.organisation_id if proposer and proposer.organisation_id in live_organisations else None,
                    proposed_by_private_person=bool(proposer and proposer.private_person),
                )
            )
        live_ideas = {i.id for i in ideas}

        commitments = tuple(
            CommitmentRecord(c.idea_id, c.organisation_id, c.role, c.workshop_id)
            for c in session.execute(select(Commitment.idea_id, Commitment.organisation_id, Commitment.role, Commitment.workshop_id).order_by(Commitment.id))
            if c.idea_id in live_ideas and c.organisation_id in live_organisations
        )
        ties = tuple(
            TieRecord(t.organisation_a_id, t.organisation_b_id, t.kind, t.workshop_id)
            for t in session.execute(select(Tie.organisation_a_id, Tie.organisation_b_id, Tie.kind, Tie.workshop_id).order_by(Tie.id))
            if t.organisation_a_id in live_organisations and t.organisation_b_id in live_organisations
        )
        attendances = tuple(
            AttendanceRecord(organisation_id, workshop_id)
            for organisation_id, workshop_id in session.execute(
                select(Person.organisation_id, Participant.workshop_id)
                .join(Participant, Participant.person_id == Person.id)
                .distinct()
                .order_by(Person.organisation_id, Participant.workshop_id)
            )
            if organisation_id in live_organisations
        )
        # Tacit knowledge feeds the relevance of organisations to ideas (workshop.network.relevance).
        notes = tuple(
            NoteRecord(n.about_organisation_id, n.about_idea_id, n.text, n.workshop_id)
            for n in session.execute(
                select(Note.about_organisation_id, Note.about_idea_id, Note.text, Note.workshop_id)
                .where(Note.hidden.is_(False))
                .order_by(Note.id)
            )
            if (n.about_organisation_id is None or n.about_organisation_id in live_organisations)
            and (n.about_idea_id is None or n.about_idea_id in live_ideas)
        )
        # The facilitators' verdicts and the words they confirmed (workshop.network.relevance.feedback).
        verdicts = tuple(
            FitVerdictRecord(v.idea_id, v.organisation_id, v.fits)
            for v in session.execute(select(FitFeedback.idea_id, FitFeedback.organisation_id, FitFeedback.fits).order_by(FitFeedback.id))
            if v.idea_id in live_ideas and v.organisation_id in live_organisations
        )
        associations = tuple(
            WordAssociationRecord(a.need_word, a.offer_word, a.confirmations)
            for a in session.execute(
                select(WordAssociation.need_word, WordAssociation.offer_word, WordAssociation.confirmations).order_by(WordAssociation.id)
            )
        )
        # Words coordinators added to the thesaurus (workshop.services.vocabulary).
        concept_words = tuple(sorted((row.concept, row.word) for row in session.execute(select(ConceptWord.concept, ConceptWord.word))))
        # Organisations that said "Nej tack" to an idea's invitation (workshop.invitations).
        declined = tuple(
            (i, o)
            for i, o in session.execute(select(Invitation.idea_id, Invitation.organisation_id).where(Invitation.status == "no").order_by(Invitation.id)).tuples()
            if i in live_ideas and o in live_organisations
        )
        return NetworkSnapshot(
            workshops,
            organisations,
            tuple(ideas),
            commitments,
            ties,
            attendances,
            caps,
            notes,
            verdicts=verdicts,
            word_associations=associations,
            concept_words=concept_words,
            declined=declined,
        )
