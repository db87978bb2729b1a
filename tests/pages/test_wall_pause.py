"""The wall's "Pausa" / "Fortsätt" (WCAG 2.2.2 Pause, Stop, Hide) through AppTest, on a clock the
test turns: the pages stop turning and the countdown stops ticking, new ideas still come up.

What only a browser shows (the control's place on the screen, the space bar, a screen that asks
for reduced motion) is in tests/e2e/test_run_of_show.py.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import open_app, texts
from ui import phase, wall
from ui.live import workshop_revision
from workshop.i18n import Translator
from workshop.meeting import service as meeting
from workshop.models import utcnow

sv = Translator("sv")


class Clock:
    """The time as the wall reads it (monotonic seconds and UTC), moved on by the test."""

    def __init__(self) -> None:
        self.seconds = 1_000.0
        self.start = utcnow()

    def monotonic(self) -> float:
        return self.seconds

    def utc(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.seconds - 1_000.0)

    def wait(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(wall, "time", SimpleNamespace(monotonic=clock.monotonic))
    monkeypatch.setattr(wall, "utcnow", clock.utc)
    monkeypatch.setattr(phase, "utcnow", clock.utc)
    return clock


@pytest.fixture
def ramsberg(app_store):
    meeting_ = make_workshop(app_store, title="Framtidens Ramsberg")
    anna = join(app_store, meeting_, "Anna Berg", "Ramsbergs IF")
    for number in range(8):  # six to a page: two pages
        add_idea(app_store, anna, f"Idé {number + 1}")
    return SimpleNamespace(workshop=meeting_, anna=anna)


def pager(at) -> str:
    return re.search(r'data-testid="pb-pager">(\d+/\d+)<', texts(at)).group(1)


def countdown(at) -> tuple[int, str]:
    found = re.search(r'data-left="(\d+)" style="([^"]*)"', texts(at))
    return int(found.group(1)), found.group(2)


def press(at, label: str) -> None:
    (button,) = [b for b in at.button if b.key == "wall_pause"]
    assert button.label == label
    button.click().run()
    assert not at.exception, at.exception


def test_a_paused_wall_keeps_its_page_and_still_shows_a_new_idea(app_store, ramsberg, clock):
    at = open_app("pages/projector.py", facilitator=ramsberg.workshop.facilitator)
    assert pager(at) == "1/2"
    clock.wait(wall.PAGE_SECONDS + 1)
    at.run()
    assert pager(at) == "2/2"  # it turns by itself

    press(at, sv("wall2.pause"))
    clock.wait(5 * wall.PAGE_SECONDS)
    at.run()
    assert pager(at) == "2/2"
    assert [b.label for b in at.button if b.key == "wall_pause"] == [sv("wall2.resume")]

    add_idea(app_store, ramsberg.anna, "Cykelverkstad i stationshuset")
    workshop_revision.clear()  # as a second later (ui/live.py)
    at.run()
    assert "Cykelverkstad i stationshuset" in texts(at) and pager(at) == "1/2"  # news still arrives, on the first page
    clock.wait(5 * wall.PAGE_SECONDS)
    at.run()
    assert pager(at) == "1/2"

    press(at, sv("wall2.resume"))
    clock.wait(wall.PAGE_SECONDS + 1)
    at.run()
    assert pager(at) == "2/2"  # and turns again once resumed


def test_a_paused_wall_stops_its_countdown_and_resuming_shows_the_time_really_left(app_store, ramsberg, clock):
    meeting.use_template(app_store, ramsberg.workshop.id, ramsberg.workshop.facilitator)
    meeting.next_phase(app_store, ramsberg.workshop.id, ramsberg.workshop.facilitator, seen=None)
    at = open_app("pages/projector.py", facilitator=ramsberg.workshop.facilitator)
    first, style = countdown(at)
    assert "animation: pb-cd-" in style  # ticking in the browser

    press(at, sv("wall2.pause"))
    paused, style = countdown(at)
    clock.wait(30)
    at.run()
    assert countdown(at) == (paused, style) and "animation: none" in style  # still

    press(at, sv("wall2.resume"))
    left, style = countdown(at)
    assert left <= first - 30 and "animation: pb-cd-" in style  # the time box ran on meanwhile


def test_the_reduced_motion_press_pauses_once_and_never_after_a_resume_by_hand(app_store, ramsberg, clock):
    # The browser's script for a screen that asks for less motion presses a hidden button once a
    # second until the wall stands still; that button only pauses (a toggle would resume the wall
    # when two presses met one slow rerun: tests/e2e/test_forgiving_forms.py sees it in Chromium).
    # Once someone resumed the wall by hand, it is not drawn again, so nothing stops the wall.
    at = open_app("pages/projector.py", facilitator=ramsberg.workshop.facilitator)
    (button,) = [b for b in at.button if b.key == "wall_motion_pause"]
    button.click().run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button if b.key == "wall_pause"] == [sv("wall2.resume")]
    assert not [b for b in at.button if b.key == "wall_motion_pause"]  # paused: no longer drawn

    press(at, sv("wall2.resume"))
    assert not [b for b in at.button if b.key == "wall_motion_pause"]
    clock.wait(wall.PAGE_SECONDS + 1)
    at.run()
    assert pager(at) == "2/2"  # resumed by hand, and it stays so
