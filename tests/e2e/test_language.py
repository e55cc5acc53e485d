"""Issue 15 part A in a browser: the demo in Kazakh, as a Kazakh-speaking visitor, organizer and officer
see it. Screenshots of the start page, the wizard's place step, the officer's case page, the statistics and
a PDF (rendered with pdftoppm), each page judged by the same rules as tests/language (no English, no codes,
no ISO dates, numbers with separators) and free of server errors (the `page` fixture)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from typing import Any

import pytest

from beibit.cases.models import Case
from beibit.demo import load_demo
from beibit.demo.cases import AIGERIM, PASSWORD
from tests.e2e.conftest import SCREENSHOTS, screenshot, sign_in
from tests.language.speech import faults

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(served: str) -> str:
    load_demo(now=dt.datetime.now(dt.UTC), out=io.StringIO())
    return served


def _judged(page: Any) -> None:
    # Each text node on its own (a calendar's cells are separate numbers), hidden and code parts left out.
    text = page.evaluate(
        """() => {
          const out = [];
          const skip = 'script, style, noscript, template, code, .leaflet-container';
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!el || el.closest(skip) || !el.checkVisibility()) continue;
            out.push(walker.currentNode.textContent);
          }
          return out.join(' ');
        }"""
    )
    assert faults(text) == [], page.url


def test_the_demo_reads_in_kazakh(demo: str, page: Any) -> None:
    page.goto(f"{demo}/")
    assert page.locator("html").get_attribute("lang") == "kk"
    _judged(page)
    screenshot(page, "lang-kk-start")

    page.goto(f"{demo}/data/statistics/")
    _judged(page)
    screenshot(page, "lang-kk-statistics")

    sign_in(page, demo, AIGERIM, PASSWORD)
    draft = Case.objects.filter(organizer__email=AIGERIM, status="draft").order_by("pk").first()
    assert draft is not None
    page.goto(f"{demo}/organizer/wizard/{draft.pk}/place/")
    _judged(page)
    screenshot(page, "lang-kk-wizard-place")

    page.context.clear_cookies()
    sign_in(page, demo, "officer.almaty@demo.beibit.kz", PASSWORD)
    refused = Case.objects.filter(settlement="almaty", status="refused").order_by("pk").first()
    assert refused is not None
    page.goto(f"{demo}/akimat/cases/{refused.pk}/")
    _judged(page)
    screenshot(page, "lang-kk-officer-case")


def test_a_pdf_in_kazakh(demo: str, page: Any) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    sign_in(page, demo, AIGERIM, PASSWORD)
    case = Case.objects.filter(organizer__email=AIGERIM, status="refused").order_by("pk").first()
    assert case is not None
    response = page.request.get(f"{demo}/organizer/cases/{case.pk}/documents/decision.pdf")
    assert response.status == 200 and response.headers["content-type"].startswith("application/pdf")
    SCREENSHOTS.mkdir(exist_ok=True)
    pdf = SCREENSHOTS / "lang-kk-decision.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(pdf.with_suffix("")),
        ],
        check=True,
    )
    pdf.unlink()
    assert (SCREENSHOTS / "lang-kk-decision.png").exists()
