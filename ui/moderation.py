""""Moderera": the meeting's ideas and notes as escaped HTML blocks, read once per change.

The page drew the ideas as a data grid (a canvas the browser draws and Arrow bytes it decodes
on every rerun) and the notes as a row of columns, text and a button per note. Here each list
is ONE escaped block for ``st.html``; the page adds a single picker and the buttons for the
item picked, so the widgets do not grow with the meeting, and sends the table of every idea
only on its own tab. Every user string is escaped here
(:func:`ui.text.esc`). Nothing here draws but :func:`idea_overview_html`'s cache, which only
keeps strings.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from ui.cards import CARDS_CSS, idea_card_html, table_html
from ui.live import cached_wall
from ui.text import esc
from workshop.i18n import Translator

__all__ = ["idea_html", "idea_overview_html", "note_label", "notes_html", "overview_html"]

_MODERATION_CSS = "<style>.pb-rows li.pb-hidden-note {opacity: .75}</style>"


def overview_html(t: Translator, ideas: Iterable) -> str:
    """Every idea of the meeting (title, stage, hidden, partners) as one escaped table.

    >>> from types import SimpleNamespace as S
    >>> html = overview_html(Translator("sv"), [S(title="<i>Bastu</i>", stage="idea", hidden=True, commitments=(1, 2))])
    >>> "&lt;i&gt;Bastu&lt;/i&gt;" in html and "<td>Dold</td>" in html and "Alla idéer i mötet (1)" in html
    True
    """
    rows = [
        {
            t("field.idea"): i.title,
            t("field.stage"): t.choice("stage", i.stage),
            t("moderate.hidden"): t("moderate.hidden") if i.hidden else "",
            t("moderate.partners"): len(i.commitments),
        }
        for i in ideas
    ]
    return f'<div data-testid="pb-moderate-overview">{table_html(t("staff_light.overview"), rows)}</div>'


@st.cache_resource(show_spinner=False, max_entries=32)
def idea_overview_html(workshop_id: int, revision: int, language: str) -> str:
    """:func:`overview_html` of the facilitator's wall, built once per change and language for every session."""
    return overview_html(Translator(language), cached_wall(workshop_id, revision, True).ideas)


def idea_html(t: Translator, idea) -> str:
    """The picked idea as the wall shows it, with "hidden" said in words when it is."""
    hidden = f'<p><strong>{esc(t("moderate.hidden"))}</strong></p>' if idea.hidden else ""
    return f'{CARDS_CSS}<div class="pb-idea-view" data-testid="pb-moderate-idea">{hidden}{idea_card_html(t, idea, tag="div")}</div>'


def _note_text(t: Translator, note) -> str:
    return f"{t.choice('note_kind', note.kind)} · {note.about}: {note.text} — {note.author_name}"


def notes_html(t: Translator, notes: Iterable) -> str:
    """The notes of tacit knowledge as one escaped list: 🔒 for the facilitators' own, hidden ones struck and said.

    >>> from types import SimpleNamespace as S
    >>> note = S(kind="resource", about="<b>Skolan</b>", text="Kök finns", author_name="Bo", visibility="facilitators", hidden=True)
    >>> html = notes_html(Translator("sv"), [note])
    >>> "&lt;b&gt;Skolan&lt;/b&gt;" in html and "<s>" in html and "🔒" in html
    True
    """
    lines = []
    for note in notes:
        badge = "🔒 " if note.visibility == "facilitators" else ""
        text = esc(badge + _note_text(t, note))
        if note.hidden:
            lines.append(f'<li class="pb-hidden-note"><s>{text}</s> ({esc(t("moderate.hidden"))})</li>')
        else:
            lines.append(f"<li>{text}</li>")
    return f'{CARDS_CSS}{_MODERATION_CSS}<ul class="pb-rows" data-testid="pb-moderate-notes">{"".join(lines)}</ul>'


def note_label(t: Translator, note, width: int = 80) -> str:
    """A note as one line of a picker (the picker shows plain text): cut at ``width`` characters."""
    text = _note_text(t, note)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
