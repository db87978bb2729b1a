"""Importing a business-register extract: a preview with every problem, then one transaction.

An extract from SCB's Företagsregister, Bolagsverket or UC comes as CSV (Swedish Excel's
semicolons in Windows-1252, or UTF-8) or as an XLSX workbook (its first sheet with a
known heading). Headings are matched in Swedish or English, case, spacing and accents
folded (:data:`COLUMNS`); a heading not understood is reported, not guessed.

Every row is checked as a company typed on the register page is
(:func:`workshop.companies.register.clean_company`). Rows with the same identity number
merge, within the file (the first row's values win, later rows fill what it left blank and
add SNI codes: an extract lists a company once per workplace) and with the register (the
company is updated, blanks keep what it holds). Importing the same file twice adds nothing.
:func:`import_extract` writes in one unit of work, and nothing while a row is invalid
unless the coordinator chooses to skip the invalid rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import Any

from ..db import Store
from ..errors import InvalidInput, ServiceError
from ..exchange.importing.results import Problem
from ..exchange.limits import csv_rows
from ..exchange.tables import UnreadableFile, open_workbook, sheet_rows
from ..exchange.vocabulary import yes
from ..services.access import authorise, record_audit, require_coordinator
from ..services.revisions import touch
from ..text import file_key
from .localities import locality_map
from .register import CompanyFields, clean_company, find_company, save_in_session

__all__ = ["COLUMNS", "ExtractPreview", "ExtractResult", "ExtractHasProblems", "read_extract", "preview_extract", "import_extract"]

# Canonical column → accepted headings, folded (lower case, no accents, spaces or punctuation).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("namn", "foretagsnamn", "foretag", "firma", "firmanamn", "benamning", "name", "companyname", "company", "legalname"),
    "identity": (
        "organisationsnummer", "orgnr", "orgnummer", "organisationsnr", "peorgnr", "identitetsnummer", "idnummer",
        "personnummer", "orgnumber", "organisationnumber", "registrationnumber", "corporateidentitynumber", "companynumber",
    ),
    "sni": ("sni", "sni2007", "snikod", "sni2007kod", "huvudbransch", "branschkod", "bransch", "ng1", "sni1", "nace", "industrycode", "mainindustry"),
    "sni_more": ("ovrigasni", "bisni", "sni2", "sni3", "ng2", "ng3", "bibransch", "ovrigabranscher", "othersni", "secondaryindustry"),
    "size": (
        "storleksklass", "anstallda", "antalanstallda", "storleksklassanstallda", "anstalldaklass", "anststorlek",
        "sizeclass", "employees", "numberofemployees", "employeeclass",
    ),
    "turnover": ("omsattning", "omsattningkr", "omsattningsek", "nettoomsattning", "nettoomsattningkr", "turnover", "turnoversek", "revenue"),
    "turnover_tkr": ("omsattningtkr", "nettoomsattningtkr", "omsattningtsek", "omsattningksek", "turnovertsek", "turnoverksek", "turnoverthousands"),
    "turnover_class": ("omsattningsklass", "storleksklassomsattning", "turnoverclass", "revenueclass"),
    "address": ("adress", "besoksadress", "gatuadress", "utdelningsadress", "postadress", "address", "streetaddress", "visitingaddress"),
    "postcode": ("postnummer", "postnr", "besokspostnummer", "postcode", "postalcode", "zipcode", "zip"),
    "locality": ("ort", "postort", "besoksort", "plats", "locality", "city", "town"),
    "contact_name": ("kontaktperson", "kontakt", "kontaktnamn", "contactperson", "contact", "contactname"),
    "email": ("epost", "epostadress", "mejl", "mail", "email", "emailaddress"),
    "phone": ("telefon", "telefonnummer", "tel", "mobil", "phone", "telephone"),
    "consent": ("samtycke", "samtyckerkontakt", "consent"),
    "source": ("kalla", "source"),
    "source_date": ("uttagsdatum", "kalldatum", "datum", "sourcedate", "extractdate", "date"),
}
_ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}


class ExtractHasProblems(ServiceError):
    """Rows are invalid and the coordinator did not choose to skip them: nothing was written."""

    message_key = "companies.import.has_problems"

    def __init__(self, preview: "ExtractPreview"):
        super().__init__(field="company_files", count=preview.invalid_rows)
        self.preview = preview


@dataclass(frozen=True)
class _Sheet:
    source: str
    columns: dict[str, str]  # canonical -> heading as written
    rows: tuple[tuple[int, dict[str, str]], ...]
    ignored: tuple[str, ...]


@dataclass(frozen=True)
class ExtractPreview:
    """What an import would do: rows read, valid, companies new and already in the register."""

    rows: int
    valid: int
    new: int
    existing: int
    merged_rows: int  # rows folded into an earlier row with the same number
    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invalid_rows(self) -> int:
        return len({(p.source, p.row) for p in self.problems})


@dataclass(frozen=True)
class ExtractResult:
    preview: ExtractPreview
    added: int
    updated: int  # known companies whose facts changed
    unchanged: int


def _sheet(source: str, header: list[Any], body: Iterable[tuple[int, list[Any]]]) -> _Sheet:
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, heading in enumerate(header):
        folded = file_key(str(heading or ""))
        if not folded:
            continue
        column = _ALIASES.get(folded)
        if column is None or column in columns:
            ignored.append(str(heading).strip())
            continue
        columns[column] = str(heading).strip()
        positions[column] = index
    rows = []
    for number, values in body:
        if not any(str(v).strip() for v in values if v is not None):
            continue
        rows.append((number, {column: _cell(values, index) for column, index in positions.items()}))
    return _Sheet(source, columns, tuple(rows), tuple(ignored))


def _cell(values: list[Any], index: int) -> str:
    if index >= len(values) or values[index] is None:
        return ""
    value = values[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed into Excel: 5560360793, not 5560360793.0
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


def read_extract(name: str, data: bytes) -> _Sheet:
    """Read one extract file as a stream within :mod:`workshop.exchange.limits`.

    Raises :class:`~workshop.exchange.tables.UnreadableFile` with a catalog key, or
    :class:`~workshop.exchange.limits.UploadRefused` for a file past a limit.
    """
    if PurePath(name).suffix.lower() == ".xlsx" or data[:2] == b"PK":
        workbook = open_workbook(name, data, field="company_files")
        try:
            for sheet in workbook.worksheets:
                source = f"{name} [{sheet.title}]"
                rows = sheet_rows(source, sheet, field="company_files")
                header = next(rows, None)
                if header is None or not _known_heading(header):
                    continue  # the first sheet with a known heading; the others are not read
                return _sheet(source, header, enumerate(rows, start=2))
        finally:
            workbook.close()
        raise UnreadableFile(name, "companies.import.no_known_sheet", name=name)
    rows = csv_rows(name, data, field="company_files")
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(name, "exchange.problem.empty_file", name=name)
    return _sheet(name, header, enumerate(rows, start=2))


def _known_heading(header: list[Any]) -> bool:
    return any(_ALIASES.get(file_key(str(heading or ""))) in ("name", "identity") for heading in header)


# --- planning --------------------------------------------------------------------------------


@dataclass
class _Entry:
    fields: CompanyFields
    first_row: int
    source: str


@dataclass
class _Plan:
    entries: dict[str, _Entry] = field(default_factory=dict)  # identity number -> entry
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    rows: int = 0
    merged_rows: int = 0


def _fold_in(first: CompanyFields, later: CompanyFields) -> CompanyFields:
    """``first`` with what it left blank taken from ``later``, and ``later``'s further SNI codes."""
    filled = {
        name: getattr(later, name)
        for name in ("locality", "size_class", "turnover_sek", "turnover_class", "address", "postcode", "contact_name", "contact_email", "contact_phone", "source_date")
        if getattr(first, name) is None and getattr(later, name) is not None
    }
    codes = first.sni_codes + tuple(code for code in later.sni_codes if code not in first.sni_codes)
    return replace(first, **filled, sni_codes=codes, contact_consent=first.contact_consent or later.contact_consent)


def _plan(sheets: list[_Sheet], unreadable: list[UnreadableFile], *, source_date: dt.date | None, today: dt.date | None) -> _Plan:
    plan = _Plan()
    for problem in unreadable:
        plan.problems.append(Problem(problem.source, None, None, problem.key, tuple(sorted(problem.params.items()))))
    for sheet in sheets:
        for heading in sheet.ignored:
            plan.notices.append(Problem(sheet.source, 1, heading, "exchange.notice.ignored_column"))
        for required in ("name", "identity"):
            if required not in sheet.columns:
                plan.problems.append(Problem(sheet.source, 1, None, f"companies.import.missing_{required}"))
        if any(p.source == sheet.source and p.row == 1 and p.column is None for p in plan.problems):
            continue
        turnover_column = next((c for c in ("turnover", "turnover_tkr", "turnover_class") if c in sheet.columns), None)
        for number, row in sheet.rows:
            plan.rows += 1
            columns = {"company_" + k: sheet.columns.get(v, v) for k, v in (
                ("name", "name"), ("identity", "identity"), ("locality", "locality"), ("sni", "sni"), ("size", "size"),
                ("turnover", turnover_column or "turnover"), ("address", "address"), ("postcode", "postcode"),
                ("contact_name", "contact_name"), ("contact_email", "email"), ("contact_phone", "phone"), ("source_date", "source_date"),
            )}
            turnover = next((row.get(c, "") for c in ("turnover", "turnover_tkr", "turnover_class") if row.get(c, "")), "")
            consent = yes(row.get("consent", ""))
            try:
                fields = clean_company(
                    name=row.get("name", ""), identity_number=row.get("identity", ""), locality=row.get("locality", ""),
                    sni_codes=" ".join(filter(None, (row.get("sni", ""), row.get("sni_more", "")))), size_class=row.get("size", ""),
                    turnover=turnover, turnover_thousands=bool(row.get("turnover_tkr")) and not row.get("turnover"),
                    address=row.get("address", ""), postcode=row.get("postcode", ""), contact_name=row.get("contact_name", ""),
                    contact_email=row.get("email", ""), contact_phone=row.get("phone", ""), contact_consent=consent,
                    source=row.get("source", "") or f"Registerutdrag: {PurePath(sheet.source).name}",
                    source_date=row.get("source_date", "") or source_date, today=today,
                )
            except InvalidInput as error:
                plan.problems.append(Problem(sheet.source, number, columns.get(error.field or "", error.field), error.message_key, tuple(sorted(error.params.items()))))
                continue
            if (row.get("email") or row.get("phone")) and not consent:
                plan.notices.append(Problem(sheet.source, number, sheet.columns.get("consent"), "companies.import.contact_dropped", (("name", fields.contact_name or ""),)))
            if fields.locality and not _known_locality(fields.locality):
                plan.notices.append(Problem(sheet.source, number, sheet.columns.get("locality"), "companies.import.no_development_point", (("locality", fields.locality),)))
            key = fields.identity.number
            if key in plan.entries:
                entry = plan.entries[key]
                entry.fields = _fold_in(entry.fields, fields)
                plan.merged_rows += 1
                plan.notices.append(Problem(sheet.source, number, sheet.columns.get("identity"), "companies.import.merged_row", (("row", entry.first_row),)))
                continue
            plan.entries[key] = _Entry(fields, number, sheet.source)
    return plan


def _known_locality(locality: str) -> bool:
    places = locality_map()
    return places.nearest(locality) is not None or places.is_outside(locality)


def _preview(plan: _Plan, session) -> ExtractPreview:
    existing = sum(1 for entry in plan.entries.values() if find_company(session, entry.fields.identity) is not None)

    def order(problem: Problem):
        return (problem.source, problem.row or 0, problem.column or "")

    return ExtractPreview(
        rows=plan.rows, valid=len(plan.entries) + plan.merged_rows, new=len(plan.entries) - existing, existing=existing,
        merged_rows=plan.merged_rows, problems=tuple(sorted(plan.problems, key=order)), notices=tuple(sorted(plan.notices, key=order)),
    )


def _read(files: Iterable[tuple[str, bytes]]) -> tuple[list[_Sheet], list[UnreadableFile]]:
    sheets, unreadable = [], []
    for name, data in files:
        try:
            sheets.append(read_extract(str(name), bytes(data)))
        except UnreadableFile as problem:
            unreadable.append(problem)
    return sheets, unreadable


def preview_extract(store: Store, token: Any, files: Iterable[tuple[str, bytes]], *, source_date: dt.date | None = None, today: dt.date | None = None) -> ExtractPreview:
    """Check every row of ``files`` ((name, bytes) pairs) and say what an import would write; writes nothing."""
    sheets, unreadable = _read(files)
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        return _preview(_plan(sheets, unreadable, source_date=source_date, today=today), session)


def import_extract(
    store: Store, token: Any, files: Iterable[tuple[str, bytes]], *, skip_invalid: bool = False, source_date: dt.date | None = None,
    today: dt.date | None = None, is_demo: bool = False,
) -> ExtractResult:
    """Import ``files`` in one unit of work; raises :class:`ExtractHasProblems` (nothing written) while a
    row is invalid, unless ``skip_invalid``. Audited once, as ``company.import``, with the counts."""
    skip_invalid = skip_invalid is True
    sheets, unreadable = _read(files)
    source_date = source_date or today or dt.date.today()
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "companies", "import")
        plan = _plan(sheets, unreadable, source_date=source_date, today=today)
        preview = _preview(plan, session)
        if preview.problems and not skip_invalid:
            raise ExtractHasProblems(preview)
        added = updated = unchanged = 0
        for entry in plan.entries.values():
            _company, created, changed = save_in_session(session, entry.fields, merge=True, is_demo=is_demo)
            added += created
            updated += bool(changed)
            unchanged += not created and not changed
        result = ExtractResult(preview, added, updated, unchanged)
        if added or updated:
            record_audit(
                session, actor, "company.import", subject_type="process", subject_label=", ".join(sorted({s.source for s in sheets}))[:200],
                detail={"added": added, "updated": updated, "skipped_rows": preview.invalid_rows if skip_invalid else 0},
            )
            touch(session, None)
        session.commit()
        return result
