"""Everyday situations that mean a need (issue 20, round 6): a need written as what goes
wrong ("bussen går inte på kvällen") meets an offer written as a trade ("skolskjuts");
situations whose words stand far apart, or that come down to one word, do not count."""

from __future__ import annotations

import pytest

from workshop.language import lemmas
from workshop.language.concepts import read_situations, situation_concepts, situations
from workshop.network.relevance import NEED_MET, label_match
from workshop.network.snapshot import Capability


@pytest.mark.parametrize(
    "need, offer",
    [
        pytest.param(("competence", "någon som kan rädda liv"), ("competence", "hjärt-lungräddning"), id="saving lives meets CPR"),
        pytest.param(("premises", "någonstans att stanna natten"), ("premises", "vandrarhem"), id="somewhere to stay the night meets a hostel"),
        pytest.param(("competence", "reda ut siffrorna"), ("competence", "bokföring"), id="sorting out the figures meets bookkeeping"),
        pytest.param(("competence", "någon som kan stänga året"), ("competence", "bokslut"), id="closing the year meets annual accounts"),
        pytest.param(("competence", "det är kallt inne i salen"), ("competence", "värmepump"), id="cold indoors meets a heat pump"),
        pytest.param(("competence", "folk går vilse"), ("competence", "vägvisning"), id="people getting lost meets signposting"),
        pytest.param(("competence", "titta efter småttingarna"), ("competence", "barnvakt"), id="watching the little ones meets a babysitter"),
    ],
)
def test_a_need_written_as_a_situation_meets_the_trade_that_helps(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) >= NEED_MET


@pytest.mark.parametrize(
    "need, offer",
    [
        # One word of "kallt inne" is not the situation: cold water is no heating matter.
        pytest.param(("resource", "kallt vatten"), ("competence", "värmepump"), id="cold water is not cold indoors"),
        pytest.param(("competence", "mobiltäckning"), ("competence", "taktäckning"), id="mobile coverage is not roofing"),
        pytest.param(("competence", "någon som kan stänga grinden"), ("competence", "bokslut"), id="closing a gate is not closing the year"),
    ],
)
def test_a_need_that_only_shares_a_word_with_a_situation_does_not_meet_its_trade(need, offer):
    assert label_match(Capability(*need), Capability(*offer)) < NEED_MET


@pytest.mark.parametrize(
    "text, concept, found",
    [
        ("Ungdomarna hänger vid macken varje kväll", "youth_leaders", True),
        ("Bussen går inte efter sex", "transport", True),
        # Far apart in a long text the words of a situation say nothing together.
        ("Bussen stannar vid skolan. Vi har en stor sal med kök och scen som man hyr och det går bra", "transport", False),
        ("Det rör sig om en gammal lada", "health_exercise", False),
        ("Kommer i form av en bok", "health_exercise", False),
    ],
)
def test_a_situation_counts_only_when_its_words_stand_together(text, concept, found):
    assert (concept in situation_concepts(lemmas(text))) is found


def test_every_situation_of_the_file_has_two_content_words_and_a_known_concept():
    # Read at start; a phrase that came down to one everyday word would tie every text to its concept.
    assert all(len(parts) >= 2 for parts, _ in situations())


def test_a_situation_of_one_content_word_is_refused_when_read():
    with pytest.raises(ValueError, match="fewer than two content words"):
        read_situations({"funding": {"situations": ["har råd"]}})
