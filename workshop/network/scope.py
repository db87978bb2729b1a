"""Which organisations belong to a view of the network: one rule for every output.

A workshop's map, its insights, its exports and its report all show the same set of
organisations, decided here and nowhere else (:func:`filter_snapshot` asks this module).
The whole process (the coordinator's view) holds everyone: organisations from every
meeting and those that came in outside the meetings (the company register, an import).
A workshop holds only the organisations that were part of *that* meeting; a register
company joins a workshop's view only when it takes part in it.
"""

from __future__ import annotations

from collections.abc import Collection

from workshop.network.snapshot import NetworkSnapshot

__all__ = ["SCOPE_REASONS", "scope_reasons", "organisations_in_scope"]

# Why an organisation belongs to a workshop's view, in the order a reason is reported.
SCOPE_REASONS = ("took_part", "committed", "tied", "registered")


def scope_reasons(snapshot: NetworkSnapshot, workshop_ids: Collection[int]) -> dict[int, frozenset[str]]:
    """For every organisation in the view of the meetings ``workshop_ids``, why it is there.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    workshop_ids : collection of int
        The meetings whose view is asked for (one workshop, or a chosen few).

    Returns
    -------
    dict
        Organisation id to the set of reasons (see :data:`SCOPE_REASONS`):

        * ``"took_part"``: a participant of one of the meetings came from it;
        * ``"committed"``: it committed to an idea at one of the meetings (an idea
          brought there or carried into it);
        * ``"tied"``: a tie recorded at one of the meetings names it (participants
          record their own organisation's ties, so this is an organisation tied to a
          participant's organisation);
        * ``"registered"``: it was first registered at one of the meetings (a
          facilitator or a participant added it there).

        An organisation with none of these (a company from the register, one imported
        for the whole process, one that only took part in other meetings) is absent.
        Organisations missing from ``snapshot.organisations`` are never returned.

    Examples
    --------
    >>> from workshop.network.snapshot import AttendanceRecord, OrganisationRecord, TieRecord
    >>> orgs = (OrganisationRecord(1, "Vedevågs IF", "association", "nonprofit", "Vedevåg", None, first_workshop_id=2),
    ...         OrganisationRecord(2, "Fellingsbro Bygg AB", "company", "private", "Fellingsbro", None),
    ...         OrganisationRecord(3, "Vedevågs Såg AB", "company", "private", "Vedevåg", None))
    >>> snapshot = NetworkSnapshot(organisations=orgs, attendances=(AttendanceRecord(1, 2),),
    ...                            ties=(TieRecord(1, 3, "know", 2),))
    >>> {org: sorted(why) for org, why in sorted(scope_reasons(snapshot, [2]).items())}
    {1: ['registered', 'tied', 'took_part'], 3: ['tied']}

    Notes
    -----
    Linear in the size of the snapshot.
    """
    wanted = frozenset(workshop_ids)
    known = {o.id for o in snapshot.organisations}
    reasons: dict[int, set[str]] = {}

    def add(organisation_id: int | None, reason: str) -> None:
        if organisation_id in known:
            reasons.setdefault(organisation_id, set()).add(reason)

    for attendance in snapshot.attendances:
        if attendance.workshop_id in wanted:
            add(attendance.organisation_id, "took_part")
    for commitment in snapshot.commitments:
        if commitment.workshop_id in wanted:
            add(commitment.organisation_id, "committed")
    for tie in snapshot.ties:
        if tie.workshop_id in wanted:
            add(tie.organisation_a, "tied")
            add(tie.organisation_b, "tied")
    for organisation in snapshot.organisations:
        if organisation.first_workshop_id in wanted:
            add(organisation.id, "registered")
    return {organisation: frozenset(why) for organisation, why in reasons.items()}


def organisations_in_scope(
    snapshot: NetworkSnapshot, workshop_ids: Collection[int] | None = None, *, whole_process: bool | None = None
) -> frozenset[int]:
    """The ids of the organisations a view of ``workshop_ids`` shows.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    workshop_ids : collection of int, optional
        The meetings of the view; ``None``: every meeting of ``snapshot``.
    whole_process : bool, optional
        Whether the view is of the whole process (the coordinator's), which also
        holds every organisation not registered at any meeting (the company
        register, an import). Defaults to ``workshop_ids is None``: a view of chosen
        workshops holds only what :func:`scope_reasons` finds for them. The process
        as it stood after a meeting (the time slider) passes ``True`` with the
        meetings up to it.

    Returns
    -------
    frozenset of int

    Examples
    --------
    >>> from workshop.network.snapshot import AttendanceRecord, OrganisationRecord
    >>> orgs = (OrganisationRecord(1, "Vedevågs IF", "association", "nonprofit", "Vedevåg", None, first_workshop_id=2),
    ...         OrganisationRecord(2, "Fellingsbro Bygg AB", "company", "private", "Fellingsbro", None))
    >>> snapshot = NetworkSnapshot(organisations=orgs, attendances=(AttendanceRecord(1, 2),))
    >>> sorted(organisations_in_scope(snapshot)), sorted(organisations_in_scope(snapshot, [2]))
    ([1, 2], [1])

    Notes
    -----
    Linear in the size of the snapshot.
    """
    if whole_process is None:
        whole_process = workshop_ids is None
    if workshop_ids is None and whole_process:
        return frozenset(o.id for o in snapshot.organisations)
    if workshop_ids is None:
        workshop_ids = [w.id for w in snapshot.workshops]
    found = set(scope_reasons(snapshot, workshop_ids))
    if whole_process:
        found |= {o.id for o in snapshot.organisations if o.first_workshop_id is None}
    return frozenset(found)
