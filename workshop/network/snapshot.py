"""Plain, immutable records that the network analysis works on.

The storage layer reads the database once and hands a :class:`NetworkSnapshot` to
the analysis; nothing in ``workshop.network`` touches SQLAlchemy. That keeps every
algorithm a pure function that tests can feed with small hand-made networks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Capability",
    "WorkshopRecord",
    "OrganisationRecord",
    "IdeaRecord",
    "CommitmentRecord",
    "TieRecord",
    "AttendanceRecord",
    "NoteRecord",
    "FitVerdictRecord",
    "WordAssociationRecord",
    "NetworkSnapshot",
]


@dataclass(frozen=True, order=True)
class Capability:
    """Something an idea needs or an organisation can contribute.

    ``category`` is one of :data:`workshop.vocabulary.NEED_CATEGORIES`; ``label`` is
    normalised (lower case, single spaces) so that equal labels match exactly.
    """

    category: str
    label: str


@dataclass(frozen=True)
class WorkshopRecord:
    id: int
    title: str
    date: dt.date
    locality: str
    sequence: int  # 1 for the first meeting of the process, by date then id


@dataclass(frozen=True)
class OrganisationRecord:
    id: int
    name: str
    kind: str  # workshop.vocabulary.ORGANISATION_KINDS
    sector: str | None  # None for private persons
    locality: str | None
    leader_area: str | None  # from the locality table; None when unknown
    offers: frozenset[Capability] = frozenset()
    first_workshop_id: int | None = None  # the meeting where it first appeared
    description: str = ""
    # How many projects it can take part in at once; None: the default (workshop.network.plan).
    capacity: int | None = None


@dataclass(frozen=True)
class IdeaRecord:
    id: int
    title: str
    workshop_id: int  # the meeting where it was first brought
    locality: str | None
    leader_area: str | None
    themes: frozenset[str] = frozenset()
    needs: frozenset[Capability] = frozenset()
    stage: str = "idea"
    innovation: str = ""
    budget_sek: int | None = None
    cofinancing_hours: int | None = None
    owner_organisation_id: int | None = None
    description: str = ""


@dataclass(frozen=True)
class CommitmentRecord:
    idea_id: int
    organisation_id: int
    role: str  # workshop.vocabulary.COMMITMENT_ROLES
    workshop_id: int  # the meeting in which it was given


@dataclass(frozen=True)
class TieRecord:
    organisation_a: int
    organisation_b: int
    kind: str  # workshop.vocabulary.TIE_KINDS
    workshop_id: int


@dataclass(frozen=True)
class AttendanceRecord:
    organisation_id: int
    workshop_id: int


@dataclass(frozen=True)
class NoteRecord:
    """Tacit knowledge ("dold kunskap") about an organisation or an idea: its text feeds relevance."""

    organisation_id: int | None
    idea_id: int | None
    text: str
    workshop_id: int


@dataclass(frozen=True)
class FitVerdictRecord:
    """A facilitator marked a suggested member: it fits the idea (``fits``) or it does not."""

    idea_id: int
    organisation_id: int
    fits: bool


@dataclass(frozen=True)
class WordAssociationRecord:
    """A need word and an offer word that "fits" verdicts confirmed ``confirmations`` times."""

    need_word: str
    offer_word: str
    confirmations: int


@dataclass(frozen=True)
class NetworkSnapshot:
    """Everything the analysis needs, read in one go from storage."""

    workshops: tuple[WorkshopRecord, ...] = ()
    organisations: tuple[OrganisationRecord, ...] = ()
    ideas: tuple[IdeaRecord, ...] = ()
    commitments: tuple[CommitmentRecord, ...] = ()
    ties: tuple[TieRecord, ...] = ()
    attendances: tuple[AttendanceRecord, ...] = ()
    # Budget cap in SEK per Leader area (e.g. {"Leader Mälardalen": 1_300_000}); an
    # area without an entry has no known cap.
    leader_caps: dict[str, int] = field(default_factory=dict)
    notes: tuple[NoteRecord, ...] = ()
    # What the process has learnt from its facilitators (workshop.network.feedback).
    verdicts: tuple[FitVerdictRecord, ...] = ()
    word_associations: tuple[WordAssociationRecord, ...] = ()
