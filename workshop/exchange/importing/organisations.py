"""Planning the organisation and participant tables, and resolving an organisation a row names.

An organisation is the existing one with the same organisation number, or the same folded
name (private persons only match private persons), as on entry; a person is the same folded
name in the same organisation.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import InvalidInput
from ...lengths import NAME_MAX, SHORT_MAX
from ...models import Person
from ...services.organisations import clean_organisation_fields
from ...text import name_key
from ...validation import clean_text, normalise_org_number
from ..tables import RawTable
from ..vocabulary import kind_value, yes
from .plan import DEFAULT_KIND, Plan, PlannedOrg, RowCheck, existing_org, parse_capabilities, remember
from .results import Problem, TableSummary

__all__ = ["plan_organisations", "resolve_org", "plan_participants"]


def plan_organisations(session: Session, plan: Plan, table: RawTable) -> None:
    """Check and match every row of the organisation table (a row listed twice is a problem).

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
    first_row: dict[tuple, int] = {}
    for number, row in table.rows:
        check = RowCheck(plan, table, number)
        raw_kind = row.get("kind", "")
        kind = kind_value(raw_kind) if raw_kind else DEFAULT_KIND
        if kind is None:
            check.problem("kind", "exchange.problem.unknown_kind", value=raw_kind)
        offers, unknown = parse_capabilities(row.get("contributes", ""))
        for category in unknown:
            check.problem("contributes", "exchange.problem.unknown_category", value=category)
        try:
            fields = clean_organisation_fields(row.get("name"), kind or DEFAULT_KIND, row.get("locality"), row.get("org_number"), offers, row.get("description", ""))
            if fields["kind"] == "private_person" and fields["org_number"]:
                raise InvalidInput("errors.private_person_number", field="org_number")
        except InvalidInput as error:
            check.error(error, {"offers": "contributes"})
            continue
        if check.failed:
            continue
        identity = ("number", fields["org_number"]) if fields["org_number"] else ("name", name_key(fields["name"]), fields["kind"] == "private_person")
        name_identity = ("name", name_key(fields["name"]), fields["kind"] == "private_person")
        clash = first_row.get(identity) or first_row.get(name_identity)
        if clash is not None:
            check.problem("org_number" if identity[0] == "number" and identity in first_row else "name", "exchange.problem.duplicate_row", row=clash)
            continue
        first_row[identity] = first_row[name_identity] = number
        org = PlannedOrg(fields, existing_id=existing_org(plan, fields))
        remember(plan, org)
        valid += 1
        existing += org.existing_id is not None
        new += org.existing_id is None
    if "kind" not in table.columns:
        plan.notices.append(Problem(table.source, None, None, "exchange.notice.default_kind"))
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


def resolve_org(session: Session, plan: Plan, check: RowCheck, column: str, value: str, *, create: bool = True, private_name: str | None = None) -> PlannedOrg | None:
    """The organisation a commitment, tie or participant row names, planned or in the database.

    An organisation that is named but neither listed nor known is created (kind
    ``other_organisation``); a reference that looks like an organisation number must match.
    """
    text = (value or "").strip()
    if not text:
        check.problem(column, "errors.required")
        return None
    digits = text.replace(" ", "")
    if re.fullmatch(r"\d{6}-?\d{4}", digits):
        try:
            number = normalise_org_number(digits)
        except InvalidInput as error:
            check.problem(column, error.message_key)
            return None
        org = plan.by_number.get(number)
        if org is None:
            found = plan.index.with_number(number)
            if found is None:
                check.problem(column, "exchange.problem.unknown_reference", value=text)
                return None
            org = PlannedOrg({"name": found.name, "kind": found.kind, "org_number": number}, existing_id=found.id)
            remember(plan, org)
        return org
    try:
        name = clean_text(text, column, max_length=NAME_MAX)
    except InvalidInput as error:
        check.problem(column, error.message_key, **error.params)
        return None
    key = name_key(name)
    org = plan.by_key.get(key) or plan.private_by_key.get(key)
    if org is not None:
        return org
    if plan.invalid_org_names.get(key):
        check.problem(column, "exchange.problem.refers_to_invalid_row", value=name)
        return None
    found = plan.index.find(name, None, kind=None) or plan.index.find(name, None, kind="private_person")
    if found is not None:
        org = PlannedOrg({"name": found.name, "kind": found.kind, "org_number": found.org_number}, existing_id=found.id)
    elif not create:
        return None
    else:
        org = PlannedOrg({"name": name, "kind": DEFAULT_KIND, "locality": None, "org_number": None, "offers": [], "description": ""})
        plan.by_reference.append(name)
        check.notice(column, "exchange.notice.created_by_reference", name=name)
    remember(plan, org)
    return org


def plan_participants(session: Session, plan: Plan, table: RawTable) -> None:
    """Check every row of the participant table; contact details are kept only with consent.

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
        try:
            name = clean_text(row.get("name"), "name", max_length=NAME_MAX)
            email = clean_text(row.get("email"), "email", max_length=SHORT_MAX, required=False) or None
            phone = clean_text(row.get("phone"), "phone", max_length=40, required=False) or None
            clean_text(row.get("role"), "role", max_length=NAME_MAX, required=False)
        except InvalidInput as error:
            check.error(error, {})
            continue
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            check.problem("email", "exchange.problem.invalid_email", value=email)
            continue
        if row.get("organisation", "").strip():
            org = resolve_org(session, plan, check, "organisation", row["organisation"])
        else:
            # Someone without an organisation takes part as a private person, as on joining.
            key = name_key(name)
            org = plan.private_by_key.get(key)
            if org is None:
                found = plan.index.private_person(key)
                org = PlannedOrg({"name": name, "kind": "private_person", "locality": None, "org_number": None, "offers": [], "description": ""}, existing_id=found.id if found else None)
                remember(plan, org)
        if org is None or check.failed:
            continue
        identity = (name_key(name), id(org))
        if identity in seen:
            check.problem("name", "exchange.problem.duplicate_row", row=seen[identity])
            continue
        seen[identity] = number
        consent = yes(row.get("consent", ""))
        if (email or phone) and not consent:
            check.notice("consent", "exchange.notice.contact_dropped", name=name)
        person_id = None
        if org.existing_id is not None:
            person_id = session.scalar(select(Person.id).where(Person.name_key == name_key(name), Person.organisation_id == org.existing_id))
        plan.people.append({"name": name, "org": org, "email": email if consent else None, "phone": phone if consent else None, "consent": consent and bool(email or phone), "existing_id": person_id})
        valid += 1
        existing += person_id is not None
        new += person_id is None
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))
