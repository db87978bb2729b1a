"""Fill a database with a synthetic network process, for benchmarks of the pages.

The rows are written in bulk, not through the services: this is measurement data
shaped by :func:`benchmarks.synthetic.synthetic_snapshot`, not user input.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert

from workshop.db import Store, create_store
from workshop.models import Commitment, Coordinator, StaffSession, Idea, LeaderArea, Locality, Note, Organisation, Participant, Person, Tie, Vote, VotingRound, Workshop
from workshop.network.snapshot import NetworkSnapshot
from workshop.security import hash_secret, new_token, token_hash
from workshop.services.reference import ensure_reference_data
from workshop.text import name_key
from workshop.vocabulary import NOTE_KINDS

__all__ = ["BenchProcess", "bench_database", "populate"]


@dataclass(frozen=True)
class BenchProcess:
    workshop_id: int  # the newest meeting: where the projector and moderation pages look
    facilitator_token: str
    participant_token: str
    coordinator_token: str


# Words for the text a real process holds: descriptions, contributions, tacit knowledge.
_SENTENCES = (
    "Vi vill samla byn kring något som saknas i dag, och det behövs både lokal och händer.",
    "Tanken är att börja i liten skala under våren och växa när fler hakar på.",
    "Skolan, bygdegården och idrottsföreningen har redan visat intresse för att vara med.",
    "Det som fattas är någon som kan hålla i pengarna och en plats att ses på kvällstid.",
    "Erfarenheter från grannbyn visar att det går, om kommunen är med från början.",
    "Vi räknar med ideella timmar från medlemmarna och ett mindre stöd till material.",
    "Ungdomarna har själva bett om det här, och flera föräldrar vill hjälpa till.",
    "Först behöver vi ta reda på vilka tillstånd som krävs och vem som äger marken.",
)
_NOTES = (
    "Ordföranden känner alla i bygden och svarar alltid i telefon.",
    "Har en släpvagn och verktyg som går att låna mot en slant till kassan.",
    "Lokalen är ledig på vardagskvällar men saknar handikappanpassad toalett.",
    "Sökte LEADER-stöd för tre år sedan; ansökan föll på medfinansieringen.",
    "Kommunens tjänsteperson för landsbygdsfrågor har lovat att komma på nästa träff.",
    "Marken bakom skolan ägs av en stiftelse som brukar säga ja till föreningar.",
)


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.sample(_SENTENCES, sentences))


def bench_database(prefix: str) -> tuple[Path, str, Store]:
    """A new SQLite database in a temporary folder of its own, migrated, with the reference data.

    Returns the folder (for the servers' files), the database's URL and its store.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    store = create_store(url)
    ensure_reference_data(store)
    return workdir, url, store


def populate(store: Store, snapshot: NetworkSnapshot, *, rich: bool = False) -> BenchProcess:
    """Write ``snapshot`` into an empty, migrated database and sign in one facilitator and participant.

    With ``rich``, the rows carry what a real process holds besides the network: every
    idea a description of two to four sentences, a budget and (when someone committed) an
    owner; organisations a description, commitments what they bring; about one note of
    tacit knowledge per idea and one per two organisations; and in every meeting an open
    voting round where the attendees have placed their dots.
    """
    rng = random.Random(0)
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
                    "description": _text(rng, 2) if rich else "",
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
                    "description": _text(rng, rng.randint(2, 4)) if rich else "",
                    "locality": i.locality,
                    "themes": sorted(i.themes),
                    "needs": [{"category": c.category, "label": c.label} for c in sorted(i.needs)],
                    "stage": i.stage,
                    "budget_sek": rng.randrange(20_000, 600_000, 5_000) if rich else None,
                    "owner_organisation_id": first_commit[i.id].organisation_id if rich and i.id in first_commit else None,
                }
                for i in snapshot.ideas
            ],
        )
        # The database keeps one commitment per idea and organisation, one tie per pair and kind.
        commitments = {(c.idea_id, c.organisation_id): c for c in reversed(snapshot.commitments)}
        if commitments:
            session.execute(
                insert(Commitment),
                [
                    {
                        "idea_id": c.idea_id,
                        "organisation_id": c.organisation_id,
                        "role": c.role,
                        "workshop_id": c.workshop_id,
                        "contribution": _text(rng, 1) if rich else "",
                    }
                    for c in commitments.values()
                ],
            )
        ties = {(min(t.organisation_a, t.organisation_b), max(t.organisation_a, t.organisation_b), t.kind): t for t in reversed(snapshot.ties)}
        if ties:
            session.execute(
                insert(Tie),
                [{"organisation_a_id": a, "organisation_b_id": b, "kind": kind, "workshop_id": t.workshop_id} for (a, b, kind), t in ties.items()],
            )
        if rich:
            _rich_rows(session, snapshot, rng, participant_of)
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


def _rich_rows(session, snapshot: NetworkSnapshot, rng: random.Random, participant_of: dict[tuple[int, int], int]) -> None:
    """Notes and an open voting round with dots in every meeting (see :func:`populate`)."""
    attendees: dict[int, list[int]] = {}
    for (_, workshop_id), participant_id in participant_of.items():
        attendees.setdefault(workshop_id, []).append(participant_id)
    notes = []
    for idea in snapshot.ideas:
        authors = attendees.get(idea.workshop_id) or [None]
        for _ in range(rng.choice((0, 1, 1, 2))):
            notes.append({"workshop_id": idea.workshop_id, "author_id": rng.choice(authors), "kind": rng.choice(NOTE_KINDS), "text": rng.choice(_NOTES), "subject": "idea", "about_idea_id": idea.id})
    for organisation in snapshot.organisations[::2]:
        workshop_id = organisation.first_workshop_id or snapshot.workshops[0].id
        notes.append({"workshop_id": workshop_id, "author_id": rng.choice(attendees.get(workshop_id) or [None]), "kind": rng.choice(NOTE_KINDS), "text": rng.choice(_NOTES), "subject": "organisation", "about_organisation_id": organisation.id})
    if notes:
        session.execute(insert(Note), notes)
    ideas_in: dict[int, list[int]] = {}
    for idea in snapshot.ideas:
        ideas_in.setdefault(idea.workshop_id, []).append(idea.id)
    for workshop in snapshot.workshops:
        voting_round = VotingRound(workshop_id=workshop.id, number=1, dots_per_participant=5, max_dots_per_idea=2, is_open=True, results_visible=True)
        session.add(voting_round)
        session.flush()
        ideas = ideas_in.get(workshop.id, [])
        votes = []
        for participant_id in attendees.get(workshop.id, []) if ideas else []:
            left = 5
            for idea_id in rng.sample(ideas, min(len(ideas), 3)):
                dots = min(left, rng.choice((1, 2)))
                if dots:
                    votes.append({"round_id": voting_round.id, "participant_id": participant_id, "idea_id": idea_id, "dots": dots})
                    left -= dots
        if votes:
            session.execute(insert(Vote), votes)
