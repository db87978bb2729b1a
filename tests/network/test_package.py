"""``workshop.network`` loads its modules on first use: every name it lists is there when asked."""

from __future__ import annotations

import pytest

import workshop.network as network


@pytest.mark.parametrize("name", network.__all__)
def test_every_listed_name_resolves_to_the_object_of_its_module(name):
    value = getattr(network, name)
    assert getattr(value, "__module__", "workshop.network").startswith("workshop.network") or not callable(value)
    assert name in dir(network)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_measure"):
        network.no_such_measure  # noqa: B018
