"""Registration numbers: "<SETTLEMENT>-<year>-<sequence>", e.g. "АЛМАТЫ-2026-17" — the settlement whose
akimat registers the filing (its name in the state language, in capitals: the number is one string in every
language, and a Kazakh or Russian page shows no Latin code), the year of the registration day and the
filing's place in that year's sequence (333-VI art. 10(2), 12(1): a filing is registered the day it is
filed). Given once, inside the transaction
that records the `registered` event; the number travels in that event, so the folded state carries it."""

from __future__ import annotations

from beibit.cases.models import RegistrationSequence
from beibit.places.names import settlement_names


def format_number(settlement: str, year: int, sequence: int) -> str:
    names = settlement_names(settlement)
    prefix = names.kk if names is not None else settlement
    return f"{prefix.upper()}-{year}-{sequence}"


def next_registration_number(settlement: str, year: int) -> str:
    """The next number of the settlement's year; the caller holds a transaction (the row stays locked)."""
    RegistrationSequence.objects.get_or_create(settlement=settlement, year=year)
    row = RegistrationSequence.objects.select_for_update().get(settlement=settlement, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return format_number(settlement, year, row.last)
