"""The Swedish and English catalogs hold the same keys, and every key the code uses."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from workshop import vocabulary
from workshop.i18n import LANGUAGES, catalog, translate
from workshop.services.access import AUDIT_ACTIONS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "workshop").rglob("*.py"))]
# t("key"), t.choice("prefix", value) and message keys handed to errors: "errors.x", "field.y" ...
LITERAL_KEY = re.compile(r"""["']((?:app|nav|common|home|facilitate|contribute|wall|mine|projector|moderate|voting|workshop|field|errors|network|constellation|readiness|map|insights|export|privacy|kind|sector|role|note_kind|subject|visibility|tie_kind|need|offer|stage)\.[a-z0-9_.]+)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES:
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    # Keys built from the closed vocabularies at run time.
    for prefix, values in {
        "kind": vocabulary.ORGANISATION_KINDS,
        "sector": vocabulary.SECTORS,
        "role": vocabulary.COMMITMENT_ROLES,
        "note_kind": vocabulary.NOTE_KINDS,
        "subject": vocabulary.NOTE_SUBJECTS,
        "visibility": vocabulary.NOTE_VISIBILITIES,
        "tie_kind": vocabulary.TIE_KINDS,
        "need": vocabulary.NEED_CATEGORIES,
        "offer": vocabulary.NEED_CATEGORIES,
        "stage": vocabulary.IDEA_STAGES,
    }.items():
        keys |= {f"{prefix}.{value}" for value in values}
    keys |= {f"field.{name}" for name in re.findall(r'field="([a-z_]+)"', "\n".join(p.read_text() for p in SOURCES))}
    # Audit actions are stored values ("workshop.create"), shown through "audit.action.<action>".
    keys -= AUDIT_ACTIONS
    keys |= {f"audit.action.{action}" for action in AUDIT_ACTIONS}
    return {k for k in keys if not k.endswith(".")}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_key_the_code_uses_is_in_the_catalog(language):
    missing = sorted(used_keys() - set(catalog(language)))
    assert not missing, f"missing in {language}: {missing}"


def test_swedish_and_english_have_the_same_keys():
    swedish, english = set(catalog("sv")), set(catalog("en"))
    assert sorted(swedish - english) == [] and sorted(english - swedish) == []


@pytest.mark.parametrize("key", sorted(catalog("sv")))
def test_both_languages_use_the_same_parameters(key):
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert fields(catalog("sv")[key]) == fields(catalog("en")[key])


def test_swedish_is_the_default_and_english_is_selectable():
    assert translate("sv", "nav.start") == "Gå med"
    assert translate("en", "nav.start") == "Join"
    assert translate("xx", "nav.start") == "Gå med"
