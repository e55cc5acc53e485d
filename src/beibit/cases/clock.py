"""The clock: the system events a passed deadline makes due (silence, overdue, a lapsed proposal),
recorded by `beibit tick` and by every read that finds one due.

Time is a parameter: `now` (an aware date-time) is read from the clock only at the outer edge.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from beibit.cases import signals
from beibit.cases import workflow as wf
from beibit.cases.bookings import book
from beibit.cases.errors import NotFound
from beibit.cases.log import append, lock
from beibit.cases.models import Case, CaseEvent
from beibit.cases.moments import local_day, require_aware
from beibit.law import procedure
from beibit.law.calendar import local_date, zone
from beibit.law.settlements import zone_of
from beibit.places.settlements import settlement_ids


def due_system_event(case: Case, now: dt.datetime) -> tuple[str, dict[str, Any], dt.date] | None:
    today = local_day(now, case.settlement)
    if case.status == wf.REGISTERED and case.review_deadline is not None and today > case.review_deadline:
        # Art 11(1), last part / Art 13(1): effective the day after the deadline, whenever it is noticed.
        effective = procedure.day_after(case.review_deadline)
        kind = "deemed_agreed" if case.state.silence_effect == "proceed_as_notified" else "overdue"
        return kind, {"review_deadline": case.review_deadline.isoformat()}, effective
    if (
        case.unsent_answer_due is not None
        and today > case.unsent_answer_due
        and not answer_in_flight(case.pk, now)
    ):
        # deadlines.md: the answer counts when sent; recorded in time but not sent by the deadline, it
        # leaves the notification deemed agreed from the day after (Art 11(1), 11(2)).
        effective = procedure.day_after(case.unsent_answer_due)
        payload = {"review_deadline": case.unsent_answer_due.isoformat(), "answer_not_sent_in_time": True}
        return "deemed_agreed", payload, effective
    if (
        case.status == wf.PROPOSAL_PENDING
        and case.proposal_answer_deadline is not None
        and today > case.proposal_answer_deadline
    ):
        effective = procedure.day_after(case.proposal_answer_deadline)
        return "proposal_lapsed", {"answer_deadline": case.proposal_answer_deadline.isoformat()}, effective
    return None


def answer_in_flight(case_id: int, now: dt.datetime) -> bool:
    """Whether a worker is sending the case's answer right now (its delivery is recorded when the server
    has taken it: the clock waits for that rather than judge the answer unsent)."""
    answers = signals.answer_in_flight.send(sender=Case, case_id=case_id, now=now)
    return any(held for _receiver, held in answers)


def catch_up(case: Case, now: dt.datetime) -> list[CaseEvent]:
    """Record, on a locked case, every system event that is due at `now`."""
    appended: list[CaseEvent] = []
    while (due := due_system_event(case, now)) is not None:
        kind, payload, effective = due
        was = case.status
        appended.append(append(case, kind, payload, now=now, effective_on=effective, actor=None))
        if was == wf.REFUSED and case.status == wf.DEEMED_AGREED:
            # The refusal was never sent in time: the notified assembly holds its place and time again.
            assert case.submitted_at is not None
            book(case, case.state.plan, received_at=case.submitted_at, now=now, form=case.form)
    return appended


def _zones(settlement: str | None) -> tuple[str, ...]:
    """The time zones the settlement's cases (or every case) count their days in."""
    if settlement is not None:
        return (zone_of(settlement),)
    return tuple(sorted({zone_of(None), *(zone_of(s) for s in settlement_ids())}))


def _due_filter(now: dt.datetime, settlement: str | None = None) -> Q:
    # A case falls due once its local day is past the deadline (`due_system_event`): a deadline before the
    # latest local date among the zones concerned (exact for one zone; each case is checked in its own).
    horizon = max(local_date(now, name) for name in _zones(settlement))
    return (
        Q(status=wf.REGISTERED, review_deadline__lt=horizon)
        | Q(status=wf.PROPOSAL_PENDING, proposal_answer_deadline__lt=horizon)
        | Q(unsent_answer_due__lt=horizon)
    )


def apply_clock(
    now: dt.datetime, *, settlement: str | None = None, case_ids: Iterable[int] | None = None
) -> int:
    """Record the silence, overdue and lapsed-proposal events due at `now` (`beibit tick`, and every read
    that finds one due). Each case in its own transaction. Returns how many events were recorded."""
    require_aware(now, "now")
    due = Case.objects.filter(_due_filter(now, settlement))
    if settlement is not None:
        due = due.filter(settlement=settlement)
    if case_ids is not None:
        due = due.filter(pk__in=list(case_ids))
    recorded = 0
    for case_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            recorded += len(catch_up(lock(case_id), now))
    return recorded


def last_event_mark() -> tuple[int, str]:
    """The id and hash of the latest case event: any change to any case appends an event, so a read that
    finds the same mark finds the same data (the hash tells apart two databases that reused an id). Plain SQL:
    asked on every public read, where the ORM's query building cost more than the query."""
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return (int(row[0]), str(row[1])) if row else (0, "")


#: How long a process trusts a "nothing is due before ..." answer without asking again (seconds). The mark
#: alone could miss an event committed after a later one with a higher id (PostgreSQL hands out ids before
#: commit); the recheck bounds that to this many seconds.
CLOCK_RECHECK_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class _Quiet:
    mark: tuple[int, str]
    until: dt.datetime  # no case of the settlement can fall due before this instant
    checked: float  # time.monotonic() of the check


_quiet: dict[str | None, _Quiet] = {}


_quiet_lock = threading.Lock()


def _first_due_instant(settlement: str | None) -> dt.datetime:
    """The earliest instant at which a case of the settlement could fall due, given the cases as they stand:
    the start of the local day after the earliest open review or answer deadline (in the earliest of the
    zones concerned). On the deadline day itself nothing is due yet: the reads stay on the quiet path."""
    cases = Case.objects.all() if settlement is None else Case.objects.filter(settlement=settlement)
    # Two ordered reads along the clock's indexes (status, deadline), not an aggregate over every case.
    days = [
        cases.filter(status=status, **{f"{column}__isnull": False})
        .order_by(column)
        .values_list(column, flat=True)
        .first()
        for status, column in (
            (wf.REGISTERED, "review_deadline"),
            (wf.PROPOSAL_PENDING, "proposal_answer_deadline"),
        )
    ]
    days.append(
        cases.filter(unsent_answer_due__isnull=False)
        .order_by("unsent_answer_due")
        .values_list("unsent_answer_due", flat=True)
        .first()
    )
    found = [day for day in days if day is not None]
    if not found:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    day_after = min(found) + dt.timedelta(days=1)
    return min(dt.datetime.combine(day_after, dt.time(0, 0), zone(name)) for name in _zones(settlement))


def apply_clock_on_read(now: dt.datetime, *, settlement: str | None = None) -> tuple[int, str]:
    """`apply_clock` for the reads of many cases (register, calendar, open data), without its query when
    nothing can be due: one cheap query for the change mark, then the remembered earliest due instant.
    What is recorded is exactly what `apply_clock` would record. Returns the change mark after it."""
    require_aware(now, "now")
    mark = last_event_mark()
    with _quiet_lock:
        quiet = _quiet.get(settlement)
    if (
        quiet is not None
        and quiet.mark == mark
        and now < quiet.until
        and time.monotonic() - quiet.checked < CLOCK_RECHECK_SECONDS
    ):
        return mark
    apply_clock(now, settlement=settlement)
    # The mark first: the due instant is then read from data at least as new as the mark.
    checked, mark = time.monotonic(), last_event_mark()
    until = _first_due_instant(settlement)
    with _quiet_lock:
        _quiet[settlement] = _Quiet(mark, until, checked)
    return mark


def forget_clock_reads() -> None:
    """Drop what `apply_clock_on_read` remembers (tests that reuse ids and times between databases)."""
    with _quiet_lock:
        _quiet.clear()


def settle(case_id: int, now: dt.datetime) -> None:
    """Record what the clock has made due before acting, in its own transaction: the silence or the lapse
    stands even when the action that noticed it is then refused."""
    apply_clock(now, case_ids=[case_id])


def refresh(case_id: int, now: dt.datetime) -> Case:
    """The case as of `now`: a read that finds a deadline passed records the system event first."""
    try:
        case = Case.objects.get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("No such case.")) from None
    if due_system_event(case, now) is None:
        return case
    with transaction.atomic():
        case = lock(case_id)
        catch_up(case, now)
    return case
