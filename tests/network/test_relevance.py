"""Relevance by meaning, the reasons a Leader office reads, the three states, 'why not X?',
and the held-out partners of planted processes."""

from __future__ import annotations

import pytest

from benchmarks.fit.evaluation import fit_ranking, held_out_scores, hide_one_commitment, hub_shares, most_connected_ranking
from benchmarks.synthetic import planted_snapshot
from workshop.i18n import Translator
from workshop.network.constellations import all_constellations, idea_constellations, why_not
from workshop.network.graph import build_organisation_graph
from workshop.network.relevance import NEED_MET, RelevanceIndex, label_match, stems
from workshop.network.snapshot import Capability, CommitmentRecord, IdeaRecord, NetworkSnapshot, NoteRecord, OrganisationRecord, TieRecord
from workshop.vocabulary import sector_of

AREA = "Leader Bergslagen"


@pytest.mark.parametrize(
    "need, offer",
    [
        pytest.param(("premises", "kök"), ("premises", "storkök"), id="a storkök is a kök (compound head)"),
        pytest.param(("premises", "kök"), ("premises", "köket"), id="definite form"),
        pytest.param(("premises", "kök i bygdegården"), ("premises", "storkök"), id="a qualified need, a compound offer"),
        pytest.param(("premises", "storkök"), ("premises", "kök i bygdegården"), id="the other way round"),
        pytest.param(("competence", "ledare för unga"), ("competence", "ungdomsledare"), id="linking s in the compound"),
        pytest.param(("resource", "maskiner"), ("resource", "skogsmaskiner"), id="plural compound"),
    ],
)
def test_needs_meet_offers_by_meaning_not_by_equal_strings(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) >= NEED_MET


@pytest.mark.parametrize(
    "need, offer",
    [
        # "lokal" the adjective is not "samlingslokal" the premises.
        pytest.param(("resource", "lokala råvaror"), ("premises", "samlingslokal"), id="a shared word that means something else"),
        # A kitchen is not the money to build one.
        pytest.param(("money", "investering i kök"), ("premises", "storkök"), id="another category"),
        pytest.param(("competence", "webbutveckling"), ("resource", "fiskevatten"), id="nothing in common"),
    ],
)
def test_unrelated_needs_and_offers_do_not_meet(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) < NEED_MET


def test_swedish_words_are_stemmed_and_function_words_dropped():
    assert stems("Köket i bygdegården och ungdomarna") == ["kök", "bygdegård", "ungdom"]


def organisation(organisation_id, name, kind="association", locality="Ramsberg", offers=(), description=""):
    return OrganisationRecord(
        organisation_id, name, kind, sector_of(kind), locality, AREA,
        offers=frozenset(Capability(*o) for o in offers), description=description,
    )


def kitchen_process(commitments=(), notes=()):
    """Bygdekök in Ramsberg needs a kitchen. The association owns the bygdegård with a
    storkök and cooked in the Matlag 2024 idea; the fishing club is in the same village; the IT
    company is the network's hub but has nothing to do with kitchens."""
    organisations = (
        organisation(1, "Ramsbergs bygdeförening", offers=[("premises", "storkök")], description="Driver bygdegården i Ramsberg."),
        organisation(2, "Ramsbergs fiskevårdsförening", description="Säljer fiskekort för sjöarna."),
        organisation(3, "Bergsbyte IT AB", "company", locality="Lindesberg", offers=[("competence", "it-support")], description="Bygger webbplatser."),
        organisation(4, "Kaffestugan AB", "company", description="Café med lunchservering och catering."),
    )
    ideas = (
        IdeaRecord(10, "Bygdekök", 1, "Ramsberg", AREA, needs=frozenset({Capability("premises", "kök")}), description="Laga mat i köket."),
        IdeaRecord(11, "Matlag 2024", 1, "Ramsberg", AREA, themes=frozenset({"mat"})),
    )
    return NetworkSnapshot(
        organisations=organisations,
        ideas=ideas,
        commitments=(CommitmentRecord(11, 1, "initiator", 1), *commitments),
        notes=notes,
    )


def test_an_organisation_with_a_matching_offer_is_relevant_and_one_that_is_only_nearby_is_not():
    index = RelevanceIndex(kitchen_process())
    ranked = [organisation for organisation, _ in index.ranked(10)]
    assert ranked[0] == 1
    # Same village, nothing about kitchens: place alone is no basis.
    assert 2 not in ranked and index.rank_of(10, 2) is None
    assert 3 not in ranked


def test_tacit_knowledge_about_an_organisation_makes_it_relevant():
    note = NoteRecord(organisation_id=4, idea_id=None, text="Kaffestugan har ett kök som står tomt på kvällarna.", workshop_id=1)
    index = RelevanceIndex(kitchen_process(notes=(note,)))
    assert 4 in [organisation for organisation, _ in index.ranked(10)]
    assert ("kök", "note") in index.explain(10, 4).words


def test_each_member_gets_one_swedish_sentence_saying_why_it_is_there():
    snapshot = kitchen_process()
    index = RelevanceIndex(snapshot)
    t = Translator("sv")
    clauses = index.explain(10, 1).reasons("Ramsberg", AREA)
    assert "; ".join(t.message(c) for c in clauses) == "erbjuder storkök (idén behöver kök); var med i Matlag 2024; finns i Ramsberg"
    committed = RelevanceIndex(kitchen_process(commitments=(CommitmentRecord(10, 4, "partner", 1),)))
    assert t.message(committed.explain(10, 4).reasons("Ramsberg", AREA, "partner")[0]) == "har anmält sig som partner"


def test_the_three_states_of_an_idea():
    # Formed: two partners committed, one may own it.
    formed = kitchen_process(commitments=(CommitmentRecord(10, 1, "initiator", 1), CommitmentRecord(10, 4, "partner", 1)))
    assert idea_constellations(build_organisation_graph(formed), formed, 10).state == "formed"
    # Can form: nobody committed, but the association (kitchen) and the café (food, lunch) both fit.
    note = NoteRecord(4, None, "Kaffestugan lagar mat i sitt kök varje dag.", 1)
    possible = kitchen_process(notes=(note,))
    result = idea_constellations(build_organisation_graph(possible), possible, 10)
    assert result.state == "can_form" and result.ask == ()
    assert set(result.candidates[0].members) == {1, 4}
    # Not enough known: only the association fits (a flower shop has nothing to do with
    # kitchens; the café above does, by meaning: café, lunch and catering are kitchen words);
    # say what to ask in the room.
    thin = kitchen_process()
    thin = NetworkSnapshot(
        organisations=thin.organisations[:3] + (organisation(4, "Blomsterboden AB", "company", description="Säljer blommor och krukväxter."),),
        ideas=thin.ideas,
        commitments=thin.commitments,
    )
    result = idea_constellations(build_organisation_graph(thin), thin, 10)
    assert result.state == "insufficient" and result.candidates == ()
    keys = [m.key for m in result.ask]
    assert "fit.ask.partners" in keys and "fit.ask.sector.public" in keys and "fit.ask.sector.private" in keys


def test_an_idea_whose_need_nobody_offers_asks_the_room_for_it():
    snapshot = NetworkSnapshot(
        organisations=(organisation(1, "Föreningen"),),
        ideas=(IdeaRecord(10, "Bastuflotte", 1, "Ramsberg", AREA, needs=frozenset({Capability("resource", "flytbryggor")})),),
    )
    result = idea_constellations(build_organisation_graph(snapshot), snapshot, 10)
    assert result.state == "insufficient"
    assert [m.params for m in result.ask if m.key == "fit.ask.need_nowhere"] == [{"need": "flytbryggor"}]


def test_why_not_answers_for_any_organisation():
    note = NoteRecord(4, None, "Kaffestugan lagar mat i sitt kök varje dag.", 1)
    snapshot = kitchen_process(notes=(note,))
    G = build_organisation_graph(snapshot)
    assert [m.key for m in why_not(G, snapshot, 10, 1)] == ["fit.whynot.in_best"]
    reason = why_not(G, snapshot, 10, 2)
    assert [m.key for m in reason] == ["fit.whynot.no_basis"] and reason[0].params == {"needs": "kök"}


def test_the_planted_partners_come_back_and_the_hubs_stay_out_of_unrelated_ideas():
    # Behaviour, not timing: on a planted process of 60 organisations a hidden committed partner
    # comes back among the first five suggestions for at least 80 % of the ideas, far above the
    # baseline that ignores the idea; hubs tied to a third of everyone stay within their share.
    process = planted_snapshot(60, seed=1)
    left, hidden = hide_one_commitment(process.snapshot, seed=0)
    fit = held_out_scores(fit_ranking(left), hidden)
    connected = held_out_scores(most_connected_ranking(left), hidden)
    assert fit.recall_at_5 >= 0.8
    assert fit.mrr > 3 * connected.mrr
    found = all_constellations(build_organisation_graph(process.snapshot), process.snapshot)
    for hub in hub_shares(process, found):
        assert hub.appearances <= hub.fair_share, hub


def test_a_process_without_any_text_yet_has_no_relevant_organisations_and_no_error():
    # A brand-new process: two organisations with nothing said about them, an idea whose title
    # holds no word (scikit-learn refuses an empty vocabulary; the index must not).
    snapshot = NetworkSnapshot(
        organisations=(organisation(1, "A"), organisation(2, "B")),
        ideas=(IdeaRecord(10, "…", 1, "Ramsberg", AREA),),
    )

    index = RelevanceIndex(snapshot)

    assert list(index.ranked(10)) == []
    constellations = all_constellations(build_organisation_graph(snapshot), snapshot)
    assert not constellations[10].candidates


def harvest_process(ideas=()):
    """Skördefest på Kvarnbacken: three associations that arrange the village's feasts and
    markets in August and carried the feasts of earlier years, and the farm at Kvarnbacken that
    the idea names but whose profile says nothing about feasts."""
    organisations = (
        organisation(1, "Ramsbergs bygdeförening", description="Ordnar skördefest och marknad i augusti."),
        organisation(2, "Ramsbergs byalag", description="Ordnar fester och marknader i bygden."),
        organisation(3, "Ramsbergs hembygdsförening", description="Ordnar fest med marknad på hembygdsgården."),
        organisation(4, "Eriksson lantbruk", "company", description="Mjölkgård med lada och hage, finns på Kvarnbacken."),
        organisation(5, "Ramsbergs IF", description="Fotboll och skidor för alla åldrar."),
    )
    idea = IdeaRecord(
        10, "Skördefest", 1, "Ramsberg", AREA, description="En fest med marknad i augusti. Vi vill vara i ladan på Kvarnbacken."
    )
    earlier = tuple(IdeaRecord(11 + k, f"Skördefest {year}", 1, "Ramsberg", AREA) for k, year in enumerate((2023, 2024, 2025)))
    commitments = tuple(CommitmentRecord(11 + k, o, "partner", 1) for k in range(3) for o in (1, 2, 3))
    return NetworkSnapshot(organisations=organisations, ideas=(idea, *earlier, *ideas), commitments=commitments)


def test_the_organisation_at_the_place_an_idea_names_comes_before_those_that_only_write_alike():
    # Before the recall work the three feast associations came first (they share "skördefest",
    # "marknad", "augusti" and the feasts of earlier years with the idea) and the farm the idea
    # names came last; now it comes first, the association that arranges the skördefest in
    # August next, and the reason says why.
    index = RelevanceIndex(harvest_process())
    ranked = [organisation for organisation, _ in index.ranked(10)]
    assert ranked[:2] == [4, 1]
    assert index.explain(10, 4).names == ("Kvarnbacken",)
    t = Translator("sv")
    # "ladan" in the idea is the farm's "lada": the same lemma, a thing rather than a name.
    assert "; ".join(t.message(c) for c in index.explain(10, 4).reasons("Ramsberg", AREA)) == "idén nämner Kvarnbacken; beskrivningen tar upp lada; finns i Ramsberg"
    # The sports club shares nothing with the idea: being in Ramsberg is still no basis.
    assert 5 not in ranked


def test_a_word_many_ideas_use_is_vocabulary_and_names_nobody():
    # Every idea speaks of "föreningarna"; the one association that writes it names none of them.
    ideas = tuple(
        IdeaRecord(20 + k, title, 1, "Ramsberg", AREA, description=f"{title} tillsammans med föreningarna.")
        for k, title in enumerate(("Pubkväll", "Loppis", "Städdag", "Vårkonsert"))
    )
    snapshot = harvest_process(ideas)
    snapshot = NetworkSnapshot(
        organisations=snapshot.organisations + (organisation(6, "Ramsbergs PRO", description="Samlar föreningarna till möten."),),
        ideas=snapshot.ideas,
    )
    index = RelevanceIndex(snapshot)
    assert index.explain(21, 6).names == ()
    assert index.explain(10, 4).names == ("Kvarnbacken",)


def test_the_partner_the_idea_calls_for_beats_a_well_connected_one_with_a_weak_reason():
    # The association has committed to the kitchen idea and knows the café well, but the café's
    # only link to the idea is a word in a note (its description says nothing of food; before
    # issue 20 the note read "vill laga mat ibland", and the farm shop won only because the idea
    # "named" it by everyday words: "lokala", "råvaror", "storkök"); the farm shop with a storkök it has never met
    # fits the idea far better, and is the one suggested with the association (before, the
    # café's ties outweighed it: a member's fit was its raw relevance, not against the best).
    organisations = (
        organisation(1, "Ramsbergs bygdeförening", description="Driver bygdegården i Ramsberg."),
        organisation(2, "Kaffestugan AB", "company", description="Vid kyrkan."),
        organisation(3, "Hyttgårdens gårdsbutik", "company", offers=[("premises", "storkök")], description="Storkök och catering av lokala råvaror."),
    )
    idea = IdeaRecord(10, "Bygdekök", 1, "Ramsberg", AREA, description="Laga mat av lokala råvaror i ett storkök.")
    note = NoteRecord(2, None, "Kaffestugan säljer ibland mat.", 1)
    snapshot = NetworkSnapshot(
        organisations=organisations,
        ideas=(idea,),
        commitments=(CommitmentRecord(10, 1, "initiator", 1),),
        ties=(TieRecord(1, 2, "cooperated", 1), TieRecord(1, 2, "know", 1)),
        notes=(note,),
    )
    result = idea_constellations(build_organisation_graph(snapshot), snapshot, 10)
    assert result.candidates[0].members == (1, 3)


@pytest.mark.parametrize("size, seed", [(200, 2), (300, 3)])
def test_the_planted_partners_come_back_in_large_processes_too(size, seed):
    # Behaviour, not timing: thirty organisations of a topic in the same villages write alike; the
    # hidden partner is the one whose place the idea names, and it comes back among the first five
    # suggestions for at least 80 % of the ideas.
    process = planted_snapshot(size, seed=seed)
    left, hidden = hide_one_commitment(process.snapshot, seed=0)
    assert held_out_scores(fit_ranking(left), hidden).recall_at_5 >= 0.8
