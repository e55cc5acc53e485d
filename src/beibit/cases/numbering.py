"""Registration numbers: "<SETTLEMENT>-<year>-<sequence>", e.g. "ALMATY-2026-00017" — the settlement whose
akimat registers the filing, the year of the registration day and the filing's place in that year's sequence
(333-VI art. 10(2), 12(1): a filing is registered the day it is filed). Given once, inside the transaction
that records the `registered` event; the number travels in that event, so the folded state carries it."""

from __future__ import annotations

from beibit.cases.models import RegistrationSequence


def format_number(settlement: str, year: int, sequence: int) -> str:
    return f"{settlement.upper()}-{year}-{sequence:05d}"


def next_registration_number(settlement: str, year: int) -> str:
    """The next number of the settlement's year; the caller holds a transaction (the row stays locked)."""
    RegistrationSequence.objects.get_or_create(settlement=settlement, year=year)
    row = RegistrationSequence.objects.select_for_update().get(settlement=settlement, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return format_number(settlement, year, row.last)
