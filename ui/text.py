"""User text is text: what people typed, made safe to show in Streamlit's markdown and in HTML.

Every page shows user text through :func:`plain` (markdown: ``st.markdown``, captions,
alerts, labels) or :func:`esc` (HTML a page builds for ``st.html``). Nothing here
imports Streamlit, so it can be tested on its own.

Why :func:`plain` does more than escape: Streamlit 1.67 renders markdown with remark-gfm,
whose autolink-literal extension links bare web and e-mail addresses in two ways.

* At parse time (micromark-extension-gfm-autolink-literal) it reads ``www.``,
  ``http://``/``https://`` and ``name@domain.tld`` from the source. A backslash escape
  before ``.`` ``:`` or ``-`` interrupts these.
* After parsing (mdast-util-gfm-autolink-literal), it searches every text node, whose
  value has the escapes already removed, with
  ``/(https?:\\/\\/|www(?=\\.))([-.\\w]+)([^ \\t\\r\\n]*)/gi`` and
  ``/(?<=^|\\s|\\p{P}|\\p{S})([-.\\w+]+)@([-\\w]+(?:\\.[-\\w]+)+)/gu``. Escaping cannot stop
  this one, and raw HTML (which could split the text) is shown as text.

So :func:`plain` puts an invisible WORD JOINER (U+2060) where those patterns need two
characters side by side: after every ``:`` (so ``://`` never appears, nor Streamlit's
``:material/`` icon prefix), between ``www`` and ``.``, and before every ``@``; and at the
start of a line that starts with space (which would otherwise be a code block). The text
reads the same; if it is copied and pasted back into a name, the app removes the joiner
on entry (:func:`workshop.validation.strip_invisible`).
"""

from __future__ import annotations

import html
import re

__all__ = ["plain", "esc", "WORD_JOINER", "as_typed"]

WORD_JOINER = "\u2060"

# Every character that can start or end a markdown construct in CommonMark, GFM or
# Streamlit's extensions: emphasis, code, links, images, headings, lists, tables,
# strikethrough, block quotes, HTML and entities, math ($), directives (:red[…]) and
# setext headings (=).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~:$<&=^])")
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
# Leading space of four or more after a blank line would start a code block: a word
# joiner before it makes the line start with text.
_LEADING_SPACE = re.compile(r"^(?=[ \t])", re.MULTILINE)


def plain(text: str | None) -> str:
    """User text made safe for ``st.markdown``: no markdown, HTML, links or emoji codes.

    Streamlit would otherwise turn ``[x](javascript:...)`` into a link, ``:red[x]`` into
    colour and ``https://x.se`` or ``anna@x.se`` into links (see the module's notes).

    >>> plain("**fet** [x](javascript:alert(1))")
    '\\\\*\\\\*fet\\\\*\\\\* \\\\[x\\\\]\\\\(javascript\\\\:\\u2060alert\\\\(1\\\\)\\\\)'
    >>> as_typed(plain("Läs mer på https://www.ramsberg.se eller skriv till anna@ramsberg.se")) == (
    ...     "Läs mer på https://www.ramsberg.se eller skriv till anna@ramsberg.se")
    True
    """
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _WWW.sub(r"\1" + WORD_JOINER, text).replace(":", ":" + WORD_JOINER).replace("@", WORD_JOINER + "@")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LEADING_SPACE.sub(WORD_JOINER, text)
    return text.replace("\n", "  \n")


def as_typed(shown: str) -> str:
    """What was typed, read back from :func:`plain`'s output: escapes, joiners and hard breaks undone (for tests)."""
    return re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "").replace("  \n", "\n")


def esc(text: object) -> str:
    """User text made safe inside HTML that a page builds (``st.html`` never autolinks)."""
    return html.escape("" if text is None else str(text), quote=True)
