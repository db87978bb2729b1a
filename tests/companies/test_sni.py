"""SNI 2007 codes: the format as extracts write it, the section letter from the division,
and divisions SNI 2007 does not have refused."""

from __future__ import annotations

from collections import Counter

import pytest

from workshop.companies.sni import SNI_FILE, InvalidSniCode, SECTIONS, parse_sni, parse_sni_codes, shown, sni_list, sni_name
from workshop.i18n import catalog, translate


@pytest.mark.parametrize(
    "written, code, division, section",
    [
        ("56100", "56100", "56", "I"),  # restaurants
        ("56.100", "56100", "56", "I"),
        (" 56.1 ", "561", "56", "I"),
        ("01", "01", "01", "A"),
        ("03220", "03220", "03", "A"),
        ("05100", "05100", "05", "B"),
        ("09900", "09900", "09", "B"),
        ("10710", "10710", "10", "C"),  # bakeries
        ("33120", "33120", "33", "C"),
        ("35110", "35110", "35", "D"),
        ("36001", "36001", "36", "E"),
        ("39000", "39000", "39", "E"),
        ("43320", "43320", "43", "F"),
        ("47112", "47112", "47", "G"),
        ("49410", "49410", "49", "H"),
        ("53100", "53100", "53", "H"),
        ("55101", "55101", "55", "I"),
        ("62010", "62010", "62", "J"),
        ("64190", "64190", "64", "K"),
        ("68201", "68201", "68", "L"),
        ("69201", "69201", "69", "M"),
        ("75000", "75000", "75", "M"),
        ("81210", "81210", "81", "N"),
        ("84111", "84111", "84", "O"),
        ("85100", "85100", "85", "P"),
        ("88101", "88101", "88", "Q"),
        ("90030", "90030", "90", "R"),
        ("96021", "96021", "96", "S"),
        ("97000", "97000", "97", "T"),
        ("99000", "99000", "99", "U"),
    ],
)
def test_the_section_follows_from_the_division(written, code, division, section):
    parsed = parse_sni(written)
    assert (parsed.code, parsed.division, parsed.section) == (code, division, section)


@pytest.mark.parametrize("division", ["00", "04", "34", "40", "44", "48", "54", "57", "67", "76", "83", "89"])
def test_a_division_sni_2007_does_not_have_is_refused(division):
    with pytest.raises(InvalidSniCode) as caught:
        parse_sni(division + "100")
    assert caught.value.message_key == "companies.error.sni_division"
    assert caught.value.params == {"division": division}


@pytest.mark.parametrize("written", ["5", "561000", "56,100", "5a100", "56..1", ".56100", ""])
def test_a_code_of_the_wrong_shape_is_refused(written):
    with pytest.raises(InvalidSniCode) as caught:
        parse_sni(written)
    assert caught.value.message_key == "companies.error.sni_format"


def test_a_company_has_one_main_code_first_and_more_after_it():
    assert parse_sni_codes("56.100; 47.199, 56100 / 10710") == ["56100", "47199", "10710"]
    assert parse_sni_codes(["10.710", "47.241"]) == ["10710", "47241"]


def test_codes_are_shown_as_scb_writes_them():
    assert [shown(c) for c in ("56100", "5610", "56")] == ["56.100", "56.10", "56"]


def test_every_section_has_a_swedish_and_an_english_name():
    for letter in SECTIONS:
        assert catalog("sv")[f"companies.sni.section.{letter}"]
        assert catalog("en")[f"companies.sni.section.{letter}"]
    assert catalog("sv")["companies.sni.section.I"] == "Hotell- och restaurangverksamhet"


def test_the_shipped_list_holds_all_five_levels_of_sni_2007():
    # SCB's SNI 2007 (MIS 2007:2): 21 sections, 88 divisions, 272 groups, 615 classes, 821 detail groups.
    levels = Counter(level for level, _parent, _name in sni_list().values())
    assert levels == {"section": 21, "division": 88, "group": 272, "class": 615, "detail": 821}
    assert sni_name("47111") == "Varuhus- och stormarknadshandel, mest livsmedel, drycker och tobak"


@pytest.mark.parametrize(
    "written, options",
    [
        ("47.110", "47.111, 47.112"),  # class 47.11 is split in two detail groups; there is no 47.110
        ("36000", "36.001, 36.002"),
        ("56.101", "56.100"),
        ("01.18", "01.11, 01.12, 01.13, 01.14, 01.15, 01.16, 01.19"),  # group 01.1 has no class 01.18
    ],
)
def test_a_code_that_is_no_sni_2007_code_is_refused_with_the_codes_that_are(written, options):
    with pytest.raises(InvalidSniCode) as caught:
        parse_sni(written)
    assert caught.value.message_key == "companies.error.sni_unknown"
    assert caught.value.params["options"] == options
    assert "SNI 2007" in translate("sv", caught.value.message_key, **caught.value.params)


@pytest.mark.parametrize("written, level", [("G", None), ("47", "division"), ("47.1", "group"), ("47.11", "class"), ("47.111", "detail")])
def test_a_code_of_every_level_that_exists_is_accepted(written, level):
    if level is None:  # a section is a letter, not a code a company is registered with
        with pytest.raises(InvalidSniCode):
            parse_sni(written)
        return
    assert sni_list()[parse_sni(written).code][0] == level


def test_every_detail_group_of_the_list_is_accepted_with_its_section():
    details = [code for code, (level, _p, _n) in sni_list().items() if level == "detail"]
    assert all(parse_sni(shown(code)).code == code for code in details)
    assert {parse_sni(code).section for code in details} == set(SECTIONS)


def _documented_unnamed() -> set[str]:
    """The codes data/companies/README.md lists as having no public source for their name."""
    readme = (SNI_FILE.parent / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- unnamed-sni-codes -->")[1].split("<!-- /unnamed-sni-codes -->")[0]
    return {word for line in listed.splitlines() if line[:1].isdigit() for word in line.split()}


def test_every_code_has_a_swedish_name_but_the_documented_remainder():
    unnamed = {code for code, (_level, _parent, name) in sni_list().items() if not name.strip()}
    assert unnamed == _documented_unnamed()
    assert {sni_list()[code][0] for code in unnamed} <= {"group", "class"}  # every section, division and detail group is named


@pytest.mark.parametrize(
    "code, name",
    [
        ("01", "Jordbruk och jakt samt service i anslutning härtill"),  # a division, from the source
        ("56", "Restaurang-, catering- och barverksamhet"),
        ("0113", "Odling av grönsaker och meloner, rotfrukter och stam- eller rotknölar"),  # a class of several detail groups
        ("5510", "Hotellverksamhet"),
        ("0321", "Fiskodling i saltvatten"),  # one detail group: SCB's own text, not the source's typo
        ("013", "Odling av plantskoleväxter"),  # a group of one class
    ],
)
def test_divisions_groups_and_classes_carry_scbs_names(code, name):
    assert sni_name(code) == name
