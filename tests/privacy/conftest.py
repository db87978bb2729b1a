"""The people the privacy tests start from, and the page-test fixtures for the new pages."""

from __future__ import annotations

import pytest

from tests.factories import join, make_workshop
from tests.pages.conftest import app_store  # noqa: F401  (the pages' fixture, for the page tests here)


@pytest.fixture
def meeting(store):
    return make_workshop(store)


@pytest.fixture
def coordinator(store):
    from tests.factories import coordinator_token

    return coordinator_token(store)


@pytest.fixture
def marta(store, meeting):
    """A private person with consented contact details: the one who is erased in these tests."""
    from workshop.services import participants

    return participants.join_workshop(store, meeting.id, name=MARTA, email=MARTA_EMAIL, phone="070-123 45 67", contact_consent=True)


@pytest.fixture
def bo(store, meeting):
    return join(store, meeting, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")


MARTA = "Märta Östberg"
MARTA_EMAIL = "marta.ostberg@example.se"
