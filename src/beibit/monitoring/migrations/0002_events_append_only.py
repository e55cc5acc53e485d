"""Monitoring events are append-only in the database too, as case events are (cases migration 0002): an
UPDATE or DELETE of a row fails, whoever issues it; the hash chain shows an edit made by someone who could
drop the trigger (`services.verify`)."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "monitoring_monitoringevent"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS monitoringevent_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'monitoring events are append-only: they are never updated'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS monitoringevent_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'monitoring events are append-only: they are never deleted'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS monitoringevent_no_update",
    "DROP TRIGGER IF EXISTS monitoringevent_no_delete",
]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION beibit_monitoringevent_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'monitoring events are append-only: they are never %', lower(TG_OP)
           USING ERRCODE = 'integrity_constraint_violation';
       END;
       $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER monitoringevent_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION beibit_monitoringevent_append_only()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS monitoringevent_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS beibit_monitoringevent_append_only()",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)  # the PL/pgSQL text holds a literal %


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [migrations.RunPython(create, drop)]  # noqa: RUF012 - Django's migration API
