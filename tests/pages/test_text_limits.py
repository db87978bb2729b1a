"""Every text field has a limit the service knows, a live counter, and a paste over it is cut, never dropped (issue 23).

The first two tests walk the sources of every page and ui module: a text field drawn with
Streamlit's own ``text_input``/``text_area`` (whose ``max_chars`` drops a long paste, and
which has no counter) or a limit typed as a bare number (which the service does not share)
fails them, naming the file and line. The rest drive the pages with AppTest: a paste over
the limit is cut with a message where it is saved, refused with a message where a cut would
make another valid value (a phone number), and the service refuses what no page cut.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.factories import coordinator_token, count, join, make_company, make_workshop
from tests.pages.conftest import errors, open_app, widget
from ui.limits import limit_container_key
from workshop.companies import assessments as surveys
from workshop.companies.vocabulary import DIMENSIONS
from workshop.errors import InvalidInput
from workshop.lengths import NAME_MAX, PHONE_MAX, TAG_LIST_MAX, TEXT_MAX, TITLE_MAX
from workshop.meeting import service as meeting_service
from workshop.models import Participant, Person
from workshop.services import contributions, participants

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])
DRAWS_TEXT = {"text_input", "text_area"}
LIMITED = {"limited_text": 1, "long_text": 3}  # the function and the position of its limit


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _workshop_names(tree: ast.Module) -> set[str]:
    """The names a module imports from the product's own ``workshop`` package."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "workshop":
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _limit_argument(call: ast.Call, position: int) -> ast.expr | None:
    given = {k.arg: k.value for k in call.keywords}
    if "limit" in given:
        return given["limit"]
    return call.args[position] if len(call.args) > position else None


def _from_workshop(node: ast.expr | None, names: set[str]) -> bool:
    while isinstance(node, ast.Attribute):  # rules.EDIT_MAX, thesaurus.WORD_MAX
        node = node.value
    return isinstance(node, ast.Name) and node.id in names


@pytest.mark.parametrize("source", [s for s in SOURCES if _name(s) != "ui/limits.py"], ids=_name)  # the one place that draws them
def test_no_page_draws_a_text_field_without_a_limit_and_a_counter(source):
    tree = ast.parse(source.read_text(encoding="utf-8"))
    offenders = [
        f"{_name(source)}:{node.lineno} {node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DRAWS_TEXT
    ]
    offenders += [f"{_name(source)}:{node.lineno} max_chars" for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "max_chars"]
    assert offenders == [], "draw text fields with ui.limits.limited_text (or ui.forms.long_text)"


@pytest.mark.parametrize("source", SOURCES, ids=_name)
def test_every_text_fields_limit_is_a_constant_the_service_reads_too(source):
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names = _workshop_names(tree)
    # A wrapper of limited_text hands its own limit on; its callers are checked instead.
    wrappers = {id(n) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in LIMITED for n in ast.walk(f)}
    offenders = [
        f"{_name(source)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in LIMITED and id(node) not in wrappers
        and not _from_workshop(_limit_argument(node, LIMITED[node.func.id]), names)
    ]
    assert offenders == [], "a limit must be a name imported from workshop (workshop.lengths or the service's own)"


def test_the_walk_finds_the_fields_of_the_join_form_and_the_idea_form():
    # The walk above would pass on an empty tree: it must see the fields it is there to check.
    home = ast.parse((ROOT / "pages" / "home.py").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(home) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "limited_text"]
    assert len(calls) >= 6  # code, name, organisation, locality, organisation number, e-mail, phone
    assert len(SOURCES) > 40


def test_each_field_sits_in_a_container_that_tells_the_counter_its_limit(app_store):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")
    at = open_app("pages/contribute.py", participant=anna.token)

    ids = _block_ids(at)

    assert not at.exception
    # The form's key carries a round number (contribute_idea_form_0): a new form after each save.
    for key, limit in (("kept:contribute_idea_form_0.title", TITLE_MAX), ("kept:contribute_idea_form_0.description", TEXT_MAX), ("kept:contribute_idea_form_0.themes", TAG_LIST_MAX)):
        container = limit_container_key(key, limit)
        assert any(i.endswith(container) for i in ids), (container, ids)


def _block_ids(at) -> list[str]:
    """The ids of every container drawn: a keyed container's id ends with its key (the page's CSS class)."""
    found, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        block_id = getattr(getattr(node, "proto", None), "id", "")
        if isinstance(block_id, str) and block_id:
            found.append(block_id)
        stack.extend(getattr(node, "children", {}).values())
    return found


def test_a_long_name_pasted_in_the_join_form_is_cut_with_a_message_and_saved_on_the_next_press(app_store):
    meeting = make_workshop(app_store)
    pasted = "Anna-Karin Berg Lindström från Ramsbergs bygdeförening " * 3  # 165 characters
    at = open_app()
    at.session_state["home_workshop_id"] = meeting.id
    at.run()
    at.radio(key="home_org_mode").set_value("none").run()
    widget(at.text_input, "Namn").input(pasted)

    widget(at.button, "Gå med").click().run()

    assert not at.exception
    assert f"Namn fick {len(pasted)} tecken, men högst {NAME_MAX} får plats: texten är kortad till {NAME_MAX}. Läs slutet och tryck igen för att spara." in [w.value for w in at.warning]
    assert widget(at.text_input, "Namn").value == pasted[:NAME_MAX]
    assert count(app_store, Participant) == 0  # nothing saved from the press that was cut

    widget(at.button, "Gå med").click().run()

    assert not at.exception
    with app_store.unit_of_work() as session:
        assert session.scalars(select(Person.name)).all() == [pasted[:NAME_MAX].strip()]


def test_a_long_phone_number_is_refused_under_its_field_not_cut_into_another_number(app_store):
    meeting = make_workshop(app_store)
    at = open_app()
    at.session_state["home_workshop_id"] = meeting.id
    at.run()
    at.radio(key="home_org_mode").set_value("none").run()
    widget(at.text_input, "Namn").input("Anna Berg")
    at.checkbox(key="kept:home_join_form.contact_consent").check()
    widget(at.text_input, "Telefon (frivilligt)").input("070-123 45 67" * 4)  # 52 characters

    widget(at.button, "Gå med").click().run()

    assert not at.exception
    assert count(app_store, Participant) == 0
    assert widget(at.text_input, "Telefon (frivilligt)").value == "070-123 45 67" * 4  # kept whole, to correct
    assert any("för lång (52 tecken, högst 40)" in e for e in errors(at)), errors(at)


# What the pages cut, the services refuse on every other path (an import, a script, a
# crafted request): a text one over the page's limit is refused at its field, and a text of
# exactly the limit is taken, so the page and the service hold the same limit.
SERVICE_LIMITS = [
    ("an idea's title", lambda s, m, a, text: contributions.add_idea(s, a.token, title=text), TITLE_MAX, "title"),
    ("an idea's description", lambda s, m, a, text: contributions.add_idea(s, a.token, title="Bygdekök", description=text), TEXT_MAX, "description"),
    ("a note", lambda s, m, a, text: contributions.add_note(s, a.token, kind="local_knowledge", text=text, subject="place", about_text="Ramsberg"), TEXT_MAX, "text"),
    ("what a note is about", lambda s, m, a, text: contributions.add_note(s, a.token, kind="local_knowledge", text="Bra", subject="place", about_text=text), NAME_MAX, "about"),
    ("a participant's name", lambda s, m, a, text: participants.join_workshop(s, m.id, name=text), NAME_MAX, "name"),
    ("a participant's phone", lambda s, m, a, text: participants.join_workshop(s, m.id, name="Bo", phone=_phone(len(text)), contact_consent=True), PHONE_MAX, "phone"),
    ("a phase's title", lambda s, m, a, text: meeting_service.add_phase(s, m.id, m.facilitator, title=text), TITLE_MAX, "title"),
    ("a phase's instruction", lambda s, m, a, text: meeting_service.add_phase(s, m.id, m.facilitator, title="Idéer", instruction=text), TEXT_MAX, "instruction"),
]


def _phone(length: int) -> str:
    return "070" + " " * (length - 10) + "1234567"  # a valid number, spaced out to ``length``


@pytest.mark.parametrize("what,save,limit,field", SERVICE_LIMITS, ids=[row[0] for row in SERVICE_LIMITS])
def test_the_service_refuses_one_character_over_the_pages_limit_and_takes_exactly_the_limit(app_store, what, save, limit, field):
    meeting = make_workshop(app_store)
    anna = join(app_store, meeting, "Anna Berg", "Ramsbergs IF")

    with pytest.raises(InvalidInput) as refused:
        save(app_store, meeting, anna, "x" * (limit + 1))

    assert (refused.value.message_key, refused.value.field) == ("errors.too_long", field)
    save(app_store, meeting, anna, "x" * limit)


def test_a_survey_comment_pasted_over_its_limit_is_saved_cut_and_the_field_shows_what_was_saved(app_store):
    # The survey saves each answer as it changes (no form, no press): the cut is the save.
    company = make_company(app_store, "Ramsbergs bageri")
    link = surveys.create_self_link(app_store, coordinator_token(app_store), company)
    at = open_app()
    at.query_params["kod"] = link.code
    at.switch_page("pages/survey.py").run()
    for _ in range(len(DIMENSIONS)):
        widget(at.button, "Nästa").click().run()
    pasted = "Vi behöver fiber till verkstaden och hjälp med en webbutik. " * 40  # 2 400 characters
    comment = at.text_area(key=f"kept:survey_{link.assessment_id}_{surveys.COMMENT_FIELD}")

    comment.input(pasted).run()

    assert not at.exception and not errors(at)
    assert surveys.open_survey(app_store, link.code).answers[surveys.COMMENT_FIELD] == pasted[: surveys.COMMENT_MAX].strip()
    assert at.text_area(key=f"kept:survey_{link.assessment_id}_{surveys.COMMENT_FIELD}").value == pasted[: surveys.COMMENT_MAX]
