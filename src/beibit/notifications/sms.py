"""SMS through a small provider interface: the Mobizon.kz HTTP API, or the log (the demo, development).

Mobizon is a Kazakh gateway (api.mobizon.kz) with a documented, public HTTP API: one POST with the API key
in the query and the recipient and text in a form body, answered with JSON `{"code", "data", "message"}`,
`code` 0 on success and `data.messageId` the gateway's id. It needs no SDK: the standard library's urllib
speaks it. Any other gateway is one more class with `send`.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Protocol

from django.conf import settings

logger = logging.getLogger("beibit.notifications.sms")


class SmsError(Exception):
    """The gateway did not take the message (the attempt is recorded and retried)."""


class SmsProvider(Protocol):
    def send(self, phone: str, text: str) -> str:
        """Hand one SMS to the gateway; the gateway's message id, or SmsError."""
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

    def send(self, phone: str, text: str) -> str:
        query = urllib.parse.urlencode({"output": "json", "api": "v1", "apiKey": self.api_key})
        form = {"recipient": msisdn(phone), "text": text}
        if self.sender:
            form["from"] = self.sender
        request = urllib.request.Request(  # noqa: S310 - the configured https (or test) address
            f"{self.api_url}/service/message/sendsmsmessage?{query}",
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
            raise SmsError(f"gateway refused the message: code {code}: {message}")
        data = answer.get("data") or {}
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


def provider() -> SmsProvider:
    if settings.SMS_BACKEND == "mobizon":
        return MobizonProvider(settings.SMS_API_URL, settings.SMS_API_KEY, settings.SMS_SENDER)
    if settings.SMS_BACKEND == "log":
        return LogProvider()
    raise SmsError(f"unknown BEIBIT_SMS_BACKEND {settings.SMS_BACKEND!r}")
