"""Kazakh identification numbers: IIN (individuals) and BIN (legal entities), 12 digits each.

The check digit (the 12th) is the weighted sum of the first 11 digits modulo 11, with weights 1..11; if
that gives 10, a second pass uses weights 3..11, 1, 2; if that gives 10 too, the number is not valid.
An IIN starts with the birth date (YYMMDD); its 7th digit gives the century (1-2: 1800s, 3-4: 1900s,
5-6: 2000s).
"""

from __future__ import annotations

import datetime as dt
from operator import mul

_FIRST = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def check_digit_valid(number: str) -> bool:
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return False
    digits = [ord(c) - 48 for c in number]
    control: int = sum(map(mul, _FIRST, digits)) % 11
    if control == 10:
        control = sum(map(mul, _SECOND, digits)) % 11
        if control == 10:
            return False
    return control == digits[11]


def iin_birth_date(iin: str) -> dt.date | None:
    """The birth date an IIN encodes, or None when it encodes none that is valid."""
    if len(iin) != 12 or not iin.isdigit():
        return None
    century = _CENTURY.get(iin[6])
    if century is None:
        return None
    try:
        return dt.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return None


def iin_valid(iin: str) -> bool:
    return check_digit_valid(iin) and iin_birth_date(iin) is not None


def bin_valid(bin_: str) -> bool:
    # The 5th digit of a BIN gives the kind of entity (4 resident, 5 non-resident, 6 branch).
    return check_digit_valid(bin_) and bin_[4] in "456"


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years on `day`: a person turns a year older on the birthday itself (29 Feb -> 1 Mar)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
