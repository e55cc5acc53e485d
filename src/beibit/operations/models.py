"""The clock job's last run, which /readyz reads (one row, replaced by each `beibit tick`)."""

from __future__ import annotations

from django.db import models


class ClockRun(models.Model):
    """When `beibit tick` last finished, as which instant, and how many events it recorded."""

    ONLY = 1

    finished_at = models.DateTimeField()
    ran_as = models.DateTimeField()
    recorded = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"tick at {self.ran_as:%Y-%m-%d %H:%M}, finished {self.finished_at:%Y-%m-%d %H:%M}"
