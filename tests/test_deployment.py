"""The deployment example is the configuration the multi-server benchmark runs, and nginx accepts it.

``docs/deployment.md`` shows what :mod:`workshop.deployment` renders; the benchmark
(:mod:`benchmarks.multiserver`) wraps the same site in its own nginx.conf. nginx itself is
the judge where it is installed (CI has none: those tests are skipped there).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.multiserver import proxy_config
from workshop.db import PROJECT_ROOT
from workshop.deployment import nginx_site, streamlit_unit
from workshop.services import changes

DOC = PROJECT_ROOT / "docs" / "deployment.md"
# The example's parameters: three servers on one machine, TLS on the municipality's name.
DOC_BACKENDS = ["127.0.0.1:8501", "127.0.0.1:8502", "127.0.0.1:8503"]
DOC_NAME = "projektberedskap.lindesberg.se"
DOC_CERTIFICATE = ("/etc/ssl/certs/projektberedskap.pem", "/etc/ssl/private/projektberedskap.key")

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx-light)")


def _doc_site() -> str:
    return nginx_site(DOC_BACKENDS, listen="443", server_name=DOC_NAME, certificate=DOC_CERTIFICATE)


def _nginx_test(folder: Path, conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize(
    "fence, rendered",
    [("nginx", _doc_site), ("ini", streamlit_unit)],
    ids=["nginx site", "systemd unit"],
)
def test_the_deployment_page_shows_exactly_what_the_code_renders(fence, rendered):
    assert f"```{fence}\n{rendered().rstrip()}\n```" in DOC.read_text(encoding="utf-8"), (
        "docs/deployment.md no longer shows workshop/deployment.py's output: paste the new rendering into the page"
    )


@needs_nginx
@pytest.mark.parametrize("servers", [1, 3])
def test_nginx_accepts_the_configuration_the_benchmark_runs(tmp_path, servers):
    conf = proxy_config(tmp_path, [f"127.0.0.1:{8501 + n}" for n in range(servers)], 18080)
    checked = _nginx_test(tmp_path, conf)
    assert checked.returncode == 0, checked.stderr


@needs_nginx
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl makes the test certificate")
def test_nginx_accepts_the_documented_configuration_with_tls(tmp_path):
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={DOC_NAME}", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = _doc_site().replace(DOC_CERTIFICATE[0], str(certificate)).replace(DOC_CERTIFICATE[1], str(key))
    (tmp_path / "site.conf").write_text(site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n    include {tmp_path}/site.conf;\n}}\n")
    checked = _nginx_test(tmp_path, conf)
    assert checked.returncode == 0, checked.stderr


def test_visitors_without_a_route_get_one_and_keep_it():
    # The cookie handed out is the value hashed for that very request, so the next request
    # (and the websocket) goes to the same server; a visitor with a cookie gets no new one.
    site = nginx_site(["127.0.0.1:8501", "127.0.0.1:8502"])
    assert '""      $request_id;' in site and '"pb_server=$request_id; Path=/; HttpOnly; SameSite=Lax"' in site
    assert "hash $pb_route consistent;" in site and "ip_hash" not in site
    assert "Secure" not in site and "Secure" in _doc_site()


def test_no_server_makes_no_configuration():
    with pytest.raises(ValueError):
        nginx_site([])


@pytest.mark.parametrize("value, listens", [(None, True), ("1", True), ("0", False), (" 0 ", False)])
def test_a_server_on_postgresql_listens_for_changes_unless_told_to_poll(monkeypatch, value, listens):
    # Behind a pooler in transaction mode LISTEN cannot work: PROJEKTBEREDSKAP_CHANGE_NOTIFICATIONS=0 polls.
    monkeypatch.setattr(changes, "ChangeListener", lambda url: object())  # no connection: only whether one is made
    if value is None:
        monkeypatch.delenv(changes.NOTIFICATIONS_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(changes.NOTIFICATIONS_VARIABLE, value)
    assert (changes.listener_for("postgresql+psycopg://u:p@127.0.0.1/db") is not None) is listens
    assert changes.listener_for("sqlite:///data/projektberedskap.sqlite3") is None
