"""The draft's words: each requirement's title and text (the coordinator may rewrite it) and its figures.

Edits are kept for the session, not stored (see docs/neighbourhood-office.md): the evidence
under each requirement is always the computed one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import InvalidInput
from ...i18n import Translator
from ...validation import clean_text
from ..vocabulary import SMALL_GROUP
from .records import EvidenceLine, Requirement
from .rules import EDIT_MAX, LOW_SCORE, RULES

__all__ = ["evidence_text", "requirement_title", "generated_text", "requirement_text", "clean_edits"]


def _size_label(size: str) -> str:
    return size.replace("-", "–")


def evidence_text(line: EvidenceLine, t: Translator) -> str:
    """One evidence line in words ("7 av 15 företag inom räckhåll (12 har svarat) behöver …")."""
    if line.kind == "need":
        words = [t(f"office.need.{n}") for n in line.needs]
        needs = words[0] if len(words) == 1 else ", ".join(words[:-1]) + t("office.or") + words[-1]
        return t("office.evidence.need", count=line.count, within=line.within, answered=line.answered, needs=needs)
    if line.kind == "sizes":
        parts = [t("office.evidence.size_unknown", count=n) if s == "?" else t("office.evidence.size_item", size=_size_label(s), count=n) for s, n in line.sizes]
        return t("office.evidence.sizes", sizes=", ".join(parts))
    if line.kind == "one_person":
        return t("office.evidence.one_person", count=line.count, of=line.within)
    mean = line.mean
    dimension = t(f"office.dimension.{mean.dimension}")
    if mean.value is None:
        return t("office.evidence.mean_withheld", dimension=dimension, minimum=SMALL_GROUP)
    value = f"{mean.value:.1f}".replace(".", ",") if t.language == "sv" else f"{mean.value:.1f}"
    key = "office.evidence.mean_low" if mean.low else "office.evidence.mean"
    return t(key, dimension=dimension, value=value, answers=mean.answers, low=f"{LOW_SCORE:.0f}")


def requirement_title(requirement: Requirement, t: Translator) -> str:
    return t(f"office.req.{requirement.key}.title")


def generated_text(requirement: Requirement, t: Translator) -> str:
    """The requirement's text as the rules write it."""
    if not requirement.supported:
        return t("office.no_evidence")
    return t(f"office.req.{requirement.key}.text.{requirement.variant}", **dict(requirement.params))


def requirement_text(requirement: Requirement, t: Translator, edits: Mapping[str, str] | None = None) -> str:
    """The coordinator's text when given (and not blank), else the generated one."""
    edited = (edits or {}).get(requirement.key)
    return edited.strip() if requirement.supported and edited and edited.strip() else generated_text(requirement, t)


def clean_edits(edits: Any) -> dict[str, str]:
    """The coordinator's texts, by requirement key: known keys, text only, at most EDIT_MAX characters.

    >>> clean_edits({"workplaces": "  Sex platser. "})
    {'workplaces': 'Sex platser.'}
    """
    if edits is None:
        return {}
    if not isinstance(edits, Mapping):
        raise InvalidInput("errors.invalid", field="office_edits")
    cleaned = {}
    for key, value in edits.items():
        if key not in RULES:
            raise InvalidInput("errors.invalid_choice", field="office_edits")
        text = clean_text(value if value is not None else "", f"office_{key}", max_length=EDIT_MAX, required=False)
        if text:
            cleaned[key] = text
    return cleaned
