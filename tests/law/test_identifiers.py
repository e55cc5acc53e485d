from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beibit.law.identifiers import age_on, bin_valid, check_digit_valid, iin_birth_date, iin_valid


def _with_check_digit(first11: str) -> str | None:
    for last in "0123456789":
        if check_digit_valid(first11 + last):
            return first11 + last
    return None


def test_known_iin() -> None:
    assert iin_valid("850612300451")
    assert iin_birth_date("850612300451") == dt.date(1985, 6, 12)
    assert not iin_valid("850612300452")
    assert not iin_valid("85061230045")
    assert not iin_valid("85061230045a")


def test_century_digit() -> None:
    iin = _with_check_digit("08031550123")
    assert iin is not None
    assert iin_birth_date(iin) == dt.date(2008, 3, 15)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_at_most_one_check_digit_fits(first11: str) -> None:
    assert sum(check_digit_valid(first11 + d) for d in "0123456789") <= 1


def test_a_transposition_in_a_known_iin_breaks_the_check() -> None:
    assert not check_digit_valid("580612300451")
    assert not check_digit_valid("850621300451")


def test_bin_kind_digit() -> None:
    bin_ = _with_check_digit("05014000123")
    assert bin_ is not None and bin_valid(bin_)
    other = _with_check_digit("05013000123")
    assert other is None or not bin_valid(other)


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (dt.date(2008, 12, 11), dt.date(2026, 12, 11), 18),  # the 18th birthday itself
        (dt.date(2008, 12, 12), dt.date(2026, 12, 11), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
    ],
)
def test_age_on(born: dt.date, day: dt.date, age: int) -> None:
    assert age_on(born, day) == age
