"""No demo person's name in any default export, the application drafts included.

The names come from the demo files themselves: every person listed for an organisation,
and everyone a note is about. The demo's private persons, its notes about people and a
volunteer-time table with a private person in it are all in these files.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from sqlalchemy import select

from tests.exchange.test_exports import searchable
from workshop.demo import DEMO_DIR, load_demo
from workshop.exchange.dataset import ExportOptions
from workshop.exchange.exports import FORMATS, export
from workshop.leader.service import application_draft
from workshop.models import Idea
from workshop.services.access import SYSTEM


def demo_people() -> set[str]:
    people = set()
    for path in DEMO_DIR.glob("*.toml"):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        for organisation in document.get("organisation", ()):
            people.update(organisation.get("people", ()))
        for note in document.get("note", ()):
            if note.get("subject") == "person":
                people.add(note["about"])
    return people


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.conftest import make_test_store

    store = make_test_store("sqlite", tmp_path_factory.mktemp("demo"))
    load_demo(store)
    return store


def found(names: set[str], text: str) -> list[str]:
    flat = " ".join(re.sub(r"\\(.)", r"\1", text).split())  # Markdown escapes, PDF line breaks
    return sorted(name for name in names if name in flat)


def test_the_demo_has_private_persons_and_notes_about_people_to_hide():
    people = demo_people()
    # Two private persons, 21 people speaking for organisations, three people notes are about.
    assert {"Gunnel Ekström", "Tomas Wikander", "Sven-Erik Holm", "Karin Lövgren"} <= people and len(people) >= 25


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_default_export_of_the_demo_names_a_person(demo, fmt):
    text = searchable(fmt, export(demo, fmt, ExportOptions()).data)
    assert found(demo_people(), text) == []
    if fmt in ("xlsx", "csv", "gexf", "graphml", "json"):
        assert "Privatperson 1" in text  # the private persons are still there, under a number


KITCHEN = "Bygdekök i bygdegården"  # the draft with most to hide: a private person's volunteer hours


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_no_default_application_draft_of_the_demo_names_a_person(demo, fmt):
    """Every idea's draft in Markdown; in Word and PDF the kitchen's draft only.

    The three formats write the same blocks (``write_application`` builds them once, before
    the format is chosen), so a name in any idea's blocks shows in that idea's Markdown draft.
    What Word and PDF add of their own (layout, the document's metadata) is the same code for
    every idea, and the kitchen's draft holds every kind of block a draft has, the
    volunteer-time table with a private person included. Drafting all 16 ideas as PDF and Word
    cost about 45 test-seconds (the PDF writer parses its fonts once per document).
    """
    with demo.unit_of_work() as session:
        ideas = session.execute(select(Idea.id, Idea.title)).all()
    drafts = {title: searchable(fmt, application_draft(demo, idea_id, fmt)) for idea_id, title in ideas if fmt == "md" or title == KITCHEN}
    assert len(drafts) == (len(ideas) if fmt == "md" else 1)
    assert {title: found(demo_people(), text) for title, text in drafts.items() if found(demo_people(), text)} == {}
    kitchen = " ".join(drafts[KITCHEN].split())
    assert "Privatperson 1" in kitchen  # the volunteer-time table keeps the private person's hours


def test_with_names_asked_for_the_draft_names_the_private_person_who_gives_volunteer_time(demo):
    with demo.unit_of_work() as session:
        kitchen = session.scalar(select(Idea.id).where(Idea.title == KITCHEN))
    named = found(demo_people(), searchable("md", application_draft(demo, kitchen, "md", token=SYSTEM, personal_data=True)))
    assert named  # the coordinator's choice brings the name back


def test_the_command_line_names_people_in_the_draft_only_with_personal_data(demo, tmp_path):
    from workshop.cli import main

    url = demo.engine.url.render_as_string(hide_password=False)
    plain, named = tmp_path / "ansokan.md", tmp_path / "ansokan-namn.md"
    assert main(["export", "--db", url, "--format", "application", "--idea", "Bygdekök i bygdegården", "-o", str(plain)]) == 0
    assert main(["export", "--db", url, "--format", "application", "--idea", "Bygdekök i bygdegården", "-o", str(named), "--personal-data"]) == 0
    assert found(demo_people(), plain.read_text(encoding="utf-8")) == []
    assert found(demo_people(), named.read_text(encoding="utf-8")) != []
