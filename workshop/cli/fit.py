"""``constellations``: the suggestions per idea, with a reason for every member (``evaluate-fit`` is in :mod:`.bench`)."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import DatabaseUnavailable
from ..i18n import Translator
from ._common import EXIT_FAILED, EXIT_OK, EXIT_REFUSED, Command, add_database_argument, open_store

__all__ = ["COMMANDS"]


def _constellations_arguments(parser: argparse.ArgumentParser) -> None:
    add_database_argument(parser)
    parser.add_argument("--workshop", metavar="NAMN", help="bara idéer som togs upp på workshoppen med denna titel")
    parser.add_argument("--idea", metavar="TITEL", help="bara idén med denna titel")
    parser.add_argument("--json", action="store_true", help="skriv ut JSON i stället för text")
    parser.add_argument("--plan", action="store_true", help="skriv också ut processplanen (en konstellation per idé inom kapaciteten)")


def _run_constellations(args: argparse.Namespace) -> int:
    # lazy: the analysis loads scikit-learn and SciPy (seconds); --help and the other commands need none of it
    from ..services import analysis
    from ..services.network import read_snapshot

    t = Translator("sv")
    store = open_store(args.db)
    try:
        snapshot = read_snapshot(store)
    except DatabaseUnavailable as error:
        print(f"Kunde inte läsa databasen: {error}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        store.engine.dispose()
    fit = analysis.fit(analysis.network_view(snapshot))
    ideas = sorted(snapshot.ideas, key=lambda i: i.id)
    if args.workshop is not None:
        wanted = {w.id for w in snapshot.workshops if w.title == args.workshop}
        if not wanted:
            print(f"Ingen workshop heter {args.workshop!r}.", file=sys.stderr)
            return EXIT_REFUSED
        ideas = [i for i in ideas if i.workshop_id in wanted]
    if args.idea is not None:
        ideas = [i for i in ideas if i.title == args.idea]
        if not ideas:
            print(f"Ingen idé heter {args.idea!r}.", file=sys.stderr)
            return EXIT_REFUSED
    names = fit.view.names
    report = [_idea_report(t, fit, idea, names) for idea in ideas]
    plan_report = _plan_report(fit, names, {i.id for i in ideas}) if args.plan else None
    if args.json:
        print(json.dumps({"ideas": report, **({"plan": plan_report} if plan_report is not None else {})}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for entry in report:
        print(f"{entry['title']} — {entry['state_label']}")
        for item in entry["ask"]:
            print(f"  ? {item}")
        for rank, c in enumerate(entry["constellations"], start=1):
            print(f"  {rank}. {', '.join(m['name'] for m in c['members'])}  (poäng {c['score']:.2f}, ägare {c['owner']})")
            print("     delar: " + ", ".join(f"{t(f'constellation.part.{part}').lower()} {value:.2f}" for part, value in c["parts"].items()))
            for member in c["members"]:
                print(f"     - {member['name']}: {member['reason']}")
        print()
    if plan_report is not None:
        status = "bästa möjliga" if plan_report["optimal"] else f"högst {100 * plan_report['gap']:.1f} % från bästa möjliga"
        print(f"Processplan: total poäng {plan_report['total']:.2f} ({status})")
        for entry in plan_report["entries"]:
            members = ", ".join(entry["members"]) if entry["members"] else "– (ingen ryms inom kapaciteten)"
            print(f"  {entry['title']}: {members}")
        print("Mest efterfrågade:")
        for load in plan_report["loads"][:10]:
            print(f"  {load['name']}: {load['assigned']} av {load['capacity']} (önskad av {load['wanted']} idéer)")
        for contention in plan_report["contested"]:
            print(f"  Konkurrens om {contention['name']} (kapacitet {contention['capacity']}): {' · '.join(contention['ideas'])}")
    return EXIT_OK


def _idea_report(t, fit, idea, names) -> dict:
    from ..services import analysis  # lazy: scikit-learn and SciPy, only for this command

    result = fit.results[idea.id]
    members = sorted({m for c in result.candidates for m in c.members})
    reasons = analysis.member_reasons(fit, idea.id, members)
    return {
        "id": idea.id,
        "title": idea.title,
        "state": result.state,
        "state_label": t(f"fit.state.{result.state}"),
        "ask": [t.message(m) for m in result.ask],
        "constellations": [
            {
                "members": [
                    {"id": m, "name": names.get(m, "?"), "reason": "; ".join(t.message(c) for c in reasons[m]) or t("fit.no_reason")}
                    for m in c.members
                ],
                "owner": names.get(c.owner_id, "?"),
                "score": round(c.score, 4),
                "parts": {part: round(value, 4) for part, value in c.parts.items()},
            }
            for c in result.candidates
        ],
    }


def _plan_report(fit, names, idea_ids: set[int]) -> dict:
    from ..services import analysis  # lazy: scikit-learn and SciPy, only for this command

    titles = {i.id: i.title for i in fit.view.snapshot.ideas}
    plan = analysis.plan(fit)
    return {
        "total": round(plan.total, 4),
        "optimal": plan.optimal,
        "gap": round(plan.gap, 4),
        "entries": [
            {"id": e.idea_id, "title": titles[e.idea_id], "members": [names.get(m, "?") for m in e.constellation.members] if e.constellation else [], "rank": e.rank}
            for e in plan.entries
            if e.idea_id in idea_ids
        ],
        "loads": [
            {"id": load.organisation_id, "name": names.get(load.organisation_id, "?"), "assigned": load.assigned, "capacity": load.capacity, "wanted": load.wanted}
            for load in plan.loads
        ],
        "contested": [
            {"id": c.organisation_id, "name": names.get(c.organisation_id, "?"), "capacity": c.capacity, "ideas": [titles[i] for i in c.idea_ids], "granted": [titles[i] for i in c.granted]}
            for c in plan.contested
        ],
    }


COMMANDS: dict[str, Command] = {
    "constellations": Command(
        "visa varje idés läge och konstellationer med skäl för varje medlem (--plan: processplanen)",
        _constellations_arguments,
        _run_constellations,
    ),
}
