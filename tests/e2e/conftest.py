"""End-to-end tests: Playwright for Python driving Debian's chromium against pytest-django's live server.

The browser is /usr/bin/chromium from Debian's packages (installed by .ci/run); Playwright never fetches one.
Without it the tests are skipped on a developer's machine and fail in CI. A screenshot of each main page is
saved under tests/e2e/screenshots/ (ignored by git) as the test artifact.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cases.fixtures import (  # noqa: F401 - fixtures
    PASSWORD,
    astana_officer,
    editor,
    fast_password_hashing,
    filed,
    officer,
    organizer,
    other_organizer,
    registry_in_db,
)

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("BEIBIT_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def served(live_server: Any, settings: Any, transactional_db: None) -> str:
    """The live server's address; cookies lose the Secure flag because it speaks plain HTTP."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False
    settings.MAP_TILES = ""  # no network in CI: the maps draw their features on a plain background
    return str(live_server.url)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # A Kazakh-speaking visitor by default: the browser asks for kk first, as most in Kazakhstan would.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="kk-KZ")
    page = context.new_page()
    errors: list[str] = []
    # A Content-Security-Policy violation or a script error fails the test that caused it.
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Every flow a test clicks through asserts that no request answered with a server error.
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    yield page
    context.close()
    assert failed == [], f"server errors: {failed}"
    assert [e for e in errors if "Content Security Policy" in e or "Uncaught" in e] == []


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="kk-KZ")
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    yield page
    context.close()
    assert failed == [], f"server errors: {failed}"


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as a test artifact."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page: Any, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def choose_language(page: Any, code: str) -> None:
    """Use the language switcher as a person would (the select submits its form on change)."""
    with page.expect_navigation():
        page.select_option("#language-select", code)


# Visible text that is the same in English and Kazakh and has Latin letters is an untranslated string, unless
# it is marked as not to be translated (codes, identifiers, names: `translate="no"` on the element).
_TEXTS_JS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest('[translate="no"], script, style, noscript, .leaflet-container')) continue;
    if (!el.checkVisibility || !el.checkVisibility()) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  const labelled = 'input[placeholder], [aria-label], img[alt], input[type=submit]';
  for (const el of document.querySelectorAll(labelled)) {
    if (el.closest('[translate="no"]')) continue;
    for (const attr of ['placeholder', 'aria-label', 'alt', 'value']) {
      if (attr === 'value' && el.type !== 'submit') continue;
      const v = el.getAttribute(attr);
      if (v) out.push(v.trim());
    }
  }
  return out;
}"""


def visible_texts(page: Any) -> list[str]:
    return list(page.evaluate(_TEXTS_JS))


def untranslated_texts(
    page: Any, url: str, languages: tuple[str, ...] = ("kk", "ru")
) -> dict[str, list[str]]:
    """Texts of the page at `url` that stay English after switching to each language (the switcher)."""
    page.goto(url)
    choose_language(page, "en")
    english = set(visible_texts(page))
    result: dict[str, list[str]] = {}
    for lang in languages:
        choose_language(page, lang)
        same = sorted(t for t in set(visible_texts(page)) & english if re.search("[A-Za-z]{2,}", t))
        result[lang] = same
    return result
