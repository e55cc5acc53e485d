"""Stored rows as the engine takes them: a row that is bad all the same (stored before a bound existed, or
written around the services) is left out where it is read, with a logged error naming it, instead of failing
every request that reads its table (issue 14, fault 1). The case service's bookings and the registry's
records are read through here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

logger = logging.getLogger("beibit.stored_rows")

R = TypeVar("R")
T = TypeVar("T")


def readable(rows: Iterable[R], build: Callable[[R], T], what: str) -> list[T]:
    """`build` of each row; a row it refuses is skipped and logged as an error."""
    built: list[T] = []
    for row in rows:
        try:
            built.append(build(row))
        except (ValueError, TypeError, OverflowError) as error:  # pydantic's ValidationError is a ValueError
            logger.error("%s skipped: a stored row the engine cannot take (%s): %r", what, error, row)
    return built
