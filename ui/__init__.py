"""The Streamlit helpers the pages share, one topic per module; ``pages/`` holds only page scripts.

Pages import each name from the module that holds it (nothing is re-exported here):

- ``store``: the database (one engine per process), the process's revision, the demo;
- ``cookies``, ``language``, ``identity``, ``connection``: the browser's cookies, its language,
  who it is (and the guards that stop a page for anyone else), where it connects from;
- ``navigation``: moving between pages, the menu on a phone;
- ``forms``, ``tabs``, ``problems``: service calls whose errors show under their field, tabs
  that build only the open one, an import's problems as a table;
- ``kept``, ``recovery``, ``failure``: nothing typed is lost, a page that comes back when the
  database does, an unexpected error shown with an id to quote;
- ``text``, ``frame``: user text shown as text, HTML documents in a frame that cannot reach the app;
- ``live``, ``wall``, ``names``, ``projector``: the live walls' caches, wall mode for a big
  screen, how people are named on the walls, the projector's tick;
- ``network``, ``fit``, ``map``: the network analysis, the fit of constellations, the map, cached;
- ``privacy``, ``survey_form``: a person's stored data, the company survey's questions.
- ``accessibility``: the app's stylesheet, its fixes to Streamlit's page (WCAG 2.1 AA), the statement's link.

``ui`` may import Streamlit and ``workshop``; ``workshop`` never imports ``ui`` or ``pages``. No SQL
or networkx here: that is the services' work. The modules ``app.py`` needs on every run load
none of the analysis libraries (``network``, ``fit`` and ``map`` do; only the network pages import them).
"""
