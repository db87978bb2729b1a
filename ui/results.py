"""The results moment: a revealed round's top ideas in large type on the wall, the same list
on a phone, and the facilitator's start and end buttons on "Prickröstning".

Separate from ui/phase.py because it reads the network analysis (the constellations and their
gaps), which the participants' form pages should not load.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.fit import cached_fit
from ui.forms import succeeds
from ui.live import cached_public_votes, live_wall, workshop_revision
from ui.names import shown_name
from ui.network import analysis_revision
from ui.phase import live_meeting, phase_banner
from ui.text import esc
from ui.wall import page_of, paused_since
from workshop.db import Store
from workshop.i18n import Translator
from workshop.meeting import service as meeting
from workshop.meeting.results import ResultLine, top_ideas
from workshop.services.voting import RoundView

__all__ = ["RESULTS_PER_PAGE", "RESULTS_CSS", "draw_results", "draw_room", "result_lines", "results_controls"]

RESULTS_PER_PAGE = 3  # three ideas in large type: readable from the back of the hall at 1280×720

RESULTS_CSS = """
<style>
.pb-results h2 {font-size: calc(4.2 * var(--u, 8px)); margin: 0 0 .3em 0; padding: 0}
.pb-result {display: grid; grid-template-columns: auto 1fr; gap: 0 calc(2 * var(--u, 8px)); align-items: start;
  padding: calc(1.2 * var(--u, 8px)) calc(1.6 * var(--u, 8px)); margin: 0 0 calc(1.1 * var(--u, 8px)) 0;
  border-radius: .6rem; background: #fff8c5; color: #1f1f1f; box-shadow: 0 1px 3px rgba(0,0,0,.25); overflow-wrap: anywhere}
.pb-result .pb-rank {grid-row: span 3; font-size: calc(6 * var(--u, 8px)); font-weight: 800; line-height: 1}
.pb-result h3 {font-size: calc(4.4 * var(--u, 8px)); line-height: 1.1; margin: 0; padding: 0; color: #1f1f1f;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden}
.pb-result .pb-dots {font-size: calc(3.4 * var(--u, 8px)); font-weight: 800; color: #0b5d1e}
.pb-result p {font-size: calc(2.4 * var(--u, 8px)); line-height: 1.3; margin: .15em 0 0 0; color: #1f1f1f}
.pb-result .pb-lack {font-weight: 700; color: #7a1020}
</style>
"""


_ROOM_RESULTS = "projector_results_moment"  # the results moment the wall drew last
RESULTS_MOMENT_CSS = "<style>[data-testid='stHorizontalBlock']:has(.pb-title) {display: none !important}</style>"


def result_lines(workshop_id: int, round_id: int) -> tuple[ResultLine, ...]:
    """The top ideas of a revealed round, from the caches the wall and the network pages share."""
    revision = workshop_revision(workshop_id)
    votes = cached_public_votes(workshop_id, revision)
    totals = votes.totals.get(round_id, {})
    titles = {idea.id: idea.title for idea in live_wall(workshop_id).ideas}
    return top_ideas(totals, titles, cached_fit(analysis_revision()))


def _line_html(t: Translator, rank: int, line: ResultLine) -> str:
    dots = t("projector.dot_one" if line.dots == 1 else "projector.dots", count=line.dots)
    parts = [f'<div class="pb-result" data-testid="pb-result"><span class="pb-rank">{rank}</span>', f"<h3>{esc(line.title)}</h3>", f'<span class="pb-dots">● {esc(dots)}</span>']
    extra = []
    if line.constellation:
        members = ", ".join(shown_name(t, name) for name in line.constellation)
        extra.append(f"<p>{esc(t('meeting.results.constellation', members=members))}</p>")
    for lack in line.lacks:
        who = f" {esc(t('meeting.results.maybe', names=', '.join(shown_name(t, n) for n in lack.could_fill)))}" if lack.could_fill else ""
        extra.append(f'<p><span class="pb-lack">{esc(t.message(lack.message))}</span>{who}</p>')
    return "".join(parts) + f'<div style="grid-column: 2">{"".join(extra)}</div></div>'


def draw_results(t: Translator, workshop_id: int, moment: meeting.ResultsMoment, *, wall: bool) -> None:
    """The results list: on the wall a page of three at a time, turning by itself; on a phone all."""
    lines = result_lines(workshop_id, moment.round_id)
    heading = esc(t("meeting.results.heading", number=moment.round_number))
    if not lines:
        st.html(RESULTS_CSS + f'<div class="pb-results"><h2>{heading}</h2><p>{esc(t("meeting.results.none"))}</p></div>')
        return
    ranked = list(enumerate(lines, start=1))
    pager = ""
    if wall:
        ranked, number, pages = page_of(ranked, RESULTS_PER_PAGE, key="results", revision=moment.id)
        if pages > 1:
            pager = f' <span class="pb-pager" data-testid="pb-results-pager">{number}/{pages}</span>'
    st.html(RESULTS_CSS + f'<div class="pb-results" data-testid="pb-results"><h2>{heading}{pager}</h2>' + "".join(_line_html(t, rank, line) for rank, line in ranked) + "</div>")


def draw_room(t: Translator, workshop_id: int, draw_wall: Callable[[Translator, int], None]) -> None:
    """The projector's live part: the running phase on top, then the results moment or the wall.

    The wall (or the results) is drawn first and the run of show read after it: a new idea
    changes the revision, and the run of show's read for that revision must not delay the idea
    on its way to the wall. What the last tick drew decides what this one draws first; when the
    results moment started or ended meanwhile, the body is drawn again in its place.
    """
    top, body = st.container(), st.empty()
    known = st.session_state.get(_ROOM_RESULTS)
    _draw_body(t, workshop_id, draw_wall, body, known)
    state = live_meeting(workshop_id)
    with top:
        phase_banner(t, state, wall=True, still_since=paused_since())
    if state.results != known:
        st.session_state[_ROOM_RESULTS] = state.results
        _draw_body(t, workshop_id, draw_wall, body, state.results)


def _draw_body(t: Translator, workshop_id: int, draw_wall, body, moment: meeting.ResultsMoment | None) -> None:
    with body.container():  # replaces whatever the placeholder held
        if moment is not None:
            # The room has joined: the moment takes the header's place (title, code, QR code).
            st.html(RESULTS_MOMENT_CSS)
            draw_results(t, workshop_id, moment, wall=True)
        else:
            draw_wall(t, workshop_id)


def results_controls(t: Translator, store: Store, workshop_id: int, token: str, voting_round: RoundView, *, state: meeting.MeetingState | None = None) -> None:
    """On "Prickröstning", under a revealed round: put its results on the wall, or take them off.

    ``state`` is the run of show when the page has it already (read once per change); else it is read here.
    """
    if state is None:
        state = meeting.meeting_state(store, workshop_id)
    shown = state.results is not None and state.results.round_id == voting_round.id
    if shown:
        st.success(t("meeting.results.on_wall"), icon=":material/co_present:")
        if st.button(t("meeting.results.end"), key=f"voting_results_end_{voting_round.id}", type="primary"):
            if succeeds(lambda: meeting.end_results(store, workshop_id, token), t):
                st.rerun()
    elif voting_round.results_visible:
        if st.button(t("meeting.results.start"), key=f"voting_results_start_{voting_round.id}", type="primary"):
            if succeeds(lambda: meeting.start_results(store, workshop_id, token, voting_round.id), t):
                st.rerun()
