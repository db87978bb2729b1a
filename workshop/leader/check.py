"""The LEADER check of one idea, for its kind of support, against its area's rules.

Each line says whether it holds and, in one sentence of the catalog, what to do next.
Pure: it reads :class:`~workshop.leader.card.IdeaFacts` and a
:class:`~workshop.leader.rules.Rulebook`, so every rule is tested with numbers by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..network.message import Message
from ..network.ownership import idea_ownership
from ..validation import legal_form
from .card import HORIZONTAL, IdeaFacts, Party
from .rules import AreaRules, Rulebook, SupportType

__all__ = ["LINES", "Line", "LeaderCheck", "leader_check", "owner_of", "owner_legal_form", "required_volunteer_sek", "split_params"]

# The order the check is shown in.
LINES = (
    "area", "support_type", "partners", "owner", "budget", "investment", "cofinancing",
    "support_rate", "strategy", "horizontal", "innovation", "long_term", "start",
)

PRIVATE_PERSON = "private_person"


@dataclass(frozen=True)
class Line:
    """One line of the check: ``key`` from :data:`LINES`, whether it holds, the message
    (``leader.check.<key>.<outcome>``) and facts shown beside it (e.g. the legal form)."""

    key: str
    passed: bool
    message: Message
    facts: tuple[Message, ...] = ()


@dataclass(frozen=True)
class LeaderCheck:
    idea_id: int
    area: str | None
    support_type: SupportType | None
    lines: tuple[Line, ...]
    total_sek: int
    sought_sek: int
    hours: int
    volunteer_sek: int
    required_volunteer_sek: int | None

    @property
    def ready(self) -> bool:
        return all(line.passed for line in self.lines)

    @property
    def failed(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.passed)

    def line(self, key: str) -> Line:
        return next(line for line in self.lines if line.key == key)


def owner_of(facts: IdeaFacts) -> Party | None:
    """The named owner if it is committed, else the first organisation offering to own it."""
    by_id = {p.id: p for p in facts.parties}
    named = by_id.get(facts.owner_organisation_id) if facts.owner_organisation_id is not None else None
    if named is not None and named.kind != PRIVATE_PERSON:
        return named
    offering = [p for p in facts.parties if "possible_owner" in p.roles and p.kind != PRIVATE_PERSON]
    return offering[0] if offering else None


def owner_legal_form(owner: Party, sole_trader: bool = False) -> str | None:
    """The owner's legal form (a ``legal_form.*`` key) from its organisation number.

    A sole trader's number is the owner's personnummer, which is never stored: the card
    says so instead.

    >>> owner_legal_form(Party(1, "Bygdegården", "association", "802412-4532", None, None))
    'non_profit'
    >>> owner_legal_form(Party(2, "Anna Svensson Snickeri", "company", None, None, None), sole_trader=True)
    'sole_trader'
    """
    if owner.org_number:
        return legal_form(owner.org_number)
    return "sole_trader" if sole_trader and owner.kind == "company" else None


def required_volunteer_sek(kind: SupportType, total_sek: int, sought_sek: int) -> int:
    """The volunteer time in kronor the kind of support asks for, rounded up to whole kronor.

    >>> from workshop.leader.rules import load_rules
    >>> check = load_rules().areas["Leader Bergslagen"].support_type("check_livskvalitet")
    >>> required_volunteer_sek(check, 17_000, 17_000)  # 30 % of the costs
    5100
    """
    basis = total_sek if kind.volunteer_basis == "costs" else sought_sek
    return -(-basis * kind.volunteer_percent // 100)


def _m(key: str, **params) -> Message:
    return Message(f"leader.check.{key}", params)


def leader_check(book: Rulebook, facts: IdeaFacts, today: dt.date) -> LeaderCheck:
    """Check one idea against its area's rules for its kind of support.

    Parameters
    ----------
    book : Rulebook
    facts : IdeaFacts
    today : datetime.date
        Costs count only after the application arrives, so the start must be later.

    Returns
    -------
    LeaderCheck
        One :class:`Line` per key of :data:`LINES`. Where the area or the kind of support is
        not known yet, the lines that depend on it say so (``leader.check.waiting.*``).

    Examples
    --------
    >>> import datetime as dt
    >>> from workshop.leader.card import Card, IdeaFacts, Party
    >>> from workshop.leader.rules import load_rules
    >>> parties = (Party(1, "Ramsbergs bygdeförening", "association", "802412-4532", "Ramsberg", "Leader Bergslagen", frozenset({"possible_owner"})),)
    >>> card = Card(support_type="check_livskvalitet", budget={"services": 17_000}, volunteer_hours=((1, 14),))
    >>> facts = IdeaFacts(10, "Bygdekök", "Ramsberg", False, "Leader Bergslagen", 1, parties, card)
    >>> line = leader_check(load_rules(), facts, dt.date(2026, 12, 2)).line("cofinancing")
    >>> line.passed, line.message.params["required"], line.message.params["missing_hours"]
    (False, 5100, 1)

    Notes
    -----
    Linear in the number of committed organisations and volunteer-hour rows.
    """
    card = facts.card
    area = book.for_area(facts.leader_area)
    kind = area.support_type(card.support_type) if area else None
    lines = [_area_line(book, facts), _support_type_line(area, card.support_type)]
    waiting = _m("waiting.area") if area is None else _m("waiting.support_type")
    if kind is None:
        lines += [Line(key, False, waiting) for key in ("partners", "owner", "budget", "investment", "cofinancing", "support_rate")]
        required = None
    else:
        required = required_volunteer_sek(kind, card.total_sek, card.sought_sek) if card.total_sek else None
        lines += [
            _partners(kind, facts),
            _owner(book, kind, facts),
            _budget(book, kind, facts),
            _investment(kind, facts),
            _cofinancing(area, kind, facts, required),
            _support_rate(book, kind, facts),
        ]
    lines += [
        _strategy(area, kind, facts) if area else Line("strategy", False, waiting),
        _horizontal(card),
        _innovation(book, card),
        Line("long_term", True, _m("long_term.ok")) if card.long_term.strip() else Line("long_term", False, _m("long_term.missing")),
        _start(card.planned_start, today),
    ]
    return LeaderCheck(
        idea_id=facts.id,
        area=area.area if area else None,
        support_type=kind,
        lines=tuple(lines),
        total_sek=card.total_sek,
        sought_sek=card.sought_sek,
        hours=card.hours,
        volunteer_sek=card.hours * (area.hour_value_sek if area else 0),
        required_volunteer_sek=required,
    )


def _area_line(book: Rulebook, facts: IdeaFacts) -> Line:
    if not facts.locality:
        return Line("area", False, _m("area.no_locality"))
    # What the areas' own pages say of a split place (Fellingsbro: Leader Mälardalen covers only its
    # south, Leader Bergslagen leaves it out): the rest belongs to neither, so ask, never guess.
    place = book.coverage(facts.locality) if facts.crosses_boundary else None
    if facts.crosses_boundary and not facts.leader_area:
        if place is not None and place.rest_unknown:
            return Line("area", False, _m("area.split_unknown", **split_params(place)))
        return Line("area", False, _m("area.boundary", locality=facts.locality))
    if not facts.leader_area:
        return Line("area", False, _m("area.unknown", locality=facts.locality))
    if book.for_area(facts.leader_area) is None:
        return Line("area", False, _m("area.no_rules", area=facts.leader_area))
    if place is not None and facts.leader_area in place.excluded_by:
        return Line("area", False, _m("area.excluded", area=facts.leader_area, locality=facts.locality))
    part = dict(place.parts).get(facts.leader_area) if place is not None else None
    if part:
        return Line("area", True, _m("area.chosen_part", area=facts.leader_area, locality=facts.locality, part=part))
    if facts.crosses_boundary:
        return Line("area", True, _m("area.chosen", locality=facts.locality, area=facts.leader_area))
    return Line("area", True, _m("area.ok", locality=facts.locality, area=facts.leader_area))


def split_params(place) -> dict:
    """The message parameters that describe a split place: its covered parts and who leaves it out."""
    return {
        "locality": place.locality,
        "parts": ", ".join(f"{part} ({area})" for area, part in place.parts),
        "excluded": ", ".join(place.excluded_by) or "–",
    }


def _support_type_line(area: AreaRules | None, key: str | None) -> Line:
    if area is None:
        return Line("support_type", False, _m("waiting.area"))
    if not key:
        return Line("support_type", False, _m("support_type.missing", area=area.area))
    kind = area.support_type(key)
    if kind is None:
        return Line("support_type", False, _m("support_type.unknown", area=area.area))
    return Line("support_type", True, _m("support_type.ok", name=kind.name, area=area.area))


def _partners(kind: SupportType, facts: IdeaFacts) -> Line:
    count = sum(1 for p in facts.parties if kind.private_persons_count or p.kind != PRIVATE_PERSON)
    params = {"count": count, "minimum": kind.min_partners, "name": kind.name}
    if count >= kind.min_partners:
        return Line("partners", True, _m("partners.ok", **params))
    return Line("partners", False, _m("partners.missing", **params, missing=kind.min_partners - count))


def _owner(book: Rulebook, kind: SupportType, facts: IdeaFacts) -> Line:
    owner = owner_of(facts)
    if owner is None:
        # The same words as the constellations page (workshop.network.ownership): who could take it on,
        # or that nobody can yet; an idea from a private person needs an organisation to own it.
        roles = {p.id: p.roles for p in facts.parties}
        eligible = {p.id for p in facts.parties if p.kind != PRIVATE_PERSON}
        ownership = idea_ownership(facts.owner_organisation_id, roles, eligible, private_proposer=facts.proposed_by_private_person)
        return Line("owner", False, ownership.message({p.id: p.name for p in facts.parties}))
    form = owner_legal_form(owner, facts.card.owner_sole_trader)
    if form is None:
        return Line("owner", False, _m("owner.no_org_number", owner=owner.name))
    shown = (Message(f"legal_form.{form}", {}),)
    allowed = kind.applicants or book.national.applicants
    if form not in allowed:
        return Line("owner", False, _m("owner.not_eligible", owner=owner.name, name=kind.name), shown)
    return Line("owner", True, _m("owner.ok", owner=owner.name), shown)


def _benefit(kind: SupportType, facts: IdeaFacts) -> str | None:
    return "commercial" if kind.benefit == "commercial" else facts.card.benefit


def _budget(book: Rulebook, kind: SupportType, facts: IdeaFacts) -> Line:
    card = facts.card
    if card.total_sek <= 0:
        return Line("budget", False, _m("budget.missing"))
    sought = card.sought_sek
    caps = [c for c in (kind.max_support_sek, book.national.commercial_support_cap_sek if _benefit(kind, facts) == "commercial" else None) if c is not None]
    cap = min(caps) if caps else None
    if cap is not None and sought > cap:
        return Line("budget", False, _m("budget.over_cap", sought=sought, cap=cap, excess=sought - cap, name=kind.name))
    if kind.min_support_sek is not None and sought < kind.min_support_sek:
        return Line("budget", False, _m("budget.under_minimum", sought=sought, minimum=kind.min_support_sek, name=kind.name))
    if cap is None:
        return Line("budget", True, _m("budget.ok_no_cap", total=card.total_sek, sought=sought))
    return Line("budget", True, _m("budget.ok", total=card.total_sek, sought=sought, cap=cap))


def _investment(kind: SupportType, facts: IdeaFacts) -> Line:
    invested = facts.card.budget.get("investments", 0)
    if kind.investment_max_sek is None:
        return Line("investment", True, _m("investment.no_ceiling", investments=invested))
    params = {"investments": invested, "ceiling": kind.investment_max_sek}
    if invested > kind.investment_max_sek:
        return Line("investment", False, _m("investment.over", **params, excess=invested - kind.investment_max_sek))
    return Line("investment", True, _m("investment.ok", **params))


def _cofinancing(area: AreaRules, kind: SupportType, facts: IdeaFacts, required: int | None) -> Line:
    hours = facts.card.hours
    value = hours * area.hour_value_sek
    params = {"hours": hours, "value": value, "hour_value": area.hour_value_sek, "percent": kind.volunteer_percent}
    if kind.volunteer_percent == 0:
        return Line("cofinancing", True, _m("cofinancing.not_required", **params))
    if required is None:
        return Line("cofinancing", False, _m("cofinancing.needs_budget", **params))
    if value >= required:
        return Line("cofinancing", True, _m("cofinancing.ok", **params, required=required))
    missing_hours = -(-(required - value) // area.hour_value_sek)
    return Line("cofinancing", False, _m("cofinancing.short", **params, required=required, missing_hours=missing_hours))


def _support_rate(book: Rulebook, kind: SupportType, facts: IdeaFacts) -> Line:
    card = facts.card
    benefit = _benefit(kind, facts)
    if benefit is None:
        return Line("support_rate", False, _m("support_rate.no_benefit"))
    if card.total_sek <= 0:
        return Line("support_rate", False, _m("budget.missing"))
    low, high = book.national.commercial_rate if benefit == "commercial" else book.national.public_rate
    high = min(high, kind.max_rate_percent)
    sought = card.sought_sek
    rate = sought * 100 // card.total_sek
    params = {"rate": rate, "minimum": low, "maximum": high, "benefit": benefit}
    if sought * 100 > high * card.total_sek:
        return Line("support_rate", False, _m(f"support_rate.over_{benefit}", **params, sought_max=card.total_sek * high // 100))
    if sought * 100 < low * card.total_sek:
        return Line("support_rate", False, _m("support_rate.under", **params))
    return Line("support_rate", True, _m(f"support_rate.ok_{benefit}", **params))


def _strategy(area: AreaRules, kind: SupportType | None, facts: IdeaFacts) -> Line:
    card = facts.card
    focus = area.focus_area(card.focus_area)
    if focus is None:
        return Line("strategy", False, _m("strategy.missing", area=area.area))
    if kind is not None and kind.focus_area and kind.focus_area != focus.key:
        wanted = area.focus_area(kind.focus_area)
        return Line("strategy", False, _m("strategy.wrong_focus", name=kind.name, focus=wanted.name if wanted else kind.focus_area))
    if not card.goal or card.goal not in focus.goals:
        return Line("strategy", False, _m("strategy.no_goal", focus=focus.name))
    return Line("strategy", True, _m("strategy.ok", focus=focus.name, goal=card.goal))


def _horizontal(card) -> Line:
    missing = [key for key in HORIZONTAL if not (card.horizontal.get(key) or "").strip()]
    if missing:
        return Line("horizontal", False, _m("horizontal.missing", count=len(missing)), tuple(Message(f"leader.horizontal.{k}", {}) for k in missing))
    return Line("horizontal", True, _m("horizontal.ok"))


def _innovation(book: Rulebook, card) -> Line:
    if not card.innovation_type:
        return Line("innovation", False, _m("innovation.no_type"))
    if card.innovation_type not in book.national.innovation_types:
        return Line("innovation", False, _m("innovation.unknown_type"))
    shown = (Message(f"leader.innovation.{card.innovation_type}", {}),)
    if not card.innovation.strip():
        return Line("innovation", False, _m("innovation.no_description"), shown)
    return Line("innovation", True, _m("innovation.ok"), shown)


def _start(start: dt.date | None, today: dt.date) -> Line:
    if start is None:
        return Line("start", False, _m("start.missing"))
    if start <= today:
        return Line("start", False, _m("start.too_early", start=start.isoformat()))
    return Line("start", True, _m("start.ok", start=start.isoformat()))
