"""Statements whose size does not grow with the archive: a list of ids becomes several statements of at most
`BATCH` parameters each (PostgreSQL refuses a statement with more than 65,535 bound parameters, SQLite's
limit is 32,766, and older SQLite builds stop at 999)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

#: Ids per statement: under every database's parameter limit, large enough that the round-trips stay few.
BATCH = 900

T = TypeVar("T")


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    """The items in lists of at most `size`, in their order."""
    if size < 1:
        raise ValueError("a batch holds at least one item")
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
