"""``bench --only multi-server`` says what it needs before it starts anything."""

from __future__ import annotations

import pytest

from benchmarks import multiserver
from workshop.cli import EXIT_REFUSED, main


def test_the_multi_server_bench_refuses_clearly_without_nginx(monkeypatch, capsys):
    monkeypatch.setattr(multiserver.shutil, "which", lambda name: None)
    monkeypatch.setattr(multiserver.os, "access", lambda path, mode: False)
    assert main(["bench", "--only", "multi-server", "--postgres", "postgresql+psycopg://u:p@127.0.0.1/none"]) == EXIT_REFUSED
    assert "nginx saknas" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments, message",
    [
        ([], "--postgres"),
        (["--postgres", "sqlite:///x.sqlite3"], "--postgres"),
        (["--postgres", "postgresql+psycopg://u:p@127.0.0.1/none", "--servers", "1,två"], "--servers ska vara heltal"),
        (["--postgres", "postgresql+psycopg://u:p@127.0.0.1/none", "--walls", "0"], "minst 1"),
    ],
)
def test_the_multi_server_bench_refuses_what_it_cannot_measure(arguments, message, capsys):
    assert main(["bench", "--only", "multi-server", *arguments]) == EXIT_REFUSED
    assert message in capsys.readouterr().err
