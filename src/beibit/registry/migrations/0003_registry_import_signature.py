"""Issue 16: the registry import log keeps the editor's EDS over the uploaded file."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("registry", "0002_registry_edit_log"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AddField(
            model_name="registryimport",
            name="signature",
            field=models.JSONField(blank=True, null=True, verbose_name="electronic digital signature"),
        ),
    ]
