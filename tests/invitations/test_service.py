"""Invitations on a real database: invite, open, answer once, expire, throttle, and what a yes or a no changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.factories import count, row_counts
from workshop.errors import InvalidInput, NotAllowed, TooManyAttempts
from workshop.invitations.answers import answer_invitation, open_invitation
from workshop.invitations.service import (
    InvitationExpired,
    InvitationNotFound,
    InvitationUsed,
    create_invitations,
    idea_invitations,
    invitation_counts,
)
from ui.followup import invitations_text
from workshop.followup.overview import follow_up
from workshop.i18n import Translator
from workshop.models import AuditEvent, Commitment, Invitation, Person, Workshop
from workshop.privacy import erasure, records
from workshop.security import Client, normalise_join_code, token_hash
from workshop.services import analysis, contributions
from workshop.services.network import read_snapshot
from workshop.services.revisions import process_revision

GUESSER = Client("10.0.0.7", "browser-a")


def _invite(store, village, *organisations, **options):
    return create_invitations(
        store, village.coordinator, village.meeting.id, village.idea,
        {o: "erbjuder sömnad; finns i Ramsberg" for o in organisations}, **options,
    )


def _audit(store) -> list[str]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def _revision(store) -> int:
    with store.unit_of_work() as session:
        return process_revision(session)


def _suggested(store, idea_id) -> set[int]:
    fit = analysis.fit(analysis.network_view(read_snapshot(store)))
    return {m for c in fit.results[idea_id].candidates for m in c.members}


def test_an_invitation_opens_with_its_own_code_and_says_why_and_who_is_in(store, village):
    made = _invite(store, village, village.crafts, village.shop, meeting_date=dt.date(2027, 1, 14), meeting_place="Bygdegården")

    assert {m.organisation_name for m in made} == {"Slöjdarna", "Kläder och Sånt AB"}
    view = open_invitation(store, made[0].code.lower().replace("-", " "), client=GUESSER)  # typed by hand: case and dashes do not matter
    assert view.organisation_name == made[0].organisation_name
    assert view.idea_title == "Lagning av kläder"
    assert view.reasons == "erbjuder sömnad; finns i Ramsberg"
    assert view.others == ("Ramsbergs bygdegårdsförening",)
    assert (view.meeting_date, view.meeting_place) == (dt.date(2027, 1, 14), "Bygdegården")
    assert _audit(store).count("invitation.create") == 2


def test_the_code_is_kept_only_as_its_hash(store, village):
    (made,) = _invite(store, village, village.crafts)

    with store.unit_of_work() as session:
        row = session.get(Invitation, made.invitation_id)
        stored = [str(v) for v in (row.code_hash, row.reasons, row.others, row.created_by)]
    assert stored[0] == token_hash(normalise_join_code(made.code))
    assert not any(normalise_join_code(made.code) in value or made.code in value for value in stored)


def test_inviting_the_same_organisation_again_replaces_the_old_code(store, village):
    (first,) = _invite(store, village, village.crafts)
    (second,) = _invite(store, village, village.crafts)

    with pytest.raises(InvitationNotFound):
        open_invitation(store, first.code, client=GUESSER)
    assert open_invitation(store, second.code, client=GUESSER).organisation_name == "Slöjdarna"
    assert count(store, Invitation) == 1


@pytest.mark.one_engine("refused when a row is missing or in the wrong state, before any write: a lookup by id reads alike on both engines")
@pytest.mark.parametrize(
    "organisation,message_key",
    [("hall", "invitations.error.committed"), ("private", "invitations.error.private_person")],
)
def test_only_organisations_not_yet_in_can_be_invited(store, village, organisation, message_key):
    organisation_id = village.hall if organisation == "hall" else village.anna.organisation_id
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        _invite(store, village, organisation_id)

    assert refused.value.message_key == message_key
    assert row_counts(store) == before


def test_a_yes_commits_the_organisation_audits_it_and_bumps_the_revision(store, village):
    (made,) = _invite(store, village, village.crafts)
    revision = _revision(store)

    answer_invitation(store, made.code, "yes", offer="Tre symaskiner och en kurskväll", client=GUESSER)

    with store.unit_of_work() as session:
        commitment = session.scalar(select(Commitment).where(Commitment.idea_id == village.idea, Commitment.organisation_id == village.crafts))
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "invitation.answer")).one()
        assert (commitment.role, commitment.contribution) == ("partner", "Tre symaskiner och en kurskväll")
        assert (event.actor_role, event.actor_name, event.detail["answer"]) == ("invited", "Slöjdarna", "yes")
    assert _revision(store) > revision


def test_an_idea_becomes_formed_from_answers_alone(store, village):
    # A private person's idea with nobody committed: two organisations' yes form it.
    idea = contributions.add_idea(store, village.anna.token, title="Symaskinsbibliotek", description="Låna en symaskin.", needs={"resource": ["symaskiner"]})
    made = create_invitations(store, village.coordinator, village.meeting.id, idea, {village.crafts: "", village.shop: ""})
    fit = analysis.fit(analysis.network_view(read_snapshot(store)))
    assert fit.results[idea].state != "formed"

    for new in made:
        answer_invitation(store, new.code, "yes", client=GUESSER)

    fit = analysis.fit(analysis.network_view(read_snapshot(store)))
    assert fit.results[idea].state == "formed"


def test_a_no_keeps_the_organisation_out_of_that_ideas_suggestions(store, village):
    assert village.shop in _suggested(store, village.idea)
    (made,) = _invite(store, village, village.shop)

    answer_invitation(store, made.code, "no", message="Vi har inte tid i vår.", client=GUESSER)

    assert village.shop not in _suggested(store, village.idea)
    fit = analysis.fit(analysis.network_view(read_snapshot(store)))
    assert [m.key for m in analysis.why_not(fit, village.idea, village.shop)] == ["invitations.why_not_declined"]
    with pytest.raises(InvalidInput) as refused:  # and it is not invited again
        _invite(store, village, village.shop)
    assert refused.value.message_key == "invitations.error.declined"


def test_a_used_code_is_refused(store, village):
    (made,) = _invite(store, village, village.crafts)
    answer_invitation(store, made.code, "more", client=GUESSER)

    with pytest.raises(InvitationUsed):
        open_invitation(store, made.code, client=GUESSER)
    with pytest.raises(InvitationUsed):
        answer_invitation(store, made.code, "no", client=GUESSER)
    assert [r.status for r in idea_invitations(store, village.coordinator, village.meeting.id, village.idea)] == ["more"]


def test_an_expired_code_is_refused_and_the_invitation_shows_as_expired(store, village):
    (made,) = _invite(store, village, village.crafts, valid_days=30)
    later = dt.datetime.now() + dt.timedelta(days=31)

    with pytest.raises(InvitationExpired):
        answer_invitation(store, made.code, "yes", client=GUESSER, now=later)

    assert count(store, Commitment, Commitment.organisation_id == village.crafts) == 0
    assert [r.status for r in idea_invitations(store, village.coordinator, village.meeting.id, village.idea)] == ["expired"]


def test_wrong_expired_and_used_codes_are_throttled_like_join_codes(store, village):
    made = _invite(store, village, village.crafts, village.shop)
    answer_invitation(store, made[0].code, "no", client=GUESSER)
    later = dt.datetime.now() + dt.timedelta(days=31)
    attempts = [
        (lambda: open_invitation(store, "ABCD-EFGH-JKMN", client=GUESSER), InvitationNotFound),
        (lambda: open_invitation(store, made[0].code, client=GUESSER), InvitationUsed),
        (lambda: open_invitation(store, made[1].code, client=GUESSER, now=later), InvitationExpired),
    ]
    for call, error in attempts:
        with pytest.raises(error):
            call()

    with pytest.raises(TooManyAttempts):  # the fourth guess waits, even with a right code
        open_invitation(store, made[1].code, client=GUESSER)
    # Another browser is not slowed by this one's guesses (the shop invited anew: a new code and time).
    (again,) = _invite(store, village, village.shop)
    assert open_invitation(store, again.code, client=Client("10.0.0.8", "browser-b")).organisation_name == "Kläder och Sånt AB"


@pytest.mark.one_engine("refused by validation in Python before any write: a missing check fails on SQLite too")
@pytest.mark.parametrize(
    "fields,field",
    [
        ({"contact_name": "Bo Ek", "contact_email": "bo@example.se", "contact_consent": False}, "contact_consent"),
        ({"contact_name": "Bo Ek", "contact_email": "bo(at)example.se", "contact_consent": True}, "email"),
        ({"contact_email": "bo@example.se", "contact_consent": True}, "contact_name"),
        ({"message": "x" * 20001}, "message"),
    ],
)
def test_bad_answer_input_is_refused_at_its_field_writes_nothing_and_keeps_the_code(store, village, fields, field):
    (made,) = _invite(store, village, village.crafts)
    before = row_counts(store)

    with pytest.raises(InvalidInput) as refused:
        answer_invitation(store, made.code, "yes", client=GUESSER, **fields)

    assert refused.value.field == field
    assert row_counts(store) == before
    assert open_invitation(store, made.code, client=GUESSER).organisation_name == "Slöjdarna"


def test_the_contact_person_is_a_person_with_the_rights_of_any(store, village):
    (made,) = _invite(store, village, village.crafts)
    answer_invitation(
        store, made.code, "yes", contact_name="Dora Lind", contact_email="dora@example.se", contact_phone="070-123 45 67",
        contact_consent=True, client=GUESSER,
    )
    with store.unit_of_work() as session:
        person = session.scalars(select(Person).where(Person.name == "Dora Lind")).one()
        person_id = (person.id, person.organisation_id, person.email, person.contact_consent_at is not None)
    assert person_id[1:] == (village.crafts, "dora@example.se", True)

    exported = records.export_person(store, village.coordinator, person_id[0])
    assert "Dora Lind" in exported and "dora@example.se" in exported and "Lagning av kläder" in exported  # the answer naming her

    erasure.erase_person(store, village.coordinator, person_id[0], remove_contributions=False)
    with store.unit_of_work() as session:
        person = session.get(Person, person_id[0])
        assert (person.name != "Dora Lind", person.email, person.phone) == (True, None, None)


def test_invitation_counts_say_how_each_idea_stands(store, village):
    made = _invite(store, village, village.crafts, village.shop)
    answer_invitation(store, made[0].code, "yes", client=GUESSER)

    with store.unit_of_work() as session:
        counts = invitation_counts(session, [village.idea, 999])
    found = counts[village.idea]
    assert (found.sent, found.answered, found.waiting, found.yes, found.no) == (2, 1, 1, 1, 0)
    assert 999 not in counts


@pytest.mark.one_engine("refused by the access check before any write: the session rows it reads are read alike on both engines")
def test_another_workshops_facilitator_may_not_invite(store, village):
    from tests.factories import make_workshop

    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg")
    with pytest.raises(NotAllowed):
        create_invitations(store, other.facilitator, village.meeting.id, village.idea, {village.crafts: ""})
    assert count(store, Invitation) == 0


def test_the_ideas_own_facilitator_may_invite(store, village):
    made = create_invitations(store, village.meeting.facilitator, village.meeting.id, village.idea, {village.crafts: ""})
    assert len(made) == 1
    with store.unit_of_work() as session:
        assert session.scalar(select(Workshop.id).where(Workshop.id == village.meeting.id)) == village.meeting.id


def test_a_contact_person_is_anonymised_when_the_ideas_meeting_reaches_its_retention_date(store, village):
    from workshop.privacy.retention import apply_retention

    (made,) = _invite(store, village, village.crafts)
    answer_invitation(store, made.code, "yes", contact_name="Dora Lind", contact_email="dora@example.se", contact_consent=True, client=GUESSER)
    with store.unit_of_work() as session:
        until = session.get(Workshop, village.meeting.id).retention_until

    apply_retention(store, today=until)  # the last day: still kept
    assert count(store, Person, Person.name == "Dora Lind") == 1
    apply_retention(store, today=until + dt.timedelta(days=1))
    assert count(store, Person, Person.name == "Dora Lind") == 0
    assert count(store, Person, Person.email == "dora@example.se") == 0


def test_a_workshop_backup_carries_the_ideas_invitations_and_answers(store, village):
    from workshop.exchange.backup import take_backup

    made = _invite(store, village, village.crafts, village.shop)
    answer_invitation(store, made[0].code, "no", message="Inte i år.", client=GUESSER)

    document = take_backup(store, workshop_id=village.meeting.id)

    rows = document["tables"]["invitations"]
    assert sorted((r["organisation_id"], r["status"], r["answer_message"]) for r in rows) == sorted(
        [(village.crafts, "no", "Inte i år."), (village.shop, "waiting", "")]
    )


def test_an_idea_deleted_by_its_author_takes_its_invitations_and_their_codes_with_it(store, village):
    from tests.factories import add_idea, join

    author = join(store, village.meeting, "Gun Ek", "Ramsbergs Syförening")
    idea = add_idea(store, author, "Syjunta")
    (made,) = create_invitations(store, village.coordinator, village.meeting.id, idea, {village.crafts: ""})

    contributions.delete_idea(store, author.token, idea)

    assert count(store, Invitation) == 0
    with pytest.raises(InvitationNotFound):
        open_invitation(store, made.code, client=GUESSER)


def test_a_no_follows_the_organisation_when_it_is_merged_into_its_right_record(store, village):
    from tests.factories import join
    from workshop.services import organisations

    typo = join(store, village.meeting, "Per Ek", "Kläder o Sånt", kind="company", offers={"resource": ["symaskiner"]})
    (made,) = _invite(store, village, typo.organisation_id)
    answer_invitation(store, made.code, "no", client=GUESSER)

    organisations.merge_organisations(store, village.meeting.id, village.meeting.facilitator, typo.organisation_id, village.shop)

    assert village.shop not in _suggested(store, village.idea)
    with pytest.raises(InvalidInput) as refused:
        _invite(store, village, village.shop)
    assert refused.value.message_key == "invitations.error.declined"


def test_the_follow_up_page_says_how_each_ideas_invitations_stand(store, village):
    with store.unit_of_work() as session:
        (before,) = [row for row in follow_up(session) if row.idea_id == village.idea]
    made = _invite(store, village, village.crafts, village.shop)
    answer_invitation(store, made[1].code, "no", client=GUESSER)

    with store.unit_of_work() as session:
        (after,) = [row for row in follow_up(session) if row.idea_id == village.idea]
    assert before.invitations.sent == 0 and invitations_text(Translator("sv"), before.invitations) == ""
    assert (after.invitations.sent, after.invitations.no, after.invitations.waiting) == (2, 1, 1)
    assert invitations_text(Translator("sv"), after.invitations) == "2 skickade · 1 nej · 1 väntar"
