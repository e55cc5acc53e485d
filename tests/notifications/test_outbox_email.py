"""The outbox through a real SMTP server: each message once, in the recipient's language, with the decision's
PDF where the law makes the e-mail the answer; nothing for an event that rolled back; a refused delivery
retried with backoff and shown as not yet delivered; a worker that died holding a message loses nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from beibit.cases import workflow as wf
from beibit.cases.actions.decision import record_decision
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import Case, CaseEvent
from beibit.notifications import sending
from beibit.notifications.models import Attempt, OutboxMessage, Preferences, Status
from tests.cases.fixtures import CaseMaker, at
from tests.notifications.conftest import Mailbox, run_jobs

pytestmark = pytest.mark.django_db


def _decide(case: Case, officer: AbstractBaseUser, when: dt.datetime, **kwargs: object) -> CaseEvent:
    decision = DecisionInput("proceed", send_by="email", **kwargs)  # type: ignore[arg-type]
    return record_decision(case.pk, officer, decision, now=when)


def test_a_filing_sends_the_receipt_and_the_new_filing_once_each(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    with time_machine.travel(at(2026, 3, 20), tick=True):
        case = filed()
        run_jobs()
        run_jobs()  # a second run finds nothing to send
        sending_again = [sending.send_one(m.pk) for m in OutboxMessage.objects.all()]
    assert set(sending_again) == {"not due or taken"}
    receipt = mailbox.to("aigerim@example.kz")
    new_filing = mailbox.to("officer@almaty.example.kz")
    assert len(receipt) == 1 and len(new_filing) == 1
    # Kazakh by default: the registration number, the registration day and the deadline in words.
    text = receipt[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"№{case.pk}" in receipt[0]["Subject"].replace(" ", "") or str(case.pk) in receipt[0]["Subject"]
    assert "30 наурыз" in text  # review deadline Monday 30 March 2026, in Kazakh
    assert receipt[0]["Content-Language"] == "kk"
    html = receipt[0].get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert f"http://beibit.test/organizer/cases/{case.pk}/" in html
    assert OutboxMessage.objects.filter(status=Status.SENT).count() == 2
    assert Attempt.objects.filter(ok=True).count() == 2


def test_the_decision_by_email_goes_in_the_organizers_language_with_the_pdf_and_records_the_delivery(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    Preferences.objects.create(user=organizer, language="ru")
    case = filed()
    with time_machine.travel(at(2026, 3, 27, 11), tick=True):
        decision = _decide(case, officer, at(2026, 3, 27, 11))
        run_jobs()
    answers = [m for m in mailbox.to("aigerim@example.kz") if m["Content-Language"] == "ru"]
    decision_mail = [m for m in answers if "ответ" in m["Subject"].lower()]
    assert len(decision_mail) == 1, [m["Subject"] for m in answers]
    mail = decision_mail[0]
    attachments = list(mail.iter_attachments())
    assert [a.get_filename() for a in attachments] == [f"beibit-{case.pk}-decision-ru.pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")
    assert "Art 11(2)" not in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["channel"] == "email"
    assert delivered.payload["decision_seq"] == decision.seq
    assert delivered.payload["provider_id"] == mail["Message-ID"]
    assert delivered.payload["sent_on"] == "2026-03-27"
    assert delivered.actor_id == officer.pk
    case = Case.objects.get(pk=case.pk)
    assert case.status == wf.MAY_PROCEED and case.unsent_answer_due is None


def test_no_message_for_an_event_that_rolled_back(filed: CaseMaker, officer: AbstractBaseUser) -> None:
    case = filed()
    messages, jobs = OutboxMessage.objects.count(), DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _decide(case, officer, at(2026, 3, 27, 11))
        assert OutboxMessage.objects.count() > messages  # written with the event ...
        raise RuntimeError("the transaction fails after the event")
    # ... and gone with it, with its job.
    assert (OutboxMessage.objects.count(), DBTaskResult.objects.count()) == (messages, jobs)
    assert not CaseEvent.objects.filter(case=case, kind="decision_recorded").exists()


def test_every_event_commits_with_its_messages_and_their_jobs(
    filed: CaseMaker, officer: AbstractBaseUser
) -> None:
    case = filed()
    registered = CaseEvent.objects.get(case=case, kind="registered")
    written = OutboxMessage.objects.filter(case=case, event_seq=registered.seq)
    assert {(m.kind, m.recipient_id) for m in written} == {
        ("receipt", case.organizer_id),
        ("new_filing", officer.pk),
    }
    ready = DBTaskResult.objects.filter(status="READY")
    assert sorted(r.args_kwargs["args"][0] for r in ready) == sorted(m.pk for m in written)


def test_a_failing_smtp_server_is_retried_with_backoff_and_the_case_says_not_yet_delivered(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox, client: object
) -> None:
    case = filed()
    with time_machine.travel(at(2026, 3, 20, 10, 5), tick=True):
        run_jobs()  # the receipt and the new filing go out
    mailbox.refuse = 2
    with time_machine.travel(at(2026, 3, 27, 11), tick=False):
        _decide(case, officer, at(2026, 3, 27, 11))
        run_jobs()
        answer = OutboxMessage.objects.get(case=case, is_answer=True)
        assert (answer.status, answer.attempts) == (Status.PENDING, 1)
        assert "451" in answer.last_error
        assert answer.next_attempt_at == at(2026, 3, 27, 11) + dt.timedelta(seconds=30)
        assert not CaseEvent.objects.filter(case=case, kind="delivered").exists()
    # The officer's case page says the answer has not reached the organizer yet.
    client.force_login(officer)  # type: ignore[attr-defined]
    with time_machine.travel(at(2026, 3, 27, 11, 0), tick=False):
        page = client.get(f"/akimat/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en")  # type: ignore[attr-defined]
    assert page.status_code == 200
    assert "not yet delivered" in page.content.decode()
    # The retry job waits for its backoff; the clock's sweep sends nothing before it either.
    with time_machine.travel(at(2026, 3, 27, 11, 0) + dt.timedelta(seconds=31), tick=False):
        run_jobs()
        assert OutboxMessage.objects.get(pk=answer.pk).attempts == 2  # refused again: wait 1 minute
    with time_machine.travel(at(2026, 3, 27, 11, 2), tick=False):
        run_jobs()
    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (Status.SENT, 3)
    assert [a.ok for a in answer.attempt_log.order_by("number")] == [False, False, True]
    assert (
        len([m for m in mailbox.to("aigerim@example.kz") if m.get_content_type() == "multipart/mixed"]) == 1
    )
    assert CaseEvent.objects.get(case=case, kind="delivered").payload["sent_on"] == "2026-03-27"


def test_a_message_that_keeps_failing_is_given_up_and_listed_for_administrators(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox, admin_client: object
) -> None:
    mailbox.refuse = 1000
    moment = at(2026, 3, 20, 10, 5)
    filed()
    for _ in range(sending.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            for message_id in sending.due_messages(moment):
                sending.send_one(message_id, moment)
        moment += sending.LAST_RETRY_SECONDS * dt.timedelta(seconds=1)
    failed = OutboxMessage.objects.filter(status=Status.FAILED)
    assert failed.count() == 2 and all(m.attempts == sending.MAX_ATTEMPTS for m in failed)
    page = admin_client.get("/admin/notifications/outboxmessage/?status__exact=failed")  # type: ignore[attr-defined]
    assert page.status_code == 200 and "aigerim@example.kz" in page.content.decode()


def test_a_worker_that_died_holding_a_message_loses_nothing_and_sends_nothing_twice(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    from beibit.notifications.tasks import clock_round

    moment = at(2026, 3, 20, 10, 5)
    filed()
    message = OutboxMessage.objects.get(kind="receipt")
    # A worker took the job and claimed the message, then was killed before it could send.
    assert sending._claim(message.pk, moment)
    DBTaskResult.objects.filter(status="READY").update(status="RUNNING")
    with time_machine.travel(moment + dt.timedelta(seconds=60), tick=False):
        clock_round.call()  # the claim is still live: nobody else sends it
    assert mailbox.to("aigerim@example.kz") == []
    with time_machine.travel(moment + dt.timedelta(seconds=sending.CLAIM_SECONDS + 1), tick=False):
        clock_round.call()  # the claim expired: the sweep sends it
        clock_round.call()
    assert len(mailbox.to("aigerim@example.kz")) == 1
    assert OutboxMessage.objects.get(pk=message.pk).status == Status.SENT


def test_reminders_can_be_switched_off_but_legal_notices_cannot(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    from beibit.notifications.reminders import write_due_reminders

    Preferences.objects.create(user=officer, reminders=False)
    Preferences.objects.create(user=organizer, reminders=False)
    case = filed()  # review deadline Monday 30 March
    write_due_reminders(at(2026, 3, 30, 9))
    write_due_reminders(at(2026, 3, 30, 15))  # twice the same day: still one reminder
    reminders = OutboxMessage.objects.filter(kind="review_due_today")
    assert [m.status for m in reminders] == [Status.SKIPPED]
    assert OutboxMessage.objects.get(kind="new_filing").status == Status.PENDING  # a notice: always sent
    assert OutboxMessage.objects.get(kind="receipt").status == Status.PENDING
    Preferences.objects.filter(user=officer).update(reminders=True)
    write_due_reminders(at(2026, 3, 28, 9))  # Saturday: the akimat is closed, no reminder
    assert not OutboxMessage.objects.filter(kind="review_due_tomorrow").exists()
    write_due_reminders(at(2026, 3, 27, 9))  # Friday: Monday is the next working day, so "tomorrow"
    write_due_reminders(at(2026, 3, 27, 16))
    tomorrow = OutboxMessage.objects.get(kind="review_due_tomorrow")
    assert tomorrow.status == Status.PENDING
    assert case.review_deadline == dt.date(2026, 3, 30)


def test_a_fault_in_rendering_is_a_failed_attempt_not_a_message_held_forever(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    filed()
    message = OutboxMessage.objects.get(kind="receipt")
    OutboxMessage.objects.filter(pk=message.pk).update(kind="no-such-kind")
    moment = at(2026, 3, 20, 10, 5)
    assert sending.send_one(message.pk, moment) == "failed"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.claimed_until) == (Status.PENDING, 1, None)
    assert "ValueError" in message.last_error
    assert message.attempt_log.get().ok is False
