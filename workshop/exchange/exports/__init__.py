"""Every export format, by name: :data:`FORMATS` and :func:`export`.

Each format is a function from :class:`~workshop.exchange.dataset.ExportData` to bytes;
the data is read once (with the personal-data rule applied) and the format only writes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ...db import Store
from ...documents import DocumentInfo, to_docx, to_markdown, to_pdf
from ...errors import InvalidInput
from ...network.mapview import network_map_html
from ..dataset import ExportData, ExportOptions, read_export_data
from .graphs import to_gexf, to_graphml, to_json
from .picture import render_export_picture
from .report import report_blocks
from .workbook import to_csv_zip, to_xlsx

__all__ = ["Format", "FORMATS", "ExportFile", "export", "render", "file_name"]


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    mime: str
    write: Callable[[ExportData], bytes]


def _html(data: ExportData) -> bytes:
    return network_map_html(data.graph, labels=data.labels).encode("utf-8")


def _picture(fmt: str) -> Callable[[ExportData], bytes]:
    return lambda data: render_export_picture(data, fmt)


def _report(writer) -> Callable[[ExportData], bytes]:
    def write(data: ExportData) -> bytes:
        # The same picture as the PNG export, headed with the workshop's name and date.
        picture = render_export_picture(data, "png") if data.graph.number_of_nodes() else None
        return writer(report_blocks(data, picture), DocumentInfo(author=data.author, language=data.options.language, subject=data.title))

    return write


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html", "text/html", _html),
        Format("gexf", "gexf", "application/gexf+xml", lambda d: to_gexf(d.graph, title=d.title)),
        Format("graphml", "graphml", "application/graphml+xml", lambda d: to_graphml(d.graph)),
        Format("json", "json", "application/json", lambda d: to_json(d.graph)),
        Format("png", "png", "image/png", _picture("png")),
        Format("svg", "svg", "image/svg+xml", _picture("svg")),
        Format("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lambda d: to_xlsx(d.sheets)),
        Format("csv", "zip", "application/zip", lambda d: to_csv_zip(d.sheets, decimal="," if d.options.language == "sv" else ".")),
        Format("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _report(to_docx)),
        Format("pdf", "pdf", "application/pdf", _report(to_pdf)),
        Format("md", "md", "text/markdown", _report(to_markdown)),
    )
}


@dataclass(frozen=True)
class ExportFile:
    file_name: str
    mime: str
    data: bytes


def file_name(title: str, fmt: str) -> str:
    """A plain file name for an export of ``title``.

    >>> file_name("Framtidens Ramsberg – steg 2", "csv")
    'framtidens-ramsberg-steg-2.zip'
    """
    ascii_title = "".join(ch for ch in unicodedata.normalize("NFKD", title.lower()) if not unicodedata.combining(ch))
    stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in ascii_title).strip("-")
    return ("-".join(part for part in stem.split("-") if part) or "projektberedskap") + "." + FORMATS[fmt].extension


def render(data: ExportData, fmt: str) -> ExportFile:
    """Write already-read ``data`` as ``fmt``; raises ``KeyError`` for an unknown format."""
    spec = FORMATS[fmt]
    return ExportFile(file_name(data.title, fmt), spec.mime, spec.write(data))


def export(store: Store, fmt: str, options: ExportOptions = ExportOptions(), *, progress=None) -> ExportFile:
    """Read what ``options`` asks for and write it as ``fmt``."""
    if fmt not in FORMATS:
        raise InvalidInput("errors.invalid_choice", field="format")
    return render(read_export_data(store, options, progress=progress), fmt)
