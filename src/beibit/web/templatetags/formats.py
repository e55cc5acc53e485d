"""Dates, times, numbers and money on every page in one format per language (issue 15): the filters call
`law.formats` (Babel's CLDR data), the same functions the documents and the engine's messages use.

    {{ case.day|day }}          «28 желтоқсан 2026», «28 декабря 2026 г.», "28 December 2026"
    {{ event.at|moment }}       «28 желтоқсан 2026, 11:00» (in the current time zone, Kazakhstan's)
    {{ count|number }}          «173 000», "173,000"
    {{ amount|tenge }}          «216 250 теңге»

Registered as builtins (settings.TEMPLATES), so every app's templates have them without `{% load %}`.
A value that is not a date or a number is shown as it is; an empty one as "".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from beibit.law.formats import date_label, number_label, tenge_label, time_label

register = template.Library()


def _lang() -> str:
    return (get_language() or "kk")[:2]


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@register.filter
def day(value: object) -> object:
    """A day in words in the page's language."""
    found = _as_date(value)
    if found is None:
        return "" if value in (None, "") else value
    return date_label(found, _lang())


@register.filter
def moment(value: object) -> object:
    """A moment as its local day and time: «28 желтоқсан 2026, 11:00»."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return "" if value is None else value
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_label(local.date(), _lang())}, {time_label(local)}"


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value: object) -> object:
    """A number with the language's thousands separator and decimal sign."""
    found = _decimal(value)
    return value if found is None else number_label(found, _lang())


@register.filter
def tenge(value: object) -> object:
    """An amount in tenge."""
    found = _decimal(value)
    return value if found is None else tenge_label(found, _lang())
