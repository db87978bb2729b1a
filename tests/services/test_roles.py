"""Who may do what: every write of the process, tried by every role (workshop/services/access.py).

The table below is the rule: for each write, which of coordinator, the workshop's own
facilitator, another workshop's facilitator and a participant may do it. Every refusal is
the app's own error and writes nothing (same row counts, same revisions).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import add_assessment, add_idea, add_note, coordinator_token, join, make_company, make_workshop, open_round, row_counts
from workshop.companies.office import service as office_service
from workshop.invitations import service as invitations
from workshop.leader import service as leader
from workshop.errors import NotAllowed, NotSignedIn, ServiceError, UnknownParticipant
from workshop.services import contributions, feedback, hall_address, moderation, organisations, thesaurus, views, voting, workshops

# The roles, in the columns' order.
ROLES = ("coordinator", "own facilitator", "other facilitator", "participant")
YES, NO = True, False


def _things(store):
    home = make_workshop(store, title="Framtidens Ramsberg", date=dt.date(2026, 9, 1))
    later = make_workshop(store, title="Ramsberg, del 2", date=dt.date(2026, 11, 1))
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg", date=dt.date(2026, 10, 1))
    anna = join(store, later, "Anna Berg", "Ramsbergs IF")  # registered at the later meeting
    bo = join(store, later, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    early = join(store, home, "Eva Ny", "Ramsbergs bygdegård")  # registered at the home meeting
    carried = add_idea(store, early, "Bygdekök")
    workshops.carry_idea_forward(store, later.id, later.facilitator, carried)
    return {
        "home": home,
        "later": later,
        "other": other,
        "anna": anna,
        "bo": bo,
        "early": early,
        "idea": add_idea(store, anna, "Skidspår"),
        "second_idea": add_idea(store, bo, "Spår på skidor"),
        "carried": carried,
        "second_home_idea": add_idea(store, early, "Bygdebuss"),
        "note": add_note(store, anna),
        "round": open_round(store, later),
        "elsewhere": add_idea(store, join(store, other, "Cilla Lund", "Vedevågs IF"), "Badplats"),
        "process_org": organisations.register_organisation(store, name="Bergslagens Turism", kind="association").id,
        "company": add_assessment(store, make_company(store, "Ramsbergs Kafé AB"), needs=("premises",)),  # the office draft's evidence
    }


# write: (call(store, workshop_id, token, things), coordinator, own facilitator, other facilitator, participant)
# The workshop acted in is always "later", the meeting the ideas were brought to or carried into.
WRITES = {
    "close submissions": (lambda s, w, t, x: workshops.set_submissions_open(s, w, t, False), YES, YES, NO, NO),
    "carry an idea forward": (lambda s, w, t, x: workshops.carry_idea_forward(s, w, t, x["elsewhere"]), YES, YES, NO, NO),
    "edit an idea brought here": (lambda s, w, t, x: moderation.moderate_idea(s, w, t, x["idea"], title="Ändrad"), YES, YES, NO, NO),
    "hide an idea brought here": (lambda s, w, t, x: moderation.set_idea_hidden(s, w, t, x["idea"], True), YES, YES, NO, NO),
    "merge two ideas brought here": (lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["second_idea"], x["idea"]), YES, YES, NO, NO),
    "edit a carried idea's text": (lambda s, w, t, x: moderation.moderate_idea(s, w, t, x["carried"], title="Ändrad"), YES, NO, NO, NO),
    "hide a carried idea": (lambda s, w, t, x: moderation.set_idea_hidden(s, w, t, x["carried"], True), YES, NO, NO, NO),
    "merge a carried idea away": (lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["carried"], x["idea"]), YES, NO, NO, NO),
    "merge into a carried idea": (lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["idea"], x["carried"]), YES, NO, NO, NO),
    # After carrying: the idea's record (stage, LEADER details, card) stays with its home meeting;
    # the later meeting votes, commits and writes notes about it.
    "move a carried idea's stage": (lambda s, w, t, x: moderation.set_idea_stage(s, w, t, x["carried"], "parked"), YES, NO, NO, NO),
    "LEADER details of a carried idea": (lambda s, w, t, x: moderation.update_leader_details(s, w, t, x["carried"], budget_sek=1000), YES, NO, NO, NO),
    "save a carried idea's LEADER card": (lambda s, w, t, x: leader.save_card(s, w, t, x["carried"], goal="Ett kök för alla"), YES, NO, NO, NO),
    "put dots on a carried idea": (lambda s, w, t, x: voting.set_dots(s, t, x["carried"], 1), NO, NO, NO, YES),
    "commit to a carried idea": (lambda s, w, t, x: contributions.commit_to_idea(s, t, x["carried"], role="partner"), NO, NO, NO, YES),
    "write a note about a carried idea": (
        lambda s, w, t, x: contributions.add_note(s, t, kind="resources", text="Köket rymmer 40.", subject="idea", about_idea_id=x["carried"]), NO, NO, NO, YES,
    ),
    "carry another idea from the home meeting": (
        lambda s, w, t, x: workshops.carry_idea_forward(s, w, t, x["second_home_idea"]), YES, YES, NO, NO,
    ),
    "hide a note": (lambda s, w, t, x: moderation.set_note_hidden(s, w, t, x["note"], True), YES, YES, NO, NO),
    "mark a suggested member of an idea brought here": (
        lambda s, w, t, x: feedback.mark_fit(s, w, t, x["idea"], x["process_org"], "fits"), YES, YES, NO, NO,
    ),
    "mark a suggested member of a carried idea": (
        lambda s, w, t, x: feedback.mark_fit(s, w, t, x["carried"], x["process_org"], "does_not_fit"), YES, YES, NO, NO,
    ),
    "correct an organisation registered here": (
        lambda s, w, t, x: organisations.update_organisation(s, w, t, x["anna"].organisation_id, name="Ramsbergs IF (rättad)"), YES, YES, NO, NO,
    ),
    "correct an organisation registered elsewhere": (
        lambda s, w, t, x: organisations.update_organisation(s, w, t, x["early"].organisation_id, name="Ändrad"), YES, NO, NO, NO,
    ),
    "correct a process-wide organisation": (
        lambda s, w, t, x: organisations.update_organisation(s, w, t, x["process_org"], name="Ändrad"), YES, NO, NO, NO,
    ),
    "merge organisations registered here": (
        lambda s, w, t, x: organisations.merge_organisations(s, w, t, x["bo"].organisation_id, x["anna"].organisation_id), YES, YES, NO, NO,
    ),
    "merge an organisation from elsewhere": (
        lambda s, w, t, x: organisations.merge_organisations(s, w, t, x["early"].organisation_id, x["anna"].organisation_id), YES, NO, NO, NO,
    ),
    "open a voting round": (lambda s, w, t, x: voting.open_voting_round(s, w, t, dots_per_participant=3, max_dots_per_idea=1), YES, YES, NO, NO),
    "close a voting round": (lambda s, w, t, x: voting.close_voting_round(s, w, t, x["round"].id), YES, YES, NO, NO),
    "reveal results": (lambda s, w, t, x: voting.reveal_results(s, w, t, x["round"].id), YES, YES, NO, NO),
    # Process-wide writes take no workshop: the workshop argument is not passed.
    "create a workshop": (
        lambda s, w, t, x: workshops.create_workshop(s, t, title="Ny träff", challenge="Vad?", date=dt.date(2027, 1, 1), locality="Ramsberg"),
        YES, NO, NO, NO,
    ),
    "issue a new facilitator key": (lambda s, w, t, x: workshops.issue_facilitator_key(s, t, w), YES, NO, NO, NO),
    "revoke the facilitator key": (lambda s, w, t, x: workshops.revoke_facilitator_key(s, t, w), YES, NO, NO, NO),
    "set the retention date": (lambda s, w, t, x: workshops.set_retention(s, t, w, dt.date(2030, 1, 1)), YES, NO, NO, NO),
    "move a place to a Leader area": (lambda s, w, t, x: organisations.set_locality_area(s, t, "Ramsberg", "Leader Mälardalen"), YES, NO, NO, NO),
    "add a word to the thesaurus": (lambda s, w, t, x: thesaurus.add_concept_word(s, t, "transport", "ekipage"), YES, NO, NO, NO),
    "turn a neighbourhood-office draft into an idea": (lambda s, w, t, x: office_service.create_office_idea(s, t, "Ramsberg", w), YES, NO, NO, NO),
    "invite organisations to an idea brought here": (lambda s, w, t, x: invitations.create_invitations(s, t, w, x["idea"], {x["process_org"]: ""}), YES, YES, NO, NO),
    "invite organisations to an idea carried here": (lambda s, w, t, x: invitations.create_invitations(s, t, w, x["carried"], {x["process_org"]: ""}), YES, NO, NO, NO),
    "keep the hall address with the workshop": (lambda s, w, t, x: hall_address.set_workshop_address(s, w, t, "http://192.168.1.20:8501"), YES, YES, NO, NO),
    "set one's default address for phones": (lambda s, w, t, x: hall_address.set_default_address(s, t, "http://192.168.1.20:8501"), YES, NO, NO, NO),
}

CASES = [
    pytest.param(name, role, allowed, id=f"{name} by {role}")
    for name, (_call, *allowed_by) in WRITES.items()
    for role, allowed in zip(ROLES, allowed_by)
]


def _token(store, things, role: str) -> str:
    return {
        "coordinator": lambda: coordinator_token(store),
        "own facilitator": lambda: things["later"].facilitator,
        "other facilitator": lambda: things["other"].facilitator,
        "participant": lambda: things["anna"].token,
    }[role]()


@pytest.mark.one_engine(
    "the hand-written cross-check of the roles table: refusals are decided before any write, and every "
    "allowed write meets PostgreSQL through its row in tests/services/test_roles_table.py"
)
@pytest.mark.parametrize("name,role,allowed", CASES)
def test_each_role_may_do_exactly_what_the_table_says(store, name, role, allowed):
    things = _things(store)
    token = _token(store, things, role)
    call = WRITES[name][0]
    before = (row_counts(store), workshops.process_revision(store))

    if allowed:
        call(store, things["later"].id, token, things)
        assert workshops.process_revision(store) > before[1]  # it went through and the caches see it
    else:
        with pytest.raises((NotAllowed, NotSignedIn, UnknownParticipant)) as refused:
            call(store, things["later"].id, token, things)
        assert isinstance(refused.value, ServiceError) and refused.value.message_key.startswith("errors.")
        assert (row_counts(store), workshops.process_revision(store)) == before  # nothing written


def test_a_later_meeting_cannot_park_a_carried_idea_on_its_home_wall(store):
    things = _things(store)
    home_before = workshops.workshop_revision(store, things["home"].id)

    with pytest.raises(NotAllowed) as refused:
        moderation.set_idea_stage(store, things["later"].id, things["later"].facilitator, things["carried"], "parked")

    assert refused.value.message_key == "errors.carried_idea_stays_home"
    assert workshops.workshop_revision(store, things["home"].id) == home_before
    assert {c.id: c.stage for c in views.wall(store, things["home"].id).ideas}[things["carried"]] == "idea"


def test_a_stage_moved_at_home_reaches_the_later_wall_too(store):
    things = _things(store)
    later_before = workshops.workshop_revision(store, things["later"].id)

    moderation.set_idea_stage(store, things["home"].id, things["home"].facilitator, things["carried"], "refined")

    assert workshops.workshop_revision(store, things["later"].id) > later_before  # its cache is refreshed
    assert {c.id: c.stage for c in views.wall(store, things["later"].id).ideas}[things["carried"]] == "refined"


def test_the_home_facilitator_edits_a_carried_idea_and_both_walls_change(store):
    things = _things(store)
    later_before = workshops.workshop_revision(store, things["later"].id)

    moderation.moderate_idea(store, things["home"].id, things["home"].facilitator, things["carried"], title="Bygdekök i skolan")

    assert workshops.workshop_revision(store, things["later"].id) > later_before
    assert "Bygdekök i skolan" in [c.title for c in views.wall(store, things["later"].id).ideas]


def test_a_refused_change_to_a_carried_idea_says_where_it_belongs(store):
    things = _things(store)

    with pytest.raises(NotAllowed) as refused:
        moderation.set_idea_hidden(store, things["later"].id, things["later"].facilitator, things["carried"], True)

    assert (refused.value.message_key, refused.value.field) == ("errors.carried_idea_stays_home", "idea")
