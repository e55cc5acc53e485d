"""The Idempotency-Key checked again once the case is locked (ADR 0012).

A request with a key looks for an earlier result before it starts. Twenty identical requests at once all
find none; one takes the case's row lock and records its step, the others wait on the lock. When they get
it, the case has moved on, and without a second look they would answer `409 invalid_transition` instead
of the first result. So the key being served is remembered for the duration of the work, and the function
that takes the case lock (`log.lock`) calls `recheck_after_lock`: if the key was recorded meanwhile,
the work stops and `_once` returns that result (PostgreSQL's read-committed statements see the commit that
released the lock)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import gettext as _

from beibit.cases.errors import IdempotencyConflict
from beibit.cases.models import IdempotencyRecord


@dataclass(frozen=True, slots=True)
class _Pending:
    actor_id: int
    key: str
    operation: str
    fingerprint: str


_pending: ContextVar[_Pending | None] = ContextVar("beibit_idempotency_pending", default=None)


class AlreadyDone(Exception):
    def __init__(self, record: IdempotencyRecord) -> None:
        super().__init__(record.key)
        self.record = record


def earlier_result(actor_id: int, key: str, operation: str, fingerprint: str) -> IdempotencyRecord | None:
    """The recorded result of this key, or None; a key used for another request is a conflict."""
    earlier = IdempotencyRecord.objects.filter(actor_id=actor_id, key=key).first()
    if earlier is not None and (earlier.operation != operation or earlier.fingerprint != fingerprint):
        raise IdempotencyConflict(
            _("This Idempotency-Key was used for another request."), field="Idempotency-Key"
        )
    return earlier


@contextmanager
def serving(actor_id: int, key: str | None, operation: str, fingerprint: str) -> Iterator[None]:
    """Remember the key while its work runs (nothing to remember without a key)."""
    token = _pending.set(_Pending(actor_id, key, operation, fingerprint) if key else None)
    try:
        yield
    finally:
        _pending.reset(token)


def recheck_after_lock() -> None:
    """Called with the case locked: stop the work if the key being served was recorded meanwhile."""
    pending = _pending.get()
    if pending is None:
        return
    earlier = earlier_result(pending.actor_id, pending.key, pending.operation, pending.fingerprint)
    if earlier is not None:
        raise AlreadyDone(earlier)
