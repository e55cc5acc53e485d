"""A NUL character in a query string is a 400 at the door, never a server error (PostgreSQL cannot compare
a text with NUL: schemathesis found `GET /api/v1/monitoring/public?settlement=%00` answering 500)."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/monitoring/public?settlement=almaty%00",
        "/api/v1/register?settlement=%00",
        "/api/v1/register?x%00=1",
    ],
)
def test_a_nul_in_an_api_query_is_the_contracts_400(path: str) -> None:
    answer = Client().get(path)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_query"


@pytest.mark.django_db
def test_a_nul_in_a_page_query_is_a_400() -> None:
    assert Client().get("/register/?settlement=%00").status_code == 400


@pytest.mark.django_db
def test_an_ordinary_query_passes() -> None:
    assert Client().get("/api/v1/monitoring/public?settlement=almaty").status_code == 200
