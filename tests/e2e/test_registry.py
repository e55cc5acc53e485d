"""The maslikhat editor's registry pages in a browser: the map and list, the pages in Kazakh and Russian, a
phone's width, and no entry for an officer. Uploads are signed: `test_eds_registry.py` drives them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import screenshot, sign_in, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "editor@almaty.example.kz"


def test_an_editor_keeps_the_registry(served: str, page: Any, editor: Any) -> None:
    sign_in(page, served, EDITOR)
    assert page.url.rstrip("/").endswith("/registry")  # the editor's landing page
    page.wait_for_selector("#registry-map.leaflet-container path.leaflet-interactive")
    table = page.locator("#registry-table")
    assert "almaty-imanov-square" in table.inner_text()
    assert page.locator("#registry-map path.leaflet-interactive").count() >= 5  # places, the route, zones
    screenshot(page, "registry-map")

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
