"""LEADER rules as data: one TOML file per Leader area and programme period in ``data/leader/``.

A new programme period is a new file, not a code change. Every rule carries the address it
was read from (``source``) and the day it was checked (``checked``); a file where one does not
is refused when it is loaded, so the coordinator never sees a rule nobody can trace.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..db import PROJECT_ROOT

__all__ = [
    "RULES_DIR",
    "BENEFITS",
    "RulesFileError",
    "Rule",
    "SupportType",
    "FocusArea",
    "Criterion",
    "Selection",
    "PlaceCoverage",
    "NationalRules",
    "AreaRules",
    "Rulebook",
    "load_rules",
]

RULES_DIR = PROJECT_ROOT / "data" / "leader"

# "public": the benefit goes to a wider public or creates conditions for others;
# "commercial": it mainly benefits commercial business.
BENEFITS = ("public", "commercial")


class RulesFileError(ValueError):
    """A rules file that cannot be trusted: what is wrong and where (for whoever edits the file)."""


@dataclass(frozen=True)
class Rule:
    """Where a rule comes from: the page it was read on and the day it was checked."""

    source: str
    checked: dt.date
    note: str = ""


@dataclass(frozen=True)
class SupportType:
    """A kind of support an area offers (projektstöd, småprojektstöd, a Leadercheck ...).

    Amounts are whole SEK. ``volunteer_percent`` of ``volunteer_basis`` ("costs": the project's
    total costs, "support": the support sought) must be covered by volunteer time.
    ``applicants`` are ``legal_form.*`` keys; empty means the national list.
    """

    key: str
    name: str
    benefit: str
    max_rate_percent: int
    min_partners: int
    private_persons_count: bool
    volunteer_percent: int
    volunteer_basis: str
    rule: Rule
    max_support_sek: int | None = None
    min_support_sek: int | None = None
    investment_max_sek: int | None = None
    applicants: tuple[str, ...] = ()
    focus_area: str | None = None


@dataclass(frozen=True)
class FocusArea:
    """An insatsområde of the area's development strategy, with its goals."""

    key: str
    name: str
    goals: tuple[str, ...]
    rule: Rule


@dataclass(frozen=True)
class Criterion:
    """One selection criterion; ``rule`` where it has a source of its own (a self-check's
    criteria each name the page they are built from), else the selection's."""

    key: str
    name: str
    weight: int
    rule: Rule | None = None


@dataclass(frozen=True)
class Selection:
    """The selection criteria: each graded 0..``scale_max`` and weighted; ``threshold`` to be considered.

    ``self_check``: the office has not published its criteria in full, so these are a self-check
    built from what it does publish (each criterion with its own source); ``threshold`` is then
    None, as no pass mark is known.
    """

    criteria: tuple[Criterion, ...]
    scale_max: int
    threshold: int | None
    rule: Rule
    self_check: bool = False

    @property
    def max_points(self) -> int:
        return self.scale_max * sum(c.weight for c in self.criteria)


@dataclass(frozen=True)
class NationalRules:
    public_rate: tuple[int, int]  # (min, max) percent
    commercial_rate: tuple[int, int]
    commercial_support_cap_sek: int
    applicants: tuple[str, ...]
    innovation_types: tuple[str, ...]
    rules: dict[str, Rule]  # by the file's table name


@dataclass(frozen=True)
class AreaRules:
    area: str
    period: str
    hour_value_sek: int
    support_types: tuple[SupportType, ...]
    focus_areas: tuple[FocusArea, ...]
    selection: Selection | None
    rules: dict[str, Rule]  # coverage, hour_value
    file_name: str
    # Where the area's own page covers only part of a locality ({"Fellingsbro": "södra Fellingsbro"}),
    # and the localities it says it leaves out ("Lindesberg (utom Fellingsbro)").
    parts: dict[str, str] = field(default_factory=dict)
    excludes: tuple[str, ...] = ()

    def support_type(self, key: str | None) -> SupportType | None:
        return next((s for s in self.support_types if s.key == key), None)

    def focus_area(self, key: str | None) -> FocusArea | None:
        return next((f for f in self.focus_areas if f.key == key), None)


@dataclass(frozen=True)
class PlaceCoverage:
    """What the areas' own pages say of one split locality: the parts some area covers
    (``parts``: (area, part)), and the areas that leave the locality out. When only parts are
    covered and no area claims the rest, the rest belongs to no known area: the app says so
    and asks the coordinator to confirm with the offices, it does not guess."""

    locality: str
    parts: tuple[tuple[str, str], ...]
    excluded_by: tuple[str, ...]

    @property
    def rest_unknown(self) -> bool:
        return bool(self.parts)


@dataclass(frozen=True)
class Rulebook:
    """Every area's rules for one programme period, and the national rules that bound them."""

    national: NationalRules
    areas: dict[str, AreaRules]

    def for_area(self, area: str | None) -> AreaRules | None:
        return self.areas.get(area) if area else None

    def coverage(self, locality: str | None) -> PlaceCoverage | None:
        """What the areas' files say of ``locality`` when some area covers only part of it or
        leaves it out; None when no file says anything particular about it.

        >>> book = load_rules()
        >>> place = book.coverage("Fellingsbro")
        >>> place.parts, place.excluded_by, place.rest_unknown
        ((('Leader Mälardalen', 'södra Fellingsbro'),), ('Leader Bergslagen',), True)
        >>> book.coverage("Ramsberg") is None
        True
        """
        if not locality:
            return None
        parts = tuple((a.area, a.parts[locality]) for a in self.areas.values() if locality in a.parts)
        excluded = tuple(a.area for a in self.areas.values() if locality in a.excludes)
        return PlaceCoverage(locality, parts, excluded) if parts or excluded else None

    def split_places(self) -> tuple[PlaceCoverage, ...]:
        """Every locality some area covers only in part or leaves out, by name."""
        names = sorted({p for a in self.areas.values() for p in (*a.parts, *a.excludes)})
        return tuple(self.coverage(name) for name in names)


def _rule(table: dict[str, Any], where: str) -> Rule:
    source, checked = table.get("source"), table.get("checked")
    if not isinstance(source, str) or not source.startswith(("https://", "http://")):
        raise RulesFileError(f"{where}: every rule needs a source (an address starting with https://)")
    if not isinstance(checked, dt.date) or isinstance(checked, dt.datetime):
        raise RulesFileError(f"{where}: every rule needs the date it was checked (checked = YYYY-MM-DD)")
    return Rule(source, checked, str(table.get("note", "")))


def _int(table: dict[str, Any], key: str, where: str, *, required: bool = True) -> int | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise RulesFileError(f"{where}: {key} must be a whole number, 0 or more")
    return value


def _support_type(table: dict[str, Any], where: str) -> SupportType:
    where = f"{where} [{table.get('key', '?')}]"
    benefit = table.get("benefit")
    if benefit not in BENEFITS:
        raise RulesFileError(f"{where}: benefit must be one of {BENEFITS}")
    basis = table.get("volunteer_basis", "costs")
    if basis not in ("costs", "support"):
        raise RulesFileError(f"{where}: volunteer_basis must be 'costs' or 'support'")
    rate = _int(table, "max_rate_percent", where)
    if rate > 100:
        raise RulesFileError(f"{where}: max_rate_percent is at most 100")
    return SupportType(
        key=str(table["key"]),
        name=str(table["name"]),
        benefit=benefit,
        max_rate_percent=rate,
        min_partners=_int(table, "min_partners", where),
        private_persons_count=bool(table.get("private_persons_count", False)),
        volunteer_percent=_int(table, "volunteer_percent", where),
        volunteer_basis=basis,
        rule=_rule(table, where),
        max_support_sek=_int(table, "max_support_sek", where, required=False),
        min_support_sek=_int(table, "min_support_sek", where, required=False),
        investment_max_sek=_int(table, "investment_max_sek", where, required=False),
        applicants=tuple(table.get("applicants", ())),
        focus_area=table.get("focus_area"),
    )


def _national(data: dict[str, Any], where: str) -> NationalRules:
    rules = {name: _rule(data[name], f"{where} [{name}]") for name in data if isinstance(data[name], dict)}
    needed = ("support_rate_public", "support_rate_commercial", "commercial_support_cap", "costs_after_application", "applicants", "innovation_types")
    missing = [name for name in needed if name not in data]
    if missing:
        raise RulesFileError(f"{where}: missing {', '.join(missing)}")
    return NationalRules(
        public_rate=(data["support_rate_public"]["min_percent"], data["support_rate_public"]["max_percent"]),
        commercial_rate=(data["support_rate_commercial"]["min_percent"], data["support_rate_commercial"]["max_percent"]),
        commercial_support_cap_sek=_int(data["commercial_support_cap"], "max_support_sek", where),
        applicants=tuple(data["applicants"]["legal_forms"]),
        innovation_types=tuple(data["innovation_types"]["types"]),
        rules=rules,
    )


def _area(data: dict[str, Any], where: str) -> AreaRules:
    if "hour_value" not in data:
        raise RulesFileError(f"{where}: missing [hour_value]")
    rules = {name: _rule(data[name], f"{where} [{name}]") for name in ("coverage", "hour_value") if name in data}
    types = tuple(_support_type(t, f"{where} support_type") for t in data.get("support_type", ()))
    if not types:
        raise RulesFileError(f"{where}: no [[support_type]]")
    keys = [t.key for t in types]
    if len(set(keys)) != len(keys):
        raise RulesFileError(f"{where}: a support type key is used twice")
    focus = tuple(
        FocusArea(str(f["key"]), str(f["name"]), tuple(f.get("goals", ())), _rule(f, f"{where} focus_area [{f.get('key', '?')}]"))
        for f in data.get("focus_area", ())
    )
    selection = None
    if "selection" in data:
        table = data["selection"]
        self_check = bool(table.get("self_check", False))
        criteria = []
        for c in table.get("criterion", ()):
            own = "source" in c or "checked" in c or self_check  # a self-check's criteria each need their own source
            rule = _rule(c, f"{where} selection.criterion [{c.get('key', '?')}]") if own else None
            criteria.append(Criterion(str(c["key"]), str(c["name"]), _int(c, "weight", f"{where} selection"), rule))
        if not criteria:
            raise RulesFileError(f"{where}: [selection] without criteria")
        threshold = _int(table, "threshold", where, required=not self_check)
        selection = Selection(tuple(criteria), _int(table, "scale_max", where), threshold, _rule(table, f"{where} [selection]"), self_check)
    coverage = data.get("coverage", {})
    return AreaRules(
        area=str(data["area"]),
        period=str(data["period"]),
        hour_value_sek=_int(data["hour_value"], "sek", f"{where} [hour_value]"),
        support_types=types,
        focus_areas=focus,
        selection=selection,
        rules=rules,
        file_name=Path(where).name,
        parts={str(k): str(v) for k, v in coverage.get("parts", {}).items()},
        excludes=tuple(str(x) for x in coverage.get("excludes", ())),
    )


def load_rules(directory: Path = RULES_DIR, period: str | None = None) -> Rulebook:
    """Read every rules file in ``directory`` (for ``period``, else the latest period found).

    Raises
    ------
    RulesFileError
        A file that is not TOML, a rule without ``source`` or ``checked``, a missing table.

    Examples
    --------
    >>> book = load_rules()
    >>> sorted(book.areas), book.areas["Leader Bergslagen"].hour_value_sek
    (['Leader Bergslagen', 'Leader Mälardalen'], 340)
    >>> book.national.commercial_support_cap_sek
    200000

    Notes
    -----
    Reads each file once; linear in the number of rules.
    """
    files = []
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise RulesFileError(f"{path.name}: not valid TOML ({error})") from None
        files.append((path, data))
    periods = sorted({str(d.get("period")) for _, d in files})
    if not periods:
        raise RulesFileError(f"{directory}: no rules files")
    chosen = period or periods[-1]
    national, areas = None, {}
    for path, data in files:
        if str(data.get("period")) != chosen:
            continue
        if data.get("kind") == "national":
            national = _national(data, path.name)
        elif data.get("kind") == "area":
            area = _area(data, path.name)
            if area.area in areas:
                raise RulesFileError(f"{path.name}: {area.area} has two files for {chosen}")
            areas[area.area] = area
        else:
            raise RulesFileError(f"{path.name}: kind must be 'national' or 'area'")
    if national is None:
        raise RulesFileError(f"{directory}: no national rules for {chosen}")
    return Rulebook(national, areas)
