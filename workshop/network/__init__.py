"""Network analysis of the workshop process: pure functions over a NetworkSnapshot.

Nothing here touches the database or Streamlit. Storage reads a
:class:`~workshop.network.snapshot.NetworkSnapshot`; these functions build the
organisation graph, measure it, search project constellations, check LEADER readiness
and draw the map. Text for people is always a :class:`~workshop.network.message.Message`
(catalog key and params), translated by ``workshop/i18n/<lang>/network.json``.

Import each name from the module that holds it (``from workshop.network.readiness import
idea_readiness``); this package gathers nothing, so importing one module loads only what that
module needs. The whole analysis pulls in scikit-learn, SciPy and pandas (about 3 s on a cold
start); a LEADER check or a move to *Projektklar* need none of them.
"""
