"""The akimat officer in a browser: the inbox with a filed rally, proposing another place from the free slots
the page suggests and recording the delivery; a refusal on 14(1)(10) without a prior proposal stopped with the
error next to the grounds; the pages fully translated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from beibit.cases.actions.filing import create_case, submit
from beibit.cases.models import Case, CaseEvent
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.model import PlannedAssembly
from beibit.web.akimat import inbox
from tests.cases.fixtures import ALMATY, rally
from tests.e2e.conftest import screenshot, sign_in, untranslated_texts

pytestmark = pytest.mark.django_db(transaction=True)

OFFICER = "officer@almaty.example.kz"
REASONS = "Алаңды сол күні қалалық мереке алып тұр; ол бұл хабарлама түспей тұрып тіркелген."


def _filed_now(organizer: AbstractBaseUser) -> Case:
    """A complete rally at Imanov square about five weeks ahead, filed now (the real clock): under review."""
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25)
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    case = create_case(organizer, PlannedAssembly.model_validate(data), now=now)
    return submit(case.pk, organizer, now=now)


def test_an_officer_proposes_another_place_from_the_free_slots(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed_now(organizer)
    assert case.status == "registered"
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/")
    row = page.locator(f"tr[data-case='{case.pk}']")
    assert row.count() == 1
    screenshot(page, "akimat-inbox")
    with page.expect_navigation():
        row.locator("a").first.click()
    page.wait_for_selector(".leaflet-container")
    assert page.locator("#filing-items > li").count() == 13
    page.check("#id_decision input[value=propose]")
    slots = page.locator("#id_slot input[type=radio]")
    assert slots.count() >= 1
    chosen = slots.first.get_attribute("value") or ""
    slots.first.check()
    page.check("#id_send_by input[value='']")  # handed over: the officer records the delivery below
    screenshot(page, "akimat-case")
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    assert page.locator("#status").get_attribute("class") == "badge warn"
    assert page.locator("#proposal").is_visible()
    page.select_option("#id_channel", "hand")
    with page.expect_navigation():
        page.click("#delivery-form button[type=submit]")
    assert page.locator("#deliveries li").count() == 1
    case.refresh_from_db()
    assert case.status == "proposal_pending"
    assert case.state_document["proposal"]["new_plan"]["place_id"] == chosen.split("|")[0]
    assert case.state_document["deliveries"][0]["channel"] == "hand"


def test_a_refusal_on_a_taken_place_without_a_proposal_is_stopped(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed_now(organizer)
    events = CaseEvent.objects.filter(case=case).count()
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    page.check("#id_decision input[value=refuse]")
    page.check("#id_grounds input[value='14.1.10']")
    page.fill("#id_reasons", REASONS)
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation():
        page.click("#decision-form button[type=submit]")
    error = page.locator("#id_grounds_error")
    assert error.is_visible()
    assert "61-НҚ" in error.inner_text() or "61" in error.inner_text()
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("#id_grounds").count() == 1
    error.scroll_into_view_if_needed()
    screenshot(page, "akimat-refusal-error")
    assert CaseEvent.objects.filter(case=case).count() == events
    case.refresh_from_db()
    assert case.status == "registered"


def test_the_officer_pages_are_fully_translated(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed_now(organizer)
    sign_in(page, served, OFFICER)
    assert untranslated_texts(page, f"{served}/akimat/") == {"kk": [], "ru": []}
    assert untranslated_texts(page, f"{served}/akimat/cases/{case.pk}/") == {"kk": [], "ru": []}


def test_the_officer_pages_through_the_inbox(
    served: str,
    page: Any,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 18: the inbox a page at a time; each page answers (no 5xx) and is fully translated."""
    monkeypatch.setattr(inbox, "PAGE_SIZE", 2)
    cases = [_filed_now(organizer) for _ in range(3)]
    sign_in(page, served, OFFICER)
    response = page.goto(f"{served}/akimat/")
    assert response is not None and response.status < 500
    assert page.locator("tr[data-case]").count() == 2
    assert page.locator("#inbox-pages").count() == 1
    with page.expect_navigation():
        page.click("#inbox-pages a[rel=next]")
    assert page.locator("tr[data-case]").count() == 1
    shown = page.locator("tr[data-case]").first.get_attribute("data-case")
    assert shown == str(cases[-1].pk)
    screenshot(page, "akimat-inbox-page-2")
    assert untranslated_texts(page, f"{served}/akimat/?page=2") == {"kk": [], "ru": []}
