"""The register's personal data, for the privacy module: a person's companies and their erasure.

Two things in the register are personal data: the contact person (a
:class:`~workshop.models.Person`, under every rule of :mod:`workshop.privacy`) and a sole
trader's personnummer (``Company.personal_number``). For a sole trader the contact person
is taken to be the owner, whose personnummer it is, so:

- a person's export (:func:`workshop.privacy.records.person_data`) lists the companies they
  are the contact of, with the personnummer in full for the coordinator's export and
  masked in the participant's own view (:func:`companies_of`);
- erasing a person (or anonymising them at retention) removes them as contact person and
  deletes the personnummer of the sole traders they were the contact of
  (:func:`forget_contacts`); the company stays in the register under its trading name,
  which is public in the business register.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import Company, Organisation
from .identity import mask_personal_number

__all__ = ["companies_of", "forget_contacts"]


def companies_of(session: Session, person_id: int, *, full: bool) -> tuple[dict[str, Any], ...]:
    """The companies ``person_id`` is the contact person of, as plain rows for an export."""
    rows = session.execute(
        select(Company, Organisation.name, Organisation.org_number)
        .join(Organisation, Organisation.id == Company.organisation_id)
        .where(Company.contact_person_id == person_id)
        .order_by(Company.id)
    ).all()
    return tuple(
        {
            "id": company.id,
            "name": name,
            "org_number": org_number,
            "personal_number": (company.personal_number if full else mask_personal_number(company.personal_number)) or None,
            "legal_form": company.legal_form,
            "role": "contact_person",
            "source": company.source,
            "source_date": company.source_date.isoformat() if company.source_date else None,
        }
        for company, name, org_number in rows
    )


def forget_contacts(session: Session, person_ids: list[int]) -> int:
    """Remove the people as contact persons; delete the personnummer of their sole traders. Returns the companies touched."""
    if not person_ids:
        return 0
    session.execute(
        update(Company).where(Company.contact_person_id.in_(person_ids), Company.personal_number.is_not(None)).values(personal_number=None).execution_options(synchronize_session=False)
    )
    result = session.execute(update(Company).where(Company.contact_person_id.in_(person_ids)).values(contact_person_id=None).execution_options(synchronize_session=False))
    return result.rowcount or 0
