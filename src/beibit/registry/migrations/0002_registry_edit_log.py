"""The log of the registry's edits in the administration site (issue 12), append-only in the database too."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from beibit.common.append_only import AppendOnlyTriggers

TRIGGERS = AppendOnlyTriggers(
    table="registry_registryedit",
    name="registryedit",
    subject="the registry edit log is",
    rows="rows are",
)


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("registry", "0001_registry_tables_from_cases_and_web_registry"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.CreateModel(
            name="RegistryEdit",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("settlement", models.CharField(max_length=64, verbose_name="settlement")),
                ("edited_at", models.DateTimeField(verbose_name="edited at")),
                (
                    "edited_by_name",
                    models.CharField(blank=True, max_length=254, verbose_name="edited by (name)"),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[("create", "added"), ("change", "changed")],
                        max_length=16,
                        verbose_name="action",
                    ),
                ),
                (
                    "subject",
                    models.CharField(
                        choices=[("entry", "registry entry"), ("decision", "maslikhat decision")],
                        max_length=16,
                        verbose_name="what",
                    ),
                ),
                ("object_pk", models.BigIntegerField(verbose_name="record")),
                ("label", models.CharField(max_length=300, verbose_name="id")),
                ("before", models.JSONField(blank=True, null=True, verbose_name="before")),
                ("after", models.JSONField(verbose_name="after")),
                (
                    "edited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="edited by",
                    ),
                ),
            ],
            options={
                "verbose_name": "registry edit",
                "verbose_name_plural": "registry edits",
                "ordering": ("-edited_at", "-id"),
                "indexes": [models.Index(fields=["settlement", "edited_at"], name="registry_edit_log")],
            },
        ),
        TRIGGERS.operation(),
    ]
