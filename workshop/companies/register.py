"""The company register: add, update, list and read companies (coordinators only, audited).

A company is one row of ``companies`` and an organisation of kind ``company`` in the
network, so it can commit to ideas and be found in constellations. There is one company
per identity number: adding a company whose organisationsnummer (or, for a sole trader,
personnummer) is known updates that company instead (a merge). The organisation is found
or created the way organisations are matched on entry
(:func:`workshop.services.organisations.find_duplicate`: the same number, else the same
folded name), and a sole trader's personnummer never reaches the organisation.

The contact person is a :class:`~workshop.models.Person` of the organisation, so the
privacy module's rules apply: e-mail and phone only with their consent, in a person's
export, erased with them (docs/companies.md). Every write bumps the process revision so the
network's caches see the new organisations.

Size: over 400 lines because adding, merging and updating a company share one cleaning and one
write path (:func:`save_in_session`, which the register's import uses too).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..db import Store
from ..errors import InvalidInput, NotFound, ServiceError
from ..lengths import NAME_MAX, PHONE_MAX, POSTCODE_MAX, SHORT_MAX
from ..models import Company, MaturityAssessment, Organisation, Person, utcnow
from ..services.access import Actor, authorise, record_audit, require_coordinator
from ..services.organisations import find_duplicate
from ..services.revisions import touch
from ..services.rows import get_row
from ..text import name_key, search_key
from ..validation import as_text, clean_flag, clean_name, clean_text
from .identity import Identity, mask_personal_number, parse_identity
from .localities import locality_map
from .sizes import parse_size_class, parse_turnover, turnover_band
from .sni import parse_sni_codes, section_of
from .vocabulary import SIZE_CLASSES, size_band

__all__ = [
    "CompanyFields",
    "CompanyView",
    "DuplicateCompany",
    "clean_company",
    "add_company",
    "update_company",
    "list_companies",
    "get_company",
    "reveal_personal_number",
    "save_in_session",
]

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTCODE = re.compile(r"^(?:SE-?)?(\d{3})\s?(\d{2})$", re.IGNORECASE)


class DuplicateCompany(ServiceError):
    """Another company in the register has this identity number."""

    message_key = "companies.error.duplicate"

    def __init__(self, existing_id: int, existing_name: str):
        super().__init__(field="company_identity", name=existing_name)
        self.existing_id = existing_id


@dataclass(frozen=True)
class CompanyFields:
    """A company's register facts, cleaned: what :func:`clean_company` returns and the service writes.

    ``None`` (or an empty tuple) is "not given": a merge keeps what the register holds.
    """

    name: str
    identity: Identity
    locality: str | None = None
    sni_codes: tuple[str, ...] = ()
    size_class: str | None = None
    turnover_sek: int | None = None
    turnover_class: str | None = None
    address: str | None = None
    postcode: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_consent: bool = False
    source: str = ""
    source_date: dt.date | None = None


@dataclass(frozen=True)
class CompanyView:
    """A company as the register's pages show it. The personnummer is never here, only masked."""

    id: int
    organisation_id: int
    name: str
    locality: str | None
    org_number: str | None
    personal_number_masked: str  # "" unless a sole trader
    legal_form: str
    sni_codes: tuple[str, ...]
    sni_section: str | None  # of the main code
    size_class: str | None
    size_band: str | None
    turnover_sek: int | None
    turnover_class: str | None  # the band, from kronor or as the extract gave it
    address: str
    postcode: str | None
    development_point: str | None
    contact_person_id: int | None
    contact_name: str | None
    contact_email: str | None
    contact_phone: str | None
    source: str
    source_date: dt.date | None
    is_demo: bool
    surveyed: bool  # at least one submitted maturity assessment

    @property
    def identity_shown(self) -> str:
        return self.org_number or self.personal_number_masked

    @property
    def is_sole_trader(self) -> bool:
        return bool(self.personal_number_masked)


def _date(value: object, field: str) -> dt.date | None:
    if value is None or isinstance(value, dt.datetime):
        return value.date() if isinstance(value, dt.datetime) else None
    if isinstance(value, dt.date):
        return value
    text = as_text(value, field).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InvalidInput("companies.error.date", field=field) from None


def clean_company(
    *,
    name: object,
    identity_number: object,
    locality: object = None,
    sni_codes: object = None,
    size_class: object = None,
    turnover: object = None,
    turnover_thousands: bool = False,
    address: object = None,
    postcode: object = None,
    contact_name: object = None,
    contact_email: object = None,
    contact_phone: object = None,
    contact_consent: object = False,
    source: object = "",
    source_date: object = None,
    today: dt.date | None = None,
) -> CompanyFields:
    """Check everything a person typed or an extract gave; raise :class:`InvalidInput` at the first wrong field.

    ``turnover`` is kronor, or thousands with ``turnover_thousands`` (a *tkr* column), or a
    class (``"1 000–4 999 tkr"``). E-mail and phone are kept only with ``contact_consent``.
    """
    cleaned_name = clean_name(name, "company_name", max_length=NAME_MAX)
    identity = parse_identity(identity_number, "company_identity", today=today)
    if identity is None:
        raise InvalidInput("companies.error.identity_required", field="company_identity")
    place = clean_name(locality, "company_locality", max_length=NAME_MAX, required=False) or None
    if place:
        place = locality_map().canonical(place)
    sek, band = parse_turnover(turnover if turnover is not None else "", thousands=turnover_thousands is True)
    code = clean_text(postcode, "company_postcode", max_length=POSTCODE_MAX, required=False)
    if code:
        match = _POSTCODE.match(code)
        if not match:
            raise InvalidInput("companies.error.postcode", field="company_postcode")
        code = f"{match.group(1)} {match.group(2)}"
    consent = clean_flag(contact_consent, "company_contact_consent")
    person = clean_name(contact_name, "company_contact_name", max_length=NAME_MAX, required=False) or None
    email = clean_text(contact_email, "company_contact_email", max_length=SHORT_MAX, required=False) or None
    phone = clean_text(contact_phone, "company_contact_phone", max_length=PHONE_MAX, required=False) or None
    if email and not _EMAIL.fullmatch(email):
        raise InvalidInput("companies.error.email", field="company_contact_email")
    if (email or phone) and not person:
        raise InvalidInput("companies.error.contact_without_name", field="company_contact_name")
    return CompanyFields(
        name=cleaned_name,
        identity=identity,
        locality=place,
        sni_codes=tuple(parse_sni_codes(sni_codes, "company_sni")),
        size_class=parse_size_class(size_class if size_class is not None else "", "company_size"),
        turnover_sek=sek,
        turnover_class=band,
        address=clean_text(address, "company_address", max_length=SHORT_MAX, required=False) or None,
        postcode=code or None,
        contact_name=person,
        contact_email=email if consent else None,
        contact_phone=phone if consent else None,
        contact_consent=consent and bool(email or phone),
        source=clean_text(source, "company_source", max_length=SHORT_MAX, required=False),
        source_date=_date(source_date, "company_source_date"),
    )


# --- reading ---------------------------------------------------------------------------------


def _surveyed(session: Session, company_ids: list[int]) -> set[int]:
    if not company_ids:
        return set()
    return set(
        session.scalars(
            select(MaturityAssessment.company_id).where(MaturityAssessment.company_id.in_(company_ids), MaturityAssessment.submitted_at.is_not(None)).distinct()
        )
    )


def _views(session: Session, companies: list[Company]) -> list[CompanyView]:
    surveyed = _surveyed(session, [c.id for c in companies])
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_([c.contact_person_id for c in companies if c.contact_person_id])))}
    views = []
    for c in companies:
        org = c.organisation
        person = people.get(c.contact_person_id) if c.contact_person_id else None
        codes = tuple(c.sni_codes or ())
        views.append(
            CompanyView(
                id=c.id, organisation_id=org.id, name=org.name, locality=org.locality, org_number=org.org_number,
                personal_number_masked=mask_personal_number(c.personal_number), legal_form=c.legal_form, sni_codes=codes,
                sni_section=section_of(codes[0]) if codes else None, size_class=c.size_class,
                size_band=size_band(c.size_class) if c.size_class in SIZE_CLASSES else None,
                turnover_sek=c.turnover_sek, turnover_class=turnover_band(c.turnover_sek) if c.turnover_sek is not None else c.turnover_class,
                address=c.address or "", postcode=c.postcode, development_point=c.development_point,
                contact_person_id=person.id if person else None,
                contact_name=person.name if person else None,
                contact_email=person.email if person else None,
                contact_phone=person.phone if person else None,
                source=c.source or "", source_date=c.source_date, is_demo=c.is_demo, surveyed=c.id in surveyed,
            )
        )
    return views


def _all(session: Session) -> list[Company]:
    return list(session.scalars(select(Company).join(Organisation, Organisation.id == Company.organisation_id).order_by(Organisation.name_key, Company.id)))


def list_companies(
    store: Store,
    token: Any,
    *,
    query: str = "",
    development_point: str | None = None,
    section: str | None = None,
    size_class: str | None = None,
) -> list[CompanyView]:
    """The register, by name: every word of ``query`` in the name, number, locality, SNI code or contact.

    Filters: a development point (``""`` for companies without one), an SNI section letter,
    a size class. Words match case and accents ignored. The masked personnummer is matched
    as shown, never the number itself.
    """
    words = [search_key(word) for word in as_text(query, "query").split()]
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        views = _views(session, _all(session))
    found = []
    for view in views:
        if development_point is not None and (view.development_point or "") != development_point:
            continue
        if section and view.sni_section != section:
            continue
        if size_class and view.size_class != size_class:
            continue
        haystack = search_key(" ".join(filter(None, (view.name, view.identity_shown, view.locality, view.development_point, view.contact_name, *view.sni_codes))))
        if all(word in haystack for word in words):
            found.append(view)
    return found


def get_company(store: Store, token: Any, company_id: Any) -> CompanyView:
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        return _views(session, [_get(session, company_id)])[0]


def _get(session: Session, company_id: Any, *, lock: bool = False) -> Company:
    return get_row(session, Company, company_id, field="company", message_key="companies.error.not_found", lock=lock)


def reveal_personal_number(store: Store, token: Any, company_id: Any) -> str:
    """A sole trader's whole personnummer, for the coordinator who asks; the asking is audited."""
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "companies", "personal_number")
        company = _get(session, company_id)
        if not company.personal_number:
            raise NotFound("companies.error.no_personal_number", field="company")
        record_audit(session, actor, "company.personal_number", subject_type="company", subject_id=company.id, subject_label=company.organisation.name)
        number = company.personal_number
        session.commit()
    return number


# --- writing ---------------------------------------------------------------------------------


def find_company(session: Session, identity: Identity) -> Company | None:
    """The company with this identity number, if the register has it."""
    if identity.is_personal:
        return session.scalar(select(Company).where(Company.personal_number == identity.number))
    return session.scalar(
        select(Company).join(Organisation, Organisation.id == Company.organisation_id).where(Organisation.org_number == identity.number, Organisation.merged_into_id.is_(None))
    )


def _organisation_for(session: Session, fields: CompanyFields) -> Organisation:
    """The network's organisation for a new company: found as on entry, else created (kind company)."""
    number = None if fields.identity.is_personal else fields.identity.number
    found = find_duplicate(session, fields.name, number, kind="company")
    usable = (
        found is not None
        and found.kind != "private_person"
        and (found.org_number is None or found.org_number == number)
        and not session.scalar(select(exists().where(Company.organisation_id == found.id)))
    )
    if usable:
        if found.kind == "other_organisation":
            found.kind = "company"  # named in a list before anyone said what it is
        if number and not found.org_number:
            found.org_number = number
        if fields.locality and not found.locality:
            found.locality = fields.locality
        return found
    organisation = Organisation(name=fields.name, name_key=name_key(fields.name), kind="company", locality=fields.locality, org_number=number, offers=[], description="")
    session.add(organisation)
    session.flush()
    return organisation


def _contact(session: Session, organisation: Organisation, fields: CompanyFields) -> Person | None:
    if not fields.contact_name:
        return None
    person = session.scalar(select(Person).where(Person.name_key == name_key(fields.contact_name), Person.organisation_id == organisation.id, Person.anonymised_at.is_(None)))
    if person is None:
        person = Person(name=fields.contact_name, name_key=name_key(fields.contact_name), organisation_id=organisation.id)
        session.add(person)
        session.flush()
    if fields.contact_consent:
        person.email = fields.contact_email or person.email
        person.phone = fields.contact_phone or person.phone
        person.contact_consent_at = utcnow()
    return person


def save_in_session(session: Session, fields: CompanyFields, *, company: Company | None = None, merge: bool = True, is_demo: bool = False) -> tuple[Company, bool, list[str]]:
    """Write one company in the caller's unit of work: (company, created, fields that changed).

    ``company`` given: that company is edited (another company with the same number is a
    :class:`DuplicateCompany`). Else the company with the same identity number is updated,
    or a new one created. ``merge``: values not given keep what the register holds (an
    extract's empty cell); without it, an edit, every field is as given.
    """
    known = find_company(session, fields.identity)
    if company is not None and known is not None and known.id != company.id:
        raise DuplicateCompany(known.id, known.organisation.name)
    company = company or known
    created = company is None
    if created:
        organisation = _organisation_for(session, fields)
        company = Company(organisation_id=organisation.id, legal_form=fields.identity.legal_form, sni_codes=[], address="", source="", is_demo=is_demo)
        session.add(company)
        session.flush()
    organisation = company.organisation
    changed: list[str] = []

    def put(row: Any, attribute: str, value: Any, label: str | None = None) -> None:
        if merge and (value is None or value == () or value == []):
            return
        if getattr(row, attribute) != value:
            setattr(row, attribute, value)
            changed.append(label or attribute)

    put(organisation, "name", fields.name)
    organisation.name_key = name_key(organisation.name)
    put(organisation, "locality", fields.locality)
    put(organisation, "org_number", None if fields.identity.is_personal else fields.identity.number, "identity")
    put(company, "personal_number", fields.identity.number if fields.identity.is_personal else None, "identity")
    put(company, "legal_form", fields.identity.legal_form)
    put(company, "sni_codes", list(fields.sni_codes))
    put(company, "size_class", fields.size_class)
    if not merge or fields.turnover_sek is not None or fields.turnover_class is not None:
        put(company, "turnover_sek", fields.turnover_sek, "turnover")
        put(company, "turnover_class", None if fields.turnover_sek is not None else fields.turnover_class, "turnover")
    put(company, "address", fields.address if fields.address is not None or merge else "")
    put(company, "postcode", fields.postcode)
    put(company, "development_point", locality_map().nearest(organisation.locality) if organisation.locality else (None if not merge else company.development_point))
    person = _contact(session, organisation, fields)
    put(company, "contact_person_id", person.id if person else None, "contact")
    if fields.source:
        put(company, "source", fields.source)
    put(company, "source_date", fields.source_date)
    changed = sorted(set(changed))
    if created:
        changed = []
    return company, created, changed


def _write(store: Store, token: Any, fields: CompanyFields, *, company_id: Any = None, merge: bool) -> CompanyView:
    with store.unit_of_work(write=True) as session:
        actor = authorise(session, token, "companies", "add" if company_id is None else "edit")
        target = _get(session, company_id, lock=True) if company_id is not None else None
        company, created, changed = save_in_session(session, fields, company=target, merge=merge)
        _audit(session, actor, company, created, changed)
        touch(session, None)
        view = _views(session, [company])[0]
        session.commit()
        return view


def _audit(session: Session, actor: Actor, company: Company, created: bool, changed: list[str]) -> None:
    if not created and not changed:
        return
    record_audit(
        session, actor, "company.add" if created else "company.edit", subject_type="company", subject_id=company.id,
        subject_label=company.organisation.name, detail={} if created else {"fields": changed},
    )


def add_company(store: Store, token: Any, *, today: dt.date | None = None, **values: Any) -> CompanyView:
    """Add a company (values as :func:`clean_company` takes them); one that is known by its number is updated."""
    fields = clean_company(today=today, **values)
    if fields.source_date is None:
        fields = replace(fields, source_date=today or dt.date.today())
    return _write(store, token, fields, merge=True)


def update_company(store: Store, token: Any, company_id: Any, *, today: dt.date | None = None, **values: Any) -> CompanyView:
    """Edit a company: every field given is written (a blank clears it); a field not given keeps its value.

    A blank ``identity_number`` keeps the number the company has: the page never holds a
    sole trader's personnummer, so it cannot send it back.
    """
    with store.unit_of_work() as session:
        require_coordinator(session, token)
        company = _get(session, company_id)
        (view,) = _views(session, [company])
        current = {
            "name": view.name,
            "identity_number": company.personal_number or company.organisation.org_number,
            "locality": view.locality,
            "sni_codes": list(view.sni_codes),
            "size_class": view.size_class or "",
            "turnover": str(view.turnover_sek) if view.turnover_sek is not None else (company.turnover_class or ""),
            "address": view.address,
            "postcode": view.postcode,
            "contact_name": view.contact_name,
            "contact_email": view.contact_email,
            "contact_phone": view.contact_phone,
            "contact_consent": bool(view.contact_email or view.contact_phone),
            "source": view.source,
            "source_date": view.source_date,
        }
    if not str(values.get("identity_number") or "").strip():
        values["identity_number"] = current["identity_number"]
    if "turnover" not in values:
        values.pop("turnover_thousands", None)  # the kept turnover is in kronor or a band already
    fields = clean_company(today=today, **{**current, **values})
    return _write(store, token, fields, company_id=company_id, merge=False)
