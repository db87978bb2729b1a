"""The rules files: every rule has its source and the day it was checked; a broken file is refused."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib

import pytest

from workshop.leader.rules import RULES_DIR, RulesFileError, load_rules


def test_every_rules_file_loads_and_every_rule_names_its_source_and_checked_date():
    book = load_rules()
    rules = list(book.national.rules.values())
    for area in book.areas.values():
        rules += list(area.rules.values()) + [t.rule for t in area.support_types] + [f.rule for f in area.focus_areas]
        if area.selection:
            rules.append(area.selection.rule)
            # Every criterion names its own source (a self-check's are built from different pages).
            assert all(c.rule is not None for c in area.selection.criteria), area.area
            rules += [c.rule for c in area.selection.criteria]
    assert len(rules) > 30
    assert all(rule.source.startswith("https://") and isinstance(rule.checked, dt.date) for rule in rules)


def test_every_table_in_the_files_has_source_and_checked_written_beside_it():
    # The loader checks what it reads; this reads the files raw, so a new table cannot slip by:
    # every table and every array of tables, nested ones too ([[selection.criterion]]).
    def tables_in(where, table):
        yield where, table
        for name, value in table.items():
            if isinstance(value, dict) and name not in ("parts",):  # parts: locality -> part, data not a fact table
                yield from tables_in(f"{where}.{name}", value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        yield from tables_in(f"{where}.{name}[{item.get('key')}]", item)

    for path in sorted(RULES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = [t for t in tables_in(path.name, data) if t[0] != path.name]
        assert tables, path.name
        for where, table in tables:
            assert "source" in table and "checked" in table, where
            assert table["source"].startswith("https://"), where


def test_every_rule_changed_on_2026_12_07_keeps_its_source_and_cites_the_offices_current_pages():
    # The Fellingsbro split cites the offices' pages for 2023-2027, not a 2018 article.
    book = load_rules()
    for area in book.areas.values():
        coverage = area.rules["coverage"]
        assert coverage.checked >= dt.date(2026, 12, 7) and "2018" not in coverage.source, area.area
    assert book.coverage("Fellingsbro").rest_unknown


def test_both_areas_of_lindesbergs_kommun_have_rules_for_2023_2027():
    book = load_rules(period="2023-2027")
    assert set(book.areas) == {"Leader Mälardalen", "Leader Bergslagen"}
    malardalen = book.areas["Leader Mälardalen"]
    assert [t.key for t in malardalen.support_types] == ["projektstod", "foretag", "smaprojekt"]
    assert [f.name for f in malardalen.focus_areas] == ["Attraktiva och smarta bygder", "Delaktighet", "Entreprenörskap och företagande"]
    assert malardalen.selection.max_points == 500 and malardalen.selection.threshold == 250
    bergslagen = book.areas["Leader Bergslagen"]
    checks = {t.key: t for t in bergslagen.support_types if t.key.startswith("check_")}
    assert [t.name for t in checks.values()] == ["Föreningscheck miljö", "Föreningscheck livskvalitet", "Check ungdom", "Check företag"]
    # The association and company checks: 30 000 kr, investments 27 000 kr; the youth check is
    # smaller (the office's youth pages, checked 2026-12-07): 20 000 kr, investments 24 000 kr.
    assert {(t.max_support_sek, t.volunteer_percent, t.investment_max_sek) for k, t in checks.items() if k != "check_ungdom"} == {(30_000, 30, 27_000)}
    youth = checks["check_ungdom"]
    assert (youth.max_support_sek, youth.investment_max_sek) == (20_000, 24_000)
    assert youth.rule.checked == dt.date(2026, 12, 7) and "ungdomschecken" in youth.rule.source


def _copy_rules(tmp_path):
    folder = tmp_path / "leader"
    shutil.copytree(RULES_DIR, folder)
    return folder


def test_a_rule_without_a_source_is_refused_with_the_file_and_the_rule_named(tmp_path):
    folder = _copy_rules(tmp_path)
    path = folder / "leader-bergslagen-2023-2027.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('source = "https://leaderbergslagen.eu/ansokan-leadercheck/"\nchecked = 2026-12-02\n\n[[support_type]]\nkey = "check_livskvalitet"',
                                 'checked = 2026-12-02\n\n[[support_type]]\nkey = "check_livskvalitet"', 1), encoding="utf-8")
    with pytest.raises(RulesFileError, match=r"leader-bergslagen-2023-2027.toml support_type \[check_miljo\]: every rule needs a source"):
        load_rules(folder)


def test_a_new_programme_period_is_a_new_file_and_the_latest_period_is_read(tmp_path):
    folder = _copy_rules(tmp_path)
    for old in folder.glob("*2023-2027.toml"):
        new = old.read_text(encoding="utf-8").replace('period = "2023-2027"', 'period = "2028-2034"').replace("sek = 340", "sek = 360")
        (folder / old.name.replace("2023-2027", "2028-2034")).write_text(new, encoding="utf-8")
    assert load_rules(folder).areas["Leader Bergslagen"].hour_value_sek == 360
    assert load_rules(folder, period="2023-2027").areas["Leader Bergslagen"].hour_value_sek == 340
