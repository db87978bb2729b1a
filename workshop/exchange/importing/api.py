"""Bringing a municipality's lists in: a preview with every problem, then one transaction.

:func:`preview_import` reads the tables and checks every row through the same rules as
entry (``workshop/validation.py``, the organisation and idea cleaners), without writing;
:func:`import_tables` does the same check inside one writing unit of work and writes the
valid rows, or nothing while any row is invalid unless ``skip_invalid`` is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db import Store
from ...lengths import NAME_MAX
from ...models import Commitment, Locality, Tie, Workshop
from ...security import hash_secret, new_facilitator_key
from ...services.revisions import touch
from ...services.rows import get_workshop
from ...services.access import SYSTEM, Actor
from ...services.roles import require
from ...text import name_key
from ...validation import clean_text
from ..matching import OrganisationIndex
from ..tables import RawTable, TABLE_KINDS, UnreadableFile, read_files
from .ideas import existing_ideas, plan_commitments, plan_ideas, plan_notes, plan_ties
from .organisations import plan_organisations, plan_participants
from .plan import Plan
from .results import ImportHasProblems, ImportPreview, ImportResult, Problem
from .writing import apply_plan, free_join_code

__all__ = ["preview_import", "import_tables"]


DEFAULT_CHALLENGE = "Inläst från befintliga listor."


def _plan(session: Session, tables: list[RawTable], unreadable: list[UnreadableFile], workshop_id: int | None) -> Plan:
    plan = Plan(index=OrganisationIndex.load(session))
    for problem in unreadable:
        plan.problems.append(Problem(problem.source, None, None, problem.key, tuple(sorted(problem.params.items()))))
    seen_kinds: dict[str, str] = {}
    ordered = sorted(tables, key=lambda t: TABLE_KINDS.index(t.kind))
    for table in ordered:
        if table.kind in seen_kinds:
            plan.problems.append(Problem(table.source, None, None, "exchange.problem.table_twice", (("other", seen_kinds[table.kind]),)))
        seen_kinds.setdefault(table.kind, table.source)
        for heading in table.ignored:
            plan.notices.append(Problem(table.source, 1, heading, "exchange.notice.ignored_column"))
    known_ideas = existing_ideas(session, workshop_id)
    if any(t.kind == "commitments" for t in tables):
        plan.known_commitments = set(session.execute(select(Commitment.idea_id, Commitment.organisation_id)).tuples())
    if any(t.kind == "ties" for t in tables):
        plan.known_ties = set(session.execute(select(Tie.organisation_a_id, Tie.organisation_b_id, Tie.kind)).tuples())
    invalid_titles: set[str] = set()
    for table in ordered:
        if table.source != seen_kinds[table.kind]:
            continue
        before = set(plan.invalid)
        if table.kind == "organisations":
            plan_organisations(session, plan, table)
            for number, row in table.rows:
                if (table.source, number) in plan.invalid and row.get("name", "").strip():
                    plan.invalid_org_names.setdefault(name_key(row["name"]), []).append(number)
        elif table.kind == "participants":
            plan_participants(session, plan, table)
        elif table.kind == "ideas":
            plan_ideas(session, plan, table, known_ideas)
            invalid_titles = {name_key(row.get("title", "")) for number, row in table.rows if (table.source, number) in plan.invalid - before}
        elif table.kind == "commitments":
            plan_commitments(session, plan, table, known_ideas, invalid_titles)
        elif table.kind == "ties":
            plan_ties(session, plan, table)
        else:
            plan_notes(session, plan, table, known_ideas, invalid_titles, workshop_id)
    return plan


def _preview(plan: Plan) -> ImportPreview:
    def order(problem: Problem):
        return (problem.source, problem.row or 0, problem.column or "")

    return ImportPreview(tuple(plan.summaries), tuple(sorted(plan.problems, key=order)), tuple(sorted(plan.notices, key=order)), tuple(plan.by_reference))


def _read(files: Iterable[tuple[str, bytes]]) -> tuple[list[RawTable], list[UnreadableFile]]:
    return read_files([(str(name), bytes(data)) for name, data in files])


def _find_workshop(session: Session, workshop_id: int | None, workshop_title: str | None) -> Workshop | None:
    if workshop_id is not None:
        return get_workshop(session, workshop_id)
    title = clean_text(workshop_title, "workshop", max_length=160)
    for workshop in session.scalars(select(Workshop).order_by(Workshop.id)):
        if name_key(workshop.title) == name_key(title):
            return workshop
    return None


def preview_import(store: Store, files: Iterable[tuple[str, bytes]], *, workshop_id: int | None = None, workshop_title: str | None = None) -> ImportPreview:
    """Check every row of ``files`` ((name, bytes) pairs) and say what an import would write."""
    tables, unreadable = _read(files)
    with store.unit_of_work() as session:
        workshop = _find_workshop(session, workshop_id, workshop_title)
        return _preview(_plan(session, tables, unreadable, workshop.id if workshop else None))


def import_tables(
    store: Store,
    files: Iterable[tuple[str, bytes]],
    *,
    workshop_id: int | None = None,
    workshop_title: str | None = None,
    locality: str = "Lindesberg",
    skip_invalid: bool = False,
    audit: Any = None,
    actor: Actor = SYSTEM,
) -> ImportResult:
    """Import ``files`` into a workshop (by id, or by title: created when there is none).

    Raises :class:`ImportHasProblems` (nothing written) while a row is invalid, unless
    ``skip_invalid``: then the invalid rows, and rows that refer to them, are left out.
    ``audit``, when given, is called with the session and the result's counts before commit.
    ``actor`` is who imports (the server's command line unless given); the roles table decides.
    """
    require(actor, "exchange", "import")
    tables, unreadable = _read(files)
    facilitator_key = None
    with store.unit_of_work(write=True) as session:
        workshop = _find_workshop(session, workshop_id, workshop_title)
        plan = _plan(session, tables, unreadable, workshop.id if workshop else None)
        preview = _preview(plan)
        if preview.problems and not skip_invalid:
            raise ImportHasProblems(preview)
        created = workshop is None
        if created:
            facilitator_key = new_facilitator_key()
            workshop = Workshop(
                title=clean_text(workshop_title, "workshop", max_length=160),
                challenge=DEFAULT_CHALLENGE,
                date=dt.date.today(),
                locality=clean_text(locality, "locality", max_length=NAME_MAX),
                join_code=free_join_code(session),
                facilitator_key_hash=hash_secret(facilitator_key),
            )
            session.add(workshop)
            if session.scalar(select(Locality.id).where(Locality.name == workshop.locality)) is None:
                session.add(Locality(name=workshop.locality, leader_area=None))
            session.flush()
        written = apply_plan(session, plan, workshop.id)
        touch(session, workshop.id)
        result = ImportResult(preview, workshop.id, created, workshop.join_code, facilitator_key, written)
        if audit is not None:
            audit(session, result)
        session.commit()
        return result
