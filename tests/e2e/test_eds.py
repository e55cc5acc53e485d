"""Signing with EDS in a browser: the organizer's review step signs through the NCALayer stand-in
(`beibit demo-signer`: TLS WebSocket, NCALayer's protocol, test keys), the server verifies and files, the
officer sees "signed by …, verified at …", and the public verification page shows no IIN. The pages stay
translated and the strict CSP holds (the page fixture fails on a CSP violation)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from beibit.cases.actions import filing as filing_actions
from beibit.cases.models import Case, CaseEvent
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.model import PlannedAssembly
from tests.cases.fixtures import ALMATY, ORGANIZER_IIN, rally
from tests.e2e.conftest import screenshot, sign_in, untranslated_texts
from tests.e2e.signing import OFFICER_IIN, eds_settings, free_port, pki, signer, tls_page

__all__ = ["eds_settings", "pki", "tls_page"]  # fixtures

pytestmark = pytest.mark.django_db(transaction=True)

ORGANIZER = "aigerim@example.kz"
OFFICER = "officer@almaty.example.kz"


def _draft(organizer: AbstractBaseUser) -> Case:
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25)
    starts = dt.datetime.combine(day, dt.time(11), ALMATY)
    data = rally(starts_at=starts.isoformat(), ends_at=(starts + dt.timedelta(hours=2)).isoformat())
    return filing_actions.create_case(organizer, PlannedAssembly.model_validate(data), now=now)


def _sign(page: Any, served: str, case: Case) -> None:
    page.goto(f"{served}/organizer/wizard/{case.pk}/review/")
    assert page.locator("#eds-form").is_visible()
    page.check("#eds-form input[name=publish_name]")
    confirmations: list[str] = []
    page.once("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))
    with page.expect_navigation(timeout=30_000):
        page.click("#eds-sign")
    # The draft has findings the akimat may refuse on: the signed filing asks first, as the old button did.
    assert len(confirmations) == 1 and "?" in confirmations[0]


def test_sign_file_and_the_officer_sees_the_signature(
    served: str,
    tls_page: Any,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    pki: Path,
    eds_settings: Any,
) -> None:
    page = tls_page
    for url in signer(pki, "aigerim"):
        eds_settings(url)
        case = _draft(organizer)
        sign_in(page, served, ORGANIZER)
        page.goto(f"{served}/organizer/wizard/{case.pk}/review/")
        screenshot(page, "eds-review-kk")
        _sign(page, served, case)
        assert page.url.endswith(f"/organizer/cases/{case.pk}/receipt/"), page.url
        assert page.locator("#signatures").is_visible()
        assert "TULEGENOVA AIGERIM SERIKQYZY" in page.inner_text("#signatures")
        screenshot(page, "eds-receipt-kk")
    case.refresh_from_db()
    assert case.status != "draft"
    event = CaseEvent.objects.get(case=case, kind="submitted")
    assert event.payload["signature"]["verification"]["signer"]["iin"] == ORGANIZER_IIN

    # the officer sees "signed by …, verified at …"
    page.context.clear_cookies()
    sign_in(page, served, OFFICER)
    response = page.goto(f"{served}/akimat/cases/{case.pk}/")
    assert response is not None and response.status < 500
    block = page.inner_text("#signatures")
    assert "TULEGENOVA AIGERIM SERIKQYZY" in block and ORGANIZER_IIN in block
    assert "тексерілді" in block  # "verified at …" in Kazakh
    screenshot(page, "eds-akimat-case-kk")
    assert untranslated_texts(page, f"{served}/akimat/cases/{case.pk}/") == {"kk": [], "ru": []}

    # the officer signs the decision with the own key; the organizer's page and PDF show both signatures
    officer.profile.iin = OFFICER_IIN  # type: ignore[attr-defined]
    officer.profile.save()  # type: ignore[attr-defined]
    for url in signer(pki, "officer"):
        eds_settings(url)
        page.goto(f"{served}/akimat/cases/{case.pk}/")
        page.check("#decision-form input[name=decision][value=proceed]")
        # (written reasons are a refusal's field: issue 15's form shows only the chosen answer's fields)
        page.check("#decision-form input[name=send_by][value=e_document]")  # Beibit sends the e-document
        page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending, if asked
        with page.expect_navigation(timeout=30_000):
            page.click("#eds-sign")
        assert page.url.endswith(f"/akimat/cases/{case.pk}/"), page.url
        assert "ZHANUZAKOV ERLAN" in page.inner_text("#signatures")
        screenshot(page, "eds-akimat-decision-signed-kk")
    decision = CaseEvent.objects.get(case=case, kind="decision_recorded")
    assert decision.payload["signature"]["verification"]["signer"]["iin"] == OFFICER_IIN
    assert decision.payload["send_by"] == "e_document"
    page.context.clear_cookies()
    sign_in(page, served, ORGANIZER)
    page.goto(f"{served}/organizer/cases/{case.pk}/")
    both = page.inner_text("#signatures")
    assert "TULEGENOVA AIGERIM SERIKQYZY" in both and "ZHANUZAKOV ERLAN" in both
    screenshot(page, "eds-organizer-case-kk")
    pdf = page.request.get(f"{served}/organizer/cases/{case.pk}/documents/decision.pdf")
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"

    # the public verification page: the name (consent given), never the IIN
    page.context.clear_cookies()
    response = page.goto(f"{served}/signatures/{event.hash}/")
    assert response is not None and response.status == 200
    text = page.inner_text("main")
    assert "TULEGENOVA AIGERIM SERIKQYZY" in text and ORGANIZER_IIN not in text
    screenshot(page, "eds-verification-kk")
    assert untranslated_texts(page, f"{served}/signatures/{event.hash}/") == {"kk": [], "ru": []}


def test_someone_elses_key_files_nothing_and_the_page_says_why(
    served: str, tls_page: Any, organizer: AbstractBaseUser, pki: Path, eds_settings: Any
) -> None:
    page = tls_page
    for url in signer(pki, "marat"):
        eds_settings(url)
        case = _draft(organizer)
        sign_in(page, served, ORGANIZER)
        _sign(page, served, case)
        assert page.url.endswith(f"/organizer/wizard/{case.pk}/review/")
        assert "ЖСН" in page.inner_text("body")  # the refusal names the IIN, in Kazakh
        screenshot(page, "eds-refused-kk")
    case.refresh_from_db()
    assert case.status == "draft"


def test_without_ncalayer_the_page_says_so(
    served: str, tls_page: Any, organizer: AbstractBaseUser, eds_settings: Any
) -> None:
    page = tls_page
    eds_settings(f"wss://127.0.0.1:{free_port()}")  # nothing listens there
    case = _draft(organizer)
    sign_in(page, served, ORGANIZER)
    page.goto(f"{served}/organizer/wizard/{case.pk}/review/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#eds-sign")
    page.wait_for_function("document.getElementById('eds-status').classList.contains('error')")
    assert "NCALayer" in page.inner_text("#eds-status")
    case.refresh_from_db()
    assert case.status == "draft"


def test_a_signed_withdrawal_in_the_browser(
    served: str, tls_page: Any, organizer: AbstractBaseUser, pki: Path, eds_settings: Any
) -> None:
    import base64

    from beibit.cases import signed
    from beibit.signatures.testpki import read_identity, sign_cms

    page = tls_page
    case = _draft(organizer)
    key = read_identity(pki / "keys", "aigerim.sign")
    eds_settings("wss://127.0.0.1:1")
    signed.submit_signed(
        case.pk,
        organizer,
        signature=base64.b64encode(sign_cms(signed.filing_document(case), key)).decode(),
        now=timezone.now(),
    )
    for url in signer(pki, "aigerim"):
        eds_settings(url)
        sign_in(page, served, ORGANIZER)
        response = page.goto(f"{served}/organizer/cases/{case.pk}/")
        assert response is not None and response.status < 500
        page.fill("#withdraw-form textarea[name=reason]", "Жаңбыр")
        with page.expect_navigation(timeout=30_000):
            page.click("#eds-withdraw")
        assert page.url.endswith(f"/organizer/cases/{case.pk}/"), page.url
        screenshot(page, "eds-withdrawn-kk")
    event = CaseEvent.objects.get(case=case, kind="withdrawn")
    assert event.payload["reason"] == "Жаңбыр"
    assert event.payload["signature"]["verification"]["signer"]["iin"] == ORGANIZER_IIN
    assert page.inner_text("#signatures").count("TULEGENOVA AIGERIM SERIKQYZY") == 2


def test_sign_in_with_eds(
    served: str, tls_page: Any, organizer: AbstractBaseUser, pki: Path, eds_settings: Any
) -> None:
    page = tls_page
    for url in signer(pki, "aigerim"):
        eds_settings(url)
        assert untranslated_texts(page, f"{served}/accounts/login/") == {"kk": [], "ru": []}
        choose_language_kk = page.select_option  # the switcher left the page in Russian: back to Kazakh
        page.goto(f"{served}/accounts/login/")
        with page.expect_navigation():
            choose_language_kk("#language-select", "kk")
        screenshot(page, "eds-login-kk")
        with page.expect_navigation(timeout=30_000):
            page.click("#eds-sign-in")
        page.wait_for_load_state("networkidle")
        assert "/organizer/" in page.url, page.url
    assert organizer.email in page.inner_text("header")


def test_the_organizer_signs_an_appeal_in_the_browser(
    served: str,
    tls_page: Any,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    pki: Path,
    eds_settings: Any,
) -> None:
    """The appeal (Art 19; APPK Art 91-92) signed through the stand-in: stored with its signature, shown on
    the case page, and its PDF carries the stamp."""
    import base64

    from beibit.cases import signed
    from beibit.cases.actions.decision import record_decision
    from beibit.cases.inputs import DecisionInput
    from beibit.signatures.testpki import read_identity, sign_cms

    page = tls_page
    case = _draft(organizer)
    key = read_identity(pki / "keys", "aigerim.sign")
    eds_settings("wss://127.0.0.1:1")
    filing = base64.b64encode(sign_cms(signed.filing_document(case), key)).decode()
    signed.submit_signed(case.pk, organizer, signature=filing, now=timezone.now())
    refusal = DecisionInput("refuse", ("14.1.3",), "Қоғамдық тәртіпке қатер, дәлелденген.")
    record_decision(case.pk, officer, refusal, now=timezone.now())
    for url in signer(pki, "aigerim"):
        eds_settings(url)
        sign_in(page, served, ORGANIZER)
        response = page.goto(f"{served}/organizer/cases/{case.pk}/appeal/")
        assert response is not None and response.status < 500
        page.check("#appeal-form input[name=body][value=higher_body]")
        page.fill("#appeal-form input[name=body_name]", "Алматы қаласының әкімдігі")
        screenshot(page, "eds-appeal-kk")
        with page.expect_navigation(timeout=30_000):
            page.click("#eds-appeal")
        assert page.url.endswith(f"/organizer/cases/{case.pk}/"), page.url
        screenshot(page, "eds-appealed-kk")
    event = CaseEvent.objects.get(case=case, kind="appealed")
    assert event.payload["signature"]["verification"]["signer"]["iin"] == ORGANIZER_IIN
    assert page.inner_text("#signatures").count("TULEGENOVA AIGERIM SERIKQYZY") == 2
    pdf = page.request.get(f"{served}/organizer/cases/{case.pk}/documents/appeal.pdf")
    assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
