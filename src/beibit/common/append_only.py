"""Append-only logs (case events, monitoring events, the registry's import and edit logs).

`AppendOnlyModel` refuses to change or delete a row through the ORM (save, delete, bulk update and delete);
`AppendOnlyTriggers` builds the database triggers that hold the same against raw SQL and other programs.
Someone with the right to drop a trigger can still edit a row: the hash chains then show it. TRUNCATE is not
blocked on PostgreSQL, because the test framework empties tables with it. Each log's migration builds its
trigger operation here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, NoReturn

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete a recorded event."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Bulk updates and deletes of an append-only log are refused too, not only its model's save()."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model.APPEND_ONLY} append-only: never updated")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model.APPEND_ONLY} append-only: never deleted")


class AppendOnlyModel(models.Model):
    """A row of a log that is only ever added to (case events, monitoring events, registry imports); the
    database triggers below (`AppendOnlyTriggers`) hold the same against raw SQL."""

    APPEND_ONLY: ClassVar[str] = "rows are"  # what the error says is append-only

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self.APPEND_ONLY} append-only: never updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.APPEND_ONLY} append-only: never deleted")


@dataclass(frozen=True)
class AppendOnlyTriggers:
    table: str  # the table, e.g. "cases_caseevent"
    name: str  # the stem of the trigger names, e.g. "caseevent"
    subject: str  # what the error message says is append-only, e.g. "case events are"
    rows: str = "they are"  # how the message names the rows

    def sqlite_create(self) -> list[str]:
        return [
            f"""CREATE TRIGGER IF NOT EXISTS {self.name}_no_{op} BEFORE {op.upper()} ON {self.table}
        BEGIN SELECT RAISE(ABORT, '{self.subject} append-only: {self.rows} never {op}d'); END"""
            for op in ("update", "delete")
        ]

    def sqlite_drop(self) -> list[str]:
        return [f"DROP TRIGGER IF EXISTS {self.name}_no_{op}" for op in ("update", "delete")]

    def postgres_create(self) -> list[str]:
        function = f"beibit_{self.name}_append_only"
        return [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
       BEGIN
         RAISE EXCEPTION '{self.subject} append-only: {self.rows} never %', lower(TG_OP)
           USING ERRCODE = 'integrity_constraint_violation';
       END;
       $$ LANGUAGE plpgsql""",
            f"""CREATE TRIGGER {self.name}_append_only BEFORE UPDATE OR DELETE ON {self.table}
        FOR EACH ROW EXECUTE FUNCTION {function}()""",
        ]

    def postgres_drop(self) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS {self.name}_append_only ON {self.table}",
            f"DROP FUNCTION IF EXISTS beibit_{self.name}_append_only()",
        ]

    def _run(self, schema_editor: BaseDatabaseSchemaEditor, statements: dict[str, list[str]]) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)  # the PL/pgSQL text holds a literal %

    def create(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        self._run(schema_editor, {"sqlite": self.sqlite_create(), "postgresql": self.postgres_create()})

    def drop(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        self._run(schema_editor, {"sqlite": self.sqlite_drop(), "postgresql": self.postgres_drop()})

    def operation(self) -> migrations.RunPython:
        return migrations.RunPython(self.create, self.drop)
