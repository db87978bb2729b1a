"""The fuzz tests' own footing: the world is restored exactly, and a write would be noticed."""

from __future__ import annotations

import pytest

from tests.fuzz.world import attempt, read_rows
from workshop.errors import InvalidInput
from workshop.services import contributions


def test_restoring_the_world_puts_back_every_row(world):
    attempt(world, lambda: contributions.add_idea(world.store, world.anna.token, title="Något nytt"), {})

    world.restore()

    assert read_rows(world.store) == world.rows


def test_a_refusal_that_wrote_something_is_caught(world):
    def writes_then_refuses():
        contributions.add_idea(world.store, world.anna.token, title="Halvt skrivet")
        raise InvalidInput(field="title")

    with pytest.raises(AssertionError, match="left rows behind"):
        attempt(world, writes_then_refuses, {})


def test_an_exception_that_is_not_a_service_error_is_caught(world):
    with pytest.raises(AssertionError, match="not a ServiceError: builtins.KeyError"):
        attempt(world, lambda: {}["title"], {})
