"""Errors named after the business failure.

Each carries a message key from the translation catalog (``errors.*``) and the
parameters for it, plus the form field it concerns, so a page can show a Swedish
message at the place the user typed.
"""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """Base of every failure a user can cause and be told about."""

    message_key = "errors.generic"

    def __init__(self, message_key: str | None = None, *, field: str | None = None, **params: Any):
        self.message_key = message_key or type(self).message_key
        self.field = field
        self.params = params
        super().__init__(f"{self.message_key} {field or ''} {params or ''}".strip())


class InvalidInput(ServiceError):
    message_key = "errors.invalid"


class InvalidOrganisationNumber(InvalidInput):
    message_key = "errors.org_number_invalid"


class DuplicateOrganisation(ServiceError):
    """The organisation exists already; the user is offered the existing one."""

    message_key = "errors.duplicate_organisation"

    def __init__(self, existing_id: int, existing_name: str, *, field: str = "name"):
        super().__init__(field=field, name=existing_name)
        self.existing_id = existing_id
        self.existing_name = existing_name


class WorkshopNotFound(ServiceError):
    message_key = "errors.workshop_not_found"


class SubmissionsClosed(ServiceError):
    message_key = "errors.submissions_closed"


class WrongFacilitatorKey(ServiceError):
    message_key = "errors.wrong_facilitator_key"


class TooManyAttempts(ServiceError):
    message_key = "errors.too_many_attempts"


class UnknownParticipant(ServiceError):
    message_key = "errors.unknown_participant"


class NotYourContribution(ServiceError):
    message_key = "errors.not_your_contribution"


class NotFound(ServiceError):
    message_key = "errors.not_found"


class VotingClosed(ServiceError):
    message_key = "errors.voting_closed"


class VoteBudgetExceeded(ServiceError):
    message_key = "errors.vote_budget_exceeded"


class NotReadyForProject(ServiceError):
    """An idea cannot become project-ready while LEADER's basic criteria are missing."""

    message_key = "errors.not_ready_for_project"


class DatabaseUnavailable(ServiceError):
    """The database is locked or cannot be reached; the user may retry."""

    message_key = "errors.database_unavailable"


class NotAllowed(ServiceError):
    """The signed-in role may not do this (a facilitator reaching into another workshop,
    anyone but a coordinator creating workshops or erasing people)."""

    message_key = "errors.not_allowed"


class NotSignedIn(ServiceError):
    """No session, an expired one, or one that was signed out: sign in again."""

    message_key = "errors.not_signed_in"


class WrongCoordinatorKey(ServiceError):
    message_key = "errors.wrong_coordinator_key"


class CoordinatorExists(ServiceError):
    """A coordinator with this name exists, or the first coordinator was already created."""

    message_key = "errors.coordinator_exists"


class AlreadySubmitted(ServiceError):
    """The same person sent the same thing a moment ago (a double tap, a slow phone's retry):
    nothing new is stored, and the page says it is already there."""

    message_key = "errors.already_submitted"

    def __init__(self, existing_id: int, *, field: str | None = None):
        super().__init__(field=field)
        self.existing_id = existing_id


class PhaseAlreadyRun(ServiceError):
    """A phase that has started keeps its place and its times: the report says how the meeting
    ran. It can be renamed or given more time, not removed or moved."""

    message_key = "errors.phase_already_run"


class ResultsNotRevealed(ServiceError):
    """The results moment shows a voting round's dots to the room: only once they are revealed."""

    message_key = "errors.results_not_revealed"
