"""Issue 13 in a browser, in Kazakh: the akimat's refusal on a fact ground the case does not establish is
stopped with the error next to the grounds; the officer records the corrected fact with its reason; the
refusal then stands; the akimat's and the public case pages show the correction, fully translated."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.models import CaseEvent
from tests.e2e.conftest import choose_language, screenshot, sign_in, untranslated_texts
from tests.e2e.test_akimat import OFFICER, _filed_now

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "Ұйымдастырушының өз жарияланымдары алаңға 1200 адамды шақырады; алаңның нормасы 500 адам."
WHY = "Ұйымдастырушының әлеуметтік желідегі 25 қарашадағы жарияланымы 1200 қатысушыны шақырады."


def test_the_officer_corrects_a_fact_before_refusing_on_it(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    case = _filed_now(organizer)  # 150 expected at Imanov square (norm 500)
    events = CaseEvent.objects.filter(case=case).count()
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    choose_language(page, "kk")

    page.check("#id_decision input[value=refuse]")
    page.check("#id_grounds input[value='14.1.9']")
    page.fill("#id_reasons", REASONS)
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    error = page.locator("#id_grounds_error")
    assert error.is_visible() and "14(1)(9)" in error.inner_text()
    error.scroll_into_view_if_needed()
    screenshot(page, "akimat-refusal-not-established-kk")
    assert CaseEvent.objects.filter(case=case).count() == events

    page.check("#id_fact input[value=expected_participants]")
    page.fill("#id_expected_participants", "1200")
    page.fill("#id_reason", WHY)
    with page.expect_navigation():
        page.click("#correction-form button[type=submit]")
    corrections = page.locator("#corrections li")
    assert corrections.count() == 1 and "1200" in corrections.first.inner_text()
    assert "Күтілетін қатысушылар саны" in corrections.first.inner_text()
    corrections.first.scroll_into_view_if_needed()
    screenshot(page, "akimat-correction-recorded-kk")

    page.check("#id_decision input[value=refuse]")
    page.check("#id_grounds input[value='14.1.9']")
    page.fill("#id_reasons", REASONS)
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    case.refresh_from_db()
    assert case.status == "refused"

    page.goto(f"{served}/register/{case.pk}/")
    listed = page.locator("#corrections li")
    assert listed.count() == 1 and "1200" in listed.first.inner_text() and WHY not in page.content()
    screenshot(page, "public-case-correction-kk")

    assert untranslated_texts(page, f"{served}/akimat/cases/{case.pk}/") == {"kk": [], "ru": []}
    assert untranslated_texts(page, f"{served}/register/{case.pk}/") == {"kk": [], "ru": []}
    assert failures == []
