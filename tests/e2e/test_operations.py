"""The operations a visitor can touch: the open-data page offers the chain heads (translated, no 5xx) and
the file downloads as JSON; every page answers with a request id; the probes answer."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_open_data_page_offers_the_chain_heads_in_kazakh(served: str, page: Any, organizer: Any) -> None:
    response = page.goto(f"{served}/data/")
    assert response.status < 500 and response.headers["x-request-id"]
    row = page.locator("tr", has=page.locator("a[href='/api/v1/open-data/chain-heads.json']"))
    assert row.count() == 1
    assert "журнал" in row.inner_text()  # the Kazakh description, not the English one
    screenshot(page, "opendata-chain-heads-kk")
    heads = page.request.get(f"{served}/api/v1/open-data/chain-heads.json")
    assert heads.status == 200 and heads.json()["format"] == "beibit-anchor-v1"
    assert set(heads.json()["logs"]) == {"case_events", "monitoring_events", "registry_imports"}
    assert untranslated_texts(page, f"{served}/data/") == {"kk": [], "ru": []}


def test_the_probes_answer(served: str, page: Any) -> None:
    assert page.request.get(f"{served}/healthz").json() == {"status": "ok"}
    ready = page.request.get(f"{served}/readyz")
    assert ready.status in (200, 503) and ready.json()["checks"]["database"]["ok"]
