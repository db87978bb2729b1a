"""Reference data: localities, their Leader areas and the areas' budget caps.

Loaded from readable CSV files in ``data/`` when the database has none; after that
facilitators correct them in the app, so the mapping is data, not code.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from ..db import PROJECT_ROOT, Store
from ..models import LeaderArea, Locality

__all__ = ["ensure_reference_data"]

DATA_DIR = PROJECT_ROOT / "data"


def ensure_reference_data(store: Store, data_dir: Path = DATA_DIR) -> None:
    with store.unit_of_work(write=True) as session:
        if session.scalar(select(LeaderArea.id).limit(1)) is None:
            with open(data_dir / "leader_areas.csv", encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    cap = row["budget_cap_sek"].strip()
                    session.add(LeaderArea(name=row["leader_area"].strip(), budget_cap_sek=int(cap) if cap else None))
        known = set(session.scalars(select(Locality.name)))
        fresh = not any(True for _ in session.scalars(select(Locality.id).where(Locality.is_development_point.is_(True)).limit(1)))
        with open(data_dir / "localities.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row["locality"].strip()
                is_point = row["development_point"].strip().lower() == "yes"
                boundary = (row.get("boundary") or "").strip().lower() == "yes"
                area = row["leader_area"].strip() or None
                if name not in known:  # new villages reach existing databases too
                    session.add(Locality(name=name, leader_area=area, is_development_point=is_point, crosses_boundary=boundary))
                elif fresh:  # a place someone typed before the list was loaded
                    existing = session.scalar(select(Locality).where(Locality.name == name))
                    existing.is_development_point = is_point
                    existing.crosses_boundary = existing.crosses_boundary or boundary
                    existing.leader_area = existing.leader_area or area
        session.commit()
