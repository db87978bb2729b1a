"""The demo network process: fictional workshops loaded from readable TOML files.

``data/demo/organisations.toml`` lists the organisations and the people who speak for
them; each ``data/demo/workshop-*.toml`` describes one meeting (the format is explained
at the top of the first one). :func:`load_demo` replays the meetings in date order
through the services, the way a facilitator and the participants would have entered
them, so every validation rule of the app applies to the demo as well.

References between the files are checked before anything is written. Loading is still
many small units of work rather than one transaction: should a service reject a value
half way, the database holds part of the demo and the next load needs ``reset=True``.

Size: over 400 lines because the checks on the demo files and their replay through the services
read one file format and are kept together.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from .companies.demo import load_demo_companies
from .companies.demo_surveys import load_demo_assessments
from .db import PROJECT_ROOT, Store
from .errors import ServiceError
from .leader.demo import load_demo_cards
from .models import Base, Coordinator, Organisation, ProcessState, Workshop
from .services import access, contributions, coordinators, moderation, organisations, participants, voting, workshops
from .services.reference import ensure_reference_data
from .services.revisions import renumbered

__all__ = [
    "DEMO_DIR",
    "DatabaseNotEmpty",
    "DemoDataError",
    "DemoSummary",
    "DemoWorkshop",
    "count_rows",
    "database_is_empty",
    "load_demo",
    "fresh_demo_keys",
]

DEMO_DIR = PROJECT_ROOT / "data" / "demo"
DEMO_COORDINATOR = "Demo-samordnare"

_WORKSHOP_KEYS = {"title", "challenge", "date", "locality", "join_code", "submissions_open", "attendees", "carried"}
_SECTION_KEYS = {
    "idea": {"key", "by", "title", "description", "locality", "themes", "needs"},
    "commitment": {"idea", "by", "role", "contribution"},
    "note": {"by", "kind", "subject", "about", "visibility", "text"},
    "tie": {"by", "between", "kind"},
    "voting_round": {"dots_per_participant", "max_dots_per_idea", "results_revealed", "dots"},
    "progress": {"idea", "stage", "innovation", "budget_sek", "cofinancing_hours", "owner"},
}
_ORGANISATION_KEYS = {"key", "name", "kind", "locality", "org_number", "description", "offers", "people"}
_LEADER_FIELDS = ("innovation", "budget_sek", "cofinancing_hours", "owner")


class DatabaseNotEmpty(Exception):
    """The database already holds workshops; loading the demo would mix it into real data."""

    def __init__(self, workshops: int):
        self.workshops = workshops
        super().__init__(f"the database already holds {workshops} workshop(s); load the demo with reset=True to empty it first")


class DemoDataError(ValueError):
    """The demo files are inconsistent or a service rejected one of their values."""


@dataclass(frozen=True)
class DemoWorkshop:
    id: int
    title: str
    date: dt.date
    locality: str
    join_code: str
    facilitator_key: str  # random at every load; printed, and shown only on the server's own machine
    submissions_open: bool


@dataclass(frozen=True)
class DemoSummary:
    workshops: tuple[DemoWorkshop, ...]
    counts: Mapping[str, int]  # rows per table after loading
    coordinator_name: str = DEMO_COORDINATOR
    coordinator_key: str = ""  # random at every load, like the facilitator keys


def database_is_empty(store: Store) -> bool:
    """True when no workshop has been created yet."""
    with store.unit_of_work() as session:
        return session.scalar(select(Workshop.id).limit(1)) is None


def count_rows(store: Store) -> dict[str, int]:
    """Rows per table of the data model, e.g. ``{"ideas": 16, ...}``."""
    with store.unit_of_work() as session:
        return {table.name: int(session.scalar(select(func.count()).select_from(table)) or 0) for table in Base.metadata.sorted_tables}


def load_demo(store: Store, data_dir: Path = DEMO_DIR, *, reset: bool = False) -> DemoSummary:
    """Load the demo network process from ``data_dir`` through the services.

    Raises :class:`DatabaseNotEmpty` when the database already has workshops, unless
    ``reset`` is given: then every table is emptied first (real data too). Raises
    :class:`DemoDataError` when the files are inconsistent.
    """
    organisation_entries, workshop_files = _read(Path(data_dir))
    _check_references(organisation_entries, workshop_files)
    if reset:
        _empty_all_tables(store)
    else:
        with store.unit_of_work() as session:
            existing = int(session.scalar(select(func.count(Workshop.id))) or 0)
        if existing:
            raise DatabaseNotEmpty(existing)
    ensure_reference_data(store)
    coordinator = coordinators.add_coordinator(store, DEMO_COORDINATOR, is_demo=True)
    loader = _Loader(store, organisation_entries, coordinators.coordinator_sign_in(store, DEMO_COORDINATOR, coordinator.key))
    loaded = tuple(loader.load_workshop(path, data) for path, data in workshop_files)
    # A few ideas with a filled LEADER card.
    try:
        load_demo_cards(store, Path(data_dir), loader.idea_ids, loader.org_ids, loader.coordinator_token)
    except ValueError as error:
        raise DemoDataError(str(error)) from error
    # The digital journey's company register and their answered surveys.
    try:
        load_demo_assessments(store, load_demo_companies(store, loader.coordinator_token))
    except ServiceError as error:
        raise DemoDataError(f"demo companies: {error}") from error
    with store.unit_of_work(write=True) as session:
        # The database was empty: every organisation in it now is the demo's.
        session.execute(update(Organisation).values(is_demo=True))
        session.commit()
    return DemoSummary(loaded, count_rows(store), DEMO_COORDINATOR, coordinator.key)


def fresh_demo_keys(store: Store) -> DemoSummary | None:
    """New random keys for the demo coordinator and every demo workshop (after a restart the
    old ones are known to nobody); ``None`` when no demo data is present."""
    with store.unit_of_work() as session:
        demo_workshops = session.execute(
            select(Workshop.id, Workshop.title, Workshop.date, Workshop.locality, Workshop.join_code, Workshop.submissions_open)
            .where(Workshop.is_demo.is_(True))
            .order_by(Workshop.date, Workshop.id)
        ).all()
        has_coordinator = session.scalar(select(Coordinator.id).where(Coordinator.name == DEMO_COORDINATOR, Coordinator.is_demo.is_(True)))
    if not demo_workshops:
        return None
    if has_coordinator is None:
        key = coordinators.add_coordinator(store, DEMO_COORDINATOR, is_demo=True).key
    else:
        key = coordinators.reset_coordinator_key(store, DEMO_COORDINATOR)
    token = coordinators.coordinator_sign_in(store, DEMO_COORDINATOR, key)
    loaded = tuple(
        DemoWorkshop(w.id, w.title, w.date, w.locality, w.join_code, workshops.issue_facilitator_key(store, token, w.id), w.submissions_open)
        for w in demo_workshops
    )
    access.end_staff_session(store, token)
    return DemoSummary(loaded, count_rows(store), DEMO_COORDINATOR, key)


# ---------------------------------------------------------------------- reading


def _read(data_dir: Path) -> tuple[list[dict[str, Any]], list[tuple[Path, dict[str, Any]]]]:
    organisations_file = data_dir / "organisations.toml"
    paths = sorted(data_dir.glob("workshop-*.toml"))
    if not organisations_file.is_file() or not paths:
        raise DemoDataError(f"{data_dir} needs organisations.toml and at least one workshop-*.toml")
    organisation_data = _load_toml(organisations_file)
    entries = organisation_data.get("organisation", [])
    for entry in entries:
        _only(entry, _ORGANISATION_KEYS, f"{organisations_file.name} [[organisation]] {entry.get('key', '?')}")
    files = [(path, _load_toml(path)) for path in paths]
    for path, data in files:
        _only(data, {"workshop", *_SECTION_KEYS}, path.name)
        _only(_need(data, "workshop", path.name), _WORKSHOP_KEYS, f"{path.name} [workshop]")
        for section, allowed in _SECTION_KEYS.items():
            for entry in data.get(section, []):
                _only(entry, allowed, f"{path.name} [[{section}]]")
    files.sort(key=lambda item: (_need(item[1]["workshop"], "date", item[0].name), item[0].name))
    return entries, files


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path.name}: {error}") from error


def _only(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    # A misspelt key would silently drop data from the demo: refuse it instead.
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise DemoDataError(f"{where}: unknown key(s) {', '.join(unknown)}")


def _need(table: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise DemoDataError(f"{where}: missing {key!r}")
    return table[key]


def _check_references(organisation_entries: list[dict[str, Any]], workshop_files: list[tuple[Path, dict[str, Any]]]) -> None:
    """Check every name and key the workshop files refer to, meeting by meeting."""
    org_of_person: dict[str, str] = {}
    org_keys: set[str] = set()
    for entry in organisation_entries:
        key = _need(entry, "key", "organisations.toml [[organisation]]")
        if key in org_keys:
            raise DemoDataError(f"organisations.toml: organisation key {key!r} appears twice")
        org_keys.add(key)
        for person in _need(entry, "people", f"organisations.toml {key}"):
            if person in org_of_person:
                raise DemoDataError(f"organisations.toml: {person!r} is listed under two organisations")
            org_of_person[person] = key
    attending = set(org_of_person.values())
    in_network = org_keys - attending  # organisations nobody attends for are there from the start
    ideas: set[str] = set()
    for path, data in workshop_files:
        meeting = data["workshop"]
        where = path.name
        for field in ("title", "challenge", "locality"):
            _need(meeting, field, f"{where} [workshop]")
        attendees = list(_need(meeting, "attendees", f"{where} [workshop]"))
        unknown = [name for name in attendees if name not in org_of_person]
        if unknown or len(set(attendees)) != len(attendees):
            raise DemoDataError(f"{where}: attendees unknown in organisations.toml or listed twice: {unknown or attendees}")
        in_network |= {org_of_person[name] for name in attendees}
        scope = _MeetingScope(where, set(attendees), ideas, in_network)
        wall = set()
        for key in meeting.get("carried", []):
            if key not in ideas:
                raise DemoDataError(f"{where}: carried idea {key!r} is not from an earlier meeting")
            wall.add(key)
        for entry in data.get("idea", []):
            scope.person(entry, "idea")
            key = _need(entry, "key", f"{where} [[idea]]")
            if key in ideas:
                raise DemoDataError(f"{where} [[idea]]: idea key {key!r} is used twice")
            ideas.add(key)
            wall.add(key)
        for entry in data.get("commitment", []):
            scope.person(entry, "commitment")
            scope.idea(_need(entry, "idea", f"{where} [[commitment]]"), "commitment")
        for entry in data.get("note", []):
            scope.person(entry, "note")
            subject, about = _need(entry, "subject", f"{where} [[note]]"), _need(entry, "about", f"{where} [[note]]")
            if subject == "organisation":
                scope.organisation(about, "note")
            elif subject == "idea":
                scope.idea(about, "note")
        for entry in data.get("tie", []):
            scope.person(entry, "tie")
            between = _need(entry, "between", f"{where} [[tie]]")
            if len(between) != 2:
                raise DemoDataError(f"{where} [[tie]]: 'between' needs two organisations")
            for key in between:
                scope.organisation(key, "tie")
        for voting_round in data.get("voting_round", []):
            for vote in voting_round.get("dots", []):
                scope.person(vote, "voting_round")
                if vote.get("idea") not in wall:
                    raise DemoDataError(f"{where} [[voting_round]]: idea {vote.get('idea')!r} is not on this meeting's wall")
        for entry in data.get("progress", []):
            scope.idea(_need(entry, "idea", f"{where} [[progress]]"), "progress")
            if "owner" in entry:
                scope.organisation(entry["owner"], "progress")


@dataclass(frozen=True)
class _MeetingScope:
    """What one meeting's entries may refer to: its attendees, known ideas and organisations."""

    where: str
    present: set[str]
    ideas: set[str]
    in_network: set[str]

    def person(self, entry: Mapping[str, Any], section: str) -> None:
        by = _need(entry, "by", f"{self.where} [[{section}]]")
        if by not in self.present:
            raise DemoDataError(f"{self.where} [[{section}]]: {by!r} does not attend this meeting")

    def idea(self, key: str, section: str) -> None:
        if key not in self.ideas:
            raise DemoDataError(f"{self.where} [[{section}]]: unknown idea {key!r}")

    def organisation(self, key: str, section: str) -> None:
        if key not in self.in_network:
            raise DemoDataError(f"{self.where} [[{section}]]: organisation {key!r} is unknown or not in the network yet")


# ---------------------------------------------------------------------- writing


def _empty_all_tables(store: Store) -> None:
    """Delete every row, children before parents, keeping the process revision counter.

    The revision only grows, so caches keyed on it never serve the emptied data.
    """
    with store.unit_of_work(write=True) as session:
        with renumbered(session):
            for table in reversed(Base.metadata.sorted_tables):
                if table.name != ProcessState.__tablename__:
                    session.execute(table.delete())
        session.commit()


class _Loader:
    """Replays the meetings; remembers the ids behind the keys the files use."""

    def __init__(self, store: Store, organisation_entries: list[dict[str, Any]], coordinator_token: str):
        self.store = store
        self.coordinator_token = coordinator_token
        self.entries = {entry["key"]: entry for entry in organisation_entries}
        self.org_of_person = {person: entry["key"] for entry in organisation_entries for person in entry["people"]}
        self.org_ids: dict[str, int] = {}
        self.idea_ids: dict[str, int] = {}
        self.idea_home: dict[str, int] = {}  # the workshop each idea was brought to
        attending = set(self.org_of_person.values())
        for key in self.entries:
            if key not in attending:
                self._register(key, None)

    @contextmanager
    def _at(self, where: str) -> Iterator[None]:
        try:
            yield
        except ServiceError as error:
            raise DemoDataError(f"{where}: rejected by the services: {error}") from error

    def _register(self, key: str, workshop_id: int | None) -> None:
        entry = self.entries[key]
        with self._at(f"organisations.toml {key}"):
            view = organisations.register_organisation(
                self.store,
                name=entry.get("name"),
                kind=entry.get("kind"),
                locality=entry.get("locality"),
                org_number=entry.get("org_number"),
                offers=entry.get("offers"),
                description=entry.get("description", ""),
                workshop_id=workshop_id,
            )
        self.org_ids[key] = view.id

    def load_workshop(self, path: Path, data: dict[str, Any]) -> DemoWorkshop:
        meeting = data["workshop"]
        where = path.name
        with self._at(f"{where} [workshop]"):
            created = workshops.create_workshop(
                self.store,
                self.coordinator_token,
                title=meeting["title"],
                challenge=meeting["challenge"],
                date=meeting.get("date"),
                locality=meeting["locality"],
                join_code=meeting.get("join_code"),
                is_demo=True,
            )
        workshop_id = created.workshop_id
        facilitator = workshops.facilitator_sign_in(self.store, workshop_id, created.facilitator_key)

        tokens: dict[str, str] = {}
        for name in meeting["attendees"]:
            org_key = self.org_of_person[name]
            if org_key not in self.org_ids:
                self._register(org_key, workshop_id)
            with self._at(f"{where} attendee {name}"):
                tokens[name] = participants.join_workshop(self.store, workshop_id, name=name, organisation_id=self.org_ids[org_key]).token

        for key in meeting.get("carried", []):
            workshops.carry_idea_forward(self.store, workshop_id, facilitator, self.idea_ids[key])

        for entry in data.get("idea", []):
            with self._at(f"{where} [[idea]] {entry['key']}"):
                self.idea_ids[entry["key"]] = contributions.add_idea(
                    self.store,
                    tokens[entry["by"]],
                    title=entry.get("title"),
                    description=entry.get("description", ""),
                    locality=entry.get("locality"),
                    themes=entry.get("themes"),
                    needs=entry.get("needs"),
                )
                self.idea_home[entry["key"]] = workshop_id

        for entry in data.get("commitment", []):
            with self._at(f"{where} [[commitment]] {entry['idea']} by {entry['by']}"):
                contributions.commit_to_idea(
                    self.store,
                    tokens[entry["by"]],
                    self.idea_ids[entry["idea"]],
                    role=entry.get("role"),
                    contribution=entry.get("contribution", ""),
                )

        for entry in data.get("note", []):
            subject, about = entry["subject"], entry["about"]
            with self._at(f"{where} [[note]] about {about}"):
                contributions.add_note(
                    self.store,
                    tokens[entry["by"]],
                    kind=entry.get("kind"),
                    text=entry.get("text"),
                    subject=subject,
                    about_organisation_id=self.org_ids[about] if subject == "organisation" else None,
                    about_idea_id=self.idea_ids[about] if subject == "idea" else None,
                    about_text=about if subject not in ("organisation", "idea") else "",
                    visibility=entry.get("visibility", "all"),
                )

        for entry in data.get("tie", []):
            a, b = entry["between"]
            with self._at(f"{where} [[tie]] {a} – {b}"):
                contributions.add_tie(
                    self.store,
                    tokens[entry["by"]],
                    organisation_a_id=self.org_ids[a],
                    organisation_b_id=self.org_ids[b],
                    kind=entry.get("kind"),
                )

        for number, entry in enumerate(data.get("voting_round", []), start=1):
            with self._at(f"{where} [[voting_round]] {number}"):
                voting_round = voting.open_voting_round(
                    self.store,
                    workshop_id,
                    facilitator,
                    dots_per_participant=entry.get("dots_per_participant"),
                    max_dots_per_idea=entry.get("max_dots_per_idea"),
                )
                for vote in entry.get("dots", []):
                    voting.set_dots(self.store, tokens[vote["by"]], self.idea_ids[vote["idea"]], vote.get("dots"))
                voting.close_voting_round(self.store, workshop_id, facilitator, voting_round.id)
                if entry.get("results_revealed", False):
                    voting.reveal_results(self.store, workshop_id, facilitator, voting_round.id)

        for entry in data.get("progress", []):
            self._progress(where, workshop_id, facilitator, entry)

        is_open = bool(meeting.get("submissions_open", True))
        if not is_open:
            workshops.set_submissions_open(self.store, workshop_id, facilitator, False)
        info = workshops.workshop_info(self.store, workshop_id)
        return DemoWorkshop(workshop_id, info.title, info.date, info.locality, info.join_code, created.facilitator_key, is_open)

    def _progress(self, where: str, workshop_id: int, facilitator: str, entry: Mapping[str, Any]) -> None:
        key = entry["idea"]
        idea_id = self.idea_ids[key]
        # A carried idea's record stays with its home meeting (workshop.services.access): what a
        # later meeting decided about it is recorded by the coordinator.
        token = facilitator if self.idea_home.get(key) == workshop_id else self.coordinator_token
        with self._at(f"{where} [[progress]] {key}"):
            if any(field in entry for field in _LEADER_FIELDS):
                # A partial update: a meeting adds to what earlier meetings recorded.
                given = {field: entry[field] for field in ("innovation", "budget_sek", "cofinancing_hours") if field in entry}
                if "owner" in entry:
                    given["owner_organisation_id"] = self.org_ids[entry["owner"]] if entry["owner"] else None
                moderation.update_leader_details(self.store, workshop_id, token, idea_id, **given)
            if "stage" in entry:
                moderation.set_idea_stage(
                    self.store,
                    workshop_id,
                    token,
                    idea_id,
                    entry["stage"],
                )
