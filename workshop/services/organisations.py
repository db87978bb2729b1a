"""Organisations and localities of the network process, with duplicate detection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import DuplicateOrganisation, InvalidInput
from ..lengths import NAME_MAX, TEXT_MAX
from ..models import (
    Commitment,
    Invitation,
    LeaderArea,
    Locality,
    Note,
    Organisation,
    Participant,
    Person,
    Tie,
)
from ..text import name_key
from ..validation import clean_choice, clean_flag, clean_name, clean_tags, clean_text, normalise_org_number
from ..vocabulary import NEED_CATEGORIES, ORGANISATION_KINDS, sector_of
from .access import SYSTEM, Actor, authorise, record_audit
from .roles import require
from .revisions import touch
from .rows import UNSET, get_organisation, get_participant, get_workshop, require_open

__all__ = [
    "OrganisationView",
    "clean_capabilities",
    "clean_organisation_fields",
    "insert_organisation",
    "register_organisation",
    "find_duplicate",
    "list_organisations",
    "update_organisation",
    "merge_organisations",
    "list_localities",
    "set_locality_area",
    "describe_own_organisation",
]


@dataclass(frozen=True)
class OrganisationView:
    id: int
    name: str
    kind: str
    sector: str | None
    locality: str | None
    org_number: str | None
    offers: tuple[tuple[str, str], ...]  # (category, label)
    description: str
    capacity: int | None = None  # projects it can take part in; None: the default


def _view(org: Organisation) -> OrganisationView:
    return OrganisationView(
        id=org.id,
        name=org.name,
        kind=org.kind,
        sector=sector_of(org.kind),
        locality=org.locality,
        org_number=org.org_number,
        offers=tuple((o["category"], o["label"]) for o in org.offers or ()),
        description=org.description or "",
        capacity=org.capacity,
    )


def clean_capabilities(values: Any, field: str) -> list[dict[str, str]]:
    """Clean needs or offers given as ``{category: [labels]}`` or ``[(category, label)]``."""
    if values is None or (isinstance(values, (dict, list, tuple, str)) and not values):
        return []
    pairs = values.items() if isinstance(values, dict) else None
    result: list[dict[str, str]] = []
    if pairs is not None:
        for category, labels in pairs:
            clean_choice(category, field, NEED_CATEGORIES)
            for label in clean_tags(labels, field):
                result.append({"category": category, "label": label})
    elif isinstance(values, (list, tuple)):
        for item in values:
            if isinstance(item, dict):
                if not item.keys() <= {"category", "label"}:
                    raise InvalidInput("errors.invalid", field=field)
                item = (item.get("category"), item.get("label"))
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise InvalidInput("errors.invalid", field=field)
            category, label = item
            clean_choice(category, field, NEED_CATEGORIES)
            for cleaned in clean_tags([label], field):
                result.append({"category": category, "label": cleaned})
    else:
        raise InvalidInput("errors.invalid", field=field)
    unique: list[dict[str, str]] = []
    for item in result:
        if item not in unique:
            unique.append(item)
    if len(unique) > 40:
        raise InvalidInput("errors.too_many_items", field=field, max=40)
    return unique


def find_duplicate(session: Session, name: str, org_number: str | None, *, kind: str | None = None) -> Organisation | None:
    """An existing organisation with the same number, or the same folded name."""
    conditions = [Organisation.name_key == name_key(name)]
    if org_number:
        conditions.append(Organisation.org_number == org_number)
    query = select(Organisation).where(Organisation.merged_into_id.is_(None), or_(*conditions))
    candidates = session.scalars(query.order_by(Organisation.id)).all()
    for candidate in candidates:
        if org_number and candidate.org_number == org_number:
            return candidate
    for candidate in candidates:
        # Two private persons may share a name with an association: only like matches like.
        if (candidate.kind == "private_person") == (kind == "private_person"):
            return candidate
    return None


def clean_organisation_fields(name, kind, locality, org_number, offers, description) -> dict[str, Any]:
    """An organisation's fields as typed or imported, checked and cleaned for storing.

    Parameters
    ----------
    name, kind, locality, org_number, offers, description
        The fields as they came (a form, a participant's sign-up or an imported row).

    Returns
    -------
    dict
        The :class:`~workshop.models.Organisation` columns of the same names, cleaned.

    Raises
    ------
    InvalidInput
        Naming the field that is wrong (an organisation number failing its check too).
    """
    return {
        "name": clean_name(name, "name", max_length=NAME_MAX),
        "kind": clean_choice(kind, "kind", ORGANISATION_KINDS),
        "locality": clean_name(locality, "locality", max_length=NAME_MAX, required=False) or None,
        "org_number": normalise_org_number(org_number),
        "offers": clean_capabilities(offers, "offers"),
        "description": clean_text(description, "description", max_length=TEXT_MAX, required=False),
    }


def insert_organisation(session: Session, fields: dict[str, Any], workshop_id: int | None) -> Organisation:
    """Add a new organisation from :func:`clean_organisation_fields`, refusing a duplicate.

    Parameters
    ----------
    session : Session
        The unit of work's session (the row is flushed, so it has its id).
    fields : dict
        Cleaned fields.
    workshop_id : int or None
        The workshop where it first appeared.

    Returns
    -------
    Organisation
        The new row.

    Raises
    ------
    InvalidInput
        A private person given an organisation number (a personnummer, not kept).
    DuplicateOrganisation
        When one with the same number, or the same name and kind, exists.
    """
    if fields["kind"] == "private_person" and fields["org_number"]:
        # A sole trader's number is a personnummer: personal data we do not keep.
        raise InvalidInput("errors.private_person_number", field="org_number")
    existing = find_duplicate(session, fields["name"], fields["org_number"], kind=fields["kind"])
    if existing is not None:
        raise DuplicateOrganisation(existing.id, existing.name, field="org_number" if fields["org_number"] and existing.org_number == fields["org_number"] else "name")
    organisation = Organisation(name_key=name_key(fields["name"]), first_workshop_id=workshop_id, **fields)
    session.add(organisation)
    session.flush()
    return organisation


def register_organisation(
    store: Store,
    *,
    name: str,
    kind: str,
    locality: str | None = None,
    org_number: str | None = None,
    offers: Any = None,
    description: str = "",
    workshop_id: int | None = None,
    actor: Actor = SYSTEM,
) -> OrganisationView:
    """Add an organisation to the process, or raise :class:`DuplicateOrganisation` with the existing one.

    Run by the server itself (the demo, imports): ``actor`` is :data:`~workshop.services.access.SYSTEM`
    unless a coordinator's actor is given; the roles table refuses anyone else.
    """
    require(actor, "organisations", "register")
    fields = clean_organisation_fields(name, kind, locality, org_number, offers, description)
    with store.unit_of_work(write=True) as session:
        if workshop_id is not None:
            get_workshop(session, workshop_id)
        organisation = insert_organisation(session, fields, workshop_id)
        touch(session, None)
        session.commit()
        return _view(organisation)


def list_organisations(store: Store, *, include_private: bool = True) -> list[OrganisationView]:
    include_private = clean_flag(include_private, "include_private")
    with store.unit_of_work() as session:
        query = select(Organisation).where(Organisation.merged_into_id.is_(None))
        if not include_private:
            query = query.where(Organisation.kind != "private_person")
        return [_view(o) for o in session.scalars(query.order_by(Organisation.name_key))]


def get_organisation_view(store: Store, organisation_id: int) -> OrganisationView:
    with store.unit_of_work() as session:
        return _view(get_organisation(session, organisation_id))


def _require_may_edit(actor: Actor, organisation: Organisation, workshop_id: int, action: str) -> None:
    """Organisations belong to the whole process: a facilitator corrects only those first
    registered at their own meeting (a typo made in the hall); the coordinator any."""
    require(actor, "organisations", action, workshop_id=workshop_id, subject_workshop_id=organisation.first_workshop_id)


def _organisation_walls(session: Session, organisation_id: int) -> set[int]:
    """Workshops whose wall shows the organisation: its people joined or it committed there."""
    joined = session.scalars(select(Participant.workshop_id).join(Person, Person.id == Participant.person_id).where(Person.organisation_id == organisation_id))
    committed = session.scalars(select(Commitment.workshop_id).where(Commitment.organisation_id == organisation_id))
    return {*joined, *committed}


def update_organisation(store: Store, workshop_id: int, facilitator_token: str, organisation_id: int, **changes: Any) -> OrganisationView:
    """A facilitator corrects an organisation first registered at their meeting; a coordinator any."""
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, facilitator_token, "organisations", "edit", workshop_id=workshop_id)
        organisation = get_organisation(session, organisation_id)
        _require_may_edit(actor, organisation, workshop_id, "edit")
        current = _view(organisation)
        fields = clean_organisation_fields(
            changes.get("name", current.name),
            changes.get("kind", current.kind),
            changes.get("locality", current.locality),
            changes.get("org_number", current.org_number),
            changes.get("offers", list(current.offers)),
            changes.get("description", current.description),
        )
        if fields["org_number"]:
            clash = session.scalar(
                select(Organisation).where(
                    Organisation.org_number == fields["org_number"],
                    Organisation.id != organisation.id,
                    Organisation.merged_into_id.is_(None),
                )
            )
            if clash is not None:
                raise DuplicateOrganisation(clash.id, clash.name, field="org_number")
        changed = sorted(key for key, value in fields.items() if getattr(organisation, key) != value)
        for key, value in fields.items():
            setattr(organisation, key, value)
        organisation.name_key = name_key(fields["name"])
        record_audit(
            session, actor, "organisation.edit", subject_type="organisation", subject_id=organisation.id, subject_label=organisation.name,
            workshop_id=workshop_id, detail={"fields": changed},
        )
        for shown in _organisation_walls(session, organisation.id) | {workshop_id}:
            touch(session, shown)
        session.commit()
        return _view(organisation)


def merge_organisations(store: Store, workshop_id: int, facilitator_token: str, duplicate_id: int, keep_id: int) -> None:
    """Fold a duplicate organisation into the one to keep: people, commitments, ties and notes move."""
    if duplicate_id == keep_id:
        raise InvalidInput("errors.merge_same", field="organisation")
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, facilitator_token, "organisations", "merge", workshop_id=workshop_id)
        duplicate = get_organisation(session, duplicate_id)
        keep = get_organisation(session, keep_id)
        if duplicate.id == keep.id:
            raise InvalidInput("errors.merge_same", field="organisation")
        _require_may_edit(actor, duplicate, workshop_id, "merge")
        _require_may_edit(actor, keep, workshop_id, "merge")
        shown = _organisation_walls(session, duplicate.id) | _organisation_walls(session, keep.id) | {workshop_id}
        session.execute(update(Person).where(Person.organisation_id == duplicate.id).values(organisation_id=keep.id))
        session.execute(update(Note).where(Note.about_organisation_id == duplicate.id).values(about_organisation_id=keep.id))
        kept_ideas = set(session.scalars(select(Commitment.idea_id).where(Commitment.organisation_id == keep.id)))
        for commitment in session.scalars(select(Commitment).where(Commitment.organisation_id == duplicate.id)).all():
            if commitment.idea_id in kept_ideas:
                session.delete(commitment)
            else:
                commitment.organisation_id = keep.id
        # Invitations follow (a "Nej tack" stays a no); where both were invited to one idea, the kept one's stands.
        invited = list(session.scalars(select(Invitation.idea_id).where(Invitation.organisation_id == keep.id)))
        session.execute(update(Invitation).where(Invitation.organisation_id == duplicate.id, Invitation.idea_id.not_in(invited)).values(organisation_id=keep.id))
        existing_ties = {
            (t.organisation_a_id, t.organisation_b_id, t.kind)
            for t in session.scalars(select(Tie).where(or_(Tie.organisation_a_id == keep.id, Tie.organisation_b_id == keep.id)))
        }
        for tie in session.scalars(
            select(Tie).where(or_(Tie.organisation_a_id == duplicate.id, Tie.organisation_b_id == duplicate.id))
        ).all():
            other = tie.organisation_b_id if tie.organisation_a_id == duplicate.id else tie.organisation_a_id
            pair = tuple(sorted((other, keep.id)))
            if other == keep.id or (*pair, tie.kind) in existing_ties:
                session.delete(tie)
                continue
            session.delete(tie)
            session.flush()
            session.add(Tie(organisation_a_id=pair[0], organisation_b_id=pair[1], kind=tie.kind, workshop_id=tie.workshop_id, author_id=tie.author_id))
            existing_ties.add((*pair, tie.kind))
        if not keep.org_number and duplicate.org_number:
            number, duplicate.org_number = duplicate.org_number, None
            session.flush()
            keep.org_number = number
        merged_offers = list(keep.offers or [])
        merged_offers += [o for o in duplicate.offers or [] if o not in merged_offers]
        keep.offers = merged_offers
        duplicate.merged_into_id = keep.id
        record_audit(
            session, actor, "organisation.merge", subject_type="organisation", subject_id=duplicate.id, subject_label=duplicate.name,
            workshop_id=workshop_id, detail={"kept_organisation_id": keep.id, "kept_name": keep.name},
        )
        for shown_id in shown:
            touch(session, shown_id)
        session.commit()


@dataclass(frozen=True)
class LocalityView:
    name: str
    leader_area: str | None
    is_development_point: bool


def list_localities(store: Store) -> list[LocalityView]:
    with store.unit_of_work() as session:
        rows = session.scalars(select(Locality).order_by(Locality.is_development_point.desc(), Locality.name)).all()
        return [LocalityView(r.name, r.leader_area, r.is_development_point) for r in rows]


def list_leader_areas(store: Store) -> list[tuple[str, int | None]]:
    with store.unit_of_work() as session:
        return [(a.name, a.budget_cap_sek) for a in session.scalars(select(LeaderArea).order_by(LeaderArea.name))]


def set_locality_area(store: Store, coordinator_token: str, locality: str, leader_area: str | None) -> None:
    """The coordinator corrects which Leader area a locality belongs to (the mapping is data, not code).

    Places and Leader areas belong to the whole process: facilitators may not change them.
    """
    locality = clean_name(locality, "locality", max_length=NAME_MAX)
    area = clean_name(leader_area, "leader_area", max_length=NAME_MAX, required=False) or None
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, coordinator_token, "places", "leader_area")
        row = session.scalar(select(Locality).where(Locality.name == locality))
        if row is None:
            session.add(Locality(name=locality, leader_area=area))
        else:
            row.leader_area = area
        if area and session.scalar(select(LeaderArea.id).where(LeaderArea.name == area)) is None:
            session.add(LeaderArea(name=area, budget_cap_sek=None))
        record_audit(session, actor, "place.leader_area", subject_type="locality", subject_label=locality, detail={"leader_area": area})
        touch(session, None)
        session.commit()


def describe_own_organisation(store: Store, token: str, *, offers: Any = UNSET, description: Any = UNSET) -> OrganisationView:
    """A participant says what their own organisation can contribute (competence, resources,
    premises, money): what the constellation search matches against ideas' needs.

    Private persons may say it too; it helps even though they cannot own a project. Only
    what is given changes (offers alone keep the description).
    """
    cleaned_offers = UNSET if offers is UNSET else clean_capabilities(offers, "offers")
    cleaned_description = UNSET if description is UNSET else clean_text(description, "description", max_length=TEXT_MAX, required=False)
    with store.unit_of_work(write=True) as session:
        participant = get_participant(session, token)
        require_open(get_workshop(session, participant.workshop_id))
        organisation = get_organisation(session, participant.person.organisation_id)
        if cleaned_offers is not UNSET:
            organisation.offers = cleaned_offers
        if cleaned_description is not UNSET:
            organisation.description = cleaned_description
        touch(session, participant.workshop_id)
        session.commit()
        return _view(organisation)
