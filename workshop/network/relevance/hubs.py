"""Hubness reduction: an organisation near to every idea counts less for each of them.

In nearest-neighbour retrieval some points ("hubs") are among the nearest neighbours of
almost every query; in a process they are the municipality, the study association and the
savings bank, whose broad profiles meet a little of every idea and so crowd its best
constellations. Cross-domain similarity local scaling (CSLS; Conneau et al. 2018, "Word
translation without parallel data") scores a pair ``2·cos(i, o) − r(o) − r(i)``, where
``r(o)`` is the mean similarity of ``o`` to its ``k`` nearest of the other side. Within one
idea ``r(i)`` is a constant and ranks nobody, so only ``r(o)`` is kept here: an
organisation's *reference* is the mean of its ``k`` highest relevance scores over the
process's ideas (those with a basis, before the commitment bonus), and its need, text,
concept and grams evidence for each idea is lowered by :data:`HUB_WEIGHT` times it (the
paper's ½ of the doubled cosine), at least to 0, before place and names are added.

Measured on the hand-written sets (docs/constellations.md, round 6): one to two ideas more
on each honest held-out set, two fewer on the tuning set; the sets' hub organisations are
not near every idea by relevance, so their share of the best groups hardly moves.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["HUB_K", "HUB_WEIGHT", "hub_reference"]

# How many nearest ideas an organisation's reference averages (CSLS's k; the paper uses 10).
HUB_K = 10
# How much of the reference is taken off each of the organisation's scores.
HUB_WEIGHT = 0.5


def hub_reference(chunks: Iterable[np.ndarray], k: int | None = None) -> np.ndarray | None:
    """Each column's mean of its ``k`` highest values over the rows of all ``chunks``.

    Parameters
    ----------
    chunks : iterable of ndarray
        (ideas × organisations) content scores, a block of ideas at a time, all with the
        same number of columns.
    k : int, optional
        How many of each column's highest values are averaged (fewer when there are
        fewer rows); :data:`HUB_K` by default.

    Returns
    -------
    ndarray or None
        One value per organisation; ``None`` when there were no rows.

    Examples
    --------
    The hub (column 0) is near to every idea, the specialist (column 1) to one:

    >>> scores = np.array([[0.6, 0.9], [0.5, 0.0], [0.6, 0.1]])
    >>> hub_reference([scores[:2], scores[2:]], k=2).round(2).tolist()
    [0.6, 0.5]
    >>> hub_reference([], k=2) is None
    True

    Notes
    -----
    One pass over the chunks, O(k·n) memory for n organisations; the time is that of a
    partial sort of each chunk with the running top ``k``.
    """
    k = HUB_K if k is None else k
    top: np.ndarray | None = None
    for chunk in chunks:
        block = chunk if top is None else np.vstack([top, chunk])
        keep = min(k, block.shape[0])
        top = block if block.shape[0] <= keep else np.partition(block, block.shape[0] - keep, axis=0)[-keep:]
    if top is None or top.shape[0] == 0:
        return None
    return top.mean(axis=0)
