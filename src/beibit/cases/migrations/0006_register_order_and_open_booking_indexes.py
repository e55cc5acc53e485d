"""Indexes that serve the reads of a large archive (issue 18): the register's order and count, and the
booking overlap test over the bookings not released."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("cases", "0005_registry_tables_moved_to_registry_app"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AddIndex(
            model_name="booking",
            index=models.Index(
                condition=models.Q(("released_at__isnull", True)),
                fields=["settlement", "ends_at"],
                name="booking_open_ends",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.OrderBy(models.F("assembly_day"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("submitted_at__isnull", False)),
                name="case_register_order",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                models.F("settlement"),
                models.OrderBy(models.F("assembly_day"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("submitted_at__isnull", False)),
                name="case_register_settlement",
            ),
        ),
    ]
