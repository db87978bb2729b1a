"""Documents: a list of blocks written as Markdown, DOCX or PDF.

A document is a list of :class:`Block` (title, headings, paragraphs, bullet lists, tables,
a picture) with a :class:`DocumentInfo`; the workshop report
(:mod:`workshop.exchange.exports.report`), the LEADER application draft
(:mod:`workshop.leader.draft`) and the office draft (:mod:`workshop.companies.office`) each
build one and hand it to these writers.

The files are documents of their language, not generic ones: A4, the language set (sv-SE
in the DOCX's styles and document defaults, and in the PDF), title, author and creation time
in the metadata, page numbers in the footer, table columns at least as wide as their longest
word, a heading never left alone at the foot of a PDF page, and emoji the PDF font cannot
draw written as text (":)", "[emoji]") instead of vanishing.

- :mod:`.model`: :class:`Block`, :class:`DocumentInfo`, :func:`column_widths`;
- :mod:`.markdown_file`, :mod:`.docx_file`, :mod:`.pdf_file`: one writer each.

A leaf: it imports nothing of the services, LEADER or exchange packages (only the catalogs,
for "Sida N av M"), so whoever writes a document may import it.
"""

from .docx_file import to_docx
from .markdown_file import to_markdown
from .model import LANGUAGE_TAGS, Block, DocumentInfo, column_widths
from .pdf_file import pdf_text, to_pdf

__all__ = ["Block", "DocumentInfo", "LANGUAGE_TAGS", "column_widths", "pdf_text", "to_docx", "to_markdown", "to_pdf"]
