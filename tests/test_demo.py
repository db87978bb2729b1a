"""The demo network process: loaded through the services, complete enough to show every
part of the app, refused on a database in use, and reloadable with ``--reset``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from tests.factories import make_workshop
from workshop.db import PROJECT_ROOT
from workshop.demo import DEMO_DIR, DatabaseNotEmpty, DemoDataError, count_rows, database_is_empty, fresh_demo_keys, load_demo
from workshop.errors import WrongFacilitatorKey
from workshop.models import Idea, Locality, Note, Participant, Person, Tie
from workshop.services import access, coordinators, organisations, views, voting, workshops
from workshop.vocabulary import NOTE_KINDS, ORGANISATION_KINDS, SECTORS, TIE_KINDS


def test_a_fresh_database_is_empty_and_a_loaded_one_is_not(store):
    assert database_is_empty(store)
    load_demo(store)
    assert not database_is_empty(store)


def test_the_demo_meets_in_at_least_two_development_points(store, demo):
    with store.unit_of_work() as session:
        points = set(session.scalars(select(Locality.name).where(Locality.is_development_point.is_(True))))
    assert len(demo.workshops) >= 2
    assert {w.locality for w in demo.workshops} <= points
    assert len({w.locality for w in demo.workshops}) == len(demo.workshops)


def test_the_demo_has_organisations_of_every_kind_and_sector(store, demo):
    found = organisations.list_organisations(store)
    assert {o.kind for o in found} == set(ORGANISATION_KINDS)
    assert {o.sector for o in found} - {None} == set(SECTORS)
    assert any(o.org_number for o in found)
    # Every organisation of the network files says what it offers; the company register's
    # own companies do not (an extract does not say it: the survey asks).
    with store.unit_of_work() as session:
        from workshop.models import Company, Organisation

        register_only = set(session.scalars(select(Company.organisation_id).join(Organisation).where(Organisation.first_workshop_id.is_(None))))
    assert all(o.offers for o in found if o.id not in register_only)


def test_the_demo_has_ideas_in_several_stages_and_only_complete_ones_are_project_ready(store, demo):
    with store.unit_of_work() as session:
        stages = set(session.scalars(select(Idea.stage)))
        ready = session.execute(
            select(Idea.innovation, Idea.budget_sek, Idea.cofinancing_hours, Idea.owner_organisation_id).where(
                Idea.stage == "project_ready"
            )
        ).all()
    assert len(stages) >= 3
    assert ready, "at least one idea should be project-ready"
    for innovation, budget_sek, cofinancing_hours, owner_id in ready:
        assert innovation and budget_sek and cofinancing_hours is not None
        assert organisations.get_organisation_view(store, owner_id).kind != "private_person"


def test_the_demo_has_notes_and_ties_of_every_kind(store, demo):
    with store.unit_of_work() as session:
        note_kinds = set(session.scalars(select(Note.kind)))
        tie_kinds = set(session.scalars(select(Tie.kind)))
        subjects = set(session.scalars(select(Note.subject)))
        facilitator_only = session.scalar(select(func.count(Note.id)).where(Note.visibility == "facilitators"))
    assert note_kinds == set(NOTE_KINDS)
    assert tie_kinds == set(TIE_KINDS)
    assert subjects == {"organisation", "idea", "place", "person"}
    assert facilitator_only > 0


def test_facilitator_only_notes_stay_off_the_public_wall(store, demo):
    for meeting in demo.workshops:
        public = views.wall(store, meeting.id)
        full = views.wall(store, meeting.id, facilitator=True)
        assert all(n.visibility == "all" for n in public.notes)
        assert len(public.notes) <= len(full.notes)
    assert any(len(views.wall(store, m.id).notes) < len(views.wall(store, m.id, facilitator=True).notes) for m in demo.workshops)


def test_the_demo_has_a_voting_round_whose_results_everyone_sees(store, demo):
    revealed = []
    for meeting in demo.workshops:
        state = voting.voting_state(store, meeting.id)  # as a participant, not a facilitator
        revealed += [r for r in state.rounds if r.results_visible and state.totals.get(r.id)]
    assert revealed


def test_the_network_grows_from_meeting_to_meeting(store, demo):
    with store.unit_of_work() as session:
        meetings_per_organisation = session.execute(
            select(Person.organisation_id, func.count(func.distinct(Participant.workshop_id)))
            .join(Participant, Participant.person_id == Person.id)
            .group_by(Person.organisation_id)
        ).all()
    assert max(count for _org, count in meetings_per_organisation) >= 2
    later = views.wall(store, demo.workshops[-1].id)
    assert any(card.carried for card in later.ideas)


def test_some_idea_has_two_committed_organisations_that_are_not_private_persons(store, demo):
    cards = [card for meeting in demo.workshops for card in views.wall(store, meeting.id).ideas]
    assert any(len({c.organisation_id for c in card.commitments if c.organisation_kind != "private_person"}) >= 2 for card in cards)


def test_the_demo_facilitator_keys_sign_in_even_typed_without_dashes(store, demo):
    for meeting in demo.workshops:
        for typed in (meeting.facilitator_key, meeting.facilitator_key.replace("-", "").lower()):
            token = workshops.facilitator_sign_in(store, meeting.id, typed)
            assert access.staff_actor(store, token).workshop_id == meeting.id


def test_the_demo_keys_are_new_at_every_load_and_the_demo_coordinator_signs_in(store, demo):
    # Nothing published can open a demo: the keys are random, printed only by the load.
    again = load_demo(store, reset=True)
    assert {m.facilitator_key for m in demo.workshops}.isdisjoint({m.facilitator_key for m in again.workshops})
    assert demo.coordinator_key != again.coordinator_key
    token = coordinators.coordinator_sign_in(store, again.coordinator_name, again.coordinator_key)
    assert access.staff_actor(store, token).is_coordinator
    for path in DEMO_DIR.glob("*.toml"):
        assert "facilitator_key =" not in path.read_text(encoding="utf-8")


def test_fresh_demo_keys_replace_the_old_ones_and_end_their_sessions(store, demo):
    old = workshops.facilitator_sign_in(store, demo.workshops[0].id, demo.workshops[0].facilitator_key)
    fresh = fresh_demo_keys(store)
    assert access.staff_actor(store, old) is None
    with pytest.raises(WrongFacilitatorKey):
        workshops.facilitator_sign_in(store, demo.workshops[0].id, demo.workshops[0].facilitator_key)
    assert access.staff_actor(store, workshops.facilitator_sign_in(store, fresh.workshops[0].id, fresh.workshops[0].facilitator_key)) is not None


@pytest.mark.one_engine("refused when the database already holds rows, before any write: a row count reads alike on both engines")
def test_loading_into_a_database_in_use_is_refused_and_changes_nothing(store):
    make_workshop(store)
    before = count_rows(store)
    with pytest.raises(DatabaseNotEmpty):
        load_demo(store)
    assert count_rows(store) == before


@pytest.mark.one_engine("refused when the database already holds rows, before any write: a row count reads alike on both engines")
def test_loading_twice_without_reset_is_refused_and_changes_nothing(store, demo):
    before = count_rows(store)
    with pytest.raises(DatabaseNotEmpty):
        load_demo(store)
    assert count_rows(store) == before


def test_reset_empties_the_database_and_reloads_the_same_demo(store, demo):
    make_workshop(store, title="Inte en del av demot")
    again = load_demo(store, reset=True)
    assert count_rows(store) == demo.counts == again.counts
    assert [w.title for w in workshops.list_workshops(store)] == [w.title for w in demo.workshops]


@pytest.mark.one_engine("the demo files are checked in Python before anything is written: a missing check fails on SQLite too")
def test_inconsistent_demo_files_are_refused_before_anything_is_written(store, tmp_path):
    broken = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, broken)
    first = broken / "workshop-1-ramsberg.toml"
    first.write_text(first.read_text(encoding="utf-8").replace('by = "Maria Hedlund"', 'by = "Okänd Person"', 1), encoding="utf-8")
    with pytest.raises(DemoDataError, match="Okänd Person"):
        load_demo(store, broken)
    assert database_is_empty(store)


@pytest.mark.slow
def test_the_command_line_loads_the_demo_and_refuses_a_second_time(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "workshop", "demo", "--db", url, *extra],
            cwd=PROJECT_ROOT,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    assert re.search(r"Samordnare: Demo-samordnare, nyckel [A-Z0-9]{4}(-[A-Z0-9]{4}){3}", first.stdout)
    assert "Kod för deltagare" in first.stdout and "DEMA-" not in first.stdout
    second = run()
    assert second.returncode == 2
    assert "--reset" in second.stderr
    third = run("--reset")
    assert third.returncode == 0, third.stderr


def test_the_first_visit_loads_the_demo_without_the_analysis_libraries(tmp_path):
    """The first page view of a fresh install loads the demo: it must not wait for scikit-learn,
    SciPy and pandas (seconds on a cold start), which only the network pages need."""
    url = f"sqlite:///{tmp_path / 'first.db'}"
    probe = (
        "import sys\n"
        "from sqlalchemy import func, select\n"
        "from workshop.db import create_store\n"
        "from workshop.demo import load_demo\n"
        "from workshop.models import Idea\n"
        f"store = create_store({url!r})\n"
        "load_demo(store)\n"
        "with store.unit_of_work() as session:\n"
        "    assert session.scalar(select(func.count()).where(Idea.stage == 'project_ready')), 'no idea went through the check'\n"
        "print(sorted(m for m in ('sklearn', 'scipy', 'pandas', 'pyvis') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
