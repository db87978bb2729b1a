"""How ``scripts/test.sh`` shares the suite among pytest-xdist's workers (tests/conftest.py).

A browser test that lands outside its lane runs beside another browser and can time out; a
lane handed out last makes the whole run wait for it at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LANES, LanesFirst, work_unit

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    "nodeid, unit",
    [
        ("tests/e2e/test_crowd.py::test_ten_participants_at_once_through_the_ui", "browser-timed"),
        ("tests/e2e/test_identity.py::test_a_stranger_cannot_create_a_workshop", "browser"),
        # A module-scoped fixture (the import graph) is built once: the file is one unit.
        ("tests/test_architecture.py::test_no_module_of_the_product_is_part_of_an_import_cycle", "tests/test_architecture.py"),
        # Anything else is a unit of its own, free to run on any worker.
        ("tests/test_text.py::test_x", "tests/test_text.py::test_x"),
    ],
)
def test_each_test_belongs_to_its_work_unit(nodeid, unit):
    assert work_unit(nodeid, ROOT) == unit


def test_the_browser_lanes_are_handed_out_before_anything_else_longest_first():
    queue = LanesFirst()
    # As xdist fills it: the units with the most tests first, the lanes somewhere among them.
    for unit in ("tests/services/test_roles_table.py", "browser", "tests/test_architecture.py", "browser-timed", "tests/test_i18n.py::t"):
        queue[unit] = {}

    assert list(queue) == [*LANES, "tests/services/test_roles_table.py", "tests/test_architecture.py", "tests/test_i18n.py::t"]
