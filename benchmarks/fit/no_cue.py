"""The hand-written planted process without cues (``no_cue_process.toml``) as a snapshot.

The file is the truth; this module turns it into what the app sees: organisations
(with offers, localities and Leader areas from ``data/localities.csv``), ideas with
their needs, the proposer's commitment (initiator) and the ties. The planted partners
stay out of the snapshot and come back as ``PlantedTruth.partners``.

:func:`leaks` lists every word by which an idea would give its partner away; the test
``tests/benchmarks/test_no_cue_process.py`` asserts it is empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workshop.network.snapshot import (
    Capability,
    CommitmentRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    TieRecord,
    WorkshopRecord,
)
from workshop.vocabulary import NEED_CATEGORIES, sector_of

__all__ = ["DATA", "HELDOUT", "HELDOUT2", "HELDOUT3", "HELDOUT4", "HELDOUT5", "STOP_WORDS", "PlantedTruth", "load", "idea_words", "leaks", "shared_words"]

HERE = Path(__file__).resolve().parent
DATA = HERE / "no_cue_process.toml"
# The held-out set: written without sight of the relevance model's vocabulary, never tuned on.
HELDOUT = HERE / "heldout_process.toml"
# The second held-out set (round 3): written before that round tuned anything, never tuned on.
HELDOUT2 = HERE / "heldout2_process.toml"
# The third held-out set (round 4): written and committed before that round changed anything.
HELDOUT3 = HERE / "heldout3_process.toml"
# The fourth (round 5): written before its author read the thesaurus or any other set's ideas.
HELDOUT4 = HERE / "heldout4_process.toml"
# The fifth (round 6): needs written as situations, committed before round 6 changed anything.
HELDOUT5 = HERE / "heldout5_process.toml"
_LOCALITIES = HERE.parents[1] / "data" / "localities.csv"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Name words that say nothing about who it is ("AB", "i", "och").
_NAME_FILLER = frozenset({"ab", "i", "och", "för", "av", "på", "ek"})
# Words that carry no meaning of their own in an offer ("bygdepeng *från* vindkraften").
_FUNCTION_WORDS = frozenset({"från", "till", "med", "utan", "över", "under", "inom", "efter"})
# Words of four letters or more that say nothing of a need or an offer; :func:`shared_words`
# lets an idea share these with its partner.
STOP_WORDS = _FUNCTION_WORDS | frozenset(
    {
        "alla", "allt", "andra", "annars", "bara", "behöver", "bland", "blir", "både", "deras", "dessa",
        "detta", "denna", "eller", "finns", "gärna", "hela", "igen", "innan", "inte", "kanske", "komma",
        "kommer", "kunna", "medan", "mellan", "mycket", "många", "någon", "något", "några", "också",
        "redan", "samma", "sedan", "sina", "sitt", "skulle", "själv", "själva", "varje", "vara", "varit", "vill", "före",
        "även", "ända",
    }
)


@dataclass(frozen=True)
class PlantedTruth:
    """The snapshot the app sees and what it must find: ``partners`` per idea id."""

    snapshot: NetworkSnapshot
    partners: dict[int, frozenset[int]]
    keys: dict[str, int]  # organisation key -> id
    roles: dict[int, str]  # organisation id -> hub, partner, lookalike, namesake, proposer


def _capability(text: str) -> Capability:
    category, _, label = text.partition(":")
    category, label = category.strip(), " ".join(label.lower().split())
    if category not in NEED_CATEGORIES or not label:
        raise ValueError(f"not 'category: label' with a known category: {text!r}")
    return Capability(category, label)


def _leader_areas() -> dict[str, str | None]:
    with _LOCALITIES.open(encoding="utf-8") as handle:
        return {row["locality"]: (row["leader_area"] or None) for row in csv.DictReader(handle)}


def read(path: Path = DATA) -> dict:
    """The raw file."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def load(path: Path = DATA) -> PlantedTruth:
    """The process in ``path`` as a snapshot with its hidden planted partners.

    Examples
    --------
    >>> truth = load()
    >>> len(truth.snapshot.organisations) >= 40, len(truth.snapshot.ideas) >= 40
    (True, True)
    >>> all(truth.partners[i.id] for i in truth.snapshot.ideas)
    True
    """
    raw = read(path)
    areas = _leader_areas()
    workshop = WorkshopRecord(1, "Bygdeträff", dt.date(2026, 3, 12), "Lindesberg", 1)
    keys = {entry["key"]: number for number, entry in enumerate(raw["organisation"], start=1)}
    if len(keys) != len(raw["organisation"]):
        raise ValueError("two organisations share a key")
    organisations, ties, roles = [], set(), {}
    for entry in raw["organisation"]:
        organisation_id = keys[entry["key"]]
        organisations.append(
            OrganisationRecord(
                id=organisation_id,
                name=entry["name"],
                kind=entry["kind"],
                sector=sector_of(entry["kind"]),
                locality=entry["locality"],
                leader_area=areas.get(entry["locality"]),
                offers=frozenset(_capability(o) for o in entry["offers"]),
                first_workshop_id=1,
                description=entry["description"],
            )
        )
        roles[organisation_id] = entry["role"]
        for other in entry.get("ties", ()):
            a, b = sorted((organisation_id, keys[other]))
            ties.add((a, b))
    ideas, commitments, partners = [], [], {}
    for number, entry in enumerate(raw["idea"], start=1):
        ideas.append(
            IdeaRecord(
                id=number,
                title=entry["title"],
                workshop_id=1,
                locality=entry["locality"],
                leader_area=areas.get(entry["locality"]),
                needs=frozenset(_capability(n) for n in entry["needs"]),
                description=entry["description"],
            )
        )
        commitments.append(CommitmentRecord(number, keys[entry["proposer"]], "initiator", 1))
        partners[number] = frozenset(keys[p] for p in entry["partners"])
    snapshot = NetworkSnapshot(
        workshops=(workshop,),
        organisations=tuple(organisations),
        ideas=tuple(ideas),
        commitments=tuple(commitments),
        ties=tuple(TieRecord(a, b, "know", 1) for a, b in sorted(ties)),
    )
    return PlantedTruth(snapshot, partners, keys, roles)


def idea_words(entry: dict) -> list[str]:
    """The words of an idea's title, description and needs, lower case."""
    text = " ".join([entry["title"], entry["description"], *(n.partition(":")[2] for n in entry["needs"])])
    return [w.lower() for w in _WORD.findall(text)]


def _name_words(name: str) -> set[str]:
    words = {w.lower() for w in _WORD.findall(name)} - _NAME_FILLER
    # "Vedevågs" names Vedevåg: the genitive s is dropped so the bare place is caught too.
    return words | {w[:-1] for w in words if len(w) > 4 and w.endswith("s")}


def leaks(raw: dict) -> list[str]:
    """Every way an idea of ``raw`` gives its planted partner away, as readable lines.

    An idea leaks when one of its words (title, description, needs) is a word of the
    partner's name or its locality (the genitive "-s" dropped), contains one of the
    partner's domain words (four letters or more; shorter ones must be the whole
    word), or is a word of four letters or more of the partner's offers.

    Examples
    --------
    >>> raw = {"organisation": [{"key": "a", "name": "Vedevågs IK", "locality": "Vedevåg",
    ...        "domain": ["idrott"], "offers": ["premises: gymnastiksal"]}],
    ...        "idea": [{"key": "x", "title": "Idrottsdag i Vedevåg", "description": "", "needs": [], "partners": ["a"]}]}
    >>> leaks(raw)
    ["x: 'idrottsdag' contains domain word 'idrott' of Vedevågs IK", "x: 'vedevåg' names Vedevågs IK"]
    """
    organisations = {entry["key"]: entry for entry in raw["organisation"]}
    found = []
    for idea in raw["idea"]:
        words = idea_words(idea)
        for key in idea["partners"]:
            partner = organisations[key]
            named = _name_words(partner["name"]) | _name_words(partner["locality"])
            domain = [d.lower() for d in partner.get("domain", ())]
            offered = {w.lower() for o in partner["offers"] for w in _WORD.findall(o.partition(":")[2]) if len(w) >= 4} - _FUNCTION_WORDS
            for word in sorted(set(words)):
                if word in named:
                    found.append(f"{idea['key']}: {word!r} names {partner['name']}")
                for d in domain:
                    if (len(d) >= 4 and d in word) or word == d or (" " in d and d in " ".join(words)):
                        found.append(f"{idea['key']}: {word!r} contains domain word {d!r} of {partner['name']}")
                if word in offered:
                    found.append(f"{idea['key']}: {word!r} is offered by {partner['name']}")
    return sorted(set(found))


def _content_words(text: str) -> set[str]:
    return {w for w in (w.lower() for w in _WORD.findall(text)) if len(w) >= 4 and w not in STOP_WORDS}


def _related(a: str, b: str) -> bool:
    """The same word, one holding the other (a compound part: "fisk" in "sportfiske"), the
    first five letters of one inside the other (a stem: "skjutsa" in "skolskjuts") or, both
    five letters or more, the same first four ("köper" / "köpekontrakt", "gräva" / "grävmaskin")."""
    if a == b or a in b or b in a:
        return True
    if len(a) >= 5 and len(b) >= 5 and a[:4] == b[:4]:
        return True
    return (len(a) >= 5 and a[:5] in b) or (len(b) >= 5 and b[:5] in a)


def shared_words(raw: dict) -> list[str]:
    """Every content word an idea of ``raw`` shares with a planted partner, as readable lines.

    Stricter than :func:`leaks`, for the held-out set: the idea's title, description and
    needs against the partner's name, description and offers, lower case, words of four
    letters or more outside :data:`STOP_WORDS`. Shared means the same word, one inside the
    other (a compound part: "böcker" / "ljudböcker"), the first five letters of one inside
    the other (a stem: "skjutsa" / "skolskjuts") or the same first four letters.

    Examples
    --------
    >>> raw = {"organisation": [{"key": "a", "name": "Storå Motorrenovering", "description": "Veteranbilar till besiktning.",
    ...        "offers": ["competence: renovering"]}],
    ...        "idea": [{"key": "x", "title": "Få igång motorn", "description": "Den står inte till midsommar.",
    ...                  "needs": ["competence: renoveringshjälp"], "partners": ["a"]}]}
    >>> for line in shared_words(raw):
    ...     print(line)
    x: 'motorn' ~ 'motorrenovering' of Storå Motorrenovering
    x: 'renoveringshjälp' ~ 'motorrenovering' of Storå Motorrenovering
    x: 'renoveringshjälp' ~ 'renovering' of Storå Motorrenovering
    """
    organisations = {entry["key"]: entry for entry in raw["organisation"]}
    found = []
    for idea in raw["idea"]:
        words = _content_words(" ".join([idea["title"], idea["description"], *(n.partition(":")[2] for n in idea["needs"])]))
        for key in idea["partners"]:
            partner = organisations[key]
            theirs = _content_words(" ".join([partner["name"], partner["description"], *(o.partition(":")[2] for o in partner["offers"])]))
            found += [f"{idea['key']}: {a!r} ~ {b!r} of {partner['name']}" for a in sorted(words) for b in sorted(theirs) if _related(a, b)]
    return sorted(set(found))
