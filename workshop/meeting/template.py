"""The Swedish template of a challenge-driven meeting, read from ``data/meeting/phases.toml``.

Pure: it knows the forms a phase may open and the limits of a phase's fields, and reads the
template into frozen dataclasses, checked once at load (a form that does not exist fails here,
not in front of the room).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lengths import TEXT_MAX, TITLE_MAX

__all__ = ["FORMS", "MINUTES_MAX", "PHASES_MAX", "PHASES_FILE", "TemplatePhase", "load_template", "template"]

PHASES_FILE = Path(__file__).resolve().parents[2] / "data" / "meeting" / "phases.toml"
# The participant forms a phase can open on every phone; "none" leaves the phones where they are.
FORMS = ("none", "wall", "idea", "note", "tie", "commitment", "offers", "mine")
MINUTES_MAX = 240  # a time box longer than four hours is a typo
PHASES_MAX = 30  # a sequence longer than this no longer fits on the facilitator's page


@dataclass(frozen=True)
class TemplatePhase:
    """One phase of the template: what the room does, for how long, and which form it opens."""

    kind: str
    title: str
    instruction: str
    minutes: int
    form: str


def load_template(path: Path = PHASES_FILE) -> tuple[TemplatePhase, ...]:
    """Read and check a template file.

    Parameters
    ----------
    path : Path
        A TOML file with a ``[[phase]]`` table per phase (``kind``, ``title``, ``instruction``,
        ``minutes``, ``form``).

    Returns
    -------
    tuple of TemplatePhase
        The phases in the order of the file.

    Raises
    ------
    ValueError
        When a phase has an unknown form, no title, or a time box outside 1..MINUTES_MAX.

    Examples
    --------
    >>> phases = load_template()
    >>> [p.kind for p in phases]
    ['challenge', 'ideas', 'knowledge', 'dots', 'constellations', 'next_steps']
    >>> phases[1].title, phases[1].form
    ('Idéer', 'idea')
    """
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    phases = []
    for item in raw.get("phase", []):
        phase = TemplatePhase(item["kind"], item["title"], item.get("instruction", ""), item["minutes"], item.get("form", "none"))
        if phase.form not in FORMS:
            raise ValueError(f"{path.name}: phase {phase.kind!r} opens an unknown form {phase.form!r}")
        if not phase.title or len(phase.title) > TITLE_MAX or len(phase.instruction) > TEXT_MAX:
            raise ValueError(f"{path.name}: phase {phase.kind!r} needs a title of at most {TITLE_MAX} characters")
        if not isinstance(phase.minutes, int) or not 1 <= phase.minutes <= MINUTES_MAX:
            raise ValueError(f"{path.name}: phase {phase.kind!r} needs 1..{MINUTES_MAX} minutes")
        phases.append(phase)
    if not 1 <= len(phases) <= PHASES_MAX:
        raise ValueError(f"{path.name}: a template holds 1..{PHASES_MAX} phases")
    return tuple(phases)


@lru_cache(maxsize=1)
def template() -> tuple[TemplatePhase, ...]:
    """The template every new sequence starts from (read once per process)."""
    return load_template()
