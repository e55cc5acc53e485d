"""What the handlers share: the clock at the edge, the Idempotency-Key header, the case views."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from beibit.api.schemas import ErrorOut
from beibit.cases import queries
from beibit.cases.models import Case, CaseEvent
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


def case_out(case: Case, role: str, moment: dt.datetime, *, with_conflicts: bool = False) -> dict[str, Any]:
    view = queries.case_view(
        case, role=role, today=queries.local_today(moment, case.settlement), places=places()
    )
    view["conflicts"] = queries.conflicts(case) if with_conflicts else None
    return view


def case_record(case: Case) -> dict[str, Any]:
    """Everything filed and decided, as recorded: every event with its payload and hashes."""
    events = CaseEvent.objects.filter(case=case).order_by("seq")
    return {"case_id": case.pk, "events": queries.event_views(events, full=True)}


def user_of(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]
