"""The Swedish and English catalogs hold the same keys, and every key the code uses.

Each test reports every mismatch it finds at once (one assertion over the whole catalog),
rather than one test per key: a missing string is found in the same run as all the others.
"""

from __future__ import annotations

import importlib
import re
import string
from functools import cache
from pathlib import Path

import pytest

from workshop import vocabulary
from workshop.i18n import LANGUAGES, catalog, translate
from workshop.services.access import AUDIT_ACTIONS
from workshop.services.roles import RULES

ROOT = Path(__file__).resolve().parents[1]
# Folders at the top of the repository whose Python is not the app's: their strings are no UI.
NOT_THE_APP = {"tests", "benchmarks", "docs", "data", "node_modules", "test-artifacts"}
# A dotted literal that ends like a file name ("demo.sqlite3") names a file, not a message.
FILE_SUFFIXES = {"sqlite3", "json", "csv", "xlsx", "docx", "pdf", "md", "png", "svg", "html", "css", "js", "gexf", "graphml", "toml", "py", "txt", "zip"}
# Keys built at run time from the closed vocabularies: "<prefix>.<value>".
VOCABULARY_PREFIXES = {
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
}


def app_sources() -> list[Path]:
    """``app.py`` and every Python file of every top-level folder of the app (workshop/, pages/, ui/ …)."""
    sources = sorted(ROOT.glob("*.py"))
    for folder in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        if folder.name.startswith((".", "_")) or folder.name in NOT_THE_APP or "venv" in folder.name:
            continue
        sources += sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)  # schema, no UI
    return sources


def catalog_prefixes() -> list[str]:
    """Every first part of a key in any catalog ("companies", "leader", "nav" …)."""
    return sorted({key.split(".", 1)[0] for language in LANGUAGES for key in catalog(language)})


@cache
def used_keys() -> dict[str, str]:
    """Every message key the code names, with the file that names it first."""
    handed_to_choice = choice_prefixes()  # t.choice("carry.role", value): a prefix, checked on its own
    prefixes = "|".join(map(re.escape, catalog_prefixes()))
    # "prefix.rest" in quotes, not a ForeignKey("table.column") target.
    literal = re.compile(rf"""(?<!ForeignKey\()["']((?:{prefixes})\.[A-Za-z0-9_.+\-]*[A-Za-z0-9_+])["']""")
    keys: dict[str, str] = {}
    for path in app_sources():
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        for key in literal.findall(source):
            if key.rsplit(".", 1)[1] not in FILE_SUFFIXES and key not in handed_to_choice and not names_code(key):
                keys.setdefault(key, name)
        for field in re.findall(r'field="([a-z_]+)"', source):  # errors name the field they are about
            keys.setdefault(f"field.{field}", name)
    for prefix, values in VOCABULARY_PREFIXES.items():
        for value in values:
            keys.setdefault(f"{prefix}.{value}", "workshop/vocabulary.py")
    # Audit actions are stored values ("workshop.create"), shown through "audit.action.<action>".
    for action in AUDIT_ACTIONS:
        keys.pop(action, None)
        keys.setdefault(f"audit.action.{action}", "workshop/services/access.py")
    return keys


def names_code(dotted: str) -> bool:
    """Whether a dotted literal names code rather than a message.

    The roles table names the service functions it governs ("voting.set_dots",
    "workshop.privacy.erasure.erase_person"), and assets are read from packages
    ("workshop.network"): such strings are code, not text a person reads.
    """
    governed = {name for rule in RULES for name in rule.services}
    if dotted in governed or f"workshop.services.{dotted}" in governed:  # roles.py writes _S + "voting.set_dots"
        return True
    if dotted.startswith("workshop."):
        try:
            importlib.import_module(dotted)
        except ImportError:
            return False
        return True
    return False


@cache
def choice_prefixes() -> dict[str, str]:
    """Every literal prefix handed to ``t.choice("prefix", value)``, with the file that hands it."""
    call = re.compile(r"""\.choice\(\s*["']([a-z_.]+)["']\s*,""")
    return {prefix: str(path.relative_to(ROOT)) for path in app_sources() for prefix in call.findall(path.read_text(encoding="utf-8"))}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_reads_every_part_of_the_app_and_every_prefix_of_the_catalogs():
    # Guards the guard: a scan that read no pages or knew no "companies." keys would pass anything.
    folders = {path.relative_to(ROOT).parts[0] for path in app_sources()}
    assert {"app.py", "workshop", "pages"} <= folders and not folders & NOT_THE_APP
    used_prefixes = {key.split(".", 1)[0] for key in used_keys()}
    assert {"companies", "leader", "exchange", "survey", "office", "fit", "nav", "errors"} <= used_prefixes


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_key_the_code_uses_is_in_the_catalog(language):
    known = catalog(language)
    missing = [f"{key} (in {where})" for key, where in sorted(used_keys().items()) if key not in known]
    assert not missing, f"{len(missing)} keys missing in {language}:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_prefix_handed_to_choice_has_labels_in_the_catalog(language):
    # t.choice("prefix", value) shows "prefix.value": a prefix with no key at all shows raw keys.
    labelled = {key.rsplit(".", 1)[0] for key in catalog(language)}
    missing = [f"{prefix} (in {where})" for prefix, where in sorted(choice_prefixes().items()) if prefix not in labelled]
    assert not missing, f"no labels in {language} for: {missing}"


def test_swedish_and_english_have_the_same_keys():
    swedish, english = set(catalog("sv")), set(catalog("en"))
    assert (sorted(swedish - english), sorted(english - swedish)) == ([], [])


def test_both_languages_use_the_same_parameters_in_every_text():
    swedish, english = catalog("sv"), catalog("en")
    differ = [
        f"{key}: sv {sorted(fields(swedish[key]))} en {sorted(fields(english[key]))}"
        for key in sorted(swedish.keys() & english.keys())
        if fields(swedish[key]) != fields(english[key])
    ]
    assert not differ, "\n".join(differ)


def test_a_text_is_empty_in_one_language_only_if_it_is_empty_in_both():
    # Two placeholders are empty on purpose in both; a text left empty in one language is a slip.
    swedish, english = catalog("sv"), catalog("en")
    one_sided = [key for key in sorted(swedish.keys() & english.keys()) if bool(swedish[key].strip()) != bool(english[key].strip())]
    assert not one_sided


def test_swedish_is_the_default_and_english_is_selectable():
    assert translate("sv", "nav.start") == "Gå med"
    assert translate("en", "nav.start") == "Join"
    assert translate("xx", "nav.start") == "Gå med"
