"""The hash chain of a case's events.

Each event's hash covers its own fields and the previous event's hash; the first event of a case links to
a genesis value derived from the case id, so events cannot be moved between cases. Changing, removing or
reordering any event breaks every hash after it, which `beibit audit verify` reports.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

HASH_VERSION = "beibit-event-v1"


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, so the same payload always hashes the same. ASCII only
    (other characters escaped): whatever text an input carried, even a lone surrogate, stores and hashes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def genesis_hash(case_id: int) -> str:
    return hashlib.sha256(f"{HASH_VERSION}:case:{case_id}".encode()).hexdigest()


def _instant(moment: dt.datetime) -> str:
    # UTC with microseconds: both SQLite and PostgreSQL keep microseconds, so the text survives a round trip.
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    case_id: int,
    seq: int,
    kind: str,
    payload_json: str,
    effective_on: dt.date,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_role: str,
    idempotency_key: str,
    prev_hash: str,
) -> str:
    material = canonical_json(
        [
            HASH_VERSION,
            case_id,
            seq,
            kind,
            payload_json,
            effective_on.isoformat(),
            _instant(occurred_at),
            actor_id,
            actor_role,
            idempotency_key,
            prev_hash,
        ]
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
