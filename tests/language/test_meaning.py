"""Swedish meaning from the vendored lexical resources: lemmas, compounds, the thesaurus,
synonyms and everyday words, on hand-made pairs of what an idea needs and what an
organisation offers (issue 20)."""

from __future__ import annotations

import pytest

from workshop.i18n import Translator
from workshop.language import Resources, compound, concepts, concepts_of_word, is_common, lemma, lemmas, term_match, tokens
from workshop.language.lexicon import VOCABULARY
from workshop.network.relevance import NEED_MET, RelevanceIndex, label_match
from workshop.network.snapshot import Capability, IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import sector_of

AREA = "Leader Bergslagen"


@pytest.mark.parametrize(
    "need, offer",
    [
        pytest.param(("competence", "någon som kan sy"), ("competence", "textilslöjd"), id="sy meets textilslöjd (thesaurus)"),
        pytest.param(("resource", "något att sy på"), ("resource", "symaskiner"), id="sy meets symaskiner"),
        pytest.param(("premises", "övernattning"), ("premises", "vandrarhem med 20 bäddar"), id="övernattning meets vandrarhem"),
        pytest.param(("premises", "övernattning"), ("premises", "stugor att hyra"), id="övernattning meets stugor"),
        pytest.param(("resource", "cyklar att låna"), ("resource", "uthyrning av mountainbikes"), id="cyklar meets mountainbikes"),
        pytest.param(("resource", "cykel"), ("resource", "elcyklar"), id="cykel meets its compound elcyklar (lemma, head)"),
        pytest.param(("competence", "bokföring"), ("competence", "redovisning"), id="bokföring meets redovisning"),
        pytest.param(("resource", "laddstolpe"), ("resource", "laddboxar för elbilar"), id="charging"),
        pytest.param(("competence", "guide"), ("competence", "guidade visningar"), id="guide, guidade"),
    ],
)
def test_a_need_meets_an_offer_that_says_the_same_thing_in_other_words(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) >= NEED_MET


@pytest.mark.parametrize(
    "need, offer",
    [
        # Same head, other first part: phone coverage is not roofing.
        pytest.param(("resource", "mobiltäckning"), ("competence", "taktäckning"), id="mobiltäckning is not taktäckning"),
        pytest.param(("competence", "mobiltäckning"), ("competence", "taktäckning"), id="not even in one category"),
        # "arvode" only begins like the head of "kulturarv".
        pytest.param(("competence", "kulturarv"), ("money", "arvode"), id="kulturarv is not arvode"),
        pytest.param(("money", "arvode"), ("competence", "kulturarv"), id="nor the other way round"),
        pytest.param(("resource", "lokala råvaror"), ("premises", "samlingslokal"), id="lokala the adjective is not a lokal"),
        pytest.param(("premises", "kök i bygdegården"), ("premises", "samlingslokal"), id="a hall is not the kitchen asked for"),
    ],
)
def test_words_that_only_look_alike_do_not_meet(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) < NEED_MET


@pytest.mark.parametrize(
    "word, parts",
    [
        ("elcykel", ("el", "cykel")),
        ("mobiltäckning", ("mobil", "täckning")),
        ("taktäckning", ("tak", "täckning")),
        ("kulturarv", ("kultur", "arv")),
        ("ungdomsledare", ("ungdom", "ledare")),  # the linking s is not part of the word
        ("arvode", None),  # not "arv" + "ode"
        ("övernattning", None),  # not "över" + "nattning"
        ("cykel", None),
    ],
)
def test_compounds_are_cut_where_both_parts_are_words_of_the_dictionary(word, parts):
    assert compound(word) == parts


def test_inflected_forms_share_a_lemma_that_snowball_cut_differently():
    # Snowball made "cykel" → cykel and "elcyklar" → elcykl; the lemmas meet through the head.
    assert lemmas("elcyklar och köket i bygdegården") == ["elcykel", "kök", "bygdegård"]
    assert term_match(lemma("cykel"), lemma("elcyklar")).value >= 0.9


@pytest.mark.parametrize("word", ["alla", "gärna", "hela", "behöver", "företagen", "föreningarna"])
def test_everyday_words_are_common(word):
    assert is_common(word)


@pytest.mark.parametrize("word", ["kvarnbacken", "vandrarhem", "textilslöjd", "mårdshyttan"])
def test_names_and_rare_things_are_not_common(word):
    assert not is_common(word)


def organisation(organisation_id, name, offers=(), description="", locality="Ramsberg", kind="association"):
    return OrganisationRecord(
        organisation_id, name, kind, sector_of(kind), locality, AREA,
        offers=frozenset(Capability(*o) for o in offers), description=description,
    )


def pilgrim_process():
    """A pilgrim walk needs somewhere to sleep; the hostel offers beds in other words, a
    football club writes as everyday a text as the idea, and a printer has nothing to do with it."""
    organisations = (
        organisation(1, "Löa vandrarhem", offers=[("premises", "vandrarhem med 20 bäddar")], description="Bäddar och dusch i gamla skolan."),
        organisation(2, "Ramsbergs IF", description="Vi vill gärna att alla i hela bygden ska må bra och behöver fler ledare."),
        organisation(3, "Lindesbergs Tryckeri", kind="company", offers=[("competence", "trycksaker")], description="Trycker affischer.", locality="Lindesberg"),
    )
    idea = IdeaRecord(
        10, "Pilgrimsvandring", 1, "Ramsberg", AREA,
        description="Vi vill gärna att alla ska kunna gå hela leden och behöver hjälp med var man sover.",
        needs=frozenset({Capability("premises", "övernattning")}),
    )
    return NetworkSnapshot(organisations=organisations, ideas=(idea,))


def test_the_partner_that_offers_the_need_in_other_words_comes_first_with_a_reason_that_says_so():
    index = RelevanceIndex(pilgrim_process())
    assert [organisation for organisation, _ in index.ranked(10)][0] == 1
    t = Translator("sv")
    reasons = "; ".join(t.message(c) for c in index.explain(10, 1).reasons("Ramsberg", AREA))
    assert reasons.startswith("erbjuder vandrarhem med 20 bäddar – idén behöver övernattning")


def test_an_organisation_is_never_named_or_explained_by_everyday_words():
    # The club shares "gärna", "alla", "hela", "behöver" with the idea, and nothing else.
    index = RelevanceIndex(pilgrim_process())
    club = index.explain(10, 2)
    assert club.names == () and club.named == 0.0
    t = Translator("sv")
    said = " ".join(t.message(c) for c in club.reasons("Ramsberg", AREA))
    for word in ("gärna", "alla", "hela", "behöver"):
        assert word not in said
    # Without the common-word filter the same words name the club (what issue 20 saw).
    unfiltered = RelevanceIndex(pilgrim_process(), Resources(common_words=False))
    assert unfiltered.explain(10, 2).named > 0


def test_without_the_thesaurus_and_synonyms_the_hostel_no_longer_meets_the_need():
    # The meaning comes from the resources: switched off, only the spelling is left.
    bare = Resources(concepts=False, synonyms=False)
    assert label_match(Capability("premises", "övernattning"), Capability("premises", "vandrarhem"), bare) < NEED_MET
    assert label_match(Capability("premises", "övernattning"), Capability("premises", "vandrarhem")) >= NEED_MET


def test_synonyms_from_viggo_kanns_list_meet_between_content_words_only():
    assert term_match("bokföring", "redovisning", Resources(concepts=False)).kind == "synonym"
    # "lokal" has "rum" and "sal" as synonyms, but everyday words never meet by synonym.
    assert term_match("lokal", "rum", Resources(concepts=False)).value == 0.0


def test_every_word_of_the_thesaurus_is_found_in_its_concept():
    # The file is data reviewed like code: each word, as written, leads back to its concept
    # (single words by their lemma; phrases are checked by the text they match).
    missing = []
    for key, concept in concepts().items():
        assert concept.label and concept.words, key
        assert len(set(concept.words)) == len(concept.words), f"{key} lists a word twice"
        for word in concept.words:
            written = tokens(word)
            if len(written) == 1 and key not in concepts_of_word(written[0]):
                missing.append((key, word))
    assert missing == []


@pytest.mark.parametrize(
    "concept, words",
    [
        ("premises", ["samlingslokal", "bygdegården", "festlokalen"]),
        ("kitchen", ["storköket", "catering", "café"]),
        ("transport", ["minibuss", "samåkning"]),
        ("boats_outdoor", ["kanoter", "flytvästar", "tält"]),
        ("guiding", ["guidning", "naturguide"]),
        ("marketing_web", ["hemsidan", "marknadsföring", "webbplatsen"]),
        ("accounting_funding", ["bokföringen", "redovisning", "kassören"]),
        ("funding", ["bidrag", "föreningsbidraget", "sponsring"]),
        ("craft_repair", ["symaskiner", "textilslöjd", "snickare"]),
        ("youth_leaders", ["ungdomsledare", "fritidsgården"]),
        ("childcare", ["barnpassning", "förskolan"]),
        ("heritage_archives", ["kulturarv", "arkivet", "hembygdsföreningen"]),
        ("accommodation", ["vandrarhemmet", "bäddar", "stugor"]),
        ("energy_charging", ["laddstolpar", "solceller"]),
        ("first_aid", ["hjärtstartare", "hlr"]),
        ("events_stage", ["scenen", "ljudanläggning", "konserter"]),
        ("bikes", ["cyklar", "mountainbike", "elcyklar"]),
    ],
)
def test_each_domain_of_the_thesaurus_knows_its_everyday_forms(concept, words):
    for word in words:
        assert concept in concepts_of_word(word), word


def test_the_vendored_resources_carry_their_notice():
    notice = (VOCABULARY / "NOTICE").read_text(encoding="utf-8")
    assert "Viggo Kann" in notice and "PROVIDED AS IS" in notice
    assert "CC BY-SA" in notice or "Attribution-ShareAlike 4.0" in notice
    for name in ("th_sv_SE_v2.dat", "wordfreq_sv.tsv", "concepts.toml"):
        assert (VOCABULARY / name).is_file() and name in notice
