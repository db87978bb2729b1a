"""Reading the tables pages send as escaped HTML (ui/cards.py ``table_html``) back into rows, as a user reads them."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_table"]


class _Table(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.caption = ""
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data
        elif self._cell is not None:
            self._cell.append(data)


def html_table(at, caption: str = "") -> list[dict[str, str]]:
    """The rows (header → text) of the first HTML table on the page whose caption starts with ``caption``."""
    for block in at.html:
        if "pb-table" not in block.value:
            continue
        table = _Table()
        table.feed(block.value)
        if table.caption.startswith(caption):
            header, *rows = table.rows
            return [dict(zip(header, row)) for row in rows]
    raise AssertionError(f"no table captioned {caption!r} on the page")
