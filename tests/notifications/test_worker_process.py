"""The real worker process killed while it sends: the message it held is sent once by the next worker, and
nothing is sent twice. The database is an SQLite file both processes share; the SMTP server is aiosmtpd."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.notifications.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


class HoldingMailbox:
    """Holds the first message in DATA until released, then refuses it (its sender is dead by then)."""

    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.message_ids: list[str] = []
        self.holding = threading.Event()
        self.release = threading.Event()
        self.first = True

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.first:
            self.first = False
            self.holding.set()
            while not self.release.is_set():
                import asyncio

                await asyncio.sleep(0.05)
            return "451 4.3.0 the sender went away"
        self.recipients.extend(envelope.rcpt_tos)
        content = envelope.content.decode("utf-8", "replace")
        self.message_ids += [line for line in content.splitlines() if line.startswith("Message-ID:")]
        return "250 OK"


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[HoldingMailbox, dict[str, str], Path]]:
    box = HoldingMailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    db = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "BEIBIT_DATABASE_URL": f"sqlite:///{db}",
        "BEIBIT_EMAIL_HOST": "127.0.0.1",
        "BEIBIT_EMAIL_PORT": str(port),
        "BEIBIT_OUTBOX_CLAIM_SECONDS": "3",
        "BEIBIT_CLOCK_SECONDS": "1",
        "BEIBIT_JOBS_POLL_SECONDS": "0.2",
        "DJANGO_SETTINGS_MODULE": "beibit.settings",
    }
    subprocess.run([sys.executable, "-m", "tests.notifications.seed"], cwd=ROOT, env=env, check=True)
    try:
        yield box, env, db
    finally:
        box.release.set()
        controller.stop()


def _worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "beibit.notifications.worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_worker_killed_while_sending_loses_nothing_and_sends_nothing_twice(
    world: tuple[HoldingMailbox, dict[str, str], Path],
) -> None:
    box, env, db = world
    first = _worker(env)
    try:
        assert box.holding.wait(timeout=60), "the worker never reached the SMTP server"
        first.send_signal(signal.SIGKILL)  # dies in the middle of handing over the first message
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    box.release.set()
    second = _worker(env)
    try:
        deadline = time.monotonic() + 60
        while len(box.recipients) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # a few more rounds of the clock: nothing more may arrive
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    assert sorted(box.recipients) == ["aigerim@example.kz", "officer@almaty.example.kz"]
    assert len(set(box.message_ids)) == 2
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT kind, status, attempts FROM notifications_outboxmessage ORDER BY kind"
        ).fetchall()
    assert [(kind, status) for kind, status, _ in rows] == [("new_filing", "sent"), ("receipt", "sent")]
    assert second.returncode == 0  # SIGTERM: a clean stop
