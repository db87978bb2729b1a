"""The page around the map: vis-network's script and stylesheet and the map's own
(``assets/map.css``, ``assets/map.js``), all inlined, with the drawing's data as JSON.

Nothing is linked: the page works in a village hall without internet. The map's own
script turns the entities :func:`html.escape` produced back into characters for the
canvas and the ``innerText`` tooltip with a fixed table, not the DOM, so no markup is
ever parsed; the data is embedded as JSON with ``<`` and ``>`` escaped, so no string can
close the script element.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["page_html", "script_json"]


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis  # lazy: pyvis pulls in IPython, a slow start for every page

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # The source-map comment would make developer tools fetch a file that is not there.
    # (Not str.splitlines: it also splits at U+2028 and friends inside string literals.)
    script = re.sub(r"^//# sourceMappingURL=[^\n]*$", "", script, flags=re.MULTILINE)
    # 200 of the stylesheet's 220 kB are pictures inlined for the navigation and editing
    # buttons and the colour picker, none of which the map shows: every page carried them.
    style = re.sub(r"url\([\"']?data:[^)]*\)", "none", style)
    # Defensive: these never occur in vis-network 9.1.2, but would end the element early.
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def script_json(value) -> str:
    """JSON that is safe inside a <script> element: it cannot close the element or open a comment.

    >>> print(script_json({"name": "</script><!--"}))
    {"name":"\\u003c/script\\u003e\\u003c!--"}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@lru_cache(maxsize=1)
def _map_assets() -> tuple[str, str]:
    """The map's own stylesheet and script, read once from ``assets/``."""
    folder = resources.files("workshop.network") / "assets"
    return (folder / "map.css").read_text(encoding="utf-8"), (folder / "map.js").read_text(encoding="utf-8")


def page_html(nodes: list, edges: list, options: dict, legend: str, projector: bool, aria_label: str, panel: dict, language: str = "sv") -> str:
    """The whole self-contained page of one map.

    Parameters
    ----------
    nodes, edges : list
        vis-network's node and edge records (user text already escaped).
    options : dict
        vis-network's options.
    legend : str
        The legend's HTML (user text already escaped).
    projector : bool
        Styles the page for a room screen.
    aria_label : str
        What the map shows, for a screen reader.
    panel : dict
        The click panel's texts and each node's ideas (escaped).
    language : str
        The page's language code (its ``lang``); its title is ``aria_label``.

    Returns
    -------
    str
        An HTML document that links nothing.

    Examples
    --------
    >>> page = page_html([], [], {"physics": {"enabled": False}}, "", False, "Karta <över> nätverket", {})
    >>> page.startswith("<!DOCTYPE html>") and 'aria-label="Karta &lt;över&gt; nätverket"' in page
    True
    >>> "<link" in page or "<script src" in page
    False
    """
    script, style = _vis_assets()
    map_style, map_script = _map_assets()
    data = script_json({"nodes": nodes, "edges": edges, "options": options})
    panel_data = script_json(panel)
    body_class = ' class="projector"' if projector else ""
    return (
        # A language and a title of its own (WCAG 3.1.1, 2.4.2): the frame is a document of its own.
        f'<!DOCTYPE html>\n<html lang="{html.escape(language, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(aria_label)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{style}</style>\n<style>\n{map_style}</style>\n</head>\n"
        f'<body{body_class}>\n<div id="map" role="img" aria-label="{html.escape(aria_label, quote=True)}"></div>\n{legend}\n'
        '<div id="panel" hidden aria-live="polite"><button type="button" id="panel-close"></button>'
        '<h2 id="panel-title"></h2><p id="panel-intro"></p><ul id="panel-list"></ul></div>\n<div id="hint"></div>\n'
        f'<script type="application/json" id="network-data">{data}</script>\n'
        f'<script type="application/json" id="panel-data">{panel_data}</script>\n'
        f"<script>{script}</script>\n<script>\n{map_script}</script>\n</body>\n</html>\n"
    )
