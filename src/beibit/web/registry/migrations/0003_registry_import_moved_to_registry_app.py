"""Issue 12: the import log moved to the `registry` app; its table and rows stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("web_registry", "0002_registry_import_append_only"),
        ("registry", "0001_registry_tables_from_cases_and_web_registry"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RegistryImport")],
            database_operations=[],
        ),
    ]
