"""The radar chart: a self-contained SVG, labels escaped, first and latest measurement overlaid."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from workshop.companies.radar import SERIES_COLOURS, radar_svg
from workshop.companies.vocabulary import DIMENSIONS

LABELS = {d: f"<b>{d}</b> & co" for d in DIMENSIONS}
NS = "{http://www.w3.org/2000/svg}"


def test_the_chart_is_valid_svg_with_every_label_escaped_and_nothing_fetched():
    svg = radar_svg([("<script>alert(1)</script>", {d: 50 for d in DIMENSIONS})], LABELS, title="Café \"Ö\"")
    root = ET.fromstring(svg)  # parses: the escaping kept it well-formed
    texts = ["".join(el.itertext()) for el in root.iter(f"{NS}text")] + [el.text for el in root.iter(f"{NS}tspan")]
    assert "<b>strategy</b>" in texts and "&amp; co" not in texts  # the label broken in two lines, unescaped when read and "<script>alert(1)</script>" in texts
    assert "<script" not in svg and "<b>" not in svg and "&lt;b&gt;strategy&lt;/b&gt;" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no CDN, no link


def test_first_and_latest_measurement_are_two_coloured_shapes_and_a_full_score_reaches_the_outer_ring():
    svg = radar_svg([("Första", {d: 20 for d in DIMENSIONS}), ("Senaste", {d: 100 for d in DIMENSIONS})], LABELS)
    root = ET.fromstring(svg)
    shapes = [p for p in root.iter(f"{NS}polygon") if p.get("fill") not in (None, "none")]
    assert [p.get("stroke") for p in shapes] == list(SERIES_COLOURS[:2])
    rings = [p for p in root.iter(f"{NS}polygon") if p.get("fill") is None]
    assert shapes[1].get("points") == rings[-1].get("points")  # 100 on every dimension: the outer ring


def test_a_dimension_without_a_score_is_drawn_at_the_centre_and_marked_in_the_legend():
    svg = radar_svg([("Pågår", {"strategy": 60})], LABELS, size=300)
    root = ET.fromstring(svg)
    assert any("".join(el.itertext()) == "Pågår –" for el in root.iter(f"{NS}text"))
    circles = [(c.get("cx"), c.get("cy")) for c in root.iter(f"{NS}circle")]
    assert circles.count(("150.0", "150.0")) == 5  # the five dimensions without a score
