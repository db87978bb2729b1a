"""The words the analysis speaks: :class:`Message`, and the error of an idea it does not know.

:class:`Message` is the (key, params) pair every analysis uses for text the UI shows, so
that no sentence is ever written in Python. Both live in this leaf, apart from the graph,
so that a LEADER check can speak without loading networkx.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Message", "UnknownIdea"]


@dataclass(frozen=True)
class Message:
    """A translatable text: a catalog ``key`` and the named ``params`` it is formatted with.

    The UI renders it as ``catalog[key].format(**params)``; the analysis never builds a
    sentence itself, so Swedish and English stay in the catalogs.

    Examples
    --------
    >>> m = Message("constellation.missing.partners", {"count": 1})
    >>> "Behöver {count} partner till".format(**m.params)
    'Behöver 1 partner till'
    """

    key: str
    # Excluded from the hash so a Message can still sit in a set; equality compares it.
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)


class UnknownIdea(KeyError):
    """The idea id asked about is not in the snapshot (deleted, or filtered out)."""
