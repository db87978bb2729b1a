"""Fixtures for driving the real app with Streamlit's AppTest on a temporary database."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from workshop.db import DATABASE_URL_VARIABLE, create_store
from workshop.services.reference import ensure_reference_data

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app_store(tmp_path, monkeypatch):
    """Point the app at a fresh SQLite file (no demo data) and hand tests the same database."""
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    monkeypatch.setenv("PROJEKTBEREDSKAP_LOAD_DEMO", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    store = create_store(url)
    ensure_reference_data(store)
    yield store
    st.cache_resource.clear()
    st.cache_data.clear()
    store.engine.dispose()


def open_app(
    page: str | None = None,
    *,
    participant: str | None = None,
    facilitator: str | None = None,
    coordinator: str | None = None,
    leading: int | None = None,
    language: str | None = None,
) -> AppTest:
    """Run the app as a browser holding the given tokens, optionally on one page.

    ``coordinator`` signs the browser in as a coordinator; ``leading`` is the workshop the
    coordinator opened from the coordinator page.
    """
    at = AppTest.from_file(APP, default_timeout=30)
    if participant:
        at.session_state["participant_token"] = participant
    if facilitator or coordinator:
        at.session_state["staff_token"] = facilitator or coordinator
    if leading is not None:
        at.session_state["coordinator_workshop"] = leading
    if language:
        at.session_state["language"] = language
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def each_tab(at: AppTest):
    """Open every tab of the page in turn (first included), yielding the app with that tab open."""
    for label in [tab.label for tab in at.tabs]:
        yield open_tab(at, label)


def open_tab(at: AppTest, label: str) -> AppTest:
    """Click the tab labelled ``label``: the pages build only the open tab, so it must be chosen first."""

    def containers(node):
        if type(node) is Block and node.proto.WhichOneof("type") == "tab_container":
            yield node
        for child in getattr(node, "children", {}).values():
            yield from containers(child)

    for container in containers(at._tree):
        if label in [tab.label for tab in container.children.values()]:
            # Stateful tabs are widgets keyed "$$ID-<hash>-<user key>"; the user key holds the open tab.
            at.session_state[container.proto.tab_container.id.split("-", 2)[2]] = label
            at.run()
            assert not at.exception, at.exception
            return at
    raise AssertionError(f"no tab labelled {label!r}; have {[tab.label for tab in at.tabs]}")


def texts(at: AppTest) -> str:
    """Everything a user reads on the page, as one string (markdown, html, captions, alerts, metrics)."""
    parts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error", "html", "code", "expander", "metric"):
        for element in at.get(kind):
            value = getattr(element, "value", None)
            if value is None:
                value = getattr(element, "label", None) or getattr(element, "proto", "")
            parts.append(str(value))
            label = getattr(element, "label", None)
            if label:
                parts.append(str(label))
    # Markdown escapes (\\( \\: ...) and the word joiners that keep addresses from becoming
    # links (ui/text.py) are invisible to the reader.
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("\u2060", "")


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def widget(elements, label: str, index: int = 0):
    """The widget with this (translated) label; ``index`` picks among equal labels."""
    found = [e for e in elements if e.label == label]
    assert len(found) > index, f"no widget labelled {label!r}; have {[e.label for e in elements]}"
    return found[index]


def open_my_idea(at: AppTest, idea_id: int) -> AppTest:
    """Open the idea's fold under Mina bidrag, as a tap does: its form is drawn only when open."""
    at.session_state[f"kept:mine_edit_idea_{idea_id}.open"] = True
    return at.run()


def wall_cards(at: AppTest) -> list[dict[str, str]]:
    """The ideas the wall shows, read from its HTML as a browser would: per card its title and whole text."""
    from html.parser import HTMLParser  # lazy: only the wall's tests read its HTML

    class Cards(HTMLParser):
        def __init__(self):
            super().__init__()
            self.cards: list[dict[str, str]] = []
            self.depth = 0  # inside a card: how deep
            self.heading = False

        def handle_starttag(self, tag, attrs):
            if ("data-testid", "pb-wall-idea") in attrs:
                self.cards.append({"title": "", "text": ""})
                self.depth = 0
            if self.cards and self.depth >= 0:
                self.depth += 1
                self.heading = self.heading or tag == "h3"

        def handle_endtag(self, tag):
            if self.cards and self.depth > 0:
                self.depth -= 1
                self.heading = self.heading and tag != "h3"
                if self.depth == 0:
                    self.depth = -1

        def handle_data(self, data):
            if self.cards and self.depth > 0:
                self.cards[-1]["text"] += data
                if self.heading:
                    self.cards[-1]["title"] += data

    parser = Cards()
    for element in at.html:
        parser.feed(element.value)
    return parser.cards
