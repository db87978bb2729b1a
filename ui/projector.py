"""What the projector redraws every second (its own module, so the benchmark can time one tick)."""

from __future__ import annotations

import streamlit as st

from ui.live import cached_info, cached_public_votes, live_wall, workshop_revision
from ui.names import person_line, shown_name
from ui.text import esc
from ui.wall import page_of
from workshop.i18n import Translator

__all__ = ["IDEAS_PER_PAGE", "NOTES_PER_PAGE", "draw_wall"]

IDEAS_PER_PAGE = 6  # three across, two down: readable from the back on 1920×1080 and 1280×720
NOTES_PER_PAGE = 3


def draw_wall(t: Translator, workshop_id: int) -> None:
    """The live part of the projector: counters, a page of idea cards and a page of notes.

    Everything comes from caches keyed on the workshop's revision, so a tick with nothing
    new costs one shared revision read at most. Pages turn by themselves (``2/3`` says where).
    """
    revision = workshop_revision(workshop_id)
    board = live_wall(workshop_id)
    state = cached_public_votes(workshop_id, revision)
    current = cached_info(workshop_id, revision)
    counters = [
        (board.participants, t("projector.participants")),
        (board.organisations, t("projector.organisations")),
        (len(board.ideas), t("projector.ideas")),
        (board.commitments, t("projector.commitments")),
        (len(board.notes), t("projector.notes")),
        (len(board.ties), t("projector.ties")),
    ]
    status = t("projector.open") if current.submissions_open else t("projector.closed")
    totals = {}
    if state.current is not None and state.current.results_visible:
        totals = state.totals.get(state.current.id, {})
    ideas = sorted(board.ideas, key=lambda i: -totals.get(i.id, 0)) if totals else list(board.ideas)
    shown, number, pages = page_of(ideas, IDEAS_PER_PAGE, key="projector_ideas", revision=revision)
    pager = f'<span class="pb-pager" data-testid="pb-pager">{number}/{pages}</span>' if pages > 1 else ""
    st.html(
        '<div class="pb-counters">'
        + "".join(f'<div class="pb-counter"><b>{value}</b><span>{esc(label)}</span></div>' for value, label in counters)
        + f'<div class="pb-counter pb-status {"pb-open" if current.submissions_open else "pb-closed"}"><span>{esc(status)}</span>{pager}</div></div>'
    )
    cards = []
    for idea in shown:
        partners = ", ".join(shown_name(t, c.organisation_name) for c in idea.commitments)
        dots = f" · ● {t('projector.dot_one' if totals[idea.id] == 1 else 'projector.dots', count=totals[idea.id])}" if idea.id in totals else ""
        author = person_line(t, idea.author_name, idea.author_organisation)
        cards.append(
            f'<div class="pb-card{" pb-carried" if idea.carried else ""}" data-testid="pb-idea">'
            f"<h3>{esc(idea.title)}</h3>"
            f'<p class="pb-desc">{esc(idea.description[:220])}</p>'
            f'<p class="pb-meta">{esc(author)}{esc(dots)}</p>'
            + (f'<p class="pb-meta">{esc(t("projector.with", partners=partners))}</p>' if partners else "")
            + "</div>"
        )
    if not cards:
        cards.append(f'<div class="pb-card"><h3>{esc(t("projector.empty"))}</h3></div>')
    st.html('<div class="pb-wall">' + "".join(cards) + "</div>")
    if board.notes:
        notes, note_number, note_pages = page_of(board.notes, NOTES_PER_PAGE, key="projector_notes", revision=revision)
        note_pager = f' <span class="pb-pager" data-testid="pb-notes-pager">{note_number}/{note_pages}</span>' if note_pages > 1 else ""
        st.html(
            f'<div class="pb-notes"><h2>{esc(t("projector.latest_notes"))}{note_pager}</h2>'
            + "".join(f"<p>• {esc(shown_name(t, n.about))}: {esc(n.text[:200])}</p>" for n in notes)
            + "</div>"
        )
