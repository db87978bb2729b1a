"""The network map: escaped user text, no external reference, stable positions.

About "no external URL": vis-network's minified source contains URL *string literals*
(its licence link, the SVG namespace ``http://www.w3.org/2000/svg``) that are never
fetched, so these tests look at what a browser would load: ``src``/``href``-like
attributes, ``<link>`` elements, and ``url(...)``/``@import`` in the CSS.
"""

from __future__ import annotations

import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.graph import build_organisation_graph
from workshop.network.mapview import (
    COMMUNITY_COLOURS,
    PHYSICS_NODE_LIMIT,
    PROJECTOR_LABELS,
    SCREEN_LABELS,
    SECTOR_COLOURS,
    network_map_html,
    weak_link_threshold,
)
from workshop.network.maptext import LABEL_MAX_CHARS, MAP_LABEL_KEYS

HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '"href"',
    "<a href='https://evil.example'>klicka</a>",
    "</script><script>alert(2)</script>",
    "Föreningen & Co \u2028 radbrytning",
    "\u202eanigreB\u202c مرحبا بكم في رامسبرغ",
    "Ramsbergs " + "mycket " * 60 + "långa förening",
]


def hostile_graph():
    G = nx.Graph()
    for number, name in enumerate(HOSTILE_NAMES, start=1):
        G.add_node(number, name=name, kind="association", sector="nonprofit", locality=f"<b>{name}</b>", leader_area="Leader <i>X</i>")
    for number in range(1, len(HOSTILE_NAMES)):
        G.add_edge(number, number + 1, strength=1.0, distance=1.0, shared_ideas=1, tie_kinds=("know",), shared_workshops=0)
    return G


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style> and <script> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._inside = tag if tag in ("style", "script") else None

    def handle_endtag(self, tag):
        self._inside = None

    def handle_data(self, data):
        if self._inside == "style":
            self.styles.append(data)
        elif self._inside == "script":
            self.scripts.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def network_data(page: str) -> dict:
    """The JSON the page script hands to vis-network."""
    body = page.split('<script type="application/json" id="network-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def without_vis_network(page: str) -> str:
    """The page minus vis-network's own source, which has markup in string literals ("<b>")."""
    import pyvis

    script = (Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")
    head = script.splitlines()[0]
    start = page.index(head)
    end = page.index("</script>", start)
    return page[:start] + page[end:]


HOSTILE_LABELS = {key: f"<img src=x onerror=alert('{key}')>" for key in MAP_LABEL_KEYS}


@pytest.mark.parametrize("color_by", ["sector", "community"])
@pytest.mark.parametrize("labels", [None, HOSTILE_LABELS], ids=["no labels", "hostile labels"])
def test_no_user_text_reaches_the_page_unescaped(color_by, labels):
    page = network_map_html(hostile_graph(), color_by=color_by, labels=labels, highlight=frozenset({1, 2}))
    ours = without_vis_network(page)
    assert "<script>alert" not in ours and "<img" not in ours and "<a href" not in ours and "<b>" not in ours
    for name in HOSTILE_NAMES:
        assert html.escape(name).replace("\u2028", "\\u2028") in page, name
    # Only our four script elements (network data, panel data, vis-network, ours) exist.
    tags = parse(page).tags
    assert [tag for tag, _ in tags if tag == "script"] == ["script"] * 4
    assert [tag for tag, _ in tags if tag in ("img", "iframe", "a", "link", "object", "embed")] == []
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)


def test_the_page_turns_escaped_text_back_into_the_exact_names_only_as_plain_text():
    # What the page script does before handing labels and tooltips to vis-network.
    data = network_data(network_map_html(hostile_graph()))
    for node, name in zip(data["nodes"], HOSTILE_NAMES):
        shown = name if len(name) <= LABEL_MAX_CHARS else name[: LABEL_MAX_CHARS - 1].rstrip() + "…"
        assert html.unescape(node["label"]) == shown
        assert html.unescape(node["title"]).split("\n")[0] == name


URL_ATTRIBUTES = {"src", "href", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background", "manifest"}


@pytest.mark.parametrize("projector", [False, True])
def test_the_page_loads_nothing_from_outside(projector):
    page = network_map_html(build_organisation_graph(synthetic_snapshot(40)), projector=projector)
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert not (URL_ATTRIBUTES & set(attrs)), (tag, attrs)
        assert tag not in ("link", "iframe", "img", "base")
    for css in parsed.styles:
        assert "@import" not in css
        for target in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            assert target.startswith("data:"), target
    assert "sourceMappingURL" not in page


def test_vis_network_is_inlined_from_the_copy_pyvis_ships():
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    page = network_map_html(nx.Graph())
    assert script[:2000] in page
    assert (folder / "vis-network.css").read_text(encoding="utf-8")[:2000] in page


def test_the_maps_own_stylesheet_and_script_are_inlined_whole_from_the_asset_files():
    # What someone edits in workshop/network/assets/ is what every page carries, inline.
    assets = Path(__file__).parents[2] / "workshop" / "network" / "assets"
    style = (assets / "map.css").read_text(encoding="utf-8")
    script = (assets / "map.js").read_text(encoding="utf-8")
    parsed = parse(network_map_html(nx.path_graph(3), projector=True))
    assert parsed.styles[-1].strip() == style.strip()
    assert "body.projector #legend" in style and "projektberedskapShowPanel" in script
    assert script.strip() in network_map_html(nx.path_graph(3))


def test_the_same_graph_gives_the_same_page_whatever_order_it_was_built_in():
    snapshot = synthetic_snapshot(80, seed=1)
    G = build_organisation_graph(snapshot)
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), reverse=True))
    H.add_edges_from(sorted(G.edges(data=True), reverse=True))
    first = network_map_html(G, color_by="community")
    assert first == network_map_html(G, color_by="community") == network_map_html(H, color_by="community")
    assert first != network_map_html(G, color_by="community", seed=7)


def test_positions_are_fixed_and_physics_only_runs_for_small_maps():
    small = network_data(network_map_html(build_organisation_graph(synthetic_snapshot(PHYSICS_NODE_LIMIT))))
    large = network_data(network_map_html(build_organisation_graph(synthetic_snapshot(PHYSICS_NODE_LIMIT + 1))))
    assert small["options"]["physics"]["enabled"] is True and large["options"]["physics"]["enabled"] is False
    assert small["options"]["physics"]["stabilization"]["enabled"] is True
    assert all(isinstance(node["x"], float) and isinstance(node["y"], float) for node in large["nodes"])


def test_a_large_map_is_laid_out_without_scipy_and_reproducibly():
    # networkx needs scipy above 500 nodes; the map uses its own dense layout there.
    G = build_organisation_graph(synthetic_snapshot(520, seed=2))
    first = network_data(network_map_html(G))
    positions = {(node["x"], node["y"]) for node in first["nodes"]}
    assert len(positions) == 520
    assert first == network_data(network_map_html(G))


def test_stronger_links_are_drawn_wider():
    G = nx.Graph()
    G.add_nodes_from([1, 2, 3], name="Org", kind="association", sector="nonprofit")
    G.add_edge(1, 2, strength=0.25, distance=4.0)
    G.add_edge(2, 3, strength=3.0, distance=1 / 3)
    weak, strong = network_data(network_map_html(G))["edges"]
    assert weak["width"] < strong["width"]


def test_a_highlighted_constellation_stands_out_and_the_rest_fades():
    G = build_organisation_graph(synthetic_snapshot(30, seed=3))
    plain = {node["id"]: node for node in network_data(network_map_html(G))["nodes"]}
    marked = {node["id"]: node for node in network_data(network_map_html(G, highlight=frozenset({1, 2, 999})))["nodes"]}
    for node_id in (1, 2):
        assert marked[node_id]["borderWidth"] == 4 and marked[node_id]["size"] > plain[node_id]["size"]
    assert marked[3]["color"]["background"].startswith("rgba(") and marked[3]["borderWidth"] == 1


@pytest.mark.parametrize(
    "color_by, expected_colours",
    [
        pytest.param("sector", set(SECTOR_COLOURS.values()), id="sector"),
        pytest.param("community", set(COMMUNITY_COLOURS) | {"#BBBBBB"}, id="community"),
    ],
)
def test_nodes_are_coloured_from_a_fixed_palette(color_by, expected_colours):
    G = build_organisation_graph(synthetic_snapshot(60, seed=4))
    colours = {node["color"]["background"] for node in network_data(network_map_html(G, color_by=color_by))["nodes"]}
    assert colours <= expected_colours


def test_the_legend_uses_the_translated_labels():
    G = build_organisation_graph(synthetic_snapshot(30, seed=5))
    labels = {"map.legend.title_sector": "Sektor", "map.sector.nonprofit": "Ideell sektor", "map.legend.edge_width": "Tjockare linje"}
    page = network_map_html(G, labels=labels)
    legend = page.split('<div id="legend">', 1)[1].split("</div>", 1)[0]
    assert "<summary><bdi>Sektor</bdi></summary>" in legend and "Ideell sektor" in legend and "Tjockare linje" in legend
    community = network_map_html(G, color_by="community", labels={"map.legend.community": "Grupp {number} ({count} st)"})
    assert "Grupp 1 (" in community


def test_size_by_brokerage_makes_the_bridge_the_biggest_node():
    # The bow tie: 3 joins two triangles.
    G = nx.Graph()
    for a, b in [(1, 2), (1, 3), (2, 3), (3, 4), (3, 5), (4, 5)]:
        G.add_edge(a, b, strength=1.0, distance=1.0)
    for node in G:
        G.nodes[node].update(name=f"Org {node}", kind="association", sector="nonprofit")
    sizes = {node["id"]: node["size"] for node in network_data(network_map_html(G, size_by="brokerage"))["nodes"]}
    assert max(sizes, key=sizes.get) == 3


def test_projector_mode_uses_big_labels_on_the_biggest_and_highlighted_nodes_only():
    G = build_organisation_graph(synthetic_snapshot(60, seed=6))
    page = network_map_html(G, projector=True, highlight=frozenset({60}))
    data = network_data(page)
    assert data["options"]["nodes"]["font"]["size"] >= 28
    assert '<body class="projector">' in page
    others = [node for node in data["nodes"] if node["id"] != 60]
    labelled = [node["size"] for node in others if node["label"]]
    unlabelled = [node["size"] for node in others if not node["label"]]
    assert len(labelled) in (PROJECTOR_LABELS, PROJECTOR_LABELS - 1) and min(labelled) >= max(unlabelled)
    assert next(node for node in data["nodes"] if node["id"] == 60)["label"]  # highlighted: always named
    assert all(node["title"] for node in data["nodes"])


@pytest.mark.parametrize("arguments", [{"color_by": "kind"}, {"size_by": "degree"}])
def test_unknown_choices_are_refused(arguments):
    with pytest.raises(ValueError):
        network_map_html(nx.Graph(), **arguments)


def test_an_empty_network_still_gives_a_page():
    page = network_map_html(nx.Graph())
    assert page.startswith("<!DOCTYPE html>") and network_data(page)["nodes"] == []


@pytest.mark.e2e
@pytest.mark.skipif(not os.environ.get("PROJEKTBEREDSKAP_CHROMIUM"), reason="set PROJEKTBEREDSKAP_CHROMIUM to run browser tests")
def test_in_a_browser_hostile_names_are_shown_as_text_and_nothing_is_fetched(tmp_path):
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "map.html"
    page_file.write_text(network_map_html(hostile_graph()), encoding="utf-8")
    events = {"dialogs": [], "errors": [], "requests": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ["PROJEKTBEREDSKAP_CHROMIUM"], args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (events["dialogs"].append(dialog.message), dialog.dismiss()))
            page.on("pageerror", lambda error: events["errors"].append(str(error)))
            page.on("request", lambda request: events["requests"].append(request.url))
            page.goto(page_file.as_uri())
            page.wait_for_function("window.projektberedskapNetwork !== undefined")
            labels = page.evaluate("window.projektberedskapNetwork.body.data.nodes.get().map(n => n.label)")
            # Hover the first node: vis-network shows its title as text in a tooltip.
            x, y = page.evaluate(
                "(() => { const n = window.projektberedskapNetwork; const p = n.canvasToDOM(n.getPosition(1));"
                " const r = document.querySelector('#map canvas').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()"
            )
            page.mouse.move(x, y)
            page.wait_for_selector("div.vis-tooltip", state="visible")
            tooltip = page.evaluate("document.querySelector('div.vis-tooltip').innerText")
            images = page.evaluate("document.querySelectorAll('img, a, iframe').length")
        finally:
            browser.close()
    assert events == {"dialogs": [], "errors": [], "requests": [page_file.as_uri()]}
    assert labels[0] == HOSTILE_NAMES[0] and labels[1] == HOSTILE_NAMES[1]
    assert tooltip.startswith(HOSTILE_NAMES[0])
    assert images == 0


def test_a_dense_workshop_network_draws_its_strongest_links_only_about_two_per_organisation():
    # 25 organisations who all met: the hairball of issue 10 (every pair linked).
    G = build_organisation_graph(synthetic_snapshot(25, seed=7))
    threshold = weak_link_threshold(G)
    drawn = network_data(network_map_html(G, min_strength=threshold))["edges"]
    every = network_data(network_map_html(G))["edges"]
    assert len(every) == G.number_of_edges() > 2 * G.number_of_nodes()
    assert 0 < len(drawn) < len(every)
    kept = sorted(d["strength"] for _, _, d in G.edges(data=True) if d["strength"] >= threshold)
    assert len(drawn) == len(kept) and len(kept) <= 2 * G.number_of_nodes() + sum(1 for s in kept if s == threshold)
    # Each hidden link is weaker than each drawn one.
    assert max(d["strength"] for _, _, d in G.edges(data=True) if d["strength"] < threshold) < min(kept)
    assert len(network_data(network_map_html(G, min_strength=threshold))["nodes"]) == G.number_of_nodes()


def test_a_weak_link_inside_the_highlighted_constellation_is_still_drawn():
    G = nx.Graph()
    G.add_nodes_from([1, 2, 3], name="Org", kind="association", sector="nonprofit")
    G.add_edge(1, 2, strength=0.25, distance=4.0)
    G.add_edge(2, 3, strength=3.0, distance=1 / 3)
    assert len(network_data(network_map_html(G, min_strength=1.0))["edges"]) == 1
    assert len(network_data(network_map_html(G, min_strength=1.0, highlight=frozenset({1, 2})))["edges"]) == 2


def test_on_a_screen_only_the_biggest_organisations_and_the_highlighted_ones_are_named():
    G = build_organisation_graph(synthetic_snapshot(25, seed=7))
    data = network_data(network_map_html(G, highlight=frozenset({25})))
    others = [node for node in data["nodes"] if node["id"] != 25]
    labelled = [node["size"] for node in others if node["label"]]
    unlabelled = [node["size"] for node in others if not node["label"]]
    assert len(labelled) in (SCREEN_LABELS, SCREEN_LABELS - 1) and min(labelled) >= max(unlabelled)
    assert next(node for node in data["nodes"] if node["id"] == 25)["label"]
    assert all(node["title"] for node in data["nodes"])  # every name is still in its tooltip


def test_a_graph_laid_out_before_is_drawn_from_the_kept_layout_with_the_same_positions():
    # The background analysis lays out the map a page draws first (maps.lay_out_map);
    # the page's own drawing must then reuse that layout, and look exactly the same.
    from workshop.network import maplayout
    from benchmarks.synthetic import synthetic_snapshot
    from workshop.services import analysis, maps

    view = analysis.network_view(synthetic_snapshot(40, seed=5))
    maplayout._canonical_layout.cache_clear()
    fresh = maps.map_html(view)
    maplayout._canonical_layout.cache_clear()
    maps.lay_out_map(view)
    laid_out = maplayout._canonical_layout.cache_info()
    assert maps.map_html(view) == fresh
    assert maplayout._canonical_layout.cache_info().hits == laid_out.hits + 1
    assert maplayout._canonical_layout.cache_info().misses == laid_out.misses
