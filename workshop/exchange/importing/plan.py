"""The plan of an import: every row checked and matched, nothing written yet.

A :class:`Plan` collects what the tables hold (organisations, people, ideas, commitments,
ties, notes), what the database knows already, and every problem; :class:`RowCheck` files one
row's problems under its file, row number and heading as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import ServiceError
from ...text import name_key
from ..matching import OrganisationIndex
from ..tables import RawTable
from ..vocabulary import category_value
from .results import Problem, TableSummary

__all__ = ["parse_capabilities", "PlannedOrg", "PlannedIdea", "Plan", "RowCheck", "remember", "existing_org"]


DEFAULT_KIND = "other_organisation"  # for organisations only named in a commitment or tie

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


@dataclass
class PlannedOrg:
    """An organisation of the plan: its cleaned fields, the database row it is, its id once written."""

    fields: dict[str, Any]
    existing_id: int | None = None
    id: int | None = None  # set when written


@dataclass
class PlannedIdea:
    """An idea of the plan: its cleaned fields and stage, the database row it is, its id once written."""

    fields: dict[str, Any]
    stage: str
    existing_id: int | None = None
    id: int | None = None


@dataclass
class Plan:
    """Everything an import would write, and every problem, gathered before anything is written."""

    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    summaries: list[TableSummary] = field(default_factory=list)
    organisations: list[PlannedOrg] = field(default_factory=list)
    by_key: dict[str, PlannedOrg] = field(default_factory=dict)  # name_key (non-private) → org
    private_by_key: dict[str, PlannedOrg] = field(default_factory=dict)
    by_number: dict[str, PlannedOrg] = field(default_factory=dict)
    people: list[dict[str, Any]] = field(default_factory=list)
    ideas: dict[str, PlannedIdea] = field(default_factory=dict)  # name_key(title) → idea
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


class RowCheck:
    """Collects one row's problems; ``column`` names the heading as written in the file."""

    def __init__(self, plan: Plan, table: RawTable, number: int):
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


def _org_key(org: PlannedOrg) -> tuple[str, bool]:
    return name_key(org.fields["name"]), org.fields["kind"] == "private_person"


def remember(plan: Plan, org: PlannedOrg) -> None:
    """Add ``org`` to the plan, findable by folded name (private persons apart) and by number.

    Parameters
    ----------
    plan : Plan
        The import's plan.
    org : PlannedOrg
        An organisation listed, named by reference, or found in the database.
    """
    plan.organisations.append(org)
    key, private = _org_key(org)
    (plan.private_by_key if private else plan.by_key).setdefault(key, org)
    if org.fields.get("org_number"):
        plan.by_number.setdefault(org.fields["org_number"], org)


def existing_org(plan: Plan, fields: dict[str, Any]) -> int | None:
    """The id of the database's organisation these cleaned fields are, as on entry; ``None`` if new.

    Parameters
    ----------
    plan : Plan
        Holds the database's organisations, read once.
    fields : dict
        Cleaned organisation fields (``name``, ``org_number``, ``kind``).

    Returns
    -------
    int or None
    """
    found = plan.index.find(fields["name"], fields["org_number"], kind=fields["kind"])
    return found.id if found is not None else None
