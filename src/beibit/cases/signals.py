"""What the case log tells the applications above it, without importing them (docs/architecture.md).

- `event_appended(case, event, now)`: sent inside the transaction of every event the log appends; a
  receiver's writes commit or roll back with the event (the notifications' outbox). A receiver that fails
  fails the step.
- `answer_in_flight(case_id, now)`: asked by the clock before it records that a notification's answer was
  not sent in time; a receiver answering True holds that (a worker is handing the answer over right now).
"""

from __future__ import annotations

from django.dispatch import Signal

event_appended = Signal()
answer_in_flight = Signal()
