"""The page tests of the register use the app's own AppTest fixtures."""

from tests.pages.conftest import app_store  # noqa: F401
