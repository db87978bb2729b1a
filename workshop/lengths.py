"""The longest text each kind of field holds, in characters.

The database columns (:mod:`workshop.models`), the input checks in the services, the text
folds (:func:`workshop.text.name_key` cuts a key to a name's length) and the pages' text
fields (``ui/limits.py`` counts and cuts at these) all read these, so they agree; a leaf of
its own, so that the folds need not load the model.

The last group are fields a cut would turn into another valid value (a phone number, a
code): the pages count them but never cut; the services refuse what is too long or does not
parse, with a message under the field.
"""

from __future__ import annotations

__all__ = [
    "NAME_MAX", "TITLE_MAX", "TEXT_MAX", "SHORT_MAX", "TAG_MAX", "TAGS_MAX", "TAG_LIST_MAX", "SEARCH_MAX",
    "PHONE_MAX", "POSTCODE_MAX", "ORG_NUMBER_MAX", "IDENTITY_MAX", "NUMBER_MAX", "CODE_MAX", "KEY_MAX",
]

NAME_MAX = 120
TITLE_MAX = 160
TEXT_MAX = 4000
SHORT_MAX = 200
TAG_MAX = 60  # one theme, need or offer
TAGS_MAX = 20  # of them in one list
TAG_LIST_MAX = TAGS_MAX * (TAG_MAX + 2)  # the list typed in one field, ", " between
SEARCH_MAX = SHORT_MAX

PHONE_MAX = 40
POSTCODE_MAX = 10
ORG_NUMBER_MAX = 11  # NNNNNN-NNNN
IDENTITY_MAX = 15  # an organisation number or a personal identity number with its century
NUMBER_MAX = 40  # a sum or a class typed as text
CODE_MAX = 20  # a join code, an answer code, a survey code (ABCD-EFGH-JKMN)
KEY_MAX = 40  # a facilitator's or coordinator's key
