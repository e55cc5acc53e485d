"""Dates, times, numbers and money as each language writes them, from Babel's CLDR data (issue 15): one
format per language everywhere a person reads one (the engine's messages, the documents, the pages).

    kk  «28 желтоқсан 2026»     «11:00»   «173 000»   «216 250 теңге»
    ru  «28 декабря 2026 г.»    «11:00»   «173 000»   «216 250 тенге»
    en  "28 December 2026"      "11:00"   "173,000"   "216,250 tenge"

Kazakh: CLDR's long date puts the year first with «ж.»; the project writes day, month, year as the issue
asks (the month's nominative, as in «28 желтоқсан 2026»). English is British: day before month, never US
month-first. Pure: no Django, no clock.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Final

from babel.dates import format_date
from babel.numbers import format_decimal

_LOCALE: Final[dict[str, str]] = {"kk": "kk", "ru": "ru", "en": "en_GB"}
_DATE_PATTERN: Final[dict[str, str]] = {"kk": "d MMMM y", "ru": "long", "en": "long"}
_TENGE: Final[dict[str, str]] = {"kk": "теңге", "ru": "тенге", "en": "tenge"}


def _locale(lang: str) -> str:
    return _LOCALE.get(lang, "en_GB")


@lru_cache(maxsize=4096)
def date_label(day: dt.date, lang: str = "en") -> str:
    """A day in words: «28 желтоқсан 2026», «28 декабря 2026 г.», "28 December 2026"."""
    return format_date(day, _DATE_PATTERN.get(lang, "long"), locale=_locale(lang))


def time_label(moment: dt.datetime | dt.time) -> str:
    """A wall-clock time, 24-hour in every language: "11:00"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def span_label(start: dt.datetime, end: dt.datetime, lang: str = "en") -> str:
    """A period in the times its own offset gives (the settlement's local time): «28 желтоқсан 2026,
    11:00–13:00»; across midnight each end keeps its day."""
    if start.date() == end.date():
        return f"{date_label(start.date(), lang)}, {time_label(start)}–{time_label(end)}"
    first = f"{date_label(start.date(), lang)}, {time_label(start)}"
    return f"{first} – {date_label(end.date(), lang)}, {time_label(end)}"


def number_label(value: int | float | Decimal, lang: str = "en") -> str:
    """A number with the language's thousands separator and decimal sign: «173 000», «4,5», "173,000"."""
    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def tenge_label(amount: int | float | Decimal, lang: str = "en") -> str:
    """An amount in tenge: «216 250 теңге», «216 250 тенге», "216,250 tenge"."""
    return f"{number_label(amount, lang)} {_TENGE.get(lang, 'tenge')}"
