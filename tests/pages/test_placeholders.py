"""No English "Choose an option": every picker that can stand empty has a Swedish placeholder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The page scripts and the helpers they share (ui/ draws widgets too: the network filters, the survey).
PAGES = sorted([*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])


def _may_be_empty(call: ast.Call) -> bool:
    """A multiselect starts empty; a selectbox does when its index is None or not a fixed number."""
    if call.func.attr == "multiselect":
        return True
    index = next((k.value for k in call.keywords if k.arg == "index"), None)
    return index is not None and not (isinstance(index, ast.Constant) and isinstance(index.value, int))


def _pickers(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("selectbox", "multiselect"):
            yield node


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_picker_has_a_swedish_placeholder_even_one_with_a_default(path):
    # A picker with a default still shows Streamlit's English "Choose an option" once its
    # options run out (no ideas yet) or the chosen one goes away.
    missing = [f"{path.parent.name}/{path.name}:{call.lineno}" for call in _pickers(path) if not any(k.arg == "placeholder" for k in call.keywords)]
    assert not missing, f"add placeholder=t(...) to {missing}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_picker_that_can_be_empty_has_a_placeholder_from_the_catalog(path):
    missing = [
        f"{path.parent.name}/{path.name}:{call.lineno}"
        for call in _pickers(path)
        if _may_be_empty(call) and not any(k.arg == "placeholder" for k in call.keywords)
    ]
    assert not missing, f"add placeholder=t(...) to {missing}"


def test_the_check_finds_a_picker_without_a_placeholder():
    call = ast.parse('st.selectbox("Idé", ids, index=None)').body[0].value
    assert _may_be_empty(call) and not any(k.arg == "placeholder" for k in call.keywords)
