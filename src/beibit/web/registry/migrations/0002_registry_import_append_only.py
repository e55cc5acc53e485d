"""The registry import log is append-only in the database too: an UPDATE or DELETE of a row fails.

The model layer refuses the same (`RegistryImport.save`, `RegistryImportQuerySet`); these triggers hold
against raw SQL and other programs, as those of the case events do (cases/migrations/0002).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "web_registry_registryimport"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS registryimport_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the registry import log is append-only: rows are never updated'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS registryimport_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'the registry import log is append-only: rows are never deleted'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS registryimport_no_update",
    "DROP TRIGGER IF EXISTS registryimport_no_delete",
]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION beibit_registryimport_append_only() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION 'the registry import log is append-only: rows are never %', lower(TG_OP)
           USING ERRCODE = 'integrity_constraint_violation';
       END;
       $$ LANGUAGE plpgsql""",
    f"""CREATE TRIGGER registryimport_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION beibit_registryimport_append_only()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS registryimport_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS beibit_registryimport_append_only()",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)  # the PL/pgSQL text holds a literal %


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    dependencies = [("web_registry", "0001_initial")]  # noqa: RUF012 - Django's migration API

    operations = [migrations.RunPython(create, drop)]  # noqa: RUF012 - Django's migration API
