"""The registry import log is append-only in the database too (see beibit.common.append_only)."""

from __future__ import annotations

from django.db import migrations

from beibit.common.append_only import AppendOnlyTriggers

TRIGGERS = AppendOnlyTriggers(
    table="web_registry_registryimport",
    name="registryimport",
    subject="the registry import log is",
    rows="rows are",
)


class Migration(migrations.Migration):
    dependencies = [("web_registry", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [TRIGGERS.operation()]  # noqa: RUF012 - Django's migration API
