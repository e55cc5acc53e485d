"""The registration number a filing gets when it is registered, and the per-settlement, per-year sequence it
is drawn from (issue 15; cases/numbering.py). Cases registered before this migration keep no number: their
`registered` events were recorded without one and are never rewritten."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("cases", "0006_register_order_and_open_booking_indexes"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AddField(
            model_name="case",
            name="registration_number",
            field=models.CharField(blank=True, max_length=48, null=True, unique=True),
        ),
        migrations.CreateModel(
            name="RegistrationSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("settlement", models.CharField(max_length=64)),
                ("year", models.PositiveIntegerField()),
                ("last", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("settlement", "year"), name="registration_sequence_once")
                ],
            },
        ),
    ]
