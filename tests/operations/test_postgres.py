"""On PostgreSQL: the service's role cannot rewrite the logs (fault 8a), and a dump restores into a fresh
database whose chains verify, against an anchor taken before the dump too (Operations: backups)."""

from __future__ import annotations

import io
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg import errors, sql

from beibit.cases.models import CaseEvent
from beibit.demo import load_demo
from beibit.operations.roles import RoleNames, apply, log_tables, statements
from beibit.service_cli import main
from tests.cases.fixtures import at

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="roles and dumps are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]
BEIBIT = str(Path(sys.executable).parent / "beibit")


def _database() -> dict[str, Any]:
    return connection.settings_dict


def _prefix() -> str:
    """The test database's name without pytest-django's "test_": extra roles and databases start with it."""
    return str(_database()["NAME"]).removeprefix("test_")


def _url(user: str, password: str | None, name: str) -> str:
    db = _database()
    secret = f":{password}" if password else ""
    return f"postgres://{user}{secret}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _beibit(url: str, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BEIBIT_DATABASE_URL": url}
    return subprocess.run([BEIBIT, *argv], env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def demo() -> None:
    load_demo(now=at(2026, 11, 28, 12), out=io.StringIO())


@pytest.fixture
def service(demo: None) -> Iterator[tuple[str, str]]:
    """The service role set up by `beibit roles` (the tables' owner is the test's own user), with a password
    so that it logs in over TCP like the application would."""
    names = RoleNames(owner=str(_database()["USER"]), service=f"{_prefix()}_service")
    password = secrets.token_hex(16)
    apply(statements(names, str(_database()["NAME"])))
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}")
            .format(sql.Identifier(names.service), sql.Literal(password))
            .as_string(None)
        )
    yield names.service, password
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{names.service}"')
        cursor.execute(f'DROP ROLE "{names.service}"')


def test_fault08_the_service_role_cannot_drop_a_trigger_nor_edit_or_delete_an_event(
    service: tuple[str, str],
) -> None:
    role, password = service
    url = _url(role, password, str(_database()["NAME"]))
    event = CaseEvent.objects.order_by("pk").first()
    assert event is not None
    refused = [
        "DROP TRIGGER caseevent_append_only ON cases_caseevent",
        "ALTER TABLE cases_caseevent DISABLE TRIGGER caseevent_append_only",
        "CREATE OR REPLACE FUNCTION beibit_caseevent_append_only() RETURNS trigger "
        "AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql",
        f"UPDATE cases_caseevent SET payload_json = '{{}}' WHERE id = {event.pk}",
        f"DELETE FROM cases_caseevent WHERE id = {event.pk}",
        "TRUNCATE cases_caseevent",
        "UPDATE monitoring_monitoringevent SET kind = 'edited'",
        "DELETE FROM web_registry_registryimport",
        "UPDATE registry_registryedit SET label = 'x'",
        "CREATE TABLE beibit_rogue (id int)",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())",
    ]
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        conn.execute("SET lock_timeout = '5s'")
        for statement in refused:
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)
        # What the service does need still works: reading the logs, appending, editing a case's row.
        assert conn.execute("SELECT count(*) FROM cases_caseevent").fetchone() == (CaseEvent.objects.count(),)
        with conn.transaction(force_rollback=True):
            conn.execute(f"UPDATE cases_case SET updated_at = updated_at WHERE id = {event.case_id}")
    assert set(log_tables()) == {
        "cases_caseevent",
        "monitoring_monitoringevent",
        "registry_registryedit",
        "web_registry_registryimport",
    }
    # The commands a deployment runs as the service: the clock job and the audit.
    tick = _beibit(url, "tick")
    assert tick.returncode == 0, tick.stderr
    audit = _beibit(url, "audit", "verify")
    assert audit.returncode == 0 and audit.stdout.endswith("intact\n"), audit.stdout + audit.stderr


@pytest.fixture
def restored_database() -> Iterator[str]:
    name = f"{_prefix()}_restore"
    admin = _url(str(_database()["USER"]), _database().get("PASSWORD"), "postgres")

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    drop()


def test_backup_a_dump_restores_into_a_fresh_database_and_verifies(
    demo: None, restored_database: str, tmp_path: Path
) -> None:
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (Debian: postgresql-client)")
    source = _url(str(_database()["USER"]), _database().get("PASSWORD"), str(_database()["NAME"]))
    key, anchor = tmp_path / "key.pem", tmp_path / "anchor.json"
    assert main(["audit", "keygen", str(key)], io.BytesIO(), io.StringIO()) == 0
    assert (
        main(["audit", "anchor", "--key", str(key), "--out", str(anchor)], io.BytesIO(), io.StringIO()) == 0
    )

    dump = tmp_path / "beibit.dump"
    # The documented backup (docs/deploy.md): custom format, no owner or privileges inside.
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={dump}",
            f"--dbname={source}",
        ],
        check=True,
        timeout=300,
    )
    target = _url(str(_database()["USER"]), _database().get("PASSWORD"), restored_database)
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={target}", str(dump)],
        check=True,
        timeout=300,
    )
    events = CaseEvent.objects.count()
    audit = _beibit(target, "audit", "verify", "--anchors", str(anchor), "--public-key", f"{key}.pub")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert f"audit: 17 case(s), {events} event(s): intact" in audit.stdout
    assert "every head holds" in audit.stdout
    # The restored database is complete: no migration left to apply, and its triggers came along.
    pending = _beibit(target, "manage", "migrate", "--check")
    assert pending.returncode == 0, pending.stdout + pending.stderr
    with psycopg.connect(target, autocommit=True) as conn, pytest.raises(errors.IntegrityConstraintViolation):
        conn.execute("DELETE FROM cases_caseevent")
