"""What is sent to whom (issue 17), each through the real SMTP server, once, in the recipient's language:
the proposal with the day and hour to answer by, the organizer's agreement (officer) and the booking moved
(organizer), the lapse of a proposal, deemed agreement (e-mail and SMS), an application without a decision
in time, the assembly's day with the akimat's representative, the end of the appeal period, and a
monitor's opt-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.assembly import appoint_representative
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.clock import apply_clock
from beibit.cases.inputs import DecisionInput, DeliveryInput, ProposalInput, RepresentativeInput
from beibit.cases.models import Case, CaseEvent
from beibit.notifications.models import OutboxMessage, Preferences, Status
from beibit.notifications.reminders import write_due_reminders
from tests.cases.fixtures import PASSWORD, CaseMaker, at, march
from tests.notifications.conftest import Mailbox, run_jobs

pytestmark = pytest.mark.django_db

ORGANIZER, OFFICER = "aigerim@example.kz", "officer@almaty.example.kz"


def _plain(message: Any) -> str:
    return str(message.get_body(("plain",)).get_content())


def _propose(case: Case, officer: AbstractBaseUser, when: dt.datetime) -> CaseEvent:
    assert case.starts_at is not None and case.ends_at is not None
    later = ProposalInput(
        starts_at=case.starts_at + dt.timedelta(hours=3),
        ends_at=case.ends_at + dt.timedelta(hours=3),
        note="a quieter hour",
    )
    decision = DecisionInput("propose", proposal=later, send_by="email")
    return record_decision(case.pk, officer, decision, now=when)


def test_a_proposal_by_email_names_the_day_and_hour_to_answer_by_and_the_agreement_is_reported(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    case = filed()  # Kazakh, the default
    with time_machine.travel(at(2026, 3, 27, 11), tick=False):  # Friday
        proposal = _propose(case, officer, at(2026, 3, 27, 11))
        run_jobs()
    mails = [m for m in mailbox.to(ORGANIZER) if list(m.iter_attachments())]
    assert len(mails) == 1
    text = _plain(mails[0])
    # Sent on Friday 27 March: received that day, the answer is due by the end of Monday 30 March.
    assert "30 наурыз" in text and "23:59" in text and "Алматы" in text
    assert [a.get_filename() for a in mails[0].iter_attachments()] == [f"beibit-{case.pk}-decision-kk.pdf"]
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["answer_deadline"] == "2026-03-30"
    assert delivered.payload["decision_seq"] == proposal.seq
    assert Case.objects.get(pk=case.pk).proposal_answer_deadline == dt.date(2026, 3, 30)
    # The organizer also gets the proposal by SMS? No: the e-mail is the answer; SMS goes only with SMS.
    assert not OutboxMessage.objects.filter(case=case, kind="proposal", channel="sms").exists()

    Preferences.objects.create(user=officer, language="ru")
    with time_machine.travel(at(2026, 3, 30, 9), tick=False):
        answer_proposal(case.pk, organizer, agree=True, now=at(2026, 3, 30, 9))
        run_jobs()
    to_officer = [m for m in mailbox.to(OFFICER) if "предложение" in m["Subject"]]
    assert len(to_officer) == 1 and "согласился" in _plain(to_officer[0])
    moved = [m for m in mailbox.to(ORGANIZER) if "брондалды" in m["Subject"]]
    assert len(moved) == 1 and "14:00" in _plain(moved[0])  # the new start, local time


def test_a_proposal_left_unanswered_is_reported_to_the_officer(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    case = filed()
    with time_machine.travel(at(2026, 3, 27, 11), tick=False):
        _propose(case, officer, at(2026, 3, 27, 11))
        run_jobs()
    with time_machine.travel(at(2026, 3, 31, 9), tick=False):
        apply_clock(at(2026, 3, 31, 9))
        run_jobs()
    lapsed = OutboxMessage.objects.get(case=case, kind="proposal_lapsed")
    assert (lapsed.recipient_id, lapsed.status) == (officer.pk, Status.SENT)
    assert len([m for m in mailbox.to(OFFICER) if " ".join(str(m["Subject"]).split()) == lapsed.subject]) == 1


def test_deemed_agreement_goes_by_email_and_sms_and_an_application_is_told_of_the_complaint(
    filed: CaseMaker, officer: AbstractBaseUser, astana_officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    notification = filed()
    application = filed(march())
    with time_machine.travel(at(2026, 4, 10, 9), tick=False):
        apply_clock(at(2026, 4, 10, 9))
        run_jobs()
    deemed = OutboxMessage.objects.filter(case=notification, kind="deemed_agreed")
    assert sorted((m.channel, m.status) for m in deemed) == [("email", Status.SENT), ("sms", Status.SENT)]
    sms = deemed.get(channel="sms")
    assert sms.address == "+77011234567" and f"/organizer/cases/{notification.pk}/" in sms.body
    assert len(sms.body) <= 160
    overdue = [m for m in mailbox.to(ORGANIZER) if "ӘРПК" in _plain(m)]
    assert len(overdue) == 1 and str(application.pk) in overdue[0]["Subject"]


def test_the_assembly_day_names_the_representative_and_the_appeal_reminder_its_last_day(
    filed: CaseMaker, officer: AbstractBaseUser, organizer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    Preferences.objects.create(user=organizer, language="en")
    case = filed()
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26, 10))
    record_delivery(
        case.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26, 11)), now=at(2026, 3, 26, 12)
    )
    who = RepresentativeInput("Serik Akhmetov", "chief specialist", "+77010000000")
    appoint_representative(case.pk, officer, who, now=at(2026, 4, 1, 10))
    with time_machine.travel(at(2026, 4, 15, 7), tick=False):  # the rally is on 15 April
        write_due_reminders(at(2026, 4, 15, 7))
        write_due_reminders(at(2026, 4, 15, 8))
        run_jobs()
    day = [m for m in mailbox.to(ORGANIZER) if "today" in m["Subject"]]
    assert len(day) == 1 and "Serik Akhmetov" in _plain(day[0]) and "11:00" in _plain(day[0])

    refused = filed(starts_at="2026-05-20T11:00:00+05:00", ends_at="2026-05-20T12:00:00+05:00")
    reasons = "A threat to public order, assessed and reasoned in full."
    record_decision(
        refused.pk, officer, DecisionInput("refuse", ("14.1.3",), reasons), now=at(2026, 3, 26, 10)
    )
    record_delivery(
        refused.pk, officer, DeliveryInput("hand", sent_at=at(2026, 3, 26, 11)), now=at(2026, 3, 26, 12)
    )
    # Learnt on 26 March: the complaint period ends on Friday 26 June; reminded on 19 and 25 June.
    for moment in (at(2026, 6, 18, 9), at(2026, 6, 19, 9), at(2026, 6, 19, 15), at(2026, 6, 25, 9)):
        with time_machine.travel(moment, tick=False):
            write_due_reminders(moment)
            run_jobs()
    reminders = [m for m in mailbox.to(ORGANIZER) if "appeal" in m["Subject"]]
    assert len(reminders) == 2 and all("26 June 2026" in _plain(m) for m in reminders)


def test_a_monitor_who_follows_a_settlement_gets_its_filings_and_decisions(
    filed: CaseMaker, officer: AbstractBaseUser, astana_officer: AbstractBaseUser, mailbox: Mailbox
) -> None:
    monitor = create_staff(
        email="monitor@example.kz", password=PASSWORD, role="monitor", settlement=""
    )
    Preferences.objects.create(user=monitor, follows="almaty", language="ru")
    case = filed()
    filed(march())  # Astana: not followed
    record_decision(case.pk, officer, DecisionInput("proceed"), now=at(2026, 3, 26, 10))
    with time_machine.travel(at(2026, 3, 26, 10, 5), tick=False):
        run_jobs()
    got = mailbox.to("monitor@example.kz")
    assert sorted(" ".join(str(m["Subject"]).split()) for m in got) == sorted(
        [f"Алматы: новое обращение № {case.pk}", f"Алматы: решение по № {case.pk}"]
    )
