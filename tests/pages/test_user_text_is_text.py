"""Whatever people type is shown as text: no HTML, script, link or markdown takes effect."""

from __future__ import annotations

import pytest

from tests.factories import add_idea, join, make_workshop
from tests.pages.conftest import each_tab, open_app, texts
from workshop.services import contributions

HOSTILE = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "[klicka här](javascript:alert(1))",
    "**fet** :red[röd] $x^2$",
]


@pytest.fixture
def hostile_workshop(app_store):
    meeting = make_workshop(app_store, title="<b>Titel</b>", challenge="<i>Fråga</i>")
    anna = join(app_store, meeting, "<script>alert('namn')</script>", '<img src=x onerror="alert(2)">')
    for text in HOSTILE:
        idea = add_idea(app_store, anna, text, description=text, themes=["tema"])
        contributions.commit_to_idea(app_store, anna.token, idea, role="partner")
    contributions.add_note(app_store, anna.token, kind="obstacles", text=HOSTILE[0], subject="place", about_text=HOSTILE[1])
    return meeting, anna


def test_the_projector_escapes_every_user_string(hostile_workshop):
    meeting, _anna = hostile_workshop
    shown = texts(open_app("pages/projector.py", facilitator=meeting.facilitator))
    assert "<script>alert" not in shown and "<img src=x" not in shown and "<b>Titel" not in shown
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in shown
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert "&lt;b&gt;Titel&lt;/b&gt;" in shown


@pytest.mark.parametrize("page", ["pages/wall.py", "pages/mine.py", "pages/contribute.py"])
def test_participant_pages_show_user_text_without_markup(hostile_workshop, page):
    _meeting, anna = hostile_workshop
    at = open_app(page, participant=anna.token)
    for at in each_tab(at) if at.tabs else [at]:
        shown = "\n".join(m.value for m in at.markdown)
        # Markdown is escaped character by character, so no link, emphasis or colour is formed.
        assert "](javascript:" not in shown
        assert "**fet**" not in shown and ":red[" not in shown
        assert "<script>" not in shown


def test_escaped_markdown_still_reads_as_the_original_text():
    from pages._shared import plain

    # Removing the backslashes gives back exactly what was typed.
    for text in HOSTILE:
        assert plain(text).replace("\\", "") == text.replace("\\", "")


@pytest.mark.parametrize("page", ["pages/moderate.py", "pages/voting_admin.py"])
def test_facilitator_pages_show_user_text_without_markup(hostile_workshop, page):
    meeting, _anna = hostile_workshop
    at = open_app(page, facilitator=meeting.facilitator)
    seen = []
    for at in each_tab(at) if at.tabs else [at]:
        labels = [e.label for e in at.expander] + [m.value for m in at.markdown]
        assert not any("**fet**" in label or "](javascript:" in label for label in labels)
        seen += labels
    if page == "pages/moderate.py":  # the note, on its own tab, was shown (as text)
        assert any(HOSTILE[0] in label.replace("\\", "") for label in seen)
