""""Prickröstning" for facilitators: the rounds read once per change, each round's facts as one block.

A round used to be a subheader, a caption and a data grid of its totals: three elements, the
grid a canvas the browser draws and Arrow bytes it decodes on every rerun, for a list the
facilitator only reads. Here the heading, the rules and the totals are ONE escaped HTML block
(:func:`round_html`); the buttons stay Streamlit widgets, since a person presses them. The
voting state is read once per revision of the workshop (every vote, close and reveal changes
it) and shared by the facilitators' sessions.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ui.cards import CARDS_CSS
from ui.store import get_store
from ui.text import esc
from workshop.i18n import Translator
from workshop.services import voting
from workshop.services.voting import RoundView

__all__ = ["cached_facilitator_votes", "round_html"]


@st.cache_resource(show_spinner=False, max_entries=64)
def cached_facilitator_votes(workshop_id: int, revision: int) -> voting.VotingState:
    """Every round and every total, also of rounds not yet revealed: call only where a facilitator
    of ``workshop_id`` was checked (the page does that first). Never modified by its readers."""
    return voting.voting_state(get_store(), workshop_id, facilitator=True)


def round_html(t: Translator, voting_round: RoundView, totals: Mapping[int, int], titles: Mapping[int, str]) -> str:
    """A round's heading, rules and dots per idea (most first) as one escaped block.

    An idea no longer on the wall (merged, removed) keeps its line as ``#id``.

    >>> from workshop.services.voting import RoundView
    >>> html = round_html(Translator("sv"), RoundView(7, 2, 5, 2, True, False), {1: 1, 2: 3}, {1: "<b>Kök</b>", 2: "Bastu"})
    >>> "Omgång 2 · öppen" in html and "&lt;b&gt;Kök&lt;/b&gt;" in html
    True
    >>> html.index("Bastu") < html.index("Kök")
    True
    """
    status = t("voting.open") if voting_round.is_open else t("voting.closed")
    parts = [
        f'<h3 class="pb-round">{esc(t("voting.round", number=voting_round.number) + " · " + status)}</h3>',
        f'<p class="pb-rules">{esc(t("voting.rules", dots=voting_round.dots_per_participant, per_idea=voting_round.max_dots_per_idea))}</p>',
    ]
    if not totals:
        parts.append(f"<p>{esc(t('voting.no_votes'))}</p>")
    else:
        rows = "".join(
            f"<tr><td>{esc(titles.get(idea_id, f'#{idea_id}'))}</td><td>{dots}</td></tr>" for idea_id, dots in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        )
        parts.append(
            f'<div class="pb-table-wrap"><table class="pb-table pb-votes"><caption>{esc(t("staff_light.votes_caption", count=len(totals)))}</caption>'
            f'<thead><tr><th scope="col">{esc(t("field.idea"))}</th><th scope="col" class="pb-num">{esc(t("voting.dots"))}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    return CARDS_CSS + _VOTES_CSS + f'<section class="pb-voting-round" data-testid="pb-voting-round">{"".join(parts)}</section>'


_VOTES_CSS = """<style>
.pb-voting-round h3 {font-size: 1.25rem; margin: 0 0 .25rem 0; padding: 0}
.pb-voting-round .pb-rules {font-size: .875rem; margin: 0 0 .5rem 0}
table.pb-votes th.pb-num, table.pb-votes td:nth-child(2) {width: 6rem; text-align: right}
</style>"""
