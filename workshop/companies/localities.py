"""The nearest development point of a locality, from ``data/companies/localities.toml``.

The file maps the localities of Lindesbergs kommun to the nearest of the five development
points; the town of Lindesberg is listed apart as outside them (it is not a development
point). A locality not in the file has no development point: the overview reports it as a
gap. How the mapping was chosen is written at the top of the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..db import PROJECT_ROOT
from ..text import file_key

__all__ = ["DEVELOPMENT_POINTS", "LOCALITIES_FILE", "LocalityMap", "load_localities", "locality_map"]

LOCALITIES_FILE = PROJECT_ROOT / "data" / "companies" / "localities.toml"

#: The municipality's five development points (utvecklingspunkter).
DEVELOPMENT_POINTS = ("Fellingsbro", "Ullersäter", "Vedevåg", "Ramsberg", "Guldsmedshyttan")


class LocalitiesFileError(ValueError):
    """The localities file is inconsistent (an unknown point, a locality mapped twice)."""


@dataclass(frozen=True)
class LocalityMap:
    """Locality → nearest development point; ``outside`` the localities deliberately given none."""

    points: dict[str, str]  # locality as written in the file -> development point
    outside: frozenset[str]
    uncertain: dict[str, str]  # locality -> why it is uncertain

    def _find(self, locality: str, names) -> str | None:
        key = file_key(locality)
        return next((name for name in names if file_key(name) == key), None)

    def nearest(self, locality: str | None) -> str | None:
        """The development point nearest ``locality`` (case and accents folded), or ``None``.

        >>> m = locality_map()
        >>> m.nearest("Frövi"), m.nearest("STORÅ"), m.nearest("Ramsberg"), m.nearest("Lindesberg"), m.nearest("Paris")
        ('Ullersäter', 'Guldsmedshyttan', 'Ramsberg', None, None)
        """
        if not locality:
            return None
        found = self._find(locality, self.points)
        return self.points[found] if found else None

    def is_outside(self, locality: str | None) -> bool:
        """Whether ``locality`` is known to lie outside every development point's area (the town).

        >>> locality_map().is_outside("lindesberg"), locality_map().is_outside("Storå")
        (True, False)
        """
        return bool(locality) and self._find(locality, self.outside) is not None

    def canonical(self, locality: str) -> str:
        """The locality as the file spells it, when the file knows it; else as given.

        >>> locality_map().canonical("frovi")
        'Frövi'
        """
        return self._find(locality, [*self.points, *self.outside]) or locality


def load_localities(path: Path = LOCALITIES_FILE) -> LocalityMap:
    """Read and check the file: every point one of :data:`DEVELOPMENT_POINTS`, each locality once."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    points: dict[str, str] = {}
    for point, entry in data.get("point", {}).items():
        if point not in DEVELOPMENT_POINTS:
            raise LocalitiesFileError(f"{path.name}: {point} is not a development point")
        for locality in [point, *entry.get("localities", [])]:
            if locality in points and points[locality] != point:
                raise LocalitiesFileError(f"{path.name}: {locality} is mapped to both {points[locality]} and {point}")
            points[locality] = point
    outside = frozenset(data.get("outside", {}).get("localities", []))
    if outside & points.keys():
        raise LocalitiesFileError(f"{path.name}: {sorted(outside & points.keys())} are both outside and mapped")
    uncertain = {entry["locality"]: entry.get("note", "") for entry in data.get("uncertain", [])}
    return LocalityMap(points, outside, uncertain)


@lru_cache(maxsize=1)
def locality_map() -> LocalityMap:
    """The file, read once per process."""
    return load_localities()
