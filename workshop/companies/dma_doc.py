"""The survey's questions and their points, written into docs/digital-maturity.md from the data file.

Run ``python -m workshop.companies.dma_doc`` after changing ``data/companies/dma.toml``;
it rewrites only the marked section ``questions`` of the document, and
``tests/companies/test_dma_doc.py`` fails while the document and the file disagree.
"""

from __future__ import annotations

from pathlib import Path

from ..docsections import replace_section
from .questions import SCALE_MAX, Survey, survey

__all__ = ["DOC", "questions_section", "write_doc"]

DOC = Path(__file__).resolve().parents[2] / "docs" / "digital-maturity.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def questions_section(the_survey: Survey | None = None) -> str:
    """The Markdown of every dimension's questions, each with its options and points.

    >>> "`strategy_plan`" in questions_section() and "högst 3 poäng" in questions_section()
    True
    """
    the_survey = the_survey or survey()
    lines = [f"## Frågorna och deras poäng (version {the_survey.version})", "",
             "Genererat från `data/companies/dma.toml` (`python -m workshop.companies.dma_doc`); ändra filen, inte detta avsnitt.", ""]
    for dimension in the_survey.dimensions:
        questions = the_survey.in_dimension(dimension.key)
        total = sum(q.max_points for q in questions)
        lines += [f"### {dimension.sv} (`{dimension.key}`, {dimension.en})", "",
                  f"{len(questions)} frågor, högst {total} poäng när alla är besvarade. Poäng 0–100 = 100 × poäng ÷ högsta möjliga för de besvarade frågorna.", ""]
        for q in questions:
            kind = {"single": "ett svar", "multi": "flera svar, varje kryss ger sina poäng upp till taket", "scale": f"skala 0–{SCALE_MAX}, talet är poängen"}[q.type]
            lines.append(f"**`{q.id}`** — {_cell(q.sv)} *({_cell(q.en)})* — {kind}; högst {q.max_points} poäng." + ("  " if q.help_sv else ""))
            if q.help_sv:
                lines.append(f"Hjälptext: {_cell(q.help_sv)}")
            lines.append("")
            if q.type == "scale":
                lines += [f"0 = {_cell(q.low_sv)}, {SCALE_MAX} = {_cell(q.high_sv)}.", ""]
            else:
                lines += ["| Svar | Poäng |", "|---|---|"]
                lines += [f"| {_cell(o.sv)}{' (kan inte kombineras)' if o.exclusive else ''} | {o.points} |" for o in q.options]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def write_doc(path: Path = DOC) -> None:
    path.write_text(replace_section(path.read_text(encoding="utf-8"), "questions", questions_section()), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    write_doc()
    print(f"Skrev frågorna till {DOC}")
