"""How the meeting ran, for the workshop report: each phase, planned and actual.

:func:`phase_rows` reads the phases inside the export's own transaction (one snapshot);
:func:`run_of_show_blocks` words them as the report's section "Mötets gång".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents import Block
from ..i18n import Translator
from ..models import MeetingPhase, Workshop
from .clock import hall_time

__all__ = ["phase_rows", "run_of_show_blocks"]


def phase_rows(session: Session, workshop_ids: list[int]) -> tuple[dict[str, Any], ...]:
    """The phases of these workshops, in each workshop's order (date, then position)."""
    if not workshop_ids:
        return ()
    query = (
        select(Workshop.title, MeetingPhase)
        .join(Workshop, Workshop.id == MeetingPhase.workshop_id)
        .where(MeetingPhase.workshop_id.in_(workshop_ids))
        .order_by(Workshop.date, Workshop.id, MeetingPhase.position, MeetingPhase.id)
    )
    return tuple(
        {"workshop": title, "title": p.title, "minutes": p.minutes, "started_at": p.started_at, "ended_at": p.ended_at}
        for title, p in session.execute(query)
    )


def run_of_show_blocks(rows: tuple[dict[str, Any], ...], t: Translator) -> list[Block]:
    """The report's section on how the meeting ran; nothing when no workshop had a run of show.

    >>> import datetime as dt
    >>> rows = ({"workshop": "Ramsberg", "title": "Idéer", "minutes": 25,
    ...          "started_at": dt.datetime(2026, 12, 7, 17, 0), "ended_at": dt.datetime(2026, 12, 7, 17, 31)},)
    >>> [b.kind for b in run_of_show_blocks(rows, Translator("sv"))]
    ['heading', 'table']
    >>> run_of_show_blocks(rows, Translator("sv"))[1].items
    (('Idéer', 25, '18:00', '18:31', 31),)
    >>> run_of_show_blocks((), Translator("sv"))
    []
    """
    if not rows:
        return []
    several = len({r["workshop"] for r in rows}) > 1
    items = []
    for r in rows:
        ran = r["started_at"] is not None and r["ended_at"] is not None
        actual = round((r["ended_at"] - r["started_at"]).total_seconds() / 60) if ran else "–"
        title = f"{r['workshop']}: {r['title']}" if several else r["title"]
        items.append((title, r["minutes"], hall_time(r["started_at"]), hall_time(r["ended_at"]), actual))
    headings = (t("meeting.report.phase"), t("meeting.report.planned"), t("meeting.report.start"), t("meeting.report.end"), t("meeting.report.actual"))
    return [Block("heading", t("meeting.report.heading")), Block("table", headings=headings, items=tuple(items))]
