"""Every export format, read back by an independent reader; personal data only when asked."""

from __future__ import annotations

import html
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import pytest
from sqlalchemy import update

from tests.factories import add_idea, add_note, add_tie, commit, join, make_workshop, open_round
from workshop.exchange.dataset import ExportOptions
from workshop.exchange.exports import FORMATS, export
from workshop.models import Person
from workshop.services import voting

SECRET_NAME = "Karin Hemligsdotter"
SECRET_EMAIL = "karin.hemlig@example.se"
SECRET_PHONE = "070-9998877"
SECRET_NOTE = "Bara för facilitatorerna: ordföranden slutar i vår"


@pytest.fixture
def process(sqlite_store):
    """Bygdekök in Ramsberg: an association, a café with a kitchen, a private person who
    consented to contact; a note for facilitators only; dots; and a second meeting elsewhere."""
    store = sqlite_store
    meeting = make_workshop(store)
    anna = join(store, meeting, "Anna Andersson", "Ramsbergs bygdeförening", org_number="802000-1221")
    bo = join(store, meeting, "Bo Berg", "Ramsbergs Kafé AB", kind="company", offers={"premises": ["kök"]})
    karin = join(store, meeting, SECRET_NAME)
    with store.unit_of_work(write=True) as session:
        session.execute(update(Person).where(Person.name == SECRET_NAME).values(email=SECRET_EMAIL, phone=SECRET_PHONE))
        session.commit()
    kitchen = add_idea(store, anna, "Bygdekök i skolan", needs={"premises": ["kök"]})
    commit(store, anna, kitchen, "initiator")
    commit(store, bo, kitchen)
    commit(store, karin, kitchen, "contributor", contribution="Ideell tid")
    add_tie(store, anna, anna, bo)
    add_note(store, anna, "Skolans kök står tomt på kvällarna.")
    add_note(store, bo, SECRET_NOTE, visibility="facilitators")
    open_round(store, meeting)
    voting.set_dots(store, karin.token, kitchen, 2)
    other = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg")
    dora = join(store, other, "Dora", "Vedevågs IF")
    add_idea(store, dora, "Isbana på sjön")
    return store, meeting


def run(store, fmt, **options):
    return export(store, fmt, ExportOptions(**options)).data


def test_gexf_loads_in_networkx_with_names_and_measures(process):
    store, _ = process
    G = nx.read_gexf(io.BytesIO(run(store, "gexf")))
    labels = {data["label"]: data for _, data in G.nodes(data=True)}
    assert {"Ramsbergs bygdeförening", "Ramsbergs Kafé AB", "Vedevågs IF"} <= set(labels)
    cafe = labels["Ramsbergs Kafé AB"]
    assert cafe["kind"] == "company" and cafe["sector"] == "private" and cafe["locality"] == "Ramsberg"
    assert cafe["degree"] >= 1 and cafe["strength"] > 0 and "betweenness" in cafe and "community" in cafe and "leader_area" in cafe
    ids = {data["label"]: node for node, data in G.nodes(data=True)}
    edge = G.edges[ids["Ramsbergs bygdeförening"], ids["Ramsbergs Kafé AB"]]
    # Both committed to the kitchen, they cooperated, and sat in the same meeting.
    assert (edge["shared_ideas"], edge["shared_workshops"], edge["tie_kinds"]) == (1, 1, "cooperated")
    assert edge["weight"] == pytest.approx(1.0 + 2.0 + 0.25)


def test_gexf_is_valid_gexf_xml_that_igraph_can_be_built_from(process):
    import igraph

    store, _ = process
    root = ET.fromstring(run(store, "gexf"))
    namespace = {"g": root.tag.split("}")[0].strip("{")}
    assert namespace["g"] == "http://www.gexf.net/1.2draft"
    nodes = root.findall(".//g:nodes/g:node", namespace)
    edges = root.findall(".//g:edges/g:edge", namespace)
    index = {node.get("id"): n for n, node in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[e.get("source")], index[e.get("target")]) for e in edges])
    g.vs["label"] = [node.get("label") for node in nodes]
    g.es["weight"] = [float(e.get("weight")) for e in edges]
    assert "Ramsbergs bygdeförening" in g.vs["label"] and g.ecount() >= 1 and min(g.es["weight"]) > 0


def test_graphml_loads_in_networkx_and_igraph(process, tmp_path):
    import igraph

    store, _ = process
    data = run(store, "graphml")
    G = nx.read_graphml(io.BytesIO(data))
    (tmp_path / "map.graphml").write_bytes(data)
    g = igraph.Graph.Read_GraphML(str(tmp_path / "map.graphml"))  # igraph's C reader wants a file
    assert g.vcount() == G.number_of_nodes() and g.ecount() == G.number_of_edges()
    assert set(g.vs["label"]) == {d["label"] for _, d in G.nodes(data=True)}
    cafe = g.vs.find(label="Ramsbergs Kafé AB")
    assert cafe["kind"] == "company" and cafe["degree"] >= 1
    assert set(g.es.attributes()) >= {"shared_ideas", "shared_workshops", "tie_kinds", "weight"}


def test_json_is_node_link_json(process):
    store, _ = process
    document = json.loads(run(store, "json"))
    G = nx.node_link_graph(document)
    assert "Ramsbergs bygdeförening" in {d["label"] for _, d in G.nodes(data=True)}
    assert G.number_of_edges() == len(document["edges"]) >= 1


def test_html_is_one_standalone_page_that_links_nothing(process):
    store, _ = process
    page = run(store, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "vis.Network" in page and "Ramsbergs bygdeförening" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_png_is_an_a4_picture(process):
    from PIL import Image

    store, _ = process
    picture = Image.open(io.BytesIO(run(store, "png")))
    width, height = picture.size
    assert picture.format == "PNG" and width > height and abs(width / height - 297 / 210) < 0.02 and width >= 1600


def test_svg_holds_the_names_as_text_and_a_legend(process):
    store, _ = process
    root = ET.fromstring(run(store, "svg"))
    assert root.tag.endswith("svg")
    texts = " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("text"))
    assert "Ramsbergs bygdeförening" in texts and "Ideell sektor" in texts and "Privat sektor" in texts


def test_xlsx_has_a_sheet_per_table_with_swedish_headers_frozen_and_filtered(process):
    import pandas as pd
    from openpyxl import load_workbook

    store, _ = process
    data = run(store, "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Organisationer", "Deltagare", "Idéer", "Åtaganden", "Anteckningar", "Kopplingar", "Röster", "Konstellationer"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert [c.value for c in book["Organisationer"][1]][:3] == ["Namn", "Typ", "Sektor"]
    assert book["Organisationer"].column_dimensions["A"].width >= len("Ramsbergs bygdeförening")
    frames = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert set(frames["Idéer"]["Titel"]) == {"Bygdekök i skolan", "Isbana på sjön"}
    votes = frames["Röster"]
    assert votes.loc[votes["Idé"] == "Bygdekök i skolan", "Prickar"].tolist() == [2]
    assert "Ramsbergs bygdeförening" in frames["Konstellationer"]["Medlemmar"].iloc[0]


def test_csv_zip_opens_in_swedish_excel_with_the_letters_intact(process):
    import pandas as pd

    store, _ = process
    archive = zipfile.ZipFile(io.BytesIO(run(store, "csv")))
    assert "organisationer.csv" in archive.namelist() and len(archive.namelist()) == 8
    raw = archive.read("organisationer.csv")
    assert raw.startswith(b"\xef\xbb\xbf") and b";" in raw.split(b"\r\n")[0]  # what Swedish Excel reads as it is
    frame = pd.read_csv(io.BytesIO(raw), sep=";", encoding="utf-8-sig")
    assert "Ramsbergs Kafé AB" in set(frame["Namn"]) and "Företag" in set(frame["Typ"])


def report_text(store, fmt, **options) -> str:
    data = run(store, fmt, **options)
    if fmt == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_the_report_says_the_challenge_who_took_part_the_ideas_and_next_steps(process, fmt):
    store, meeting = process
    text = report_text(store, fmt, workshop_id=meeting.id)
    flat = re.sub(r"\\(.)", r"\1", " ".join(text.split()))
    for expected in ("Rapport: Framtidens Ramsberg", "Utmaningen", "Hur kan fler idéer bli projekt i Ramsberg?", "Vilka deltog", "3 personer från 3 organisationer",
                     "Bygdekök i skolan", "Bästa konstellation", "Nyckeltal", "Delad dold kunskap", "Skolans kök står tomt", "Nästa steg"):
        assert expected in flat, expected
    assert "Isbana på sjön" not in flat  # another meeting's idea


def searchable(fmt: str, data: bytes) -> str:
    """All text a format holds: members of zip-based formats unpacked, PDF text extracted."""
    if fmt in ("xlsx", "docx", "csv"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        # XML members may write letters as character references (&#246;): read them as text.
        return "\n".join(html.unescape(archive.read(name).decode("utf-8", "replace")) for name in archive.namelist())
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "md":
        return data.decode("utf-8")
    return html.unescape(data.decode("utf-8", "replace"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_export_holds_a_private_persons_name_contact_details_or_facilitator_notes_by_default(process, fmt):
    store, _ = process
    text = searchable(fmt, run(store, fmt))
    for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_NOTE, "Anna Andersson"):
        assert secret not in text
    if fmt in ("xlsx", "csv", "svg", "gexf", "graphml", "json", "html"):
        assert "Privatperson 1" in text  # still counted, under a number


def test_with_the_boxes_ticked_the_workbook_holds_names_contact_details_and_facilitator_notes(process):
    store, _ = process
    text = searchable("xlsx", run(store, "xlsx", include_personal_data=True, include_facilitator_notes=True))
    for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_NOTE, "Anna Andersson"):
        assert secret in text


def test_the_report_of_a_large_process_shows_the_top_of_the_ranking_and_points_to_the_workbook(sqlite_store):
    from benchmarks.populate import populate
    from benchmarks.synthetic import synthetic_snapshot

    snapshot = synthetic_snapshot(50, seed=1)  # 165 ideas
    populate(sqlite_store, snapshot)
    text = report_text(sqlite_store, "md")
    assert f"och {len(snapshot.ideas) - 40} idéer till, med färre röster" in text
    assert len(re.findall(r"^\| \d+ \|", text, flags=re.MULTILINE)) == 40
