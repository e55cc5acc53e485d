"""Two PostgreSQL roles, so that the application cannot rewrite its own logs.

- The owner owns the database, its schema and every table: `beibit manage migrate` runs as the owner.
- The service is what `beibit serve`, `beibit tick` and `beibit audit` connect as: it reads and writes rows,
  but creates, alters and drops nothing (no DDL: it owns nothing and may not create in the schema), and on
  the logs (every model with APPEND_ONLY: case events, monitoring events, registry imports) it may only
  read and insert. It cannot drop or disable the append-only triggers (only an owner can), nor update,
  delete or truncate an event. It reads the migration table (for /readyz) but does not write it.

The statements are idempotent: run them after creating the database and again after every migration (a new
table gets the service's row rights from the owner's default privileges; a new log is only closed to
updates by this script).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.apps import apps
from django.db import connection

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True, slots=True)
class RoleNames:
    owner: str
    service: str

    def __post_init__(self) -> None:
        for name in (self.owner, self.service):
            if not _NAME.fullmatch(name):
                raise ValueError(f"{name!r} is not a plain role name (lower-case letters, digits, _)")
        if self.owner == self.service:
            raise ValueError("the owner and the service must be two roles")


def log_tables() -> list[str]:
    """The tables that are only ever appended to."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if getattr(model, "APPEND_ONLY", None) and not model._meta.abstract
    )


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def statements(names: RoleNames, database: str) -> list[str]:
    """The SQL, in order, for a superuser (or an administrator with CREATEROLE who owns the database)."""
    owner, service = _quoted(names.owner), _quoted(names.service)
    existing = set(connection.introspection.table_names())
    # Before the first migration there is nothing to close yet: run the statements again after it.
    logs = ", ".join(_quoted(table) for table in log_tables() if table in existing)
    closed = (
        [f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {logs} FROM {service}"] if logs else []
    )
    if "django_migrations" in existing:
        closed.append(
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {_quoted('django_migrations')} FROM {service}"
        )
    return [
        # The names are checked plain identifiers (RoleNames), so they may stand in the literal.
        "DO $$ BEGIN\n"
        + "".join(
            f"  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
            f"THEN CREATE ROLE {_quoted(name)} LOGIN; END IF;\n"
            for name in (names.owner, names.service)
        )
        + "END $$",
        f"ALTER ROLE {service} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
        f"ALTER DATABASE {_quoted(database)} OWNER TO {owner}",
        f"ALTER SCHEMA public OWNER TO {owner}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"REVOKE ALL ON DATABASE {_quoted(database)} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_quoted(database)} TO {service}",
        f"GRANT USAGE ON SCHEMA public TO {service}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {service}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {service}",
        *closed,
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {service}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {service}",
    ]


def apply(sql: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
