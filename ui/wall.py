"""Wall mode: a page meant for a projector or a big screen, readable from the back of the hall.

No sidebar, no Streamlit header, toolbar or ⋮ menu, and every size in a unit of the screen
(``--u``: a hundredth of a 16:9 screen's height), so the same page fills a 1920×1080 and a
1280×720 projector alike. Ideas and notes go through pages by themselves (:func:`page_of`),
until someone presses "Pausa" (:func:`pause_control`, WCAG 2.2.2 Pause, Stop, Hide).
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Sequence
from typing import TypeVar

import streamlit as st

from workshop.i18n import Translator
from workshop.models import utcnow

__all__ = ["WALL_CSS", "enter_wall_mode", "page_of", "PAGE_SECONDS", "pause_control", "paused_since", "paging_clock"]

T = TypeVar("T")

PAGE_SECONDS = 10  # long enough to read a card from the back of the hall

WALL_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stMainMenu"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"] {display: none !important}
:root {--u: min(1vh, .5625vw)}
[data-testid="stMain"] [data-testid="stMainBlockContainer"], .block-container {padding: 1.6vh 2.2vw 0 2.2vw !important; max-width: 100% !important}
[data-testid="stMain"] [data-testid="stVerticalBlock"] {gap: .8vh}
.pb-title {font-size: calc(6.4 * var(--u)); font-weight: 800; line-height: 1.1; margin: 0}
.pb-challenge {font-size: calc(3 * var(--u)); line-height: 1.25; margin: .2em 0 0 0}
.pb-join {font-size: calc(2.6 * var(--u)); margin: .4em 0 0 0; display: flex; align-items: baseline; gap: .6em; flex-wrap: wrap}
.pb-code {font-size: calc(7 * var(--u)); font-weight: 800; letter-spacing: .3em; line-height: 1.05}
.pb-link {font-size: calc(2.3 * var(--u)); word-break: break-all; margin: 0}
.pb-scan {font-size: calc(2.6 * var(--u)); font-weight: 700; text-align: center; margin: 0}
[data-testid="stImage"] img {max-height: 25vh; width: auto !important; margin: 0 auto; display: block}
.pb-counters {display: flex; gap: calc(3 * var(--u)); flex-wrap: wrap; margin: 0}
.pb-counter b {display: block; font-size: calc(4.6 * var(--u)); line-height: 1}
.pb-counter span {font-size: calc(2 * var(--u))}
.pb-status span {display: inline-block; font-size: calc(2.4 * var(--u)); font-weight: 700; padding: .3em .8em; border-radius: 2em}
.pb-open span {background: #d4f4dd; color: #0b5d1e}
.pb-closed span {background: #f8d7da; color: #7a1020}
.pb-wall {display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: calc(1.1 * var(--u))}
.pb-card {border-radius: .6rem; padding: calc(1.2 * var(--u)) calc(1.6 * var(--u)); background: #fff8c5; color: #1f1f1f; box-shadow: 0 1px 3px rgba(0,0,0,.25); overflow: hidden; overflow-wrap: anywhere}
.pb-card h3 {font-size: calc(3 * var(--u)); line-height: 1.15; margin: 0 0 .2em 0; padding: 0; color: #1f1f1f;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden}
.pb-card p {font-size: calc(2 * var(--u)); line-height: 1.3; margin: .15em 0; color: #1f1f1f}
.pb-card .pb-desc {display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden}
.pb-card .pb-meta {font-size: calc(2 * var(--u)); font-weight: 600; color: #1f1f1f}
.pb-card.pb-carried {background: #d8f0ff}
.pb-notes h2 {font-size: calc(3 * var(--u)); margin: 0; padding: 0}
.pb-notes p {font-size: calc(2.3 * var(--u)); line-height: 1.3; margin: .15em 0; overflow: hidden; white-space: nowrap; text-overflow: ellipsis}
[data-testid="stPageLink"] p {font-size: calc(1.6 * var(--u)); opacity: .7}
/* "Pausa": in a corner of the screen, over no heading, wherever the wall's pages end. */
.st-key-wall_pause {position: fixed !important; right: 1.2vw; bottom: 1.2vh; z-index: 100; width: auto !important}
.st-key-wall_pause button {background: #ffffff; color: #1f1f1f; box-shadow: 0 1px 4px rgba(0,0,0,.35); min-height: 0; padding: .2em .9em}
.st-key-wall_motion_pause {display: none !important}  /* pressed by the reduced-motion script only */
.st-key-wall_pause kbd {display: none}  /* Streamlit's English "Space": the help says "mellanslag" */
.pb-pager {font-size: calc(2.2 * var(--u)); font-weight: 700; margin: 0 0 0 .6em; padding: .1em .6em; border-radius: 1em; background: #e8e8e8; color: #1f1f1f}
@media (max-width: 700px) {
  /* A phone looking at the wall: the code, the QR code and the titles, little else. */
  :root {--u: 1.15vw}
  .pb-title {font-size: 6vw} .pb-challenge {font-size: 3.6vw} .pb-code {font-size: 8vw}
  /* Smaller, not fainter: faded, the status read 3.44:1 on its green (WCAG 1.4.3 needs 4.5:1). */
  .pb-join, .pb-link, .pb-scan, .pb-counter span, .pb-status span, .pb-card .pb-meta, [data-testid="stPageLink"] p {font-size: calc(1.6 * var(--u))}
.pb-pager {font-size: 3.2vw}
  .pb-counter b {font-size: 5vw}
  [data-testid="stImage"] img {max-height: 15vh}
  .pb-counters {gap: .2em 4vw}
  .pb-wall {grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 1.6vw}
  .pb-card h3 {font-size: 3.8vw; -webkit-line-clamp: 2}
  .pb-card p {display: none !important}
  .pb-notes {display: none}
}
</style>
"""


def enter_wall_mode() -> None:
    """Hide Streamlit's own chrome on this page and size everything by the screen."""
    st.html(WALL_CSS)


_PAUSED = "wall_paused"  # (monotonic, UTC) moment this session's wall was paused
_STILL = "wall_still_seconds"  # how long it has stood still in earlier pauses
_EVER_PAUSED = "wall_ever_paused"  # paused once in this session, by a person or for reduced motion

# A screen that asks for less motion (prefers-reduced-motion) gets a wall that stands still
# until someone presses "Fortsätt": the session's first look presses a hidden "pause for reduced
# motion" button for it. That button only ever pauses (never resumes), so pressing it again is
# harmless: the script presses once a second, while the mark is on the page, until the wall has
# been paused (a press can be lost to a rerun, or answered late on a loaded server). A press that
# toggled would resume the wall when two of them met one slow rerun.
_PAUSE_FOR_REDUCED_MOTION = """<span hidden data-pb-motion="1"></span><script>
(() => {
  if (!window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
  if (window.__pbMotion) return;
  window.__pbMotion = true;
  const until = Date.now() + 60000;
  let last = 0;
  const timer = setInterval(() => {
    if (!document.querySelector('[data-pb-motion]') || Date.now() > until) {
      clearInterval(timer); window.__pbMotion = false; return;
    }
    const button = document.querySelector('.st-key-wall_motion_pause button');
    if (button && Date.now() - last > 1000) { last = Date.now(); button.click(); }
  }, 100);
})();
</script>"""
def paused_since() -> dt.datetime | None:
    """When this session's wall was paused (UTC, as the run of show's times), or ``None`` while it pages."""
    moment = st.session_state.get(_PAUSED)
    return None if moment is None else moment[1]


def paging_clock(now: float | None = None) -> float:
    """The wall's own clock (monotonic seconds): it stands still while the wall is paused."""
    now = time.monotonic() if now is None else now
    moment = st.session_state.get(_PAUSED)
    if moment is not None:
        now = moment[0]
    return now - st.session_state.get(_STILL, 0.0)


def _toggle_pause() -> None:
    moment = st.session_state.pop(_PAUSED, None)
    if moment is None:
        st.session_state[_PAUSED] = (time.monotonic(), utcnow())
        st.session_state[_EVER_PAUSED] = True
    else:
        st.session_state[_STILL] = st.session_state.get(_STILL, 0.0) + time.monotonic() - moment[0]


def _pause_for_reduced_motion() -> None:
    """Pause a wall that has never been paused; never resume one (see the script above)."""
    if st.session_state.get(_PAUSED) is None and not st.session_state.get(_EVER_PAUSED):
        st.session_state[_PAUSED] = (time.monotonic(), utcnow())
        st.session_state[_EVER_PAUSED] = True


def pause_control(t: Translator) -> None:
    """"Pausa" / "Fortsätt" (or the space bar): the wall's pages and countdown stop, not its news.

    WCAG 2.2.2 asks for a way to stop anything that moves or updates by itself for more than
    five seconds. Paused, :func:`page_of` keeps the page it shows and the countdown stands
    still; a new contribution still comes up (on the first page, as always).
    """
    still = paused_since() is not None
    st.button(
        t("wall2.resume" if still else "wall2.pause"),
        key="wall_pause",
        icon=":material/play_arrow:" if still else ":material/pause:",
        help=t("wall2.pause_help"),
        shortcut="Space",
        on_click=_toggle_pause,
    )
    if not still and not st.session_state.get(_EVER_PAUSED):
        st.button(t("wall2.pause"), key="wall_motion_pause", on_click=_pause_for_reduced_motion)
        st.html(_PAUSE_FOR_REDUCED_MOTION, unsafe_allow_javascript=True)


def page_of(items: Sequence[T], per_page: int, *, key: str, revision: int, now: float | None = None) -> tuple[tuple[T, ...], int, int]:
    """The page of ``items`` to show now, its number (from 1) and the number of pages.

    Pages turn every :data:`PAGE_SECONDS` of the wall's clock (:func:`paging_clock`, which
    stands still while the wall is paused); when something new arrives (``revision`` changes)
    the wall goes back to the first page, where the newest contribution is, so it is seen at once.
    """
    now = paging_clock() if now is None else now
    pages = max(1, math.ceil(len(items) / per_page))
    state_key = f"wall_mode_{key}"
    seen_revision, since = st.session_state.get(state_key, (None, now))
    if seen_revision != revision:
        since = now
        st.session_state[state_key] = (revision, since)
    number = int((now - since) // PAGE_SECONDS) % pages
    return tuple(items[number * per_page : (number + 1) * per_page]), number + 1, pages
