"""A real SMTP server (aiosmtpd) on the loopback for the e-mail tests, and the worker run in-process."""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from tests.cases.fixtures import (  # noqa: F401 - fixtures
    astana_officer,
    fast_password_hashing,
    filed,
    officer,
    organizer,
    registry_in_db,
)


class Mailbox:
    """What the SMTP server received; `refuse` answers that many messages with a temporary failure."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 4.3.0 Mailbox temporarily unavailable"
            message = email.message_from_bytes(envelope.content, policy=default_policy)
            assert isinstance(message, EmailMessage)
            self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


@pytest.fixture
def mailbox(smtp_server: tuple[Mailbox, int], settings: Any) -> Mailbox:
    """The SMTP server, with Django's SMTP backend pointed at it."""
    box, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "http://beibit.test"
    settings.SMS_BACKEND = "log"
    return box


def run_jobs() -> int:
    """Run every job that is ready, with the worker's own code (django-tasks-db), in this process. The
    worker's recycling of old connections is left out: the test's transaction must keep its connection
    (and time-machine's travel makes every connection look old)."""
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    before = DBTaskResult.objects.exclude(status="READY").count()
    recycle = db_worker.close_old_connections
    db_worker.close_old_connections = lambda **kwargs: None
    try:
        _run_worker()
    finally:
        db_worker.close_old_connections = recycle
    return DBTaskResult.objects.exclude(status="READY").count() - before


def _run_worker() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    ).run()
