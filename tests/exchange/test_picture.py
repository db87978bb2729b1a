"""The network picture for paper and wall: names that never overlap, the linked part large,
organisations without links in a strip, a legend, the workshop's name and date.

The images rendered here are kept in docs/images/ (the gallery in docs/exchange.md) when
PROJEKTBEREDSKAP_KEEP_IMAGES names a folder.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from workshop.exchange.exports.picture import PAGES, picture_layout, render_picture
from workshop.i18n import Translator
from workshop.network.maptext import MAP_LABEL_KEYS
from workshop.exchange.exports.picture import PICTURE_LABEL_KEYS

LABELS = {key: Translator("sv")(key) for key in (*MAP_LABEL_KEYS, *PICTURE_LABEL_KEYS)}


def network(linked: int, isolated: int, seed: int = 1) -> nx.Graph:
    """``linked`` organisations in two linked groups (a dense one and a chain), and
    ``isolated`` register companies with no link, with long realistic names."""
    G = nx.Graph()
    core = nx.gnp_random_graph(max(2, linked * 2 // 3), 0.5, seed=seed)
    chain = nx.path_graph(range(1000, 1000 + linked - core.number_of_nodes()))
    for part in (core, chain):
        G.add_edges_from(part.edges(), strength=1.5)
        G.add_nodes_from(part.nodes())
    for n in list(G):
        G.nodes[n].update(name=("Vedevågs IF {n}", "Bruket {n} AB", "Vedevågs bygdeförening nummer {n}", "Lindesbergs kommun {n}")[n % 4].format(n=n), sector=("nonprofit", "private", "public", None)[n % 4], strength=float(G.degree(n)))
    for i in range(isolated):
        G.add_node(5000 + i, name=f"Fellingsbro Företag {i} AB", sector="private", strength=0.0)
    return G


def overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("linked, isolated", [(9, 0), (14, 33), (60, 5)])
def test_no_two_names_on_the_network_overlap(page, linked, isolated):
    boxes: list = []
    render_picture(network(linked, isolated), fmt="png", labels=LABELS, title="Vedevåg framåt", subtitle="2026-10-15 · Vedevåg", page=page, label_boxes=boxes)
    assert boxes, "no name was drawn"
    assert not [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if overlaps(boxes[i], boxes[j])]
    # A small workshop's linked organisations are named, most of them (the rest are counted).
    if linked <= 14:
        assert len(boxes) >= linked * 2 / 3


def test_the_linked_part_fills_the_drawing_and_unlinked_organisations_go_to_the_strip():
    G = network(14, 33)
    layout = picture_layout(G, aspect=1.5)
    assert set(layout.isolated) == {n for n in G if G.degree(n) == 0}
    xs = [x for x, _ in layout.positions.values()]
    ys = [y for _, y in layout.positions.values()]
    # The drawing's box is the linked part's own: no loose dot stretches it.
    assert (max(xs) - min(xs)) == pytest.approx(layout.width, rel=0.01) and (max(ys) - min(ys)) == pytest.approx(layout.height, rel=0.01)
    assert 0.9 <= layout.width / layout.height <= 2.2


def test_a_workshop_with_no_links_yet_draws_its_organisations_instead_of_an_empty_page():
    G = nx.Graph()
    G.add_nodes_from((n, {"name": f"Förening {n}", "sector": "nonprofit", "strength": 0.0}) for n in range(3))
    layout = picture_layout(G)
    assert sorted(layout.positions) == [0, 1, 2] and layout.isolated == ()


def test_the_svg_has_the_title_date_legend_and_the_strip_with_its_count():
    G = network(14, 33)
    root = ET.fromstring(render_picture(G, fmt="svg", labels=LABELS, title="Vedevåg framåt", subtitle="2026-10-15 · Vedevåg"))
    texts = " ".join(" ".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))
    for expected in ("Vedevåg framåt", "2026-10-15 · Vedevåg", "Sektor", "Ideell sektor", "Privat sektor", "Utan kopplingar (33):", "… och 22 till", "Fellingsbro Företag 0 AB"):
        assert expected in texts, expected


@pytest.mark.parametrize("page, size", [("a4", (1753, 1240)), ("wall", (1920, 1080))])
def test_the_png_has_the_pages_size(page, size, tmp_path):
    from PIL import Image

    png = render_picture(network(14, 33), fmt="png", labels=LABELS, title="Vedevåg framåt", subtitle="2026-10-15", page=page)
    assert Image.open(io.BytesIO(png)).size == size


def test_the_demo_pictures_can_be_kept_for_the_gallery(tmp_path):
    """Renders the demo's pictures (A4 and wall, a workshop and the process); kept in
    PROJEKTBEREDSKAP_KEEP_IMAGES (docs/images) when it is set."""
    from PIL import Image

    from workshop.db import create_store
    from workshop.demo import load_demo
    from workshop.exchange.dataset import ExportOptions, read_export_data
    from workshop.exchange.exports.picture import render_export_picture
    from workshop.services.reference import ensure_reference_data

    store = create_store(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    ensure_reference_data(store)
    summary = load_demo(store)
    keep = Path(os.environ.get("PROJEKTBEREDSKAP_KEEP_IMAGES", tmp_path))
    vedevag = next(w.id for w in summary.workshops if "Vedevåg" in w.title)
    for name, workshop_id in (("demo", vedevag), ("process", None)):
        data = read_export_data(store, ExportOptions(workshop_id=workshop_id))
        for page in ("a4", "wall"):
            png = render_export_picture(data, "png", page=page)
            (keep / f"network-{page}-{name}.png").write_bytes(png)
            assert Image.open(io.BytesIO(png)).size[0] >= 1753
