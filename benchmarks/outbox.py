"""Benchmark of the outbox: messages per second through a local SMTP server, and the delay from a case
event to its e-mail under the worker's default polling interval.

Sets up a fresh SQLite database in a temporary folder (migrations, the bundled registry, an organizer and an
officer), starts an SMTP server on the loopback (aiosmtpd) and then:

- throughput: files N notifications (each writes two messages: the organizer's receipt and the officer's
  new filing) and times the worker's own loop (django-tasks-db's Worker, in this process) until every
  message is sent; messages per second, median of 3 runs;
- delay: starts the real worker process (`python -m beibit.notifications.worker`, default
  BEIBIT_JOBS_POLL_SECONDS), files one notification at a time and measures from the commit of the event to
  the SMTP server's receipt of the e-mail; median of 5.

Run: .venv/bin/python benchmarks/outbox.py [--cases 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="beibit-outbox-bench-"))
DB = TMP / "bench.sqlite3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


SMTP_PORT = free_port()
ENV = {
    "BEIBIT_DATABASE_URL": f"sqlite:///{DB}",
    "BEIBIT_EMAIL_HOST": "127.0.0.1",
    "BEIBIT_EMAIL_PORT": str(SMTP_PORT),
    "BEIBIT_SITE_URL": "http://beibit.bench",
    "DJANGO_SETTINGS_MODULE": "beibit.settings",
}
os.environ.update(ENV)

import django

django.setup()

from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from beibit.cases.accounts import create_staff, register_organizer
from beibit.cases.actions.filing import create_case, submit
from beibit.cases.moments import local_day
from beibit.law.calendar import default_calendar
from beibit.law.model import PlannedAssembly
from beibit.notifications.models import OutboxMessage, Status
from beibit.places import default_registry
from beibit.registry.store import clear_cache, load_registry_into_db


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
            self.times.append(time.monotonic())
        return "250 OK"


def rally(day: dt.date) -> dict[str, Any]:
    starts = dt.datetime.combine(day, dt.time(11), dt.timezone(dt.timedelta(hours=5)))
    return {
        "form": "rally",
        "purpose": "Ask the city to keep the old trees on Abay avenue",
        "settlement": "almaty",
        "place": {"specialized_place_id": "almaty-imanov-square"},
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=2)).isoformat(),
        "expected_participants": 150,
        "equipment": {
            "sound_amplification": False,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        },
        "regulations": "11:00 opening; speeches; 13:00 close",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds"}],
        "signed_by": "organizer",
    }


def file_one(organizer: Any, offset: int) -> None:
    now = timezone.now()
    day = default_calendar().working_day_after(local_day(now, "almaty"), 25 + offset % 200)
    case = create_case(organizer, PlannedAssembly.model_validate(rally(day)), now=now)
    submit(case.pk, organizer, now=now)


def run_worker_loop() -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100)
    args = parser.parse_args()
    call_command("migrate", interactive=False, verbosity=0)
    load_registry_into_db(default_registry())
    clear_cache()
    organizer = register_organizer(
        email="aigerim@example.kz",
        password="correct-horse-battery-staple",
        full_name="Aigerim Tulegenova",
        iin="850612300451",
        birth_date=dt.date(1985, 6, 12),
        phone="+77011234567",
    )
    create_staff(
        email="officer@almaty.example.kz",
        password="correct-horse-battery-staple",
        role="officer",
        settlement="almaty",
    )
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        rates = []
        for run in range(3):
            for i in range(args.cases):
                file_one(organizer, run * args.cases + i)
            pending = OutboxMessage.objects.filter(status=Status.PENDING).count()
            before = counter.count
            started = time.perf_counter()
            run_worker_loop()
            elapsed = time.perf_counter() - started
            sent = counter.count - before
            assert sent == pending, (sent, pending)
            rates.append(sent / elapsed)
            print(f"run {run + 1}: {sent} messages in {elapsed:.2f} s = {sent / elapsed:.1f} messages/s")
        print(f"throughput: median {statistics.median(rates):.1f} messages/s (3 runs of {2 * args.cases})")

        worker = subprocess.Popen(
            [sys.executable, "-m", "beibit.notifications.worker"],
            env={**os.environ, **ENV},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(3)  # the worker's start-up (Django) and its first clock round
            delays = []
            for i in range(5):
                before = counter.count
                committed = time.monotonic()
                file_one(organizer, 1000 + i)
                while counter.count < before + 2 and time.monotonic() - committed < 30:
                    time.sleep(0.005)
                first = counter.times[before]
                delays.append(first - committed)
                time.sleep(0.37)  # land at different points of the polling cycle
            print("delay event -> e-mail: " + ", ".join(f"{d * 1000:.0f} ms" for d in delays))
            print(
                f"delay: median {statistics.median(delays) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms "
                f"(BEIBIT_JOBS_POLL_SECONDS={os.environ.get('BEIBIT_JOBS_POLL_SECONDS', '1')})"
            )
        finally:
            worker.terminate()
            worker.wait(timeout=20)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
