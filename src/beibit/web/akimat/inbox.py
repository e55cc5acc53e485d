"""The officer's inbox a page at a time: the paginator asks for the count and for one page, and each costs a
fixed number of statements however many filings await (issue 18)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, overload

from django.core.paginator import Paginator

from beibit.cases import queries

#: Filings per page of the inbox: a page costs the same however many filings await.
PAGE_SIZE = 50


class InboxPages(Sequence[dict[str, Any]]):
    """The inbox as the paginator reads it: its count, and one page at a time from the database."""

    def __init__(
        self,
        settlement: str,
        today: dt.date,
        statuses: list[str],
        narrowed: queries.InboxFilter,
        places: queries.Places,
    ) -> None:
        self.settlement, self.today, self.statuses = settlement, today, statuses
        self.narrowed, self.places = narrowed, places

    def __len__(self) -> int:
        return queries.inbox_count(self.settlement, self.statuses, self.narrowed)

    @overload
    def __getitem__(self, window: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, window: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, window: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(window, int):
            return self[window : window + 1][0]
        start = window.start or 0
        return queries.inbox(
            self.settlement,
            self.today,
            self.statuses,
            self.places,
            narrowed=self.narrowed,
            limit=(window.stop - start) if window.stop is not None else None,
            offset=start,
        )


def narrowed(chosen: dict[str, Any]) -> queries.InboxFilter:
    """The inbox filter form's valid choices as the query's filter."""
    return queries.InboxFilter(
        chosen.get("form") or None,
        chosen.get("place") or None,
        chosen.get("date_from"),
        chosen.get("date_to"),
    )


def inbox_pages(
    settlement: str,
    today: dt.date,
    statuses: list[str],
    narrowed: queries.InboxFilter,
    places: queries.Places,
) -> Paginator[dict[str, Any]]:
    return Paginator(InboxPages(settlement, today, statuses, narrowed, places), PAGE_SIZE)
