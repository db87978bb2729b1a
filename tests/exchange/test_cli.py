"""The command line: import, export, backup and restore, as an operator runs them from cron."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.exchange.files import ORGANISATIONER, process_files, swedish_excel
from tests.factories import row_counts
from workshop.__main__ import main
from workshop.db import create_store
from workshop.models import AuditEvent


@pytest.fixture
def lists(tmp_path):
    folder = tmp_path / "listor"
    folder.mkdir()
    paths = []
    for name, data in process_files():
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    return paths


def db(tmp_path, name="cli.sqlite3") -> str:
    return f"sqlite:///{tmp_path / name}"


def audit_actions(url) -> list[tuple[str, str]]:
    store = create_store(url)
    try:
        with store.unit_of_work() as session:
            return [(e.actor_role, e.action) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    finally:
        store.engine.dispose()


def test_import_creates_the_workshop_says_what_it_wrote_and_records_it(tmp_path, lists, capsys):
    url = db(tmp_path)
    assert main(["import", "--db", url, "--workshop", "Listor från kommunen", *lists]) == 0
    out = capsys.readouterr().out
    assert "Workshoppen Listor från kommunen skapades" in out and "5 nya organisationer, 3 nya personer" in out
    assert not any(word in out for word in ("organisations", "people", "ties", "commitments"))  # all Swedish
    assert "Obs: deltagare.csv, rad 3, kolumn Samtycke: Örjan Ärlig har inte samtyckt" in out
    assert ("system", "exchange.import") in audit_actions(url)
    # The same files again: nothing new.
    assert main(["import", "--db", url, "--workshop", "Listor från kommunen", *lists]) == 0
    assert "Inläst i Listor från kommunen: inget nytt." in capsys.readouterr().out


def test_import_prints_each_problem_by_file_row_and_column_and_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "organisationer.csv"
    bad.write_bytes(swedish_excel(ORGANISATIONER + "Felnummer AB;Företag;Lindesberg;556036-0794;;\r\n"))
    url = db(tmp_path)
    assert main(["import", "--db", url, "--workshop", "Listor", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "organisationer.csv, rad 5, kolumn Organisationsnummer: kontrollsiffran stämmer inte" in err
    assert "Inget har sparats" in err
    store = create_store(url)
    assert row_counts(store)["organisations"] == 0 and row_counts(store)["workshops"] == 0
    store.engine.dispose()


def test_export_writes_each_format_for_one_workshop_or_the_whole_process(tmp_path, lists, capsys):
    url = db(tmp_path)
    main(["import", "--db", url, "--workshop", "Listor", *lists])
    for fmt, magic in (("gexf", b"<?xml"), ("xlsx", b"PK"), ("pdf", b"%PDF"), ("html", b"<!DOCTYPE html>")):
        target = tmp_path / f"ut.{fmt}"
        assert main(["export", "--db", url, "--workshop", "Listor", "--format", fmt, "-o", str(target)]) == 0
        assert target.read_bytes().startswith(magic)
    assert main(["export", "--db", url, "--format", "json", "-o", str(tmp_path / "allt.json")]) == 0
    assert json.loads((tmp_path / "allt.json").read_text())["nodes"]
    assert main(["export", "--db", url, "--workshop", "Finns inte", "--format", "json", "-o", str(tmp_path / "x.json")]) == 1
    assert ("system", "exchange.export") in audit_actions(url)


def test_backup_then_restore_into_a_new_database_from_the_command_line(tmp_path, lists, capsys):
    source, target = db(tmp_path, "a.sqlite3"), db(tmp_path, "b.sqlite3")
    main(["import", "--db", source, "--workshop", "Listor", *lists])
    first = tmp_path / "natt.json"
    assert main(["backup", "--db", source, "-o", str(first)]) == 0
    assert main(["restore", "--db", target, str(first)]) == 0
    assert "Återläst exakt" in capsys.readouterr().out
    again = tmp_path / "igen.json"
    main(["backup", "--db", target, "-o", str(again)])
    before, after = json.loads(first.read_text()), json.loads(again.read_text())
    # The restore itself and the second backup are in the trail: everything else is the same.
    assert {k: v for k, v in after["tables"].items() if k not in ("audit_events", "process_state")} == {k: v for k, v in before["tables"].items() if k not in ("audit_events", "process_state")}
    assert after["tables"]["audit_events"][: len(before["tables"]["audit_events"])] == before["tables"]["audit_events"]
    (tmp_path / "trasig.json").write_text("{inte json")
    assert main(["restore", "--db", target, str(tmp_path / "trasig.json")]) == 1
    assert "ingen säkerhetskopia" in capsys.readouterr().err
