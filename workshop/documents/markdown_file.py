"""Blocks written as Markdown: user text escaped so that it stays text, pictures inline."""

from __future__ import annotations

import base64
import re

from .model import Block, DocumentInfo

__all__ = ["to_markdown"]

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _md_text(text: str) -> str:
    """User text is text: what Markdown would read as markup is escaped, and nothing more.

    >>> _md_text("<b>Bygd</b> *1* | 2"), _md_text("- inte en lista"), _md_text("3. inte heller")
    ('\\\\<b\\\\>Bygd\\\\</b\\\\> \\\\*1\\\\* \\\\| 2', '\\\\- inte en lista', '3\\\\. inte heller')
    """
    escaped = _MD_INLINE.sub(r"\\\1", " ".join(str(text).split("\n")))
    return _MD_LINE_START.sub(lambda m: m.group(1) + (m.group(2)[:-1] + "\\" + m.group(2)[-1] if m.group(2)[0].isdigit() else "\\" + m.group(2)), escaped)


def to_markdown(blocks: list[Block], info: DocumentInfo | None = None) -> bytes:
    """``blocks`` as Markdown in UTF-8 (``info`` is accepted like the other writers'; Markdown has no metadata)."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "title":
            out += [f"# {_md_text(block.text)}", ""]
        elif block.kind == "heading":
            out += [f"## {_md_text(block.text)}", ""]
        elif block.kind == "paragraph":
            out += [_md_text(block.text), ""]
        elif block.kind == "bullets":
            if block.text:
                out += [f"**{_md_text(block.text)}**", ""]
            out += [f"- {_md_text(item)}" for item in block.items] + [""]
        elif block.kind == "table":
            out.append("| " + " | ".join(_md_text(h) for h in block.headings) + " |")
            out.append("| " + " | ".join("---" for _ in block.headings) + " |")
            out += ["| " + " | ".join(_md_text(v) for v in row) + " |" for row in block.items]
            out.append("")
        elif block.kind == "picture":
            encoded = base64.b64encode(block.picture).decode("ascii")
            out += [f"![{_md_text(block.text)}](data:image/png;base64,{encoded})", "", f"*{_md_text(block.text)}*", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")

