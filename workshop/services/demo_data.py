"""Demo data in a real deployment: noticed on every staff page, removed in one step."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update

from ..db import Store
from ..models import (
    CarriedIdea,
    Commitment,
    Company,
    Coordinator,
    FitFeedback,
    Idea,
    Invitation,
    LeaderCard,
    LeaderVolunteerHours,
    MaturityAssessment,
    NextMeeting,
    NextStep,
    Note,
    Organisation,
    Participant,
    Person,
    StaffSession,
    Tie,
    Vote,
    VotingRound,
    Workshop,
)
from .access import authorise, record_audit
from .revisions import renumbered

__all__ = ["demo_present", "remove_demo_data"]


def demo_present(store: Store) -> bool:
    """Whether any demo workshop, organisation or coordinator is in the database."""
    with store.unit_of_work() as session:
        return any(
            session.scalar(select(model.id).where(model.is_demo.is_(True)).limit(1)) is not None
            for model in (Workshop, Organisation, Coordinator)
        )


def remove_demo_data(store: Store, coordinator_token: str) -> dict[str, int]:
    """Delete the demo workshops with everything in them, the demo organisations nobody real
    refers to, their people, and the demo coordinator. One transaction; audited.

    A real coordinator may run it while signed in; a signed-in demo coordinator loses their
    account with it (and their session ends).
    """
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "demo", "remove")
        with renumbered(session):  # workshops go: the process revision must still grow
            counts = _remove(session)
        # The demo coordinator's own entries about the demo go with it; this one stays.
        record_audit(session, actor, "demo.remove", subject_type="process", detail=counts)
        session.commit()
        return counts


def _remove(session) -> dict[str, int]:
    from .feedback import forget_verdicts  # lazy: the relevance feedback loads scikit-learn, SciPy and pandas (seconds)

    workshops = list(session.scalars(select(Workshop.id).where(Workshop.is_demo.is_(True))))
    ideas = list(session.scalars(select(Idea.id).where(Idea.workshop_id.in_(workshops))))
    participants = list(session.scalars(select(Participant.id).where(Participant.workshop_id.in_(workshops))))
    counts = {"workshops": len(workshops), "ideas": len(ideas), "participants": len(participants)}
    # Real meetings may have carried a demo idea or voted on one: those links go too.
    session.execute(delete(Vote).where(or_(Vote.idea_id.in_(ideas), Vote.participant_id.in_(participants))))
    session.execute(delete(VotingRound).where(VotingRound.workshop_id.in_(workshops)))
    session.execute(delete(CarriedIdea).where(or_(CarriedIdea.idea_id.in_(ideas), CarriedIdea.workshop_id.in_(workshops))))
    session.execute(delete(Commitment).where(or_(Commitment.idea_id.in_(ideas), Commitment.workshop_id.in_(workshops))))
    session.execute(delete(Note).where(or_(Note.workshop_id.in_(workshops), Note.about_idea_id.in_(ideas))))
    session.execute(delete(Tie).where(Tie.workshop_id.in_(workshops)))
    session.execute(delete(LeaderVolunteerHours).where(LeaderVolunteerHours.idea_id.in_(ideas)))
    session.execute(delete(LeaderCard).where(LeaderCard.idea_id.in_(ideas)))
    # Follow-up: a demo idea's steps, a real idea's step naming a demo participant, demo meetings' next meetings.
    session.execute(delete(NextStep).where(or_(NextStep.idea_id.in_(ideas), NextStep.workshop_id.in_(workshops), NextStep.assignee_participant_id.in_(participants))))
    session.execute(delete(NextMeeting).where(NextMeeting.workshop_id.in_(workshops)))
    session.execute(delete(Invitation).where(Invitation.idea_id.in_(ideas)))
    forget_verdicts(session, FitFeedback.idea_id.in_(ideas), FitFeedback.workshop_id.in_(workshops))
    session.execute(update(Idea).where(Idea.id.in_(ideas)).values(merged_into_id=None))
    session.execute(delete(Idea).where(Idea.id.in_(ideas)))
    session.execute(delete(Participant).where(Participant.id.in_(participants)))
    session.execute(delete(StaffSession).where(StaffSession.workshop_id.in_(workshops)))
    session.execute(update(Organisation).where(Organisation.first_workshop_id.in_(workshops)).values(first_workshop_id=None))
    session.execute(delete(Workshop).where(Workshop.id.in_(workshops)))

    # Demo companies go with their surveys; a real company keeps its organisation.
    companies = list(session.scalars(select(Company.id).where(Company.is_demo.is_(True))))
    session.execute(delete(MaturityAssessment).where(MaturityAssessment.company_id.in_(companies)))
    session.execute(delete(Company).where(Company.id.in_(companies)))
    counts["companies"] = len(companies)

    # Demo organisations go unless something real still refers to them.
    demo_orgs = set(session.scalars(select(Organisation.id).where(Organisation.is_demo.is_(True))))
    used = set(session.scalars(select(Commitment.organisation_id)))
    used |= set(session.scalars(select(Company.organisation_id)))
    used |= set(session.scalars(select(Note.about_organisation_id).where(Note.about_organisation_id.is_not(None))))
    used |= set(session.scalars(select(Idea.owner_organisation_id).where(Idea.owner_organisation_id.is_not(None))))
    used |= set(session.scalars(select(NextStep.assignee_organisation_id).where(NextStep.assignee_organisation_id.is_not(None))))
    used |= set(session.scalars(select(NextStep.owner_organisation_id).where(NextStep.owner_organisation_id.is_not(None))))
    used |= set(session.scalars(select(Invitation.organisation_id)))  # invited to a real idea
    for a, b in session.execute(select(Tie.organisation_a_id, Tie.organisation_b_id)):
        used |= {a, b}
    attended = set(
        session.scalars(select(Person.organisation_id).join(Participant, Participant.person_id == Person.id))
    )
    removable = demo_orgs - used - attended
    # Keep any surviving organisation that a removable one was merged into, and vice versa.
    session.execute(update(Organisation).where(Organisation.merged_into_id.in_(removable)).values(merged_into_id=None))
    orphans = list(
        session.scalars(
            select(Person.id).where(Person.organisation_id.in_(removable)).where(~Person.id.in_(select(Participant.person_id)))
        )
    )
    session.execute(update(Invitation).where(Invitation.contact_person_id.in_(orphans)).values(contact_person_id=None))
    session.execute(delete(Person).where(Person.id.in_(orphans)))
    forget_verdicts(session, FitFeedback.organisation_id.in_(removable))
    session.execute(delete(Organisation).where(Organisation.id.in_(removable)))
    session.execute(update(Organisation).where(Organisation.is_demo.is_(True)).values(is_demo=False))  # kept: now real
    counts["organisations"] = len(removable)
    counts["people"] = len(orphans)

    demo_coordinators = list(session.scalars(select(Coordinator.id).where(Coordinator.is_demo.is_(True))))
    session.execute(delete(StaffSession).where(StaffSession.coordinator_id.in_(demo_coordinators)))
    session.execute(delete(Coordinator).where(Coordinator.id.in_(demo_coordinators)))
    counts["coordinators"] = len(demo_coordinators)
    return counts
