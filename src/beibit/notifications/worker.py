"""The background worker: runs the jobs of the database queue and, every `BEIBIT_CLOCK_SECONDS`, the clock's
round (`tasks.clock_round`). `beibit serve` and `beibit demo` start one beside the web workers; `beibit
worker` runs one alone (more than one may run: a job is claimed by one worker, and every job is idempotent).

It stops on Ctrl-C or SIGTERM (after the job in hand), and by itself when the process that started it is
gone, so no worker outlives its server.

    python -m beibit.notifications.worker
"""

from __future__ import annotations

import logging
import os
import sys
import time

POLL_FLOOR_SECONDS = 0.05


def run(*, poll: float | None = None, clock_every: float | None = None, watch_parent: bool = False) -> int:
    import django
    from django.apps import apps

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beibit.settings")
    if not apps.ready:
        django.setup()
    from django.conf import settings
    from django.db import DatabaseError, close_old_connections
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from beibit.notifications.tasks import clock_round

    logging.basicConfig(level=logging.INFO, format="worker: %(message)s")
    # The backend's loop says "starting" and "no more tasks" on every poll: only its warnings are news.
    logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
    poll = max(POLL_FLOOR_SECONDS, settings.JOBS_POLL_SECONDS if poll is None else poll)
    clock_every = settings.CLOCK_SECONDS if clock_every is None else clock_every
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    parent = os.getppid()
    next_round = time.monotonic()
    clock_path = f"{clock_round.func.__module__}.{clock_round.func.__qualname__}"
    log = logging.getLogger("beibit.notifications")
    while worker.running:
        if watch_parent and os.getppid() != parent:
            return 0  # the server that started this worker is gone
        try:
            if time.monotonic() >= next_round:
                close_old_connections()
                waiting = DBTaskResult.objects.ready().filter(task_path=clock_path).exists()
                if not waiting:
                    clock_round.enqueue()
                next_round = time.monotonic() + clock_every
            worker.run()
        except DatabaseError as error:
            # The database is away or not migrated yet: wait and try again rather than stop.
            log.warning("database not ready: %s", error)
            close_old_connections()
            time.sleep(max(poll, 1.0))
            continue
        if worker.running:
            time.sleep(poll)
    return 0


def main() -> int:
    return run(watch_parent="--watch-parent" in sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
