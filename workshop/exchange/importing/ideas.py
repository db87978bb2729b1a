"""Planning the idea, commitment, tie and note tables.

An idea is the same folded title in the same workshop; a commitment is one per organisation
and idea (its role is updated); a tie one per pair and kind; a note the same text about the
same subject.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import InvalidInput
from ...lengths import NAME_MAX, TEXT_MAX
from ...models import Idea, Note
from ...services.contributions import clean_idea_fields
from ...text import name_key
from ...validation import clean_text
from ..tables import RawTable
from ..vocabulary import note_kind_value, role_value, stage_value, tie_kind_value, visibility_value
from .organisations import resolve_org
from .plan import Plan, PlannedIdea, RowCheck, parse_capabilities
from .results import TableSummary

__all__ = ["existing_ideas", "plan_ideas", "plan_commitments", "plan_ties", "plan_notes"]


def existing_ideas(session: Session, workshop_id: int | None) -> dict[str, int]:
    """The workshop's ideas by folded title (none for a workshop the import will create).

    Parameters
    ----------
    session : Session
        The caller's unit of work.
    workshop_id : int or None
        The workshop imported into, ``None`` when it does not exist yet.

    Returns
    -------
    dict
        ``name_key(title)`` → idea id.
    """
    if workshop_id is None:
        return {}
    rows = session.execute(select(Idea.id, Idea.title).where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None)).order_by(Idea.id))
    found: dict[str, int] = {}
    for idea_id, title in rows:
        found.setdefault(name_key(title), idea_id)
    return found


def plan_ideas(session: Session, plan: Plan, table: RawTable, known: dict[str, int]) -> None:
    """Check every row of the idea table through the same cleaner as entry; ``known`` are the workshop's ideas.

    Parameters
    ----------
    session : Session
        The caller's unit of work (read only: the database's rows are matched, not written).
    plan : Plan
        Collects the table's rows, problems and notices.
    table : RawTable
        The table as read from its file.
    known : dict
        The workshop's ideas by folded title (:func:`existing_ideas`).
    """
    new = existing = valid = 0
    seen: dict[str, int] = {}
    for number, row in table.rows:
        check = RowCheck(plan, table, number)
        needs, unknown = parse_capabilities(row.get("needs", ""))
        for category in unknown:
            check.problem("needs", "exchange.problem.unknown_category", value=category)
        raw_stage = row.get("stage", "")
        stage = stage_value(raw_stage) if raw_stage else "idea"
        if stage is None:
            check.problem("stage", "exchange.problem.unknown_stage", value=raw_stage)
        try:
            fields = clean_idea_fields(row.get("title"), row.get("description", ""), row.get("locality"), row.get("themes"), needs)
        except InvalidInput as error:
            check.error(error, {})
            continue
        if check.failed:
            continue
        key = name_key(fields.title)
        if key in seen:
            check.problem("title", "exchange.problem.duplicate_row", row=seen[key])
            continue
        seen[key] = number
        idea = PlannedIdea(dict(fields.__dict__), stage, existing_id=known.get(key))
        plan.ideas[key] = idea
        valid += 1
        existing += idea.existing_id is not None
        new += idea.existing_id is None
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


def _resolve_idea(plan: Plan, check: RowCheck, value: str, known: dict[str, int], invalid_titles: set[str], *, column: str = "idea") -> PlannedIdea | None:
    try:
        title = clean_text(value, column, max_length=NAME_MAX * 2)
    except InvalidInput as error:
        check.problem(column, error.message_key, **error.params)
        return None
    key = name_key(title)
    if key in plan.ideas:
        return plan.ideas[key]
    if key in invalid_titles:
        check.problem(column, "exchange.problem.refers_to_invalid_row", value=title)
        return None
    try:
        fields = clean_idea_fields(title)
    except InvalidInput as error:
        check.problem(column, error.message_key, **error.params)
        return None
    idea = PlannedIdea(dict(fields.__dict__), "idea", existing_id=known.get(key))
    plan.ideas[key] = idea
    if idea.existing_id is None:
        plan.by_reference.append(title)
        check.notice(column, "exchange.notice.created_by_reference", name=title)
    return idea


def plan_commitments(session: Session, plan: Plan, table: RawTable, known: dict[str, int], invalid_titles: set[str]) -> None:
    """Check every commitment row: one per organisation and idea, both named or known.

    Parameters
    ----------
    session : Session
        The caller's unit of work (read only: the database's rows are matched, not written).
    plan : Plan
        Collects the table's rows, problems and notices.
    table : RawTable
        The table as read from its file.
    known : dict
        The workshop's ideas by folded title.
    invalid_titles : set of str
        Folded titles of invalid idea rows: a commitment to one is a problem of its own.
    """
    new = existing = valid = 0
    seen: dict[tuple[int, int], int] = {}
    for number, row in table.rows:
        check = RowCheck(plan, table, number)
        raw_role = row.get("role", "")
        role = role_value(raw_role) if raw_role else "partner"
        if role is None:
            check.problem("role", "exchange.problem.unknown_role", value=raw_role)
        org = resolve_org(session, plan, check, "organisation", row.get("organisation", ""))
        idea = _resolve_idea(plan, check, row.get("idea", ""), known, invalid_titles)
        if check.failed or org is None or idea is None:
            continue
        pair = (id(idea), id(org))
        if pair in seen:
            check.problem("organisation", "exchange.problem.duplicate_row", row=seen[pair])
            continue
        seen[pair] = number
        plan.commitments[pair] = {"idea": idea, "org": org, "role": role}
        valid += 1
        known_pair = (idea.existing_id, org.existing_id) in plan.known_commitments
        existing += known_pair
        new += not known_pair
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


def plan_ties(session: Session, plan: Plan, table: RawTable) -> None:
    """Check every tie row: one per pair and kind; a reverse or repeated tie is read once, with a notice.

    Parameters
    ----------
    session : Session
        The caller's unit of work (read only: the database's rows are matched, not written).
    plan : Plan
        Collects the table's rows, problems and notices.
    table : RawTable
        The table as read from its file.
    """
    new = existing = valid = 0
    seen: dict[tuple, int] = {}
    for number, row in table.rows:
        check = RowCheck(plan, table, number)
        raw_kind = row.get("kind", "")
        kind = tie_kind_value(raw_kind) if raw_kind else "know"
        if kind is None:
            check.problem("kind", "exchange.problem.unknown_tie_kind", value=raw_kind)
        a = resolve_org(session, plan, check, "organisation_a", row.get("organisation_a", ""))
        b = resolve_org(session, plan, check, "organisation_b", row.get("organisation_b", ""))
        if check.failed or a is None or b is None:
            continue
        if a is b:
            check.problem("organisation_b", "errors.tie_same_organisation")
            continue
        identity = (frozenset((id(a), id(b))), kind)
        if identity in seen:
            # People list a pair from both sides (A–B and B–A) or twice: one tie, said so.
            first, first_a = seen[identity]
            check.notice("organisation_b", "uploads.notice.tie_reversed" if first_a is not a else "uploads.notice.tie_repeated", row=first)
            valid += 1
            continue
        seen[identity] = (number, a)
        plan.ties[(id(a), id(b), kind)] = {"a": a, "b": b, "kind": kind}
        valid += 1
        known_tie = False
        if a.existing_id is not None and b.existing_id is not None:
            low, high = sorted((a.existing_id, b.existing_id))
            known_tie = (low, high, kind) in plan.known_ties
        existing += known_tie
        new += not known_tie
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


NOTE_ABOUT = ("organisation", "idea", "person", "place")
DEFAULT_NOTE_KIND = "local_knowledge"


def plan_notes(session: Session, plan: Plan, table: RawTable, known: dict[str, int], invalid_titles: set[str], workshop_id: int | None) -> None:
    """Tacit knowledge ("dold kunskap"): a text about one organisation, idea, person or place.

    Checked as on entry (``contributions.add_note``): the text is required, the note is about
    exactly one thing, kind and visibility are the app's values (blank: local knowledge, and
    *all* — but *facilitators only* for a note about a person). An organisation or idea only a
    note names is created, as for commitments. The same note twice in the file is a problem;
    a note the workshop holds already is not written again.
    """
    new = existing = valid = 0
    seen: dict[tuple, int] = {}
    known_notes: set[tuple] = set()
    if workshop_id is not None:
        known_notes = {
            (n.kind, n.subject, n.about_organisation_id, n.about_idea_id, name_key(n.about_text or ""), n.text)
            for n in session.scalars(select(Note).where(Note.workshop_id == workshop_id))
        }
    for number, row in table.rows:
        check = RowCheck(plan, table, number)
        raw_kind = row.get("kind", "")
        kind = note_kind_value(raw_kind) if raw_kind else DEFAULT_NOTE_KIND
        if kind is None:
            check.problem("kind", "uploads.problem.unknown_note_kind", value=raw_kind)
        try:
            text = clean_text(row.get("text"), "text", max_length=TEXT_MAX)
        except InvalidInput as error:
            check.problem("text", error.message_key, **error.params)
            text = ""
        about = [column for column in NOTE_ABOUT if row.get(column, "").strip()]
        if not about:
            check.problem("text", "uploads.problem.note_about_missing")
        elif len(about) > 1:
            check.problem(about[1], "uploads.problem.note_about_several")
        subject = about[0] if len(about) == 1 else None
        raw_visibility = row.get("visibility", "")
        visibility = visibility_value(raw_visibility) if raw_visibility else ("facilitators" if subject == "person" else "all")
        if visibility is None:
            check.problem("visibility", "uploads.problem.unknown_visibility", value=raw_visibility)
        org = idea = None
        about_text = ""
        if subject == "organisation":
            org = resolve_org(session, plan, check, "organisation", row.get("organisation", ""))
        elif subject == "idea":
            idea = _resolve_idea(plan, check, row.get("idea", ""), known, invalid_titles, column="idea")
        elif subject is not None:
            try:
                about_text = clean_text(row.get(subject), subject, max_length=NAME_MAX, name=True)
            except InvalidInput as error:
                check.problem(subject, error.message_key, **error.params)
        if check.failed:
            continue
        identity = (kind, subject, id(org) if org else None, id(idea) if idea else None, name_key(about_text), text)
        if identity in seen:
            check.problem("text", "exchange.problem.duplicate_row", row=seen[identity])
            continue
        seen[identity] = number
        stored = (kind, subject, org.existing_id if org else None, idea.existing_id if idea else None, name_key(about_text), text)
        known_note = (org is None or org.existing_id is not None) and (idea is None or idea.existing_id is not None) and stored in known_notes
        plan.notes.append({"kind": kind, "subject": subject, "org": org, "idea": idea, "about_text": about_text, "text": text, "visibility": visibility, "known": known_note})
        valid += 1
        existing += known_note
        new += not known_note
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))
