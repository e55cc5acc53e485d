"""The columns the law report counts refusals on (issue 18), backfilled from each case's stored state."""

import json
from typing import Any

from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    from beibit.cases.state import CaseState
    from beibit.law.sanctions import SPACE_TAKEN_GROUND

    Case = apps.get_model("cases", "Case")
    for case in Case.objects.only("pk", "state_json").iterator(chunk_size=500):
        state = CaseState.load(json.loads(case.state_json))
        decision = state.latest_decision
        if decision is None and state.proposal is None:
            continue
        Case.objects.filter(pk=case.pk).update(
            latest_decision=decision.decision if decision is not None else "",
            decision_names_place_taken=decision is not None and SPACE_TAKEN_GROUND in decision.grounds,
            proposal_made=state.proposal is not None,
        )


class Migration(migrations.Migration):
    dependencies = [  # noqa: RUF012 - Django's migration API
        ("cases", "0007_registration_number"),
    ]

    operations = [  # noqa: RUF012 - Django's migration API
        migrations.AddField(
            model_name="case",
            name="latest_decision",
            field=models.CharField(blank=True, default="", max_length=32),
        ),
        migrations.AddField(
            model_name="case",
            name="decision_names_place_taken",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="case",
            name="proposal_made",
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("submitted_at__isnull", False)),
                fields=["settlement", "latest_decision"],
                name="case_decision_counts",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
