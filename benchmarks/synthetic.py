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
from dataclasses import dataclass

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
    "PlantedProcess",
    "planted_snapshot",
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


# --- processes with a planted truth, for measuring whether suggestions fit the idea ----------

# Each topic: how organisations describe themselves and what they offer, and how ideas
# about it are written and what they need (the k-th need is what the k-th offer
# meets, for planting who commits). The two sides share meaning, not strings:
# an organisation offers "storkök" where an idea needs "kök", writes "skogsmaskiner"
# where an idea needs "maskiner", "ungdomarna" where an idea says "unga".
_TOPICS = {
    "mat": (
        ("driver ett storkök i bygdegården", "lagar mat av lokala råvaror", "har catering till fester", "säljer grönsaker från gården"),
        (("premises", "storkök"), ("competence", "matlagning"), ("resource", "lokala råvaror"), ("resource", "catering")),
        ("Bygdekök", "Matlag", "Skördefest"),
        ("vi vill laga mat tillsammans i köket", "råvarorna ska komma från gårdarna runt byn", "en fest med mat från bygden"),
        (("premises", "kök i bygdegården"), ("competence", "matlagningskurser"), ("resource", "råvaror från gårdar"), ("resource", "mat till fest")),
    ),
    "unga": (
        ("driver ungdomsgården", "har fritidsledare för ungdomarna", "ordnar läxhjälp och spelkvällar för tonåringar"),
        (("competence", "ungdomsledare"), ("premises", "fritidsgård"), ("competence", "läxhjälp")),
        ("Ungdomscafé", "Mötesplats för unga", "Sommarlovsaktiviteter"),
        ("ett café där unga kan ses efter skolan", "tonåringar saknar en plats att vara på", "aktiviteter för barn och unga på sommarlovet"),
        (("competence", "ledare för unga"), ("premises", "gård för fritid"), ("competence", "hjälp med läxor")),
    ),
    "skog": (
        ("sköter skogsbruk med egna skogsmaskiner", "sågar virke till byggen", "gallrar och planterar skog"),
        (("resource", "skogsmaskiner"), ("resource", "virke"), ("competence", "skogsvård")),
        ("Skogsdag", "Byggkurs med virke", "Skogens dag för familjen"),
        ("visa maskinerna i skogen för familjer", "bygga med virket från trakten", "lära barnen om skogen"),
        (("resource", "maskiner"), ("resource", "sågat virke"), ("competence", "vård av skog")),
    ),
    "fiske": (
        ("förvaltar fiskevattnen i sjöarna", "säljer fiskekort", "har båtar och sköter fiskevård"),
        (("competence", "fiskevård"), ("resource", "fiskevatten"), ("resource", "båtar")),
        ("Fiskecamp", "Fiskepremiär", "Fiske för nybörjare"),
        ("fiska i sjön med barnen", "lära nybörjare att fiska", "en dag vid vattnet med fiskeguider"),
        (("competence", "vård av fisk"), ("resource", "vatten att fiska i"), ("resource", "båt")),
    ),
    "kulturarv": (
        ("vårdar hembygdsgården", "samlar bygdens berättelser och gamla fotografier", "guidar i bruksmiljön"),
        (("competence", "lokalhistoria"), ("resource", "gamla fotografier"), ("competence", "guidning")),
        ("Bygdearkiv", "Bruksvandring", "Berättarkväll"),
        ("berättelserna om bruket ska bevaras", "fotografierna digitaliseras", "en vandring med historia"),
        (("competence", "historia"), ("resource", "fotografier"), ("competence", "guider")),
    ),
    "digital": (
        ("bygger webbplatser för småföretag", "ger it-stöd och support", "har dragit fiber i byn"),
        (("competence", "webbutveckling"), ("competence", "it-stöd"), ("resource", "fiberuppkoppling")),
        ("Digital bygdeguide", "Grannskapskontor", "Digitalt lyft"),
        ("en webb med allt som händer i byn", "kontorsplatser med snabb uppkoppling", "hjälpa företagen att bli digitala"),
        (("competence", "webb"), ("competence", "stöd med it"), ("resource", "uppkoppling")),
    ),
    "friluftsliv": (
        ("röjer vandringsleder", "hyr ut kanoter", "erbjuder naturguidning i reservatet"),
        (("competence", "naturguidning"), ("resource", "kanoter"), ("resource", "vandringsleder")),
        ("Kanotled", "Naturstig", "Vandringshelg"),
        ("paddla kanot längs ån", "en stig genom naturen med skyltar", "vandra i skogen och bergen"),
        (("competence", "guidning i naturen"), ("resource", "kanot"), ("resource", "leder")),
    ),
    "energi": (
        ("installerar solceller och laddstolpar", "utför elinstallationer", "rådger om energi"),
        (("competence", "elinstallation"), ("resource", "laddstolpar"), ("competence", "energirådgivning")),
        ("Laddplatser", "Solceller på bygdegården", "Energismart by"),
        ("ladda elbilen vid bygdegården", "solcellerna ska ge el till huset", "spara energi i byns hus"),
        (("competence", "installation"), ("resource", "stolpar för laddning"), ("competence", "rådgivning om energi")),
    ),
    "turism": (
        ("har övernattning i gästrum", "driver bed and breakfast", "tar emot gäster och turister"),
        (("premises", "övernattning"), ("premises", "gästrum"), ("competence", "besöksnäring")),
        ("Weekendpaket", "Boende för besökare", "Turistinformation"),
        ("gästerna ska kunna sova över i byn", "paket för turister en helg", "besökare hittar hit"),
        (("premises", "nattlogi"), ("premises", "rum för gäster"), ("competence", "näring för besök")),
    ),
    "resor": (
        ("kör minibuss för föreningar", "ordnar samåkning och bilpool", "har fordon för skjuts"),
        (("resource", "minibuss"), ("competence", "samåkning"), ("resource", "fordon")),
        ("Samåkning", "Bilpool", "Skjuts till stan"),
        ("åka tillsammans till jobbet i stan", "dela bilar i byn", "skjuts för äldre till affären"),
        (("resource", "buss"), ("competence", "åka tillsammans"), ("resource", "bilar")),
    ),
}
# What every kind of organisation says and offers: no topic, so no reason for any idea.
_GENERIC_PHRASES = ("arbetar för hela bygdens utveckling", "samarbetar med många i kommunen", "finns med i flera nätverk")
_GENERIC_OFFERS = (("competence", "projektledning"), ("money", "medfinansiering"), ("competence", "ansökningsskrivande"))
_GENERIC_NEEDS = (("competence", "projektledare"), ("money", "medfinansiering"))
# Where an organisation is (a farm, a hill, a hut): an idea planted for it names the place.
_PLACE_FIRST = ("Kvarn", "Smed", "Sjö", "Hytt", "Såg", "Mejeri", "Bruks", "Gruv", "Äng", "Berg", "Ek", "Björk", "Tall", "Lind", "Ås", "Näs", "Holm", "Vik", "Myr", "Lo")
_PLACE_LAST = ("backen", "gården", "stugan", "torpet", "viken", "lunden", "hagen")


@dataclass(frozen=True)
class PlantedProcess:
    """A synthetic process and its planted truth: each organisation's topics (none for
    the hubs), each idea's topic, and which organisations are hubs."""

    snapshot: NetworkSnapshot
    organisation_topics: dict[int, frozenset[str]]
    idea_topic: dict[int, str]
    hubs: frozenset[int]


def planted_snapshot(n_organisations: int, *, ideas_per_org: float = 1.5, hub_share: float = 0.05, seed: int = 0) -> PlantedProcess:
    """Return a process whose committed organisations are planted to fit their ideas.

    Parameters
    ----------
    n_organisations : int
    ideas_per_org : float, optional
    hub_share : float, optional
        Share of hubs: public bodies and networks with a generic profile (no topic),
        generic offers, and ties to a third of everyone.
    seed : int, optional

    Returns
    -------
    PlantedProcess
        Organisations belong to one topic (a fifth to two) of ten; their
        descriptions and offers are written from the topic's organisation side.
        Every organisation has a home (a farm, a hill) named in its description.
        Each idea has one topic and two to four planted partners of that topic
        (six times likelier from its locality), who commit; it is written from the
        idea side (other inflections and compounds), names its partners' homes,
        and needs one to three of the things they offer (a third also a generic
        need, a tenth none); noise: a tenth of the ideas also get a
        committed organisation of another topic, and a tenth a hub. Ties: two per
        organisation, half within the topic, plus the hubs' ties.

    Examples
    --------
    >>> process = planted_snapshot(60, seed=1)
    >>> len(process.snapshot.organisations), len(process.snapshot.ideas), len(process.hubs)
    (60, 90, 3)
    >>> planted_snapshot(60, seed=1) == process
    True

    Notes
    -----
    Linear in the number of organisations and ideas.
    """
    rng = random.Random(seed)
    topics = sorted(_TOPICS)
    workshops = tuple(
        WorkshopRecord(index + 1, f"Bygdeträff {place}", dt.date(2026, 1, 15) + dt.timedelta(days=21 * index), place, index + 1)
        for index, place in enumerate(LOCALITIES)
    )
    n_hubs = max(1, round(n_organisations * hub_share))
    used: set[str] = set()
    organisations, organisation_topics = [], {}
    offered: dict[tuple[int, str], frozenset[int]] = {}  # which of a topic's offers each organisation has
    home: dict[int, str] = {}
    for organisation_id in range(1, n_organisations + 1):
        hub = organisation_id <= n_hubs
        place = rng.choices(LOCALITIES, _LOCALITY_WEIGHTS)[0]
        if hub:
            kind = rng.choice(("public_body", "education", "other_organisation"))
            own: frozenset[str] = frozenset()
            phrases = list(_GENERIC_PHRASES)
            offers = set(_GENERIC_OFFERS)
        else:
            kind = rng.choices(tuple(_KIND_WEIGHTS), tuple(_KIND_WEIGHTS.values()))[0]
            own = frozenset(rng.sample(topics, 2 if rng.random() < 0.2 else 1))
            phrases, offers = [], set()
            for topic in sorted(own):
                org_phrases, org_offers = _TOPICS[topic][0], _TOPICS[topic][1]
                phrases += rng.sample(org_phrases, 2)
                picked = rng.sample(range(len(org_offers)), 1 if kind == "private_person" else rng.randint(1, 3))
                offered[organisation_id, topic] = frozenset(picked)
                offers |= {org_offers[k] for k in picked}
            phrases.append(rng.choice(_GENERIC_PHRASES))
            if rng.random() < 0.2 and kind != "private_person":
                offers.add(rng.choice(_GENERIC_OFFERS))
        home[organisation_id] = rng.choice(_PLACE_FIRST) + rng.choice(_PLACE_LAST)
        phrases.append(f"finns på {home[organisation_id]}")
        organisations.append(
            OrganisationRecord(
                id=organisation_id,
                name=_unique(_name(rng, kind, place), used),
                kind=kind,
                sector=sector_of(kind),
                locality=place,
                leader_area=LEADER_AREA_BY_LOCALITY[place],
                offers=frozenset(Capability(c, label) for c, label in offers),
                first_workshop_id=1,
                description=(", ".join(phrases) + ".").capitalize(),
            )
        )
        organisation_topics[organisation_id] = own
    by_topic = {topic: [o for o in organisations if topic in organisation_topics[o.id]] for topic in topics}
    hubs = [o for o in organisations if o.id <= n_hubs]

    ideas, commitments, idea_topic = [], [], {}
    for idea_id in range(1, round(n_organisations * ideas_per_org) + 1):
        topic = rng.choice(topics)
        workshop = rng.choice(workshops)
        place = workshop.locality
        _, _, titles, idea_phrases, idea_needs = _TOPICS[topic]
        # The planted truth: organisations of the topic, mostly from the idea's locality,
        # whose offers the idea needs and whose places it names.
        members = by_topic[topic]
        weights = [6 if o.locality == place else 1 for o in members]
        committed: list[OrganisationRecord] = []
        for _ in range(rng.choice((2, 2, 3, 3, 4))):
            if not members:
                break
            pick = rng.choices(members, weights)[0]
            if pick not in committed:
                committed.append(pick)
        offers_of_partners = sorted(set().union(*(offered.get((o.id, topic), frozenset()) for o in committed)))
        roll = rng.random()
        wanted = set() if roll < 0.1 or not offers_of_partners else set(rng.sample(offers_of_partners, min(len(offers_of_partners), rng.randint(1, 3))))
        needs = {idea_needs[k] for k in wanted if k < len(idea_needs)}
        if roll >= 0.1 and rng.random() < 0.33:
            needs.add(rng.choice(_GENERIC_NEEDS))
        named = " och ".join(home[o.id] for o in committed)
        if rng.random() < 0.1:
            committed.append(rng.choice([o for o in organisations if topic not in organisation_topics[o.id] and o.id > n_hubs]))
        if rng.random() < 0.1:
            committed.append(rng.choice(hubs))
        for position, organisation in enumerate(dict.fromkeys(committed)):
            commitments.append(CommitmentRecord(idea_id, organisation.id, _role(rng, position, organisation), workshop.id))
        ideas.append(
            IdeaRecord(
                id=idea_id,
                title=f"{rng.choice(titles)} i {place}",
                workshop_id=workshop.id,
                locality=place,
                leader_area=LEADER_AREA_BY_LOCALITY[place],
                themes=frozenset({topic}),
                needs=frozenset(Capability(c, label) for c, label in needs),
                description=(". ".join(rng.sample(idea_phrases, 2)) + ".").capitalize() + (f" Vi vill göra det på {named}." if named else ""),
            )
        )
        idea_topic[idea_id] = topic

    ties = []
    for organisation in organisations:
        for _ in range(2):
            own = sorted(organisation_topics[organisation.id])
            pool = by_topic[rng.choice(own)] if own and rng.random() < 0.5 else organisations
            other = rng.choice(pool)
            if other.id != organisation.id:
                a, b = sorted((organisation.id, other.id))
                ties.append(TieRecord(a, b, rng.choice(("cooperated", "know", "know", "want")), 1))
    for hub in hubs:
        for other in rng.sample(organisations, len(organisations) // 3):
            if other.id != hub.id:
                a, b = sorted((hub.id, other.id))
                ties.append(TieRecord(a, b, "cooperated", 1))
    snapshot = NetworkSnapshot(
        workshops=workshops,
        organisations=tuple(organisations),
        ideas=tuple(ideas),
        commitments=tuple(commitments),
        ties=tuple(ties),
        leader_caps=dict(LEADER_CAPS),
    )
    return PlantedProcess(snapshot, organisation_topics, idea_topic, frozenset(o.id for o in hubs))
