"""`/healthz`: the process answers. `/readyz`: it can serve, i.e. the database answers, every migration is
applied and the clock job (`beibit tick`) finished recently. Machine probes (a load balancer, systemd, a
monitoring system): plain JSON, no language, no session, no redirect to HTTPS (settings)."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from beibit.operations.clock import last_clock_run

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


# Loading the migration graph costs tens of milliseconds: a process that found every migration applied
# trusts that for a minute (an anonymous caller cannot make it load the graph on every request).
_ALL_APPLIED_FOR = 60.0
_all_applied_at: float | None = None


def _pending_migrations() -> list[str]:
    global _all_applied_at
    if _all_applied_at is not None and time.monotonic() - _all_applied_at < _ALL_APPLIED_FOR:
        return []
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    pending = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    _all_applied_at = None if pending else time.monotonic()
    return pending


def forget_migration_check() -> None:
    """Ask the migration graph again on the next probe (tests that unapply a migration)."""
    global _all_applied_at
    _all_applied_at = None


def readiness() -> tuple[bool, dict[str, Any]]:
    """Each check's verdict and a short reason; ready only when all pass."""
    checks: dict[str, Any] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True}
    except DatabaseError as error:
        checks["database"] = {"ok": False, "reason": type(error).__name__}
        return False, checks
    try:
        pending = _pending_migrations()
    except DatabaseError as error:
        pending = [f"unreadable: {type(error).__name__}"]
    checks["migrations"] = {"ok": not pending, **({"pending": pending} if pending else {})}
    run = last_clock_run() if not pending else None
    now = timezone.now()
    if run is None:
        checks["clock"] = {"ok": False, "reason": "beibit tick has not run"}
    else:
        age = now - run.finished_at
        checks["clock"] = {
            "ok": age <= settings.CLOCK_STALE_AFTER,
            "last_run": run.finished_at.isoformat(),
            "age_seconds": int(age.total_seconds()),
        }
    return all(check["ok"] for check in checks.values()), checks


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    ready, checks = readiness()
    body = {"status": "ready" if ready else "not ready", "checks": checks}
    response = JsonResponse(body, status=200 if ready else 503)
    if not ready:
        # A probe's 503 is a state, not a server error: one warning line, instead of Django's error line
        # (and, with BEIBIT_ADMINS set, a mail) for every probe.
        failing = sorted(name for name, check in checks.items() if not check["ok"])
        logger.warning("not ready: %s", ", ".join(failing), extra={"checks": checks})
        response._has_been_logged = True  # type: ignore[attr-defined]  # django.utils.log.log_response
    return response
