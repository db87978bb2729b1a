"""The benchmarks sit beside the product: ``workshop`` loads them only when a benchmark command runs."""

from __future__ import annotations

import ast
import subprocess
import sys

from workshop.db import PROJECT_ROOT


def _module_level_imports(tree: ast.Module):
    """Every import that runs when the module is imported (not those inside a function)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        pending.extend(ast.iter_child_nodes(node))


def test_no_module_of_the_product_imports_the_benchmarks_when_it_is_imported():
    offenders = [
        f"{path.relative_to(PROJECT_ROOT)} imports {name}"
        for path in sorted((PROJECT_ROOT / "workshop").rglob("*.py"))
        for name in _module_level_imports(ast.parse(path.read_text(encoding="utf-8")))
        if name == "benchmarks" or name.startswith("benchmarks.")
    ]
    assert offenders == []


def test_the_command_line_offers_the_benchmark_commands_without_loading_the_benchmarks():
    # A fresh interpreter: this test process has imported the benchmarks already.
    check = (
        "import sys, workshop.cli\n"
        "parser = workshop.cli.build_parser()\n"
        "assert {'bench', 'load', 'evaluate-fit'} <= set(workshop.cli.COMMANDS)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'benchmarks'))\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_wrong_size_list_is_refused_in_swedish_before_anything_is_measured(tmp_path, capsys):
    # In this process: the command line's own path (workshop.cli.main), without a new
    # interpreter's start-up; that the command loads from a fresh one is the test above.
    from workshop.cli import main

    output = tmp_path / "benchmarks.md"
    assert main(["bench", "--sizes", "femtio", "--output", str(output)]) == 2
    assert "--sizes ska vara heltal" in capsys.readouterr().err
    assert not output.exists()
