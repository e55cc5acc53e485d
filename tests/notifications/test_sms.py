"""SMS through Mobizon's HTTP API, against a local stand-in that speaks it (a real HTTP server on the
loopback): the request the gateway documents, the message id it answers with recorded as the delivery's,
a refusal retried; and the log backend of the demo."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.actions.decision import record_decision
from beibit.cases.inputs import DecisionInput
from beibit.cases.models import CaseEvent
from beibit.notifications.models import OutboxMessage, Preferences, Status
from beibit.notifications.sms import LogProvider, MobizonProvider, SmsError, msisdn
from tests.cases.fixtures import CaseMaker, at
from tests.notifications.conftest import Mailbox, run_jobs

pytestmark = pytest.mark.django_db


class Gateway(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    refuse: ClassVar[int] = 0
    #: What `message/getSMSStatus` reports, by message id (ids it does not know are left out, as documented).
    statuses: ClassVar[dict[str, str]] = {}

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        type(self).received.append(
            {"path": urllib.parse.urlsplit(self.path).path, "query": query, "form": form}
        )
        if type(self).refuse:
            type(self).refuse -= 1
            body = {"code": 8, "data": {}, "message": "Not enough money on the balance"}
        elif urllib.parse.urlsplit(self.path).path == "/service/message/getsmsstatus":
            known = [i for i in form.get("ids[]", []) if i in type(self).statuses]
            rows = [
                {"id": int(i), "status": type(self).statuses[i], "segNum": 1, "startSendTs": None}
                for i in known
            ]
            body = {"code": 0, "data": rows, "message": ""}
        else:
            number = 1000 + len(type(self).received)
            body = {
                "code": 0,
                "data": {"campaignId": "77", "messageId": str(number), "status": 1},
                "message": "",
            }
        answer = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def gateway(settings: Any) -> Iterator[type[Gateway]]:
    Gateway.received = []
    Gateway.refuse = 0
    Gateway.statuses = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "mobizon"
    settings.SMS_API_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.SMS_API_KEY = "test-key"
    settings.SMS_SENDER = "Beibit"
    try:
        yield Gateway
    finally:
        server.shutdown()
        server.server_close()


def test_the_mobizon_request_is_the_documented_one(gateway: type[Gateway], settings: Any) -> None:
    provider = MobizonProvider(settings.SMS_API_URL, "test-key", "Beibit")
    assert provider.send("+7 701 123 45 67", "Сәлем") == "1001"
    sent = gateway.received[0]
    assert sent["path"] == "/service/message/sendsmsmessage"
    assert sent["query"] == {"output": ["json"], "api": ["v1"], "apiKey": ["test-key"]}
    assert sent["form"] == {"recipient": ["77011234567"], "text": ["Сәлем"], "from": ["Beibit"]}
    gateway.refuse = 1
    with pytest.raises(SmsError, match="code 8"):
        provider.send("87011234567", "again")


def test_phone_numbers_and_an_unreachable_gateway() -> None:
    assert msisdn("8 (701) 123-45-67") == "77011234567"
    assert msisdn("7011234567") == "77011234567"
    with pytest.raises(SmsError):
        msisdn("+44 20 7946 0958")
    with pytest.raises(SmsError, match="unreachable"):
        MobizonProvider("http://127.0.0.1:9", "key", timeout=2).send("+77011234567", "x")
    with pytest.raises(SmsError):
        MobizonProvider("http://127.0.0.1:9", "")
    assert LogProvider().send("+77011234567", "x").startswith("log-")


def test_the_answer_by_sms_is_sent_short_in_the_recipients_language_and_recorded(
    filed: CaseMaker,
    officer: AbstractBaseUser,
    organizer: AbstractBaseUser,
    mailbox: Mailbox,
    gateway: type[Gateway],  # after the mailbox, which points SMS at the log
) -> None:
    Preferences.objects.create(user=organizer, language="ru")
    case = filed()
    with time_machine.travel(at(2026, 3, 27, 11), tick=True):
        run_jobs()
        gateway.refuse = 1  # the first try is refused by the gateway: tried again
        decision = record_decision(
            case.pk, officer, DecisionInput("proceed", send_by="sms"), now=at(2026, 3, 27, 11)
        )
        run_jobs()
    answer = OutboxMessage.objects.get(case=case, is_answer=True)
    assert (answer.channel, answer.status, answer.attempts) == ("sms", Status.PENDING, 1)
    with time_machine.travel(at(2026, 3, 27, 11, 1), tick=True):
        run_jobs()
    answer.refresh_from_db()
    assert answer.status == Status.SENT
    texts = [r["form"]["text"][0] for r in gateway.received]
    assert texts[-1].startswith(f"Beibit: акимат ответил по № {case.pk}.")
    assert texts[-1].endswith(f"http://beibit.test/organizer/cases/{case.pk}/") and len(texts[-1]) <= 160
    delivered = CaseEvent.objects.get(case=case, kind="delivered")
    assert delivered.payload["channel"] == "sms"
    assert delivered.payload["provider_id"] == answer.provider_id
    assert delivered.payload["decision_seq"] == decision.seq
    # The SMS was the answer: no e-mail carried the decision.
    assert not [m for m in mailbox.to("aigerim@example.kz") if "акимат" in m["Subject"].lower()]


# --- delivery reports (Mobizon's message/getSMSStatus) --------------------------------------------------


def test_the_report_request_is_the_documented_one(gateway: type[Gateway], settings: Any) -> None:
    provider = MobizonProvider(settings.SMS_API_URL, "test-key")
    gateway.statuses = {"1001": "DELIVRD", "1002": "ACCEPTD"}
    assert provider.reports(["1001", "1002", "999"]) == {"1001": "DELIVRD", "1002": "ACCEPTD"}
    asked = gateway.received[-1]
    assert asked["path"] == "/service/message/getsmsstatus"
    assert asked["query"] == {"output": ["json"], "api": ["v1"], "apiKey": ["test-key"]}
    assert asked["form"] == {"ids[]": ["1001", "1002", "999"]}
    assert provider.reports([]) == {} and LogProvider().reports(["log-1"]) == {}
    gateway.refuse = 1
    with pytest.raises(SmsError, match="code 8"):
        provider.reports(["1001"])


def test_a_failed_sms_answer_is_reported_to_the_officer(
    filed: CaseMaker,
    officer: AbstractBaseUser,
    organizer: AbstractBaseUser,
    mailbox: Mailbox,
    gateway: type[Gateway],
    client: Any,
) -> None:
    from beibit.notifications.delivery_reports import read_delivery_reports

    case = filed()
    with time_machine.travel(at(2026, 3, 27, 11), tick=True):
        record_decision(case.pk, officer, DecisionInput("proceed", send_by="sms"), now=at(2026, 3, 27, 11))
        run_jobs()
    answer = OutboxMessage.objects.get(case=case, is_answer=True)
    assert answer.status == Status.SENT and answer.delivery_status == ""
    gateway.statuses = {answer.provider_id: "ACCEPTD"}
    assert read_delivery_reports(at(2026, 3, 27, 11, 1)) == 1
    answer.refresh_from_db()
    assert (answer.delivery_status, answer.delivery_final) == ("ACCEPTD", False)
    asked = len(gateway.received)
    read_delivery_reports(at(2026, 3, 27, 11, 2))  # asked again only after the interval
    assert len(gateway.received) == asked
    gateway.statuses = {answer.provider_id: "UNDELIV"}
    assert read_delivery_reports(at(2026, 3, 27, 11, 10)) == 1
    answer.refresh_from_db()
    assert (answer.delivery_status, answer.delivery_final) == ("UNDELIV", True)
    read_delivery_reports(at(2026, 3, 27, 12, 0))  # final: the gateway is not asked again
    assert len(gateway.received) == asked + 1
    client.force_login(officer)
    page = client.get(f"/akimat/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-report="failed"' in page and "not delivered to the phone" in page
    assert "Answer another way" in page
    client.force_login(organizer)
    messages_page = client.get("/messages/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    assert 'data-report="failed"' in messages_page
    assert "not delivered to the phone" not in messages_page  # in Kazakh


def test_an_unreachable_gateway_leaves_the_reports_to_the_next_round(
    filed: CaseMaker, officer: AbstractBaseUser, mailbox: Mailbox, gateway: type[Gateway], settings: Any
) -> None:
    from beibit.notifications.delivery_reports import read_delivery_reports

    case = filed()
    with time_machine.travel(at(2026, 3, 27, 11), tick=True):
        record_decision(case.pk, officer, DecisionInput("proceed", send_by="sms"), now=at(2026, 3, 27, 11))
        run_jobs()
    settings.SMS_API_URL = "http://127.0.0.1:9"
    assert read_delivery_reports(at(2026, 3, 27, 11, 1)) == 0
    answer = OutboxMessage.objects.get(case=case, is_answer=True)
    assert answer.delivery_checked_at is None  # not asked: asked again next round
