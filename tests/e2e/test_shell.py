"""The shell every page shares: sign-in with throttling, the language switcher, the security headers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import choose_language, screenshot, sign_in, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_page_in_three_languages_kazakh_first(served: str, page: Any) -> None:
    page.goto(f"{served}/accounts/login/")
    assert page.get_attribute("html", "lang") == "kk"
    assert page.locator("h1").inner_text() == "Кіру"
    options = page.locator("#language-select option").all_inner_texts()
    assert options[0] == "Қазақша"
    choose_language(page, "ru")
    assert page.locator("h1").inner_text() == "Войти"
    choose_language(page, "en")
    assert page.locator("h1").inner_text() == "Sign in"
    screenshot(page, "sign-in")


def test_an_organizer_signs_in_and_lands_on_their_page(served: str, page: Any, organizer: Any) -> None:
    sign_in(page, served, "aigerim@example.kz")
    assert "/accounts/login/" not in page.url
    assert page.locator(".account .who").inner_text() == "aigerim@example.kz"


def test_five_wrong_passwords_lock_the_account_out(served: str, page: Any, organizer: Any) -> None:
    for _ in range(5):
        sign_in(page, served, "aigerim@example.kz", "wrong-password-1")
    sign_in(page, served, "aigerim@example.kz")  # even the right password is refused now
    assert page.locator("#locked-out").is_visible()
    assert page.locator(".account .who").count() == 0


def test_every_page_has_a_strict_content_security_policy(served: str, page: Any) -> None:
    response = page.goto(f"{served}/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_sign_in_page_has_no_untranslated_text(served: str, page: Any) -> None:
    assert untranslated_texts(page, f"{served}/accounts/login/") == {"kk": [], "ru": []}


def test_fault04_sign_out_lands_on_the_start_page_without_a_server_error(
    served: str, page: Any, organizer: Any
) -> None:
    sign_in(page, served, "aigerim@example.kz")
    with page.expect_navigation():
        page.click(".account button[type=submit]")
    assert page.url.rstrip("/") == served.rstrip("/")
    assert page.locator(".account .who").count() == 0
    screenshot(page, "signed-out")


def test_fault16_the_api_docs_list_the_operations_under_the_strict_csp(served: str, page: Any) -> None:
    """Swagger UI is vendored (swagger-ui-dist from npm) and started by a static script: the page shows
    the operations, and the `page` fixture fails on any CSP violation or script error."""
    response = page.goto(f"{served}/api/v1/docs")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/evaluations" in paths and "/api/v1/auth/token/rotate" in paths
    screenshot(page, "api-docs")
