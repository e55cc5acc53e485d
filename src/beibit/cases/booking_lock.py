"""One booking check at a time per settlement and day (Art 9(3): first received, first served).

A filing is evaluated against the bookings of its day and then becomes a booking itself. Two filings for
the same place and hour submitted at once would each see the other's booking missing and both be found
free. On PostgreSQL the check and the new booking are serialised by a transaction-scoped advisory lock on
(settlement, day); SQLite already runs one writer at a time (transactions begin IMMEDIATE)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import connection


def lock_key(settlement: str, day: dt.date) -> int:
    """A signed 64-bit key for PostgreSQL's advisory locks, stable across processes."""
    digest = hashlib.sha256(f"beibit-booking:{settlement}:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_settlement_day(settlement: str, day: dt.date) -> None:
    """Wait for, then hold until the transaction ends, the booking lock of the settlement's day."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(settlement, day)])
