"""The organizer in a browser: filing a rally through the wizard in Kazakh, accepting the akimat's proposal,
a notification deemed agreed by silence, the pages fully translated, and the wizard at phone width."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone, translation
from django.utils.translation import override

from beibit.cases.actions.appeal import record_appeal
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.inputs import AppealInput, DecisionInput, DeliveryInput, ProposalInput
from beibit.cases.models import Case
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.formats import date_label
from beibit.law.model import PlannedAssembly
from beibit.registry.store import registry_from_db
from tests.cases.fixtures import ALMATY, CaseMaker, rally
from tests.e2e.conftest import screenshot, sign_in, untranslated_texts
from tests.e2e.signing import eds_settings, pki, signer, tls_page

__all__ = ["eds_settings", "pki", "tls_page"]  # fixtures

pytestmark = pytest.mark.django_db(transaction=True)

AIGERIM = "aigerim@example.kz"
IMANOV = "almaty-imanov-square"
GANDHI = "almaty-gandhi-park"


def _kk_name(place_id: str, day: dt.date) -> str:
    place = registry_from_db().place_by_id("almaty", place_id, day)
    assert place is not None
    return place.name.kk or place.name.ru or place.name.text("kk")


def _next(page: Any) -> None:
    with page.expect_navigation():
        page.click("button[name=next]")


def _fill_wizard(page: Any, base: str, *, shots: bool = True) -> int:
    """Form, date, place, people, organizer, content; returns the draft's id (on the review page)."""
    page.goto(f"{base}/organizer/wizard/")
    page.check("#id_form_rally")
    page.select_option("#id_settlement", "almaty")
    if shots:
        screenshot(page, "organizer-wizard-form")
    _next(page)
    assert page.input_value("#id_day")  # the first day a filing made today is in time, from the engine
    _next(page)
    page.wait_for_selector(".leaflet-container")
    page.select_option("#id_place_id", IMANOV)
    if shots:
        screenshot(page, "organizer-wizard-place")
    _next(page)
    page.fill("#id_expected_participants", "120")
    page.check("#id_posters_banners")
    _next(page)
    page.fill("#id_residence", "Алматы, Абай даңғылы 1")
    _next(page)
    page.fill("#id_purpose", "Абай даңғылындағы ескі ағаштарды сақтау")
    page.fill("#id_regulations", "11:00 ашылуы; сөз сөйлеу; 13:00 жабылуы")
    page.check("#id_consent")
    _next(page)
    assert "/review/" in page.url
    return int(page.url.rstrip("/").split("/")[-2])


def test_an_organizer_files_a_rally_in_kazakh_and_gets_the_receipt(
    served: str, tls_page: Any, organizer: AbstractBaseUser, pki: Path, eds_settings: Any
) -> None:
    """A filing is made only signed with EDS (Art 10(1)): the wizard ends with "Sign with EDS and file",
    here through the NCALayer stand-in with Aigerim's demo key."""
    page = tls_page
    for url in signer(pki, "aigerim"):
        eds_settings(url)
        sign_in(page, served, AIGERIM)
        case_id = _fill_wizard(page, served)
        assert page.get_attribute("html", "lang") == "kk"
        assert page.locator("#check-heading").inner_text() == "Заң не дейді"
        assert page.locator("form.submit-form button[type=submit]").count() == 0  # no unsigned filing
        screenshot(page, "organizer-review")
        page.on("dialog", lambda dialog: dialog.accept())
        with page.expect_navigation(timeout=30_000):
            page.click("#eds-sign")
    assert page.url.endswith(f"/organizer/cases/{case_id}/receipt/")
    case = Case.objects.get(pk=case_id)
    assert case.status == "registered" and case.place_id == IMANOV
    with override("kk"):
        assert page.locator("#registration-day strong").inner_text() == date_label(
            case.registration_day, "kk"
        )
        assert page.locator("#review-deadline strong").inner_text() == date_label(case.review_deadline, "kk")
    screenshot(page, "organizer-receipt")


def _filed_for_later(organizer: AbstractBaseUser) -> Case:
    """A complete rally at Imanov square about five weeks ahead, filed now (the real clock)."""
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25)
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    case = create_case(organizer, PlannedAssembly.model_validate(data), now=now)
    return submit(case.pk, organizer, now=now)


def test_the_organizer_accepts_the_akimats_proposal(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    case = _filed_for_later(organizer)
    now = timezone.now()
    proposal = ProposalInput(place_id=GANDHI)
    record_decision(case.pk, officer, DecisionInput("propose", proposal=proposal), now=now)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=now), now=now)
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/cases/{case.pk}/")
    gandhi = _kk_name(GANDHI, case.assembly_day)
    assert gandhi in page.locator("#proposal").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation():
        page.click("#answer-form button[value=yes]")
    assert Case.objects.get(pk=case.pk).status == "proposal_agreed"
    assert page.locator("#plan-place").inner_text().startswith(gandhi)
    assert page.locator("#answer-form").count() == 0
    assert page.locator("#campaigning").is_visible()
    screenshot(page, "organizer-case")


def test_the_case_page_shows_a_recorded_appeal_with_its_day_in_kazakh(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser
) -> None:
    """Issue 12: the page reads the appeal's day from the typed state (a date, written in the page's
    language), not the stored ISO text."""
    case = _filed_for_later(organizer)
    now = timezone.now()
    record_decision(case.pk, officer, DecisionInput("proceed"), now=now)
    record_delivery(case.pk, officer, DeliveryInput("hand", sent_at=now), now=now)
    today = local_day(now, "almaty")
    record_appeal(case.pk, organizer, AppealInput("higher_body", "Алматы облысының әкімдігі", today), now=now)
    sign_in(page, served, AIGERIM)
    response = page.goto(f"{served}/organizer/cases/{case.pk}/")
    assert response is not None and response.status < 500
    section = page.locator("#appeal-heading + *").locator("xpath=..").inner_text()
    with override("kk"):
        written = date_label(today, "kk")
    assert written in section and today.isoformat() not in section
    screenshot(page, "organizer-case-appeal")


def test_silence_past_the_review_deadline_shows_the_notification_as_deemed_agreed(
    served: str, page: Any, filed: CaseMaker
) -> None:
    case = filed()  # submitted on 2026-03-20: its review deadline is long past on the real clock
    assert case.status == "registered"
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/cases/{case.pk}/")
    with translation.override("kk"):  # whichever catalog supplies the label, the page shows the Kazakh one
        expected = translation.gettext("Deemed agreed: no answer in time")
    assert expected != "Deemed agreed: no answer in time"
    assert page.locator("#status").inner_text() == expected
    with translation.override("kk"):
        note = translation.gettext(
            "No answer was sent by the review deadline: you may hold the assembly as notified (Art 11(1))."
        )
    assert "11-баптың 1-тармағы" in note and note in page.locator("main").inner_text()
    assert Case.objects.get(pk=case.pk).status == "deemed_agreed"


def test_the_organizer_pages_have_no_untranslated_text(
    served: str, page: Any, organizer: AbstractBaseUser
) -> None:
    sign_in(page, served, AIGERIM)
    case_id = _fill_wizard(page, served, shots=False)
    filed = _filed_for_later(organizer)
    urls = [
        "/organizer/",
        "/organizer/wizard/",
        *(
            f"/organizer/wizard/{case_id}/{step}/"
            for step in ("when", "place", "people", "organizer", "content")
        ),
        f"/organizer/wizard/{case_id}/review/",
        f"/organizer/cases/{filed.pk}/",
        f"/organizer/cases/{filed.pk}/receipt/",
    ]
    for url in urls:
        assert untranslated_texts(page, served + url) == {"kk": [], "ru": []}, url


def test_the_wizard_works_at_phone_width(
    served: str, phone_page: Any, organizer: AbstractBaseUser, eds_settings: Any
) -> None:
    eds_settings("wss://127.0.0.1:13579")
    page = phone_page
    sign_in(page, served, AIGERIM)
    _fill_wizard(page, served, shots=False)
    for path in ("/organizer/wizard/", page.url):
        page.goto(path if path.startswith("http") else served + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 376, (path, width)
    assert page.locator("#eds-sign").is_visible()
    screenshot(page, "organizer-review-phone")


def test_a_march_is_asked_for_a_specialized_route_in_kazakh(
    served: str, page: Any, organizer: AbstractBaseUser
) -> None:
    """The wizard asks the regime (route_forms: Art 1(5), 1(12)) whether the form moves along a route: a
    march gets the routes to choose from and the line to draw, and its draft keeps a route, not a place."""
    sign_in(page, served, AIGERIM)
    page.goto(f"{served}/organizer/wizard/")
    page.check("#id_form_march")
    page.select_option("#id_settlement", "almaty")
    _next(page)
    _next(page)
    page.wait_for_selector(".leaflet-container")
    assert page.locator("label[for=id_place_id]").inner_text().startswith("Арнайы маршрут")
    routes = page.locator("#id_place_id option[value^='almaty-route-']")
    assert routes.count() >= 1
    assert page.locator("#id_place_id option[value^='almaty-'][value$='-square']").count() == 0
    route_id = routes.first.get_attribute("value")
    page.select_option("#id_place_id", route_id)
    screenshot(page, "organizer-wizard-route")
    response = None
    with page.expect_navigation() as navigation:
        page.click("button[name=next]")
    response = navigation.value
    assert response is not None and response.status < 500
    case = Case.objects.filter(organizer=organizer).order_by("-pk").first()
    assert case is not None and case.form == "march"
    assert case.draft.get("route") == {"specialized_route_id": route_id} and "place" not in case.draft
