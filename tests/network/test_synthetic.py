"""Synthetic networks look like a Lindesberg workshop process, and every message is translated.

The second half runs the whole analysis on synthetic and hand-made networks and checks
that every message it emits is in both catalogs and formats with its parameters.
"""

from __future__ import annotations

import json
import string
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic import CAPABILITIES, LEADER_AREA_BY_LOCALITY, LEADER_CAPS, LOCALITIES, synthetic_snapshot
from workshop.network.constellations import PART_HELP, PART_LABELS, all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.maptext import MAP_LABEL_KEYS
from workshop.network.message import Message
from workshop.network.metrics import (
    METRIC_EXPLANATIONS,
    brokers,
    ideas_needing_partners,
    suggested_introductions,
)
from workshop.network.readiness import CRITERION_LABELS, all_readiness
from workshop.network.snapshot import CommitmentRecord, IdeaRecord, NetworkSnapshot, OrganisationRecord
from workshop.vocabulary import COMMITMENT_ROLES, NEED_CATEGORIES, ORGANISATION_KINDS, sector_of

CATALOGS = Path(__file__).resolve().parents[2] / "workshop" / "i18n"


def test_the_same_seed_gives_the_same_network_and_another_seed_another():
    assert synthetic_snapshot(50, seed=1) == synthetic_snapshot(50, seed=1)
    assert synthetic_snapshot(50, seed=1) != synthetic_snapshot(50, seed=2)


def test_the_places_and_leader_areas_are_those_of_lindesberg():
    snapshot = synthetic_snapshot(300)
    assert set(LOCALITIES) == {"Lindesberg", "Fellingsbro", "Ullersäter", "Vedevåg", "Ramsberg", "Guldsmedshyttan"}
    assert {o.locality for o in snapshot.organisations} == set(LOCALITIES)
    assert LEADER_AREA_BY_LOCALITY["Fellingsbro"] == "Leader Mälardalen"
    assert {LEADER_AREA_BY_LOCALITY[p] for p in LOCALITIES if p != "Fellingsbro"} == {"Leader Bergslagen"}
    assert all(o.leader_area == LEADER_AREA_BY_LOCALITY[o.locality] for o in snapshot.organisations)
    assert all(i.leader_area == (LEADER_AREA_BY_LOCALITY[i.locality] if i.locality else None) for i in snapshot.ideas)
    assert snapshot.leader_caps == LEADER_CAPS == {"Leader Mälardalen": 1_300_000}


def test_every_kind_of_organisation_takes_part_in_plausible_proportions():
    kinds = Counter(o.kind for o in synthetic_snapshot(1000).organisations)
    assert set(kinds) == set(ORGANISATION_KINDS)
    # Associations are the most common; public bodies and schools are few.
    assert kinds.most_common(1)[0][0] == "association"
    assert 0.10 <= kinds["private_person"] / 1000 <= 0.25 and kinds["public_body"] < kinds["company"]


@pytest.mark.parametrize("size", [50, 300])
def test_sizes_follow_the_brief(size):
    snapshot = synthetic_snapshot(size)
    assert len(snapshot.organisations) == size and len(snapshot.ideas) == round(size * 3.3)
    per_idea = Counter(c.idea_id for c in snapshot.commitments)
    counts = Counter(len({c.organisation_id for c in snapshot.commitments if c.idea_id == i.id}) for i in snapshot.ideas)
    assert set(counts) <= {0, 1, 2, 3, 4} and counts[0] > 0 and counts[1] > 0 and max(per_idea.values()) <= 4
    assert 1.5 * size <= len(snapshot.ties) <= 2 * size
    assert all(1 <= len(i.needs) <= 4 for i in snapshot.ideas)
    assert all(1 <= len(o.offers) <= 5 for o in snapshot.organisations if o.kind != "private_person")
    assert len(set(CAPABILITIES)) >= 30 and {c.category for c in CAPABILITIES} == set(NEED_CATEGORIES)


def test_records_are_consistent_with_the_order_of_the_meetings():
    snapshot = synthetic_snapshot(200, seed=3)
    sequence = {w.id: w.sequence for w in snapshot.workshops}
    organisations = {o.id: o for o in snapshot.organisations}
    ideas = {i.id: i for i in snapshot.ideas}
    first = {o.id: sequence.get(o.first_workshop_id, 0) for o in snapshot.organisations}
    assert all(o.sector == sector_of(o.kind) for o in snapshot.organisations)
    assert len({o.name for o in snapshot.organisations}) == len(snapshot.organisations)
    for c in snapshot.commitments:
        assert c.role in COMMITMENT_ROLES and c.idea_id in ideas and c.organisation_id in organisations
        assert sequence[c.workshop_id] >= max(first[c.organisation_id], sequence[ideas[c.idea_id].workshop_id])
    for t in snapshot.ties:
        assert t.organisation_a != t.organisation_b
        assert sequence[t.workshop_id] >= max(first[t.organisation_a], first[t.organisation_b])
    for a in snapshot.attendances:
        assert sequence[a.workshop_id] >= first[a.organisation_id]
    owners = [i.owner_organisation_id for i in snapshot.ideas if i.owner_organisation_id is not None]
    assert owners and all(organisations[o].kind != "private_person" for o in owners)


# --- every message the analysis emits is translated -------------------------------------------


def catalog(language: str) -> dict[str, str]:
    """The analysis' own catalogs: the network's and the fit of constellations to ideas."""
    merged: dict[str, str] = {}
    for name in ("network.json", "fit.json"):
        merged.update(json.loads((CATALOGS / language / name).read_text(encoding="utf-8")))
    # The owner's sentences (workshop.network.ownership) live with the proposer's strings.
    proposer = json.loads((CATALOGS / language / "proposer.json").read_text(encoding="utf-8"))
    merged.update({key: text for key, text in proposer.items() if key.startswith("ownership.")})
    # The map page's language (its lang attribute) lives with the accessibility strings.
    accessibility = json.loads((CATALOGS / language / "a11y.json").read_text(encoding="utf-8"))
    merged.update({key: text for key, text in accessibility.items() if key.startswith("map.")})
    return merged


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_swedish_and_english_have_the_same_keys_and_parameters():
    swedish, english = catalog("sv"), catalog("en")
    assert sorted(swedish) == sorted(english)
    assert all(fields(swedish[key]) == fields(english[key]) for key in swedish)
    prefixes = ("network.", "constellation.", "readiness.", "map.", "fit.", "errors.capacity_", "field.capacity", "ownership.")
    assert all(key.startswith(prefixes) for key in swedish)


def test_every_fixed_key_the_ui_needs_is_in_the_catalog():
    keys = set(catalog("sv"))
    needed = {*MAP_LABEL_KEYS, *PART_LABELS.values(), *PART_HELP.values(), *CRITERION_LABELS.values(), *METRIC_EXPLANATIONS.values()}
    needed |= {"readiness.ready", "readiness.not_ready"}
    assert sorted(needed - keys) == []


def edge_cases() -> NetworkSnapshot:
    # Hand-made so that the rarer messages appear: a capability nobody offers, a named private
    # owner, a budget over the cap, negative hours, an idea without locality or area.
    organisations = (
        OrganisationRecord(1, "Föreningen", "association", "nonprofit", "Fellingsbro", "Leader Mälardalen"),
        OrganisationRecord(2, "Karin", "private_person", None, "Fellingsbro", "Leader Mälardalen"),
        OrganisationRecord(3, "Bolaget", "company", "private", "Vedevåg", "Leader Bergslagen"),
    )
    ideas = (
        IdeaRecord(1, "A", 1, "Fellingsbro", "Leader Mälardalen", needs=frozenset(CAPABILITIES[:2]), budget_sek=2_000_000,
                   cofinancing_hours=-1, owner_organisation_id=2),
        IdeaRecord(2, "B", 1, None, None, budget_sek=0, owner_organisation_id=3),
        IdeaRecord(3, "C", 1, "Storå", None, budget_sek=10),
        IdeaRecord(4, "D", 1, "Vedevåg", "Leader Bergslagen", budget_sek=10, cofinancing_hours=0),
        # From a private person, nobody else committed: an organisation must take ownership.
        IdeaRecord(5, "E", 1, "Vedevåg", "Leader Bergslagen", proposed_by_private_person=True),
    )
    given = [(1, 1, "initiator"), (1, 2, "partner"), (4, 1, "possible_owner")]
    commitments = tuple(CommitmentRecord(idea, organisation, role, 1) for idea, organisation, role in given)
    return NetworkSnapshot(organisations=organisations, ideas=ideas, commitments=commitments, leader_caps=dict(LEADER_CAPS))


def emitted_messages(snapshot: NetworkSnapshot) -> list[Message]:
    G = build_organisation_graph(snapshot)
    messages = [b.reason for b in brokers(G, sample_size=20)]
    messages += [gap.message for gap in ideas_needing_partners(snapshot)]
    messages += [reason for introduction in suggested_introductions(G, snapshot, limit=None) for reason in introduction.reasons]
    for result in all_constellations(G, snapshot).values():
        messages += [c.reason for c in result.candidates] + [item.message for item in result.missing]
    for readiness in all_readiness(snapshot).values():
        messages += [c.message for c in readiness.criteria] + [readiness.summary]
    return messages


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_message_the_analysis_emits_is_translated_and_formats(language):
    texts = catalog(language)
    messages = emitted_messages(synthetic_snapshot(60, seed=11)) + emitted_messages(edge_cases())
    for message in messages:
        assert message.key in texts, message.key
        assert fields(texts[message.key]) <= set(message.params), message
        texts[message.key].format(**message.params)
    # The run reaches (nearly) every message key the analysis can emit.
    emitted = {m.key for m in messages}
    emitting = ("network.broker", "network.idea", "network.introduction", "constellation.", "readiness.", "ownership.")
    possible = {key for key in texts if key.startswith(emitting)}
    possible -= {*PART_LABELS.values(), *PART_HELP.values(), *CRITERION_LABELS.values()}
    assert sorted(possible - emitted) == []
