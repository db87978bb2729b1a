"""The results moment's list: a revealed round's top ideas, each with its best suggested
constellation and what it still lacks, in the words the room is asked ("behöver en lokal – vem?").

The constellations and their gaps are the ones the constellations page shows
(:class:`workshop.services.analysis.Fit`); this module only picks and words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..network.message import Message
from ..services.analysis import Fit

__all__ = ["TOP", "Lack", "ResultLine", "lack_of", "top_ideas"]

TOP = 10  # the wall pages through them; more than ten is no longer a result the room remembers
COULD_FILL = 3  # names said after "vem?": enough to start the conversation


@dataclass(frozen=True)
class Lack:
    """Something the idea's group still lacks (``meeting.lacks.*``), and who could fill it."""

    message: Message
    could_fill: tuple[str, ...]


@dataclass(frozen=True)
class ResultLine:
    """One idea of the results: its dots, its best constellation's members, what it lacks."""

    idea_id: int
    title: str
    dots: int
    constellation: tuple[str, ...]
    lacks: tuple[Lack, ...]


def lack_of(message: Message) -> Message:
    """The question the room is asked for one gap of a constellation.

    Examples
    --------
    >>> lack_of(Message("constellation.missing.capability", {"capability": "lokal", "category": "premises"}))
    Message(key='meeting.lacks.capability', params={'capability': 'lokal'})
    >>> lack_of(Message("constellation.missing.partners", {"count": 1})).key
    'meeting.lacks.partners'
    >>> lack_of(Message("ownership.missing")).key
    'meeting.lacks.owner'
    """
    if message.key.startswith("constellation.missing.capability"):
        return Message("meeting.lacks.capability", {"capability": message.params.get("capability", "")})
    if message.key == "constellation.missing.partners":
        return Message("meeting.lacks.partners", {"count": message.params.get("count", 1)})
    return Message("meeting.lacks.owner")  # the unsettled owner's ownership.* sentence


def top_ideas(totals: Mapping[int, int], titles: Mapping[int, str], fit: Fit | None, *, limit: int = TOP) -> tuple[ResultLine, ...]:
    """The ideas with the most dots, most first, with their constellation and gaps.

    Parameters
    ----------
    totals : mapping of int to int
        Idea id → dots in the revealed round.
    titles : mapping of int to str
        Idea id → title, of the ideas on the workshop's wall (an idea hidden since is left out).
    fit : Fit or None
        The analysis' constellations; None while the first analysis is computed (the list then
        holds the ideas and their dots only).
    limit : int
        How many ideas.

    Returns
    -------
    tuple of ResultLine
        Ties in dots are ordered by title, so the list does not jump between two draws.

    Notes
    -----
    O(n log n) in the number of ideas with dots.
    """
    ranked = sorted((i for i, n in totals.items() if n > 0 and i in titles), key=lambda i: (-totals[i], titles[i].casefold(), i))
    names = fit.view.names if fit is not None else {}
    lines = []
    for idea_id in ranked[:limit]:
        found = fit.results.get(idea_id) if fit is not None else None
        members: tuple[str, ...] = ()
        lacks: tuple[Lack, ...] = ()
        if found is not None:
            if found.candidates:
                members = tuple(names.get(m, "?") for m in found.candidates[0].members)
            lacks = tuple(Lack(lack_of(item.message), tuple(names.get(o, "?") for o in item.could_fill[:COULD_FILL])) for item in found.missing)
        lines.append(ResultLine(idea_id, titles[idea_id], totals[idea_id], members, lacks))
    return tuple(lines)
