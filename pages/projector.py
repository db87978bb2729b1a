"""The wall in the village hall: big type, the join code and QR code, live counters and ideas.

The live part is a fragment that reruns every 0.75 s; it reads the workshop's revision
(shared by all sessions, at most once a second) and redraws from the cached wall only
when something changed, so a new idea appears within two seconds.
"""

import streamlit as st

from ui.connection import join_base_url
from ui.failure import reported_live
from ui.identity import facilitated_workshop_or_stop
from ui.language import translator
from ui.live import cached_info, workshop_revision
from ui.projector import draw_wall
from ui.results import draw_room
from ui.text import esc
from ui.wall import enter_wall_mode, pause_control
from workshop.documents import qr as documents_qr

t = translator()
workshop_id = facilitated_workshop_or_stop(t)

REFRESH_SECONDS = 0.75  # with the shared revision read (at most 1 s old): a new idea shows within 2 s


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(link: str) -> bytes:
    return documents_qr.qr_png(link)


enter_wall_mode()
# The address warning and picker are on the facilitator's own page (Leda), not on the wall.
info = cached_info(workshop_id, workshop_revision(workshop_id))
link = f"{join_base_url(workshop_id)}/?code={info.join_code}"
left, right = st.columns([5, 1])
with left:
    # The workshop's title is the largest line; the challenge, the code and the link follow.
    st.html(
        f'<h1 class="pb-title">{esc(info.title)}</h1><p class="pb-challenge">{esc(info.challenge)}</p>'
        f'<p class="pb-join"><span>{esc(t("projector.join_with_code"))}</span>'
        f'<span class="pb-code" data-testid="pb-join-code">{esc(info.join_code)}</span></p><p class="pb-link">{esc(link)}</p>'
    )
with right:
    st.image(qr_png(link), width="stretch", alt=t("a11y.qr.alt", link=link))
    st.html(f'<p class="pb-scan">{esc(t("projector.scan"))}</p>')


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    # An error stays inside the live part: the wall says why it stands still (in Swedish, with
    # an id to quote for anything unexpected) and tries again on its next tick.
    reported_live(t, lambda: draw_room(t, workshop_id, draw_wall), "projektor")  # the run of show, then the wall


live()
# "Pausa" (or the space bar) stops the pages turning (WCAG 2.2.2), in the screen's corner
# (WALL_CSS). Outside the live part, so the keyboard's focus stays on it while the wall redraws.
pause_control(t)
# No menu on the wall: this small link at the foot takes the facilitator back to it.
st.page_link("pages/facilitate.py", label=t("room.leave_wall"), icon=":material/menu:")
