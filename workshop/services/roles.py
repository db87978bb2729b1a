"""Who may do what, as data: one row per write of the app, read by every access check.

Each :class:`Rule` names a feature and an action, which role may do it and in what scope,
the audit actions it records and the service functions that perform it. The access checks
(:func:`workshop.services.access.authorise` and :func:`require`) read this table; the table
test (``tests/services/test_roles_table.py``) walks every role through every row on a real
database, and the security page's table (docs/security.md) is :func:`roles_markdown`.

Scopes for a facilitator (the staff of one workshop W, the one they act in):

- :data:`OWN`: W's own things (its submissions, voting rounds, notes, the ideas on its wall);
- :data:`HOME`: only an idea brought to W, not one carried into W (its record is shared by
  every wall that shows it, so it stays with its home meeting);
- :data:`REGISTERED`: only an organisation first registered at W (a typo made in the hall).

A coordinator (and the server's own command line, ``SYSTEM``) may do every staff write the
table gives them, in any workshop. A participant writes only their own rows (:data:`SELF`);
their token is who they are, so the participant services check it by finding the participant.
Some writes are open to anyone who holds a secret (a join code, a key, a survey link): the
``anyone`` column names that secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotAllowed

if TYPE_CHECKING:  # the actor's class lives in access.py, which imports this table
    from .access import Actor

__all__ = ["Rule", "RULES", "OWN", "HOME", "REGISTERED", "SELF", "rule_for", "require", "roles_markdown"]

OWN = "own workshop"
HOME = "ideas brought to the own workshop"
REGISTERED = "organisations first registered at the own workshop"
SELF = "own rows"


@dataclass(frozen=True)
class Rule:
    """One write: who may do it, in what scope, what it audits and which services perform it."""

    feature: str
    action: str
    what: str  # for people: the row in the roles table
    coordinator: bool = False  # a coordinator (or the server's command line), in any workshop
    facilitator: str | None = None  # OWN, HOME or REGISTERED; None: not a facilitator's
    participant: str | None = None  # SELF; None: not a participant's
    anyone: str | None = None  # the secret that opens it to anyone (join code, key, link)
    audit: tuple[str, ...] = ()  # the audit actions it records
    services: tuple[str, ...] = ()  # "package.module.function" names that perform it
    refusal: str = ""  # the error key for a facilitator outside the scope (HOME, REGISTERED)

    @property
    def key(self) -> tuple[str, str]:
        return (self.feature, self.action)


# A subject's workshop may be None (an organisation of the whole process): "not given" is this.
_NOT_GIVEN: Any = object()

_CARRIED = "errors.carried_idea_stays_home"
_PROCESS_ORGANISATION = "errors.organisation_of_process"


def _coordinator(feature: str, action: str, what: str, audit: tuple[str, ...], *services: str) -> Rule:
    return Rule(feature, action, what, coordinator=True, audit=audit, services=services)


def _staff(feature: str, action: str, what: str, scope: str, audit: tuple[str, ...], *services: str, refusal: str = "") -> Rule:
    return Rule(feature, action, what, coordinator=True, facilitator=scope, audit=audit, services=services, refusal=refusal)


def _participant(feature: str, action: str, what: str, *services: str, audit: tuple[str, ...] = ()) -> Rule:
    return Rule(feature, action, what, participant=SELF, audit=audit, services=services)


def _anyone(feature: str, action: str, what: str, secret: str, audit: tuple[str, ...], *services: str) -> Rule:
    return Rule(feature, action, what, anyone=secret, audit=audit, services=services)


_S = "workshop.services."
RULES: tuple[Rule, ...] = (
    # workshops and their keys
    _coordinator("workshops", "create", "create a workshop", ("workshop.create",), _S + "workshops.create_workshop"),
    _coordinator("workshops", "issue_key", "issue or re-issue a workshop's facilitator key", ("workshop.key_issued",), _S + "workshops.issue_facilitator_key"),
    _coordinator("workshops", "revoke_key", "revoke a workshop's facilitator key", ("workshop.key_revoked",), _S + "workshops.revoke_facilitator_key"),
    _coordinator("workshops", "retention", "set a workshop's retention date", ("workshop.retention",), _S + "workshops.set_retention"),
    _staff("workshops", "submissions", "open or close submissions of W", OWN, ("workshop.open", "workshop.close"), _S + "workshops.set_submissions_open"),
    _staff("workshops", "carry", "carry a visible idea of an earlier meeting into W", OWN, ("idea.carry",), _S + "workshops.carry_idea_forward"),
    _anyone("workshops", "join", "join W as a participant", "W's join code", (), _S + "workshops.find_workshop_by_code", _S + "participants.join_workshop"),
    _anyone("workshops", "sign_in", "sign in as W's facilitator", "W's facilitator key", (), _S + "workshops.facilitator_sign_in"),
    # an idea's own record
    _participant("ideas", "add", "bring an idea to W", _S + "contributions.add_idea"),
    _participant("ideas", "edit_own", "edit the text of one's own idea", _S + "contributions.edit_idea"),
    _participant("ideas", "delete_own", "delete one's own idea", _S + "contributions.delete_idea"),
    _staff("ideas", "edit", "edit an idea's text", HOME, ("idea.edit",), _S + "moderation.moderate_idea", refusal=_CARRIED),
    _staff("ideas", "hide", "hide or show an idea", HOME, ("idea.hide", "idea.unhide"), _S + "moderation.set_idea_hidden", refusal=_CARRIED),
    _staff("ideas", "merge", "merge two ideas", HOME, ("idea.merge",), _S + "moderation.merge_ideas", refusal=_CARRIED),
    _staff("ideas", "stage", "move an idea's stage", HOME, ("idea.stage",), _S + "moderation.set_idea_stage", refusal=_CARRIED),
    _staff("ideas", "leader_details", "an idea's LEADER details (innovation, budget, co-financing, owner)", HOME, ("idea.leader_details",), _S + "moderation.update_leader_details", refusal=_CARRIED),
    _staff("ideas", "leader_card", "an idea's LEADER card", HOME, ("idea.leader_card",), "workshop.leader.service.save_card", refusal=_CARRIED),
    _coordinator("leader", "draft_names", "an application draft naming private persons", ("exchange.export",), "workshop.leader.service.application_draft"),
    _staff("ideas", "fit_feedback", "mark a suggested member of an idea on W's wall \"passar\" / \"passar inte\"", OWN, ("idea.fit_feedback",), _S + "feedback.mark_fit"),
    # what participants add around ideas
    _participant("commitments", "add", "commit to an idea on W's wall", _S + "contributions.commit_to_idea"),
    _participant("commitments", "withdraw", "withdraw one's own commitment", _S + "contributions.withdraw_commitment"),
    _participant("notes", "add", "write a note (dold kunskap)", _S + "contributions.add_note"),
    _participant("notes", "delete", "delete one's own note", _S + "contributions.delete_note"),
    _staff("notes", "hide", "hide or show a note written in W", OWN, ("note.hide", "note.unhide"), _S + "moderation.set_note_hidden"),
    _participant("ties", "add", "record a tie between organisations", _S + "contributions.add_tie"),
    _participant("ties", "delete", "delete one's own tie", _S + "contributions.delete_tie"),
    # voting
    _participant("voting", "dots", "put dots on ideas on W's wall", _S + "voting.set_dots"),
    _staff("voting", "open", "open a voting round in W", OWN, (), _S + "voting.open_voting_round"),
    _staff("voting", "close", "close a voting round in W", OWN, (), _S + "voting.close_voting_round"),
    _staff("voting", "reveal", "show or hide a round's results in W", OWN, (), _S + "voting.reveal_results"),
    # organisations and places
    _coordinator("organisations", "register", "register an organisation for the whole process", (), _S + "organisations.register_organisation"),
    _staff("organisations", "edit", "correct an organisation", REGISTERED, ("organisation.edit",), _S + "organisations.update_organisation", refusal=_PROCESS_ORGANISATION),
    _staff("organisations", "merge", "merge two organisations", REGISTERED, ("organisation.merge",), _S + "organisations.merge_organisations", refusal=_PROCESS_ORGANISATION),
    _coordinator("organisations", "capacity", "how many projects an organisation can take part in", ("organisation.edit",), _S + "capacity.set_organisation_capacity"),
    _participant("organisations", "describe_own", "describe one's own organisation's offers", _S + "organisations.describe_own_organisation"),
    _coordinator("places", "leader_area", "move a place to a Leader area", ("place.leader_area",), _S + "organisations.set_locality_area"),
    # the thesaurus
    _coordinator("thesaurus", "add_word", "add a word to the thesaurus", ("concept.word_add",), _S + "thesaurus.add_concept_word"),
    _coordinator("thesaurus", "remove_word", "remove a word from the thesaurus", ("concept.word_remove",), _S + "thesaurus.remove_concept_word"),
    # coordinators (the command line, and the server's own browser for the first)
    _coordinator("coordinators", "add", "add a coordinator", ("coordinator.add",), _S + "coordinators.add_coordinator"),
    _coordinator("coordinators", "key_reset", "give a coordinator a new key", ("coordinator.key_reset",), _S + "coordinators.reset_coordinator_key"),
    _coordinator("coordinators", "remove", "remove a coordinator", ("coordinator.remove",), _S + "coordinators.remove_coordinator"),
    _anyone("coordinators", "first", "create the first coordinator of an empty database", "a browser on the server itself", ("coordinator.first",), _S + "coordinators.create_first_coordinator"),
    _anyone("coordinators", "sign_in", "sign in as a coordinator", "the coordinator's name and key", ("coordinator.sign_in",), _S + "coordinators.coordinator_sign_in"),
    # people and their data
    _coordinator("people", "export", "export everything about a person", ("person.export",), "workshop.privacy.records.export_person"),
    _coordinator("people", "erase", "erase a person", ("person.erase",), "workshop.privacy.erasure.erase_person"),
    _participant("people", "delete_myself", "delete one's own data", "workshop.privacy.erasure.delete_myself", audit=("person.self_delete",)),
    _participant("people", "withdraw_consent", "withdraw one's consent to be contacted", "workshop.privacy.erasure.withdraw_contact_consent"),
    _coordinator("people", "retention", "erase people past their workshop's retention date (the server, at each start)", ("person.retention",), "workshop.privacy.retention.apply_retention"),
    # the demo
    _coordinator("demo", "load", "load the demo process", (), "workshop.companies.demo.load_demo_companies", "workshop.companies.demo_surveys.load_demo_assessments", "workshop.leader.demo.load_demo_cards"),
    _coordinator("demo", "remove", "remove the demo data", ("demo.remove",), _S + "demo_data.remove_demo_data"),
    # exchange: lists in, results out, backups
    _coordinator("exchange", "import", "import participant and organisation lists", ("exchange.import",), "workshop.exchange.service.import_lists", "workshop.exchange.importing.api.import_tables"),
    _coordinator("exchange", "export", "export the process or a workshop", ("exchange.export",), "workshop.exchange.service.export_file"),
    _coordinator("exchange", "backup", "take a backup", ("exchange.backup",), "workshop.exchange.service.backup_file"),
    _coordinator("exchange", "restore", "restore a backup", ("exchange.restore",), "workshop.exchange.service.restore_file", "workshop.exchange.backup.restore_backup"),
    # the digital journey: companies, surveys, the neighbourhood office
    _coordinator("companies", "add", "register a company", ("company.add",), "workshop.companies.register.add_company"),
    _coordinator("companies", "edit", "correct a company", ("company.edit",), "workshop.companies.register.update_company"),
    _coordinator("companies", "import", "import a company register extract", ("company.import",), "workshop.companies.importing.import_extract"),
    _coordinator("companies", "personal_number", "reveal a sole trader's personal identity number", ("company.personal_number",), "workshop.companies.register.reveal_personal_number"),
    _coordinator("surveys", "link", "make a company's self-fill survey link", ("survey.link",), "workshop.companies.assessments.create_self_link"),
    _coordinator("surveys", "interview", "start an interview (a maturity assessment)", ("survey.interview",), "workshop.companies.assessments.start_interview"),
    Rule("surveys", "answer", "answer and submit a maturity survey (an interview: the coordinator)", coordinator=True, anyone="the survey's link", services=("workshop.companies.assessments.open_survey", "workshop.companies.assessments.save_answer", "workshop.companies.assessments.submit")),
    _coordinator("office", "idea", "turn a neighbourhood-office draft into an idea", ("office.idea",), "workshop.companies.office.service.create_office_idea"),
    # e-mail delivery (issue 26): the outbox and the sender thread
    _coordinator("mail", "test", "send a test e-mail through the configured SMTP server", ("mail.test",), "workshop.mail.service.send_test_message"),
    _coordinator("mail", "retry", "try a failed e-mail again", ("mail.retry",), "workshop.mail.service.retry"),
    _coordinator("mail", "send", "send the queued e-mail (each server's sender thread)", (), "workshop.mail.outbox.send_due"),
    # follow-up across meetings: the next step (and owner) of an idea, the next meeting
    _staff("followup", "next_step", "set an idea's next step (what, when, who) and owner", HOME, ("idea.next_step", "idea.leader_details"), "workshop.followup.steps.set_next_step", refusal=_CARRIED),
    _staff("followup", "next_meeting", "set when and where W meets next", OWN, ("workshop.next_meeting",), "workshop.followup.meetings.set_next_meeting"),
    # invitations to a constellation's uncommitted members (issue 26)
    _staff("invitations", "create", "invite a constellation's uncommitted members to an idea brought to W", HOME, ("invitation.create",), "workshop.invitations.service.create_invitations", refusal=_CARRIED),
    _staff("invitations", "email", "e-mail a batch of invitations just made to an idea brought to W", HOME, ("invitation.email",), "workshop.invitations.delivery.queue_invitation_emails", refusal=_CARRIED),
    _anyone("invitations", "answer", "answer an invitation to an idea (yes, tell me more, no) once", "the invitation's link", ("invitation.answer",), "workshop.invitations.answers.open_invitation", "workshop.invitations.answers.answer_invitation"),
    # the run of show (workshop/meeting)
    _staff("meeting", "edit", "prepare W's run of show: phases, their order, times and forms", OWN, (), "workshop.meeting.service.use_template", "workshop.meeting.service.copy_phases", "workshop.meeting.service.add_phase", "workshop.meeting.service.update_phase", "workshop.meeting.service.remove_phase", "workshop.meeting.service.move_phase"),
    _staff("meeting", "advance", "move W's meeting to its next phase", OWN, (), "workshop.meeting.service.next_phase"),
    _staff("meeting", "results", "start or end the results moment on W's wall", OWN, (), "workshop.meeting.service.start_results", "workshop.meeting.service.end_results"),
    # the address phones reach the app on in the hall
    _staff("workshops", "address", "keep the hall address for phones (join link, QR code) with W", OWN, (), _S + "hall_address.set_workshop_address"),
    _coordinator("coordinators", "address", "set one's own default address for phones", (), _S + "hall_address.set_default_address"),
    # an invitation answer's contact person, by the key the answer gave them (issue 26)
    _anyone("people", "contact_self", "see, download, withdraw consent to or delete one's own data as an answer's contact person", "the contact person's key", ("person.self_delete",), "workshop.privacy.contact_key.contact_person_data", "workshop.privacy.contact_key.withdraw_consent_by_key", "workshop.privacy.contact_key.delete_by_key"),
)

_BY_KEY = {rule.key: rule for rule in RULES}


def rule_for(feature: str, action: str) -> Rule:
    """The row for ``feature`` × ``action``; an unknown pair is a programming error.

    >>> rule_for("ideas", "stage").facilitator == HOME
    True
    """
    try:
        return _BY_KEY[(feature, action)]
    except KeyError:
        raise ValueError(f"no roles-table row for {feature}.{action}: add it to workshop/services/roles.py") from None


def require(actor: Actor, feature: str, action: str, *, workshop_id: int | None = None, subject_workshop_id: Any = _NOT_GIVEN) -> None:
    """Refuse ``actor`` unless the row ``feature`` × ``action`` lets them act in ``workshop_id``.

    Parameters
    ----------
    actor : Actor
        A signed-in coordinator or facilitator, or ``SYSTEM``.
    feature, action : str
        The row of :data:`RULES`.
    workshop_id : int, optional
        The workshop acted in (a facilitator's rows).
    subject_workshop_id : int or None, optional
        For the rows scoped :data:`HOME` and :data:`REGISTERED`: the workshop the idea was
        brought to, or the organisation was first registered at (``None``: the whole
        process's). Leaving it out checks the workshop only; the service then calls again
        once it has read the row.

    Raises
    ------
    NotAllowed
        ``errors.coordinator_only`` for a facilitator on a coordinator's row,
        ``errors.other_workshop`` for another workshop's facilitator, and the row's
        ``refusal`` for a subject outside the facilitator's scope.

    Examples
    --------
    >>> from workshop.services.access import Actor
    >>> facilitator = Actor("facilitator", "Framtidens Ramsberg", workshop_id=2)
    >>> require(facilitator, "voting", "open", workshop_id=2)
    >>> try:
    ...     require(facilitator, "ideas", "edit", workshop_id=2, subject_workshop_id=1)
    ... except NotAllowed as refused:
    ...     refused.message_key
    'errors.carried_idea_stays_home'
    """
    rule = rule_for(feature, action)
    if actor.role in ("coordinator", "system"):
        if rule.coordinator:
            return
        raise NotAllowed("errors.not_allowed")  # a participant's own write, or one opened by a secret
    if actor.role != "facilitator" or rule.facilitator is None:
        raise NotAllowed("errors.coordinator_only")
    if actor.workshop_id != workshop_id:
        raise NotAllowed("errors.other_workshop")
    if rule.facilitator in (HOME, REGISTERED) and subject_workshop_id is not _NOT_GIVEN and subject_workshop_id != workshop_id:
        raise NotAllowed(rule.refusal, field="idea" if rule.facilitator == HOME else "organisation")


def _cell(value: object) -> str:
    if value is True:
        return "yes"
    return str(value) if value else "no"


def roles_markdown() -> str:
    """The roles table as Markdown, for people (docs/security.md holds this text).

    >>> roles_markdown().splitlines()[0]
    '| feature | what | coordinator | facilitator of workshop W | participant | anyone holding |'
    """
    lines = [
        "| feature | what | coordinator | facilitator of workshop W | participant | anyone holding |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rule in RULES:
        cells = (rule.feature, rule.what, _cell(rule.coordinator), _cell(rule.facilitator), _cell(rule.participant), rule.anyone or "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
