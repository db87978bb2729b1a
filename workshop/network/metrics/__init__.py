"""What the organisation network says: who is central, who bridges, who is alone.

Every function takes the graph from :func:`~workshop.network.graph.build_organisation_graph`
(and the snapshot where ideas matter) and returns frozen records. Text for the UI is a
:class:`~workshop.network.message.Message`; :data:`METRIC_EXPLANATIONS` maps each metric to
the catalog key that explains it in plain language.

One module per measure: :mod:`~.centrality` (degree, strength, isolated organisations),
:mod:`~.brokerage` (betweenness and Burt's structural holes), :mod:`~.community`
(Louvain groups), :mod:`~.partners` (ideas short of partners), :mod:`~.introductions`
(who should meet) and :mod:`~.growth` (the network meeting by meeting).
"""

from workshop.network.metrics.explanations import *  # noqa: F403
from workshop.network.metrics.centrality import *  # noqa: F403
from workshop.network.metrics.brokerage import *  # noqa: F403
from workshop.network.metrics.community import *  # noqa: F403
from workshop.network.metrics.partners import *  # noqa: F403
from workshop.network.metrics.introductions import *  # noqa: F403
from workshop.network.metrics.growth import *  # noqa: F403
from workshop.network.metrics import brokerage, centrality, community, explanations, growth, introductions, partners

__all__ = explanations.__all__ + centrality.__all__ + brokerage.__all__ + community.__all__ + partners.__all__ + introductions.__all__ + growth.__all__
