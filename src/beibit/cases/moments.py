"""Local days and times of a settlement, and the regime's parameters for a case."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from django.utils.translation import gettext as _

from beibit.cases.errors import InvalidInput
from beibit.cases.models import Case
from beibit.law.calendar import local_date, zone
from beibit.law.regimes import Params, load_regime, regime_in_force
from beibit.law.settlements import zone_of


def require_aware(moment: dt.datetime, field: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidInput(_("A date-time needs a UTC offset."), field=field, code="naive_datetime")


def local_day(moment: dt.datetime, settlement: str | None) -> dt.date:
    return local_date(moment, zone_of(settlement))


def local_iso(moment: dt.datetime, settlement: str | None) -> str:
    return moment.astimezone(zone(zone_of(settlement))).isoformat()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day number `months` later, or the month's last day where it has none (31 Jan -> 30 Apr)."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def regime_params(case: Case, day: dt.date) -> Params:
    regime = load_regime(case.regime_id) if case.regime_id else regime_in_force(day)
    return regime.params(day)
