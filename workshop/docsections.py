"""Marked sections of a Markdown file: each benchmark rewrites its own and nothing else.

``docs/benchmarks.md`` is written by several commands (``bench``, ``bench --browser``,
``bench --only exchange``, ``evaluate-fit``, ``benchmarks/analysis_after_write.py``, …);
each owns the text between ``<!-- name:start -->`` and ``<!-- name:end -->`` and leaves
every other byte of the file as it found it. This is the one helper they all use.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["marked", "markers", "replace_section", "write_section"]


def markers(name: str) -> tuple[str, str]:
    """The start and end markers of the section ``name``.

    >>> markers("browser")
    ('<!-- browser:start -->', '<!-- browser:end -->')
    """
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def marked(name: str, section: str) -> str:
    """``section`` between its markers (unchanged when it carries them already).

    >>> marked("x", "## X\\n\\ntext\\n")
    '<!-- x:start -->\\n## X\\n\\ntext\\n<!-- x:end -->'
    """
    start, end = markers(name)
    body = section.strip("\n")
    if body.startswith(start) and body.endswith(end):
        return body
    return f"{start}\n{body}\n{end}"


def replace_section(document: str, name: str, section: str) -> str:
    """``document`` with the section ``name`` replaced by ``section``, or with it appended.

    Everything outside the markers is kept byte for byte. A start marker without its end
    raises :class:`ValueError` rather than guess where the section stops.

    >>> doc = "# T\\n\\n<!-- a:start -->\\nold\\n<!-- a:end -->\\n\\n<!-- b:start -->\\nB\\n<!-- b:end -->\\n"
    >>> replace_section(doc, "a", "new")
    '# T\\n\\n<!-- a:start -->\\nnew\\n<!-- a:end -->\\n\\n<!-- b:start -->\\nB\\n<!-- b:end -->\\n'
    >>> replace_section("# T\\n", "c", "C")
    '# T\\n\\n<!-- c:start -->\\nC\\n<!-- c:end -->\\n'
    """
    start, end = markers(name)
    block = marked(name, section)
    begin = document.find(start)
    if begin < 0:
        return document.rstrip("\n") + "\n\n" + block + "\n"
    stop = document.find(end, begin)
    if stop < 0:
        raise ValueError(f"{start} without {end}")
    return document[:begin] + block + document[stop + len(end) :]


def write_section(path: Path | str, name: str, section: str, *, title: str = "# Benchmarks") -> None:
    """Replace (or append) the section ``name`` in the file at ``path``; a missing file starts with ``title``."""
    path = Path(path)
    document = path.read_text(encoding="utf-8") if path.exists() else title + "\n"
    path.write_text(replace_section(document, name, section), encoding="utf-8")
