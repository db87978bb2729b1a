"""The digital-maturity survey's questions, read from ``data/companies/dma.toml``.

The file holds every question, its options and its points; this module reads it into frozen
dataclasses, checks it once (an unknown dimension or a question without points fails at load,
not in front of a company), and checks one answer against its question
(:func:`clean_answer`). Scoring is in :mod:`workshop.companies.scoring`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from .vocabulary import DIMENSIONS

__all__ = ["QUESTION_TYPES", "SCALE_MAX", "Option", "Question", "Dimension", "Survey", "load_survey", "survey", "clean_answer", "DMA_FILE"]

DMA_FILE = Path(__file__).resolve().parents[2] / "data" / "companies" / "dma.toml"
QUESTION_TYPES = ("single", "multi", "scale")
SCALE_MAX = 5


@dataclass(frozen=True)
class Option:
    key: str
    points: int
    sv: str
    en: str
    exclusive: bool = False  # "none of these": cannot be ticked with another option

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.sv


@dataclass(frozen=True)
class Question:
    id: str
    dimension: str
    type: str  # "single", "multi" or "scale"
    sv: str
    en: str
    help_sv: str = ""
    help_en: str = ""
    options: tuple[Option, ...] = ()
    cap: int | None = None  # multi: the most points the ticked options can add up to
    low_sv: str = ""  # scale: what 0 means
    low_en: str = ""
    high_sv: str = ""  # scale: what 5 means
    high_en: str = ""

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.sv

    def help(self, language: str) -> str:
        return self.help_en if language == "en" else self.help_sv

    def low(self, language: str) -> str:
        return self.low_en if language == "en" else self.low_sv

    def high(self, language: str) -> str:
        return self.high_en if language == "en" else self.high_sv

    def option(self, key: str) -> Option:
        return next(o for o in self.options if o.key == key)

    @property
    def max_points(self) -> int:
        """The most points an answer to this question can score."""
        if self.type == "scale":
            return SCALE_MAX
        if self.type == "multi":
            return min(self.cap, sum(o.points for o in self.options)) if self.cap is not None else sum(o.points for o in self.options)
        return max(o.points for o in self.options)


@dataclass(frozen=True)
class Dimension:
    key: str
    sv: str
    en: str
    intro_sv: str
    intro_en: str

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.sv

    def intro(self, language: str) -> str:
        return self.intro_en if language == "en" else self.intro_sv


@dataclass(frozen=True)
class Survey:
    version: int
    dimensions: tuple[Dimension, ...]  # in the order of DIMENSIONS
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def in_dimension(self, dimension: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.dimension == dimension)

    def dimension(self, key: str) -> Dimension:
        return next(d for d in self.dimensions if d.key == key)


def _fail(message: str) -> None:
    raise ValueError(f"{DMA_FILE.name}: {message}")


def load_survey(path: Path = DMA_FILE) -> Survey:
    """Read and check the survey file.

    >>> s = load_survey()
    >>> [d.key for d in s.dimensions] == list(DIMENSIONS), all(s.in_dimension(d) for d in DIMENSIONS)
    (True, True)
    """
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    dims = raw.get("dimensions", {})
    if sorted(dims) != sorted(DIMENSIONS):
        _fail(f"dimensions must be exactly {DIMENSIONS}")
    dimensions = tuple(Dimension(key, dims[key]["sv"], dims[key]["en"], dims[key].get("intro_sv", ""), dims[key].get("intro_en", "")) for key in DIMENSIONS)
    questions: list[Question] = []
    for item in raw.get("questions", []):
        qid = item["id"]
        if item["dimension"] not in DIMENSIONS:
            _fail(f"{qid}: unknown dimension {item['dimension']!r}")
        if item["type"] not in QUESTION_TYPES:
            _fail(f"{qid}: unknown type {item['type']!r}")
        options = tuple(Option(o["key"], int(o["points"]), o["sv"], o["en"], bool(o.get("exclusive", False))) for o in item.get("options", []))
        if item["type"] == "scale" and options:
            _fail(f"{qid}: a scale has no options")
        if item["type"] != "scale" and (len(options) < 2 or len({o.key for o in options}) != len(options)):
            _fail(f"{qid}: needs two or more options with different keys")
        if item["type"] == "multi" and "cap" not in item:
            _fail(f"{qid}: a multiple choice needs a cap")
        question = Question(
            id=qid, dimension=item["dimension"], type=item["type"], sv=item["sv"], en=item["en"],
            help_sv=item.get("help_sv", ""), help_en=item.get("help_en", ""), options=options, cap=item.get("cap"),
            low_sv=item.get("low_sv", ""), low_en=item.get("low_en", ""), high_sv=item.get("high_sv", ""), high_en=item.get("high_en", ""),
        )
        if question.max_points <= 0:
            _fail(f"{qid}: can score no points")
        questions.append(question)
    if len({q.id for q in questions}) != len(questions):
        _fail("two questions share an id")
    return Survey(int(raw["version"]), dimensions, tuple(questions))


@lru_cache(maxsize=1)
def survey() -> Survey:
    """The survey in ``data/companies/dma.toml``, read once per process."""
    return load_survey()


def clean_answer(question: Question, value: Any) -> Any:
    """An answer checked against its question, in the form it is stored; ``None`` clears it.

    single: an option key; multi: a list of option keys in the file's order (an exclusive
    option alone; an empty list clears the answer); scale: a whole number 0-5. Anything else raises :class:`InvalidInput`
    with ``field`` "survey_answer".

    >>> q = survey().question("data_security")
    >>> clean_answer(q, ["two_step", "backup"])
    ['backup', 'two_step']
    >>> clean_answer(survey().question("human_confidence"), 4)
    4
    """
    if value is None:
        return None
    field = "survey_answer"
    keys = [o.key for o in question.options]
    if question.type == "single":
        if not isinstance(value, str) or value not in keys:
            raise InvalidInput("survey.error.choice", field=field)
        return value
    if question.type == "multi":
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)) or any(not isinstance(v, str) or v not in keys for v in value):
            raise InvalidInput("survey.error.choice", field=field)
        chosen = [k for k in keys if k in set(value)]
        if len(chosen) > 1 and any(question.option(k).exclusive for k in chosen):
            raise InvalidInput("survey.error.exclusive", field=field)
        return chosen or None  # nothing ticked is no answer (untick all to clear), not zero points
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SCALE_MAX:
        raise InvalidInput("survey.error.scale", field=field)
    return value
