"""The longest text each kind of field holds, in characters.

The database columns (:mod:`workshop.models`), the input checks in the services and the text
folds (:func:`workshop.text.name_key` cuts a key to a name's length) all read these, so they
agree; a leaf of its own, so that the folds need not load the model.
"""

from __future__ import annotations

__all__ = ["NAME_MAX", "TITLE_MAX", "TEXT_MAX", "SHORT_MAX"]

NAME_MAX = 120
TITLE_MAX = 160
TEXT_MAX = 4000
SHORT_MAX = 200
