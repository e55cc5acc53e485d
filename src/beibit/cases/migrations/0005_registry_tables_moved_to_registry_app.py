"""Issue 12: the registry's tables moved to the `registry` app; the tables and rows stay (state only)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("cases", "0004_case_unsent_answer_due"),
        ("registry", "0001_registry_tables_from_cases_and_web_registry"),
        ("web_registry", "0003_registry_import_moved_to_registry_app"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RegistryEntryRecord"),
                migrations.DeleteModel(name="MaslikhatDecisionRecord"),
            ],
            database_operations=[],
        ),
    ]
