"""Case events are append-only in the database too: an UPDATE or DELETE of a row fails, whoever issues it.

The model layer refuses the same (`CaseEvent.save`, `CaseEventQuerySet`); these triggers hold against raw SQL
and other programs. Someone with the right to drop a trigger can still edit a row: the hash chain then shows
it (`beibit audit verify`). TRUNCATE is not blocked on PostgreSQL, because the test framework empties tables
with it; a truncated log fails verification against the cases that remain (their counts and hashes).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "cases_caseevent"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS caseevent_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'case events are append-only: they are never updated'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS caseevent_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'case events are append-only: they are never deleted'); END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS caseevent_no_update", "DROP TRIGGER IF EXISTS caseevent_no_delete"]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION beibit_caseevent_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'case events are append-only: they are never %', lower(TG_OP)
           USING ERRCODE = 'integrity_constraint_violation';
       END;
       $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER caseevent_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION beibit_caseevent_append_only()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS caseevent_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS beibit_caseevent_append_only()",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement, params=None)  # the PL/pgSQL text holds a literal %


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [migrations.RunPython(create, drop)]  # noqa: RUF012 - Django's migration API
