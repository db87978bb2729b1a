"""Writing a checked plan in the caller's unit of work: organisations, people, ideas, then what refers to them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Commitment, Idea, Note, Organisation, Participant, Person, Tie, Workshop, utcnow
from ...security import new_join_code, new_token, token_hash
from ...text import name_key
from .plan import Plan, PlannedOrg

__all__ = ["free_join_code", "apply_plan"]


def free_join_code(session: Session) -> str:
    """A random join code no workshop has, for a workshop the import creates.

    Parameters
    ----------
    session : Session
        The caller's unit of work.

    Returns
    -------
    str
    """
    taken = set(session.scalars(select(Workshop.join_code)))
    while True:
        code = new_join_code()
        if code not in taken:
            return code


def _org_id(session: Session, org: PlannedOrg, workshop_id: int) -> int:
    # Every organisation of the plan has its id after the first step of apply_plan.
    return org.id if org.id is not None else org.existing_id


def apply_plan(session: Session, plan: Plan, workshop_id: int) -> dict[str, int]:
    """Write the plan. The plan was checked against the database inside this same unit of work,
    so new organisations are added without asking again row by row, and flushed together."""
    written = dict.fromkeys(("organisations", "people", "participants", "ideas", "commitments", "ties", "notes"), 0)
    new_orgs = []
    for org in plan.organisations:
        if org.existing_id is not None:
            org.id = org.existing_id
        elif org.id is None:
            fields = {"locality": None, "org_number": None, "offers": [], "description": "", **org.fields}
            row = Organisation(name_key=name_key(fields["name"]), first_workshop_id=workshop_id, **fields)
            session.add(row)
            new_orgs.append((org, row))
    session.flush()
    for org, row in new_orgs:
        org.id = row.id
    written["organisations"] = len(new_orgs)
    now = utcnow()
    people = {(p.name_key, p.organisation_id): p for p in session.scalars(select(Person))} if plan.people else {}
    attending = set(session.scalars(select(Participant.person_id).where(Participant.workshop_id == workshop_id))) if plan.people else set()
    listed = []
    for entry in plan.people:
        key = (name_key(entry["name"]), _org_id(session, entry["org"], workshop_id))
        person = people.get(key)
        if person is None:
            person = people[key] = Person(name=entry["name"], name_key=key[0], organisation_id=key[1])
            session.add(person)
            written["people"] += 1
        if entry["consent"] and person.anonymised_at is None:
            person.email = entry["email"] or person.email
            person.phone = entry["phone"] or person.phone
            person.contact_consent_at = now
        listed.append(person)
    session.flush()
    for person in listed:
        if person.id not in attending:
            # Imported people have no browser: a random token nobody holds.
            session.add(Participant(workshop_id=workshop_id, person_id=person.id, token_hash=token_hash(new_token())))
            attending.add(person.id)
            written["participants"] += 1
    new_ideas = []
    for idea in plan.ideas.values():
        if idea.existing_id is not None:
            idea.id = idea.existing_id
            continue
        row = Idea(workshop_id=workshop_id, author_id=None, stage=idea.stage, **idea.fields)
        session.add(row)
        new_ideas.append((idea, row))
    session.flush()
    for idea, row in new_ideas:
        idea.id = row.id
    written["ideas"] = len(new_ideas)
    existing: dict[tuple[int, int], Commitment] = {}
    if any(pair in plan.known_commitments for pair in ((e["idea"].id, e["org"].id) for e in plan.commitments.values())):
        existing = {(c.idea_id, c.organisation_id): c for c in session.scalars(select(Commitment))}
    for entry in plan.commitments.values():
        pair = (entry["idea"].id, _org_id(session, entry["org"], workshop_id))
        commitment = existing.get(pair)
        if commitment is None:
            commitment = Commitment(idea_id=pair[0], organisation_id=pair[1], workshop_id=workshop_id, role=entry["role"], contribution="")
            session.add(commitment)
            existing[pair] = commitment
            written["commitments"] += 1
        else:
            commitment.role = entry["role"]
    known_ties = set(plan.known_ties)
    for entry in plan.ties.values():
        low, high = sorted((_org_id(session, entry["a"], workshop_id), _org_id(session, entry["b"], workshop_id)))
        if low == high or (low, high, entry["kind"]) in known_ties:
            continue  # known already, or two names that turned out to be one organisation
        session.add(Tie(organisation_a_id=low, organisation_b_id=high, kind=entry["kind"], workshop_id=workshop_id))
        known_ties.add((low, high, entry["kind"]))
        written["ties"] += 1
    for entry in plan.notes:
        if entry["known"]:
            continue
        session.add(Note(
            workshop_id=workshop_id, author_id=None, kind=entry["kind"], text=entry["text"], subject=entry["subject"],
            about_organisation_id=_org_id(session, entry["org"], workshop_id) if entry["org"] is not None else None,
            about_idea_id=entry["idea"].id if entry["idea"] is not None else None,
            about_text=entry["about_text"], visibility=entry["visibility"],
        ))
        written["notes"] += 1
    session.flush()
    return written
