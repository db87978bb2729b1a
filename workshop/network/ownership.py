"""Who owns an idea's project: one answer per idea, shared by every text that speaks of it.

The constellations' gaps (:mod:`workshop.network.constellations`), the readiness checklist
(:mod:`workshop.network.readiness`) and the LEADER card's check (:mod:`workshop.leader.check`)
each say something about the project owner. Worked out separately they contradicted each
other ("Bildad — … en av dem kan äga projektet" above "Ingen möjlig projektägare ännu");
here it is decided once, from the committed organisations and their roles.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from workshop.network.message import Message

__all__ = ["OWNERSHIP_STATES", "OWNERSHIP_MESSAGES", "Ownership", "idea_ownership"]

# chosen: the idea's named owner is committed and may own a project;
# offered: a committed organisation that may own a project offered to (role possible_owner);
# open: nobody chosen or offered, but committed organisations could (``could_own``);
# missing: no committed organisation may own a project.
OWNERSHIP_STATES = ("chosen", "offered", "open", "missing")

# What the page, the checklist and the gaps say when the owner is not settled. ``open`` has
# ``names`` (who could take it on); ``missing`` says so, ``private_proposer`` adds that the idea
# came from a private person, who can never own a LEADER project.
OWNERSHIP_MESSAGES = {
    "open": "ownership.open",
    "missing": "ownership.missing",
    "private_proposer": "ownership.private_proposer",
}

# Lower is a stronger claim: who is asked first to take the owner's role.
_ROLE_RANK = {"possible_owner": 0, "initiator": 1, "partner": 2, "contributor": 3}


@dataclass(frozen=True)
class Ownership:
    """``state`` from :data:`OWNERSHIP_STATES`; ``owner_id`` when chosen or offered;
    ``could_own`` the committed organisations that may own a project, strongest claim first."""

    state: str
    owner_id: int | None
    could_own: tuple[int, ...]
    private_proposer: bool = False

    @property
    def settled(self) -> bool:
        return self.state in ("chosen", "offered")

    def message(self, names: Mapping[int, str]) -> Message:
        """The sentence for an owner that is not settled (``ownership.*``); for a settled one
        the callers keep their own ("{owner} kan vara projektägare")."""
        if self.state == "open":
            return Message(OWNERSHIP_MESSAGES["open"], {"names": ", ".join(names.get(o, "?") for o in self.could_own)})
        if self.private_proposer:
            return Message(OWNERSHIP_MESSAGES["private_proposer"], {})
        return Message(OWNERSHIP_MESSAGES["missing"], {})


def idea_ownership(
    named: int | None, roles: Mapping[int, Collection[str]], eligible: Collection[int], *, private_proposer: bool = False
) -> Ownership:
    """Decide who owns the project of one idea.

    Parameters
    ----------
    named : int or None
        The organisation named as the idea's owner.
    roles : mapping
        Every committed organisation (the proposer's included) and its roles in the idea.
    eligible : collection
        The organisations that may own a LEADER project (not private persons).
    private_proposer : bool
        The idea was proposed by a private person.

    Examples
    --------
    >>> idea_ownership(None, {1: {"initiator"}, 2: {"partner"}}, {1, 2})
    Ownership(state='open', owner_id=None, could_own=(1, 2), private_proposer=False)
    >>> idea_ownership(2, {1: {"initiator"}, 2: {"partner"}}, {1, 2}).state
    'chosen'
    >>> idea_ownership(None, {3: {"partner"}}, set(), private_proposer=True).message({}).key
    'ownership.private_proposer'

    Notes
    -----
    Linear in the committed organisations.
    """
    could = sorted((o for o in roles if o in eligible), key=lambda o: (min((_ROLE_RANK.get(r, 3) for r in roles[o]), default=3), o))
    if named is not None and named in roles and named in eligible:
        return Ownership("chosen", named, tuple(could), private_proposer)
    offering = sorted(o for o in could if "possible_owner" in roles[o])
    if offering:
        return Ownership("offered", offering[0], tuple(could), private_proposer)
    return Ownership("open" if could else "missing", None, tuple(could), private_proposer)
