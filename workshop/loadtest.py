"""A load test through the service layer: many participants submitting at once.

Each participant is a thread that joins, adds ideas and notes, then votes from two
"tabs" at once, trying to place more dots than it has. Afterwards the database is
checked: every confirmed idea and note is there, nobody is over their dot budget, and
no call failed with anything but the business error it should (``VoteBudgetExceeded``).

Run it with ``python -m workshop load --participants 30 [--db URL]``.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from .db import Store
from .errors import VoteBudgetExceeded
from .models import Note, Vote
from .services.access import SYSTEM
from .services import contributions, participants, views, voting, workshops

__all__ = ["LoadReport", "run_load"]

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
