"""What a service refuses, and how: each error names the input field at fault, when there is one.

The API turns them into `{"error": {"code", "field", "message"}}` with the status given here.
"""

from __future__ import annotations


class CaseError(Exception):
    status = 400
    code = "case_error"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class NotFound(CaseError):
    """Also what an officer of another akimat, or another organizer, gets: the case's existence is private."""

    status = 404
    code = "not_found"


class Forbidden(CaseError):
    status = 403
    code = "forbidden"


class InvalidTransition(CaseError):
    """The case's status does not allow this event (the transitions table has no such edge)."""

    status = 409
    code = "invalid_transition"


class RuleViolation(CaseError):
    """The event is allowed in this status, but the law forbids it with these facts."""

    status = 422
    code = "rule_violation"


class InvalidInput(CaseError):
    status = 422
    code = "invalid_value"


class IdempotencyConflict(CaseError):
    """An Idempotency-Key reused for a different request."""

    status = 409
    code = "idempotency_conflict"


class Unauthenticated(CaseError):
    status = 401
    code = "unauthenticated"
