"""The organisations a database holds, read once, and matched as on entry.

An import checks every row against the organisations already there; asking the database once
per row (``services.organisations.find_duplicate``) took 4 ms a row, so a list of 50 000 rows
needed minutes before its preview showed. :class:`OrganisationIndex` reads the live (not
merged-away) organisations once and answers the same questions in memory, with the same rule:
the same organisation number first, else the same folded name, private persons only matching
private persons, the oldest row first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Organisation
from ..text import name_key

__all__ = ["OrganisationIndex"]


@dataclass
class OrganisationIndex:
    """Live organisations by folded name and by organisation number, each list oldest first."""

    by_key: dict[str, list[Any]] = field(default_factory=dict)
    by_number: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> "OrganisationIndex":
        index = cls()
        query = select(Organisation.id, Organisation.name, Organisation.kind, Organisation.org_number, Organisation.name_key)
        for row in session.execute(query.where(Organisation.merged_into_id.is_(None)).order_by(Organisation.id)):
            index.by_key.setdefault(row.name_key, []).append(row)
            if row.org_number:
                index.by_number.setdefault(row.org_number, []).append(row)
        return index

    def find(self, name: str, org_number: str | None, *, kind: str | None = None) -> Any | None:
        """What ``find_duplicate(session, name, org_number, kind=kind)`` finds: a row with
        ``id``, ``name``, ``kind``, ``org_number``, or ``None``."""
        candidates = {row.id: row for row in self.by_key.get(name_key(name), [])}
        if org_number:
            candidates.update({row.id: row for row in self.by_number.get(org_number, [])})
        ordered = [candidates[i] for i in sorted(candidates)]
        for row in ordered:
            if org_number and row.org_number == org_number:
                return row
        for row in ordered:
            if (row.kind == "private_person") == (kind == "private_person"):
                return row
        return None

    def with_number(self, org_number: str) -> Any | None:
        rows = self.by_number.get(org_number)
        return rows[0] if rows else None

    def private_person(self, key: str) -> Any | None:
        """The oldest private person with this folded name."""
        return next((row for row in self.by_key.get(key, []) if row.kind == "private_person"), None)
