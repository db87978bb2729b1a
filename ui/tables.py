"""A table that a phone reads as cards: wide tables as one escaped HTML block (issue 25).

:func:`ui.cards.table_html` keeps its columns on every screen; with seven columns a phone's
390 pixels break every word ("Sked|e"). Here each row becomes a card of "Column: value" lines
below 700 pixels, and stays a table row on a wider screen. Nothing here draws; it returns a
string for ``st.html``, and every value and heading is escaped where the HTML is built.
"""

from __future__ import annotations

from collections.abc import Mapping

from ui.cards import CARDS_CSS
from ui.text import esc

__all__ = ["STACKED_CSS", "stacked_table_html"]

# The heading row stays for screen readers (visually hidden); each cell says its column itself.
STACKED_CSS = """<style>
@media (max-width: 700px) {
  table.pb-stack {table-layout: auto}
  .pb-stack thead {position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap}
  .pb-stack tbody, .pb-stack tr, .pb-stack td {display: block; width: auto}
  .pb-stack tr {border: 1px solid rgba(128,128,128,.4); border-radius: .5rem; margin: 0 0 .5rem 0; padding: .35rem .6rem}
  .pb-stack td {border: 0; padding: .1rem 0; overflow-wrap: break-word}
  .pb-stack td::before {content: attr(data-label) ": "; font-weight: 600}
  .pb-stack td:empty {display: none}
}
</style>"""


def stacked_table_html(caption: str, rows: list[Mapping[str, object]]) -> str:
    """Rows of plain values as one escaped HTML table under ``caption``; on a phone, a card per row.

    >>> html = stacked_table_html("Idéer", [{"Idé": "<b>Kök</b>", "Läge": "Bildad"}])
    >>> '<td data-label="Idé">&lt;b&gt;Kök&lt;/b&gt;</td>' in html and "<b>" not in html
    True
    """
    head = f"<caption>{esc(caption)} ({len(rows)})</caption>"
    if not rows:
        return f'{CARDS_CSS}<div class="pb-table-wrap"><table class="pb-table">{head}</table></div>'
    columns = list(rows[0])
    header = "".join(f'<th scope="col">{esc(column)}</th>' for column in columns)
    body = "".join(
        "<tr>" + "".join(f'<td data-label="{esc(column)}">{esc(str(row.get(column, "")))}</td>' for column in columns) + "</tr>" for row in rows
    )
    return (
        f'{CARDS_CSS}{STACKED_CSS}<div class="pb-table-wrap"><table class="pb-table pb-stack">{head}'
        f"<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>"
    )
