"""The hand-written no-cue process is honest: no idea gives its partner away."""

from __future__ import annotations

import pytest

from benchmarks.fit import no_cue
from benchmarks.fit.baselines import bm25_ranking, tfidf_ranking
from benchmarks.fit.honest import score

RAW = no_cue.read()


def test_no_idea_contains_its_partners_name_place_domain_or_offer_words():
    assert no_cue.leaks(RAW) == []


@pytest.mark.parametrize(
    "title, partner_field, value",
    [
        ("Symaskiner till reparationskaféet", "domain", "symaskin"),  # a domain word inside a compound
        ("Kurs hos Ramsbergs slöjdare", "name", "Ramsbergs hemslöjdsförening"),  # a word of the name
        ("Träff i Ramsberg", "locality", "Ramsberg"),  # the partner's place, genitive or not
        ("Låna vävstolar", "offers", "resource: vävstolar"),  # a word of its offers
    ],
)
def test_the_leak_check_catches_each_kind_of_cue(title, partner_field, value):
    partner = {"key": "p", "name": "Syklubben", "locality": "Löa", "domain": [], "offers": []}
    partner[partner_field] = [value] if partner_field in ("domain", "offers") else value
    raw = {"organisation": [partner], "idea": [{"key": "i", "title": title, "description": "", "needs": [], "partners": ["p"]}]}
    assert no_cue.leaks(raw)


def test_the_process_holds_hubs_lookalikes_and_namesakes_around_forty_ideas():
    roles = [entry["role"] for entry in RAW["organisation"]]
    assert 40 <= len(RAW["organisation"]) <= 60 and len(RAW["idea"]) >= 40
    assert roles.count("hub") >= 3 and roles.count("lookalike") >= 5 and roles.count("namesake") >= 2


def test_the_planted_partners_stay_hidden_from_the_app():
    truth = no_cue.load()
    committed = {(c.idea_id, c.organisation_id) for c in truth.snapshot.commitments}
    assert all((idea, partner) not in committed for idea, partners in truth.partners.items() for partner in partners)
    assert len(committed) == len(truth.snapshot.ideas)  # the proposer only


def test_every_lookalike_is_farther_from_the_idea_than_the_partner_it_copies():
    # A far-away look-alike is in another place than the idea; otherwise it would be a fair answer.
    truth = no_cue.load()
    organisations = {o.id: o for o in truth.snapshot.organisations}
    lookalikes = [o for o, role in truth.roles.items() if role == "lookalike"]
    for idea in truth.snapshot.ideas:
        assert all(organisations[o].locality != idea.locality for o in lookalikes)


def test_lexical_baselines_find_a_partner_that_shares_the_idea_s_words():
    # Two organisations, one sharing the idea's words: every lexical baseline puts it first,
    # so a low baseline figure on the no-cue process comes from the data, not a broken ranking.
    from workshop.network.snapshot import IdeaRecord, NetworkSnapshot, OrganisationRecord

    snapshot = NetworkSnapshot(
        organisations=(
            OrganisationRecord(1, "Bryggeriet", "company", "private", None, None, description="öl på korn"),
            OrganisationRecord(2, "Kanotklubben", "association", "nonprofit", None, None, description="kanoter att hyra"),
        ),
        ideas=(IdeaRecord(1, "Hyra kanoter", 1, None, None, description="kanoter för en helg"),),
    )
    truth = {1: frozenset({2})}
    for ranking in (tfidf_ranking(snapshot, analyzer="char_wb", ngram_range=(3, 5)), tfidf_ranking(snapshot, analyzer="word"), bm25_ranking(snapshot)):
        assert score(ranking, truth, {1: 1}).recall == 1.0
