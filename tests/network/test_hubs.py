"""Hubness reduction (issue 20, round 6): an organisation that fits every idea a little counts
less for each of them than one that fits this idea alone (CSLS, workshop/network/relevance/hubs.py)."""

from __future__ import annotations

import pytest

from workshop.network.relevance import RelevanceIndex, hubs
from workshop.network.snapshot import Capability, IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import sector_of

AREA = "Leader Bergslagen"
NEEDS = [("premises", "kök"), ("resource", "minibuss"), ("resource", "kanoter"), ("competence", "bokföring"), ("competence", "hemsida")]


def organisation(organisation_id, name, description, offers):
    return OrganisationRecord(
        organisation_id, name, "association", sector_of("association"), "Ramsberg", AREA,
        offers=frozenset(Capability(*o) for o in offers), description=description,
    )


def process():
    """Five ideas, each needing one thing; the broad organisation (id 1) offers all five, the
    kitchen (id 2) only what the first idea needs. Both meet the first idea's need fully."""
    organisations = (
        organisation(1, "Bygdens allt-i-allo", "Vi hjälper till med det mesta i bygden.", NEEDS),
        organisation(2, "Ramsbergs kök", "Vi lagar mat åt föreningar.", [NEEDS[0]]),
    )
    ideas = tuple(
        IdeaRecord(10 + k, f"Idé {k}", 1, "Ramsberg", AREA, needs=frozenset({Capability(*need)}), description="")
        for k, need in enumerate(NEEDS)
    )
    return NetworkSnapshot(organisations=organisations, ideas=ideas)


def test_an_organisation_that_fits_every_idea_loses_more_of_its_relevance_than_one_that_fits_this_idea_only(monkeypatch):
    snapshot = process()
    with_reduction = RelevanceIndex(snapshot).scores_for(10)
    monkeypatch.setattr(hubs, "HUB_WEIGHT", 0.0)
    without = RelevanceIndex(snapshot).scores_for(10)
    assert without[1] - with_reduction[1] > without[2] - with_reduction[2]


def test_the_reduction_keeps_every_basis_it_only_reorders():
    # Floored at zero: an organisation that meets a need is still suggested, however broad.
    index = RelevanceIndex(process())
    for idea_id in range(10, 15):
        assert 1 in dict(index.ranked(idea_id))


@pytest.mark.parametrize("k, expected", [(1, [0.9, 0.9]), (2, [0.75, 0.5]), (3, [0.6, 1 / 3])])
def test_the_reference_averages_each_organisation_s_k_nearest_ideas(k, expected):
    # Column 0 is near to every idea, column 1 to one: the wider the average, the more they differ.
    import numpy as np

    scores = np.array([[0.6, 0.9], [0.3, 0.0], [0.9, 0.1]])
    assert hubs.hub_reference([scores[:1], scores[1:]], k=k).tolist() == pytest.approx(expected)
