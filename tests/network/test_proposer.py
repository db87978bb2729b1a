"""The proposer belongs to the idea (issue 20): the organisation of the participant who added an
idea is its initiator in every constellation, in the gaps, on the LEADER card and in the draft;
an idea from a private person says that an organisation must take ownership."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import add_idea, commit, join, make_workshop
from workshop.leader import service as leader
from workshop.network.graph import build_organisation_graph
from workshop.services import analysis, organisations
from workshop.services.leader_facts import read_facts
from workshop.services.network import read_snapshot

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def workshop_idea(store):
    """Öppen verkstad: proposed from Vedevågs hembygdsförening, which has both a joinery and a
    meeting hall; the sawmill and the study association commit, the proposer does not."""
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    hembygd = join(store, meeting, "Hanna", "Vedevågs hembygdsförening", locality="Vedevåg",
                   offers={"premises": ["samlingslokal"], "competence": ["snickeri"]})
    saw = join(store, meeting, "Sven", "Vedevågs Såg AB", kind="company", locality="Vedevåg", offers={"resource": ["virke"]})
    study = join(store, meeting, "Stina", "Studieförbundet Vuxenskolan Vedevåg", locality="Vedevåg", offers={"competence": ["kursledare"]})
    idea = add_idea(store, hembygd, "Öppen verkstad", locality="Vedevåg", description="En verkstad där alla kan laga och bygga.",
                    needs={"competence": ["snickeri"], "premises": ["samlingslokal"]})
    commit(store, saw, idea)
    commit(store, study, idea)
    return meeting, hembygd, saw, study, idea


def _result(store, idea):
    return analysis.constellations(analysis.network_view(read_snapshot(store)))[idea]


def test_the_proposers_organisation_is_in_every_constellation_of_its_idea(store, workshop_idea):
    _meeting, hembygd, saw, study, idea = workshop_idea
    result = _result(store, idea)
    assert result.candidates
    assert all(hembygd.organisation_id in c.members for c in result.candidates)
    # The two who committed are never a group on their own (the best group was them only).
    assert tuple(sorted((saw.organisation_id, study.organisation_id))) not in [c.members for c in result.candidates]
    assert result.state == "formed"


def test_the_gaps_count_what_the_proposers_organisation_offers(store, workshop_idea):
    *_, idea = workshop_idea
    keys = [(item.message.key, item.message.params.get("capability")) for item in _result(store, idea).missing]
    # "Ingen av de engagerade har snickeri / samlingslokal" was wrong: the proposer has both.
    assert not [key for key in keys if key[0].startswith("constellation.missing.capability")]
    assert ("constellation.missing.partners", None) not in keys


def test_the_snapshot_derives_the_initiator_without_writing_a_commitment_row(store, workshop_idea):
    _meeting, hembygd, *_rest, idea = workshop_idea
    snapshot = read_snapshot(store)
    record = next(i for i in snapshot.ideas if i.id == idea)
    assert (record.proposer_id, record.proposed_by_private_person) == (hembygd.organisation_id, False)
    initiators = [c for c in snapshot.commitments if c.idea_id == idea and c.organisation_id == hembygd.organisation_id]
    assert [c.role for c in initiators] == ["initiator"]
    # The graph links the proposer to those who committed to its idea.
    assert build_organisation_graph(snapshot).edges[hembygd.organisation_id, workshop_idea[2].organisation_id]["shared_ideas"] == 1


def test_a_commitment_of_the_proposer_keeps_its_own_role_and_is_not_doubled(store, workshop_idea):
    _meeting, hembygd, *_rest, idea = workshop_idea
    commit(store, hembygd, idea, role="possible_owner")
    commitments = [c for c in read_snapshot(store).commitments if c.idea_id == idea and c.organisation_id == hembygd.organisation_id]
    assert [c.role for c in commitments] == ["possible_owner"]
    assert all(hembygd.organisation_id in c.members for c in _result(store, idea).candidates)


def test_after_a_merge_the_proposer_is_the_organisation_that_remains(store, workshop_idea):
    meeting, hembygd, saw, study, idea = workshop_idea
    twin = join(store, meeting, "Henrik", "Hembygdsföreningen i Vedevåg", locality="Vedevåg")
    other = add_idea(store, twin, "Hembygdsdag", locality="Vedevåg", description="En dag om bygdens historia.")
    organisations.merge_organisations(store, meeting.id, meeting.facilitator, duplicate_id=twin.organisation_id, keep_id=hembygd.organisation_id)
    record = next(i for i in read_snapshot(store).ideas if i.id == other)
    assert record.proposer_id == hembygd.organisation_id


def test_an_idea_from_a_private_person_has_no_initiator_and_says_an_organisation_must_own_it(store):
    meeting = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    karin = join(store, meeting, "Karin Berg")  # no organisation: a private person
    idea = add_idea(store, karin, "Bastuflotte", locality="Vedevåg")
    record = next(i for i in read_snapshot(store).ideas if i.id == idea)
    assert (record.proposer_id, record.proposed_by_private_person) == (None, True)
    facts = read_facts(store, idea)
    assert facts.proposed_by_private_person and not facts.parties


def test_the_leader_card_takes_volunteer_hours_from_the_proposers_organisation(store, workshop_idea):
    meeting, hembygd, saw, _study, idea = workshop_idea
    view = leader.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY)
    by_id = {p.id: p for p in view.facts.parties}
    assert "initiator" in by_id[hembygd.organisation_id].roles
    leader.save_card(store, meeting.id, meeting.facilitator, idea, support_type="check_livskvalitet",
                     volunteer_hours={hembygd.organisation_id: 40, saw.organisation_id: 5})
    view = leader.card_view(store, meeting.id, meeting.facilitator, idea, today=TODAY)
    assert dict(view.facts.card.volunteer_hours) == {hembygd.organisation_id: 40, saw.organisation_id: 5}


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_the_drafts_partner_table_names_the_proposers_organisation(store, workshop_idea, fmt):
    meeting, _hembygd, *_rest, idea = workshop_idea
    leader.save_card(store, meeting.id, meeting.facilitator, idea, support_type="check_livskvalitet",
                     long_term="Vedevågs hembygdsförening driver verkstaden vidare.")
    data = leader.application_draft(store, idea, fmt, today=TODAY)
    if fmt == "docx":
        import io

        from docx import Document

        document = Document(io.BytesIO(data))
        partner_rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    else:
        partner_rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in data.decode("utf-8").splitlines() if line.startswith("|")]
    names = {row[0].replace("\\", "") for row in partner_rows}
    assert {"Vedevågs hembygdsförening", "Vedevågs Såg AB", "Studieförbundet Vuxenskolan Vedevåg"} <= names
    initiator = next(row for row in partner_rows if row[0].replace("\\", "") == "Vedevågs hembygdsförening")
    assert "Initiativtagare" in initiator[1]


def test_the_legacy_reference_search_keeps_the_proposer_in_every_group_too():
    # The fit benchmark compares with the legacy search: both must follow the same rule.
    from benchmarks.fit import legacy_constellations
    from workshop.network.constellations import idea_constellations
    from workshop.network.snapshot import CommitmentRecord, IdeaRecord, NetworkSnapshot, OrganisationRecord

    organisations = tuple(
        OrganisationRecord(i, f"Förening {i}", "association", "nonprofit", "Vedevåg", "Leader Bergslagen", description="Verkstad och snickeri.")
        for i in range(1, 6)
    )
    snapshot = NetworkSnapshot(
        organisations=organisations,
        ideas=(IdeaRecord(10, "Öppen verkstad", 1, "Vedevåg", "Leader Bergslagen", description="Verkstad och snickeri.", proposer_id=4),),
        commitments=(CommitmentRecord(10, 1, "partner", 1), CommitmentRecord(10, 2, "partner", 1)),
    )
    G = build_organisation_graph(snapshot)
    for search in (idea_constellations, legacy_constellations.idea_constellations):
        candidates = search(G, snapshot, 10, k=5).candidates
        assert candidates and all(4 in c.members for c in candidates), search.__module__
