"""The people most service tests start from: one workshop, an association and a company."""

from __future__ import annotations

import pytest

from tests.factories import join, make_workshop


@pytest.fixture
def meeting(store):
    return make_workshop(store)


@pytest.fixture
def anna(store, meeting):
    return join(store, meeting, "Anna Berg", "Ramsbergs IF")


@pytest.fixture
def bo(store, meeting):
    return join(store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")


@pytest.fixture
def coordinator(store):
    """A signed-in coordinator's token."""
    from tests.factories import coordinator_token

    return coordinator_token(store)
