"""Monitoring events are append-only in the database too, as case events are (see beibit.common.append_only);
the hash chain shows an edit made by someone who could drop the trigger (`services.verify`)."""

from __future__ import annotations

from django.db import migrations

from beibit.common.append_only import AppendOnlyTriggers

TRIGGERS = AppendOnlyTriggers(
    table="monitoring_monitoringevent", name="monitoringevent", subject="monitoring events are"
)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [TRIGGERS.operation()]  # noqa: RUF012 - Django's migration API
