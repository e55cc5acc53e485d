"""/healthz answers while the process lives; /readyz only when the database answers, every migration is
applied and `beibit tick` finished recently (Operations)."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import logging
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from beibit.operations.health import forget_migration_check
from beibit.operations.models import ClockRun
from beibit.service_cli import cmd_tick

NOW = dt.datetime(2026, 12, 7, 15, 0, tzinfo=dt.UTC)


def _tick(at: str | None = None) -> None:
    assert cmd_tick(argparse.Namespace(at=at), io.BytesIO(), io.StringIO()) == 0


def _ready() -> tuple[int, dict[str, Any]]:
    answer = Client().get("/readyz")
    return answer.status_code, answer.json()


def test_healthz_answers_without_a_database_query(db: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        answer = Client().get("/healthz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert "no-cache" in answer["Cache-Control"]


def test_readyz_waits_for_the_first_tick_then_for_a_recent_one(db: None) -> None:
    with time_machine.travel(NOW, tick=False):
        status, body = _ready()
        assert status == 503 and body["checks"]["clock"] == {"ok": False, "reason": "beibit tick has not run"}
        assert body["checks"]["database"]["ok"] and body["checks"]["migrations"]["ok"]
        _tick()
        status, body = _ready()
        assert status == 200 and body["status"] == "ready"
        assert ClockRun.objects.get().recorded == 0
    with time_machine.travel(NOW + dt.timedelta(minutes=59), tick=False):
        assert _ready()[0] == 200
    with time_machine.travel(NOW + dt.timedelta(minutes=61), tick=False):
        status, body = _ready()
        assert status == 503 and body["checks"]["clock"]["age_seconds"] == 61 * 60


def test_readyz_counts_the_background_workers_clock_round(db: None) -> None:
    """`beibit serve` and `beibit demo` run the clock in the worker, not from cron: its round counts too."""
    from beibit.notifications.tasks import clock_round

    with time_machine.travel(NOW, tick=False):
        assert _ready()[0] == 503
        result = clock_round.enqueue()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(pk=result.id).update(status="SUCCESSFUL", finished_at=NOW)
        status, body = _ready()
        assert status == 200 and body["checks"]["clock"]["age_seconds"] == 0
    with time_machine.travel(NOW + dt.timedelta(minutes=61), tick=False):
        assert _ready()[0] == 503


def test_readyz_counts_the_finish_not_the_instant_a_tick_ran_as(db: None) -> None:
    """`tick --at` on a copy runs as another instant; the job is recent when it finished."""
    with time_machine.travel(NOW, tick=False):
        _tick(at="2026-03-31T00:00:00+05:00")
        assert _ready()[0] == 200
        assert ClockRun.objects.get().ran_as == dt.datetime(2026, 3, 30, 19, 0, tzinfo=dt.UTC)


def test_readyz_reports_an_unapplied_migration(transactional_db: None) -> None:
    with time_machine.travel(NOW, tick=False):
        _tick()
        assert _ready()[0] == 200
        executor = MigrationExecutor(connection)
        executor.migrate([("operations", None)])  # unapply this app's migrations
        forget_migration_check()  # else the process trusts its last look for a minute
        try:
            status, body = _ready()
            assert status == 503
            assert body["checks"]["migrations"] == {"ok": False, "pending": ["operations.0001_initial"]}
        finally:
            MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_probe_that_is_not_ready_warns_once_instead_of_logging_a_server_error(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Django logs every 5xx at ERROR on django.request, which BEIBIT_ADMINS turns into a mail per probe."""
    with caplog.at_level(logging.WARNING):
        assert _ready()[0] == 503
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        ("beibit.operations.health", "WARNING", "not ready: clock")
    ]
