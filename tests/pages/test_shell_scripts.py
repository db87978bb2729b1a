"""The shell's page scripts (document fixes, live counters) are sent once per session and language.

What a script installs lives on in the page when its element is gone; that the counters and the
menu's names still work on later runs and other pages is seen in Chromium by
tests/e2e/test_forgiving_forms.py (a counter after a save's rerun) and the axe walk in
tests/e2e/test_accessibility.py (the menu's list names on every page).
"""

from __future__ import annotations

from tests.pages.conftest import open_app


def scripts(at) -> list[str]:
    return [h.value for h in at.sidebar.html if "<script" in h.value]


def test_the_shell_scripts_come_once_and_again_in_a_new_language(app_store):
    at = open_app()
    first = scripts(at)
    assert len(first) == 2 and any("__pbLimits" in s for s in first) and any("__pbAccessible" in s for s in first)
    assert any('"lang": "sv"' in s for s in first)

    at.run()  # a rerun of the same session: the page's own elements only
    assert scripts(at) == []

    (picker,) = [s for s in at.sidebar.selectbox if s.key == "app_language_picker"]
    picker.set_value("en").run()
    again = scripts(at)
    assert len(again) == 2 and any('"lang": "en"' in s for s in again)  # the words of the new language
    at.run()
    assert scripts(at) == []


def test_a_new_session_gets_them_again(app_store):
    open_app()
    assert len(scripts(open_app())) == 2  # a reload or a new tab is a new session
