"""What an import found and wrote: problems by file, row and column, per-table counts, the summary line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import ServiceError
from ...i18n import translate

__all__ = ["Problem", "TableSummary", "ImportPreview", "ImportResult", "ImportHasProblems", "describe_written"]


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
