"""The world every fuzz test starts each example from (see :mod:`tests.fuzz.world`)."""

from __future__ import annotations

import pytest

from tests.fuzz.world import World, build_world


@pytest.fixture
def world(store) -> World:
    return build_world(store)
