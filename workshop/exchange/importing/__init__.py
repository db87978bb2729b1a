"""Bringing a municipality's lists in, one topic per module.

- :mod:`.api`: :func:`~.api.preview_import` (every problem, nothing written) and
  :func:`~.api.import_tables` (the same check and the writing, in one unit of work);
- :mod:`.plan`: the plan every row is checked into, and the row check;
- :mod:`.organisations`: the organisation and participant tables, and the organisation a row names;
- :mod:`.ideas`: the idea, commitment, tie and note tables;
- :mod:`.writing`: writing a checked plan;
- :mod:`.results`: problems, per-table counts, the preview, the result and its summary line.

Matching, so that importing the same files twice adds nothing: an organisation is the
existing one with the same organisation number, or the same folded name (case, spacing,
punctuation ignored; private persons only match private persons), as on entry; a person
is the same folded name in the same organisation; an idea is the same folded title in the
same workshop; a commitment is one per organisation and idea (its role is updated); a tie
one per pair and kind.
"""
