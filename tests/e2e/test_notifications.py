"""The answer sent by e-mail, end to end: the officer decides in the browser and leaves "by e-mail"; the
worker sends it through a real SMTP server; the organizer's mailbox holds the decision with its PDF, and the
link in it opens the case page, which shows the answer as sent; the messages page, in Kazakh."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.models import Case
from beibit.notifications.models import OutboxMessage
from tests.cases.fixtures import ALMATY
from tests.e2e.conftest import choose_language, screenshot, sign_in, untranslated_texts
from tests.e2e.test_akimat import OFFICER, _filed_now
from tests.notifications import conftest as smtp
from tests.notifications.conftest import Mailbox, run_jobs

# The SMTP server's fixtures (tests/notifications/conftest.py), for the tests of this module.
smtp_server = smtp.smtp_server
mailbox = smtp.mailbox

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_officer_decides_and_the_organizers_mailbox_holds_the_decision_whose_link_opens_the_case(
    served: str,
    page: Any,
    organizer: AbstractBaseUser,
    officer: AbstractBaseUser,
    mailbox: Mailbox,
    settings: Any,
) -> None:
    settings.SITE_URL = served
    case = _filed_now(organizer)
    run_jobs()  # the receipt and the new filing
    sign_in(page, served, OFFICER)
    page.goto(f"{served}/akimat/cases/{case.pk}/")
    page.check("#id_decision input[value=proceed]")
    assert page.locator("#id_send_by input[value=email]").is_checked()  # Beibit sends it by default
    page.once("dialog", lambda dialog: dialog.accept())  # the confirmation before sending
    with page.expect_navigation() as navigation:
        page.click("#decision-form button[type=submit]")
    assert navigation.value is None or navigation.value.status < 500
    assert page.locator("#answer-messages li[data-delivered=no]").count() == 1  # queued, not yet sent
    screenshot(page, "notifications-akimat-answer-queued")
    run_jobs()
    page.reload()
    assert page.locator("#answer-messages li[data-delivered=yes]").count() == 1
    case = Case.objects.get(pk=case.pk)
    assert [d["channel"] for d in case.state_document["deliveries"]] == ["email"]
    # Art 11(2): the registered letter follows; the officer records it with its tracking number.
    assert page.locator("#letter-owed").is_visible()
    page.select_option("#id_channel", "registered_mail")
    page.fill("#id_registered_mail_number", "RR123456789KZ")
    with page.expect_navigation() as recorded:
        page.click("#delivery-form button[type=submit]")
    assert recorded.value is None or recorded.value.status < 500
    assert page.locator("#letter-owed").count() == 0
    screenshot(page, "notifications-akimat-letter-recorded")
    case = Case.objects.get(pk=case.pk)
    assert [d["channel"] for d in case.state_document["deliveries"]] == ["email", "registered_mail"]
    assert case.state_document["deliveries"][1]["registered_mail"]["number"] == "RR123456789KZ"

    letters = [m for m in mailbox.to("aigerim@example.kz") if list(m.iter_attachments())]
    assert len(letters) == 1
    text = letters[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    link = re.search(r"http://\S+/organizer/cases/\d+/", text)
    assert link is not None and link.group(0) == f"{served}/organizer/cases/{case.pk}/"

    page.context.clear_cookies()
    sign_in(page, served, "aigerim@example.kz")
    response = page.goto(link.group(0))
    assert response is not None and response.status == 200
    assert page.locator("#answer-messages li[data-delivered=yes]").count() == 1
    sent_at = OutboxMessage.objects.get(case=case, is_answer=True).sent_at
    assert sent_at is not None
    local = sent_at.astimezone(ALMATY)
    assert f"{local:%H:%M}" in page.locator("#answer-messages").inner_text()  # Almaty time, not UTC
    screenshot(page, "notifications-organizer-case-kk")
    response = page.goto(f"{served}/messages/")
    assert response is not None and response.status == 200
    assert page.locator("tr[data-status=sent]").count() >= 2  # the receipt and the answer
    screenshot(page, "notifications-messages-kk")
    assert untranslated_texts(page, f"{served}/messages/") == {"kk": [], "ru": []}
    choose_language(page, "kk")
    page.uncheck("#id_reminders")
    with page.expect_navigation() as saved:
        page.click("main form button[type=submit]")
    assert saved.value is None or saved.value.status < 500
    assert not page.locator("#id_reminders").is_checked()


def test_the_officer_sees_that_the_sms_answer_did_not_reach_the_phone(
    served: str, page: Any, organizer: AbstractBaseUser, officer: AbstractBaseUser, settings: Any
) -> None:
    """The SMS gateway's delivery report (Mobizon's statuses) on the akimat's case page and the organizer's
    messages page, in Kazakh: a failed SMS answer tells the officer to answer another way."""
    import datetime as dt

    from django.utils import timezone

    from beibit.cases.actions.decision import record_decision
    from beibit.cases.inputs import DecisionInput
    from beibit.notifications.models import Status

    settings.SMS_BACKEND = "log"
    organizer.profile.phone = "+77011234567"  # type: ignore[attr-defined]
    organizer.profile.save()  # type: ignore[attr-defined]
    case = _filed_now(organizer)
    record_decision(case.pk, officer, DecisionInput("proceed", send_by="sms"), now=timezone.now())
    run_jobs()
    answer = OutboxMessage.objects.get(case=case, is_answer=True)
    assert answer.status == Status.SENT
    # The gateway's report, as the clock round stores it (tests/notifications/test_sms.py reads it from a
    # stand-in of Mobizon's API; the log backend of this test reports nothing).
    OutboxMessage.objects.filter(pk=answer.pk).update(
        delivery_status="EXPIRED", delivery_final=True, delivery_checked_at=timezone.now() - dt.timedelta(1)
    )
    sign_in(page, served, OFFICER)
    response = page.goto(f"{served}/akimat/cases/{case.pk}/")
    assert response is not None and response.status < 500
    report = page.locator("#answer-messages [data-report=failed]")
    assert report.count() == 1 and report.inner_text().strip() != "EXPIRED"  # in words, in Kazakh
    screenshot(page, "sms-report-failed-akimat-kk")
    page.context.clear_cookies()
    sign_in(page, served, "aigerim@example.kz")
    response = page.goto(f"{served}/messages/")
    assert response is not None and response.status < 500
    assert page.locator("[data-report=failed]").count() == 1
    screenshot(page, "sms-report-failed-messages-kk")
