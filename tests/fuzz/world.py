"""A small workshop process to fuzz against, put back exactly as it was before every example.

Hypothesis runs one test body many times on the one database the ``store`` fixture gives.
So that examples cannot affect each other (and a failure replays alone), each example
starts with :meth:`World.restore`: every table is emptied and refilled with the rows
read right after the world was built. The same full read, after a refused call, shows
that the call wrote nothing.

On PostgreSQL the rows are put back from a snapshot schema (:mod:`tests.snapshots`) in
one round trip, sequences included; writing them back through SQLAlchemy took about 60
statements and 85 ms per example, a third of a fuzz test's time there. On SQLite the
statements run in the test's own process and cost little, so it keeps :func:`write_rows`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import currently_in_test_context, event
from hypothesis import strategies as st
from sqlalchemy import select

from tests.factories import Meeting, add_idea, add_note, add_tie, commit, coordinator_token, join, make_workshop, open_round
from tests.snapshots import Snapshot, restore_snapshot, take_snapshot
from workshop.security import Client
from workshop.db import Store
from workshop.errors import ServiceError, WorkshopNotFound, WrongCoordinatorKey, WrongFacilitatorKey
from workshop.models import AccessAttempt, Base, utcnow
from workshop.services import moderation, organisations, voting, workshops
from workshop.services.participants import ParticipantIdentity

from .strategies import calls, hostile_id, hostile_value, surely_wrong

TABLES = Base.metadata.sorted_tables  # parents before children

Rows = dict[str, list[tuple]]


def read_rows(store: Store) -> Rows:
    """Every row of every table, in primary-key order, each row's columns in the model's order."""
    if store.dialect == "postgresql":
        return _read_rows_in_one_round_trip(store)
    with store.engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))] for table in TABLES
        }


def _quoted(names) -> str:
    return ", ".join(f'"{name}"' for name in names)


_READ_EVERY_TABLE = ";\n".join(
    f'SELECT {_quoted(table.columns.keys())} FROM "{table.name}" ORDER BY {_quoted(c.name for c in table.primary_key.columns)}'
    for table in TABLES
)


def _read_rows_in_one_round_trip(store: Store) -> Rows:
    """:func:`read_rows` on PostgreSQL: one query string, one result per table, read in one transaction.

    Every refused example reads every table; one SELECT per table through SQLAlchemy took
    about 60 round trips and half of a hostile-input fuzz test's time on PostgreSQL. The
    values are psycopg's own (SQLAlchemy's types not applied), the same for every read, so
    the world's rows and a later read compare alike.
    """
    raw = store.engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()
        cursor.execute(_READ_EVERY_TABLE)
        rows: Rows = {}
        for table in TABLES:
            rows[table.name] = [tuple(row) for row in cursor.fetchall()]
            cursor.nextset()
        return rows
    finally:
        raw.close()  # back to the pool, its transaction rolled back


def row_counts(rows: Rows) -> dict[str, int]:
    return {name: len(table_rows) for name, table_rows in rows.items()}


def revisions(rows: Rows) -> tuple[int, dict[int, int]]:
    """The process revision and each workshop's: what every write bumps."""
    workshop_columns = list(Base.metadata.tables["workshops"].columns.keys())
    process = {row[0]: row[1] for row in rows["process_state"]}[1]
    id_at, revision_at = workshop_columns.index("id"), workshop_columns.index("revision")
    return process, {row[id_at]: row[revision_at] for row in rows["workshops"]}


def write_rows(store: Store, rows: Rows) -> None:
    """Replace everything in the database with ``rows``."""
    with store.engine.begin() as connection:
        for table in reversed(TABLES):
            connection.execute(table.delete())
        for table in TABLES:
            if rows[table.name]:
                keys = table.columns.keys()
                connection.execute(table.insert(), [dict(zip(keys, row)) for row in rows[table.name]])


THROTTLED_CLIENT = "198.51.100.66"  # guessed wrong join codes 12 times as the world was built: waits 5 minutes


@dataclass
class World:
    """Three meetings of one process, people from four organisations, ideas, notes, ties and a voting round.

    Meeting ``a`` is open and has everything; ``b`` is another meeting of the same process
    (its idea ``b_carried`` is carried forward to ``a``); ``c`` no longer takes submissions.
    """

    store: Store
    a: Meeting
    b: Meeting
    c: Meeting
    anna: ParticipantIdentity  # a, Ramsbergs IF (association)
    bo: ParticipantIdentity  # a, Bergslagens Bryggeri AB (company, with an organisation number)
    cilla: ParticipantIdentity  # a, private person
    dag: ParticipantIdentity  # b, Vedevågs hembygdsförening
    erik: ParticipantIdentity  # c (closed), private person
    ideas: dict[str, int]
    merged_organisation_id: int  # merged into anna's organisation
    round_id: int
    coordinator: str  # a signed-in coordinator's token
    rows: Rows = field(default_factory=dict, repr=False)
    changed: bool = field(default=True, repr=False)  # the database may differ from ``rows``
    snapshot: Snapshot | None = field(default=None, repr=False)  # PostgreSQL: ``rows`` set aside in a schema

    def __repr__(self) -> str:  # Hypothesis prints the fixtures of a failing example
        return f"World(meetings={self.workshop_ids}, ideas={self.ideas}, organisations={self.organisation_ids})"

    @property
    def tokens(self) -> list[str]:
        return [p.token for p in (self.anna, self.bo, self.cilla, self.dag, self.erik)]

    @property
    def facilitator_tokens(self) -> list[str]:
        return [m.facilitator for m in (self.a, self.b, self.c)]

    @property
    def workshop_ids(self) -> list[int]:
        return [self.a.id, self.b.id, self.c.id]

    @property
    def organisation_ids(self) -> list[int]:
        ids = {p.organisation_id for p in (self.anna, self.bo, self.cilla, self.dag, self.erik)}
        return sorted(ids | {self.merged_organisation_id})

    @property
    def taken_organisations(self) -> tuple[tuple[str, str | None], ...]:
        """(name, organisation number) of the organisations in the world that are not private persons."""
        return (("Ramsbergs IF", None), ("Bergslagens Bryggeri AB", "556036-0793"), ("Vedevågs hembygdsförening", None))

    @property
    def idea_ids(self) -> list[int]:
        return sorted(self.ideas.values())

    def restore(self) -> None:
        """Put every row back as it was when the world was built (a no-op when nothing changed since)."""
        if self.changed:
            if self.snapshot is not None:
                restore_snapshot(self.snapshot, self.store)
            else:
                write_rows(self.store, self.rows)
            self.changed = False


def build_world(store: Store) -> World:
    a = make_workshop(store, title="Framtidens Ramsberg", locality="Ramsberg", date=dt.date(2026, 11, 30))
    b = make_workshop(store, title="Vedevåg framåt", locality="Vedevåg", date=dt.date(2026, 10, 5))
    c = make_workshop(store, title="Stängd träff", locality="Ramsberg", date=dt.date(2026, 9, 1))
    anna = join(store, a, "Anna Berg", "Ramsbergs IF")
    bo = join(store, a, "Bo Ek", "Bergslagens Bryggeri AB", kind="company", org_number="5560360793", offers={"premises": ["lokal"]})
    cilla = join(store, a, "Cilla Nord")
    dag = join(store, b, "Dag Lind", "Vedevågs hembygdsförening")
    erik = join(store, c, "Erik Sjö")
    ideas = {
        "a_anna": add_idea(store, anna, "Bygdekök i skolan", themes=["mat", "skola"], needs={"premises": ["storkök"]}),
        "a_bo": add_idea(store, bo, "Ölprovning på bruket"),
        "a_merged": add_idea(store, cilla, "Kök i skolan"),
        "b_dag": add_idea(store, dag, "Cykelled längs Vedevågen"),
        "b_carried": add_idea(store, dag, "Gemensam bokningskalender"),
        "c_erik": add_idea(store, erik, "Stängd idé"),
    }
    workshops.carry_idea_forward(store, a.id, a.facilitator, ideas["b_carried"])
    moderation.merge_ideas(store, a.id, a.facilitator, ideas["a_merged"], ideas["a_anna"])
    workshops.set_submissions_open(store, c.id, c.facilitator, False)
    commit(store, bo, ideas["a_anna"], role="partner", contribution="Lokalen på kvällarna")
    add_note(store, anna, "Skolans kök står tomt på kvällarna.")
    add_note(store, bo, "Har drivit pub förut.", subject="organisation", kind="experience", about_organisation_id=bo.organisation_id)
    add_tie(store, anna, anna, bo)
    duplicate = organisations.register_organisation(store, name="Ramsbergs idrottsförening", kind="association")
    coordinator = coordinator_token(store)
    organisations.merge_organisations(store, a.id, coordinator, duplicate.id, anna.organisation_id)
    voting_round = open_round(store, a, dots=5, per_idea=3)
    voting.set_dots(store, anna.token, ideas["a_anna"], 2)
    with store.unit_of_work(write=True) as session:
        session.add(AccessAttempt(key=f"join:any:{Client(THROTTLED_CLIENT).key}", failures=12, last_failure_at=utcnow()))
        session.commit()
    world = World(store, a, b, c, anna, bo, cilla, dag, erik, ideas, duplicate.id, voting_round.id, coordinator)
    world.facilitator_tokens  # every meeting's facilitator signs in now, before the rows are taken
    world.rows = read_rows(store)
    if store.dialect == "postgresql":
        world.snapshot = take_snapshot(store, "fuzz_world")
    world.changed = False
    return world


# --- the properties ----------------------------------------------------------------------------


def _event(text: str) -> None:
    if currently_in_test_context():  # statistics for `pytest --hypothesis-show-statistics`
        event(text)


def _describe(error: BaseException) -> str:
    return f"{type(error).__module__}.{type(error).__qualname__}: {str(error)[:300]}"


def only_service_errors(call: Callable[[], Any], inputs: dict[str, Any]) -> tuple[Any, BaseException | None]:
    """Property 1: ``call`` returns, or raises a :class:`ServiceError` and nothing else."""
    try:
        return call(), None
    except ServiceError as error:
        _event(f"refused: {type(error).__name__} {error.message_key}")
        return None, error
    except Exception as error:
        raise AssertionError(f"not a ServiceError: {_describe(error)} for {inputs!r:.300}") from error


def attempt(
    world: World,
    call: Callable[[], Any],
    inputs: dict[str, Any],
    *,
    counts_failures: bool = False,
) -> tuple[Any, BaseException | None]:
    """Make ``call`` and check properties 1, 2 and 4; returns ``(result, None)`` or ``(None, error)``.

    1. See :func:`only_service_errors`.
    4. A call holding a value no argument takes (bytes, a float, a set, a number beyond
       any id, text with a lone surrogate; :func:`~tests.fuzz.strategies.surely_wrong`),
       anywhere in its arguments, is refused: it is never stored in its printed form.
    2. When it raises, nothing was written: the same rows in every
       table, so the same row counts and revisions. Wrong join codes and facilitator keys
       are counted in ``access_attempts`` on purpose (``counts_failures``); nothing else
       may change.
    """
    world.changed = True  # until shown otherwise
    result, refusal = only_service_errors(call, inputs)
    if refusal is None:
        wrong = {name: value for name, value in inputs.items() if surely_wrong(value)}
        assert not wrong, f"accepted a value of the wrong type: {wrong!r:.300}"
        return result, None
    after = read_rows(world.store)
    before = world.rows
    if counts_failures and isinstance(refusal, (WorkshopNotFound, WrongFacilitatorKey, WrongCoordinatorKey)):
        after = {**after, "access_attempts": before["access_attempts"]}
    assert row_counts(after) == row_counts(before), f"{_describe(refusal)} left rows behind: {row_counts(after)} vs {row_counts(before)}"
    assert revisions(after) == revisions(before), f"{_describe(refusal)} bumped a revision"
    differing = [name for name in before if after[name] != before[name]]
    assert not differing, f"{_describe(refusal)} changed rows in {differing}"
    world.changed = bool(counts_failures)  # a counted failure is a write: undo it before the next example
    return None, refusal


def accept(world: World, call: Callable[[], Any], inputs: dict[str, Any]) -> Any:
    """Make ``call`` with valid input, which must be accepted."""
    world.changed = True
    return call()


def fuzz(
    world: World,
    data: st.DataObject,
    service: Callable[..., Any],
    valid: dict[str, st.SearchStrategy],
    hostile: dict[str, st.SearchStrategy],
    *,
    counts_failures: bool = False,
) -> tuple[dict[str, Any], Any, BaseException | None]:
    """One example: restore the world, draw keyword arguments (see :func:`calls`), call ``service`` and check."""
    world.restore()
    inputs = data.draw(calls(valid, hostile), label="arguments")
    result, error = attempt(world, lambda: service(world.store, **inputs), inputs, counts_failures=counts_failures)
    return inputs, result, error


def facilitator_arguments(world: World) -> dict[str, st.SearchStrategy]:
    """``workshop_id`` and ``facilitator_token`` of meeting ``a``'s facilitator: valid together."""
    return {"workshop_id": st.just(world.a.id), "facilitator_token": st.just(world.a.facilitator)}


def coordinator_arguments(world: World) -> dict[str, st.SearchStrategy]:
    """``coordinator_token`` of the world's signed-in coordinator."""
    return {"coordinator_token": st.just(world.coordinator)}


def hostile_coordinator_arguments(world: World) -> dict[str, st.SearchStrategy]:
    """A facilitator's or participant's token, or anything: none of them is a coordinator's."""
    return {"coordinator_token": st.one_of(st.sampled_from(world.facilitator_tokens + world.tokens), hostile_value)}


def hostile_facilitator_arguments(world: World) -> dict[str, st.SearchStrategy]:
    """Another meeting, another meeting's facilitator, a participant's token, or anything."""
    return {
        "workshop_id": hostile_id(world.workshop_ids),
        "facilitator_token": st.one_of(st.sampled_from(world.facilitator_tokens + world.tokens), hostile_value),
    }
