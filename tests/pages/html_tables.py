"""Read the HTML a page sends as escaped blocks (``ui.cards``) as a browser shows it: its tables, and the tags it is built of."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []  # each: caption, header, rows (lists of cell texts)
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "header": [], "rows": []})
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            table = self.tables[-1]
            if not table["header"]:
                table["header"] = self._row
            else:
                table["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def html_tables(at) -> list[dict]:
    """Every HTML table the page shows: ``caption`` (text), ``header`` (column names) and ``rows`` (dicts of cell text)."""
    parser = _Tables()
    for element in at.html:
        parser.feed(element.value)
    return [
        {"caption": table["caption"], "header": table["header"], "rows": [dict(zip(table["header"], row)) for row in table["rows"]]}
        for table in parser.tables
    ]


def table_rows(at, caption: str) -> list[dict[str, str]]:
    """The rows of the one HTML table whose caption starts with ``caption`` (the count follows it)."""
    found = [table for table in html_tables(at) if table["caption"].startswith(caption)]
    assert len(found) == 1, f"{len(found)} tables captioned {caption!r}; have {[t['caption'] for t in html_tables(at)]}"
    return found[0]["rows"]


def html_table(at, caption: str = "") -> list[dict[str, str]]:
    """The rows of the first HTML table whose caption starts with ``caption`` (any table for ``""``)."""
    found = [table for table in html_tables(at) if table["caption"].startswith(caption)]
    if not found:
        raise AssertionError(f"no table captioned {caption!r} on the page")
    return found[0]["rows"]


class Tags(HTMLParser):
    """Every tag and attribute name an HTML block is built of (to check nothing typed became one)."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


def tags_of(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags
