"""The closed vocabularies of the domain: kinds, sectors, roles and categories.

Each value is a stable English key stored in the database; the UI shows it through
the translation catalog (``kind.association`` and so on). Keeping them in one place
lets models, services, the network analysis and the pages agree without importing
each other.
"""

from __future__ import annotations

__all__ = [
    "ORGANISATION_KINDS",
    "SECTOR_BY_KIND",
    "OWNER_ELIGIBLE_KINDS",
    "SECTORS",
    "COMMITMENT_ROLES",
    "NOTE_KINDS",
    "NOTE_SUBJECTS",
    "NOTE_VISIBILITIES",
    "TIE_KINDS",
    "NEED_CATEGORIES",
    "IDEA_STAGES",
    "sector_of",
]

ORGANISATION_KINDS = (
    "association",  # ideell förening
    "company",  # företag
    "public_body",  # kommun, region eller myndighet
    "education",  # utbildning eller studieförbund
    "other_organisation",  # annan organisation
    "private_person",  # privatperson
)

SECTORS = ("nonprofit", "private", "public")

# LEADER's local action groups are made of three sectors. A private person belongs to
# none of them: they can take part but can neither own a project nor count as a partner.
SECTOR_BY_KIND: dict[str, str | None] = {
    "association": "nonprofit",
    "company": "private",
    "public_body": "public",
    "education": "nonprofit",  # studieförbund are non-profit; schools owned by the municipality register as public_body
    "other_organisation": "nonprofit",
    "private_person": None,
}

# Every legal entity may own a LEADER project; private individuals cannot apply.
OWNER_ELIGIBLE_KINDS = frozenset(k for k in ORGANISATION_KINDS if k != "private_person")

COMMITMENT_ROLES = ("initiator", "partner", "contributor", "possible_owner")

NOTE_KINDS = ("contacts", "resources", "local_knowledge", "experience", "obstacles")
NOTE_SUBJECTS = ("organisation", "idea", "place", "person")
NOTE_VISIBILITIES = ("all", "facilitators")

TIE_KINDS = ("cooperated", "know", "want")

NEED_CATEGORIES = ("competence", "resource", "premises", "money")

IDEA_STAGES = ("idea", "refined", "project_ready", "parked")


def sector_of(kind: str) -> str | None:
    """Return the LEADER sector of an organisation kind (``None`` for private persons).

    >>> sector_of("company")
    'private'
    >>> sector_of("private_person") is None
    True
    """
    return SECTOR_BY_KIND[kind]
