"""The next meeting (workshop/followup/meetings.py) and its calendar file (calendar.py),
checked by parsing with the icalendar library and against RFC 5545's required properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.factories import count, make_workshop
from workshop.errors import InvalidInput, NotAllowed
from workshop.followup import meetings
from workshop.followup.calendar import meeting_ics
from workshop.models import AuditEvent, NextMeeting

TODAY = dt.date(2026, 12, 7)
LINK = "http://192.168.1.20:8501/?code=RAMS42"


def _set(store, meeting, day=dt.date(2027, 1, 14), at=dt.time(18, 30), **more):
    return meetings.set_next_meeting(store, meeting.id, meeting.facilitator, date=day, time=at, today=TODAY, **more)


def _event(ics: bytes):
    calendar = icalendar.Calendar.from_ical(ics)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_the_calendar_file_has_every_property_a_calendar_requires(store, meeting):
    ics = meeting_ics(_set(store, meeting, minutes=90, place="Ramsbergs bygdegård"), join_link=LINK)
    calendar, event = _event(ics)
    # RFC 5545 3.6: a calendar needs PRODID and VERSION; an event UID and DTSTAMP, and DTSTART under METHOD.
    assert {"PRODID", "VERSION"} <= set(calendar) and str(calendar["VERSION"]) == "2.0"
    assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(event)
    assert str(event["SUMMARY"]) == "Nästa träff: Framtidens Ramsberg"
    assert str(event["LOCATION"]) == "Ramsbergs bygdegård"
    assert LINK in str(event["DESCRIPTION"]) and str(event["URL"]) == LINK
    assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=90)
    assert event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)  # DTSTAMP must be UTC
    # Lines end in CRLF and are folded at 75 octets (RFC 5545 3.1).
    lines = ics.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines) and b"\n" not in b"".join(lines)


@pytest.mark.parametrize("day,offset", [(dt.date(2027, 1, 14), 1), (dt.date(2027, 7, 1), 2)], ids=["winter", "summer"])
def test_the_time_is_stockholms_with_its_timezone_in_the_file(store, meeting, day, offset):
    calendar, event = _event(meeting_ics(_set(store, meeting, day=day)))
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Stockholm"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    # 18.30 in the village is 17.30 UTC in winter and 16.30 UTC in summer.
    assert start.dt.astimezone(dt.timezone.utc).time() == dt.time(18 - offset, 30)
    assert start.dt == dt.datetime.combine(day, dt.time(18, 30), ZoneInfo("Europe/Stockholm"))


def test_moving_the_meeting_keeps_its_uid_and_raises_its_sequence(store, meeting):
    first = _set(store, meeting)
    moved = _set(store, meeting, day=dt.date(2027, 1, 21), place="Skolan")
    _, before = _event(meeting_ics(first))
    _, after = _event(meeting_ics(moved))
    assert str(before["UID"]) == str(after["UID"])
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 1)
    assert count(store, NextMeeting) == 1
    assert meetings.next_meeting(store, meeting.id, meeting.facilitator).place == "Skolan"


REFUSED = [
    (dict(date=None), "meeting_date", "errors.required"),
    (dict(date=dt.date(2026, 12, 6)), "meeting_date", "followup.errors.meeting_in_past"),
    (dict(date="2027-01-14"), "meeting_date", "errors.invalid"),
    (dict(time=None), "meeting_time", "errors.required"),
    (dict(minutes=5), "meeting_minutes", "errors.out_of_range"),
    (dict(place="x" * 201), "meeting_place", "errors.too_long"),
]


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize("fields,field,key", REFUSED, ids=[r[1] + ":" + r[2] for r in REFUSED])
def test_a_bad_meeting_is_refused_at_its_field_and_writes_nothing(store, meeting, fields, field, key):
    values = dict(date=dt.date(2027, 1, 14), time=dt.time(18, 30)) | fields
    before = (count(store, NextMeeting), count(store, AuditEvent))
    with pytest.raises(InvalidInput) as refused:
        meetings.set_next_meeting(store, meeting.id, meeting.facilitator, today=TODAY, **values)
    assert (refused.value.field, refused.value.message_key) == (field, key)
    assert (count(store, NextMeeting), count(store, AuditEvent)) == before


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_only_the_workshops_staff_set_or_read_its_next_meeting(store, meeting):
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    with pytest.raises(NotAllowed):
        meetings.set_next_meeting(store, meeting.id, other.facilitator, date=dt.date(2027, 1, 14), time=dt.time(18, 30), today=TODAY)
    _set(store, meeting)
    with pytest.raises(NotAllowed):
        meetings.next_meeting(store, meeting.id, other.facilitator)
