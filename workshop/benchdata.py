"""Fill a database with a synthetic network process, for benchmarks of the pages.

The rows are written in bulk, not through the services: this is measurement data
shaped by :func:`workshop.network.synthetic.synthetic_snapshot`, not user input.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert

from .db import Store
from .models import Commitment, Coordinator, StaffSession, Idea, LeaderArea, Locality, Organisation, Participant, Person, Tie, Workshop
from .network.snapshot import NetworkSnapshot
from .security import hash_secret, new_token, token_hash
from .validation import name_key

__all__ = ["BenchProcess", "populate"]


@dataclass(frozen=True)
class BenchProcess:
    workshop_id: int  # the newest meeting: where the projector and moderation pages look
    facilitator_token: str
    participant_token: str
    coordinator_token: str


def populate(store: Store, snapshot: NetworkSnapshot) -> BenchProcess:
    """Write ``snapshot`` into an empty, migrated database and sign in one facilitator and participant."""
    codes = iter(f"B{n:05d}" for n in range(1, 100_000))
    key_hash = hash_secret("BENCH-KEY")  # one hash for every synthetic workshop
    facilitator, participant, coordinator = new_token(), new_token(), new_token()
    with store.unit_of_work(write=True) as session:
        areas = {o.locality: o.leader_area for o in snapshot.organisations if o.locality}
        areas |= {i.locality: i.leader_area for i in snapshot.ideas if i.locality}
        known = {name for (name,) in session.execute(Locality.__table__.select().with_only_columns(Locality.name))}
        rows = [{"name": n, "leader_area": a, "is_development_point": False} for n, a in areas.items() if n not in known]
        if rows:
            session.execute(insert(Locality), rows)
        if not session.execute(LeaderArea.__table__.select()).first():
            session.execute(insert(LeaderArea), [{"name": a, "budget_cap_sek": snapshot.leader_caps.get(a)} for a in set(areas.values()) if a])

        session.execute(
            insert(Workshop),
            [
                {"id": w.id, "title": w.title, "challenge": "Syntetisk träff", "date": w.date, "locality": w.locality, "join_code": next(codes), "facilitator_key_hash": key_hash}
                for w in snapshot.workshops
            ],
        )
        session.execute(
            insert(Organisation),
            [
                {
                    "id": o.id,
                    "name": o.name,
                    "name_key": name_key(o.name),
                    "kind": o.kind,
                    "locality": o.locality,
                    "offers": [{"category": c.category, "label": c.label} for c in sorted(o.offers)],
                    "first_workshop_id": o.first_workshop_id,
                }
                for o in snapshot.organisations
            ],
        )
        session.execute(insert(Person), [{"id": o.id, "name": f"Kontakt {o.id}", "name_key": f"kontakt{o.id}", "organisation_id": o.id} for o in snapshot.organisations])
        attendance_rows = [
            {"id": n, "workshop_id": a.workshop_id, "person_id": a.organisation_id, "token_hash": token_hash(f"bench-{n}")}
            for n, a in enumerate(snapshot.attendances, start=1)
        ]
        session.execute(insert(Participant), attendance_rows)
        participant_of = {(r["person_id"], r["workshop_id"]): r["id"] for r in attendance_rows}
        first_commit = {c.idea_id: c for c in reversed(snapshot.commitments)}
        session.execute(
            insert(Idea),
            [
                {
                    "id": i.id,
                    "workshop_id": i.workshop_id,
                    "author_id": participant_of.get((first_commit[i.id].organisation_id, i.workshop_id)) if i.id in first_commit else None,
                    "title": i.title,
                    "description": "",
                    "locality": i.locality,
                    "themes": sorted(i.themes),
                    "needs": [{"category": c.category, "label": c.label} for c in sorted(i.needs)],
                    "stage": i.stage,
                }
                for i in snapshot.ideas
            ],
        )
        # The database keeps one commitment per idea and organisation, one tie per pair and kind.
        commitments = {(c.idea_id, c.organisation_id): c for c in reversed(snapshot.commitments)}
        if commitments:
            session.execute(
                insert(Commitment),
                [{"idea_id": c.idea_id, "organisation_id": c.organisation_id, "role": c.role, "workshop_id": c.workshop_id} for c in commitments.values()],
            )
        ties = {(min(t.organisation_a, t.organisation_b), max(t.organisation_a, t.organisation_b), t.kind): t for t in reversed(snapshot.ties)}
        if ties:
            session.execute(
                insert(Tie),
                [{"organisation_a_id": a, "organisation_b_id": b, "kind": kind, "workshop_id": t.workshop_id} for (a, b, kind), t in ties.items()],
            )
        newest = max(snapshot.workshops, key=lambda w: (w.date, w.id)).id
        session.add(StaffSession(role="facilitator", workshop_id=newest, token_hash=token_hash(facilitator)))
        bench_coordinator = Coordinator(name="Benchmark", name_key="benchmark", secret_hash=key_hash)
        session.add(bench_coordinator)
        session.flush()
        session.add(StaffSession(role="coordinator", coordinator_id=bench_coordinator.id, token_hash=token_hash(coordinator)))
        session.add(Participant(workshop_id=newest, person_id=snapshot.organisations[0].id, token_hash=token_hash(participant)))
        session.commit()
    if store.dialect == "postgresql":  # explicit ids leave the sequences behind
        with store.engine.begin() as connection:
            for table in ("workshops", "organisations", "people", "participants", "ideas"):
                connection.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    return BenchProcess(newest, facilitator, participant, coordinator)
