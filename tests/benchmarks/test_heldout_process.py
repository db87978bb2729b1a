"""The held-out no-cue process loads and is honest: no idea shares a word with its partner."""

from __future__ import annotations

import pytest

from benchmarks.fit import no_cue

HELD_OUT = pytest.mark.parametrize("path", [no_cue.HELDOUT, no_cue.HELDOUT2, no_cue.HELDOUT3, no_cue.HELDOUT4, no_cue.HELDOUT5], ids=["first", "second", "third", "fourth", "fifth"])


@HELD_OUT
def test_no_held_out_idea_names_its_partner_its_place_its_trade_or_its_offers(path):
    assert no_cue.leaks(no_cue.read(path)) == []


@HELD_OUT
def test_no_held_out_idea_shares_a_content_word_stem_or_compound_part_with_its_partner(path):
    assert no_cue.shared_words(no_cue.read(path)) == []


@pytest.mark.parametrize(
    "idea_text, partner_text, caught",
    [
        ("Kören behöver sovplatser", "Stugor med sovplatser", True),  # the same word
        ("Hämta oss och skjutsa hem", "Färdtjänst och skolskjuts", True),  # a compound part
        ("Skjutsade hem efter dansen", "Vi skjutsar till dansen", True),  # the same stem
        ("Vi köper skolhuset ihop", "Köpekontrakt och lagfart", True),  # a stem of three letters, then a compound
        ("BÄDDAR till kören", "Tolv stugor med bäddar", True),  # case does not hide it
        ("Vi behöver någon till hösten", "Någon behöver vi till våren", False),  # stop words only
        ("Farmor kommer inte till affären", "Hemkörning av matkassar", False),  # meaning, not words
    ],
)
def test_the_strict_check_catches_shared_words_stems_and_compound_parts_and_nothing_else(idea_text, partner_text, caught):
    raw = {
        "organisation": [{"key": "p", "name": "Firman", "description": partner_text, "offers": []}],
        "idea": [{"key": "i", "title": idea_text, "description": "", "needs": [], "partners": ["p"]}],
    }
    assert bool(no_cue.shared_words(raw)) is caught


@HELD_OUT
def test_the_held_out_file_loads_with_about_fifty_organisations_and_thirty_five_ideas(path):
    truth = no_cue.load(path)
    roles = list(truth.roles.values())
    assert 45 <= len(truth.snapshot.organisations) <= 70 and len(truth.snapshot.ideas) >= 34
    assert roles.count("hub") >= 3 and roles.count("lookalike") >= 5 and roles.count("namesake") >= 3
    assert all(truth.partners[i.id] for i in truth.snapshot.ideas)


@HELD_OUT
def test_the_held_out_partners_stay_hidden_and_lookalikes_live_away_from_every_idea(path):
    truth = no_cue.load(path)
    committed = {(c.idea_id, c.organisation_id) for c in truth.snapshot.commitments}
    assert len(committed) == len(truth.snapshot.ideas)  # the proposer only
    assert all((idea, partner) not in committed for idea, partners in truth.partners.items() for partner in partners)
    places = {o.id: o.locality for o in truth.snapshot.organisations}
    idea_places = {i.locality for i in truth.snapshot.ideas}
    assert all(places[o] not in idea_places for o, role in truth.roles.items() if role == "lookalike")


@HELD_OUT
def test_every_lookalike_offers_what_some_planted_partner_offers(path):
    # A look-alike is a distractor only if it offers the same thing as a right answer.
    truth = no_cue.load(path)
    offers = {o.id: o.offers for o in truth.snapshot.organisations}
    planted = set().union(*truth.partners.values())
    for lookalike in (o for o, role in truth.roles.items() if role == "lookalike"):
        assert any(offers[lookalike] & offers[p] for p in planted)


@pytest.mark.parametrize(
    "path, other",
    [
        (no_cue.HELDOUT, no_cue.DATA),
        (no_cue.HELDOUT2, no_cue.DATA),
        (no_cue.HELDOUT2, no_cue.HELDOUT),
        (no_cue.HELDOUT3, no_cue.DATA),
        (no_cue.HELDOUT3, no_cue.HELDOUT),
        (no_cue.HELDOUT3, no_cue.HELDOUT2),
        (no_cue.HELDOUT4, no_cue.DATA),
        (no_cue.HELDOUT4, no_cue.HELDOUT),
        (no_cue.HELDOUT4, no_cue.HELDOUT2),
        (no_cue.HELDOUT4, no_cue.HELDOUT3),
        (no_cue.HELDOUT5, no_cue.DATA),
        (no_cue.HELDOUT5, no_cue.HELDOUT),
        (no_cue.HELDOUT5, no_cue.HELDOUT2),
        (no_cue.HELDOUT5, no_cue.HELDOUT3),
        (no_cue.HELDOUT5, no_cue.HELDOUT4),
    ],
)
def test_the_held_out_ideas_are_new_not_copied_from_the_tuning_set_or_the_other_held_out_set(path, other):
    raw, earlier = no_cue.read(path), no_cue.read(other)
    assert not {i["title"].lower() for i in raw["idea"]} & {i["title"].lower() for i in earlier["idea"]}
    assert not {i["description"].lower() for i in raw["idea"]} & {i["description"].lower() for i in earlier["idea"]}


@HELD_OUT
def test_no_held_out_need_meets_its_partner_s_offer_by_a_word_pair_of_the_tuning_set(path):
    # The relevance model was tuned on no_cue_process.toml: a pair of need word and offer word
    # planted there (say "sovplatser" / "bäddar") would be recalled here, not understood.
    def words(labels):
        return {w for label in labels for w in no_cue._content_words(label.partition(":")[2])}

    def planted_pairs(raw):
        offers = {entry["key"]: words(entry["offers"]) for entry in raw["organisation"]}
        return {(need, offer) for idea in raw["idea"] for key in idea["partners"] for need in words(idea["needs"]) for offer in offers[key]}

    assert not planted_pairs(no_cue.read(path)) & planted_pairs(no_cue.read())
