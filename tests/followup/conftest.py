"""The service fixtures (a workshop, Anna of Ramsbergs IF, Bo of a brewery) and the page fixtures."""

from tests.pages.conftest import app_store  # noqa: F401
from tests.services.conftest import anna, bo, coordinator, meeting  # noqa: F401
