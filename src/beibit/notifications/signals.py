"""`message_due(message_id, run_after)`: a message of the outbox needs a send job (now, or after its
backoff). Sent inside the transaction that wrote or failed the message; `tasks` enqueues the job, so the
modules that write messages need not import the jobs (no import cycle)."""

from __future__ import annotations

from django.dispatch import Signal

message_due = Signal()
