"""Ideas that still lack the two partners a LEADER project needs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workshop.network.message import Message
from workshop.network.snapshot import NetworkSnapshot

__all__ = ["PartnerGap", "ideas_needing_partners"]

PRIVATE_PERSON = "private_person"


@dataclass(frozen=True)
class PartnerGap:
    """An idea with fewer than two distinct, non-private organisations committed."""

    idea_id: int
    committed: tuple[int, ...]  # the non-private organisations already committed
    message: Message


def ideas_needing_partners(snapshot: NetworkSnapshot) -> tuple[PartnerGap, ...]:
    """Return the ideas with fewer than two distinct organisations that count as partners.

    Private persons may commit but do not count: LEADER projects need at least two
    actors that are legal entities.

    Returns
    -------
    tuple of PartnerGap
        In idea id order. The message is ``network.idea_needs_partners`` with
        ``title``, ``committed`` (how many count) and ``missing`` (how many more are
        needed).

    Examples
    --------
    >>> from workshop.network.snapshot import CommitmentRecord, IdeaRecord, OrganisationRecord
    >>> snapshot = NetworkSnapshot(
    ...     organisations=(OrganisationRecord(1, "Föreningen", "association", "nonprofit", None, None),
    ...                    OrganisationRecord(2, "Karin Berg", "private_person", None, None, None)),
    ...     ideas=(IdeaRecord(10, "Bastuflotte", 1, None, None),),
    ...     commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 2, "partner", 1)))
    >>> gap = ideas_needing_partners(snapshot)[0]
    >>> gap.committed, gap.message.params["missing"]
    ((1,), 1)

    Notes
    -----
    Linear in the number of commitments and ideas.
    """
    partners = _committed_partners(snapshot)
    gaps = []
    for idea in sorted(snapshot.ideas, key=lambda i: i.id):
        committed = tuple(sorted(partners.get(idea.id, ())))
        if len(committed) < 2:
            gaps.append(
                PartnerGap(
                    idea.id,
                    committed,
                    Message(
                        "network.idea_needs_partners",
                        {"title": idea.title, "committed": len(committed), "missing": 2 - len(committed)},
                    ),
                )
            )
    return tuple(gaps)


def _committed_partners(snapshot: NetworkSnapshot) -> dict[int, set[int]]:
    kinds = {o.id: o.kind for o in snapshot.organisations}
    partners: dict[int, set[int]] = defaultdict(set)
    for commitment in snapshot.commitments:
        kind = kinds.get(commitment.organisation_id)
        if kind is not None and kind != PRIVATE_PERSON:
            partners[commitment.idea_id].add(commitment.organisation_id)
    return partners
