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
    assert len(rules) > 20
    assert all(rule.source.startswith("https://") and isinstance(rule.checked, dt.date) for rule in rules)


def test_every_table_in_the_files_has_source_and_checked_written_beside_it():
    # The loader checks what it reads; this reads the files raw, so a new table cannot slip by.
    # Criteria of [selection] share the selection's source.
    for path in sorted(RULES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        tables = [(name, value) for name, value in data.items() if isinstance(value, dict)]
        tables += [(f"{name}[{item.get('key')}]", item) for name, value in data.items() if isinstance(value, list) for item in value]
        assert tables, path.name
        for where, table in tables:
            assert "source" in table and "checked" in table, f"{path.name} {where}"


def test_both_areas_of_lindesbergs_kommun_have_rules_for_2023_2027():
    book = load_rules(period="2023-2027")
    assert set(book.areas) == {"Leader Mälardalen", "Leader Bergslagen"}
    malardalen = book.areas["Leader Mälardalen"]
    assert [t.key for t in malardalen.support_types] == ["projektstod", "foretag", "smaprojekt"]
    assert [f.name for f in malardalen.focus_areas] == ["Attraktiva och smarta bygder", "Delaktighet", "Entreprenörskap och företagande"]
    assert malardalen.selection.max_points == 500 and malardalen.selection.threshold == 250
    bergslagen = book.areas["Leader Bergslagen"]
    checks = [t for t in bergslagen.support_types if t.key.startswith("check_")]
    assert [t.name for t in checks] == ["Föreningscheck miljö", "Föreningscheck livskvalitet", "Check ungdom", "Check företag"]
    assert {(t.max_support_sek, t.volunteer_percent, t.investment_max_sek) for t in checks} == {(30_000, 30, 27_000)}


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
