"""The application draft, in Swedish: what the idea, its card, the votes and the shareable
notes already say, in the order an application asks for it. Every missing piece reads
"Att fylla i". Written as DOCX, PDF or Markdown by the writers of :mod:`workshop.documents`.

The personal-data rule of every export holds here too: unless the coordinator asks for
names (``personal_data``), a private person reads "Privatperson N" (numbered within the
draft, in the order they joined) and the volunteer-time table keeps only their hours; known
people's names in the notes' text read "en person".
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import Block, DocumentInfo, to_docx, to_markdown, to_pdf
from ..exchange.redaction import display_names, redact_names
from ..i18n import Translator
from .card import COST_TYPES, HORIZONTAL
from .check import owner_legal_form, owner_of
from .view import CardView

__all__ = ["DRAFT_FORMATS", "Material", "application_blocks", "party_names", "write_application"]

DRAFT_FORMATS = {"docx": to_docx, "pdf": to_pdf, "md": to_markdown}

ROLE_ORDER = ("possible_owner", "initiator", "partner", "contributor")


@dataclass(frozen=True)
class Material:
    """What the meetings said about the idea: dots it got, and notes everyone may read."""

    dots: int = 0
    notes: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # names of people the notes may mention, taken out by default


def _kr(t: Translator, value: int) -> str:
    """Kronor grouped by thousands, as an application writes them ("5 100 kr")."""
    grouped = f"{value:,}"
    return t("leader.draft.kr", amount=grouped.replace(",", "\xa0") if t.language == "sv" else grouped)


def party_names(parties, t: Translator, *, personal_data: bool = False) -> dict[int, str]:
    """Each party's name in the draft: private persons as "Privatperson N" unless asked
    (the exports' rule, :func:`workshop.exchange.redaction.display_names`).

    >>> from workshop.leader.card import Party
    >>> parties = (Party(7, "Gunnel Ekström", "private_person", None, None, None), Party(3, "Ramsbergs IF", "association", None, None, None))
    >>> party_names(parties, Translator("sv"))
    {3: 'Ramsbergs IF', 7: 'Privatperson 1'}
    """
    return display_names(parties, t, personal_data=personal_data)


def application_blocks(view: CardView, material: Material, t: Translator, *, personal_data: bool = False) -> list[Block]:
    """The draft as report blocks (title, headings, paragraphs, bullets, tables)."""
    facts, card, check, area = view.facts, view.facts.card, view.check, view.area
    names = party_names(facts.parties, t, personal_data=personal_data)
    notes = material.notes
    if not personal_data:
        people = {name: t("exchange.a_person") for name in material.people}
        people.update({p.name: names[p.id] for p in facts.parties if p.kind == "private_person"})
        notes = tuple(redact_names(note, people) for note in material.notes)
    todo = t("leader.draft.todo")
    text = lambda value: value.strip() if value and value.strip() else todo  # noqa: E731
    blocks = [Block("title", t("leader.draft.title", title=facts.title)), Block("paragraph", t("leader.draft.disclaimer"))]

    blocks += [Block("heading", t("leader.draft.project")), Block("paragraph", facts.title)]
    place = facts.locality or todo
    kind = check.support_type.name if check.support_type else todo
    blocks.append(Block("bullets", items=(
        t("leader.draft.area", area=check.area or todo), t("leader.draft.place", place=place), t("leader.draft.kind", kind=kind),
    )))

    blocks.append(Block("heading", t("leader.draft.owner")))
    owner = owner_of(facts)
    if owner is None:
        blocks.append(Block("paragraph", todo))
    else:
        form = owner_legal_form(owner, card.owner_sole_trader)
        blocks.append(Block("bullets", items=(
            names.get(owner.id, owner.name),
            t("leader.draft.org_number", number=owner.org_number or (t("leader.draft.personnummer") if form == "sole_trader" else todo)),
            t("leader.draft.legal_form", form=t(f"legal_form.{form}") if form else todo),
            t("leader.draft.power_of_attorney"),
        )))

    blocks.append(Block("heading", t("leader.draft.partners")))
    partners = [p for p in facts.parties if p.kind != "private_person"]
    if partners:
        rows = []
        for p in partners:
            roles = ", ".join(t.choice("role", r) for r in ROLE_ORDER if r in p.roles)
            rows.append((p.name, roles, p.contribution or todo))
        blocks.append(Block("table", headings=(t("leader.draft.col.organisation"), t("leader.draft.col.role"), t("leader.draft.col.contribution")), items=tuple(rows)))
    else:
        blocks.append(Block("paragraph", todo))

    blocks += [Block("heading", t("leader.draft.background")), Block("paragraph", text(facts.description))]
    blocks.append(Block("paragraph", t("leader.draft.dots", dots=material.dots) if material.dots else t("leader.draft.no_dots")))
    if notes:
        blocks.append(Block("bullets", text=t("leader.draft.notes"), items=notes))

    blocks.append(Block("heading", t("leader.draft.goals")))
    focus = area.focus_area(card.focus_area) if area else None
    blocks.append(Block("bullets", items=(t("leader.draft.focus", focus=focus.name if focus else todo), t("leader.draft.goal", goal=card.goal or todo))))

    blocks.append(Block("heading", t("leader.draft.innovation")))
    kind_text = t(f"leader.innovation.{card.innovation_type}") if card.innovation_type else todo
    blocks += [Block("paragraph", t("leader.draft.innovation_type", type=kind_text)), Block("paragraph", text(card.innovation))]

    blocks.append(Block("heading", t("leader.draft.activities")))
    start = card.planned_start.isoformat() if card.planned_start else todo
    blocks += [Block("paragraph", text(card.activities)), Block("paragraph", t("leader.draft.start", start=start))]

    blocks.append(Block("heading", t("leader.draft.budget")))
    if card.total_sek:
        rows = [(t(f"leader.cost.{k}"), _kr(t, card.budget[k])) for k in COST_TYPES if card.budget.get(k)]
        rows.append((t("leader.draft.total"), _kr(t, card.total_sek)))
        rows.append((t("leader.draft.sought"), _kr(t, card.sought_sek)))
        blocks.append(Block("table", headings=(t("leader.draft.col.cost_type"), t("leader.draft.col.amount")), items=tuple(rows)))
    else:
        blocks.append(Block("paragraph", todo))

    blocks.append(Block("heading", t("leader.draft.cofinancing")))
    hour_value = area.hour_value_sek if area else None
    if card.volunteer_hours and hour_value:
        rows = [(names.get(o, "?"), str(h), _kr(t, h * hour_value)) for o, h in card.volunteer_hours]
        rows.append((t("leader.draft.total"), str(card.hours), _kr(t, card.hours * hour_value)))
        blocks.append(Block("table", headings=(t("leader.draft.col.organisation"), t("leader.draft.col.hours"), t("leader.draft.col.value")), items=tuple(rows)))
        blocks.append(Block("paragraph", t("leader.draft.hour_value", value=hour_value)))
        if check.required_volunteer_sek:
            blocks.append(Block("paragraph", t("leader.draft.required", required=_kr(t, check.required_volunteer_sek))))
    else:
        blocks.append(Block("paragraph", todo))

    blocks.append(Block("heading", t("leader.draft.horizontal")))
    blocks.append(Block("bullets", items=tuple(f"{t(f'leader.horizontal.{k}')}: {text(card.horizontal.get(k, ''))}" for k in HORIZONTAL)))

    blocks += [Block("heading", t("leader.draft.indicators")), Block("paragraph", text(card.indicators))]
    blocks += [Block("heading", t("leader.draft.long_term")), Block("paragraph", text(card.long_term))]

    blocks.append(Block("heading", t("leader.draft.self_check")))
    if check.ready:
        blocks.append(Block("paragraph", t("leader.draft.check_ok")))
    else:
        blocks.append(Block("bullets", text=t("leader.draft.check_open"), items=tuple(f"{t(f'leader.check.line.{line.key}')}: {t.message(line.message)}" for line in check.failed)))
    return blocks


def write_application(view: CardView, material: Material, fmt: str, language: str = "sv", *, personal_data: bool = False, author: str = "") -> bytes:
    """The draft as ``fmt`` (``docx``, ``pdf`` or ``md``); ``KeyError`` for another format.

    Private persons' names only with ``personal_data`` (the coordinator's choice); ``author``
    (the municipality's coordinator) goes into the document's metadata.
    """
    writer = DRAFT_FORMATS[fmt]
    return writer(application_blocks(view, material, Translator(language), personal_data=personal_data), DocumentInfo(author=author, language=language, subject=view.facts.title))
