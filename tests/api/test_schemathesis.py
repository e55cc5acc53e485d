"""Schemathesis against the OpenAPI document: generated requests to every operation, with a token of the
role the operation is for, must never end in a 5xx, and every answer must be one the document declares
(status, content type, body). Half of the generated case ids are swapped for ids of real cases, so the
generated bodies also reach the services. Bounded: a few dozen examples per operation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import AbstractBaseUser
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from beibit.wsgi import application
from tests.api.conftest import token_for
from tests.cases.fixtures import CaseMaker, march

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 25


@contextmanager
def in_test_transaction() -> Iterator[None]:
    """The WSGI app is called directly (not through Django's test client): keep it from closing the test's
    connection around each request, as the test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(
    filed: CaseMaker,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    astana_officer: AbstractBaseUser,
) -> dict[str, Any]:
    """Cases in a few states, and a token per role."""
    cases = [filed(), filed(march()), filed(submitted_at=None)]
    return {
        "case_ids": [c.pk for c in cases],
        "organizer": token_for(organizer),
        "officer": token_for(officer),
    }


def _token(path: str, world: dict[str, Any]) -> str | None:
    if path.startswith("/api/v1/officer"):
        return str(world["officer"])
    if path.startswith("/api/v1/cases") or path == "/api/v1/me":
        return str(world["organizer"])
    return None


@schema.exclude(path="/api/v1/auth/token", method="DELETE").parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_every_answer_as_documented(case: Any, world: dict[str, Any]) -> None:
    ids = world["case_ids"]
    path_parameters = case.path_parameters or {}
    if (
        "case_id" in path_parameters
        and isinstance(path_parameters["case_id"], int)
        and path_parameters["case_id"] % 2 == 0
    ):
        path_parameters["case_id"] = ids[path_parameters["case_id"] // 2 % len(ids)]
    headers = dict(case.headers or {})
    token = _token(
        case.operation.path if case.operation.path.startswith("/api") else "/api/v1" + case.operation.path,
        world,
    )
    if token:
        headers["Authorization"] = f"Bearer {token}"
    with in_test_transaction():
        case.call_and_validate(headers=headers, checks=CHECKS)


def test_the_document_lists_every_operation() -> None:
    operations = {(o.ok().method.upper(), o.ok().path) for o in schema.get_all_operations()}
    assert ("POST", "/api/v1/evaluations") in operations or ("POST", "/evaluations") in operations
    assert len(operations) >= 25, json.dumps(sorted(operations))
