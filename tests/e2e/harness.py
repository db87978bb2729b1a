"""The machinery under the browser tests: Streamlit servers as subprocesses, Chromium, offline.

Nothing here knows the app's pages; ``tests/e2e/ui.py`` holds what a user does on them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_VARIABLE = "PROJEKTBEREDSKAP_CHROMIUM"
POSTGRES_URL_VARIABLE = "PROJEKTBEREDSKAP_TEST_POSTGRES_URL"
IN_CI = os.environ.get("CI") == "true"

# Flags for a headless Chromium in a container: no sandbox (we may be root), no GPU, no
# /dev/shm (often tiny), and none of the phoning home that would break "offline".
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium_path() -> str | None:
    """Where the Chromium to drive is, or ``None`` when this machine has none configured."""
    path = os.environ.get(CHROMIUM_VARIABLE)
    return path if path and Path(path).is_file() else None


# Outside CI the browser tests skip cleanly without Chromium; under CI=true they run and fail.
requires_chromium = pytest.mark.skipif(
    chromium_path() is None and not IN_CI,
    reason=f"no Chromium: set ${CHROMIUM_VARIABLE} to its path (scripts/test.sh does) to run the browser tests",
)


def is_local(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS


@dataclass
class OfflineGuard:
    """Aborts every request that would leave this machine, and remembers it."""

    blocked: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.route(lambda url: not is_local(url), self._abort)
        context.route_web_socket(lambda url: not is_local(url), self._close_socket)

    def _abort(self, route) -> None:
        self.blocked.append(route.request.url)
        route.abort("internetdisconnected")

    def _close_socket(self, ws) -> None:
        self.blocked.append(ws.url)
        ws.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerDidNotStart(RuntimeError):
    pass


class StreamlitServer:
    """``streamlit run app.py`` in its own process group, on a database of the test's choosing."""

    def __init__(
        self,
        database_url: str,
        log_dir: Path,
        *,
        port: int | None = None,
        name: str = "server",
        entry: str = "app.py",
        address: str = "127.0.0.1",
        env: dict[str, str] | None = None,
        root: Path | None = None,
    ):
        self.database_url = database_url
        self.root = root or ROOT  # another checkout of the project (a benchmark's "before")
        self.address = address  # "::" listens on every address, IPv4 and IPv6
        self.env = env or {}  # on top of the defaults below (e.g. PROJEKTBEREDSKAP_LOAD_DEMO="1")
        self.entry = entry  # the script to run, relative to the project root
        self.port = port or free_port()
        self.name = name
        self.log_path = log_dir / f"{name}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def join_link(self, code: str) -> str:
        return f"{self.url}/?code={code}"

    def start(self, timeout: float = 60) -> StreamlitServer:
        env = dict(
            os.environ,
            PROJEKTBEREDSKAP_DATABASE_URL=self.database_url,
            PROJEKTBEREDSKAP_LOAD_DEMO="0",
            PROJEKTBEREDSKAP_PUBLIC_URL=self.url,
            PYTHONUNBUFFERED="1",
        )
        env.update(self.env)
        venv_python = ROOT / ".venv" / "bin" / "python"
        command = [
            str(venv_python) if venv_python.exists() else sys.executable,
            "-m",
            "streamlit",
            "run",
            self.entry,
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            self.address,
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        with open(self.log_path, "a") as log:
            log.write(f"--- start {time.strftime('%H:%M:%S')} on {self.database_url}\n")
            log.flush()
            # Its own session (process group), so that teardown reaches every child it forks.
            self.process = subprocess.Popen(command, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerDidNotStart(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise ServerDidNotStart(f"{self.name} did not answer /_stcore/health within {timeout} s:\n{self.log_tail()}")

    def _signal_group(self, sig: int) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """SIGKILL, as a power cut would: no clean-up, no flushing."""
        self._signal_group(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
        # Children that outlived their parent still belong to the group.
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def restart(self) -> StreamlitServer:
        """Start again on the same port and database (after :meth:`kill` or :meth:`stop`)."""
        self.stop()
        return self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


# --- PostgreSQL ----------------------------------------------------------------------------


def fresh_postgres_database(url: str) -> str:
    """A URL for an emptied ``<database>_e2e`` database next to the one in ``url``.

    The service tests own the database in ``url`` (they drop its schema between tests),
    so the browser tests use a sibling database of their own (one per xdist worker, since
    each worker's ``url`` names its own database).
    """
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    e2e_database = f"{make_url(url).database}_e2e"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": e2e_database})
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{e2e_database}"'))
    finally:
        admin.dispose()
    e2e_url = make_url(url).set(database=e2e_database).render_as_string(hide_password=False)
    engine = create_engine(e2e_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return e2e_url
