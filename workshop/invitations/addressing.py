"""To which address an invitation may be e-mailed: an organisation's own, never a private person's
without consent.

An address is either given with the consent box of the join form or a contact form
(:func:`workshop.privacy.contact.clean_contact` keeps none without it), or it is an
organisation's public address for its function (``info@``, ``kansli@`` …), which names no
person. Anything else names a person who has not agreed to be contacted, and is never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ContactAddress", "ORGANISATIONAL_NAMES", "is_organisational_address", "may_email", "pick_recipient"]

# The local parts Swedish associations, companies and public bodies use for an address that
# belongs to a function, not to a person (a board, an office, a reception).
ORGANISATIONAL_NAMES = frozenset(
    """info information kontakt kontakta kansli kansliet styrelsen styrelse ordforande ordf sekreterare kassor
    kassar post posten mail epost e-post hej hello office kontoret reception exp expedition registrator kommun
    bokning bokningar foreningen forening klubben bygdegarden hembygdsforeningen order kundtjanst support
    service admin administration ekonomi""".split()
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_FOLD = str.maketrans("åäöéü", "aaoeu")


@dataclass(frozen=True)
class ContactAddress:
    """An e-mail address kept for an organisation, and whether it was given with consent."""

    address: str
    consented: bool


def is_organisational_address(address: str) -> bool:
    """Whether ``address`` belongs to a function of an organisation (``info@…``), not to a person.

    >>> is_organisational_address("Info@ramsbergsif.se"), is_organisational_address("kansliet@bygdegarden.se")
    (True, True)
    >>> is_organisational_address("anna.berg@ramsbergsif.se"), is_organisational_address("info")
    (False, False)
    """
    if not isinstance(address, str) or not _EMAIL.match(address.strip()):
        return False
    local = address.strip().split("@", 1)[0].lower().translate(_FOLD)
    return local in ORGANISATIONAL_NAMES


def may_email(contact: ContactAddress) -> bool:
    """Whether an invitation may be sent to ``contact``: consented, or an organisational address.

    >>> may_email(ContactAddress("anna.berg@example.se", consented=True))
    True
    >>> may_email(ContactAddress("anna.berg@example.se", consented=False))
    False
    >>> may_email(ContactAddress("info@example.se", consented=False))
    True
    """
    if not isinstance(contact.address, str) or not _EMAIL.match(contact.address.strip()):
        return False
    return contact.consented is True or is_organisational_address(contact.address)


def pick_recipient(contacts: Iterable[ContactAddress]) -> str | None:
    """The address an organisation's invitation goes to: an organisational one first, else a consented one.

    >>> pick_recipient([ContactAddress("anna@example.se", True), ContactAddress("info@example.se", False)])
    'info@example.se'
    >>> pick_recipient([ContactAddress("bo@example.se", False)]) is None
    True
    """
    allowed = [c.address.strip() for c in contacts if may_email(c)]
    organisational = [a for a in allowed if is_organisational_address(a)]
    return (organisational or allowed or [None])[0]
