"""The run of show on the wall and on the phones: the current phase, its instruction, a
countdown, and each phone following the facilitator's "Nästa fas" by itself.

The countdown runs in the browser (a CSS animation of a registered integer property): the
server says how many seconds are left when it draws, and nothing reruns to tick it. Phones
learn of a new phase the way the wall learns of a new idea: a small fragment reads the
workshop's shared revision (ui/live.py) and, when the phase (or the results moment) changed
since it last looked, opens the phase's form. Between changes a phone goes wherever it likes.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui.live import workshop_revision
from ui.store import get_store
from ui.text import esc
from workshop.i18n import Translator
from workshop.meeting import service as meeting
from workshop.models import utcnow

__all__ = ["FOLLOW_SECONDS", "IDLE_SECONDS", "FORM_PAGES", "RESULTS_PAGE", "cached_meeting", "countdown_html", "follow_phase", "live_meeting", "phase_banner", "seconds_left"]

FOLLOW_SECONDS = 0.75  # as the projector's tick: with the shared revision read, a phone follows within 2 s
IDLE_SECONDS = 10.0  # a workshop without a run of show: a run of show or results moment still reaches the phones
RESULTS_PAGE = "pages/results.py"
# The form a phase opens on a phone: its page, and the tab of the contribute page (a catalog key).
FORM_PAGES: dict[str, tuple[str, str | None]] = {
    "wall": ("pages/wall.py", None),
    "idea": ("pages/contribute.py", "contribute.tab.idea"),
    "note": ("pages/contribute.py", "contribute.tab.note"),
    "tie": ("pages/contribute.py", "contribute.tab.tie"),
    "commitment": ("pages/contribute.py", "contribute.tab.commitment"),
    "offers": ("pages/contribute.py", "contribute.tab.offers"),
    "mine": ("pages/mine.py", None),
}
_FOLLOWED = "phase_followed"

# "\\3C " is "<" in a CSS string: st.html's sanitiser drops a <style> whose text holds "<integer>".
PHASE_CSS = """
<style>
@property --pb-left {syntax: '\\3C integer>'; inherits: false; initial-value: 0}
@property --pb-m {syntax: '\\3C integer>'; inherits: false; initial-value: 0}
@property --pb-s {syntax: '\\3C integer>'; inherits: false; initial-value: 0}
.pb-countdown {--pb-m: calc(var(--pb-left) / 60 - 0.5); --pb-s: calc(var(--pb-left) - var(--pb-m) * 60);
  counter-reset: pbm var(--pb-m) pbs var(--pb-s); font-variant-numeric: tabular-nums; font-weight: 800; white-space: nowrap}
.pb-countdown::after {content: counter(pbm) ":" counter(pbs, decimal-leading-zero)}
@keyframes pb-over {to {background: #7a1020; color: #ffffff}}
.pb-phase {display: flex; align-items: center; gap: calc(2 * var(--u, 8px)); padding: calc(1 * var(--u, 8px)) calc(1.6 * var(--u, 8px));
  border-radius: .6rem; background: #1f3b5a; color: #ffffff; margin: 0}
.pb-phase .pb-phase-text {flex: 1; min-width: 0}
.pb-phase h2 {font-size: calc(3.4 * var(--u, 8px)); line-height: 1.15; margin: 0; padding: 0; color: #ffffff}
.pb-phase p {font-size: calc(2.3 * var(--u, 8px)); line-height: 1.3; margin: .2em 0 0 0; color: #ffffff;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere}
.pb-phase .pb-step {font-size: calc(2 * var(--u, 8px)); opacity: .9}
.pb-phase .pb-countdown {font-size: calc(6 * var(--u, 8px)); padding: 0 .3em; border-radius: .4rem}
.pb-phase-phone {display: flex; align-items: center; gap: .8em; padding: .5em .8em; border-radius: .5rem; background: #1f3b5a; color: #ffffff; margin: 0}
.pb-phase-phone b {flex: 1; min-width: 0; overflow-wrap: anywhere}
.pb-phase-phone .pb-countdown {font-size: 1.3em; padding: 0 .3em; border-radius: .3rem}
</style>
"""


@st.cache_resource(show_spinner=False, max_entries=128)
def cached_meeting(workshop_id: int, revision: int) -> meeting.MeetingState:
    """The workshop's run of show, read once per change for every session (a frozen dataclass)."""
    return meeting.meeting_state(get_store(), workshop_id)


def live_meeting(workshop_id: int) -> meeting.MeetingState:
    """The run of show as of at most a second ago: for the views that refresh by themselves."""
    return cached_meeting(workshop_id, workshop_revision(workshop_id))


def seconds_left(phase: meeting.PhaseView, now: dt.datetime | None = None) -> int:
    """Whole seconds left of the phase's time box (0 once it is over, never negative).

    >>> from workshop.meeting.service import PhaseView
    >>> start = dt.datetime(2026, 12, 7, 18, 0)
    >>> phase = PhaseView(1, 1, "ideas", "Idéer", "", 25, "idea", start, None)
    >>> seconds_left(phase, start + dt.timedelta(minutes=5, seconds=30))
    1170
    >>> seconds_left(phase, start + dt.timedelta(hours=1))
    0
    """
    if phase.started_at is None:
        return phase.minutes * 60
    now = utcnow() if now is None else now
    return max(0, int(phase.minutes * 60 - (now - phase.started_at).total_seconds()))


def countdown_html(t: Translator, phase: meeting.PhaseView, now: dt.datetime | None = None, *, still: bool = False) -> str:
    """A countdown that ticks in the browser: ``12:34`` down to ``0:00``, then red.

    Each draw starts the animation from the seconds left at that moment, so a redraw only
    corrects it; between draws the browser counts on its own. ``still`` (the wall paused,
    ui/wall.py) draws the seconds left at ``now`` without ticking.
    """
    left = seconds_left(phase, now)
    name = f"pb-cd-{phase.id}-{left}"
    label = esc(t("meeting.countdown_label", minutes=phase.minutes))
    if still:
        motion = "animation: pb-over .01s linear forwards" if left == 0 else "animation: none"
        keyframes = ""
    else:
        motion = f"animation: {name} {left}s steps({max(left, 1)}, end) forwards, pb-over .01s linear {left}s forwards"
        keyframes = f"<style>@keyframes {name} {{from {{--pb-left: {left}}} to {{--pb-left: 0}}}}</style>"
    return (
        keyframes
        + f'<span class="pb-countdown" role="timer" aria-label="{label}" data-testid="pb-countdown" data-left="{left}" '
        f'style="--pb-left: {left}; {motion}"></span>'
    )


def phase_banner(t: Translator, state: meeting.MeetingState, *, wall: bool, still_since: dt.datetime | None = None) -> None:
    """The running phase: its title, its instruction and the countdown (on the wall, large).

    ``still_since``: the wall was paused then (ui/wall.py), and its countdown stands at that moment.
    """
    phase = state.current
    if phase is None:
        return
    number = next(i for i, p in enumerate(state.phases, start=1) if p.id == phase.id)
    step = esc(t("meeting.step", number=number, total=len(state.phases)))
    if wall:
        st.html(
            PHASE_CSS
            + f'<div class="pb-phase" data-testid="pb-phase"><div class="pb-phase-text"><span class="pb-step">{step}</span>'
            f"<h2>{esc(phase.title)}</h2>"
            + (f"<p>{esc(phase.instruction)}</p>" if phase.instruction else "")
            + f"</div>{countdown_html(t, phase, still_since, still=still_since is not None)}</div>"
        )
    else:
        st.html(
            PHASE_CSS
            + f'<div class="pb-phase-phone" data-testid="pb-phase"><b>{step} · {esc(phase.title)}</b>{countdown_html(t, phase)}</div>'
        )
        if phase.instruction:
            st.caption(esc(phase.instruction))


def _marker(state: meeting.MeetingState) -> tuple[int | None, int | None]:
    return (state.current.id if state.current else None, state.results.id if state.results else None)


def _destination(t: Translator, state: meeting.MeetingState, seen: tuple[int | None, int | None]) -> tuple[str, str | None] | None:
    """Where a phone goes after a change: the results when they start, else the phase's form."""
    if state.results is not None and state.results.id != seen[1]:
        return (RESULTS_PAGE, None)
    if state.current is not None and (state.current.id != seen[0] or seen[1] is not None):
        return FORM_PAGES.get(state.current.form)
    if seen[1] is not None and state.results is None:
        return FORM_PAGES["wall"]  # the results are over and no phase says otherwise
    return None


def follow_phase(t: Translator, workshop_id: int, here: str) -> None:
    """On a participant's page: show the running phase and follow the facilitator's changes.

    ``here`` is the page's own path. The first look only remembers the phase, so opening a
    page by hand is never undone; a later change of phase or results moment opens its form.
    A workshop without a run of show is looked at every :data:`IDLE_SECONDS` only (forty
    phones ticking every 0.75 s for nothing would be fifty reruns a second); once it has one,
    the page reruns to tick as fast as the wall.
    """
    active = _active(live_meeting(workshop_id))

    @st.fragment(run_every=FOLLOW_SECONDS if active else IDLE_SECONDS)
    def follow() -> None:
        state = live_meeting(workshop_id)
        marker = _marker(state)
        seen = st.session_state.get(_FOLLOWED)
        st.session_state[_FOLLOWED] = marker
        if seen is not None and seen != marker:
            destination = _destination(t, state, seen)
            if destination is not None:
                page, tab = destination
                if tab is not None:
                    st.session_state["contribute_section"] = t(tab)  # the tab the phase is about
                if page != here or tab is not None:
                    # Straight to the page (one rerun, not two): every participant page is
                    # registered in app.py whatever the menus show.
                    st.switch_page(page)
        if _active(state) != active:
            st.rerun(scope="app")  # a run of show appeared (or went): tick at its pace
        phase_banner(t, state, wall=False)

    follow()


def _active(state: meeting.MeetingState) -> bool:
    return bool(state.phases) or state.results is not None
