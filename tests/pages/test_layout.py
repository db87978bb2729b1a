"""Where page code lives: ``pages/`` holds only the page scripts the menus open, ``ui/`` the helpers
they share, each name reached through one door, and the layers point one way."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
UI = sorted((ROOT / "ui").glob("*.py"))
# Seconds on a cold start, and only the network and import pages need them.
ANALYSIS_LIBRARIES = ("sklearn", "scipy", "pandas", "networkx", "igraph", "pyvis")


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every import in the file (at any depth): the module and the names taken from it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return found


def _defined(path: Path) -> set[str]:
    """The names a module defines itself (functions, classes, assignments), not those it imports."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_pages_holds_only_the_page_scripts_the_menus_open():
    entry = (ROOT / "app.py").read_text(encoding="utf-8")
    assert PAGES, "no page scripts found"
    helpers = [p.name for p in PAGES if p.name.startswith("_")]
    assert not helpers, f"helpers belong in ui/, not pages/: {helpers}"
    unregistered = [p.name for p in PAGES if f'"pages/{p.name}"' not in entry]
    assert not unregistered, f"page scripts app.py does not register: {unregistered}"


@pytest.mark.parametrize("path", [ROOT / "app.py", *PAGES, *UI], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_helper_name_is_imported_from_the_module_that_defines_it(path):
    # One door per name: a module that re-exported another's names would let pages reach
    # the same helper two ways, and a reader would have to follow the chain to find it.
    wrong = [
        f"{name} from {module}"
        for module, names in _imports(path)
        if module.startswith("ui.")
        for name in names
        if name not in _defined(ROOT / (module.replace(".", "/") + ".py"))
    ]
    assert not wrong, f"not defined where imported: {wrong}"


def test_nothing_in_ui_talks_sql_or_networkx_and_workshop_never_reaches_up_into_ui_or_pages():
    ui_wrong = [
        f"{path.name}: {module}"
        for path in UI
        for module, _names in _imports(path)
        # Catching the driver's "unreachable" errors when the engine is made is not SQL.
        if module.split(".")[0] in ("networkx", "igraph") or (module.startswith("sqlalchemy") and module != "sqlalchemy.exc")
    ]
    assert not ui_wrong, f"SQL or graph work belongs in a workshop service: {ui_wrong}"
    upward = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / "workshop").rglob("*.py"))
        for module, _names in _imports(path)
        if module.split(".")[0] in ("ui", "pages", "streamlit")
    ]
    assert not upward, f"workshop/ must not import Streamlit, ui or pages: {upward}"


def test_the_helpers_app_py_loads_on_every_run_pull_in_no_analysis_library():
    # app.py runs before every page, the participants' phones included; the network's
    # libraries load when a network page is first opened, not on the first visit to the join form.
    modules = sorted({module for module, _names in _imports(ROOT / "app.py") if module.startswith("ui.")})
    assert modules, "app.py imports no ui module"
    probe = (
        "import sys\n"
        + "".join(f"import {module}\n" for module in modules)
        + f"print(sorted(m for m in {ANALYSIS_LIBRARIES!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", f"{modules} load {done.stdout.strip()}"
