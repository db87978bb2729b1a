"""Which tests run on PostgreSQL too (tests/conftest.py, CONTRIBUTING.md "Which engines").

A service test runs on every configured engine unless it is marked ``one_engine`` with the
reason the engine cannot change its outcome: then its PostgreSQL copy is not run. A marker
without a reason stops the run, so no test leaves PostgreSQL without saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.conftest import pytest_collection_modifyitems


@dataclass
class Callspec:
    params: dict


@dataclass
class Item:
    """What the hook reads of a collected test: its id, its marks and its parameters."""

    nodeid: str
    params: dict = field(default_factory=dict)
    marks: list = field(default_factory=list)

    @property
    def callspec(self) -> Callspec:
        return Callspec(self.params)

    def get_closest_marker(self, name):
        return next((mark for mark in self.marks if mark.name == name), None)


@dataclass
class Config:
    stash: dict = field(default_factory=dict)


ONE_ENGINE = pytest.mark.one_engine("refused before any SQL").mark


def collected(*items: Item) -> list[str]:
    kept = list(items)
    pytest_collection_modifyitems(None, Config(), kept)
    return [item.nodeid for item in kept]


def test_an_unmarked_test_runs_on_both_engines():
    items = [Item("a[sqlite]", {"store": "sqlite"}), Item("a[postgresql]", {"store": "postgresql"})]

    assert collected(*items) == ["a[sqlite]", "a[postgresql]"]


@pytest.mark.parametrize("parameter", ["store", "_world", "backend"])
def test_a_test_marked_one_engine_runs_on_sqlite_only_whichever_parameter_carries_the_engine(parameter):
    items = [Item(f"a[{engine}-x]", {parameter: engine, "case": "x"}, [ONE_ENGINE]) for engine in ("sqlite", "postgresql")]

    assert collected(*items) == ["a[sqlite-x]"]


def test_a_marked_test_without_an_engine_still_runs():
    assert collected(Item("b", {"case": "x"}, [ONE_ENGINE])) == ["b"]


@pytest.mark.parametrize(
    "mark", [pytest.mark.one_engine, pytest.mark.one_engine(""), pytest.mark.one_engine("  ")], ids=["none", "empty", "blank"]
)
def test_a_marker_without_a_reason_stops_the_run(mark):
    with pytest.raises(pytest.UsageError, match="needs the reason"):
        collected(Item("c[sqlite]", {"store": "sqlite"}, [mark.mark]))
