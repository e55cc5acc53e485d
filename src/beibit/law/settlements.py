"""The settlement's time zone, from the registry's list of settlements (beibit.places.settlements)."""

from __future__ import annotations

from beibit.law.calendar import DEFAULT_ZONE
from beibit.places.settlements import get_settlement, is_known_settlement


def zone_of(settlement: str | None) -> str:
    """The settlement's IANA zone; without a known settlement, Asia/Almaty (deadlines.md)."""
    if settlement is None or not is_known_settlement(settlement):
        return DEFAULT_ZONE
    return get_settlement(settlement).zone
