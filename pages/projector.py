"""The wall in the village hall: big type, the join code and QR code, live counters and ideas.

The live part is a fragment that reruns every second; it reads the workshop's revision
(shared by all sessions, at most once a second) and redraws from the cached wall only
when something changed, so a new idea appears within two seconds.
"""

import io

import segno
import streamlit as st

from pages._projector_wall import draw_wall
from pages._identity import join_address_check, join_base_url
from pages._shared import (
    cached_info,
    esc,
    facilitated_workshop_or_stop,
    translator,
    workshop_revision,
)
from workshop.errors import DatabaseUnavailable

t = translator()
workshop_id = facilitated_workshop_or_stop(t)

REFRESH_SECONDS = 1.0


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


st.html(
    """
<style>
.pb-code {font-size: 5.5rem; font-weight: 800; letter-spacing: .35em; line-height: 1.1; margin: 0}
.pb-challenge {font-size: 2.1rem; line-height: 1.25; margin: .2em 0 .6em 0}
.pb-link {font-size: 1.3rem; word-break: break-all}
.pb-counters {display: flex; gap: 2.5rem; flex-wrap: wrap; margin: .5rem 0 1rem 0}
.pb-counter b {display: block; font-size: 3.2rem; line-height: 1}
.pb-counter span {font-size: 1.2rem}
.pb-wall {display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1rem}
.pb-card {border-radius: .6rem; padding: .9rem 1.1rem; background: #fff8c5; color: #1f1f1f; box-shadow: 0 1px 3px rgba(0,0,0,.25); overflow-wrap: anywhere}
.pb-card h3 {font-size: 1.6rem; margin: 0 0 .3rem 0; color: #1f1f1f}
.pb-card p {font-size: 1.15rem; margin: .2rem 0}
.pb-card .pb-meta {font-size: 1rem; opacity: .8}
.pb-card.pb-carried {background: #d8f0ff}
.pb-status span {display: inline-block; font-size: 1.4rem; font-weight: 700; padding: .4rem .9rem; border-radius: 2rem; margin-top: .8rem}
.pb-open span {background: #d4f4dd; color: #0b5d1e}
.pb-closed span {background: #f8d7da; color: #7a1020}
</style>
"""
)

join_address_check(t)
info = cached_info(workshop_id, workshop_revision(workshop_id))
link = f"{join_base_url()}/?code={info.join_code}"
left, right = st.columns([3, 1])
with left:
    st.html(f"<h1>{esc(info.title)}</h1>")
    st.html(f'<p class="pb-challenge">{esc(info.challenge)}</p>')
    st.html(f'<p>{esc(t("projector.join_with_code"))}</p><p class="pb-code" data-testid="pb-join-code">{esc(info.join_code)}</p><p class="pb-link">{esc(link)}</p>')
with right:
    st.image(qr_png(link), caption=t("projector.scan"), width="stretch")


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    try:
        draw_wall(t, workshop_id)
    except DatabaseUnavailable:
        # The fragment tries again on its next tick; the wall says why it is standing still.
        st.error(t("errors.database_unavailable"), icon=":material/hourglass_top:")


live()
