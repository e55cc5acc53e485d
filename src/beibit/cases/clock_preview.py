"""What `beibit tick --at` would record, without recording it (`--dry-run`).

The clock job is run exactly as `apply_clock` runs it, inside one transaction that is then rolled back, so the
preview cannot differ from what a real run at that instant records; the log stays untouched (a rollback,
not a delete, which the append-only triggers would refuse)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from beibit.cases.models import CaseEvent


@dataclass(frozen=True, slots=True)
class DueEvent:
    case_id: int
    kind: str
    effective_on: dt.date


def preview_clock(now: dt.datetime) -> list[DueEvent]:
    from beibit.cases.clock import apply_clock

    with transaction.atomic():
        last = CaseEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        apply_clock(now)
        found = [
            DueEvent(e.case_id, e.kind, e.effective_on)
            for e in CaseEvent.objects.filter(pk__gt=last).order_by("case_id", "seq")
        ]
        transaction.set_rollback(True)
    return found
