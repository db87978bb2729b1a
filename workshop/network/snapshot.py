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
    "initiator_commitments",
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
    # The organisation of the participant who proposed the idea: a committed member
    # (initiator) of every constellation of it. None when unknown or when the proposer came
    # as a private person (then ``proposed_by_private_person``: an organisation must own it).
    proposer_id: int | None = None
    proposed_by_private_person: bool = False


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
    """Everything the analysis needs, read in one go from storage.

    The proposer's organisation of an idea (:attr:`IdeaRecord.proposer_id`) is committed
    to it as ``initiator`` without a commitment row of its own: a snapshot adds that
    commitment when it is made (after the rows, unless a row for the pair exists), so
    every reader of ``commitments`` (graph, readiness, relevance, constellations) sees it.

    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Hembygdsföreningen", "association", "nonprofit", None, None),),
    ...     ideas=(IdeaRecord(10, "Öppen verkstad", 1, None, None, proposer_id=1),))
    >>> snapshot.commitments
    (CommitmentRecord(idea_id=10, organisation_id=1, role='initiator', workshop_id=1),)
    """

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
    # What the process has learnt from its facilitators (workshop.network.relevance.feedback).
    verdicts: tuple[FitVerdictRecord, ...] = ()
    word_associations: tuple[WordAssociationRecord, ...] = ()
    # Words coordinators added to the thesaurus's concepts: (concept key, word), sorted
    # (workshop.language.concepts.AddedWords).
    concept_words: tuple[tuple[str, str], ...] = ()
    # (idea, organisation) pairs whose invitation was answered "Nej tack" (workshop.invitations):
    # the organisation is never suggested for that idea again, unless it commits after all.
    declined: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        derived = initiator_commitments(self.ideas, self.organisations, self.commitments)
        if derived:
            object.__setattr__(self, "commitments", tuple(self.commitments) + derived)


def initiator_commitments(ideas, organisations, commitments) -> tuple[CommitmentRecord, ...]:
    """The ``initiator`` commitments of the ideas' proposers that no commitment row gives.

    Only proposers among ``organisations`` count (a filtered snapshot may leave one out).

    >>> initiator_commitments((IdeaRecord(10, "Idé", 1, None, None, proposer_id=1),), (), ())
    ()
    """
    proposed = [(i.id, i.proposer_id, i.workshop_id) for i in ideas if i.proposer_id is not None]
    if not proposed:
        return ()
    present = {o.id for o in organisations}
    given = {(c.idea_id, c.organisation_id) for c in commitments}
    return tuple(
        CommitmentRecord(idea_id, organisation_id, "initiator", workshop_id)
        for idea_id, organisation_id, workshop_id in proposed
        if organisation_id in present and (idea_id, organisation_id) not in given
    )
