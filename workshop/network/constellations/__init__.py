"""Project constellations: which groups of organisations could carry each idea.

A LEADER project is run by at least two actors, one of them the project owner. For
each idea this module searches the groups (constellations) of two to ``max_size``
organisations that satisfy the rules, scores them on seven explainable parts and
returns the best ones; for the organisations already committed it says what they
still lack and who in the network could fill each gap; and it sorts every idea into
one of three honest states (:data:`STATES`).

Rules for a valid constellation:

* every member is relevant to the idea (:mod:`workshop.network.relevance`): it has
  committed, meets a need, or its profile is about the same thing; so the network's
  hubs are never suggested for an idea they have nothing to do with;
* at least two distinct members that are not private persons (private persons may
  come along as extra members but never count toward the two);
* at least one member that may own a project (:data:`OWNER_ELIGIBLE_KINDS`);
* the organisation of the participant who proposed the idea
  (:attr:`~workshop.network.snapshot.IdeaRecord.proposer_id`) is a member: the idea is its own.

Score parts, each between 0 and 1 (see :class:`ScoreWeights` for the weights):

* ``fit``: mean relevance of the members to the idea, each against the idea's most
  relevant uncommitted organisation (:meth:`~workshop.network.relevance.RelevanceIndex.fit_scale`),
  1 for a committed member;
* ``coverage``: share of the idea's needs met by the members' offers, matched by
  meaning (0 when the idea lists no needs: nothing is known to be covered);
* ``ties``: mean over member pairs of ``min(1, strength / TIE_SATURATION)``, so a
  pair who cooperated before counts fully and a pair who only met once counts 1/8;
* ``sector_mix``: distinct LEADER sectors among the members, divided by 3;
* ``commitment``: share of members already committed to the idea;
* ``anchoring``: share of members in the idea's Leader area (0 when it has none);
* ``size``: ``2 / members``, so smaller groups, easier to run, score higher.

The package's modules, one topic each: :mod:`~.api` the public functions,
:mod:`~.results` what they return, :mod:`~.score` the parts and weights, :mod:`~.search`
the exact search over each idea's pool, and :mod:`~.pool` the bit-packed pool that
scores every group of it at once.
"""

from workshop.network.constellations.score import *  # noqa: F403
from workshop.network.constellations.results import *  # noqa: F403
from workshop.network.constellations.api import *  # noqa: F403
from workshop.network.constellations import api, results, score

__all__ = score.__all__ + results.__all__ + api.__all__
