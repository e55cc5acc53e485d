"""The clock's column for a notification whose answer, recorded in time, is not yet sent (issue 17)."""

import json
from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    from beibit.cases.state import CaseState
    from beibit.cases.workflow import ANSWERED_STATUSES, unsent_answer_due

    Case = apps.get_model("cases", "Case")
    for case in Case.objects.filter(status__in=ANSWERED_STATUSES).iterator():
        due = unsent_answer_due(CaseState.load(json.loads(case.state_json)))
        if due:
            Case.objects.filter(pk=case.pk).update(unsent_answer_due=due)


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("cases", "0003_profile_role_monitor"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AddField(
            model_name="case",
            name="unsent_answer_due",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["unsent_answer_due"], name="case_unsent_answer_clock"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
