"""Read models for the pages: the idea wall, counters, and a participant's own contributions.

Each function reads what one page needs in a few queries and returns plain dataclasses,
so that pages can cache the result under the workshop's revision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import aliased

from ..db import Store
from ..models import CarriedIdea, Commitment, Idea, Note, Organisation, Participant, Person, Tie
from ..text import search_key
from ..validation import clean_flag
from .rows import check_row_id, get_workshop

__all__ = ["IdeaCard", "NoteCard", "TieCard", "Wall", "wall", "MyContributions", "my_contributions"]


@dataclass(frozen=True)
class CommitmentCard:
    id: int
    organisation_id: int
    organisation_name: str
    organisation_kind: str
    role: str
    contribution: str
    participant_id: int | None


@dataclass(frozen=True)
class IdeaCard:
    id: int
    title: str
    description: str
    locality: str | None
    themes: tuple[str, ...]
    needs: tuple[tuple[str, str], ...]
    stage: str
    hidden: bool
    author_id: int | None
    author_name: str
    author_organisation: str
    carried: bool  # brought forward from an earlier meeting
    commitments: tuple[CommitmentCard, ...]
    created_at: dt.datetime
    # What a LEADER application asks for, filled in by facilitators.
    innovation: str = ""
    budget_sek: int | None = None
    cofinancing_hours: int | None = None
    owner_organisation_id: int | None = None


@dataclass(frozen=True)
class NoteCard:
    id: int
    kind: str
    text: str
    subject: str
    about: str  # the organisation's or idea's name, or the place/person typed
    visibility: str
    hidden: bool
    author_id: int | None
    author_name: str


@dataclass(frozen=True)
class TieCard:
    id: int
    organisation_a: str
    organisation_b: str
    kind: str
    author_id: int | None


@dataclass(frozen=True)
class Wall:
    workshop_id: int
    revision: int
    participants: int
    organisations: int
    ideas: tuple[IdeaCard, ...]  # newest first
    notes: tuple[NoteCard, ...]
    ties: tuple[TieCard, ...]
    facilitator: bool = False  # True: hidden items and facilitator-only notes included

    @property
    def commitments(self) -> int:
        return sum(len(i.commitments) for i in self.ideas)


def wall(store: Store, workshop_id: int, *, facilitator: bool = False) -> Wall:
    """Everything shown on a workshop's wall; hidden and facilitator-only items only for facilitators."""
    facilitator = clean_flag(facilitator, "facilitator")
    with store.unit_of_work() as session:
        workshop = get_workshop(session, workshop_id)
        revision = workshop.revision
        participants = session.scalar(
            select(func.count(func.distinct(Participant.person_id))).where(Participant.workshop_id == workshop_id)
        )
        # Private persons are people, not organisations: LEADER counts them as neither.
        organisations = session.scalar(
            select(func.count(func.distinct(Person.organisation_id)))
            .join(Participant, Participant.person_id == Person.id)
            .join(Organisation, Organisation.id == Person.organisation_id)
            .where(Participant.workshop_id == workshop_id, Organisation.kind != "private_person")
        )
        carried_ids = set(session.scalars(select(CarriedIdea.idea_id).where(CarriedIdea.workshop_id == workshop_id)))
        idea_query = select(Idea).where(
            or_(Idea.workshop_id == workshop_id, Idea.id.in_(carried_ids) if carried_ids else false()),
            Idea.merged_into_id.is_(None),
        )
        if not facilitator:
            idea_query = idea_query.where(Idea.hidden.is_(False))
        ideas = session.scalars(idea_query.order_by(Idea.created_at.desc(), Idea.id.desc())).all()
        idea_ids = [i.id for i in ideas]

        authors = _author_names(session, {i.author_id for i in ideas if i.author_id})
        commitments: dict[int, list[CommitmentCard]] = defaultdict(list)
        if idea_ids:
            for c, org in session.execute(
                select(Commitment, Organisation)
                .join(Organisation, Organisation.id == Commitment.organisation_id)
                .where(Commitment.idea_id.in_(idea_ids))
                .order_by(Commitment.created_at, Commitment.id)
            ):
                commitments[c.idea_id].append(CommitmentCard(c.id, org.id, org.name, org.kind, c.role, c.contribution, c.participant_id))

        cards = tuple(
            IdeaCard(
                id=i.id,
                title=i.title,
                description=i.description or "",
                locality=i.locality,
                themes=tuple(i.themes or ()),
                needs=tuple((n["category"], n["label"]) for n in i.needs or ()),
                stage=i.stage,
                hidden=i.hidden,
                author_id=i.author_id,
                author_name=authors.get(i.author_id, ("", ""))[0],
                author_organisation=authors.get(i.author_id, ("", ""))[1],
                carried=i.id in carried_ids,
                commitments=tuple(commitments.get(i.id, ())),
                created_at=i.created_at,
                innovation=i.innovation or "",
                budget_sek=i.budget_sek,
                cofinancing_hours=i.cofinancing_hours,
                owner_organisation_id=i.owner_organisation_id,
            )
            for i in ideas
        )

        note_query = select(Note).where(Note.workshop_id == workshop_id)
        if not facilitator:
            note_query = note_query.where(Note.hidden.is_(False), Note.visibility == "all")
        notes = session.scalars(note_query.order_by(Note.created_at.desc(), Note.id.desc())).all()
        note_authors = _author_names(session, {n.author_id for n in notes if n.author_id})
        org_names = _names(session, Organisation, {n.about_organisation_id for n in notes if n.about_organisation_id})
        idea_names = _names(session, Idea, {n.about_idea_id for n in notes if n.about_idea_id}, column="title")
        note_cards = tuple(
            NoteCard(
                n.id,
                n.kind,
                n.text,
                n.subject,
                org_names.get(n.about_organisation_id) or idea_names.get(n.about_idea_id) or n.about_text,
                n.visibility,
                n.hidden,
                n.author_id,
                note_authors.get(n.author_id, ("", ""))[0],
            )
            for n in notes
        )

        org_a, org_b = aliased(Organisation), aliased(Organisation)
        tie_cards = tuple(
            TieCard(t.id, a, b, t.kind, t.author_id)
            for t, a, b in session.execute(
                select(Tie, org_a.name, org_b.name)
                .join(org_a, org_a.id == Tie.organisation_a_id)
                .join(org_b, org_b.id == Tie.organisation_b_id)
                .where(Tie.workshop_id == workshop_id)
                .order_by(Tie.created_at.desc(), Tie.id.desc())
            )
        )
        return Wall(workshop_id, revision, int(participants or 0), int(organisations or 0), cards, note_cards, tie_cards, facilitator)


def matching_ideas(ideas: tuple[IdeaCard, ...], query: str) -> tuple[IdeaCard, ...]:
    """The ideas in which every word of ``query`` occurs, in their order; all of them for an empty query.

    Words are matched case-insensitively (canonical caseless matching) in the title, description, place,
    themes, needs, author and committed organisations: what a person remembers of an idea.

    >>> from datetime import datetime
    >>> card = lambda i, title, locality: IdeaCard(i, title, "", locality, (), (), "idea", False, None, "", "", False, (), datetime(2026, 1, 1))
    >>> [c.title for c in matching_ideas((card(1, "Bygdekök", "Ramsberg"), card(2, "Cykelled", "Vedevåg")), "KÖK ramsberg")]
    ['Bygdekök']
    >>> [c.title for c in matching_ideas((card(1, "Bygdekök", "Ramsberg"), card(2, "Cykelled", "Vedevåg")), "vedevag")]
    ['Cykelled']
    """
    words = [search_key(word) for word in query.split()]
    if not words:
        return ideas

    def text(idea: IdeaCard) -> str:
        parts = [idea.title, idea.description, idea.locality or "", idea.author_name, *idea.themes]
        parts += [label for _category, label in idea.needs] + [c.organisation_name for c in idea.commitments]
        return search_key(" ".join(parts))

    return tuple(idea for idea in ideas if all(word in text(idea) for word in words))


def _author_names(session, participant_ids: set[int]) -> dict[int, tuple[str, str]]:
    if not participant_ids:
        return {}
    rows = session.execute(
        select(Participant.id, Person.name, Organisation.name, Organisation.kind)
        .join(Person, Person.id == Participant.person_id)
        .join(Organisation, Organisation.id == Person.organisation_id)
        .where(Participant.id.in_(participant_ids))
    )
    return {pid: (name, "" if kind == "private_person" else org) for pid, name, org, kind in rows}


def _names(session, model, ids: set[int], column: str = "name") -> dict[int, str]:
    if not ids:
        return {}
    col = getattr(model, column)
    return dict(session.execute(select(model.id, col).where(model.id.in_(ids))).all())


@dataclass(frozen=True)
class MyContributions:
    ideas: tuple[IdeaCard, ...]
    commitments: tuple[tuple[CommitmentCard, str], ...]  # with the idea's title
    notes: tuple[NoteCard, ...]
    ties: tuple[TieCard, ...]


def my_contributions(store: Store, workshop_id: int, participant_id: int) -> MyContributions:
    """What one participant added, for editing and deleting."""
    check_row_id(participant_id, "participant")
    return contributions_by(wall(store, workshop_id, facilitator=True), participant_id)


def contributions_by(board: Wall, participant_id: int) -> MyContributions:
    """What one participant added, picked from a facilitator's wall (which holds everything).

    Pages pass the wall they already hold for the current revision, so listing one's own
    contributions costs no query of its own.
    """
    if not board.facilitator:
        raise ValueError("only a facilitator's wall holds every contribution")
    return MyContributions(
        ideas=tuple(i for i in board.ideas if i.author_id == participant_id and not i.hidden),
        commitments=tuple((c, i.title) for i in board.ideas for c in i.commitments if c.participant_id == participant_id),
        notes=tuple(n for n in board.notes if n.author_id == participant_id),
        ties=tuple(t for t in board.ties if t.author_id == participant_id),
    )
