"""The workshop report in Swedish (or English): what it says, as one list of blocks.

One list of blocks (headings, paragraphs, bullet lists, tables, the network picture) is
built from :class:`~workshop.exchange.dataset.ExportData`, then written by the writers of
:mod:`workshop.documents` (Markdown, DOCX, PDF), so the three say the same. Who took part is counted
by sector and locality; contact details never appear in the report.
"""

from __future__ import annotations

from ...documents import Block
from ...i18n import Translator
from ...meeting.report import run_of_show_blocks
from ..dataset import ExportData

__all__ = ["report_blocks"]

TOP_IDEAS = 15  # ideas whose constellations and LEADER readiness the report spells out
IDEAS_TABLE = 40  # a board reads the top of the ranking; the workbook holds every idea
NOTES_SHOWN = 60
NAMES_LISTED = 12


def _listing(names: list[str], t: Translator) -> str:
    """Up to a dozen names, then how many more (a large process has hundreds)."""
    shown = ", ".join(names[:NAMES_LISTED])
    return shown + (t("exchange.report.and_more", count=len(names) - NAMES_LISTED) if len(names) > NAMES_LISTED else "")


def report_blocks(data: ExportData, picture_png: bytes | None = None) -> list[Block]:
    t = Translator(data.options.language)
    blocks = [Block("title", t("exchange.report.title", title=data.title))]
    if data.workshops:
        dates = sorted(w["date"] for w in data.workshops)
        places = sorted({w["locality"] for w in data.workshops})
        if len(dates) == 1:
            blocks.append(Block("paragraph", t("exchange.report.when_one", day=dates[0].isoformat(), places=", ".join(places))))
        else:
            blocks.append(Block("paragraph", t("exchange.report.when", first=dates[0].isoformat(), last=dates[-1].isoformat(), places=", ".join(places), count=len(dates))))
    blocks.append(Block("heading", t("exchange.report.challenge")))
    for title, challenge in data.challenges:
        blocks.append(Block("paragraph", challenge if len(data.challenges) == 1 else f"{title}: {challenge}"))
    blocks.extend(run_of_show_blocks(data.run_of_show, t))  # how the meeting ran, phase by phase

    part = data.participation
    blocks.append(Block("heading", t("exchange.report.participants")))
    blocks.append(Block("paragraph", t("exchange.report.participants_count", people=part["people"], organisations=part["organisations"])))
    if part["by_sector"]:
        blocks.append(Block("table", headings=(t("exchange.col.sector"), t("exchange.col.count")), items=tuple(part["by_sector"].items())))
    if part["by_locality"]:
        blocks.append(Block("table", headings=(t("exchange.col.locality"), t("exchange.col.count")), items=tuple(list(part["by_locality"].items())[:12])))

    blocks.append(Block("heading", t("exchange.report.ideas")))
    if data.ideas:
        rows = tuple((n, idea["title"], t(f"stage.{idea['stage']}"), idea["votes"]) for n, idea in enumerate(data.ideas[:IDEAS_TABLE], start=1))
        blocks.append(Block("table", headings=("#", t("exchange.col.idea"), t("exchange.col.stage"), t("exchange.col.votes")), items=rows))
        if len(data.ideas) > IDEAS_TABLE:
            blocks.append(Block("paragraph", t("exchange.report.more_ideas", count=len(data.ideas) - IDEAS_TABLE)))
    else:
        blocks.append(Block("paragraph", t("exchange.report.no_ideas")))

    blocks.append(Block("heading", t("exchange.report.constellations")))
    for idea in data.ideas[:TOP_IDEAS]:
        items = []
        if idea["constellations"]:
            best = idea["constellations"][0]
            items.append(t("exchange.report.best_constellation", members=", ".join(best["members"]), owner=best["owner"]))
        else:
            items.append(t("exchange.report.no_constellation"))
        items.extend(idea["missing"])
        items.append(t("exchange.report.ready") if idea["ready"] else t("exchange.report.not_ready", missing=", ".join(name for name, passed, _ in idea["criteria"] if not passed)))
        blocks.append(Block("bullets", text=idea["title"], items=tuple(items)))

    blocks.append(Block("heading", t("exchange.report.network")))
    if picture_png:
        blocks.append(Block("picture", text=t("exchange.report.picture_caption", organisations=data.key_figures["organisations"], links=data.key_figures["links"]), picture=picture_png))

    figures = data.key_figures
    blocks.append(Block("heading", t("exchange.report.key_figures")))
    none = t("exchange.report.none")
    blocks.append(
        Block(
            "bullets",
            items=(
                t("exchange.report.size", organisations=figures["organisations"], links=figures["links"]),
                t("exchange.report.new_links", count=figures["new_links"]) if figures["new_links"] is not None else t("exchange.report.new_links_unknown"),
                t("exchange.report.brokers", names=_listing(figures["brokers"], t) or none),
                t("exchange.report.isolated", names=_listing(figures["isolated"], t) or none),
                t("exchange.report.short_of_partners", titles=_listing(figures["short_of_partners"], t) or none),
            ),
        )
    )

    blocks.append(Block("heading", t("exchange.report.notes")))
    if data.notes:
        shown = data.notes[:NOTES_SHOWN]
        blocks.append(Block("bullets", items=tuple(f"{n['kind']} – {n['about']}: {n['text']}" if n["about"] else f"{n['kind']}: {n['text']}" for n in shown)))
        if len(data.notes) > NOTES_SHOWN:
            blocks.append(Block("paragraph", t("exchange.report.more_notes", count=len(data.notes) - NOTES_SHOWN)))
    else:
        blocks.append(Block("paragraph", t("exchange.report.no_notes")))

    blocks.append(Block("heading", t("exchange.report.next_steps")))
    steps = [t("exchange.report.step_ready", title=i["title"]) for i in data.ideas if i["ready"]][:5]
    steps += [t("exchange.report.step_partners", title=title) for title in figures["short_of_partners"][:5]]
    if figures["brokers"]:
        steps.append(t("exchange.report.step_brokers", names=", ".join(figures["brokers"][:3])))
    if figures["isolated"]:
        steps.append(t("exchange.report.step_isolated", count=len(figures["isolated"])))
    steps.append(t("exchange.report.step_next_meeting"))
    blocks.append(Block("bullets", items=tuple(steps)))
    return blocks
