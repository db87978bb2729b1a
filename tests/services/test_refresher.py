"""The background analysis: pages get the previous result while a new one is computed."""

from __future__ import annotations

import threading
import time

import pytest

from tests import factories
from workshop.services import analysis, workshops
from workshop.services.network import read_snapshot
from workshop.services.refresher import Refresher


class Gate:
    """A compute function that waits until the test lets it finish."""

    def __init__(self):
        self.open = threading.Event()
        self.started = threading.Event()
        self.revisions = []

    def __call__(self, revision, previous):
        if self.revisions:  # the very first result is computed by the caller, at once
            self.started.set()
            assert self.open.wait(10)
        self.revisions.append(revision)
        return f"analysis {revision}"


@pytest.fixture
def gate():
    gate = Gate()
    refresher = Refresher(gate, debounce=0.05, wait=0)
    yield gate, refresher
    gate.open.set()
    refresher.stop()


def test_the_first_analysis_is_computed_and_shown_fresh(gate):
    _, refresher = gate
    served = refresher.latest(1)
    assert (served.result, served.revision, served.stale) == ("analysis 1", 1, False)


def test_after_a_write_the_previous_analysis_is_shown_marked_stale_until_the_new_one_is_ready(gate):
    compute, refresher = gate
    refresher.latest(1)
    served = refresher.latest(2)
    assert (served.result, served.stale) == ("analysis 1", True)  # the page is not held up
    assert compute.started.wait(10)  # ... while the thread computes revision 2
    assert refresher.latest(2).stale
    compute.open.set()
    refresher.wait = 10
    served = refresher.latest(2)
    assert (served.result, served.revision, served.stale) == ("analysis 2", 2, False)


def test_a_burst_of_writes_is_computed_once_from_its_newest_revision(gate):
    compute, refresher = gate
    refresher.latest(1)
    refresher.latest(2)
    assert compute.started.wait(10)  # revision 2 is being computed
    for revision in range(3, 21):  # twenty writes meanwhile
        assert refresher.latest(revision).result == "analysis 1"
    compute.open.set()
    refresher.wait = 10
    assert refresher.latest(20).result == "analysis 20"
    assert compute.revisions == [1, 2, 20]


def test_a_page_does_not_wait_for_an_analysis_that_took_longer_than_the_wait_last_time():
    # At 300 organisations an analysis after a write takes longer than the page's wait: the
    # page would sit out the whole wait and still show the previous one.

    def compute(revision, previous):
        if revision > 1:
            time.sleep(0.5)
        return f"analysis {revision}"

    refresher = Refresher(compute, debounce=0, wait=0.3)
    try:
        refresher.latest(1)  # computed at once: a small process is still waited for
        started = time.monotonic()
        assert refresher.latest(2).stale
        assert time.monotonic() - started >= 0.25  # waited, the first time
        while refresher.latest(2).stale:
            time.sleep(0.05)
        assert refresher.last_seconds >= 0.5
        started = time.monotonic()
        served = refresher.latest(3)
        assert (served.result, served.stale) == ("analysis 2", True)
        assert time.monotonic() - started < 0.1  # it could not have arrived within the wait
    finally:
        refresher.stop()


def test_a_failed_computation_keeps_the_previous_analysis_and_is_tried_again():
    calls = []

    def compute(revision, previous):
        calls.append(revision)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return f"analysis {revision}"

    # No wait on the failing request: a failure does not end a caller's wait, so a long one
    # would only sit it out. The test waits for the failure itself instead.
    refresher = Refresher(compute, debounce=0, wait=0)
    try:
        refresher.latest(1)
        served = refresher.latest(2)
        assert (served.result, served.stale) == ("analysis 1", True)
        deadline = time.monotonic() + 10
        while refresher.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert isinstance(refresher.error, RuntimeError)
        assert refresher.latest(2).stale  # the previous analysis is still served
        refresher.wait = 10
        assert refresher.latest(2).result == "analysis 2"
    finally:
        refresher.stop()


def test_the_refreshed_analysis_of_a_store_follows_its_writes(store):
    # The app's compute: a fresh snapshot and the previous analysis to reuse from.
    refresher = Refresher(lambda revision, previous: analysis.refresh(read_snapshot(store), previous, revision=revision), debounce=0, wait=30)
    try:
        meeting = factories.make_workshop(store)
        karin = factories.join(store, meeting, "Karin", "Ramsbergs bygdeförening")
        first = refresher.latest(workshops.process_revision(store)).result
        idea_id = factories.add_idea(store, karin, "Bygdekök i skolan")
        served = refresher.latest(workshops.process_revision(store))
        assert not served.stale
        assert idea_id not in first.fit.results
        assert idea_id in served.result.fit.results
    finally:
        refresher.stop()
