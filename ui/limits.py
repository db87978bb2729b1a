"""Every text field with its limit: a live counter while typing, and a paste that is cut, never dropped.

Streamlit's ``max_chars`` shows a counter but silently drops a paste that would go over the
limit (a pasted title simply vanished, issue 23). So no field uses it: each is drawn by
:func:`limited_text`, which takes any length, and the limit is kept in three places that agree
because they read the same constant (:mod:`workshop.lengths` or the service's own):

- the service refuses a text over the limit with ``errors.too_long`` under its field, so no
  path to the row (a page, an import, a script) writes a longer one;
- the field sits in a container whose key carries the limit (``pb-limit-<limit>-<key>``, the
  class ``st-key-pb-limit-…`` in the page), and :func:`live_counters` injects a script that shows
  "123 / 160 tecken" under each such field while typing, and when over "23 tecken för mycket –
  texten kortas till 160 när du sparar", in a polite live region a screen reader reads;
- on submit the text is cut at the limit: in a form with :class:`ui.forms.FieldErrors` it is
  cut, put back and the person presses again (:meth:`~ui.forms.FieldErrors.cut_long_text`);
  elsewhere :func:`limited_text` does the same itself: it stops the run before anything is saved.

``tests/pages/test_text_limits.py`` walks every page and ui module and fails on a text field
drawn any other way.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import streamlit as st

from ui.scripts import sidebar_script_once
from ui.text import plain
from workshop.i18n import Translator

if TYPE_CHECKING:  # pragma: no cover - only for the annotation
    from ui.forms import FieldErrors

__all__ = ["LIMIT_CLASS", "CUT_KEY", "limited_text", "limit_container_key", "live_counters", "take_cut"]

LIMIT_CLASS = "pb-limit"  # container key prefix: pb-limit-<limit>-<widget key as a class name>
CUT_KEY = "_forms_cut"  # widget key: the cut text to put in it before it is drawn


def limit_container_key(key: str, limit: int, cut: bool = True) -> str:
    """The key of the container around a field: its limit, whether it is cut, and the widget's key as a class name can hold it.

    >>> limit_container_key("kept:contribute_idea_form.title", 160)
    'pb-limit-160-cut-kept-contribute_idea_form-title'
    """
    return f"{LIMIT_CLASS}-{int(limit)}-{'cut' if cut else 'whole'}-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def take_cut(key: str) -> None:
    """Put a text cut on an earlier run into its widget, before the widget is drawn."""
    cut = st.session_state.get(CUT_KEY, {}).pop(key, None)
    if cut is not None:
        st.session_state[key] = cut


def limited_text(
    label: str,
    limit: int,
    *,
    key: str,
    t: Translator,
    area: bool = False,
    cut: bool = True,
    errors: FieldErrors | None = None,
    field: str | None = None,
    **kwargs: Any,
) -> str:
    """A text field (``area``: a text area) that takes any length and holds at most ``limit`` characters.

    With ``errors`` and ``field`` the field is part of a form with errors under its fields:
    its error slot is drawn under it and, on submit, :meth:`ui.forms.FieldErrors.cut_long_text`
    cuts it and asks for a second press. Without, the same happens here: a text over the limit
    (in a form, only a press sends one) is cut, put back in the field with a message under it,
    and the run stops before anything is saved. ``kwargs`` go to Streamlit (never ``max_chars``).

    ``cut=False`` is for what a cut would turn into another valid value (an organisation
    number, a phone number, an address, a code, a key): the whole text goes to the service,
    which refuses it with a message under the field, and the counter says so instead.
    """
    if "max_chars" in kwargs:
        raise TypeError("limited_text takes the limit, not max_chars: Streamlit drops a paste over max_chars")
    default = kwargs.pop("value", None)
    if default is not None and key not in st.session_state:
        st.session_state[key] = default  # a default and the Session State API together make Streamlit warn
    take_cut(key)
    with st.container(key=limit_container_key(key, limit, cut)):
        value = (st.text_area if area else st.text_input)(label, key=key, **kwargs) or ""
    cut_here = st.session_state.get(_CUT_MESSAGES, {}).pop(key, None)
    if cut_here is not None:
        st.warning(cut_here, icon=":material/content_cut:")
    if errors is not None and field is not None:
        errors.slot(field)
        errors.limits[field] = (key, value, limit)
        return value
    if len(value) <= limit or not cut:
        return value
    if cut_here is not None:
        return value[:limit]  # cut on the run before and still too long: never rerun in a loop
    # As FieldErrors.cut_long_text: the cut text goes back in the field with a message under
    # it, and this press saves nothing (the run stops here), so the person reads the end first.
    st.session_state.setdefault(CUT_KEY, {})[key] = value[:limit]
    st.session_state.setdefault(_CUT_MESSAGES, {})[key] = t("forgive.cut", field=plain(label), typed=len(value), limit=limit)
    st.rerun()
    return value[:limit]  # pragma: no cover - st.rerun() does not return


_CUT_MESSAGES = "_limits_cut_messages"  # widget key: the message to show under it after its cut


_LIVE_COUNTERS = """<script>
(() => {
  const words = WORDS;
  const root = window.parent === window ? document : window.parent.document;
  const say = (template, values) => template.replace(/\\{(\\w+)\\}/g, (_, name) => values[name]);
  const pattern = /(?:^|\\s)st-key-pb-limit-(\\d+)-(cut|whole)-/;
  // Counted while the field has text or the focus; an empty field waits quietly (a form of
  // ten fields is not ten counters at zero). No counter on a key: its length is nobody's business.
  const update = (field) => {
    const limit = field.__pbLimit, length = field.value.length;
    const shown = length > 0 || root.activeElement === field;
    const state = `${words.counter}|${length}|${shown}`;
    if (field.__pbState === state) return;
    field.__pbState = state;
    const over = length - limit;
    const out = field.__pbBox;
    out.style.display = shown ? 'block' : 'none';
    field.__pbCount.textContent = shown ? say(words.counter, {count: length, limit}) : '';
    const warning = over > 0 ? say(field.__pbCut ? words.over : words.whole, {over, limit}) : '';
    if (field.__pbOver.textContent !== warning) field.__pbOver.textContent = warning;
    out.style.fontWeight = over > 0 ? '600' : '';
  };
  root.__pbCount = update;  // the listeners call the latest run's (its words)
  const mark = () => {
    for (const box of root.querySelectorAll('[class*="st-key-pb-limit-"]')) {
      const found = box.className.match(pattern);
      const field = box.querySelector('input, textarea');
      if (!found || !field || field.type === 'password') continue;
      if (!field.__pbLimit) {
        field.__pbLimit = Number(found[1]);
        field.__pbCut = found[2] === 'cut';
        let out = box.querySelector(':scope > .pb-limit-counter');
        if (!out) {
          out = root.createElement('div');
          out.className = 'pb-limit-counter';
          out.style.cssText = 'display: none; font-size: .875rem; opacity: .8; margin-top: -.5rem';
          out.appendChild(root.createElement('span'));
          const over = root.createElement('span');
          over.setAttribute('aria-live', 'polite');
          over.style.display = 'block';
          out.appendChild(over);
          box.appendChild(out);
        }
        field.__pbBox = out;
        field.__pbCount = out.children[0];
        field.__pbOver = out.children[1];
        for (const event of ['input', 'focus', 'blur']) field.addEventListener(event, () => root.__pbCount(field));
      }
      update(field);
      fields.add(field);
    }
  };
  // A value the app puts in (a cut, a saved record) fires no input event and changes no node:
  // React sets the field's value property, perhaps after the rerun's last mutation. So the
  // fields seen are looked at again four times a second (update returns at once when nothing
  // changed), forgotten once they leave the page.
  const fields = root.__pbFields || (root.__pbFields = new Set());
  const page = root.defaultView;  // the page's timer, not this script's frame's: one per page
  if (root.__pbRecount) page.clearInterval(root.__pbRecount);
  root.__pbRecount = page.setInterval(() => {
    for (const field of fields) field.isConnected ? root.__pbCount(field) : fields.delete(field);
  }, 250);
  let queued = false;
  const soon = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; mark(); }); } };
  mark();
  // One observer per page, the latest run's (a new language brings new words).
  if (root.__pbLimits) root.__pbLimits.disconnect();
  root.__pbLimits = new MutationObserver(soon);
  root.__pbLimits.observe(root.body, {subtree: true, childList: true});
})();
</script>"""


def live_counters(t: Translator) -> None:
    """The script that counts characters under every :func:`limited_text` field, sent once per session and language.

    In the sidebar, as :func:`ui.accessibility.accessible_document`: it runs there with the
    sidebar folded on a phone or hidden on the wall, and adds no gap to the page.
    """
    words = json.dumps({"counter": t("limits.counter"), "over": t("limits.over"), "whole": t("limits.over_whole")})
    sidebar_script_once("live_counters", _LIVE_COUNTERS.replace("WORDS", words))
