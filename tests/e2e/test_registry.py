"""The maslikhat editor's registry pages in a browser: the map and list, a refused upload naming the feature,
a valid upload that goes live, and the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from beibit.cases.moments import local_day
from tests.e2e.conftest import screenshot, sign_in, untranslated_texts
from tests.web.registry.geojson import collection, court, route, square

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "editor@almaty.example.kz"


def _fill_decision(page: Any, valid_from: dt.date, decided: dt.date) -> None:
    page.fill("#id_decision_number", "91/7-VIII")
    page.fill("#id_decision_date", decided.isoformat())
    page.fill("#id_adilet_id", "V26R0001234")
    page.fill("#id_valid_from", valid_from.isoformat())
    page.select_option("#id_geometry_quality", "official")


def _upload(page: Any, name: str, content: bytes) -> None:
    page.set_input_files(
        "#id_file", files=[{"name": name, "mimeType": "application/geo+json", "buffer": content}]
    )
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_an_editor_keeps_the_registry(served: str, page: Any, editor: Any) -> None:
    today = local_day(timezone.now(), "almaty")
    valid_from = today + dt.timedelta(days=3)

    sign_in(page, served, EDITOR)
    assert page.url.rstrip("/").endswith("/registry")  # the editor's landing page
    page.wait_for_selector("#registry-map.leaflet-container path.leaflet-interactive")
    table = page.locator("#registry-table")
    assert "almaty-imanov-square" in table.inner_text()
    assert page.locator("#registry-map path.leaflet-interactive").count() >= 5  # places, the route, zones
    screenshot(page, "registry-map")

    # A file with one good and one broken feature: refused as a whole, the broken one named.
    page.click("text=" + page.locator(".subnav a").nth(1).inner_text())
    _fill_decision(page, valid_from, today)
    broken = collection(square(), route(kind="square"), court(article_9_5_subparagraph=8))
    _upload(page, "broken.geojson", broken)
    issues = page.locator("#file-issues")  # the browser speaks Kazakh: "feature #1" is "№1 объект"
    assert issues.is_visible()
    text = issues.inner_text()
    assert "№1 объект" in text and "almaty-test-route" in text and "only routes are lines" in text
    assert "№2 объект" in text and "almaty-test-court" in text and "must be 1..6" in text
    assert page.get_attribute("#id_file", "aria-invalid") == "true"
    screenshot(page, "registry-upload-error")

    # The same decision with a valid file: live at once, listed on its first day and in the history.
    page.fill("#id_decision_date", today.isoformat())  # the form kept the other values
    assert page.input_value("#id_decision_number") == "91/7-VIII"
    _upload(page, "decision-91.geojson", collection(square(), route(), court()))
    assert f"on={valid_from.isoformat()}" in page.url
    page.wait_for_selector("#registry-map.leaflet-container")
    listed = page.locator("#registry-table").inner_text()
    assert "almaty-test-square" in listed and "almaty-test-route" in listed and "almaty-test-court" in listed
    assert "almaty-imanov-square" not in listed  # replaced from the new version's first day
    assert "91/7-VIII" in listed
    assert page.locator(".message.success").is_visible()

    page.goto(f"{served}/registry/history/")
    log = page.locator("#import-log").inner_text()
    assert "decision-91.geojson" in log and EDITOR in log and "91/7-VIII" in log
    assert "broken.geojson" not in log
    screenshot(page, "registry-history")

    for path in ("/registry/", "/registry/upload/", "/registry/history/"):
        assert untranslated_texts(page, f"{served}{path}") == {"kk": [], "ru": []}, path


def test_the_registry_pages_fit_a_phone(served: str, phone_page: Any, editor: Any) -> None:
    sign_in(phone_page, served, EDITOR)
    phone_page.wait_for_selector("#registry-map.leaflet-container")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    screenshot(phone_page, "registry-map-phone")


def test_an_officer_cannot_open_the_registry_pages(served: str, page: Any, officer: Any) -> None:
    sign_in(page, served, "officer@almaty.example.kz")
    for path in ("/registry/", "/registry/upload/", "/registry/history/"):
        assert page.goto(f"{served}{path}").status == 403
