"""A load test through the service layer: many participants submitting at once.

Each participant is a thread that joins, adds ideas and notes, then votes from two
"tabs" at once, trying to place more dots than it has. Afterwards the database is
checked: every confirmed idea and note is there, nobody is over their dot budget, and
no call failed with anything but the business error it should (``VoteBudgetExceeded``).

Run it with ``python -m workshop load --participants 30 [--db URL]``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import create_engine, event, func, select, text, update
from sqlalchemy.orm import Session

from workshop.db import Store, upgrade_schema
from workshop.errors import VoteBudgetExceeded
from workshop.models import Note, ProcessState, Vote, Workshop
from workshop.services import contributions, revisions, participants, views, voting, workshops
from workshop.services.access import SYSTEM

__all__ = ["WRITER_VARIANTS", "LoadReport", "WriteProfile", "diagnose_writers", "postgres_settings", "profile_load", "run_load"]

DOTS_PER_PARTICIPANT = 5


@dataclass
class LoadReport:
    participants: int
    submissions: int  # ideas, notes, joins and votes that were confirmed
    seconds: float
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    unexpected_errors: list[str] = field(default_factory=list)
    refused_votes: int = 0  # over-budget attempts correctly refused
    lost: int = 0  # confirmed contributions missing from the database afterwards
    over_budget: int = 0  # participants with more dots than allowed

    @property
    def throughput(self) -> float:
        return self.submissions / self.seconds if self.seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95_ms(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.p50_ms
        return statistics.quantiles(self.latencies_ms, n=20)[18]

    @property
    def ok(self) -> bool:
        return not self.unexpected_errors and self.lost == 0 and self.over_budget == 0

    def summary(self) -> str:
        return (
            f"{self.participants} deltagare, {self.submissions} bidrag på {self.seconds:.2f} s: "
            f"{self.throughput:.0f} bidrag/s, p50 {self.p50_ms:.1f} ms, p95 {self.p95_ms:.1f} ms; "
            f"{self.refused_votes} prickar över budget nekade, {len(self.unexpected_errors)} fel, "
            f"{self.lost} förlorade, {self.over_budget} över budget"
        )


def run_load(store: Store, *, participants_count: int = 30, ideas_each: int = 4, notes_each: int = 2, seed: int = 0) -> LoadReport:
    """Run the load against ``store`` (a fresh workshop is created in it) and check the result."""
    created = workshops.create_workshop(
        store, SYSTEM, title=f"Lasttest {participants_count}", challenge="Tål systemet många samtidigt?", date=dt.date.today(), locality="Ramsberg"
    )
    voting.open_voting_round(store, created.workshop_id, SYSTEM, dots_per_participant=DOTS_PER_PARTICIPANT, max_dots_per_idea=2)

    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    confirmed_ideas: set[int] = set()
    confirmed_notes: set[int] = set()
    refused = 0
    submissions = 0
    ready = threading.Barrier(participants_count)

    def timed(action):
        nonlocal submissions
        start = time.perf_counter()
        result = action()
        elapsed = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(elapsed)
            submissions += 1
        return result

    def participant(number: int) -> None:
        nonlocal refused
        rng = random.Random(seed * 1000 + number)
        try:
            # Organisations outlive workshops: name them per run so the test can run again on one database.
            organisation = {"name": f"Lasttestförening {created.workshop_id} nr {number}", "kind": "association"} if number % 5 else None
            name = f"Deltagare {created.workshop_id} nr {number}"
            me = timed(lambda: participants.join_workshop(store, created.workshop_id, name=name, new_organisation=organisation))
            for k in range(ideas_each):
                idea = timed(lambda: contributions.add_idea(store, me.token, title=f"Idé {number}.{k}", description="Under last", themes=["last"]))
                with lock:
                    confirmed_ideas.add(idea)
            for k in range(notes_each):
                note = timed(lambda: contributions.add_note(store, me.token, kind="resources", text=f"Kunskap {number}.{k}", subject="place", about_text="Bygdegården"))
                with lock:
                    confirmed_notes.add(note)
            ready.wait(timeout=120)
            with lock:
                pool = sorted(confirmed_ideas)

            def tab(tab_number: int) -> None:
                nonlocal refused
                tab_rng = random.Random(rng.random() + tab_number)
                for _ in range(DOTS_PER_PARTICIPANT):  # together the two tabs try twice the budget
                    try:
                        timed(lambda: voting.set_dots(store, me.token, tab_rng.choice(pool), tab_rng.choice((1, 2))))
                    except VoteBudgetExceeded:
                        with lock:
                            refused += 1

            tabs = [threading.Thread(target=tab, args=(n,)) for n in (1, 2)]
            for t in tabs:
                t.start()
            for t in tabs:
                t.join()
        except Exception as error:  # the report lists anything unexpected; the run goes on
            ready.abort()  # the others would wait for this participant in vain
            with lock:
                errors.append(f"deltagare {number}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=participant, args=(n,), name=f"participant-{n}") for n in range(participants_count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start

    # Check what reached the database.
    board = views.wall(store, created.workshop_id, facilitator=True)
    stored_ideas = {i.id for i in board.ideas}
    with store.unit_of_work() as session:
        stored_notes = set(session.scalars(select(Note.id).where(Note.workshop_id == created.workshop_id)))
        spent = session.execute(
            select(Vote.participant_id, func.sum(Vote.dots)).where(Vote.idea_id.in_(stored_ideas or {-1})).group_by(Vote.participant_id)
        ).all()
    per_participant: dict[int, int] = defaultdict(int)
    for participant_id, dots in spent:
        per_participant[participant_id] += int(dots)
    return LoadReport(
        participants=participants_count,
        submissions=submissions,
        seconds=seconds,
        latencies_ms=latencies,
        unexpected_errors=errors,
        refused_votes=refused,
        lost=len(confirmed_ideas - stored_ideas) + len(confirmed_notes - stored_notes),
        over_budget=sum(1 for dots in per_participant.values() if dots > DOTS_PER_PARTICIPANT),
    )


# --- what holds the writers (``bench --postgres``) ------------------------------------------


@dataclass
class WriteProfile:
    """Where a load run's writes spent their time, from SQLAlchemy's events on its engine.

    ``held_ms``: from the moment the update of the revision counters (the first statement
    that takes the hot workshop row) returns, so the row is locked, to the end of the
    commit, per write; ``held_share``: all
    those spans together over the run's length (near 1: the writers queued on that row,
    one at a time); ``commit_ms``: the commit alone; ``client_cpu_ms``: this process's
    CPU per submission; ``connections``: new database connections during the run.
    """

    per_second: float
    held_ms: float
    held_share: float
    commit_ms: float
    client_cpu_ms: float
    connections: int
    errors: int


def profile_load(store: Store, *, participants_count: int = 30) -> WriteProfile:
    """:func:`run_load` on ``store`` with the timings of :class:`WriteProfile` taken around it."""
    local = threading.local()
    lock = threading.Lock()
    held: list[float] = []
    commits: list[float] = []
    connections = 0

    def after_execute(conn, cursor, statement, *_):  # the statement has returned: the row is locked
        words = statement.lstrip().split(None, 2)
        # The counters' update: "UPDATE workshops SET revision…" or, on PostgreSQL, "WITH bumped AS (UPDATE …".
        counters = (words[:2] == ["UPDATE", "workshops"] and "revision" in statement) or (words[:1] == ["WITH"] and "revision" in statement)
        if counters and getattr(local, "held_from", None) is None:
            local.held_from = time.perf_counter()

    def on_commit(conn):
        local.commit_from = time.perf_counter()

    def after_commit(session):
        now = time.perf_counter()
        with lock:
            if getattr(local, "commit_from", None) is not None:
                commits.append(now - local.commit_from)
            if getattr(local, "held_from", None) is not None:
                held.append(now - local.held_from)
        local.commit_from = local.held_from = None

    def after_rollback(session):
        local.commit_from = local.held_from = None

    def on_connect(*_):
        nonlocal connections
        with lock:
            connections += 1

    hooks = [(store.engine, "after_cursor_execute", after_execute), (store.engine, "commit", on_commit), (store.engine.pool, "connect", on_connect),
             (Session, "after_commit", after_commit), (Session, "after_rollback", after_rollback)]  # fmt: skip
    for target, name, hook in hooks:
        event.listen(target, name, hook)
    try:
        cpu = time.process_time()
        report = run_load(store, participants_count=participants_count)
        cpu = time.process_time() - cpu
    finally:
        for target, name, hook in hooks:
            event.remove(target, name, hook)
    return WriteProfile(
        per_second=report.throughput,
        held_ms=statistics.mean(held) * 1000 if held else 0.0,
        held_share=sum(held) / report.seconds if report.seconds else 0.0,
        commit_ms=statistics.mean(commits) * 1000 if commits else 0.0,
        client_cpu_ms=cpu / report.submissions * 1000 if report.submissions else 0.0,
        connections=connections,
        errors=len(report.unexpected_errors) + report.lost + report.over_budget,
    )


def _bump_as_before(session, walls) -> None:
    """The counters as they were bumped before issue 13: two statements, before the unit of work's own rows."""
    connection = session.connection()
    walls_table, state = Workshop.__table__, ProcessState.__table__
    if walls is not None:
        connection.execute(update(walls_table).where(walls_table.c.id.in_(walls)).values(revision=walls_table.c.revision + 1))
    connection.execute(update(state).where(state.c.id == 1).values(revision=state.c.revision + 1))


def _no_bump(session, walls) -> None:
    session.flush()


# Each variant: (what it is, engine options over the app's, replacement of the counters' bump or None).
WRITER_VARIANTS = {
    "as shipped": ({}, None),
    "counters bumped as before (3 round trips under the row lock)": ({}, _bump_as_before),
    "no counter bump at all (upper bound, not a fix)": ({}, _no_bump),
    "synchronous_commit = off (no wait for the WAL flush)": ({"connect_args": {"options": "-c synchronous_commit=off"}}, None),
    "pool 30 + 30, no pre-ping": ({"pool_size": 30, "max_overflow": 30, "pool_pre_ping": False}, None),
}


def diagnose_writers(url: str, *, participants_count: int = 30, runs: int = 3, variants=None) -> list[dict]:
    """Profile the load on ``url`` in each of :data:`WRITER_VARIANTS` (median of ``runs``), one after the other.

    The replacement bumps are for measuring only: they are swapped in for the run and
    put back. Each run creates a fresh workshop in the database (it is not emptied).
    """
    rows = []
    for name in variants or WRITER_VARIANTS:
        options, bump = WRITER_VARIANTS[name]
        profiles = []
        load_before = os.getloadavg()[0]
        for _ in range(runs):
            engine = create_engine(url, **({"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20} | options))
            upgrade_schema(engine)
            original = revisions.bump
            if bump is not None:
                revisions.bump = bump
            try:
                profiles.append(profile_load(Store(engine), participants_count=participants_count))
            finally:
                revisions.bump = original
                engine.dispose()
        middle = sorted(profiles, key=lambda p: p.per_second)[len(profiles) // 2]
        rows.append({"variant": name, "runs": [p.per_second for p in profiles], **middle.__dict__, "load_before": load_before, "load_after": os.getloadavg()[0]})
    return rows


def postgres_settings(url: str) -> dict[str, str]:
    """The server settings the writers' figures depend on."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {name: connection.execute(text(f"SHOW {name}")).scalar() for name in ("default_transaction_isolation", "synchronous_commit", "fsync", "max_connections", "server_version")}
    finally:
        engine.dispose()
