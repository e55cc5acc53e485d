"""API test fixtures: a client that checks every JSON response against the OpenAPI document the code
generates (status declared, body valid), tokens for every role, and the clock set where a test needs it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs
import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.api.app import api as ninja_api
from tests.cases.fixtures import *  # noqa: F403 - the shared fixtures (accounts, registry, cases)
from tests.cases.fixtures import PASSWORD, at


@cache
def openapi() -> dict[str, Any]:
    """The document as served (through JSON, so status codes are strings as in the committed file)."""
    schema: dict[str, Any] = json.loads(json.dumps(ninja_api.get_openapi_schema(path_prefix="/api/v1/")))
    return schema


def _operation(method: str, path: str) -> dict[str, Any]:
    for template, operations in openapi()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", r"[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in operations:
            operation: dict[str, Any] = operations[method.lower()]
            return operation
    raise AssertionError(f"{method} {path} is not in the OpenAPI document")


def check_against_openapi(method: str, path: str, status: int, content_type: str, body: bytes) -> None:
    responses = _operation(method, path.split("?", 1)[0])["responses"]
    assert str(status) in responses, f"{method} {path}: status {status} is not declared"
    declared = responses[str(status)].get("content", {})
    media = content_type.split(";", 1)[0].strip()
    if not declared:
        return
    assert media in declared, f"{method} {path}: {media} is not declared for {status}"
    if media not in ("application/json", "application/geo+json"):
        return
    schema = {**declared[media]["schema"], "components": openapi()["components"]}
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    errors = [e.message for e in validator.iter_errors(json.loads(body))]
    assert not errors, f"{method} {path} {status}: {errors[:3]}"


class Api:
    """Calls /api/v1 with an optional token and checks each response against the OpenAPI document."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.token = token

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        url = "/api/v1" + path
        all_headers = dict(headers or {})
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        data: Any = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"headers": all_headers}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        response = getattr(self.client, method.lower())(url, **kwargs)
        check_against_openapi(
            method, url, response.status_code, response.get("Content-Type", ""), response.content
        )
        return response

    def get(self, path: str, **kw: Any) -> Any:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.call("PUT", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.call("DELETE", path, **kw)


def token_for(user: AbstractBaseUser) -> str:
    response = Api().post("/auth/token", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


@pytest.fixture
def anonymous(registry_in_db: None) -> Api:
    return Api()


@pytest.fixture
def as_organizer(organizer: AbstractBaseUser) -> Api:
    return Api(token_for(organizer))


@pytest.fixture
def as_other_organizer(other_organizer: AbstractBaseUser) -> Api:
    return Api(token_for(other_organizer))


@pytest.fixture
def as_officer(officer: AbstractBaseUser) -> Api:
    return Api(token_for(officer))


@pytest.fixture
def as_astana_officer(astana_officer: AbstractBaseUser) -> Api:
    return Api(token_for(astana_officer))


@pytest.fixture
def as_editor(editor: AbstractBaseUser) -> Api:
    return Api(token_for(editor))


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    """The clock at Friday 2026-03-20 10:00 in Almaty (the day before Nauryz); tests move it on."""
    with time_machine.travel(at(2026, 3, 20), tick=False) as traveller:
        yield traveller
