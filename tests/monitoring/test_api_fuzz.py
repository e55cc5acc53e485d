"""Schemathesis against the monitoring operations with a monitor's token: generated records, sanctions and
sources reach the service and must never end in a 5xx or an undocumented answer."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import AbstractBaseUser
from hypothesis import HealthCheck, Phase, settings

from beibit.monitoring import services
from beibit.wsgi import application
from tests.api.conftest import token_for
from tests.api.test_schemathesis import CHECKS, in_test_transaction
from tests.monitoring.conftest import NOW, record_input

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def monitor_world(monitor: AbstractBaseUser) -> dict[str, Any]:
    record = services.create_record(
        monitor,
        record_input(),
        now=NOW,
        sanctions=[services.MonitoringSanctionInput(kind="administrative", fine_amount=50, fine_unit="mci")],
    )
    return {"token": token_for(monitor), "record_id": record.pk, "sanction_id": record.sanctions.get().pk}


@schema.include(path_regex="^/api/v1/monitoring/").parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_monitoring_operations_as_documented(case: Any, monitor_world: dict[str, Any]) -> None:
    path_parameters = case.path_parameters or {}
    for name in ("record_id", "sanction_id"):
        value = path_parameters.get(name)
        if isinstance(value, int) and value % 2 == 0:
            path_parameters[name] = monitor_world[name]
    headers = {**(case.headers or {}), "Authorization": f"Bearer {monitor_world['token']}"}
    with in_test_transaction():
        case.call_and_validate(headers=headers, checks=CHECKS)
