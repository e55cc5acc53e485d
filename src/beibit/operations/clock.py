"""The clock job's record of its own runs: `beibit tick` writes it, /readyz reads it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beibit.operations.models import ClockRun


@dataclass(frozen=True, slots=True)
class LastRun:
    finished_at: dt.datetime
    ran_as: dt.datetime
    recorded: int


def record_clock_run(*, finished_at: dt.datetime, ran_as: dt.datetime, recorded: int) -> None:
    ClockRun.objects.update_or_create(
        pk=ClockRun.ONLY, defaults={"finished_at": finished_at, "ran_as": ran_as, "recorded": recorded}
    )


def last_clock_run() -> LastRun | None:
    """The latest finished run of the clock: `beibit tick` (cron or by hand) or the background worker's round
    (`beibit serve` and `beibit demo` run the worker, which replaces the cron job)."""
    from beibit.notifications.tasks import last_clock_round

    row = ClockRun.objects.filter(pk=ClockRun.ONLY).first()
    ticked = None if row is None else LastRun(row.finished_at, row.ran_as, row.recorded)
    rounded = last_clock_round()
    if rounded is not None and (ticked is None or rounded > ticked.finished_at):
        return LastRun(rounded, rounded, 0)
    return ticked
