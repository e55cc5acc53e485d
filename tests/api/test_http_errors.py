"""Issue 14, fault 15: what is refused before a handler runs comes back as the contract's error JSON — the
lockout after five wrong passwords (429) and a body over the size limit (413) — while pages keep HTML."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client, override_settings

from tests.cases.fixtures import PASSWORD


def _error(response: object) -> dict[str, object]:
    assert response["Content-Type"].startswith("application/json")  # type: ignore[index]
    body = json.loads(response.content)  # type: ignore[attr-defined]
    assert set(body) == {"error"} and set(body["error"]) == {"code", "field", "message"}
    return body["error"]  # type: ignore[no-any-return]


def test_fault15_the_api_lockout_is_a_429_with_the_error_json(organizer: AbstractBaseUser) -> None:
    client = Client()
    wrong = {"email": "aigerim@example.kz", "password": "wrong-password-1"}
    statuses = [
        client.post("/api/v1/auth/token", wrong, content_type="application/json").status_code
        for _ in range(5)
    ]
    assert statuses == [401, 401, 401, 401, 429]  # the fifth wrong password locks the pair out
    right = {"email": "aigerim@example.kz", "password": PASSWORD}
    locked = client.post("/api/v1/auth/token", right, content_type="application/json")
    assert locked.status_code == 429
    assert _error(locked)["code"] == "locked_out"
    page = Client().post("/accounts/login/", {"username": "aigerim@example.kz", "password": PASSWORD})
    assert page.status_code == 429 and page["Content-Type"].startswith("text/html")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
@pytest.mark.parametrize("path", ["/api/v1/evaluations", "/api/v1/auth/token", "/api/v1/cases"])
def test_fault15_a_body_over_the_limit_is_a_413_with_the_error_json(path: str, db: None) -> None:
    body = json.dumps({"form": "rally", "purpose": "x" * 20_000})
    response = Client().post(path, body, content_type="application/json")
    assert response.status_code == 413
    error = _error(response)
    assert error["code"] == "body_too_large" and error["field"] == "body"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_read_past_the_limit_without_a_length_is_an_error_json_too(db: None) -> None:
    body = json.dumps({"form": "rally", "purpose": "x" * 20_000}).encode()
    response = Client().generic(
        "POST", "/api/v1/evaluations", body, content_type="application/json", CONTENT_LENGTH=""
    )
    assert response.status_code in (400, 413)
    assert _error(response)["code"] in ("body_too_large", "invalid_json")
