"""Use cases of the LEADER card: read it, save it (staff only, audited), check it, pre-score it.

Who may edit a card: the facilitator of the workshop the idea was brought to, or a coordinator
(:mod:`workshop.services.access`); a later meeting the idea was carried into reads it but does
not write it. The check and the pre-score only read, and are shown to the staff of every
workshop the idea is on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, func, select

from ..db import Store
from ..errors import InvalidInput, NotFound
from ..exchange.author import coordinator_name
from ..lengths import TEXT_MAX
from ..models import Idea, LeaderCard, LeaderVolunteerHours, Note, Person, Vote
from ..services.access import authorise, record_audit, require_staff
from ..services.leader_facts import card_facts, read_facts, rulebook
from ..services.roles import require
from ..services.rows import check_row_id, get_idea, get_idea_on_wall
from ..services.revisions import touch_idea
from ..validation import clean_choice, clean_flag, clean_int, clean_text
from .card import COST_TYPES, HORIZONTAL, IdeaFacts
from .check import leader_check
from .draft import DRAFT_FORMATS, Material, write_application
from .prescore import pre_score
from .rules import BENEFITS
from .view import CardView

__all__ = ["card_view", "save_card", "idea_check", "draft_material", "application_draft", "find_idea"]

MAX_SEK = 100_000_000
MAX_HOURS = 1_000_000


def _view(facts: IdeaFacts, has_card: bool, today: dt.date) -> CardView:
    book = rulebook()
    check = leader_check(book, facts, today)
    area = book.for_area(facts.leader_area)
    return CardView(facts, area, tuple(sorted(book.areas)), check, pre_score(area, facts, check) if area else None, has_card)


def card_view(store: Store, workshop_id: int, token: Any, idea_id: int, *, today: dt.date | None = None) -> CardView:
    """The card, its check and its pre-score, for the staff of a workshop the idea is on."""
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    with store.unit_of_work() as session:
        require_staff(session, workshop_id, token)
        facts, has_card = card_facts(session, get_idea_on_wall(session, workshop_id, idea_id))
    return _view(facts, has_card, today or dt.date.today())


def idea_check(store: Store, idea_id: int, *, today: dt.date | None = None) -> CardView:
    """The same as :func:`card_view` without an access check: for code on the server (the draft)."""
    return _view(read_facts(store, idea_id), True, today or dt.date.today())


def _text(value: Any, field: str, max_length: int = TEXT_MAX) -> str:
    return clean_text(value if value is not None else "", field, max_length=max_length, required=False)


def save_card(store: Store, workshop_id: int, token: Any, idea_id: int, **fields: Any) -> None:
    """Save an idea's LEADER card in one unit of work, audited as ``idea.leader_card``.

    Fields (all optional): ``leader_area`` (only where a boundary runs through the idea's
    place), ``support_type`` (a key of the area's rules), ``benefit`` (:data:`BENEFITS`),
    ``budget`` ({cost type: SEK}), ``support_sought_sek``, ``focus_area``, ``goal``,
    ``innovation_type``, ``innovation``, ``horizontal`` ({criterion: text}), ``long_term``,
    ``activities``, ``indicators``, ``planned_start`` (a date), ``owner_sole_trader``,
    ``volunteer_hours`` ({organisation id: hours}, committed organisations only).

    A partial save: a field not given keeps what the card holds (a given ``None`` or empty
    value clears it). The idea's ``innovation``, ``budget_sek`` and ``cofinancing_hours``
    follow the card when it gives them, so the basic checklist and the report read the same numbers.
    """
    check_row_id(idea_id, "idea", "errors.idea_not_found")
    unknown = set(fields) - {
        "leader_area", "support_type", "benefit", "budget", "support_sought_sek", "focus_area", "goal", "innovation_type", "innovation",
        "horizontal", "long_term", "activities", "indicators", "planned_start", "owner_sole_trader", "volunteer_hours",
    }
    if unknown:
        raise InvalidInput("errors.invalid", field=sorted(unknown)[0])
    book = rulebook()
    given = set(fields)
    if "budget" in given:
        budget_in = fields["budget"] or {}
        if not isinstance(budget_in, dict) or any(k not in COST_TYPES for k in budget_in):
            raise InvalidInput("errors.invalid", field="budget")
        budget = {k: v for k in COST_TYPES if (v := clean_int(budget_in.get(k), "budget", minimum=0, maximum=MAX_SEK))}
    if "horizontal" in given:
        horizontal_in = fields["horizontal"] or {}
        if not isinstance(horizontal_in, dict) or any(k not in HORIZONTAL for k in horizontal_in):
            raise InvalidInput("errors.invalid", field="horizontal")
        horizontal = {k: _text(horizontal_in.get(k), "horizontal") for k in HORIZONTAL}
    hours: dict[int, int | None] = {}
    if "volunteer_hours" in given:
        hours_in = fields["volunteer_hours"] or {}
        if not isinstance(hours_in, dict):
            raise InvalidInput("errors.invalid", field="volunteer_hours")
        hours = {check_row_id(o, "volunteer_hours", "errors.organisation_not_found"): clean_int(h, "volunteer_hours", minimum=0, maximum=MAX_HOURS) for o, h in hours_in.items()}
    start = fields.get("planned_start")
    if start is not None and (not isinstance(start, dt.date) or isinstance(start, dt.datetime)):
        raise InvalidInput("errors.invalid", field="planned_start")
    benefit = fields.get("benefit") or None
    if benefit is not None:
        benefit = clean_choice(benefit, "benefit", BENEFITS)
    sole_trader = clean_flag(fields.get("owner_sole_trader", False), "owner_sole_trader")
    sought = clean_int(fields.get("support_sought_sek"), "support_sought_sek", minimum=0, maximum=MAX_SEK)
    texts = {k: _text(fields.get(k), k) for k in ("innovation", "long_term", "activities", "indicators")}
    goal = _text(fields.get("goal"), "goal", 200) or None

    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "ideas", "leader_card", workshop_id=workshop_id)
        idea = get_idea_on_wall(session, workshop_id, idea_id)
        # The card is the idea's own, shared by every wall that shows it: it stays home.
        require(actor, "ideas", "leader_card", workshop_id=workshop_id, subject_workshop_id=idea.workshop_id)
        facts, _ = card_facts(session, idea)
        row = session.scalar(select(LeaderCard).where(LeaderCard.idea_id == idea.id))
        chosen_area = fields.get("leader_area") or None
        if chosen_area is not None:
            chosen_area = clean_choice(chosen_area, "leader_area", tuple(book.areas))
            if not facts.crosses_boundary:
                raise InvalidInput("errors.leader_area_by_place", field="leader_area", locality=facts.locality or "")
        area_name = (chosen_area if "leader_area" in given else idea.leader_area) if facts.crosses_boundary else facts.leader_area
        area = book.for_area(area_name)
        kind = fields.get("support_type") or None
        focus = fields.get("focus_area") or None
        if (kind or focus) and area is None:
            raise InvalidInput("errors.leader_area_first", field="support_type" if kind else "focus_area")
        if kind is not None:
            kind = clean_choice(kind, "support_type", tuple(t.key for t in area.support_types))
        if focus is not None:
            focus = clean_choice(focus, "focus_area", tuple(f.key for f in area.focus_areas))
        innovation_type = fields.get("innovation_type") or None
        if innovation_type is not None:
            innovation_type = clean_choice(innovation_type, "innovation_type", book.national.innovation_types)
        committed = {p.id for p in facts.parties}
        if any(o not in committed for o in hours):
            raise InvalidInput("errors.leader_hours_not_committed", field="volunteer_hours")

        if facts.crosses_boundary and "leader_area" in given:
            idea.leader_area = chosen_area
        if row is None:
            row = LeaderCard(idea_id=idea.id, budget={}, horizontal={}, long_term="", activities="", indicators="", owner_sole_trader=False)
            session.add(row)
        # A partial save: only the fields given change, the others keep what the card holds.
        cleaned = {
            "support_type": kind, "benefit": benefit, "support_sought_sek": sought, "focus_area": focus, "goal": goal,
            "innovation_type": innovation_type, "long_term": texts["long_term"], "activities": texts["activities"],
            "indicators": texts["indicators"], "planned_start": start, "owner_sole_trader": sole_trader,
        }
        if "budget" in given:
            cleaned["budget"] = budget
        if "horizontal" in given:
            cleaned["horizontal"] = horizontal
        for key, value in cleaned.items():
            if key in given:
                setattr(row, key, value)
        session.flush()
        if "volunteer_hours" in given:
            session.execute(delete(LeaderVolunteerHours).where(LeaderVolunteerHours.idea_id == idea.id))
            session.add_all(LeaderVolunteerHours(idea_id=idea.id, organisation_id=o, hours=h) for o, h in sorted(hours.items()) if h)
        # The idea's own fields follow the card only where the card says something about them.
        if "innovation" in given:
            idea.innovation = texts["innovation"]
        if "budget" in given:
            idea.budget_sek = sum(budget.values()) or None
        if "volunteer_hours" in given:
            idea.cofinancing_hours = sum(h for h in hours.values() if h) if hours else None
        record_audit(session, actor, "idea.leader_card", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=idea.workshop_id,
                     detail={"support_type": row.support_type, "leader_area": idea.leader_area if facts.crosses_boundary else None, "fields": sorted(given)})
        touch_idea(session, idea)
        session.commit()


def draft_material(store: Store, idea_id: int) -> Material:
    """The dots an idea got and the notes about it that everyone may read, for the draft."""
    with store.unit_of_work() as session:
        dots = session.scalar(select(func.coalesce(func.sum(Vote.dots), 0)).where(Vote.idea_id == idea_id)) or 0
        notes = tuple(
            session.scalars(
                select(Note.text).where(Note.about_idea_id == idea_id, Note.visibility == "all", Note.hidden.is_(False)).order_by(Note.id)
            )
        )
        # Names the notes' text may hold; the draft takes them out unless names are asked for.
        people = set(session.scalars(select(Person.name))) | set(session.scalars(select(Note.about_text).where(Note.subject == "person")))
    return Material(int(dots), notes, tuple(sorted(name for name in people if name)))


def application_draft(
    store: Store, idea_id: int, fmt: str, *, token: Any = None, today: dt.date | None = None, personal_data: bool = False
) -> bytes:
    """The application draft of one idea as ``docx``, ``pdf`` or ``md`` (in Swedish).

    Private persons read "Privatperson N" unless ``personal_data``: names are the
    coordinator's choice alone (``token`` a coordinator's, or
    :data:`~workshop.services.access.SYSTEM` for the command line), anyone else gets
    :class:`~workshop.errors.NotAllowed`, and each draft with names is recorded in the audit
    trail as an export with personal data.
    """
    if fmt not in DRAFT_FORMATS:
        raise InvalidInput("errors.invalid_choice", field="format")
    personal_data = clean_flag(personal_data, "personal_data")
    actor = None
    with store.unit_of_work() as session:
        if personal_data:
            actor = authorise(session, token, "leader", "draft_names")
        author = coordinator_name(session)
    view, material = idea_check(store, idea_id, today=today), draft_material(store, idea_id)
    data = write_application(view, material, fmt, personal_data=personal_data, author=author)
    if actor is not None:
        with store.unit_of_work(write=True) as session:
            idea = get_idea(session, idea_id)
            record_audit(
                session, actor, "exchange.export", subject_type="idea", subject_id=idea.id, subject_label=idea.title, workshop_id=idea.workshop_id,
                detail={"format": f"application.{fmt}", "personal_data": True},
            )
            session.commit()
    return data


def find_idea(store: Store, title: str) -> int:
    """The id of the idea called ``title`` (case and spacing ignored), for the command line."""
    wanted = " ".join(str(title).split()).casefold()
    with store.unit_of_work() as session:
        rows = session.execute(select(Idea.id, Idea.title).where(Idea.merged_into_id.is_(None)).order_by(Idea.id)).all()
    found = [r.id for r in rows if " ".join(r.title.split()).casefold() == wanted]
    if not found:
        raise NotFound("errors.idea_not_found", field="idea")
    return found[0]
