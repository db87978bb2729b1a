"""Bringing a municipality's lists in: a preview with every problem, then one transaction.

:func:`preview_import` reads the tables and checks every row through the same rules as
entry (``workshop/validation.py``, the organisation and idea cleaners), without writing;
:func:`import_tables` does the same check inside one writing unit of work and writes the
valid rows, or nothing while any row is invalid unless ``skip_invalid`` is given.

Matching, so that importing the same files twice adds nothing: an organisation is the
existing one with the same organisation number, or the same folded name (case, spacing,
punctuation ignored; private persons only match private persons), as on entry; a person
is the same folded name in the same organisation; an idea is the same folded title in the
same workshop; a commitment is one per organisation and idea (its role is updated); a tie
one per pair and kind.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, ServiceError
from ..i18n import translate
from ..models import NAME_MAX, SHORT_MAX, TEXT_MAX, Commitment, Idea, Locality, Note, Organisation, Participant, Person, Tie, Workshop, utcnow
from ..security import hash_secret, new_facilitator_key, new_join_code, new_token, token_hash
from ..services.rows import get_workshop
from ..services.revisions import touch
from ..services.contributions import clean_idea_fields
from ..services.organisations import clean_organisation_fields
from ..text import name_key
from ..validation import clean_text, normalise_org_number
from .matching import OrganisationIndex
from .tables import TABLE_KINDS, RawTable, UnreadableFile, read_files
from .vocabulary import category_value, kind_value, note_kind_value, role_value, stage_value, tie_kind_value, visibility_value, yes

__all__ = [
    "Problem",
    "TableSummary",
    "ImportPreview",
    "ImportResult",
    "ImportHasProblems",
    "parse_capabilities",
    "preview_import",
    "import_tables",
    "describe_written",
]

DEFAULT_KIND = "other_organisation"  # for organisations only named in a commitment or tie
DEFAULT_CHALLENGE = "Inläst från befintliga listor."


@dataclass(frozen=True)
class Problem:
    """Something wrong (or, for a notice, worth knowing) at one row and column of one file.

    ``key`` is a catalog key (``errors.*`` or ``exchange.problem.*``) formatted with ``params``;
    ``row`` is the row number the spreadsheet shows (the header is row 1), ``None`` for the file.
    """

    source: str
    row: int | None
    column: str | None
    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def message_params(self) -> dict[str, Any]:
        return dict(self.params)


@dataclass(frozen=True)
class TableSummary:
    kind: str
    source: str
    rows: int
    valid: int
    new: int
    existing: int


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do: per table, the rows that are new and those already known."""

    tables: tuple[TableSummary, ...]
    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...]
    created_by_reference: tuple[str, ...]  # organisations and ideas only named in commitments/ties

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invalid_rows(self) -> int:
        return len({(p.source, p.row) for p in self.problems})


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    workshop_id: int
    workshop_created: bool
    join_code: str
    facilitator_key: str | None  # only when the import created the workshop; shown once
    written: dict[str, int] = field(default_factory=dict)  # new rows per table


class ImportHasProblems(ServiceError):
    """Rows are invalid and the user did not choose to skip them: nothing was written."""

    message_key = "exchange.import.has_problems"

    def __init__(self, preview: ImportPreview):
        super().__init__(field="files", count=preview.invalid_rows)
        self.preview = preview


_CAPABILITY = re.compile(r"^\s*([^:]+?)\s*:\s*(.+?)\s*$")


def parse_capabilities(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Split ``"kompetens: bokföring; lokal: kök; traktor"`` into (category, label) pairs.

    A bare label is a resource. Returns the pairs and the categories not understood.

    >>> parse_capabilities("Kompetens: bokföring; lokal: kök; traktor")
    ([('competence', 'bokföring'), ('premises', 'kök'), ('resource', 'traktor')], [])
    >>> parse_capabilities("tid: två kvällar")
    ([], ['tid'])
    """
    pairs: list[tuple[str, str]] = []
    unknown: list[str] = []
    for item in (part.strip() for part in (text or "").split(";")):
        if not item:
            continue
        match = _CAPABILITY.match(item)
        if match is None:
            pairs.append(("resource", item))
            continue
        category = category_value(match.group(1))
        if category is None:
            unknown.append(match.group(1))
        else:
            pairs.append((category, match.group(2)))
    return pairs, unknown


# --- planning: every row checked, nothing written ------------------------------------------


@dataclass
class _Org:
    fields: dict[str, Any]
    existing_id: int | None = None
    id: int | None = None  # set when written


@dataclass
class _Idea:
    fields: dict[str, Any]
    stage: str
    existing_id: int | None = None
    id: int | None = None


@dataclass
class _Plan:
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    summaries: list[TableSummary] = field(default_factory=list)
    organisations: list[_Org] = field(default_factory=list)
    by_key: dict[str, _Org] = field(default_factory=dict)  # name_key (non-private) → org
    private_by_key: dict[str, _Org] = field(default_factory=dict)
    by_number: dict[str, _Org] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)
    ideas: dict[str, _Idea] = field(default_factory=dict)  # name_key(title) → idea
    commitments: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    ties: dict[tuple[int, int, str], dict[str, Any]] = field(default_factory=dict)
    notes: list[dict[str, Any]] = field(default_factory=list)
    # What the database holds already, read once: (idea, organisation) and (a, b, kind).
    known_commitments: set[tuple[int, int]] = field(default_factory=set)
    known_ties: set[tuple[int, int, str]] = field(default_factory=set)
    invalid: set[tuple[str, int]] = field(default_factory=set)
    invalid_org_names: dict[str, list[int]] = field(default_factory=dict)  # name_key → invalid rows
    by_reference: list[str] = field(default_factory=list)
    index: OrganisationIndex = field(default_factory=OrganisationIndex)  # the database's organisations, read once


class _RowCheck:
    """Collects one row's problems; ``column`` names the heading as written in the file."""

    def __init__(self, plan: _Plan, table: RawTable, number: int):
        self.plan, self.table, self.number = plan, table, number
        self.failed = False

    def heading(self, column: str) -> str:
        return self.table.columns.get(column, column)

    def problem(self, column: str | None, key: str, **params: Any) -> None:
        self.failed = True
        self.plan.problems.append(Problem(self.table.source, self.number, self.heading(column) if column else None, key, tuple(sorted(params.items()))))
        self.plan.invalid.add((self.table.source, self.number))

    def notice(self, column: str | None, key: str, **params: Any) -> None:
        self.plan.notices.append(Problem(self.table.source, self.number, self.heading(column) if column else None, key, tuple(sorted(params.items()))))

    def error(self, error: ServiceError, columns: dict[str, str]) -> None:
        self.problem(columns.get(error.field or "", error.field), error.message_key, **error.params)


def _org_key(org: _Org) -> tuple[str, bool]:
    return name_key(org.fields["name"]), org.fields["kind"] == "private_person"


def _remember(plan: _Plan, org: _Org) -> None:
    plan.organisations.append(org)
    key, private = _org_key(org)
    (plan.private_by_key if private else plan.by_key).setdefault(key, org)
    if org.fields.get("org_number"):
        plan.by_number.setdefault(org.fields["org_number"], org)


def _existing_org(plan: _Plan, fields: dict[str, Any]) -> int | None:
    found = plan.index.find(fields["name"], fields["org_number"], kind=fields["kind"])
    return found.id if found is not None else None


def _plan_organisations(session: Session, plan: _Plan, table: RawTable) -> None:
    new = existing = valid = 0
    first_row: dict[tuple, int] = {}
    for number, row in table.rows:
        check = _RowCheck(plan, table, number)
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
        org = _Org(fields, existing_id=_existing_org(plan, fields))
        _remember(plan, org)
        valid += 1
        existing += org.existing_id is not None
        new += org.existing_id is None
    if "kind" not in table.columns:
        plan.notices.append(Problem(table.source, None, None, "exchange.notice.default_kind"))
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


def _resolve_org(session: Session, plan: _Plan, check: _RowCheck, column: str, value: str, *, create: bool = True, private_name: str | None = None) -> _Org | None:
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
            org = _Org({"name": found.name, "kind": found.kind, "org_number": number}, existing_id=found.id)
            _remember(plan, org)
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
        org = _Org({"name": found.name, "kind": found.kind, "org_number": found.org_number}, existing_id=found.id)
    elif not create:
        return None
    else:
        org = _Org({"name": name, "kind": DEFAULT_KIND, "locality": None, "org_number": None, "offers": [], "description": ""})
        plan.by_reference.append(name)
        check.notice(column, "exchange.notice.created_by_reference", name=name)
    _remember(plan, org)
    return org


def _plan_participants(session: Session, plan: _Plan, table: RawTable) -> None:
    new = existing = valid = 0
    seen: dict[tuple, int] = {}
    for number, row in table.rows:
        check = _RowCheck(plan, table, number)
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
            org = _resolve_org(session, plan, check, "organisation", row["organisation"])
        else:
            # Someone without an organisation takes part as a private person, as on joining.
            key = name_key(name)
            org = plan.private_by_key.get(key)
            if org is None:
                found = plan.index.private_person(key)
                org = _Org({"name": name, "kind": "private_person", "locality": None, "org_number": None, "offers": [], "description": ""}, existing_id=found.id if found else None)
                _remember(plan, org)
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


def _existing_ideas(session: Session, workshop_id: int | None) -> dict[str, int]:
    if workshop_id is None:
        return {}
    rows = session.execute(select(Idea.id, Idea.title).where(Idea.workshop_id == workshop_id, Idea.merged_into_id.is_(None)).order_by(Idea.id))
    found: dict[str, int] = {}
    for idea_id, title in rows:
        found.setdefault(name_key(title), idea_id)
    return found


def _plan_ideas(session: Session, plan: _Plan, table: RawTable, known: dict[str, int]) -> None:
    new = existing = valid = 0
    seen: dict[str, int] = {}
    for number, row in table.rows:
        check = _RowCheck(plan, table, number)
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
        idea = _Idea(dict(fields.__dict__), stage, existing_id=known.get(key))
        plan.ideas[key] = idea
        valid += 1
        existing += idea.existing_id is not None
        new += idea.existing_id is None
    plan.summaries.append(TableSummary(table.kind, table.source, len(table.rows), valid, new, existing))


def _resolve_idea(plan: _Plan, check: _RowCheck, value: str, known: dict[str, int], invalid_titles: set[str], *, column: str = "idea") -> _Idea | None:
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
    idea = _Idea(dict(fields.__dict__), "idea", existing_id=known.get(key))
    plan.ideas[key] = idea
    if idea.existing_id is None:
        plan.by_reference.append(title)
        check.notice(column, "exchange.notice.created_by_reference", name=title)
    return idea


def _plan_commitments(session: Session, plan: _Plan, table: RawTable, known: dict[str, int], invalid_titles: set[str]) -> None:
    new = existing = valid = 0
    seen: dict[tuple[int, int], int] = {}
    for number, row in table.rows:
        check = _RowCheck(plan, table, number)
        raw_role = row.get("role", "")
        role = role_value(raw_role) if raw_role else "partner"
        if role is None:
            check.problem("role", "exchange.problem.unknown_role", value=raw_role)
        org = _resolve_org(session, plan, check, "organisation", row.get("organisation", ""))
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


def _plan_ties(session: Session, plan: _Plan, table: RawTable) -> None:
    new = existing = valid = 0
    seen: dict[tuple, int] = {}
    for number, row in table.rows:
        check = _RowCheck(plan, table, number)
        raw_kind = row.get("kind", "")
        kind = tie_kind_value(raw_kind) if raw_kind else "know"
        if kind is None:
            check.problem("kind", "exchange.problem.unknown_tie_kind", value=raw_kind)
        a = _resolve_org(session, plan, check, "organisation_a", row.get("organisation_a", ""))
        b = _resolve_org(session, plan, check, "organisation_b", row.get("organisation_b", ""))
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


def _plan_notes(session: Session, plan: _Plan, table: RawTable, known: dict[str, int], invalid_titles: set[str], workshop_id: int | None) -> None:
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
        check = _RowCheck(plan, table, number)
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
            org = _resolve_org(session, plan, check, "organisation", row.get("organisation", ""))
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


def _plan(session: Session, tables: list[RawTable], unreadable: list[UnreadableFile], workshop_id: int | None) -> _Plan:
    plan = _Plan(index=OrganisationIndex.load(session))
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
    known_ideas = _existing_ideas(session, workshop_id)
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
            _plan_organisations(session, plan, table)
            for number, row in table.rows:
                if (table.source, number) in plan.invalid and row.get("name", "").strip():
                    plan.invalid_org_names.setdefault(name_key(row["name"]), []).append(number)
        elif table.kind == "participants":
            _plan_participants(session, plan, table)
        elif table.kind == "ideas":
            _plan_ideas(session, plan, table, known_ideas)
            invalid_titles = {name_key(row.get("title", "")) for number, row in table.rows if (table.source, number) in plan.invalid - before}
        elif table.kind == "commitments":
            _plan_commitments(session, plan, table, known_ideas, invalid_titles)
        elif table.kind == "ties":
            _plan_ties(session, plan, table)
        else:
            _plan_notes(session, plan, table, known_ideas, invalid_titles, workshop_id)
    return plan


def _preview(plan: _Plan) -> ImportPreview:
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


# --- writing: one unit of work ---------------------------------------------------------------


def import_tables(
    store: Store,
    files: Iterable[tuple[str, bytes]],
    *,
    workshop_id: int | None = None,
    workshop_title: str | None = None,
    locality: str = "Lindesberg",
    skip_invalid: bool = False,
    audit: Any = None,
) -> ImportResult:
    """Import ``files`` into a workshop (by id, or by title: created when there is none).

    Raises :class:`ImportHasProblems` (nothing written) while a row is invalid, unless
    ``skip_invalid``: then the invalid rows, and rows that refer to them, are left out.
    ``audit``, when given, is called with the session and the result's counts before commit.
    """
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
                join_code=_free_join_code(session),
                facilitator_key_hash=hash_secret(facilitator_key),
            )
            session.add(workshop)
            if session.scalar(select(Locality.id).where(Locality.name == workshop.locality)) is None:
                session.add(Locality(name=workshop.locality, leader_area=None))
            session.flush()
        written = _apply(session, plan, workshop.id)
        touch(session, workshop.id)
        result = ImportResult(preview, workshop.id, created, workshop.join_code, facilitator_key, written)
        if audit is not None:
            audit(session, result)
        session.commit()
        return result


def _free_join_code(session: Session) -> str:
    taken = set(session.scalars(select(Workshop.join_code)))
    while True:
        code = new_join_code()
        if code not in taken:
            return code


def _org_id(session: Session, org: _Org, workshop_id: int) -> int:
    # Every organisation of the plan has its id after the first step of _apply.
    return org.id if org.id is not None else org.existing_id


def _apply(session: Session, plan: _Plan, workshop_id: int) -> dict[str, int]:
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


def describe_written(written: dict[str, int], language: str = "sv") -> str:
    """What an import wrote, in one language: "3 nya organisationer, 2 nya kopplingar".

    Tables with nothing new are left out; when nothing is new, it says so.

    >>> describe_written({"organisations": 4, "people": 0, "ties": 2})
    '4 nya organisationer, 2 nya kopplingar'
    >>> describe_written({"organisations": 0}, "en")
    'nothing new'
    """
    parts = [f"{count} {translate(language, f'exchange.written.{table}')}" for table, count in written.items() if count]
    return ", ".join(parts) or translate(language, "uploads.written.nothing")
