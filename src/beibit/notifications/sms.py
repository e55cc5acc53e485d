"""SMS through a small provider interface: the Mobizon.kz HTTP API, or the log (the demo, development).

Mobizon is a Kazakh gateway (api.mobizon.kz) with a documented, public HTTP API: one POST with the API key
in the query and the recipient and text in a form body, answered with JSON `{"code", "data", "message"}`,
`code` 0 on success and `data.messageId` the gateway's id. Its delivery reports are read the same way
(`message/getSMSStatus`, up to 100 ids a request): `data` is a list of `{"id", "status", "segNum",
"startSendTs", "statusUpdateTs"}`; DELIVRD, UNDELIV, REJECTD, EXPIRED and DELETED are final (the gateway
gives up after a day), NEW, ENQUEUD, ACCEPTD and PDLIVRD are not. It needs no SDK: the standard library's
urllib speaks it. Any other gateway is one more class with `send` and `reports`.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Protocol

from django.conf import settings

logger = logging.getLogger("beibit.notifications.sms")


class SmsError(Exception):
    """The gateway did not take the message (the attempt is recorded and retried)."""


#: Mobizon's final statuses, and those that mean the SMS did not reach the phone.
FINAL_STATUSES = frozenset({"DELIVRD", "UNDELIV", "REJECTD", "EXPIRED", "DELETED"})
FAILED_STATUSES = frozenset({"UNDELIV", "REJECTD", "EXPIRED", "DELETED"})
REPORT_BATCH = 100


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Hand one SMS to the gateway; the gateway's message id, or SmsError."""
        ...

    def reports(self, message_ids: list[str]) -> dict[str, str]:
        """The gateway's delivery status of each message it knows (ids it does not know are left out)."""
        ...


def msisdn(phone: str) -> str:
    """A Kazakh mobile number as the gateways take it: digits only, country code 7 (8 7xx ... → 7 7xx ...)."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    if len(digits) == 10 and digits.startswith("7"):
        digits = "7" + digits
    if not (len(digits) == 11 and digits.startswith("7")):
        raise SmsError(f"not a Kazakh mobile number: {phone!r}")
    return digits


class MobizonProvider:
    """Mobizon's `message/sendSmsMessage` (API v1)."""

    def __init__(self, api_url: str, api_key: str, sender: str = "", timeout: float = 20.0) -> None:
        if not api_key:
            raise SmsError("BEIBIT_SMS_API_KEY is not set")
        self.api_url = api_url.rstrip("/")
        self.api_key = api_key
        self.sender = sender
        self.timeout = timeout

    def _call(self, method: str, form: list[tuple[str, str]]) -> Any:
        """One API call: the `data` of a `code` 0 answer, or SmsError."""
        query = urllib.parse.urlencode({"output": "json", "api": "v1", "apiKey": self.api_key})
        request = urllib.request.Request(  # noqa: S310 - the configured https (or test) address
            f"{self.api_url}/service/message/{method}?{query}",
            data=urllib.parse.urlencode(form).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
            raise SmsError(f"gateway unreachable or unreadable: {error}") from error
        if not isinstance(answer, dict) or answer.get("code") != 0:
            code = answer.get("code") if isinstance(answer, dict) else None
            message = answer.get("message") if isinstance(answer, dict) else None
            raise SmsError(f"gateway refused the request: code {code}: {message}")
        return answer.get("data")

    def reports(self, message_ids: list[str]) -> dict[str, str]:
        """`message/getSMSStatus` for up to `REPORT_BATCH` ids."""
        if not message_ids:
            return {}
        data = self._call("getsmsstatus", [("ids[]", i) for i in message_ids[:REPORT_BATCH]])
        found: dict[str, str] = {}
        for row in data if isinstance(data, list) else []:
            if isinstance(row, dict) and row.get("id") is not None and isinstance(row.get("status"), str):
                found[str(row["id"])] = row["status"][:12]
        return found

    def send(self, phone: str, text: str) -> str:
        form = [("recipient", msisdn(phone)), ("text", text)]
        if self.sender:
            form.append(("from", self.sender))
        data = self._call("sendsmsmessage", form) or {}
        message_id = str(data.get("messageId") or "") if isinstance(data, dict) else ""
        if not message_id:
            raise SmsError("gateway answered without a message id")
        return message_id


class LogProvider:
    """Writes the SMS to the log instead of sending it (the demo; no gateway account needed)."""

    def send(self, phone: str, text: str) -> str:
        message_id = f"log-{uuid.uuid4().hex[:12]}"
        logger.info("SMS to %s (%s): %s", phone, message_id, text)
        return message_id

    def reports(self, message_ids: list[str]) -> dict[str, str]:
        """The log delivers nothing, so it reports nothing (the messages keep "no report")."""
        return {}


def provider() -> SmsProvider:
    if settings.SMS_BACKEND == "mobizon":
        return MobizonProvider(settings.SMS_API_URL, settings.SMS_API_KEY, settings.SMS_SENDER)
    if settings.SMS_BACKEND == "log":
        return LogProvider()
    raise SmsError(f"unknown BEIBIT_SMS_BACKEND {settings.SMS_BACKEND!r}")
