"""One state per idea (issue 20): over random processes, the texts the constellations page shows
for an idea never contradict each other.

The page shows, for one idea: its state and the state's help text, what to ask in the room,
the constellations (with the proposed owner), the gaps of the committed group and the
readiness checklist. Each pair below is two texts that cannot both be true of one idea; the
test draws random networks and checks that no idea shows both texts of any pair.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.network.test_constellations import small_networks
from workshop.network.constellations import all_constellations
from workshop.network.graph import build_organisation_graph
from workshop.network.readiness import all_readiness

UNSETTLED_OWNER = {"ownership.open", "ownership.missing", "ownership.private_proposer"}
# "Ingen (möjlig) projektägare": nobody committed may own the project.
NOBODY_MAY_OWN = {"ownership.missing", "ownership.private_proposer"}


def shown(result, readiness, idea):
    """The message keys the page shows for one idea, by where they stand."""
    owner = next(c for c in readiness.criteria if c.key == "owner")
    partners = next(c for c in readiness.criteria if c.key == "partners")
    return {
        "state": result.state,
        "ask": {m.key for m in result.ask},
        "missing": {item.message.key for item in result.missing},
        "missing_owner": next((item.message for item in result.missing if item.message.key in UNSETTLED_OWNER), None),
        "owner": owner.message,
        "owner_passed": owner.passed,
        "partners_passed": partners.passed,
        "candidates": result.candidates,
        "proposer": idea.proposer_id,
    }


def _all_keys(s):
    return s["ask"] | s["missing"] | {s["owner"].key}


# Each pair: a name, and a test that is true when the idea shows both contradicting texts.
CONTRADICTIONS = [
    # "Bildad — … en av dem kan äga projektet" against "Ingen möjlig projektägare ännu".
    ("formed, yet nobody may own", lambda s: s["state"] == "formed" and bool(_all_keys(s) & NOBODY_MAY_OWN)),
    # "Bildad — två eller fler … har anmält intresse" against "Minst två samverkande aktörer: saknas".
    ("formed, yet partners missing", lambda s: s["state"] == "formed" and ("constellation.missing.partners" in s["missing"] or not s["partners_passed"])),
    ("formed, yet asks for partners or an owner", lambda s: s["state"] == "formed" and bool(s["ask"])),
    # "X kan vara projektägare" against "Ingen har åtagit sig att äga projektet".
    ("owner settled in the checklist, unsettled in the gaps", lambda s: s["owner_passed"] and s["missing_owner"] is not None),
    ("owner unsettled in the checklist, settled in the gaps",
     lambda s: not s["owner_passed"] and s["owner"].key in UNSETTLED_OWNER and s["missing_owner"] is None),
    # The two places that speak of an unsettled owner say the very same sentence.
    ("the gaps and the checklist word the owner differently",
     lambda s: s["missing_owner"] is not None and s["owner"].key in UNSETTLED_OWNER and s["missing_owner"] != s["owner"]),
    # "Någon av dem som är med kan ta på sig rollen" against "Ingen som kan äga projektet har koppling till idén".
    ("someone committed could own, yet the room is asked for an owner",
     lambda s: "fit.ask.owner" in s["ask"] and (s["owner"].key == "ownership.open" or s["owner_passed"])),
    ("insufficient, yet a constellation is shown", lambda s: s["state"] == "insufficient" and bool(s["candidates"])),
    ("can form, yet no constellation is shown", lambda s: s["state"] == "can_form" and not s["candidates"]),
    # "Förslagsställarens organisation … med i varje konstellation" against a constellation without it.
    ("the proposer is said to be in every constellation, yet one lacks it",
     lambda s: s["proposer"] is not None and any(s["proposer"] not in c.members for c in s["candidates"])),
]


@st.composite
def processes(draw):
    snapshot = draw(small_networks())
    private = {o.id for o in snapshot.organisations if o.kind == "private_person"}
    ideas = []
    for idea in snapshot.ideas:
        # As storage reads it: a private person's idea has no proposer organisation, only the flag.
        by_private = idea.proposer_id in private or draw(st.booleans()) and idea.proposer_id is None
        proposer = None if idea.proposer_id in private else idea.proposer_id
        ideas.append(dataclasses.replace(idea, proposer_id=proposer, proposed_by_private_person=by_private))
    return dataclasses.replace(snapshot, ideas=tuple(ideas))


@settings(max_examples=150, deadline=None)
@given(snapshot=processes(), k=st.integers(min_value=1, max_value=5))
def test_the_texts_shown_for_an_idea_never_contradict_each_other(snapshot, k):
    G = build_organisation_graph(snapshot)
    results = all_constellations(G, snapshot, k=k)
    readiness = all_readiness(snapshot)
    for idea in snapshot.ideas:
        state = shown(results[idea.id], readiness[idea.id], idea)
        broken = [name for name, contradicts in CONTRADICTIONS if contradicts(state)]
        assert not broken, (idea, broken)


def test_each_contradiction_is_caught_when_it_is_there():
    # The checks above must be able to fail: a hand-made contradicting page trips each pair.
    from workshop.network.message import Message

    formed_nobody = {"state": "formed", "ask": set(), "missing": {"ownership.missing"}, "missing_owner": Message("ownership.missing", {}),
                     "owner": Message("ownership.missing", {}), "owner_passed": False, "partners_passed": True, "candidates": (), "proposer": None}
    assert dict(CONTRADICTIONS)["formed, yet nobody may own"](formed_nobody)
    worded = dict(formed_nobody, state="can_form", owner=Message("ownership.open", {"names": "A"}))
    assert dict(CONTRADICTIONS)["the gaps and the checklist word the owner differently"](worded)
