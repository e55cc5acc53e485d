"""Issue 12: the registry's tables move to this app. The tables keep their names (`db_table`) and their rows:
this migration changes Django's picture of which app holds them (state only), and moves the content types
(and with them the admin's permissions and history) to this app's label."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

MOVED = {"cases": ("maslikhatdecisionrecord", "registryentryrecord"), "web_registry": ("registryimport",)}


def move_content_types(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for label, names in MOVED.items():
        content_type.objects.using(schema_editor.connection.alias).filter(
            app_label=label, model__in=names
        ).update(app_label="registry")


def restore_content_types(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for label, names in MOVED.items():
        content_type.objects.using(schema_editor.connection.alias).filter(
            app_label="registry", model__in=names
        ).update(app_label=label)


class Migration(migrations.Migration):
    initial = True

    dependencies = [  # noqa: RUF012 - Django's migration API
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0004_case_unsent_answer_due"),
        ("web_registry", "0002_registry_import_append_only"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MaslikhatDecisionRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("settlement", models.CharField(max_length=64, verbose_name="settlement")),
                        ("number", models.CharField(blank=True, max_length=64, verbose_name="number")),
                        ("date", models.DateField(blank=True, null=True, verbose_name="date")),
                        ("adilet_id", models.CharField(blank=True, max_length=64, verbose_name="Adilet id")),
                        ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
                        (
                            "registration",
                            models.CharField(blank=True, max_length=64, verbose_name="state registration"),
                        ),
                        ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "maslikhat decision",
                        "verbose_name_plural": "maslikhat decisions",
                        "db_table": "cases_maslikhatdecisionrecord",
                    },
                ),
                migrations.CreateModel(
                    name="RegistryEntryRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("entry_id", models.CharField(max_length=128, verbose_name="id")),
                        ("settlement", models.CharField(max_length=64, verbose_name="settlement")),
                        (
                            "registry_type",
                            models.CharField(
                                choices=[
                                    ("specialized_place", "specialized place or route"),
                                    ("prohibited_object", "object with a picket-free territory (Art 9(5))"),
                                ],
                                max_length=32,
                                verbose_name="type",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                blank=True,
                                help_text="square, park, street, route or other; empty for picket-free objects",  # noqa: E501
                                max_length=16,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "name_ru",
                            models.CharField(blank=True, max_length=300, verbose_name="name (Russian)"),
                        ),
                        (
                            "name_kk",
                            models.CharField(blank=True, max_length=300, verbose_name="name (Kazakh)"),
                        ),
                        (
                            "name_en",
                            models.CharField(blank=True, max_length=300, verbose_name="name (English)"),
                        ),
                        ("geometry", models.JSONField(verbose_name="geometry (GeoJSON, WGS 84)")),
                        ("valid_from", models.DateField(verbose_name="valid from")),
                        (
                            "valid_to",
                            models.DateField(blank=True, null=True, verbose_name="valid to (inclusive)"),
                        ),
                        (
                            "geometry_quality",
                            models.CharField(
                                default="approximate", max_length=16, verbose_name="geometry quality"
                            ),
                        ),
                        (
                            "max_occupancy",
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="maximum occupancy"
                            ),
                        ),
                        (
                            "support_requirements",
                            models.TextField(blank=True, verbose_name="support requirements"),
                        ),
                        ("hours_opens", models.TimeField(blank=True, null=True, verbose_name="opens")),
                        ("hours_closes", models.TimeField(blank=True, null=True, verbose_name="closes")),
                        (
                            "usage_limits",
                            models.JSONField(blank=True, null=True, verbose_name="usage limits"),
                        ),
                        (
                            "article_9_5_subparagraph",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, verbose_name="Art 9(5) subparagraph"
                            ),
                        ),
                        (
                            "buffer_m",
                            models.PositiveIntegerField(
                                blank=True, null=True, verbose_name="picket-free boundary (m)"
                            ),
                        ),
                        ("basis", models.CharField(blank=True, max_length=32, verbose_name="basis")),
                        ("notes", models.TextField(blank=True, verbose_name="notes")),
                        ("source", models.JSONField(blank=True, null=True, verbose_name="source")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "decision",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="entries",
                                to="registry.maslikhatdecisionrecord",
                                verbose_name="decision",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "registry entry",
                        "verbose_name_plural": "registry entries",
                        "db_table": "cases_registryentryrecord",
                        "ordering": ("settlement", "entry_id", "valid_from"),
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("settlement", "entry_id", "valid_from"),
                                name="registry_entry_version_unique",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="RegistryImport",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("settlement", models.CharField(max_length=64, verbose_name="settlement")),
                        ("imported_at", models.DateTimeField(verbose_name="imported at")),
                        (
                            "imported_by_name",
                            models.CharField(blank=True, max_length=254, verbose_name="imported by (name)"),
                        ),
                        (
                            "via",
                            models.CharField(
                                choices=[
                                    ("page", "upload page"),
                                    ("cli", "command line"),
                                    ("admin", "administration site"),
                                ],
                                max_length=16,
                                verbose_name="via",
                            ),
                        ),
                        ("valid_from", models.DateField(verbose_name="valid from")),
                        (
                            "valid_to",
                            models.DateField(blank=True, null=True, verbose_name="valid to (inclusive)"),
                        ),
                        ("replaced", models.BooleanField(verbose_name="replaced the entries in force")),
                        ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                        ("file_sha256", models.CharField(max_length=64, verbose_name="SHA-256 of the file")),
                        ("file_size", models.PositiveIntegerField(verbose_name="file size (bytes)")),
                        ("added_ids", models.JSONField(verbose_name="ids added")),
                        ("ended_ids", models.JSONField(verbose_name="ids ended")),
                        (
                            "decision",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="registry.maslikhatdecisionrecord",
                                verbose_name="decision",
                            ),
                        ),
                        (
                            "imported_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="imported by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "registry import",
                        "verbose_name_plural": "registry imports",
                        "db_table": "web_registry_registryimport",
                        "ordering": ("-imported_at", "-id"),
                        "indexes": [
                            models.Index(fields=["settlement", "imported_at"], name="registry_import_log")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, restore_content_types),
    ]
