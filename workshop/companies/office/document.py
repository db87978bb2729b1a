"""The draft as a document (Markdown, DOCX, PDF) and as an idea's fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...documents import Block, to_docx, to_markdown, to_pdf
from ...i18n import Translator
from ..vocabulary import SMALL_GROUP
from .records import Evidence, EvidenceLine, OfficeDraft
from .requirements import size_counts
from .rules import LOW_SCORE
from .words import evidence_text, requirement_text, requirement_title

__all__ = ["DRAFT_FORMATS", "NAMES_IN_IDEA", "draft_blocks", "write_draft", "office_idea_fields"]


DRAFT_FORMATS = {"docx": to_docx, "pdf": to_pdf, "md": to_markdown}


def _summary(evidence: Evidence, t: Translator) -> tuple[str, ...]:
    items = [t("office.summary.within", count=evidence.within, point=evidence.point),
             t("office.summary.answered", count=evidence.answered), t("office.summary.unanswered", count=evidence.unanswered)]
    sizes = size_counts(evidence.companies)
    if sizes:
        items.append(evidence_text(EvidenceLine("sizes", sizes=sizes), t))
    return tuple(items)


def draft_blocks(draft: OfficeDraft, t: Translator, edits: Mapping[str, str] | None = None) -> list[Block]:
    """The draft as report blocks: the evidence summary, then each requirement with its text
    (the coordinator's where edited) and, under it, the computed evidence."""
    blocks = [Block("title", t("office.draft.title", point=draft.point)), Block("paragraph", t("office.draft.intro", point=draft.point))]
    blocks += [Block("heading", t("office.draft.evidence")), Block("bullets", items=_summary(draft.evidence, t))]
    if not draft.evidence.answered:
        blocks.append(Block("paragraph", t("office.draft.no_answers")))
    for requirement in draft.supported:
        blocks.append(Block("heading", requirement_title(requirement, t)))
        blocks.append(Block("paragraph", requirement_text(requirement, t, edits)))
        blocks.append(Block("bullets", text=t("office.draft.basis"), items=tuple(evidence_text(line, t) for line in requirement.evidence)))
    if draft.unsupported:
        blocks.append(Block("heading", t("office.draft.unsupported")))
        blocks.append(Block("paragraph", t("office.no_evidence")))
        for r in draft.unsupported:  # with what was counted, so the reader sees why
            blocks.append(Block("bullets", text=f"{requirement_title(r, t)}: {t('office.draft.unsupported')}", items=tuple(evidence_text(line, t) for line in r.evidence)))
    blocks += [Block("heading", t("office.draft.method")), Block("paragraph", t("office.draft.method_text", minimum=SMALL_GROUP, low=f"{LOW_SCORE:.0f}"))]
    return blocks


def write_draft(draft: OfficeDraft, fmt: str, edits: Mapping[str, str] | None = None, language: str = "sv") -> bytes:
    """The draft as ``fmt`` (``docx``, ``pdf`` or ``md``); ``KeyError`` for another format."""
    return DRAFT_FORMATS[fmt](draft_blocks(draft, Translator(language), edits))



NAMES_IN_IDEA = 20  # companies named in the idea's description; more are counted


def _named_companies(draft: OfficeDraft) -> list[str]:
    # The idea names the companies that need the office, so that the constellation search
    # finds them (workshop.network.relevance: an idea naming an organisation is evidence).
    # Never a sole trader: a sole trader's business name is often the owner's own name, and
    # an idea's text is shown on walls and in exports. They stay counted, not named.
    wanted = {i for r in draft.supported for i in r.company_ids}
    return sorted({c.name for c in draft.evidence.companies if c.company_id in wanted and c.legal_form != "sole_trader"}, key=str.casefold)


def office_idea_fields(draft: OfficeDraft, t: Translator, edits: Mapping[str, str] | None = None, max_length: int = 4000) -> dict[str, Any]:
    """The idea the draft becomes: title, description, locality (the development point) and
    needs in the idea's own vocabulary (:data:`workshop.vocabulary.NEED_CATEGORIES`)."""
    supported = {r.key for r in draft.supported}
    needs: list[tuple[str, str]] = [("premises", t("office.idea.need.premises"))]
    for key, category in (("workplaces", "premises"), ("meeting_room", "premises"), ("connectivity", "resource"),
                          ("equipment", "resource"), ("support_role", "competence")):
        if key in supported:
            needs.append((category, t(f"office.idea.need.{key}")))
    needs.append(("money", t("office.idea.need.money")))

    names = _named_companies(draft)
    tail = [t("office.idea.seeking", point=draft.point)]
    if names:
        shown = ", ".join(names[:NAMES_IN_IDEA])
        more = len(names) - NAMES_IN_IDEA
        tail.append(t("office.idea.companies", names=shown) + (t("office.idea.more", count=more) if more > 0 else ""))
    head = [t("office.idea.intro", point=draft.point, within=draft.evidence.within, answered=draft.evidence.answered)]

    def body(full: bool) -> str:
        lines = []
        for r in draft.supported:
            first = evidence_text(r.evidence[0], t) if r.evidence else ""
            lines.append(f"{requirement_title(r, t)}: {requirement_text(r, t, edits) if full else first}")
        return "\n\n".join(head + lines + tail)

    description = body(True)
    if len(description) > max_length:  # long edits: each requirement by its first figure
        description = body(False)
    if len(description) > max_length:
        description = description[: max_length - 1].rstrip() + "…"
    return {"title": t("office.idea.title", point=draft.point), "description": description, "locality": draft.point, "needs": needs}
