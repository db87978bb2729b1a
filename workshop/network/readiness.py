"""Is an idea ready to become a LEADER project? A checklist per idea.

The criteria follow what a Leader office asks for before an application: a
cooperation of at least two actors, a project owner, local anchoring, a described
innovation, a budget within the area's cap and an estimate of co-financing (volunteer
time counts). The service lets an idea reach the stage ``project_ready`` only when
:attr:`Readiness.ready` is true.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from workshop.network.message import Message, UnknownIdea
from workshop.network.ownership import idea_ownership
from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import OWNER_ELIGIBLE_KINDS

__all__ = [
    "CRITERIA",
    "CRITERION_LABELS",
    "MIN_INNOVATION_CHARS",
    "Criterion",
    "Readiness",
    "idea_readiness",
    "all_readiness",
]

# The order the checklist is shown in.
CRITERIA = ("partners", "owner", "anchoring", "innovation", "budget", "cofinancing")

# Catalog keys naming each criterion, for the checklist's left column.
CRITERION_LABELS = {key: f"readiness.criterion.{key}" for key in CRITERIA}

# Enough for one real sentence; "Ny idé." is not a description of what is new.
MIN_INNOVATION_CHARS = 20

PRIVATE_PERSON = "private_person"


@dataclass(frozen=True)
class Criterion:
    """One line of the checklist: its ``key`` (from :data:`CRITERIA`), whether it passed,
    and the message explaining why."""

    key: str
    passed: bool
    message: Message


@dataclass(frozen=True)
class Readiness:
    """The checklist for one idea, criteria in :data:`CRITERIA` order."""

    idea_id: int
    criteria: tuple[Criterion, ...]

    @property
    def ready(self) -> bool:
        return all(criterion.passed for criterion in self.criteria)

    @property
    def summary(self) -> Message:
        return Message("readiness.ready" if self.ready else "readiness.not_ready", {})

    @property
    def failed(self) -> tuple[Criterion, ...]:
        return tuple(criterion for criterion in self.criteria if not criterion.passed)


def idea_readiness(snapshot: NetworkSnapshot, idea_id: int) -> Readiness:
    """Check one idea against the LEADER readiness criteria.

    Parameters
    ----------
    snapshot : NetworkSnapshot
    idea_id : int

    Returns
    -------
    Readiness
        With one :class:`Criterion` per key in :data:`CRITERIA`:

        * ``partners``: at least two distinct committed organisations that are not
          private persons. ``readiness.partners.ok`` (``count``) or
          ``readiness.partners.missing`` (``count``, ``missing``).
        * ``owner``: the idea's named owner is owner-eligible and committed, or an
          owner-eligible organisation committed as ``possible_owner``.
          ``readiness.owner.ok`` (``owner``, ``owner_id``), else
          ``readiness.owner.not_eligible`` / ``readiness.owner.not_committed``
          (``owner``) about the named owner, or the unsettled owner's sentence of
          :class:`~workshop.network.ownership.Ownership` (``ownership.open``: who
          could; ``ownership.missing``; ``ownership.private_proposer``), the very
          words the constellations' gaps use.
        * ``anchoring``: the idea has a locality in a known Leader area and at least one
          committed organisation in that area. ``readiness.anchoring.ok`` (``locality``,
          ``area``, ``count``), ``readiness.anchoring.no_locality``,
          ``readiness.anchoring.unknown_area`` (``locality``) or
          ``readiness.anchoring.no_local_member`` (``locality``, ``area``).
        * ``innovation``: at least :data:`MIN_INNOVATION_CHARS` characters after
          stripping. ``readiness.innovation.ok`` or ``readiness.innovation.too_short``
          (``chars``, ``minimum``).
        * ``budget``: given, above 0, and at most the area's cap when it has one.
          ``readiness.budget.ok`` (``budget``, ``cap``, ``area``),
          ``readiness.budget.ok_no_cap`` (``budget``), ``readiness.budget.missing``,
          ``readiness.budget.not_positive`` (``budget``) or
          ``readiness.budget.over_cap`` (``budget``, ``cap``, ``area``, ``excess``).
        * ``cofinancing``: hours given and not negative (0 is an honest estimate).
          ``readiness.cofinancing.ok`` (``hours``), ``readiness.cofinancing.missing``
          or ``readiness.cofinancing.negative`` (``hours``).

        Amounts are in whole SEK and hours in whole hours, unformatted: the catalog
        or the page formats them.

    Raises
    ------
    UnknownIdea
        If ``idea_id`` is not in the snapshot.

    Examples
    --------
    >>> from workshop.network.snapshot import CommitmentRecord, OrganisationRecord
    >>> orgs = (OrganisationRecord(1, "Fellingsbro bygdegård", "association", "nonprofit", "Fellingsbro", "Leader Mälardalen"),
    ...         OrganisationRecord(2, "Fellingsbro gårdsbutik", "company", "private", "Fellingsbro", "Leader Mälardalen"))
    >>> idea = IdeaRecord(10, "Matmarknad", 1, "Fellingsbro", "Leader Mälardalen",
    ...                   innovation="Lokala producenter säljer tillsammans i bygdegården.",
    ...                   budget_sek=1_500_000, cofinancing_hours=300)
    >>> snapshot = NetworkSnapshot(organisations=orgs, ideas=(idea,), leader_caps={"Leader Mälardalen": 1_300_000},
    ...     commitments=(CommitmentRecord(10, 1, "possible_owner", 1), CommitmentRecord(10, 2, "partner", 1)))
    >>> result = idea_readiness(snapshot, 10)
    >>> result.ready, [c.message.key for c in result.failed], result.failed[0].message.params["excess"]
    (False, ['readiness.budget.over_cap'], 200000)

    Notes
    -----
    Linear in the number of organisations and commitments.
    """
    ideas = {idea.id: idea for idea in snapshot.ideas}
    if idea_id not in ideas:
        raise UnknownIdea(idea_id)
    organisations = {o.id: o for o in snapshot.organisations}
    roles: dict[int, set[str]] = defaultdict(set)
    for c in snapshot.commitments:
        if c.idea_id == idea_id and c.organisation_id in organisations:
            roles[c.organisation_id].add(c.role)
    return _check(ideas[idea_id], organisations, roles, snapshot.leader_caps)


def all_readiness(snapshot: NetworkSnapshot) -> dict[int, Readiness]:
    """Return :func:`idea_readiness` for every idea, in one pass over the commitments.

    >>> all_readiness(NetworkSnapshot())
    {}
    """
    organisations = {o.id: o for o in snapshot.organisations}
    roles: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in snapshot.commitments:
        if c.organisation_id in organisations:
            roles[c.idea_id][c.organisation_id].add(c.role)
    return {
        idea.id: _check(idea, organisations, roles.get(idea.id, {}), snapshot.leader_caps)
        for idea in sorted(snapshot.ideas, key=lambda i: i.id)
    }


def _check(
    idea: IdeaRecord, organisations: dict[int, OrganisationRecord], roles: dict[int, set[str]], caps: dict[str, int]
) -> Readiness:
    committed = [organisations[o] for o in sorted(roles)]
    return Readiness(
        idea.id,
        (
            _partners(committed),
            _owner(idea, organisations, committed, roles),
            _anchoring(idea, committed),
            _innovation(idea),
            _budget(idea, caps),
            _cofinancing(idea),
        ),
    )


def _partners(committed: list[OrganisationRecord]) -> Criterion:
    count = sum(1 for o in committed if o.kind != PRIVATE_PERSON)
    if count >= 2:
        return Criterion("partners", True, Message("readiness.partners.ok", {"count": count}))
    return Criterion("partners", False, Message("readiness.partners.missing", {"count": count, "missing": 2 - count}))


def _owner(idea: IdeaRecord, organisations, committed: list[OrganisationRecord], roles: dict[int, set[str]]) -> Criterion:
    named = organisations.get(idea.owner_organisation_id) if idea.owner_organisation_id is not None else None
    eligible = {o.id for o in committed if o.kind in OWNER_ELIGIBLE_KINDS}
    # One answer per idea (workshop.network.ownership): the gaps of the constellations say the same.
    ownership = idea_ownership(idea.owner_organisation_id, roles, eligible, private_proposer=idea.proposed_by_private_person)
    if ownership.settled:
        owner = organisations[ownership.owner_id]  # offered: the lowest id, a stable choice when several offer
        return Criterion("owner", True, Message("readiness.owner.ok", {"owner": owner.name, "owner_id": owner.id}))
    if named is not None and named.kind not in OWNER_ELIGIBLE_KINDS:
        return Criterion("owner", False, Message("readiness.owner.not_eligible", {"owner": named.name}))
    if named is not None:
        return Criterion("owner", False, Message("readiness.owner.not_committed", {"owner": named.name}))
    return Criterion("owner", False, ownership.message({o.id: o.name for o in committed}))


def _anchoring(idea: IdeaRecord, committed: list[OrganisationRecord]) -> Criterion:
    if not idea.locality:
        return Criterion("anchoring", False, Message("readiness.anchoring.no_locality", {}))
    if not idea.leader_area:
        return Criterion("anchoring", False, Message("readiness.anchoring.unknown_area", {"locality": idea.locality}))
    # Local: in the idea's area, or in its very place (where a boundary splits the place, the
    # organisations there have no area of their own).
    local = sum(1 for o in committed if o.leader_area == idea.leader_area or (o.leader_area is None and o.locality is not None and o.locality == idea.locality))
    params = {"locality": idea.locality, "area": idea.leader_area}
    if local == 0:
        return Criterion("anchoring", False, Message("readiness.anchoring.no_local_member", params))
    return Criterion("anchoring", True, Message("readiness.anchoring.ok", {**params, "count": local}))


def _innovation(idea: IdeaRecord) -> Criterion:
    chars = len(idea.innovation.strip())
    if chars >= MIN_INNOVATION_CHARS:
        return Criterion("innovation", True, Message("readiness.innovation.ok", {"chars": chars}))
    return Criterion("innovation", False, Message("readiness.innovation.too_short", {"chars": chars, "minimum": MIN_INNOVATION_CHARS}))


def _budget(idea: IdeaRecord, caps: dict[str, int]) -> Criterion:
    budget = idea.budget_sek
    if budget is None:
        return Criterion("budget", False, Message("readiness.budget.missing", {}))
    if budget <= 0:
        return Criterion("budget", False, Message("readiness.budget.not_positive", {"budget": budget}))
    cap = caps.get(idea.leader_area) if idea.leader_area else None
    if cap is None:
        return Criterion("budget", True, Message("readiness.budget.ok_no_cap", {"budget": budget}))
    params = {"budget": budget, "cap": cap, "area": idea.leader_area}
    if budget > cap:
        return Criterion("budget", False, Message("readiness.budget.over_cap", {**params, "excess": budget - cap}))
    return Criterion("budget", True, Message("readiness.budget.ok", params))


def _cofinancing(idea: IdeaRecord) -> Criterion:
    hours = idea.cofinancing_hours
    if hours is None:
        return Criterion("cofinancing", False, Message("readiness.cofinancing.missing", {}))
    if hours < 0:
        return Criterion("cofinancing", False, Message("readiness.cofinancing.negative", {"hours": hours}))
    return Criterion("cofinancing", True, Message("readiness.cofinancing.ok", {"hours": hours}))
