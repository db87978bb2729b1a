"""What the search returns: constellations, the gaps of a committed group, an idea's state."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.network.message import Message

__all__ = ["STATES", "Constellation", "MissingItem", "IdeaConstellations"]

# formed: two or more partners have committed, one of them may own the project;
# can_form: a suggestion exists, every member with a reason tied to this idea;
# insufficient: not enough is known; ``IdeaConstellations.ask`` says what to ask in the room.
STATES = ("formed", "can_form", "insufficient")


@dataclass(frozen=True)
class Constellation:
    """One group of organisations that could carry an idea.

    ``members`` are sorted ids; ``parts`` maps each name in :data:`PARTS` to its value;
    ``owner_id`` is the proposed project owner; ``reason`` is ``constellation.reason``
    with ``members``, ``partners`` (members that count as partners), ``committed``,
    ``covered``, ``needs``, ``sectors``, ``linked_pairs``, ``pairs``, ``anchored``,
    ``area`` and ``owner`` (name).
    """

    members: tuple[int, ...]
    score: float
    parts: dict[str, float]
    owner_id: int
    reason: Message


@dataclass(frozen=True)
class MissingItem:
    """Something the committed organisations still lack, and who could fill it.

    Keys: ``constellation.missing.partners`` (``count``: partners still needed),
    the unsettled owner's ``ownership.*`` sentence (no committed organisation named or
    offering to be project owner: :mod:`workshop.network.ownership`, the same words as the
    readiness checklist), ``constellation.missing.capability`` (``capability``,
    ``category``: no committed organisation holds it) and
    ``constellation.missing.capability_nowhere`` (nobody in the network holds it;
    ``could_fill`` is empty).
    """

    message: Message
    could_fill: tuple[int, ...]


@dataclass(frozen=True)
class IdeaConstellations:
    """The best constellations for one idea, the gaps of its committed group, its state.

    ``state`` is one of :data:`STATES`; ``ask`` holds what to ask in the room when not
    enough is known (``fit.ask.*``: a need nobody offers, a sector nobody relevant
    belongs to, too few relevant partners, no possible owner, no needs listed).
    """

    idea_id: int
    candidates: tuple[Constellation, ...]  # best first
    missing: tuple[MissingItem, ...]  # empty when the committed group is complete
    pool: tuple[int, ...]  # the organisations searched, in ranking order
    state: str = "insufficient"
    ask: tuple[Message, ...] = ()

    @property
    def can_form(self) -> bool:
        return bool(self.candidates)


