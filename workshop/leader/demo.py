"""LEADER cards for a few demo ideas (``data/demo/leader-cards.toml``), so the card, the check
and the draft show something real. Loaded through :func:`workshop.leader.service.save_card`."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from sqlalchemy import select

from ..db import Store
from ..errors import ServiceError
from ..models import Idea
from .service import save_card

__all__ = ["DEMO_CARDS_FILE", "load_demo_cards"]

DEMO_CARDS_FILE = "leader-cards.toml"

_KEYS = {
    "idea", "leader_area", "support_type", "benefit", "budget", "support_sought_sek", "hours", "focus_area", "goal", "innovation_type",
    "horizontal", "long_term", "activities", "indicators", "start_in_days",
}


def load_demo_cards(store: Store, data_dir: Path, idea_ids: dict[str, int], org_ids: dict[str, int], token) -> int:
    """Save every card of the file; returns how many. A wrong key or a refused card raises ``ValueError``.

    ``start_in_days`` places the start that many days after loading, so the demo's start is
    always after "the application".
    """
    path = Path(data_dir) / DEMO_CARDS_FILE
    if not path.is_file():
        return 0
    with open(path, "rb") as handle:
        entries = tomllib.load(handle).get("card", [])
    for entry in entries:
        where = f"{path.name} [[card]] {entry.get('idea', '?')}"
        unknown = sorted(set(entry) - _KEYS)
        if unknown or entry.get("idea") not in idea_ids:
            raise ValueError(f"{where}: unknown key(s) {', '.join(unknown)} or unknown idea")
        idea_id = idea_ids[entry["idea"]]
        with store.unit_of_work() as session:
            home = session.scalar(select(Idea.workshop_id).where(Idea.id == idea_id))
        fields = {k: v for k, v in entry.items() if k not in ("idea", "hours", "start_in_days")}
        fields["volunteer_hours"] = {org_ids[key]: hours for key, hours in entry.get("hours", {}).items()}
        if "start_in_days" in entry:
            fields["planned_start"] = dt.date.today() + dt.timedelta(days=int(entry["start_in_days"]))
        try:
            save_card(store, home, token, idea_id, **fields)
        except (ServiceError, KeyError) as error:
            raise ValueError(f"{where}: refused: {error}") from error
    return len(entries)
