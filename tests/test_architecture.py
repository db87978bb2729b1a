"""The house's rules, checked on the code itself (issue 24, "How we know it works").

The walls of the product are written here as data: the layers from the bottom up
(:data:`LAYERS`), the few imports a layer is never allowed whatever its rank
(:data:`FORBIDDEN`), and the one upward import that is allowed (:data:`ALLOWED_UPWARD`).
The checker reads every ``import`` and ``from … import`` with :mod:`ast` – at the top of a
module and inside functions, relative imports resolved – and each rule is one test that lists
every offender it finds. The second half of the file plants each kind of offence in a tiny
tree and shows the checker catches it, and that a clean tree passes.

``python scripts/draw_layers.py`` draws ``docs/layers.svg`` from :data:`LAYERS`;
``docs/architecture.md`` and ``CONTRIBUTING.md`` explain the rules in words.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from scripts.draw_layers import draw

ROOT = Path(__file__).resolve().parents[1]

# --------------------------------------------------------------------------------------------
# The rules, as data
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One floor of the house: what it holds, and why it sits where it does."""

    name: str
    holds: str
    modules: tuple[str, ...]  # "a.b" is the module a.b; "a.b.*" is a.b and everything below it


# From the bottom up. A module may import from its own layer and the layers below it, never
# from a layer above. Peers in one layer may import each other (the cycle test keeps them honest).
LAYERS: tuple[Layer, ...] = (
    Layer(
        "foundation",
        "errors, one text fold per rule, catalogs, fixed vocabularies; imports nothing of the product",
        (
            "workshop",
            "workshop.errors",
            "workshop.text",
            "workshop.i18n.*",
            "workshop.vocabulary",
            "workshop.docsections",
            "workshop.gcpolicy",
            "workshop.addresses",
            "workshop.lengths",
            "workshop.deployment",
        ),
    ),
    Layer(
        "language and documents",
        "Swedish words offline; the document writer (DOCX, PDF, Markdown) every report shares",
        ("workshop.language.*", "workshop.documents.*"),
    ),
    Layer(
        "analysis",
        "pure graph work on plain records: knows no database, no model, no service",
        ("workshop.network.*",),
    ),
    Layer(
        "model",
        "the SQLAlchemy tables",
        ("workshop.models",),
    ),
    Layer(
        "storage and checks",
        "the engine and unit of work, migrations, input checks, the throttle",
        (
            "workshop.db",
            "workshop.migrations.*",
            "workshop.validation",
            "workshop.security",
            "workshop.privacy.contact",  # the contact check: services use it when someone joins
        ),
    ),
    Layer(
        "LEADER's rules",
        "LEADER's rules as data and pure checks on plain facts, project readiness among them",
        (
            "workshop.leader",  # its __init__ gathers the rules only, so asking a rule never loads the service
            "workshop.leader.card",
            "workshop.leader.check",
            "workshop.leader.prescore",
            "workshop.leader.readiness",
            "workshop.leader.rules",
        ),
    ),
    Layer(
        "services",
        "use cases: plain values in, plain values or dataclasses out, errors named for the failure",
        ("workshop.services.*",),
    ),
    Layer(
        "features",
        "the LEADER card and draft, the companies' digital journey, exchange, privacy",
        ("workshop.leader.*", "workshop.companies.*", "workshop.exchange.*", "workshop.privacy.*",
         "workshop.mail.*", "workshop.followup.*", "workshop.invitations.*", "workshop.meeting.*"),
    ),
    Layer(
        "demo",
        "the demo process, built through the services and features",
        ("workshop.demo",),
    ),
    Layer(
        "command line",
        "python -m workshop: one module per area",
        ("workshop.cli.*", "workshop.__main__"),
    ),
    Layer(
        "ui",
        "Streamlit helpers the pages share: the engine, identity, caches, forms",
        ("ui.*",),
    ),
    Layer(
        "entrypoints",
        "Streamlit pages and app.py, and the benchmarks that drive the whole app",
        ("app", "pages.*", "benchmarks.*"),
    ),
)

# Imports a module may never make, whatever the layers say (patterns as in LAYERS).
FORBIDDEN: tuple[tuple[str, str, str], ...] = (
    ("workshop.*", "streamlit.*", "workshop/ never imports Streamlit"),
    ("workshop.*", "tests.*", "the product never imports its tests"),
    ("workshop.network.*", "sqlalchemy.*", "network/ is pure: it never touches the database"),
    ("pages.*", "sqlalchemy.*", "pages are thin: SQL belongs in a service"),
    ("pages.*", "networkx.*", "pages are thin: graph work belongs in workshop/network"),
    ("app", "sqlalchemy.*", "app.py is thin: SQL belongs in a service"),
    ("app", "networkx.*", "app.py is thin: graph work belongs in workshop/network"),
)

# Upward imports that are allowed, and only inside a function.
ALLOWED_UPWARD: tuple[tuple[str, str, str], ...] = (
    ("workshop.cli.*", "benchmarks.*", "the command line delegates to the benchmarks (python -m workshop bench)"),
)

# Where the import graph and the rules are read.
PRODUCT = ("workshop",)
OUTSIDE = ("ui", "pages", "benchmarks", "app.py")  # they import the product; their own imports are checked too
LONG_MODULE = 400
SIZE_MARKER = "Size:"  # a line of the module docstring starting with this gives the reason it is long
LAZY_MARKER = "# lazy:"  # the comment that says why an import sits inside a function
NOT_MEASURED = ("workshop.migrations.*",)  # generated-shape files: one revision each


def matches(module: str, pattern: str) -> bool:
    """Whether ``module`` is ``pattern``, or, for a ``pkg.*`` pattern, ``pkg`` or below it."""
    if pattern.endswith(".*"):
        package = pattern[:-2]
        return module == package or module.startswith(package + ".")
    return module == pattern


def layer_of(module: str, layers: Iterable[Layer] = LAYERS) -> int | None:
    """The index of the layer holding ``module`` (the most specific pattern wins), or ``None``."""
    best: tuple[int, int] | None = None  # (specificity, layer)
    for index, layer in enumerate(layers):
        for pattern in layer.modules:
            if matches(module, pattern):
                specificity = len(pattern.removesuffix(".*")) + (0 if pattern.endswith(".*") else 1)
                if best is None or specificity > best[0]:
                    best = (specificity, index)
    return None if best is None else best[1]


# --------------------------------------------------------------------------------------------
# Reading the code
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Import:
    """One imported module (and, for ``from … import``, the name taken from it)."""

    importer: str
    target: str  # the module, resolved: "workshop.services.views"
    name: str | None  # the name taken from it (``_fold``), or None when the module itself is bound
    line: int
    in_function: bool
    type_checking: bool
    reason: str | None  # the text after "# lazy:" on the line or above it (in-function imports)
    file: str  # relative to the tree's root

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Module:
    name: str
    path: Path
    file: str  # relative to the tree's root
    is_package: bool
    lines: int = 0
    docstring: str = ""
    imports: list[Import] = field(default_factory=list)
    private_uses: list[tuple[int, str]] = field(default_factory=list)  # (line, "module._name") through an alias
    dynamic: list[int] = field(default_factory=list)  # lines of importlib.import_module(<not a literal>)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def find_modules(root: Path, tops: Iterable[str]) -> dict[str, Module]:
    """Every module under the given top-level packages (or single files) of ``root``."""
    modules: dict[str, Module] = {}
    for top in tops:
        base = root / top
        paths = [base] if base.suffix == ".py" and base.exists() else sorted(base.rglob("*.py")) if base.is_dir() else []
        for path in paths:
            name = module_name(path, root)
            modules[name] = Module(name, path, str(path.relative_to(root)), path.name == "__init__.py")
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _lazy_reason(lines: list[str], first: int, last: int) -> str | None:
    """The reason after ``# lazy:`` on the statement's lines or on the line just above them."""
    for number in (*range(first, last + 1), first - 1):
        if 1 <= number <= len(lines):
            text = lines[number - 1]
            at = text.find(LAZY_MARKER)
            if at >= 0 and text[at + len(LAZY_MARKER) :].strip():
                if number == first - 1 and not text.lstrip().startswith("#"):
                    continue  # the comment of the statement above, not of this one
                return text[at + len(LAZY_MARKER) :].strip()
    return None


class _Reader:
    """Collects one module's imports, with where they sit and why.

    Imports are statements, so only statement bodies are walked for them (a function's body
    counts as inside a function, an ``if TYPE_CHECKING:`` body as type checking only); one
    :func:`ast.walk` then finds ``importlib.import_module`` calls and ``module._private``
    attributes.
    """

    def __init__(self, module: Module, known: dict[str, Module], lines: list[str]) -> None:
        self.module = module
        self.known = known
        self.lines = lines
        self.aliases: dict[str, str] = {}  # local name -> module it is bound to
        self.functions: list[tuple[int, int]] = []  # line spans of every function

    def read(self, tree: ast.Module) -> None:
        self._body(tree.body, in_function=False, type_checking=False)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                self._call(node)
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                self._attribute(node)

    def _body(self, statements: list[ast.stmt], in_function: bool, type_checking: bool) -> None:
        previous_reason: str | None = None  # the reason of the import just above, if it is one
        previous_end = -1
        for statement in statements:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                reason = None
                if in_function:
                    reason = _lazy_reason(self.lines, statement.lineno, statement.end_lineno or statement.lineno)
                    # One comment may stand above a block of imports that follow each other line by line.
                    if reason is None and previous_end == statement.lineno - 1:
                        reason = previous_reason
                self._import(statement, in_function, type_checking, reason)
                previous_reason, previous_end = reason, statement.end_lineno or statement.lineno
                continue
            previous_reason, previous_end = None, -1
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.append((statement.lineno, statement.end_lineno or statement.lineno))
                self._body(statement.body, True, type_checking)
            elif isinstance(statement, ast.If) and _is_type_checking(statement.test):
                self._body(statement.body, in_function, True)
                self._body(statement.orelse, in_function, type_checking)
            else:  # class, if, for, while, with, try, match: their bodies sit where the statement sits
                for name in ("body", "orelse", "finalbody"):
                    self._body(getattr(statement, name, None) or [], in_function, type_checking)
                for part in (*getattr(statement, "handlers", ()), *getattr(statement, "cases", ())):
                    self._body(part.body, in_function, type_checking)

    def _package(self, level: int) -> str:
        base = self.module.name if self.module.is_package else self.module.name.rpartition(".")[0]
        for _ in range(level - 1):
            base = base.rpartition(".")[0]
        return base

    def _add(self, node: ast.AST, target: str, name: str | None, in_function: bool, type_checking: bool, reason: str | None) -> None:
        self.module.imports.append(
            Import(self.module.name, target, name, node.lineno, in_function, type_checking, reason, self.module.file)  # type: ignore[attr-defined]
        )

    def _import(self, node: ast.Import | ast.ImportFrom, in_function: bool, type_checking: bool, reason: str | None) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._add(node, alias.name, None, in_function, type_checking, reason)
                top = alias.name.split(".")[0]
                self.aliases[alias.asname or top] = alias.name if alias.asname else top
            return
        source = node.module or ""
        if node.level:
            package = self._package(node.level)
            source = f"{package}.{node.module}" if node.module else package
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in self.known:
                self._add(node, submodule, None, in_function, type_checking, reason)
                self.aliases[alias.asname or alias.name] = submodule
            else:
                self._add(node, source, alias.name, in_function, type_checking, reason)

    def _call(self, node: ast.Call) -> None:
        function = node.func
        called = function.attr if isinstance(function, ast.Attribute) else function.id if isinstance(function, ast.Name) else ""
        if called not in ("import_module", "__import__") or not node.args:
            return
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and not first.value.startswith("."):
            in_function = any(start <= node.lineno <= end for start, end in self.functions)
            reason = _lazy_reason(self.lines, node.lineno, node.end_lineno or node.lineno) if in_function else None
            self._add(node, first.value, None, in_function, False, reason)
        else:
            self.module.dynamic.append(node.lineno)

    def _attribute(self, node: ast.Attribute) -> None:
        """A private name reached through a module bound to a name: ``views._fold(...)``."""
        chain = _dotted(node.value)
        if chain:
            head, _, rest = chain.partition(".")
            bound = self.aliases.get(head)
            if bound is not None:
                module = f"{bound}.{rest}" if rest else bound
                if module in self.known:
                    self.module.private_uses.append((node.lineno, f"{module}.{node.attr}"))


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def read_tree(root: Path, tops: Iterable[str]) -> dict[str, Module]:
    """Parse every module under ``tops`` and collect its imports."""
    modules = find_modules(root, tops)
    for module in modules.values():
        source = module.path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(module.path))
        module.lines = len(source.splitlines())
        module.docstring = ast.get_docstring(tree) or ""
        _Reader(module, modules, source.splitlines()).read(tree)
    return modules


def nearest_module(module: str, modules: dict[str, Module]) -> str:
    """The module a name was imported from, cut down to the module that exists."""
    while module and module not in modules and "." in module:
        module = module.rpartition(".")[0]
    return module


# --------------------------------------------------------------------------------------------
# The checks: each returns every offender, as lines a person can act on
# --------------------------------------------------------------------------------------------


def _in(module: str, tops: Iterable[str]) -> bool:
    return any(module == top.removesuffix(".py") or module.startswith(top + ".") for top in tops)


def import_graph(modules: dict[str, Module], product: Iterable[str] = PRODUCT) -> dict[str, set[str]]:
    """Module → the product modules it imports, in functions too; ``if TYPE_CHECKING`` left out."""
    product = tuple(product)
    graph: dict[str, set[str]] = {name: set() for name in modules if _in(name, product)}
    for name in graph:
        for imp in modules[name].imports:
            if imp.type_checking or not _in(imp.target, product):
                continue
            target = nearest_module(imp.target, modules)
            if target in graph and target != name:
                graph[name].add(target)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, each sorted."""
    G = nx.DiGraph()
    G.add_nodes_from(graph)
    G.add_edges_from((source, target) for source, targets in graph.items() for target in targets)
    return sorted(sorted(component) for component in nx.strongly_connected_components(G) if len(component) > 1)


def cycles(modules: dict[str, Module], product: Iterable[str] = PRODUCT) -> list[str]:
    """Each import cycle among product modules, with the imports that close it."""
    graph = import_graph(modules, product)
    found = []
    for component in strongly_connected(graph):
        members = set(component)
        arrows = [
            f"    {imp.where} {imp.importer} -> {nearest_module(imp.target, modules)}" + (" (in a function)" if imp.in_function else "")
            for name in component
            for imp in modules[name].imports
            if not imp.type_checking and nearest_module(imp.target, modules) in members and nearest_module(imp.target, modules) != name
        ]
        found.append(f"cycle of {len(component)}: " + ", ".join(component) + "\n" + "\n".join(sorted(set(arrows))))
    return found


def upward_imports(
    modules: dict[str, Module],
    layers: tuple[Layer, ...] = LAYERS,
    forbidden: tuple[tuple[str, str, str], ...] = FORBIDDEN,
    allowed: tuple[tuple[str, str, str], ...] = ALLOWED_UPWARD,
) -> list[str]:
    """Every import of a higher layer, every forbidden import, and every module no layer holds."""
    found = []
    for name, module in sorted(modules.items()):
        mine = layer_of(name, layers)
        if mine is None:
            found.append(f"{module.file}: {name} is in no layer of the table")
            continue
        for imp in module.imports:
            for importer, imported, why in forbidden:
                if matches(name, importer) and matches(imp.target, imported):
                    found.append(f"{imp.where} {name} imports {imp.target}: {why}")
            target = nearest_module(imp.target, modules)
            theirs = layer_of(target, layers)
            if theirs is None or theirs <= mine:
                continue  # a library, or a module of this layer or below
            if imp.in_function and any(matches(name, a) and matches(target, b) for a, b, _ in allowed):
                continue
            found.append(
                f"{imp.where} {name} ({layers[mine].name}) imports {target} ({layers[theirs].name})"
                + (" in a function" if imp.in_function else "")
            )
    return list(dict.fromkeys(found))  # one line for each statement, however many names it takes


def package_of(module: str, modules: dict[str, Module], roots: Iterable[str]) -> str:
    """The package a module belongs to: its folder; a module directly in a root counts as its own."""
    found = modules.get(module)
    parent = module.rpartition(".")[0]
    if (found is not None and found.is_package) or not parent or parent in tuple(roots):
        return module
    return parent


def private_imports(modules: dict[str, Module], importers: Iterable[str], roots: Iterable[str] = PRODUCT) -> list[str]:
    """Every private name (``_x``) of one package imported or reached from another package.

    A package is a folder; a module directly in one of ``roots`` (``workshop/models.py``) is a
    package of its own.
    """
    importers, roots = tuple(importers), tuple(roots)
    found = []
    for name, module in sorted(modules.items()):
        if not _in(name, importers):
            continue
        uses = [(imp.where, imp.target + (f".{imp.name}" if imp.name else "")) for imp in module.imports]
        uses += [(f"{module.file}:{line}", dotted) for line, dotted in module.private_uses]
        for where, dotted in uses:
            parts = dotted.split(".")
            first_private = next((i for i, part in enumerate(parts) if _private(part)), None)
            if not first_private:  # no private part, or a private top-level name: not one of ours
                continue
            container = nearest_module(".".join(parts[:first_private]), modules)
            if container not in modules:
                continue  # a library's private name is the library's business
            home = package_of(container, modules, roots)
            if name == home or name.startswith(home + "."):
                continue
            found.append(f"{where} {name} uses {dotted} (private to {home})")
    return sorted(set(found))


def long_modules(modules: dict[str, Module], product: Iterable[str] = PRODUCT, limit: int = LONG_MODULE) -> list[str]:
    """Product modules over ``limit`` lines whose docstring has no ``Size:`` line saying why."""
    found = []
    for name, module in sorted(modules.items()):
        if not _in(name, product) or any(matches(name, pattern) for pattern in NOT_MEASURED):
            continue
        said = any(line.strip().startswith(SIZE_MARKER) and line.strip()[len(SIZE_MARKER) :].strip() for line in module.docstring.splitlines())
        if module.lines > limit and not said:
            found.append(f"{module.file}: {module.lines} lines and no '{SIZE_MARKER}' line saying why")
    return found


def unexplained_lazy_imports(modules: dict[str, Module], product: Iterable[str] = PRODUCT) -> list[str]:
    """Imports inside a function with no ``# lazy: <why>`` comment, and imports no reader can follow."""
    found = []
    for name, module in sorted(modules.items()):
        if not _in(name, product):
            continue
        statements: dict[str, list[str]] = {}
        for imp in module.imports:
            if imp.in_function and not imp.reason:
                statements.setdefault(imp.where, []).append(imp.target + (f".{imp.name}" if imp.name else ""))
        for where, targets in statements.items():
            found.append(f"{where} {name} imports {', '.join(dict.fromkeys(targets))} in a function")
        for line in module.dynamic:
            found.append(f"{module.file}:{line} {name} imports a computed module name: no reader can follow it")
    return found


# --------------------------------------------------------------------------------------------
# The rules on the code itself: one test per rule, each listing every offender
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def code() -> dict[str, Module]:
    return read_tree(ROOT, PRODUCT + OUTSIDE)


def _report(offenders: list[str], rule: str) -> str:
    return f"{len(offenders)} offender(s) of '{rule}':\n" + "\n".join(offenders)


def test_no_module_of_the_product_is_part_of_an_import_cycle(code):
    found = cycles(code)
    assert not found, _report(found, "no import cycle, not even through an import inside a function")


def test_no_module_imports_from_a_layer_above_its_own(code):
    found = upward_imports(code)
    assert not found, _report(found, "imports point down the layer table (docs/architecture.md)")


def test_no_private_name_is_imported_from_another_package(code):
    found = private_imports(code, PRODUCT + tuple(top.removesuffix(".py") for top in OUTSIDE))
    assert not found, _report(found, "a name another package needs is public")


def test_every_long_module_says_at_its_top_why_it_is_long(code):
    found = long_modules(code)
    assert not found, _report(found, f"over {LONG_MODULE} lines only with a '{SIZE_MARKER} <why>' line in the module docstring")


def test_every_import_inside_a_function_says_why_it_is_there(code):
    found = unexplained_lazy_imports(code)
    assert not found, _report(found, f"an import inside a function has a '{LAZY_MARKER} <why>' comment on its line or the line above")


# Modules the table places before they exist (issue 24 creates them); remove once they do.
PLANNED = ("workshop.text", "workshop.documents", "workshop.leader.readiness", "ui")


def test_every_layer_pattern_still_names_code_that_exists(code):
    # A pattern left behind by a move would silently stop guarding anything.
    stale = [
        f"{layer.name}: {pattern}"
        for layer in LAYERS
        for pattern in layer.modules
        if not any(matches(name, pattern) for name in code) and pattern.removesuffix(".*") not in PLANNED
    ]
    assert not stale, _report(stale, "every pattern of the layer table matches a module")


def test_the_layer_picture_in_the_docs_is_drawn_from_this_table():
    assert (ROOT / "docs" / "layers.svg").read_text(encoding="utf-8") == draw(LAYERS, FORBIDDEN, ALLOWED_UPWARD), "run: python scripts/draw_layers.py"


# --------------------------------------------------------------------------------------------
# The checker on planted trees: it catches each offence, and passes a clean tree
# --------------------------------------------------------------------------------------------

TINY_LAYERS = (
    Layer("bottom", "", ("shop", "shop.errors", "shop.text")),
    Layer("middle", "", ("shop.store.*",)),
    Layer("top", "", ("shop.cli.*",)),
    Layer("bench", "", ("bench.*",)),
)
TINY_FORBIDDEN = (("shop.*", "streamlit.*", "no Streamlit"),)
TINY_ALLOWED = (("shop.cli.*", "bench.*", "the command line delegates"),)

# A small clean product: a package with a private module used inside it, a type-only import
# that would close a cycle if it ran, a commented block of imports in a function, and the one
# allowed upward import, inside a function.
CLEAN = {
    "shop/__init__.py": "",
    "shop/errors.py": '"""Errors."""\n\nclass Refused(Exception):\n    pass\n',
    "shop/text.py": '"""Folds."""\n\n\ndef search_key(text):\n    return text.casefold()\n',
    "shop/store/__init__.py": "from .rows import get_row\n",
    "shop/store/_kernel.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .rows import get_row\n\n\ndef _secret():\n    return 1\n",
    "shop/store/rows.py": "from ..errors import Refused\nfrom ._kernel import _secret\n\n\ndef get_row(i):\n    if i < 0:\n        raise Refused\n    return _secret()\n",
    "shop/cli/__init__.py": (
        "from shop.store import get_row\n\n\n"
        "def report():\n    # lazy: the chart library takes seconds to load and only this command needs it\n"
        "    import json\n    import csv\n\n    return json, csv, get_row(1)\n\n\n"
        "def measure():\n    import bench  # lazy: the benchmarks load only when asked for\n\n    return bench\n"
    ),
    "bench/__init__.py": "from shop.store import get_row\n",
}


def _plant(tmp_path: Path, files: dict[str, str]) -> dict[str, Module]:
    for relative, source in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return read_tree(tmp_path, ("shop", "bench"))


def _every_rule(modules: dict[str, Module]) -> dict[str, list[str]]:
    return {
        "cycle": cycles(modules, ("shop",)),
        "upward": upward_imports(modules, TINY_LAYERS, TINY_FORBIDDEN, TINY_ALLOWED),
        "private": private_imports(modules, ("shop",), ("shop",)),
        "long": long_modules(modules, ("shop",), limit=20),
        "lazy": unexplained_lazy_imports(modules, ("shop",)),
    }


def test_a_clean_tree_passes_every_rule(tmp_path):
    assert _every_rule(_plant(tmp_path, CLEAN)) == {"cycle": [], "upward": [], "private": [], "long": [], "lazy": []}


PLANTED = [
    # (rule, files added to the clean tree, what the offender line must name)
    (
        "cycle",
        {"shop/store/rows.py": CLEAN["shop/store/rows.py"] + "\n\ndef later():\n    # lazy: hides the cycle\n    from shop.store import audit\n",
         "shop/store/audit.py": "from .rows import get_row\n"},
        "cycle of 2: shop.store.audit, shop.store.rows",
    ),
    ("cycle", {"shop/text.py": "from . import errors\n", "shop/errors.py": "from .text import search_key\n"}, "cycle of 2: shop.errors, shop.text"),
    ("upward", {"shop/store/rows.py": "from shop.cli import report\n"}, "shop.store.rows (middle) imports shop.cli (top)"),
    ("upward", {"shop/text.py": "def f():\n    # lazy: a planted upward import\n    from .store import rows\n"}, "shop.text (bottom) imports shop.store.rows (middle) in a function"),
    ("upward", {"shop/store/rows.py": "import streamlit as st\n"}, "shop.store.rows imports streamlit: no Streamlit"),
    ("upward", {"shop/stray.py": ""}, "shop.stray is in no layer of the table"),
    ("upward", {"shop/cli/__init__.py": "import bench\n"}, "shop.cli (top) imports bench (bench)"),
    ("upward", {"shop/store/rows.py": "def f():\n    import bench  # lazy: only the command line may\n"}, "shop.store.rows (middle) imports bench (bench) in a function"),
    ("private", {"shop/cli/__init__.py": "from shop.store._kernel import _secret\n"}, "shop.cli uses shop.store._kernel._secret (private to shop.store)"),
    ("private", {"shop/cli/__init__.py": "from shop.store.rows import get_row as _get\nfrom ..text import _fold\n"}, "shop.cli uses shop.text._fold (private to shop.text)"),
    ("private", {"shop/cli/__init__.py": "from shop.store import _kernel\n"}, "shop.cli uses shop.store._kernel (private to shop.store)"),
    ("private", {"shop/cli/__init__.py": "from shop import text\n\nx = text._fold('a')\n"}, "shop.cli uses shop.text._fold (private to shop.text)"),
    ("long", {"shop/errors.py": '"""Errors."""\n' + "x = 1\n" * 30}, "shop/errors.py: 31 lines"),
    ("long", {"shop/errors.py": '"""Errors.\n\nSize:\n"""\n' + "x = 1\n" * 30}, "shop/errors.py: 34 lines"),
    ("long", {"shop/errors.py": '"""Errors."""\n# Size: a comment is not the docstring\n' + "x = 1\n" * 30}, "shop/errors.py: 32 lines"),
    ("lazy", {"shop/cli/__init__.py": "def f():\n    import json  # saves time\n    return json\n"}, "shop/cli/__init__.py:2 shop.cli imports json in a function"),
    ("lazy", {"shop/cli/__init__.py": "def f():\n    x = 1  # lazy: not about the import below\n    import json\n"}, "shop/cli/__init__.py:3 shop.cli imports json in a function"),
    ("lazy", {"shop/cli/__init__.py": "import importlib\n\n\ndef f(name):\n    return importlib.import_module(name)\n"}, "computed module name"),
]


@pytest.mark.parametrize("rule,files,named", PLANTED, ids=[f"{rule}-{i}" for i, (rule, _, _) in enumerate(PLANTED)])
def test_a_planted_offence_is_caught_by_its_rule_alone(tmp_path, rule, files, named):
    found = _every_rule(_plant(tmp_path, {**CLEAN, **files}))
    assert any(named in offender for offender in found[rule]), found[rule]
    others = {other: offenders for other, offenders in found.items() if other != rule and offenders}
    # A planted cycle through the layers may also be an upward import; nothing else may fire.
    assert set(others) <= ({"upward"} if rule == "cycle" else set()) | ({"cycle"} if rule == "upward" else set()), others


def test_a_long_module_with_a_size_line_in_its_docstring_passes(tmp_path):
    long_but_said = '"""Errors.\n\nSize: one table of every error, read top to bottom.\n"""\n' + "x = 1\n" * 30
    assert long_modules(_plant(tmp_path, {**CLEAN, "shop/errors.py": long_but_said}), ("shop",), limit=20) == []


def test_the_layer_of_a_module_is_its_most_specific_pattern():
    layers = (Layer("low", "", ("a.b.c",)), Layer("high", "", ("a.*",)))
    assert [layer_of(name, layers) for name in ("a", "a.b", "a.b.c", "a.b.c.d", "z")] == [1, 1, 0, 1, None]

