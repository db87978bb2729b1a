"""The page fixtures of tests/pages, for the run of show's page tests."""

from tests.pages.conftest import app_store  # noqa: F401
