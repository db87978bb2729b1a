"""Analysis that survives a write: reusing parts gives exactly what computing from nothing gives."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.synthetic import synthetic_snapshot
from workshop.network.constellations import all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.incremental import graph_key, update_constellations
from workshop.network.metrics import brokers, communities, suggested_introductions
from workshop.network.snapshot import CommitmentRecord, IdeaRecord, NoteRecord, TieRecord
from workshop.services import analysis


@pytest.fixture(scope="module")
def process():
    return synthetic_snapshot(60, seed=7)


def with_(snapshot, **changes):
    return dataclasses.replace(snapshot, **{name: getattr(snapshot, name) + extra for name, extra in changes.items()})


def some_idea_without(snapshot, organisation_id):
    committed = {(c.idea_id, c.organisation_id) for c in snapshot.commitments}
    return next(i.id for i in sorted(snapshot.ideas, key=lambda i: i.id) if (i.id, organisation_id) not in committed)


def changes(snapshot):
    """The writes of a live meeting, each as the snapshot after it."""
    partners = sorted(o.id for o in snapshot.organisations if o.kind != "private_person")
    first = partners[0]
    G = build_organisation_graph(snapshot)
    second = next(o for o in partners[1:] if not G.has_edge(first, o))  # a tie where there was no link
    idea = some_idea_without(snapshot, first)
    meeting = snapshot.workshops[-1].id
    new_idea = IdeaRecord(max(i.id for i in snapshot.ideas) + 1, "Bygdekök i skolan", meeting, "Ramsberg", None, themes=frozenset({"mat"}))
    return {
        "a note about an idea": with_(snapshot, notes=(NoteRecord(None, idea, "Skolan har ett storkök som står tomt på kvällarna.", meeting),)),
        "a note about an organisation": with_(snapshot, notes=(NoteRecord(first, None, "Har en minibuss och chaufförer.", meeting),)),
        "a commitment": with_(snapshot, commitments=(CommitmentRecord(idea, first, "partner", meeting),)),
        "a tie": with_(snapshot, ties=(TieRecord(first, second, "cooperated", meeting),)),
        "a new idea": with_(snapshot, ideas=(new_idea,)),
    }


@pytest.mark.parametrize("change", ["a note about an idea", "a note about an organisation", "a commitment", "a tie", "a new idea"])
def test_constellations_after_a_write_equal_a_search_from_nothing(process, change):
    before = update_constellations(build_organisation_graph(process), process)
    after_snapshot = changes(process)[change]
    G = build_organisation_graph(after_snapshot)
    after = update_constellations(G, after_snapshot, before)
    assert after.results == all_constellations(G, after_snapshot)


def test_a_vote_or_anything_outside_the_analysis_searches_no_idea_again(process):
    G = build_organisation_graph(process)
    before = update_constellations(G, process)
    again = update_constellations(G, dataclasses.replace(process), before)
    assert again.recomputed == frozenset()
    assert again.results == before.results


def test_a_new_commitment_searches_its_idea_again_but_not_every_idea(process):
    before = update_constellations(build_organisation_graph(process), process)
    organisation = sorted(o.id for o in process.organisations if o.kind != "private_person")[0]
    idea = some_idea_without(process, organisation)
    after_snapshot = with_(process, commitments=(CommitmentRecord(idea, organisation, "partner", process.workshops[-1].id),))
    after = update_constellations(build_organisation_graph(after_snapshot), after_snapshot, before)
    assert idea in after.recomputed
    assert len(after.recomputed) < len(process.ideas)


def test_a_new_note_about_an_idea_does_not_recompute_the_network_measures(process):
    before = analysis.refresh(process, revision=1)
    note = changes(process)["a note about an idea"]
    after = analysis.refresh(note, before, revision=2)
    assert "graph_measures" in after.reused
    assert after.insights.brokers is before.insights.brokers  # the very same result, not recomputed
    # ... and it is what a computation from nothing gives.
    G = build_organisation_graph(note)
    assert after.insights.brokers == brokers(G)
    assert after.insights.communities == communities(G)
    assert after.fit.results == all_constellations(G, note)


def test_a_new_tie_recomputes_the_network_measures_and_they_match_a_fresh_computation(process):
    before = analysis.refresh(process, revision=1)
    tied = changes(process)["a tie"]
    after = analysis.refresh(tied, before, revision=2)
    G = build_organisation_graph(tied)
    assert "graph_measures" not in after.reused
    assert graph_key(G) != before.graph_key
    assert after.insights.brokers == brokers(G)
    assert after.insights.communities == communities(G)
    assert after.insights.introductions == suggested_introductions(G, tied, limit=50)
    assert after.view.community_of == analysis.network_view(tied).community_of


def test_a_tie_keeps_the_relevance_of_every_organisation_and_the_constellations_still_match(process):
    before = analysis.refresh(process, revision=1)
    tied = changes(process)["a tie"]
    after = analysis.refresh(tied, before, revision=2)
    # A tie changes who is linked, not what anyone is about.
    assert "relevance" in after.reused
    assert after.fit.results == all_constellations(build_organisation_graph(tied), tied)


def test_after_a_vote_the_analysis_is_the_previous_one_under_the_new_revision(process):
    before = analysis.refresh(process, revision=1)
    after = analysis.refresh(dataclasses.replace(process), before, revision=2)
    assert after.revision == 2
    assert after.fit is before.fit and after.insights is before.insights


def test_a_note_about_one_idea_searches_again_only_the_ideas_whose_pools_it_changes():
    # A note shifts the text statistics of every idea by a hair; the search reads the
    # ranked order and the quantised fit, so most ideas keep their result.
    process = synthetic_snapshot(300, seed=0)
    before = update_constellations(build_organisation_graph(process), process)
    noted = changes(process)["a note about an idea"]
    G = build_organisation_graph(noted)
    after = update_constellations(G, noted, before)
    assert 0 < len(after.recomputed) < len(noted.ideas) // 10
    assert after.results == all_constellations(G, noted)
