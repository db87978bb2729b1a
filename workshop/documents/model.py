"""What a document is, whatever it is written as: a list of :class:`Block` and the
:class:`DocumentInfo` it says about itself, and the table-column rule every writer shares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["Block", "DocumentInfo", "LANGUAGE_TAGS", "column_widths"]

LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


@dataclass(frozen=True)
class Block:
    """One part of a document: its kind, its text, and the items, headings or picture it holds."""

    kind: str  # "title", "heading", "paragraph", "bullets", "table", "picture"
    text: str = ""
    items: tuple = ()
    headings: tuple = ()
    picture: bytes = b""


@dataclass(frozen=True)
class DocumentInfo:
    """What a document says about itself: title (else the title block's), author, language, time."""

    title: str = ""
    author: str = ""
    language: str = "sv"
    subject: str = ""
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    @property
    def language_tag(self) -> str:
        return LANGUAGE_TAGS.get(self.language, self.language)

    def for_blocks(self, blocks: list[Block]) -> "DocumentInfo":
        if self.title:
            return self
        title = next((b.text for b in blocks if b.kind == "title"), "")
        return DocumentInfo(title, self.author, self.language, self.subject, self.created)


def column_widths(headings, rows, total: float, measure, padding: float = 0.0) -> list[float]:
    """Widths (in the unit of ``total``) for a table's columns, summing to ``total``.

    Each column is at least as wide as its longest word (``measure(text)`` is a text's width,
    ``padding`` the cell's own margins), so no word is broken across lines; the width left
    over goes to the columns whose text would otherwise wrap. When even the longest words do
    not fit, they share ``total`` in proportion.

    >>> chars = lambda text: 0.2 * len(text)
    >>> column_widths(("#", "Idé", "Röster"), [(1, "Grannskapskontor i Ramsberg", 3)], 16.0, chars, 0.2)
    [0.4, 14.2, 1.4]
    >>> [round(w, 2) for w in column_widths(("a", "b"), [("x" * 100, "y" * 100)], 10.0, chars)]
    [5.0, 5.0]
    """
    columns = list(zip(*([tuple(headings)] + [tuple(row) for row in rows]))) or [tuple(headings)]
    minimum = [max((measure(word) for text in column for word in str(text).split()), default=0.0) + padding for column in columns]
    lines = [max((measure(str(text)) for text in column), default=0.0) + padding for column in columns]
    if sum(minimum) >= total:
        return [total * m / sum(minimum) for m in minimum]
    wanted = [max(line - m, 0.0) for line, m in zip(lines, minimum)]
    spare = total - sum(minimum)
    extra = [spare * w / sum(wanted) for w in wanted] if sum(wanted) else [spare / len(minimum)] * len(minimum)
    return [round(m + e, 4) for m, e in zip(minimum, extra)]

