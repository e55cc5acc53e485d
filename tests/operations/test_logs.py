"""A server error leaves a JSON log line with its traceback and the request id, which the response echoes;
with BEIBIT_ADMINS set the error is also mailed (fault 12)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core import mail
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils.log import configure_logging
from pythonjsonlogger.json import JsonFormatter

from beibit.operations.logs import request_id_from
from tests.operations.conftest import SettingsOf


def broken(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("a deliberate fault for the log test")


urlpatterns = [path("broken", broken)]


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the configured JSON handler of django.request writes (its stream swapped for a buffer)."""
    handlers = [  # the configured one: not the handlers pytest's logging plugin adds beside it
        h
        for h in logging.getLogger("django.request").handlers
        if type(h) is logging.StreamHandler and isinstance(h.formatter, JsonFormatter)
    ]
    assert handlers, "django.request has no stream handler"
    buffer = io.StringIO()
    previous = [handler.setStream(buffer) for handler in handlers]
    yield buffer
    for handler, stream in zip(handlers, previous, strict=True):
        handler.setStream(stream)


def _lines(buffer: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


@override_settings(ROOT_URLCONF=__name__)
def test_fault12_a_500_leaves_a_json_line_with_traceback_and_request_id(
    db: None, log_lines: io.StringIO
) -> None:
    answer = Client(raise_request_exception=False).get("/broken", HTTP_X_REQUEST_ID="nginx-4f2a9c")
    assert answer.status_code == 500
    assert answer["X-Request-ID"] == "nginx-4f2a9c"
    [line] = [entry for entry in _lines(log_lines) if entry["level"] == "ERROR"]
    assert line["logger"] == "django.request" and line["request_id"] == "nginx-4f2a9c"
    assert "Traceback" in str(line["traceback"]) and "a deliberate fault for the log test" in str(
        line["traceback"]
    )
    assert str(line["time"]).endswith("+00:00")


@override_settings(ROOT_URLCONF=__name__)
def test_fault12_each_request_gets_an_id_and_a_forged_one_is_replaced(
    db: None, log_lines: io.StringIO
) -> None:
    first = Client(raise_request_exception=False).get("/broken")
    second = Client(raise_request_exception=False).get("/broken", HTTP_X_REQUEST_ID='x" \n{"level":"forged"}')
    ids = [first["X-Request-ID"], second["X-Request-ID"]]
    assert len(set(ids)) == 2 and all(len(i) == 32 for i in ids)
    assert [entry["request_id"] for entry in _lines(log_lines)] == ids


def test_fault12_request_ids_are_bounded_tokens() -> None:
    assert request_id_from("abc-123_x.y") == "abc-123_x.y"
    assert request_id_from("a" * 65) != "a" * 65
    assert request_id_from(None) != request_id_from(None)


def test_fault12_the_admins_get_a_mail_with_the_request_id(db: None, settings_of: SettingsOf) -> None:
    logging_config = settings_of(BEIBIT_ADMINS="ops@example.kz, duty@example.kz")
    assert logging_config["ADMINS"] == [
        ("ops@example.kz", "ops@example.kz"),
        ("duty@example.kz", "duty@example.kz"),
    ]
    assert "mail_admins" in logging_config["LOGGING"]["loggers"]["django.request"]["handlers"]
    assert "mail_admins" not in settings_of()["LOGGING"]["loggers"]["django.request"]["handlers"]
    with override_settings(
        ROOT_URLCONF=__name__, ADMINS=logging_config["ADMINS"], LOGGING=logging_config["LOGGING"]
    ):
        configure_logging("logging.config.dictConfig", logging_config["LOGGING"])
        try:
            answer = Client(raise_request_exception=False).get("/broken", HTTP_X_REQUEST_ID="req-77")
        finally:
            configure_logging("logging.config.dictConfig", settings.LOGGING)
    assert answer.status_code == 500
    [message] = mail.outbox
    assert message.to == ["ops@example.kz", "duty@example.kz"]
    assert "[req-77]" in message.subject and "ZeroDivisionError" in message.body
