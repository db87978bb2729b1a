"""The next meeting as an iCalendar file (RFC 5545), for the participants' own calendars.

The times are Stockholm's wall clock with the ``Europe/Stockholm`` VTIMEZONE written into the
file (the zone's rules from the tz database that Python's ``zoneinfo`` reads; ``tzdata`` is
pinned for machines without one), so a calendar anywhere places the meeting at the hour the
village means, summer time included. The UID stays the same when the meeting moves and the
SEQUENCE rises, so an imported entry is updated, not doubled.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from ..i18n import Translator
from .meetings import MeetingView

__all__ = ["STOCKHOLM", "meeting_ics", "ics_file_name"]

STOCKHOLM = "Europe/Stockholm"


def meeting_ics(meeting: MeetingView, *, join_link: str = "", language: str = "sv") -> bytes:
    """The meeting as an ``.ics`` file holding one VEVENT and the Stockholm VTIMEZONE.

    Parameters
    ----------
    meeting : MeetingView
        The workshop's next meeting.
    join_link : str, optional
        Where to join the workshop in the app; written as the event's URL and in its text.
    language : str
        The catalog the summary and description are written in.

    Returns
    -------
    bytes
        UTF-8 iCalendar text with CRLF line ends, lines folded at 75 octets.

    Examples
    --------
    >>> import datetime as dt, icalendar
    >>> m = MeetingView(1, "Framtidens Ramsberg", "Hur?", dt.datetime(2027, 1, 14, 18, 30), 120, "Bygdegården", "x@y", 0, dt.datetime(2026, 12, 7, 9, 0))
    >>> event = icalendar.Calendar.from_ical(meeting_ics(m)).walk("VEVENT")[0]
    >>> event["DTSTART"].dt.isoformat(), str(event["SUMMARY"])
    ('2027-01-14T18:30:00+01:00', 'Nästa träff: Framtidens Ramsberg')
    """
    # lazy: icalendar is needed only when a calendar file is downloaded
    from icalendar import Calendar, Event, Timezone

    t = Translator(language)
    zone = ZoneInfo(STOCKHOLM)
    calendar = Calendar()
    calendar.add("prodid", "-//Projektberedskap//Lindesbergs kommun//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    year = meeting.starts_at.year
    calendar.add_component(Timezone.from_tzid(STOCKHOLM, first_date=dt.date(year - 1, 1, 1), last_date=dt.date(year + 2, 1, 1)))
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", meeting.updated_at.replace(tzinfo=dt.timezone.utc))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", meeting.starts_at.replace(tzinfo=zone))
    event.add("dtend", meeting.ends_at.replace(tzinfo=zone))
    event.add("summary", t("followup.ics.summary", title=meeting.title))
    lines = [t("followup.ics.challenge", challenge=meeting.challenge)]
    if join_link:
        lines.append(t("followup.ics.join", link=join_link))
        event.add("url", join_link)
    event.add("description", "\n".join(lines))
    if meeting.place:
        event.add("location", meeting.place)
    calendar.add_component(event)
    return calendar.to_ical()


def ics_file_name(meeting: MeetingView) -> str:
    """``nasta-traff-2027-01-14.ics``: ASCII only, so every mail program and phone keeps it.

    >>> m = MeetingView(1, "T", "C", dt.datetime(2027, 1, 14, 18, 30), 120, "", "x", 0, dt.datetime(2026, 12, 7))
    >>> ics_file_name(m)
    'nasta-traff-2027-01-14.ics'
    """
    return f"nasta-traff-{meeting.starts_at.date().isoformat()}.ics"
