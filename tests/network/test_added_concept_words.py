"""Words coordinators added to the thesaurus in the relevance model, on a small hand-made
process: they meet like the file's words, in needs, text and reasons, only in the index of
the snapshot that carries them, and every filter keeps them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from workshop.language import Resources, concepts_of, concepts_of_text
from workshop.network.graph import filter_snapshot
from workshop.network.relevance import RelevanceIndex, relevance_inputs
from workshop.network.snapshot import Capability, IdeaRecord, NetworkSnapshot, OrganisationRecord, WorkshopRecord


def _org(id_, name, offers=(), description=""):
    return OrganisationRecord(
        id_, name, "association", "nonprofit", "Ramsberg", "Leader Bergslagen",
        offers=frozenset(offers), first_workshop_id=1, description=description,
    )


# A carriage ride to the Christmas market needs an "ekipage", a word the thesaurus file does not
# know; the bus company offers a minibus (transport), the café a kitchen. Nothing else ties them.
SNAPSHOT = NetworkSnapshot(
    workshops=(WorkshopRecord(1, "Träff", dt.date(2026, 3, 1), "Ramsberg", 1),),
    organisations=(_org(1, "Bussresor", [Capability("resource", "minibuss")]), _org(2, "Kaffestugan", [Capability("premises", "kök")])),
    ideas=(IdeaRecord(10, "Till julmarknaden", 1, "Ramsberg", "Leader Bergslagen", needs=frozenset({Capability("resource", "ekipage")})),),
)
ADDED = (("transport", "ekipage"),)


def test_an_added_word_meets_an_offer_of_its_concept_only_in_the_snapshot_that_carries_it():
    assert RelevanceIndex(SNAPSHOT).rank_of(10, 1) is None
    index = RelevanceIndex(replace(SNAPSHOT, concept_words=ADDED))
    assert index.rank_of(10, 1) == 1
    assert [(m.kind, m.concept) for m in index.explain(10, 1).met_how] == [("concept", "transport")]
    assert index.rank_of(10, 2) is None  # a kitchen is no transport
    assert RelevanceIndex(SNAPSHOT).rank_of(10, 1) is None  # the file's cached lookup learnt nothing


def test_without_the_thesaurus_an_added_word_counts_for_nothing_either():
    index = RelevanceIndex(replace(SNAPSHOT, concept_words=ADDED), Resources(concepts=False))
    assert index.rank_of(10, 1) is None


def test_an_added_phrase_and_an_added_compound_head_are_found_like_the_files():
    added = (("transport", "ekipage"), ("transport", "häst och vagn"))
    # A compound of an added word, by its head ("häst" is an animal in the file itself).
    assert concepts_of("hästekipage", added) - concepts_of("hästekipage") == {"transport"}
    assert concepts_of_text(["häst", "och", "vagn"], added) - concepts_of_text(["häst", "och", "vagn"]) == {"transport"}
    assert "transport" not in concepts_of_text(["häst", "och", "vagn"])


def test_a_filter_keeps_every_added_word_and_a_new_word_is_a_new_relevance_input():
    marked = replace(SNAPSHOT, concept_words=ADDED)
    assert filter_snapshot(marked, locality="Ramsberg").concept_words == ADDED
    assert filter_snapshot(marked, locality="Vedevåg").concept_words == ADDED  # they belong to the process
    assert relevance_inputs(marked) != relevance_inputs(SNAPSHOT)  # the shared analysis does not reuse the old index
