"""Kazakh working days on the five-day week, as ../shared/law/deadlines.md defines them.

The `holidays` package (country KZ) gives the days off; the project's dated correction file
(`data/kz-calendar.yaml`, a copy of shared/law/calendar/kz-calendar.yaml) wins where they disagree: weekend
days turned into working days by a transfer, weekdays that stay working days, and the first day of Kurban
Ait as the Spiritual Administration of Muslims confirmed it.

All arithmetic works on a sorted list of the ordinals of working days, so each question is one bisection.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import yaml

FIRST_YEAR = 1991  # the holidays package knows Kazakhstan from independence on
LAST_YEAR = 2100  # past it no count is meaningful (and the model refuses such dates)
_KURBAN_AIT_NAME = "Eid al-Adha"
_ESTIMATED_MARK = "(estimated)"
DEFAULT_ZONE = "Asia/Almaty"


class CalendarRangeError(ValueError):
    """A date before the first year the calendar knows."""


@dataclass(frozen=True, slots=True)
class Correction:
    date: dt.date
    reason: str
    act: str


@dataclass(frozen=True, slots=True)
class CalendarCorrections:
    weekend_working_days: tuple[Correction, ...]
    weekday_working_days: tuple[Correction, ...]
    kurban_ait: dict[int, dt.date]
    confirmed_through: dt.date

    @classmethod
    def from_mapping(cls, raw: dict[str, Any]) -> CalendarCorrections:
        def corrections(key: str) -> tuple[Correction, ...]:
            return tuple(
                Correction(date=_as_date(item["date"]), reason=str(item["reason"]), act=str(item["act"]))
                for item in raw.get(key) or ()
            )

        return cls(
            weekend_working_days=corrections("weekend_working_days"),
            weekday_working_days=corrections("weekday_working_days"),
            kurban_ait={int(year): _as_date(day) for year, day in (raw.get("kurban_ait") or {}).items()},
            confirmed_through=_as_date(raw["confirmed_through"]),
        )


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def bundled_corrections_text() -> str:
    return resources.files("beibit.law").joinpath("data/kz-calendar.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class DayInfo:
    """One day as the month view shows it."""

    date: dt.date
    working: bool
    holiday: str | None  # the name of the day off, if a holiday or a moved day off
    transfer: str | None  # why a weekend day is a working day, or a weekday stays one
    estimated: bool


@dataclass(slots=True)
class WorkingCalendar:
    corrections: CalendarCorrections
    last_year: int = 2035
    _working: list[int] = field(default_factory=list, init=False, repr=False)
    _days_off: dict[dt.date, str] = field(default_factory=dict, init=False, repr=False)
    _estimated: set[dt.date] = field(default_factory=set, init=False, repr=False)
    _first_estimated: dt.date = field(default=dt.date.max, init=False, repr=False)
    _working_weekend: dict[dt.date, Correction] = field(default_factory=dict, init=False, repr=False)
    _working_weekday: dict[dt.date, Correction] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._build(self.last_year)

    def _build(self, last_year: int) -> None:
        self.last_year = last_year
        years = range(FIRST_YEAR, last_year + 1)
        package = holidays.country_holidays("KZ", years=years, language="en_US")
        days_off: dict[dt.date, str] = {}
        estimated: set[dt.date] = set()
        for day, name in package.items():
            if name.startswith(_KURBAN_AIT_NAME) and day.year in self.corrections.kurban_ait:
                continue  # replaced by the confirmed date below
            days_off[day] = name
            if _ESTIMATED_MARK in name:
                estimated.add(day)
        for year, day in self.corrections.kurban_ait.items():
            if FIRST_YEAR <= year <= last_year:
                days_off[day] = "Kurban Ait"
        self._working_weekend = {c.date: c for c in self.corrections.weekend_working_days}
        self._working_weekday = {c.date: c for c in self.corrections.weekday_working_days}
        for day in self._working_weekday:
            days_off.pop(day, None)
        start = dt.date(FIRST_YEAR, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        working: list[int] = []
        for ordinal in range(start, end + 1):
            day = dt.date.fromordinal(ordinal)
            if day in self._working_weekend or (day.weekday() < 5 and day not in days_off):
                working.append(ordinal)
        self._working = working
        self._days_off = days_off
        self._estimated = estimated
        self._first_estimated = min(estimated, default=dt.date.max)

    def _cover(self, day: dt.date, margin_years: int = 1) -> None:
        if day.year < FIRST_YEAR:
            raise CalendarRangeError(
                f"{day.isoformat()} is before {FIRST_YEAR}, the first year the calendar knows"
            )
        if day.year > LAST_YEAR:
            raise CalendarRangeError(
                f"{day.isoformat()} is after {LAST_YEAR}, the last year the calendar counts"
            )
        if day.year + margin_years > self.last_year:
            self._build(day.year + margin_years + 5)

    # --- questions -------------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        self._cover(day)
        ordinal = day.toordinal()
        i = bisect.bisect_left(self._working, ordinal)
        return i < len(self._working) and self._working[i] == ordinal

    def registration_day(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the next working day (deadlines.md)."""
        self._cover(day)
        i = bisect.bisect_left(self._working, day.toordinal())
        return dt.date.fromordinal(self._working[i])

    def working_day_before(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day before `day`, `day` itself not counted (n >= 1)."""
        self._cover(day)
        i = bisect.bisect_left(self._working, day.toordinal())
        if i - n < 0:
            raise CalendarRangeError(f"{n} working days before {day.isoformat()} is before the calendar")
        return dt.date.fromordinal(self._working[i - n])

    def working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after `day`, counting from the next day (n >= 1)."""
        self._cover(day, margin_years=2)
        i = bisect.bisect_right(self._working, day.toordinal())
        return dt.date.fromordinal(self._working[i + n - 1])

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """How many working days lie in [first, last]."""
        self._cover(last)
        return bisect.bisect_right(self._working, last.toordinal()) - bisect.bisect_left(
            self._working, first.toordinal()
        )

    def uncertain_dates(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Dates in [first, last] whose status the data cannot confirm: beyond `confirmed_through`,
        or an estimated holiday. Returns at most the first of each kind, to name in a warning."""
        if last < first:
            first, last = last, first
        found: list[dt.date] = []
        confirmed = self.corrections.confirmed_through
        if last > confirmed:
            found.append(max(first, confirmed + dt.timedelta(days=1)))
        elif not self._estimated or last < self._first_estimated:
            return found  # the common case: every date is confirmed
        found.extend(day for day in self._estimated if first <= day <= last)
        return sorted(set(found))

    def day(self, day: dt.date) -> DayInfo:
        working = self.is_working_day(day)
        transfer = self._working_weekend.get(day) or self._working_weekday.get(day)
        return DayInfo(
            date=day,
            working=working,
            holiday=self._days_off.get(day),
            transfer=transfer.reason if transfer else None,
            estimated=day in self._estimated or day > self.corrections.confirmed_through,
        )

    def month(self, year: int, month: int) -> list[DayInfo]:
        first = dt.date(year, month, 1)
        days: list[DayInfo] = []
        current = first
        while current.month == month:
            days.append(self.day(current))
            current += dt.timedelta(days=1)
        return days


@cache
def default_calendar() -> WorkingCalendar:
    """The calendar built from the bundled correction file; built once per process."""
    raw = yaml.safe_load(bundled_corrections_text())
    return WorkingCalendar(CalendarCorrections.from_mapping(raw))


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_date(moment: dt.datetime, zone_name: str = DEFAULT_ZONE) -> dt.date:
    """The local date of an aware moment in the settlement's zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a naive date-time has no local date")
    return moment.astimezone(zone(zone_name)).date()
