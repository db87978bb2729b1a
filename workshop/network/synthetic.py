"""Realistic, reproducible synthetic networks for benchmarks and property tests.

The numbers follow what a workshop process in Lindesberg municipality looks like: a
series of meetings rotating over the five development points and the town, mostly
associations and small companies, a few public bodies and schools, and private
persons; about three ideas per organisation, most of them carried by one to four
organisations, and a couple of ties entered per organisation.
"""

from __future__ import annotations

import datetime as dt
import random

from workshop.network.snapshot import (
    AttendanceRecord,
    Capability,
    CommitmentRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    TieRecord,
    WorkshopRecord,
)
from workshop.vocabulary import sector_of

__all__ = [
    "LOCALITIES",
    "LEADER_AREA_BY_LOCALITY",
    "LEADER_CAPS",
    "CAPABILITIES",
    "THEMES",
    "synthetic_snapshot",
]

LOCALITIES = ("Lindesberg", "Fellingsbro", "Ullersäter", "Vedevåg", "Ramsberg", "Guldsmedshyttan")
LEADER_AREA_BY_LOCALITY = {place: ("Leader Mälardalen" if place == "Fellingsbro" else "Leader Bergslagen") for place in LOCALITIES}
LEADER_CAPS = {"Leader Mälardalen": 1_300_000}
# The town holds about a third of the organisations; the five villages share the rest.
_LOCALITY_WEIGHTS = (0.30, 0.14, 0.14, 0.14, 0.14, 0.14)

_KIND_WEIGHTS = {
    "association": 0.38,
    "company": 0.27,
    "public_body": 0.05,
    "education": 0.05,
    "other_organisation": 0.08,
    "private_person": 0.17,
}

CAPABILITIES = tuple(
    Capability(category, label)
    for category, labels in (
        (
            "competence",
            (
                "projektledning",
                "ekonomi och redovisning",
                "marknadsföring",
                "webb och sociala medier",
                "juridik",
                "bygg och hantverk",
                "naturguidning",
                "matlagning",
                "pedagogik",
                "evenemang",
                "översättning",
                "it-stöd",
                "ansökningsskrivande",
                "fotografering",
            ),
        ),
        ("resource", ("frivilliga", "fordon", "scen och ljud", "kontaktnät", "skog och mark", "båtar", "verktyg")),
        ("premises", ("samlingslokal", "storkök", "kontorsplatser", "skollokal", "idrottsplats", "verkstad", "övernattning")),
        ("money", ("medfinansiering", "sponsring", "ideell tid")),
    )
    for label in labels
)

THEMES = (
    "turism",
    "kultur",
    "natur och friluftsliv",
    "mat",
    "barn och unga",
    "äldre",
    "digitalisering",
    "energi",
    "integration",
    "kulturarv",
    "service",
    "företagande",
)

_ASSOCIATION_NAMES = (
    "bygdeförening",
    "hembygdsförening",
    "IF",
    "byalag",
    "skytteförening",
    "fiskevårdsförening",
    "scoutkår",
    "kulturförening",
    "ryttarförening",
    "PRO-förening",
)
_COMPANY_NAMES = ("Snickeri", "Gårdsbutik", "Bygg AB", "Café", "Måleri", "Turism AB", "El AB", "Skog AB", "Lanthandel", "Camping")
_SURNAMES = ("Andersson", "Berg", "Eriksson", "Hedlund", "Jansson", "Karlsson", "Lind", "Nilsson", "Olsson", "Persson", "Sjöberg")
_FIRST_NAMES = ("Anna", "Björn", "Elin", "Erik", "Ingrid", "Johan", "Karin", "Lars", "Maja", "Nils", "Sara", "Åsa")
# Templates filled with the locality, so that several public bodies and schools can exist.
_PUBLIC_NAMES = (
    "Lindesbergs kommun, näringslivsenheten",
    "Lindesbergs kommun, kultur och fritid",
    "Region Örebro län",
    "Länsstyrelsen i Örebro län",
    "Bergslagens räddningstjänst, station {place}",
    "Biblioteket i {place}",
    "{place}s skola",
)
_EDUCATION_NAMES = ("Studieförbundet Vuxenskolan {place}", "ABF {place}", "Studiefrämjandet {place}", "Bergslagens folkhögskola")
_OTHER_NAMES = ("församling", "fiberförening", "vägsamfällighet", "viltvårdsområde", "bygdegårdsförening")
_IDEA_NOUNS = (
    "Bygdekök",
    "Cykelled",
    "Mötesplats",
    "Grannskapskontor",
    "Laddstation",
    "Naturstig",
    "Hantverksmarknad",
    "Kulturnatt",
    "Fiskecamp",
    "Matfestival",
    "Digital bygdeguide",
    "Delningsförråd",
    "Ungdomsgård",
    "Bastuflotte",
    "Skidspår",
    "Lokalhistorisk app",
)


def synthetic_snapshot(n_organisations: int, *, ideas_per_org: float = 3.3, seed: int = 0) -> NetworkSnapshot:
    """Return a plausible workshop process with ``n_organisations`` organisations.

    Parameters
    ----------
    n_organisations : int
        Number of organisations, private persons included.
    ideas_per_org : float, optional
        Ideas per organisation; ``round(n_organisations * ideas_per_org)`` ideas.
    seed : int, optional
        The same seed always gives the same snapshot.

    Returns
    -------
    NetworkSnapshot
        ``max(6, n_organisations // 20)`` meetings rotating over :data:`LOCALITIES`
        (the first in the pilot village Ramsberg); organisations of every kind, each
        offering 1–5 capabilities (private persons 0–2) from :data:`CAPABILITIES`;
        ideas needing 1–4 capabilities, with 0–4 commitments (most 1–3) mainly from
        the idea's own locality; about two ties and one or two meeting attendances
        per organisation. Everything given at a meeting refers only to organisations
        and ideas that had appeared by then, so :func:`filter_snapshot` with
        ``up_to_meeting`` gives consistent histories.

    Examples
    --------
    >>> snapshot = synthetic_snapshot(50, seed=1)
    >>> len(snapshot.organisations), len(snapshot.ideas), len(snapshot.workshops)
    (50, 165, 6)
    >>> synthetic_snapshot(50, seed=1) == snapshot
    True

    Notes
    -----
    Linear in the number of organisations and ideas.
    """
    rng = random.Random(seed)
    n_workshops = max(6, n_organisations // 20)
    rotation = ("Ramsberg", "Lindesberg", "Fellingsbro", "Ullersäter", "Vedevåg", "Guldsmedshyttan")
    workshops = tuple(
        WorkshopRecord(
            id=index + 1,
            title=f"Bygdeträff {rotation[index % len(rotation)]}",
            date=dt.date(2026, 1, 15) + dt.timedelta(days=21 * index),
            locality=rotation[index % len(rotation)],
            sequence=index + 1,
        )
        for index in range(n_workshops)
    )
    workshops_in = {place: [w for w in workshops if w.locality == place] for place in LOCALITIES}

    organisations = _organisations(rng, n_organisations, workshops, workshops_in)
    first_sequence = {o.id: (o.first_workshop_id or 0) for o in organisations}  # workshop id == sequence

    attendances = []
    for organisation in organisations:
        attended = set()
        if organisation.first_workshop_id is not None:
            attended.add(organisation.first_workshop_id)
        later = [w.id for w in workshops if w.id > first_sequence[organisation.id]]
        own = [w for w in later if workshops[w - 1].locality == organisation.locality]
        for _ in range(rng.choices((0, 1, 2), (0.55, 0.35, 0.10))[0]):
            pool = own if own and rng.random() < 0.7 else later
            if pool:
                attended.add(rng.choice(pool))
        attendances.extend(AttendanceRecord(organisation.id, workshop_id) for workshop_id in sorted(attended))

    ideas, commitments = _ideas(rng, round(n_organisations * ideas_per_org), organisations, workshops, first_sequence)

    ties = []
    by_locality: dict[str | None, list[OrganisationRecord]] = {}
    for organisation in organisations:
        by_locality.setdefault(organisation.locality, []).append(organisation)
    if n_organisations >= 2:
        for _ in range(2 * n_organisations):
            a = rng.choice(organisations)
            neighbours = by_locality[a.locality] if rng.random() < 0.6 and len(by_locality[a.locality]) > 1 else organisations
            b = rng.choice(neighbours)
            if b.id == a.id:
                continue
            kind = rng.choices(("cooperated", "know", "want"), (0.3, 0.5, 0.2))[0]
            # Entered at the first meeting where both had appeared.
            when = max(first_sequence[a.id], first_sequence[b.id], 1)
            ties.append(TieRecord(a.id, b.id, kind, when))

    return NetworkSnapshot(
        workshops=workshops,
        organisations=organisations,
        ideas=ideas,
        commitments=commitments,
        ties=tuple(ties),
        attendances=tuple(attendances),
        leader_caps=dict(LEADER_CAPS),
    )


def _organisations(rng: random.Random, n: int, workshops, workshops_in) -> tuple[OrganisationRecord, ...]:
    used_names: set[str] = set()
    organisations = []
    for organisation_id in range(1, n + 1):
        kind = rng.choices(tuple(_KIND_WEIGHTS), tuple(_KIND_WEIGHTS.values()))[0]
        place = rng.choices(LOCALITIES, _LOCALITY_WEIGHTS)[0]
        name = _unique(_name(rng, kind, place), used_names)
        if kind == "private_person":
            offers = frozenset(rng.sample([c for c in CAPABILITIES if c.category != "premises"], rng.randint(0, 2)))
        else:
            offers = frozenset(rng.sample(CAPABILITIES, rng.randint(1, 5)))
        if rng.random() < 0.05:
            first = None  # registered by a facilitator outside the meetings
        elif rng.random() < 0.7 and workshops_in[place]:
            first = rng.choice(workshops_in[place]).id
        else:
            first = rng.choice(workshops).id
        organisations.append(
            OrganisationRecord(
                id=organisation_id,
                name=name,
                kind=kind,
                sector=sector_of(kind),
                locality=place,
                leader_area=LEADER_AREA_BY_LOCALITY[place],
                offers=offers,
                first_workshop_id=first,
            )
        )
    return tuple(organisations)


def _name(rng: random.Random, kind: str, place: str) -> str:
    genitive = place if place.endswith("s") else place + "s"
    if kind == "association":
        return f"{genitive} {rng.choice(_ASSOCIATION_NAMES)}"
    if kind == "company":
        return f"{rng.choice(_SURNAMES)}s {rng.choice(_COMPANY_NAMES)}"
    if kind == "public_body":
        return rng.choice(_PUBLIC_NAMES).format(place=place).replace("ss skola", "s skola")
    if kind == "education":
        return rng.choice(_EDUCATION_NAMES).format(place=place)
    if kind == "other_organisation":
        return f"{genitive} {rng.choice(_OTHER_NAMES)}"
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES)}"


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name} {number}", number + 1
    used.add(candidate)
    return candidate


def _ideas(rng: random.Random, n_ideas: int, organisations, workshops, first_sequence):
    # Who had appeared by each meeting: only they can commit to an idea brought there.
    present_by = {w.sequence: [o for o in organisations if first_sequence[o.id] <= w.sequence] for w in workshops}
    offerers: dict[Capability, list[OrganisationRecord]] = {}
    for organisation in organisations:
        for capability in organisation.offers:
            offerers.setdefault(capability, []).append(organisation)

    ideas, commitments = [], []
    for idea_id in range(1, n_ideas + 1):
        workshop = rng.choice(workshops)
        roll = rng.random()
        place = workshop.locality if roll < 0.8 else (rng.choice(LOCALITIES) if roll < 0.92 else None)
        needs = frozenset(rng.sample(CAPABILITIES, rng.randint(1, 4)))
        present = present_by[workshop.sequence]
        local = [o for o in present if o.locality == place]
        n_committed = rng.choices((0, 1, 2, 3, 4), (0.10, 0.20, 0.35, 0.25, 0.10))[0]
        committed: list[OrganisationRecord] = []
        for _ in range(n_committed * 3):  # a few retries when a pick is already in
            if len(committed) >= n_committed or not present:
                break
            roll = rng.random()
            if roll < 0.25:
                wanted = rng.choice(sorted(needs))
                candidates = [o for o in offerers.get(wanted, ()) if first_sequence[o.id] <= workshop.sequence]
            elif roll < 0.75:
                candidates = local
            else:
                candidates = present
            if candidates:
                pick = rng.choice(candidates)
                if pick not in committed:
                    committed.append(pick)
        for position, organisation in enumerate(committed):
            commitments.append(CommitmentRecord(idea_id, organisation.id, _role(rng, position, organisation), workshop.id))
        eligible_owners = [o for o in committed if o.kind != "private_person"]
        owner = rng.choice(eligible_owners).id if eligible_owners and rng.random() < 0.3 else None
        roll = rng.random()
        innovation = (
            "Ett nytt sätt att samla föreningar, företag och boende kring en gemensam resurs i bygden."
            if roll < 0.5
            else ("Ny idé." if roll < 0.7 else "")
        )
        ideas.append(
            IdeaRecord(
                id=idea_id,
                title=f"{rng.choice(_IDEA_NOUNS)} i {place or 'kommunen'}",
                workshop_id=workshop.id,
                locality=place,
                leader_area=LEADER_AREA_BY_LOCALITY.get(place) if place else None,
                themes=frozenset(rng.sample(THEMES, rng.randint(1, 3))),
                needs=needs,
                stage=rng.choices(("idea", "refined", "parked"), (0.65, 0.25, 0.10))[0],
                innovation=innovation,
                budget_sek=None if rng.random() < 0.5 else rng.randint(8, 200) * 10_000,
                cofinancing_hours=None if rng.random() < 0.5 else rng.randint(0, 800),
                owner_organisation_id=owner,
            )
        )
    return tuple(ideas), tuple(commitments)


def _role(rng: random.Random, position: int, organisation: OrganisationRecord) -> str:
    if organisation.kind == "private_person":
        return "initiator" if position == 0 and rng.random() < 0.5 else "contributor"
    if position == 0:
        return rng.choices(("initiator", "possible_owner", "partner"), (0.6, 0.25, 0.15))[0]
    return rng.choices(("partner", "contributor", "possible_owner"), (0.6, 0.3, 0.1))[0]
