"""The participants' lists as one block of escaped HTML: what a phone is sent, and little else.

A Streamlit element per line of a card (a container, columns, a heading, a caption, a
metric, an expander …) made the wall's rerun cost several times a bare page in the browser,
for text that never changes between reruns. Here a list is built as ONE string for
``st.html``: every user string goes through :func:`ui.text.esc` where the HTML is built,
long texts fold under a native ``<details>`` ("Visa mer"), and a page adds Streamlit
widgets only where a person acts (the dots while a round is open, the edit of their own
idea). Nothing here draws; it returns strings, so it is tested without a browser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ui.names import person_line, shown_name
from ui.text import esc
from workshop.i18n import Translator

__all__ = ["CARDS_CSS", "STACKED_CSS", "FOLD", "idea_card_html", "idea_list_html", "rows_html", "table_html"]

FOLD = 280  # a longer description is folded under "Visa mer": a phone's wall stays a wall

# Colours come from the theme (currentColor, transparent tints), so the cards read in light
# and dark themes alike; white-space keeps the line breaks people typed.
CARDS_CSS = """<style>
.stHtml ul.pb-list {display: flex; flex-direction: column; gap: .75rem; margin: 0; padding: 0; list-style: none}
.pb-item {border: 1px solid rgba(128,128,128,.4); border-radius: .5rem; padding: .75rem 1rem; overflow-wrap: anywhere}
.pb-item h3 {font-size: 1.25rem; line-height: 1.3; margin: 0 0 .35rem 0; padding: 0}
.pb-item p {margin: .25rem 0; white-space: pre-line}
.pb-item .pb-by {font-size: .875rem}
.pb-item details summary {cursor: pointer; text-decoration: underline}
/* "Visa mer" on a phone only: a wide screen shows a long description whole. */
@media (min-width: 701px) {.pb-item .pb-fold {display: none}}
@media (max-width: 700px) {.pb-item .pb-whole {display: none}}
.pb-item.pb-carried {border-left: .35rem solid rgba(28,131,225,.6)}
div.pb-item {border: 0; padding: 0}  /* inside a bordered container, beside its dots field */
.stHtml ul.pb-rows {margin: 0; padding-left: 1.2rem}
.pb-rows li {margin: .2rem 0; white-space: pre-line; overflow-wrap: anywhere}
/* A table fits the phone's width (no sideways scrolling, which a keyboard could not reach): long words wrap. */
.pb-table-wrap {margin: 0 0 1rem 0}
table.pb-table {border-collapse: collapse; font-size: .875rem; width: 100%; table-layout: fixed}
.pb-table caption {text-align: left; font-weight: 600; padding: .25rem 0}
/* Icons from the Material Symbols font Streamlit itself serves (no emoji font is needed, none is fetched). */
.pb-icon {font-family: "Material Symbols Rounded"; font-size: 1.1em; line-height: 1; vertical-align: -.2em; font-weight: normal; font-style: normal; letter-spacing: normal; text-transform: none; white-space: nowrap; font-feature-settings: "liga"}
.pb-table th, .pb-table td {border: 1px solid rgba(128,128,128,.4); padding: .25rem .4rem; text-align: left; vertical-align: top; white-space: pre-line; overflow-wrap: anywhere; hyphens: auto}
</style>"""

# A stacked table (issue 25): the heading row stays for screen readers (visually hidden); each cell says its column itself.
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


def _description(t: Translator, text: str) -> list[str]:
    if not text:
        return []
    if len(text) <= FOLD:
        return [f'<p class="pb-desc">{esc(text)}</p>']
    # Both are sent; the stylesheet shows the whole text on a wide screen and the fold on a phone.
    return [
        f'<p class="pb-desc pb-whole">{esc(text)}</p>',
        f'<div class="pb-fold"><p class="pb-desc">{esc(text[:FOLD].rstrip())} …</p>'
        f'<details class="pb-more"><summary>{esc(t("forgive.show_more"))}</summary><p>{esc(text)}</p></details></div>',
    ]


def icon(name: str) -> str:
    """A Material Symbols icon (``name`` is the symbol's ligature), hidden from screen readers.

    >>> icon("handshake")
    '<span class="pb-icon" aria-hidden="true">handshake</span> '
    """
    return f'<span class="pb-icon" aria-hidden="true">{esc(name)}</span> '


def idea_card_html(t: Translator, idea, *, total: int | None = None, my_dots: int | None = None, tag: str = "li") -> str:
    """One idea as the wall shows it: title, text, stage, place, themes, needs, partners, author.

    ``total`` is the idea's dots once revealed; ``my_dots`` the reader's own (shown as text
    where no field is drawn). Every user string is escaped here.

    >>> from types import SimpleNamespace as S
    >>> idea = S(title="<b>Kök</b>", description="", carried=False, stage="idea", locality=None, themes=(),
    ...          needs=(), commitments=(), author_name="Anna", author_organisation="IF")
    >>> "&lt;b&gt;Kök&lt;/b&gt;" in idea_card_html(Translator("sv"), idea)
    True
    """
    parts = [f"<h3>{esc(idea.title)}</h3>"]
    if idea.carried:
        parts.append(f"<p><em>{esc(t('wall.carried'))}</em></p>")
    parts += _description(t, idea.description)
    meta = [esc(t.choice("stage", idea.stage))]
    if idea.locality:
        meta.append(f"{icon('location_on')}{esc(idea.locality)}")
    if idea.themes:
        meta.append(f"{icon('sell')}{esc(', '.join(idea.themes))}")
    parts.append(f'<p class="pb-meta">{" · ".join(meta)}</p>')
    if idea.needs:
        needs = ", ".join(f"{t.choice('need', c)}: {label}" for c, label in idea.needs)
        parts.append(f"<p>{esc(t('wall.needs'))} {esc(needs)}</p>")
    if idea.commitments:
        partners = ", ".join(f"{shown_name(t, c.organisation_name)} ({t.choice('role', c.role)})" for c in idea.commitments)
        parts.append(f"<p>{icon('handshake')}{esc(partners)}</p>")
    dots = []
    if total is not None:
        dots.append(f"<strong>{esc(t('wall.dots_total'))}: {total}</strong>")
    if my_dots is not None:
        dots.append(f"{esc(t('wall.my_dots'))}: {my_dots}")
    if dots:
        parts.append(f'<p class="pb-dots">{" · ".join(dots)}</p>')
    by = person_line(t, idea.author_name, idea.author_organisation) or "–"
    parts.append(f'<p class="pb-by">{esc(t("wall.by", name=by))}</p>')
    carried = " pb-carried" if idea.carried else ""
    return f'<{tag} class="pb-item{carried}" data-testid="pb-wall-idea">{"".join(parts)}</{tag}>'


def idea_list_html(t: Translator, ideas: Iterable, totals: Mapping[int, int] | None = None, my_dots: Mapping[int, int] | None = None) -> str:
    """Every idea of ``ideas`` as one list, for one ``st.html`` call (the styles included)."""
    totals = totals or {}
    cards = "".join(idea_card_html(t, idea, total=totals.get(idea.id), my_dots=None if my_dots is None else my_dots.get(idea.id, 0)) for idea in ideas)
    return f'{CARDS_CSS}<ul class="pb-list" aria-label="{esc(t("wall.title"))}">{cards}</ul>'


def rows_html(lines: Iterable[str]) -> str:
    """Plain lines of user text (my notes, my contacts …) as one escaped list."""
    return f'{CARDS_CSS}<ul class="pb-rows">{"".join(f"<li>{esc(line)}</li>" for line in lines)}</ul>'


def table_html(caption: str, rows: list[Mapping[str, object]], *, stacked: bool = False) -> str:
    """Rows of plain values as one escaped HTML table under ``caption`` (with the count of rows).

    A phone's *Mina uppgifter* showed up to six data grids: each a canvas the browser draws and
    a table of Arrow bytes it decodes on every rerun, for a handful of rows it only reads.
    Every value is escaped here; an empty list gives the caption alone. ``stacked``: on a phone
    each row becomes a card of "Column: value" lines (:data:`STACKED_CSS`), for tables too wide
    for 390 pixels (seven columns break every word, "Sked|e"); a wider screen keeps the table.

    >>> html = table_html("Idéer", [{"Rubrik": "<b>Kök</b>", "Ort": "Ramsberg"}])
    >>> '<th scope="col">Rubrik</th>' in html and "&lt;b&gt;Kök&lt;/b&gt;" in html
    True
    >>> html = table_html("Idéer", [{"Idé": "<b>Kök</b>", "Läge": "Bildad"}], stacked=True)
    >>> '<td data-label="Idé">&lt;b&gt;Kök&lt;/b&gt;</td>' in html and "<b>" not in html
    True
    """
    css, kind = (CARDS_CSS + STACKED_CSS, "pb-table pb-stack") if stacked else (CARDS_CSS, "pb-table")
    head = f"<caption>{esc(caption)} ({len(rows)})</caption>"
    if not rows:
        return f'{css}<div class="pb-table-wrap"><table class="{kind}">{head}</table></div>'
    columns = list(rows[0])
    header = "".join(f'<th scope="col">{esc(column)}</th>' for column in columns)
    label = (lambda column: f' data-label="{esc(column)}"') if stacked else (lambda column: "")
    body = "".join("<tr>" + "".join(f"<td{label(column)}>{esc(str(row.get(column, '')))}</td>" for column in columns) + "</tr>" for row in rows)
    return f'{css}<div class="pb-table-wrap"><table class="{kind}">{head}<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>'
    columns = list(rows[0])
    header = "".join(f'<th scope="col">{esc(column)}</th>' for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(row.get(column, '')))}</td>" for column in columns) + "</tr>" for row in rows)
    return f'{CARDS_CSS}<div class="pb-table-wrap"><table class="pb-table">{head}<thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>'
