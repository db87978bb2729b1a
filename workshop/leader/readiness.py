"""When an idea may move to *Projektklar*: LEADER's rule, on records already read.

Two lists decide. LEADER's basic criteria (:mod:`workshop.network.readiness`: two actors, an
owner, local anchoring, an innovation, a budget, co-financing) always; and once the idea's
card names a kind of support, that kind's own rules (the failed lines of
:func:`~workshop.leader.check.leader_check`). Nothing here reads the database:
:func:`workshop.services.readiness.require_project_ready` loads the records and asks.
"""

from __future__ import annotations

import datetime as dt

from ..network.readiness import Readiness
from .card import IdeaFacts
from .check import LeaderCheck, leader_check
from .rules import Rulebook

__all__ = ["chosen_support_check", "missing_for_project"]


def chosen_support_check(book: Rulebook, facts: IdeaFacts, has_card: bool, today: dt.date) -> LeaderCheck | None:
    """The check of the kind of support the idea's card names; ``None`` while it names none.

    An idea without a card, or whose card has no kind of support chosen yet, is held to the
    basic criteria alone.

    >>> from workshop.leader.card import Card
    >>> from workshop.leader.rules import load_rules
    >>> facts = IdeaFacts(1, "Bygdekök", "Ramsberg", False, "Leader Bergslagen", None, (), Card())
    >>> chosen_support_check(load_rules(), facts, True, dt.date(2026, 12, 7)) is None
    True
    """
    if not has_card or not facts.card.support_type:
        return None
    return leader_check(book, facts, today)


def missing_for_project(basic: Readiness, check: LeaderCheck | None) -> tuple[str, ...]:
    """What an idea still misses to be project-ready, as catalog keys (empty: it is ready).

    Parameters
    ----------
    basic : Readiness
        The idea's basic checklist (:func:`workshop.network.readiness.idea_readiness`).
    check : LeaderCheck or None
        The chosen kind of support's check (:func:`chosen_support_check`), ``None`` while
        no kind is chosen.

    Returns
    -------
    tuple of str
        ``readiness.criterion.<key>`` for each failed basic criterion, then
        ``leader.check.line.<key>`` for each failed line of the kind's check.

    Examples
    --------
    >>> from workshop.network.message import Message
    >>> from workshop.network.readiness import Criterion
    >>> basic = Readiness(1, (Criterion("partners", False, Message("x")), Criterion("owner", True, Message("y"))))
    >>> missing_for_project(basic, None)
    ('readiness.criterion.partners',)
    """
    missing = tuple(f"readiness.criterion.{criterion.key}" for criterion in basic.failed)
    if check is not None:
        missing += tuple(f"leader.check.line.{line.key}" for line in check.failed)
    return missing
