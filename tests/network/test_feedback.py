"""Verdicts and learnt words in the relevance model (workshop.network.relevance.feedback), on small
hand-made processes."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from workshop.network.graph import filter_snapshot
from workshop.network.relevance import RelevanceIndex
from workshop.network.snapshot import (
    Capability,
    CommitmentRecord,
    FitVerdictRecord,
    IdeaRecord,
    NetworkSnapshot,
    OrganisationRecord,
    WordAssociationRecord,
    WorkshopRecord,
)


def _org(id_, name, offers=(), description=""):
    return OrganisationRecord(id_, name, "association", "nonprofit", "Ramsberg", "Leader Bergslagen", offers=frozenset(offers), first_workshop_id=1, description=description)


# Mending needs someone who can sew: the café offers a kitchen (no basis), the crafts club
# offers tovning av ull (no basis: the thesaurus does not take felting for sewing), the second-hand shop
# speaks of clothes (a basis by its profile). The hall proposed the idea.
SNAPSHOT = NetworkSnapshot(
    workshops=(WorkshopRecord(1, "Träff", dt.date(2026, 3, 1), "Ramsberg", 1),),
    organisations=(
        _org(1, "Bygdegården", [Capability("premises", "festsal")]),
        _org(2, "Slöjdarna", [Capability("competence", "tovning av ull")]),
        _org(3, "Kläder och Sånt", [Capability("resource", "begagnade kläder")], "Begagnade kläder och lagning av kläder."),
        _org(4, "Kaffestugan", [Capability("premises", "kök")]),
    ),
    ideas=(
        IdeaRecord(10, "Laga kläder", 1, "Ramsberg", "Leader Bergslagen", needs=frozenset({Capability("competence", "någon som kan sy")}), description="Vi lagar trasiga kläder tillsammans."),
        IdeaRecord(11, "Nya gardiner", 1, "Ramsberg", "Leader Bergslagen", needs=frozenset({Capability("competence", "sy gardiner")})),
    ),
    commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(11, 1, "initiator", 1)),
)


def test_without_verdicts_the_crafts_club_has_no_basis_and_the_shop_has_one():
    index = RelevanceIndex(SNAPSHOT)
    assert index.rank_of(10, 2) is None
    assert index.rank_of(10, 3) is not None


def test_passar_gives_a_basis_and_the_first_place_and_passar_inte_takes_the_basis_away():
    marked = replace(SNAPSHOT, verdicts=(FitVerdictRecord(10, 2, True), FitVerdictRecord(10, 3, False)))
    index = RelevanceIndex(marked)
    assert [o for o, _ in index.ranked(10)][:2] == [1, 2]  # the committed proposer, then the one marked "passar"
    assert index.rank_of(10, 3) is None
    assert index.rank_of(11, 3) == RelevanceIndex(SNAPSHOT).rank_of(11, 3)  # another idea is untouched by the verdict


def test_passar_inte_leaves_a_committed_organisation_in_place():
    marked = replace(SNAPSHOT, verdicts=(FitVerdictRecord(10, 1, False),))
    assert RelevanceIndex(marked).rank_of(10, 1) == 1


def test_a_learnt_word_pair_meets_a_need_of_another_idea():
    learnt = replace(SNAPSHOT, word_associations=(WordAssociationRecord("sy", "tovning", 1),))
    index = RelevanceIndex(learnt)
    assert index.rank_of(11, 2) is not None
    assert index.explain(11, 2).met == ((Capability("competence", "sy gardiner"), Capability("competence", "tovning av ull")),)
    assert index.rank_of(11, 4) is None  # the kitchen learnt nothing


def test_a_filter_keeps_the_verdicts_of_what_it_keeps_and_every_learnt_word():
    marked = replace(
        SNAPSHOT,
        verdicts=(FitVerdictRecord(10, 2, True),),
        word_associations=(WordAssociationRecord("sy", "tovning", 2),),
    )
    kept = filter_snapshot(marked, locality="Ramsberg")
    assert kept.verdicts == marked.verdicts and kept.word_associations == marked.word_associations
    elsewhere = filter_snapshot(marked, locality="Vedevåg")
    assert elsewhere.verdicts == () and elsewhere.word_associations == marked.word_associations
