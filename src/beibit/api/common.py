"""What the handlers share: the clock at the edge, the Idempotency-Key header, the case views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from beibit.api.schemas import ErrorOut
from beibit.cases import case_queries, queries
from beibit.cases.models import Case
from beibit.registry.store import registry_from_db

#: The error statuses every operation may answer with, each with the contract's error object.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422})
ERRORS: dict[Any, Any] = {ERROR_STATUSES: ErrorOut}
MAX_ID = 2**62  # larger ids are not ids: refused as input instead of overflowing the database's integers
KEY_HEADER = "Idempotency-Key"
KEY_DESCRIPTION = "makes a retried request harmless: the same key and body give the first result again"


def now() -> dt.datetime:
    """The clock, read at the outer edge only; the services take `now` as a parameter."""
    return timezone.now()


def places() -> queries.Places:
    return queries.Places(registry_from_db())


def _documents(records: Iterable[Any]) -> list[dict[str, Any]]:
    return [dict(r.document) for r in records]


def _document(record: Any) -> dict[str, Any] | None:
    return None if record is None else dict(record.document)


def _plain(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if value is None else dict(value)


def case_out(case: Case, role: str, moment: dt.datetime, *, with_conflicts: bool = False) -> dict[str, Any]:
    """A case as `CaseOut` takes it: the typed view, with each record of the state as the log stores it."""
    view = queries.case_view(
        case, role=role, today=queries.local_today(moment, case.settlement), places=places()
    )
    return {
        **{f.name: getattr(view, f.name) for f in fields(view)},
        "allowed_actions": list(view.allowed_actions),
        "draft": _plain(view.draft),
        "filed": _plain(view.filed),
        "decisions": _documents(view.decisions),
        "proposal": _document(view.proposal),
        "deliveries": _documents(view.deliveries),
        "representative": _plain(view.representative),
        "held": _plain(view.held),
        "suspension": _plain(view.suspension),
        "termination": _plain(view.termination),
        "appeals": _documents(view.appeals),
        "withdrawal": _document(view.withdrawal),
        "silence": _document(view.silence),
        "evaluation": _plain(view.evaluation),
        "corrections": _documents(view.corrections),
        "notes": list(view.notes),
        "events": list(view.events),
        "conflicts": queries.conflicts(case) if with_conflicts else None,
    }


def case_record(case: Case) -> dict[str, Any]:
    """Everything filed and decided, as recorded: every event with its payload and hashes."""
    return {"case_id": case.pk, "events": case_queries.case_record(case)}


def user_of(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]
