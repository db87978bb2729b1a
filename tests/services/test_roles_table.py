"""The roles table as data (workshop/services/roles.py): every row walked by every role, and no write left out.

For each row of ``RULES`` a real call of its service is made by a coordinator, the facilitator
of the workshop acted in, another workshop's facilitator and a participant. What the row says
decides the outcome: allowed ⇒ the call goes through (and writes the row's audit entry);
refused ⇒ the app's own error and nothing written. ``tests/services/test_roles.py`` holds the
same rules written out by hand as YES / NO, so a wrong row in the table fails there.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import os
import pkgutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import BACKENDS, empty_store, process_store
from tests.factories import add_assessment, add_idea, add_note, add_tie, commit, coordinator_token, join, make_company, make_workshop, open_round, row_counts
from tests.snapshots import restore_snapshot, take_snapshot
from workshop.companies import assessments, demo_surveys, importing as company_import, register
from workshop.companies.office import service as office_service
from workshop.errors import NotAllowed, NotSignedIn, ServiceError, UnknownParticipant
from workshop.exchange import service as exchange
from workshop.followup import meetings as followup_meetings, steps as followup_steps
from workshop.exchange.audit import audit_callback
from workshop.exchange.backup import dumps, load_document, restore_backup, take_backup
from workshop.exchange.importing.api import import_tables
from workshop.exchange.dataset import ExportOptions
from workshop.invitations import delivery as invitation_mail
from workshop.invitations import service as invitations
from workshop.leader import service as leader
from workshop.mail import enqueue
from workshop.mail import service as mail_service
from workshop.meeting import service as meeting
from workshop.models import AuditEvent, OutboxMessage, Participant
from workshop.privacy import erasure, records
from workshop.services import (
    access,
    capacity,
    contributions,
    coordinators,
    demo_data,
    feedback,
    hall_address,
    moderation,
    organisations,
    participants,
    thesaurus,
    voting,
    workshops,
)
from workshop.services.roles import HOME, REGISTERED, RULES, roles_markdown

ROLES = ("coordinator", "own facilitator", "other facilitator", "participant")
ROOT = Path(__file__).resolve().parents[2]
EXTRACT = "Organisationsnummer;Företagsnamn;SNI;Storleksklass;Ort\r\n556036-0793;Ramsbergs Smide AB;25500;1-4;Ramsberg\r\n"
LIST = "Namn;Organisation;Typ\r\nDora Lind;Storå Skytteförening;association\r\n"


def _person(store, who) -> int:
    with store.unit_of_work() as session:
        return session.scalar(select(Participant.person_id).where(Participant.id == who.participant_id))


def _things(store):
    coordinator = coordinator_token(store)
    home = make_workshop(store, title="Framtidens Ramsberg", date=dt.date(2026, 9, 1))
    later = make_workshop(store, title="Ramsberg, del 2", date=dt.date(2026, 11, 1))
    other = make_workshop(store, title="Framtidens Vedevåg", locality="Vedevåg", date=dt.date(2026, 10, 1))
    anna = join(store, later, "Anna Berg", "Ramsbergs IF")
    bo = join(store, later, "Bo Ek", "Bergslagens Bryggeri AB", kind="company")
    early = join(store, home, "Eva Ny", "Ramsbergs bygdegård")
    carried = add_idea(store, early, "Bygdekök")
    workshops.carry_idea_forward(store, later.id, later.facilitator, carried)
    meeting.use_template(store, later.id, later.facilitator)  # a run of show to move on
    company = make_company(store, "Ramsbergs Kafé AB")
    add_assessment(store, company, needs=("premises",))  # the office draft's evidence
    thesaurus.add_concept_word(store, coordinator, "transport", "hästskjuts")
    coordinators.add_coordinator(store, "Bertil Ek")
    second = add_idea(store, bo, "Spår på skidor")
    things = {
        "coordinator": coordinator,
        "home": home,
        "later": later,
        "other": other,
        "anna": anna,
        "bo": bo,
        "early": early,
        "idea": add_idea(store, anna, "Skidspår"),
        "second_idea": second,
        "carried": carried,
        "note": add_note(store, anna),
        "commitment": commit(store, anna, second),
        "tie": add_tie(store, anna, anna, bo),
        "round": open_round(store, later),
        "elsewhere": add_idea(store, join(store, other, "Cilla Lund", "Vedevågs IF"), "Badplats"),
        "process_org": organisations.register_organisation(store, name="Bergslagens Turism", kind="association").id,
        "company": company,
        "sole_trader": register.add_company(store, coordinator, name="Anna Bergs Hårvård", identity_number="811218-9876", locality="Fellingsbro", sni_codes="96021").id,
        "interview": assessments.start_interview(store, coordinator, company, interviewer="Eva Ny", occasion="Öppet möte"),
        "person": _person(store, early),
        "failed_mail": _failed_message(store),
    }
    things["mail_batch"] = _invitation_batches(store, coordinator, things)
    return things


def _invitation_batches(store, coordinator, things):
    """A batch of invitations just made for the idea and for the carried one, to an organisation with an address."""
    office = participants.join_workshop(
        store, things["other"].id, name="Dora Lind", new_organisation={"name": "Lindesbergs Turistbyrå", "kind": "association", "locality": "Lindesberg"},
        email="info@turistbyra.se", contact_consent=True,
    )
    batches = {}
    for name, workshop, idea in (("idea", things["later"], things["idea"]), ("carried", things["home"], things["carried"])):
        made = invitations.create_invitations(store, coordinator, workshop.id, idea, {office.organisation_id: "turism"})
        batches[name] = invitations.letter_facts(store, coordinator, workshop.id, idea, made, "http://192.168.1.20:8501")
    return batches


def _actor(store, token):
    """The actor a token stands for; a participant (no staff session) as the audit trail would name them."""
    return access.staff_actor(store, token) or access.Actor("participant", "Anna Berg")


def _import_directly(store, actor):
    audit = audit_callback(actor, "exchange.import", "workshop", lambda result: (result.workshop_id, "Listor", {}))
    return import_tables(store, [("deltagare.csv", LIST.encode("utf-8"))], workshop_title="Listor", audit=audit, actor=actor)


def _restore_directly(store, actor):
    audit = audit_callback(actor, "exchange.restore", "process", lambda summary: (None, "", {}))
    return restore_backup(store, load_document(dumps(take_backup(store)).encode("utf-8")), audit=audit, actor=actor)


def _with_smtp(call):
    """A configured SMTP server (never reached: the test message is only queued)."""
    saved = {name: os.environ.get(name) for name in ("PROJEKTBEREDSKAP_SMTP_HOST", "PROJEKTBEREDSKAP_MAIL_FROM")}
    os.environ.update({"PROJEKTBEREDSKAP_SMTP_HOST": "127.0.0.1", "PROJEKTBEREDSKAP_MAIL_FROM": "projektberedskap@lindesberg.se"})
    try:
        return call()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _failed_message(store) -> int:
    """A message that failed to go: the one a coordinator may try again."""
    message = EmailMessage()
    message["To"] = "kansliet@ramsbergsif.se"
    message["Subject"] = "Inbjudan"
    message.set_content("Hej!")
    with store.unit_of_work(write=True) as session:
        message_id = enqueue(session, message, about="invitation:1")
        session.get(OutboxMessage, message_id).status = "failed"
        session.commit()
    return message_id


_HERE, _AWAY = True, False
# (feature, action) -> [(variant, subject in the workshop acted in, call(store, workshop_id, token, things))]
CALLS = {
    ("workshops", "create"): [("", _HERE, lambda s, w, t, x: workshops.create_workshop(s, t, title="Ny träff", challenge="Vad?", date=dt.date(2027, 1, 1), locality="Ramsberg"))],
    ("workshops", "issue_key"): [("", _HERE, lambda s, w, t, x: workshops.issue_facilitator_key(s, t, w))],
    ("workshops", "revoke_key"): [("", _HERE, lambda s, w, t, x: workshops.revoke_facilitator_key(s, t, w))],
    ("workshops", "retention"): [("", _HERE, lambda s, w, t, x: workshops.set_retention(s, t, w, dt.date(2030, 1, 1)))],
    ("workshops", "submissions"): [("", _HERE, lambda s, w, t, x: workshops.set_submissions_open(s, w, t, False))],
    ("workshops", "carry"): [("", _HERE, lambda s, w, t, x: workshops.carry_idea_forward(s, w, t, x["elsewhere"]))],
    ("ideas", "add"): [("", _HERE, lambda s, w, t, x: contributions.add_idea(s, t, title="Cykelkök"))],
    ("ideas", "edit_own"): [("", _HERE, lambda s, w, t, x: contributions.edit_idea(s, t, x["idea"], title="Ändrad"))],
    ("ideas", "delete_own"): [("", _HERE, lambda s, w, t, x: contributions.delete_idea(s, t, x["idea"]))],
    ("ideas", "edit"): [
        ("brought here", _HERE, lambda s, w, t, x: moderation.moderate_idea(s, w, t, x["idea"], title="Ändrad")),
        ("carried here", _AWAY, lambda s, w, t, x: moderation.moderate_idea(s, w, t, x["carried"], title="Ändrad")),
    ],
    ("ideas", "hide"): [
        ("brought here", _HERE, lambda s, w, t, x: moderation.set_idea_hidden(s, w, t, x["idea"], True)),
        ("carried here", _AWAY, lambda s, w, t, x: moderation.set_idea_hidden(s, w, t, x["carried"], True)),
    ],
    ("ideas", "merge"): [
        ("brought here", _HERE, lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["second_idea"], x["idea"])),
        ("carried here", _AWAY, lambda s, w, t, x: moderation.merge_ideas(s, w, t, x["carried"], x["idea"])),
    ],
    ("ideas", "stage"): [
        ("brought here", _HERE, lambda s, w, t, x: moderation.set_idea_stage(s, w, t, x["idea"], "parked")),
        ("carried here", _AWAY, lambda s, w, t, x: moderation.set_idea_stage(s, w, t, x["carried"], "parked")),
    ],
    ("ideas", "leader_details"): [
        ("brought here", _HERE, lambda s, w, t, x: moderation.update_leader_details(s, w, t, x["idea"], budget_sek=1000)),
        ("carried here", _AWAY, lambda s, w, t, x: moderation.update_leader_details(s, w, t, x["carried"], budget_sek=1000)),
    ],
    ("ideas", "leader_card"): [
        ("brought here", _HERE, lambda s, w, t, x: leader.save_card(s, w, t, x["idea"], goal="Spår för alla")),
        ("carried here", _AWAY, lambda s, w, t, x: leader.save_card(s, w, t, x["carried"], goal="Ett kök för alla")),
    ],
    ("ideas", "fit_feedback"): [
        ("brought here", _HERE, lambda s, w, t, x: feedback.mark_fit(s, w, t, x["idea"], x["process_org"], "fits")),
        ("carried here", _AWAY, lambda s, w, t, x: feedback.mark_fit(s, w, t, x["carried"], x["process_org"], "does_not_fit")),
    ],
    ("leader", "draft_names"): [("", _HERE, lambda s, w, t, x: leader.application_draft(s, x["idea"], "md", token=t, personal_data=True))],
    ("commitments", "add"): [("", _HERE, lambda s, w, t, x: contributions.commit_to_idea(s, t, x["idea"], role="partner"))],
    ("commitments", "withdraw"): [("", _HERE, lambda s, w, t, x: contributions.withdraw_commitment(s, t, x["commitment"]))],
    ("notes", "add"): [("", _HERE, lambda s, w, t, x: contributions.add_note(s, t, kind="resources", text="Köket rymmer 40.", subject="idea", about_idea_id=x["carried"]))],
    ("notes", "delete"): [("", _HERE, lambda s, w, t, x: contributions.delete_note(s, t, x["note"]))],
    ("notes", "hide"): [("", _HERE, lambda s, w, t, x: moderation.set_note_hidden(s, w, t, x["note"], True))],
    ("ties", "add"): [("", _HERE, lambda s, w, t, x: contributions.add_tie(s, t, organisation_a_id=x["anna"].organisation_id, organisation_b_id=x["process_org"], kind="cooperated"))],
    ("ties", "delete"): [("", _HERE, lambda s, w, t, x: contributions.delete_tie(s, t, x["tie"]))],
    ("voting", "dots"): [("", _HERE, lambda s, w, t, x: voting.set_dots(s, t, x["carried"], 1))],
    ("voting", "open"): [("", _HERE, lambda s, w, t, x: voting.open_voting_round(s, w, t, dots_per_participant=3, max_dots_per_idea=1))],
    ("voting", "close"): [("", _HERE, lambda s, w, t, x: voting.close_voting_round(s, w, t, x["round"].id))],
    ("voting", "reveal"): [("", _HERE, lambda s, w, t, x: voting.reveal_results(s, w, t, x["round"].id))],
    ("meeting", "edit"): [("", _HERE, lambda s, w, t, x: meeting.add_phase(s, w, t, title="Fika", minutes=15))],
    ("meeting", "advance"): [("", _HERE, lambda s, w, t, x: meeting.next_phase(s, w, t, seen=None))],
    ("meeting", "results"): [("", _HERE, lambda s, w, t, x: meeting.end_results(s, w, t))],
    ("organisations", "register"): [("", _HERE, lambda s, w, t, x: organisations.register_organisation(s, name="Storå Hembygdsförening", kind="association", actor=_actor(s, t)))],
    ("organisations", "edit"): [
        ("registered here", _HERE, lambda s, w, t, x: organisations.update_organisation(s, w, t, x["anna"].organisation_id, name="Ramsbergs IF (rättad)")),
        ("registered at another meeting", _AWAY, lambda s, w, t, x: organisations.update_organisation(s, w, t, x["early"].organisation_id, name="Ändrad")),
        ("of the whole process", _AWAY, lambda s, w, t, x: organisations.update_organisation(s, w, t, x["process_org"], name="Ändrad")),
    ],
    ("organisations", "merge"): [
        ("both registered here", _HERE, lambda s, w, t, x: organisations.merge_organisations(s, w, t, x["bo"].organisation_id, x["anna"].organisation_id)),
        ("one from another meeting", _AWAY, lambda s, w, t, x: organisations.merge_organisations(s, w, t, x["early"].organisation_id, x["anna"].organisation_id)),
    ],
    ("organisations", "capacity"): [("", _HERE, lambda s, w, t, x: capacity.set_organisation_capacity(s, t, x["process_org"], 3))],
    ("organisations", "describe_own"): [("", _HERE, lambda s, w, t, x: organisations.describe_own_organisation(s, t, description="Vi har en klubbstuga."))],
    ("places", "leader_area"): [("", _HERE, lambda s, w, t, x: organisations.set_locality_area(s, t, "Ramsberg", "Leader Mälardalen"))],
    ("thesaurus", "add_word"): [("", _HERE, lambda s, w, t, x: thesaurus.add_concept_word(s, t, "transport", "ekipage"))],
    ("thesaurus", "remove_word"): [("", _HERE, lambda s, w, t, x: thesaurus.remove_concept_word(s, t, "transport", "hästskjuts"))],
    ("coordinators", "add"): [("", _HERE, lambda s, w, t, x: coordinators.add_coordinator(s, "Cecilia Ek", actor=_actor(s, t)))],
    ("coordinators", "key_reset"): [("", _HERE, lambda s, w, t, x: coordinators.reset_coordinator_key(s, "Bertil Ek", actor=_actor(s, t)))],
    ("coordinators", "remove"): [("", _HERE, lambda s, w, t, x: coordinators.remove_coordinator(s, "Bertil Ek", actor=_actor(s, t)))],
    ("coordinators", "address"): [("", _HERE, lambda s, w, t, x: hall_address.set_default_address(s, t, "http://192.168.1.20:8501"))],
    ("workshops", "address"): [("", _HERE, lambda s, w, t, x: hall_address.set_workshop_address(s, w, t, "http://192.168.1.20:8501"))],
    ("people", "export"): [("", _HERE, lambda s, w, t, x: records.export_person(s, t, x["person"]))],
    ("people", "erase"): [("", _HERE, lambda s, w, t, x: erasure.erase_person(s, t, x["person"], remove_contributions=False))],
    ("people", "delete_myself"): [("", _HERE, lambda s, w, t, x: erasure.delete_myself(s, t, remove_contributions=False))],
    ("people", "withdraw_consent"): [("", _HERE, lambda s, w, t, x: erasure.withdraw_contact_consent(s, t))],
    ("demo", "load"): [("", _HERE, lambda s, w, t, x: demo_surveys.load_demo_assessments(s, [x["company"]], actor=_actor(s, t)))],
    ("demo", "remove"): [("", _HERE, lambda s, w, t, x: demo_data.remove_demo_data(s, t))],
    ("exchange", "import"): [
        ("the coordinator's page", _HERE, lambda s, w, t, x: exchange.import_lists(s, t, [("deltagare.csv", LIST.encode("utf-8"))], workshop_title="Listor")),
        ("the writer itself", _HERE, lambda s, w, t, x: _import_directly(s, _actor(s, t))),
    ],
    ("exchange", "export"): [("", _HERE, lambda s, w, t, x: exchange.export_file(s, t, exchange.export_data(s, x["coordinator"], ExportOptions()), "json"))],
    ("exchange", "backup"): [("", _HERE, lambda s, w, t, x: exchange.backup_file(s, t))],
    ("exchange", "restore"): [
        ("the coordinator's page", _HERE, lambda s, w, t, x: exchange.restore_file(s, t, dumps(take_backup(s)).encode("utf-8"))),
        ("the writer itself", _HERE, lambda s, w, t, x: _restore_directly(s, _actor(s, t))),
    ],
    ("companies", "add"): [("", _HERE, lambda s, w, t, x: register.add_company(s, t, name="Storå Smide AB", identity_number="556036-0793", locality="Storå", sni_codes="25500"))],
    ("companies", "edit"): [("", _HERE, lambda s, w, t, x: register.update_company(s, t, x["sole_trader"], contact_name="Eva Ny"))],
    ("companies", "import"): [("", _HERE, lambda s, w, t, x: company_import.import_extract(s, t, [("utdrag.csv", EXTRACT.encode("utf-8"))]))],
    ("companies", "personal_number"): [("", _HERE, lambda s, w, t, x: register.reveal_personal_number(s, t, x["sole_trader"]))],
    ("surveys", "link"): [("", _HERE, lambda s, w, t, x: assessments.create_self_link(s, t, x["company"]))],
    ("surveys", "interview"): [("", _HERE, lambda s, w, t, x: assessments.start_interview(s, t, x["company"], interviewer="Eva Ny", occasion="Intervju"))],
    ("surveys", "answer"): [("an interview", _HERE, lambda s, w, t, x: assessments.save_answer(s, x["interview"], "strategy_plan", "thought", token=t))],
    ("office", "idea"): [("", _HERE, lambda s, w, t, x: office_service.create_office_idea(s, t, "Ramsberg", w))],
    ("mail", "test"): [("", _HERE, lambda s, w, t, x: _with_smtp(lambda: mail_service.send_test_message(s, t, "samordnare@lindesberg.se")))],
    ("mail", "retry"): [("", _HERE, lambda s, w, t, x: mail_service.retry(s, t, x["failed_mail"]))],
    ("followup", "next_step"): [
        ("brought here", _HERE, lambda s, w, t, x: followup_steps.set_next_step(s, w, t, x["idea"], what="Boka spårmaskinen", owner_organisation_id=x["process_org"])),
        ("carried here", _AWAY, lambda s, w, t, x: followup_steps.set_next_step(s, w, t, x["carried"], what="Boka köket")),
    ],
    ("followup", "next_meeting"): [("", _HERE, lambda s, w, t, x: followup_meetings.set_next_meeting(s, w, t, date=dt.date.today() + dt.timedelta(days=30), time=dt.time(18, 30)))],
    ("invitations", "email"): [
        ("brought here", _HERE, lambda s, w, t, x: invitation_mail.queue_invitation_emails(s, t, w, x["idea"], x["mail_batch"]["idea"])),
        ("carried here", _AWAY, lambda s, w, t, x: invitation_mail.queue_invitation_emails(s, t, w, x["carried"], x["mail_batch"]["carried"])),
    ],
    ("invitations", "create"): [
        ("brought here", _HERE, lambda s, w, t, x: invitations.create_invitations(s, t, w, x["idea"], {x["process_org"]: "finns i Ramsberg"})),
        ("carried here", _AWAY, lambda s, w, t, x: invitations.create_invitations(s, t, w, x["carried"], {x["process_org"]: "finns i Ramsberg"})),
    ],
}

# Rows no role's token opens, each for its reason; walked by their own tests.
NOT_WALKED = {
    ("workshops", "join"): "opened by the join code (tests/services/test_participants.py)",
    ("workshops", "sign_in"): "opened by the facilitator key (tests/services/test_sessions.py)",
    ("coordinators", "first"): "opened from the server's own browser (tests/services/test_access.py)",
    ("coordinators", "sign_in"): "opened by the coordinator's name and key (tests/services/test_sessions.py)",
    ("people", "retention"): "a job the server runs by itself; no request reaches it (tests/privacy)",
    ("mail", "send"): "each server's sender thread; no request reaches it (tests/mail)",
    ("invitations", "answer"): "opened by the invitation's link (tests/invitations/test_service.py)",
    ("people", "contact_self"): "opened by the contact person's key (tests/privacy/test_contact_key.py)",
}


def _allowed(rule, role: str, subject_here: bool) -> bool:
    if role == "coordinator":
        return rule.coordinator
    if role == "own facilitator":
        return rule.facilitator is not None and (subject_here or rule.facilitator not in (HOME, REGISTERED))
    if role == "participant":
        return rule.participant is not None
    return False  # another workshop's facilitator: never in the workshop acted in


def _token(things, role: str) -> str:
    return {
        "coordinator": things["coordinator"],
        "own facilitator": things["later"].facilitator,
        "other facilitator": things["other"].facilitator,
        "participant": things["anna"].token,
    }[role]


def _audit_actions(store) -> list[str]:
    with store.unit_of_work() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


RULE_BY_KEY = {rule.key: rule for rule in RULES}

# A refused cell is decided by the table and the caller's session, which both engines read
# alike, and asserts that nothing was written: it runs on SQLite only. Every allowed cell
# writes through its service, and so still meets PostgreSQL (one call per write path).
REFUSED_ON_ONE_ENGINE = pytest.mark.one_engine(
    "refused before any write: the roles table and the caller's session decide it, read alike on both engines"
)
CASES = [
    pytest.param(
        key,
        index,
        role,
        id=f"{key[0]}.{key[1]}{' (' + variant + ')' if variant else ''} by {role}",
        marks=() if _allowed(RULE_BY_KEY[key], role, here) else REFUSED_ON_ONE_ENGINE,
    )
    for key, variants in CALLS.items()
    for index, (variant, here, _call) in enumerate(variants)
    for role in ROLES
]


@pytest.fixture(scope="module", params=BACKENDS)
def _world(request, tmp_path_factory):
    """The world built once per backend through the services, and set aside (building it costs seconds)."""
    built = empty_store(request, request.param)
    things = _things(built)
    return take_snapshot(built, "roles_world", tmp_path_factory.mktemp("roles_world")), things


@pytest.fixture
def world(_world, request):
    """A store holding :func:`_things` exactly as built (rows and ids), and the things; each case its own."""
    snapshot, things = _world
    store = restore_snapshot(snapshot, process_store(request, snapshot.backend))
    yield store, things
    if store.dialect == "sqlite":
        store.engine.dispose()


@pytest.mark.parametrize("key,index,role", CASES)
def test_every_role_gets_exactly_what_its_row_in_the_table_gives(world, key, index, role):
    store, things = world
    rule = RULE_BY_KEY[key]
    _variant, subject_here, call = CALLS[key][index]
    token = _token(things, role)
    audit_before = _audit_actions(store)
    counts_before = row_counts(store)

    if _allowed(rule, role, subject_here):
        call(store, things["later"].id, token, things)
        added = _audit_actions(store)[len(audit_before):]
        if rule.audit:  # the write is in the trail under one of its row's actions
            assert set(added) & set(rule.audit), added
    else:
        with pytest.raises((NotAllowed, NotSignedIn, UnknownParticipant)) as refused:
            call(store, things["later"].id, token, things)
        assert isinstance(refused.value, ServiceError) and refused.value.message_key.startswith("errors.")
        assert row_counts(store) == counts_before  # nothing written, not even an audit entry


def test_every_row_of_the_table_is_walked_or_says_why_not():
    assert set(CALLS) | set(NOT_WALKED) == set(RULE_BY_KEY)
    assert not set(CALLS) & set(NOT_WALKED)
    assert len(RULE_BY_KEY) == len(RULES)  # no row twice


def test_every_audit_action_belongs_to_a_row_of_the_table():
    named = {action for rule in RULES for action in rule.audit}
    assert named == access.AUDIT_ACTIONS


def _function(dotted: str):
    module, name = dotted.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def test_every_service_the_table_names_exists():
    for rule in RULES:
        assert rule.services, rule.key
        for dotted in rule.services:
            assert callable(_function(dotted)), dotted


# Writes that take no role, each for its reason: the table has no row for them.
NOT_A_ROLES_WRITE = {
    "workshop.services.access.staff_actor": "notes a signed-in session's activity for its idle limit",
    "workshop.services.access.end_staff_session": "signing out ends one's own session",
    "workshop.services.reference.ensure_reference_data": "the places and Leader areas every database starts with",
    "workshop.exchange.audit.record_now": "the audit entry of a checked export or backup (its row is exchange × export / backup)",
}
WRITING_PACKAGES = ("workshop.services", "workshop.companies", "workshop.leader", "workshop.exchange", "workshop.privacy", "workshop.mail", "workshop.followup",
                    "workshop.invitations", "workshop.meeting")


def _public_writers():
    """Public functions of the writing packages whose body opens a writing unit of work."""
    for package_name in WRITING_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            module = importlib.import_module(info.name)
            tree = ast.parse(inspect.getsource(module))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    if "write=True" in ast.unparse(node):
                        yield f"{info.name}.{node.name}"


def test_no_service_writes_without_a_row_in_the_table():
    named = {dotted for rule in RULES for dotted in rule.services}
    unlisted = sorted(set(_public_writers()) - named - set(NOT_A_ROLES_WRITE))
    assert unlisted == [], "add these writes to workshop/services/roles.py RULES"


def test_the_security_page_shows_the_table_the_code_reads():
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert roles_markdown() in page, "paste workshop.services.roles.roles_markdown() into docs/security.md"

