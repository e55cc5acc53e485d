"""Case events are append-only in the database too (see beibit.common.append_only)."""

from __future__ import annotations

from django.db import migrations

from beibit.common.append_only import AppendOnlyTriggers

TRIGGERS = AppendOnlyTriggers(table="cases_caseevent", name="caseevent", subject="case events are")


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [TRIGGERS.operation()]  # noqa: RUF012 - Django's migration API
