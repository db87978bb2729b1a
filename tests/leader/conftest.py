"""The page fixtures of tests/pages, for the LEADER pages' tests."""

from tests.pages.conftest import app_store  # noqa: F401
