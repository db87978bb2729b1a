"""Two more channels of relevance evidence (issue 20, round 3): what an idea and a profile
are about by the thesaurus's concepts, and the character n-grams the plain baseline
reads. Hand-made processes: pairs that must meet, and pairs that must not."""

from __future__ import annotations

import pytest

from workshop.network.relevance import RelevanceIndex
from workshop.network.relevance.concepts import concept_counts, concept_vectors
from workshop.network.relevance.text import character_vectors
from workshop.network.snapshot import Capability, IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import sector_of

AREA = "Leader Bergslagen"


def organisation(organisation_id, name, description, offers=(), kind="association", locality="Ramsberg"):
    return OrganisationRecord(
        organisation_id, name, kind, sector_of(kind), locality, AREA,
        offers=frozenset(Capability(*o) for o in offers), description=description,
    )


BOOKKEEPER = ("Sköter redovisning och revision åt små företag.", ())


def cashier_process(fillers=30, bookkeeper=BOOKKEEPER):
    """An idea about a treasurer who moved away, a bookkeeper whose profile shares no word
    with it, a fishing club, and ``fillers`` sports clubs that all speak of their budget (so
    the thesaurus's *accounting* is common in this process and the text vectors leave it
    out) besides their sport; the bookkeeper and the clubs in the same place."""
    sports = ["fotboll", "bandy", "innebandy", "orientering", "skidor", "friidrott"]
    organisations = [
        organisation(1, "Bergslagens Siffror", bookkeeper[0], offers=bookkeeper[1], kind="company", locality="Lindesberg"),
        organisation(2, "Klotens fiskeklubb", "Fiske och kanoter på sjöarna.", offers=[("resource", "kanoter")]),
    ]
    organisations += [
        organisation(10 + k, f"Idrottsklubb {k}", f"Vi spelar {sports[k % len(sports)]} och håller en budget för ungdomslaget.", locality="Lindesberg")
        for k in range(fillers)
    ]
    ideas = [IdeaRecord(100, "Vår kassör har flyttat", 1, "Ramsberg", AREA, description="Klubben står utan någon som har koll på räkenskaperna.")]
    return NetworkSnapshot(organisations=tuple(organisations), ideas=tuple(ideas))


def test_a_profile_about_the_same_concept_in_other_words_is_a_basis_and_ranks_first():
    # "kassör" and "redovisning" share no letters worth a feature, and accounting is so
    # common in this process that the text vectors drop it: the concept channel finds the
    # bookkeeper, and ranks it above clubs that speak of money beside their sport.
    index = RelevanceIndex(cashier_process())
    assert index.explain(100, 1).relevant
    assert index.ranked(100)[0][0] == 1


def test_a_member_found_by_concept_alone_still_has_a_reason():
    # The idea lists no needs, the bookkeeper only offers "bokföring" and shares no word
    # with the idea: the reason says its profile is about the same thing, never nothing.
    index = RelevanceIndex(cashier_process(bookkeeper=("", [("competence", "bokföring")])))
    relevance = index.explain(100, 1)
    assert relevance.relevant and relevance.text < 0.02
    assert [m.key for m in relevance.reasons("Lindesberg", AREA)][:1] == ["fit.why.similar"]


def test_a_profile_about_something_else_is_no_basis():
    index = RelevanceIndex(cashier_process())
    assert not index.explain(100, 2).relevant  # fishing and canoes: another concept
    assert 2 not in dict(index.ranked(100))


def test_a_hub_that_speaks_of_every_concept_is_less_about_the_idea_than_the_specialist():
    ideas, profiles = concept_vectors(
        [concept_counts(["kassör", "räkenskap"])],
        [concept_counts(words) for words in (["redovisning", "revisor"], ["redovisning", "kanot", "hemsida", "cykel", "bygdegård", "hlr"], ["fiske"])],
    )
    similarity = (ideas @ profiles.T)[0]
    assert similarity[0] > similarity[1] > similarity[2] == 0.0


@pytest.mark.parametrize(
    "idea, near, far",
    [
        pytest.param("Kanotpadling för nybörjare", "Uthyrning av kanoter och paddlar", "Bokföring och bokslut", id="a slip in the idea"),
        pytest.param("Cyklarna står i förrådet", "Cykelverkstad och reservdelar", "Snickeri och måleri", id="an inflection the lemmas miss"),
    ],
)
def test_character_n_grams_meet_a_profile_that_shares_pieces_of_words(idea, near, far):
    ideas, profiles = character_vectors([idea], [near, far], max_df=1.0)
    similarity = (ideas @ profiles.T).toarray()[0]
    assert similarity[0] > similarity[1]


def test_character_n_grams_alone_are_never_a_basis():
    # Shared pieces of words rank the relevant ones; they never make an organisation relevant.
    snapshot = NetworkSnapshot(
        organisations=(organisation(1, "Antikvariatet", "Antikvariat i gamla stan."),),
        ideas=(IdeaRecord(100, "Kantarellplockning", 1, "Ramsberg", AREA),),
    )
    index = RelevanceIndex(snapshot)
    assert (index.idea_grams @ index.org_grams_t).toarray()[0, 0] > 0  # "ant" in both
    assert not index.explain(100, 1).relevant
