from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from beibit.law.calendar import (
    CalendarCorrections,
    CalendarRangeError,
    WorkingCalendar,
    bundled_corrections_text,
    default_calendar,
    local_date,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "law" / "calendar" / "kz-calendar.yaml"
D = dt.date


def test_bundled_calendar_equals_the_shared_file() -> None:
    assert SHARED.exists(), "CI runs with ../shared beside the repo"
    assert bundled_corrections_text() == SHARED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 12, 16), False),  # Independence Day
        (D(2026, 12, 17), True),
        (D(2024, 5, 4), True),  # Saturday made a working day (order G24G0000109)
        (D(2025, 1, 5), True),  # Sunday made a working day
        (D(2020, 1, 5), True),
        (D(2020, 12, 20), True),
        (D(2021, 7, 3), True),
        (D(2022, 3, 5), True),
        (D(2022, 8, 27), True),
        (D(2022, 10, 22), True),
        (D(2023, 7, 1), True),
        (D(2024, 5, 8), False),  # the day off moved from Sat 4 May
        (D(2024, 6, 16), False),  # Kurban Ait on a Sunday ...
        (D(2024, 6, 17), True),  # ... is not carried over
        (D(2026, 5, 27), False),  # Kurban Ait 2026, confirmed
        (D(2026, 8, 31), True),  # no Constitution Day carry-over from 2026
        (D(2020, 5, 11), True),
        (D(2026, 3, 24), False),  # Nauryz carry-over
        (D(2026, 3, 25), False),
        (D(2026, 3, 26), True),
        (D(2026, 11, 28), False),  # a Saturday
    ],
)
def test_working_days(day: dt.date, working: bool) -> None:
    assert default_calendar().is_working_day(day) is working


def test_deadlines_md_examples() -> None:
    cal = default_calendar()
    assert cal.working_day_before(D(2026, 12, 21), 5) == D(2026, 12, 11)
    assert cal.working_day_after(D(2026, 12, 11), 3) == D(2026, 12, 17)


def test_registration_day_moves_to_next_working_day() -> None:
    cal = default_calendar()
    assert cal.registration_day(D(2026, 1, 1)) == D(2026, 1, 5)
    assert cal.registration_day(D(2026, 1, 5)) == D(2026, 1, 5)
    assert cal.registration_day(D(2024, 5, 4)) == D(2024, 5, 4)


def test_uncertain_dates_beyond_confirmed_data() -> None:
    cal = default_calendar()
    assert cal.uncertain_dates(D(2026, 12, 20), D(2027, 1, 10)) == [D(2027, 1, 1)]
    assert cal.uncertain_dates(D(2026, 5, 1), D(2026, 6, 1)) == []  # 2026 Kurban Ait is confirmed
    assert D(2027, 5, 16) in cal.uncertain_dates(D(2027, 5, 1), D(2027, 5, 31))


def test_calendar_extends_past_its_first_build_and_refuses_before_1991() -> None:
    cal = WorkingCalendar(
        CalendarCorrections.from_mapping(yaml.safe_load(bundled_corrections_text())), last_year=2027
    )
    assert cal.is_working_day(D(2040, 1, 10))  # a Tuesday, built on demand
    assert cal.last_year >= 2041
    with pytest.raises(CalendarRangeError):
        cal.registration_day(D(1990, 1, 3))


def test_corrections_win_over_the_package() -> None:
    raw = yaml.safe_load(bundled_corrections_text())
    raw["weekday_working_days"].append({"date": "2026-12-16", "reason": "test", "act": "test"})
    cal = WorkingCalendar(CalendarCorrections.from_mapping(raw))
    assert cal.is_working_day(D(2026, 12, 16))


def test_month_view_names_holidays_and_transfers() -> None:
    days = {d.date: d for d in default_calendar().month(2024, 5)}
    assert days[D(2024, 5, 4)].transfer and days[D(2024, 5, 4)].working
    assert days[D(2024, 5, 9)].holiday == "Victory Day"
    assert not days[D(2024, 5, 5)].working and days[D(2024, 5, 5)].holiday is None


def test_local_date_uses_the_settlement_zone() -> None:
    # 18:30 UTC on 10 Jan 2024 was already 11 Jan in Almaty (UTC+6 until 1 March 2024) ...
    moment = dt.datetime(2024, 1, 10, 18, 30, tzinfo=dt.UTC)
    assert local_date(moment, "Asia/Almaty") == D(2024, 1, 11)
    # ... but still 10 Jan in Aktobe (UTC+5).
    assert local_date(moment, "Asia/Aqtobe") == D(2024, 1, 10)
    # From 1 March 2024 all of Kazakhstan is UTC+5.
    assert local_date(dt.datetime(2024, 3, 10, 18, 30, tzinfo=dt.UTC), "Asia/Almaty") == D(2024, 3, 10)
    with pytest.raises(ValueError, match="naive"):
        local_date(dt.datetime(2024, 3, 10, 18, 30))
