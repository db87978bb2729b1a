"""A workshop whose idea has a constellation with members who are not in yet."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.factories import add_idea, coordinator_token, join, make_workshop
from workshop.services import contributions


@dataclass
class Village:
    meeting: object
    coordinator: str
    idea: int
    hall: int  # the bygdegård: committed, the initiator
    crafts: int  # Slöjdarna: offers sewing, not committed
    shop: int  # a second-hand clothes shop: not committed
    anna: object  # a private person's participant


@pytest.fixture
def village(store) -> Village:
    """"Lagning av kläder" needs someone who can sew: the hall is in; the crafts club and the shop are suggested."""
    meeting = make_workshop(store)
    hall = join(store, meeting, "Eva Ny", "Ramsbergs bygdegårdsförening", offers={"premises": ["festsal"]})
    crafts = join(store, meeting, "Bo Ek", "Slöjdarna", offers={"competence": ["sömnad", "sy kläder"]})
    shop = join(store, meeting, "Cilla Lund", "Kläder och Sånt AB", kind="company", offers={"resource": ["begagnade kläder", "symaskiner"]})
    anna = join(store, meeting, "Anna Berg")
    idea = add_idea(store, hall, "Lagning av kläder", description="Trasiga kläder lagas tillsammans en kväll i månaden.", needs={"competence": ["någon som kan sy"], "resource": ["symaskiner"]})
    contributions.commit_to_idea(store, hall.token, idea, role="initiator")
    return Village(meeting, coordinator_token(store), idea, hall.organisation_id, crafts.organisation_id, shop.organisation_id, anna)
